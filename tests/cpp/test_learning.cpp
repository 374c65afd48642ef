// The learning lab: data, softmax model, gradient, training, and the CE = H + KL identity.
// Known losses come from tests/fixtures/learning.json, made by make_learning_fixture.py
// (generator re-implemented in Python, training in mpmath at 40 digits, population
// quantities by mpmath's own quadrature).
#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "bitruler/learning.hpp"

using namespace bitruler;

namespace {

std::string read_fixture() {
  std::ifstream in(std::string(BITRULER_FIXTURE_DIR) + "/learning.json");
  REQUIRE(in.good());
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The part of the fixture text that belongs to the run named `name`.
std::string run_text(const std::string& json, const std::string& name) {
  const auto start = json.find("\"name\": \"" + name + "\"");
  REQUIRE(start != std::string::npos);
  const auto end = json.find("\"name\":", start + 1);
  return json.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

// The numbers after "key": (one number, or an array of them).
std::vector<double> numbers(const std::string& text, const std::string& key) {
  auto at = text.find("\"" + key + "\":");
  REQUIRE(at != std::string::npos);
  at += key.size() + 3;
  std::vector<double> out;
  const char* s = text.c_str() + at;
  while (*s == ' ' || *s == '\n') ++s;
  if (*s != '[') {
    out.push_back(std::strtod(s, nullptr));
    return out;
  }
  ++s;
  while (true) {
    while (*s == ' ' || *s == '\n' || *s == ',') ++s;
    if (*s == ']') break;
    char* end = nullptr;
    out.push_back(std::strtod(s, &end));
    REQUIRE(end != s);
    s = end;
  }
  return out;
}

std::vector<double> zeros(int degree) { return std::vector<double>(*parameter_count(degree), 0.0); }

}  // namespace

TEST_CASE("the true conditional is a distribution that favours the stronger team") {
  for (double x = -3; x <= 3; x += 0.25) {
    const auto p = true_conditional(x);
    CHECK(p[0] + p[1] + p[2] == doctest::Approx(1.0).epsilon(1e-15));
    for (double v : p) CHECK(v > 0);
  }
  CHECK(true_conditional(2)[0] > true_conditional(1)[0]);
  CHECK(true_conditional(-2)[2] > true_conditional(-1)[2]);
  CHECK(true_conditional(0)[0] == doctest::Approx(true_conditional(0)[2]).epsilon(1e-15));
}

TEST_CASE("a seed fixes the data set, and it matches the Python re-implementation") {
  const std::string json = read_fixture();
  const std::string run = run_text(json, "moderate");
  auto a = make_dataset(200, 42);
  auto b = make_dataset(200, 42);
  auto c = make_dataset(200, 43);
  REQUIRE(a.ok());
  CHECK(a->x == b->x);
  CHECK(a->y == b->y);
  CHECK(a->x != c->x);
  const auto xs = numbers(run, "first_x");
  const auto ys = numbers(run, "first_y");
  for (std::size_t i = 0; i < xs.size(); ++i) {
    CHECK(a->x[i] == xs[i]);
    CHECK(a->y[i] == static_cast<int>(ys[i]));
  }
  const auto counts = numbers(run, "y_counts");
  for (int k = 0; k < 3; ++k) {
    long n = 0;
    for (int y : a->y) n += (y == k);
    CHECK(n == static_cast<long>(counts[k]));
  }
}

TEST_CASE("the softmax never overflows") {
  std::vector<double> theta = zeros(1);
  theta[0] = 1e300;  // win logit intercept
  theta[2] = -1e300;
  auto q = model_conditional(theta, 1, 0.5);
  REQUIRE(q.ok());
  CHECK((*q)[0] == 1.0);
  CHECK((*q)[2] == 0.0);
  CHECK_FALSE(std::isnan((*q)[1]));
  auto u = model_conditional(zeros(3), 3, 1.0);
  for (double v : *u) CHECK(v == doctest::Approx(1.0 / 3).epsilon(1e-15));
}

TEST_CASE("the gradient agrees with central finite differences") {
  auto data = make_dataset(300, 5);
  REQUIRE(data.ok());
  for (int degree = 1; degree <= 3; ++degree) {
    CAPTURE(degree);
    std::vector<double> theta(*parameter_count(degree));
    for (std::size_t i = 0; i < theta.size(); ++i) theta[i] = std::sin(1.7 * i + degree);  // any fixed point
    auto lg = loss_and_gradient(*data, degree, theta);
    REQUIRE(lg.ok());
    for (std::size_t i = 0; i < theta.size(); ++i) {
      const double h = 1e-5;
      auto plus = theta, minus = theta;
      plus[i] += h;
      minus[i] -= h;
      const double fd =
          (loss_and_gradient(*data, degree, plus)->loss_nats - loss_and_gradient(*data, degree, minus)->loss_nats) /
          (2 * h);
      CAPTURE(i);
      CHECK(lg->gradient[i] == doctest::Approx(fd).epsilon(1e-7));
    }
  }
}

TEST_CASE("at theta = 0 the model is uniform: every loss is log2 3 bits") {
  auto data = make_dataset(50, 1);
  auto r = evaluate(*data, 2, zeros(2), 0);
  REQUIRE(r.ok());
  CHECK(r->train_loss == doctest::Approx(std::log2(3.0)).epsilon(1e-15));
  CHECK(r->cross_entropy == doctest::Approx(std::log2(3.0)).epsilon(1e-14));
  CHECK(r->log_likelihood == doctest::Approx(-50 * std::log2(3.0)).epsilon(1e-15));
  CHECK(r->likelihood == doctest::Approx(std::pow(3.0, -50)).epsilon(1e-12));
}

TEST_CASE("cross-entropy = entropy + KL at every step, and KL >= 0") {
  auto data = make_dataset(500, 11);
  for (int degree = 1; degree <= 3; ++degree) {
    for (double base : {2.0, std::exp(1.0), 10.0}) {
      auto run = train(*data, degree, 1.5, zeros(degree), 0, 150, base);
      REQUIRE(run.ok());
      REQUIRE(run->steps.size() == 150);
      for (const auto& s : run->steps) {
        CHECK(std::fabs(s.cross_entropy - (s.entropy + s.kl)) <= 1e-12);
        CHECK(std::fabs(s.identity_residual) <= 1e-12);
        CHECK(s.kl >= 0.0);
        CHECK(s.cross_entropy >= s.entropy);
      }
      CHECK(run->steps.front().step == 1);
      CHECK(run->steps.back().step == 150);
    }
  }
}

TEST_CASE("the entropy floor matches mpmath's quadrature") {
  const std::string json = read_fixture();
  const double floor = numbers(json, "entropy_floor_bits")[0];
  auto m = population_metrics(zeros(1), 1, 2.0);
  REQUIRE(m.ok());
  CHECK(m->entropy == doctest::Approx(floor).epsilon(1e-13));
}

TEST_CASE("fixed-seed runs reach the losses of the mpmath reference") {
  const std::string json = read_fixture();
  for (const char* name : {"moderate", "overfit"}) {
    CAPTURE(name);
    const std::string run_json = run_text(json, name);
    const auto n = static_cast<std::size_t>(numbers(run_json, "n")[0]);
    const auto seed = static_cast<std::uint64_t>(numbers(run_json, "seed")[0]);
    const int degree = static_cast<int>(numbers(run_json, "degree")[0]);
    const double lr = numbers(run_json, "learning_rate")[0];
    const int steps = static_cast<int>(numbers(run_json, "steps")[0]);
    const auto record = numbers(run_json, "record_steps");
    const auto losses = numbers(run_json, "train_loss_bits");
    auto data = make_dataset(n, seed);
    REQUIRE(data.ok());
    auto start = evaluate(*data, degree, zeros(degree), 0);
    CHECK(start->train_loss == doctest::Approx(losses[0]).epsilon(1e-14));
    auto run = train(*data, degree, lr, zeros(degree), 0, steps);
    REQUIRE(run.ok());
    for (std::size_t i = 1; i < record.size(); ++i) {
      const auto& s = run->steps[static_cast<std::size_t>(record[i]) - 1];
      CAPTURE(s.step);
      CHECK(s.train_loss == doctest::Approx(losses[i]).epsilon(1e-10));
    }
    const auto theta = numbers(run_json, "final_theta");
    for (std::size_t i = 0; i < theta.size(); ++i) CHECK(run->theta[i] == doctest::Approx(theta[i]).epsilon(1e-9));
    const auto& last = run->steps.back();
    CHECK(last.cross_entropy == doctest::Approx(numbers(run_json, "final_cross_entropy_bits")[0]).epsilon(1e-10));
    CHECK(last.entropy == doctest::Approx(numbers(run_json, "final_entropy_bits")[0]).epsilon(1e-12));
    CHECK(last.kl == doctest::Approx(numbers(run_json, "final_kl_bits")[0]).epsilon(1e-9));
  }
}

TEST_CASE("with few samples the training loss falls below the floor while the true cross-entropy cannot") {
  auto data = make_dataset(12, 7);
  auto run = train(*data, 3, 5.0, zeros(3), 0, 1500);
  REQUIRE(run.ok());
  const auto& last = run->steps.back();
  CHECK(last.train_loss < last.entropy);
  CHECK(last.cross_entropy > last.entropy);
}

TEST_CASE("gradient descent with a small rate lowers the loss at every step") {
  auto data = make_dataset(1000, 3);
  auto run = train(*data, 1, 0.5, zeros(1), 0, 100);
  REQUIRE(run.ok());
  double previous = std::log2(3.0);
  for (const auto& s : run->steps) {
    CHECK(s.train_loss < previous);
    previous = s.train_loss;
  }
}

TEST_CASE("steps continue where the last call stopped: 2 x 50 steps = 100 steps") {
  auto data = make_dataset(400, 9);
  auto whole = train(*data, 2, 1.0, zeros(2), 0, 100);
  auto first = train(*data, 2, 1.0, zeros(2), 0, 50);
  auto second = train(*data, 2, 1.0, first->theta, 50, 50);
  REQUIRE(second.ok());
  CHECK(second->theta == whole->theta);
  CHECK(second->steps.back().step == 100);
  CHECK(second->steps.back().train_loss == whole->steps.back().train_loss);
}

TEST_CASE("the likelihood of a large sample underflows; its logarithm does not") {
  auto data = make_dataset(100000, 2);
  auto r = evaluate(*data, 1, zeros(1), 0);
  REQUIRE(r.ok());
  CHECK(r->likelihood == 0.0);
  CHECK(r->log_likelihood == doctest::Approx(-100000 * std::log2(3.0)).epsilon(1e-12));
}

TEST_CASE("bad parameters are refused") {
  auto data = make_dataset(10, 1);
  auto code = [](const auto& r) { return r.ok() ? ErrorCode::EMPTY : r.error().code; };
  CHECK(code(make_dataset(0, 1)) == ErrorCode::OUT_OF_RANGE);
  CHECK(code(make_dataset(kLabMaxSamples + 1, 1)) == ErrorCode::OUT_OF_RANGE);
  CHECK(code(train(*data, 1, 0.0, zeros(1), 0, 1)) == ErrorCode::OUT_OF_RANGE);
  CHECK(code(train(*data, 1, -1.0, zeros(1), 0, 1)) == ErrorCode::OUT_OF_RANGE);
  CHECK(code(train(*data, 1, std::nan(""), zeros(1), 0, 1)) == ErrorCode::NOT_FINITE);
  CHECK(code(train(*data, 0, 1.0, zeros(1), 0, 1)) == ErrorCode::OUT_OF_RANGE);
  CHECK(code(train(*data, 4, 1.0, zeros(1), 0, 1)) == ErrorCode::OUT_OF_RANGE);
  CHECK(code(train(*data, 2, 1.0, zeros(1), 0, 1)) == ErrorCode::LENGTH_MISMATCH);
  CHECK(code(train(*data, 1, 1.0, zeros(1), 0, -1)) == ErrorCode::OUT_OF_RANGE);
  CHECK(code(train(*data, 1, 1.0, zeros(1), 0, 1, 1.0)) == ErrorCode::BAD_BASE);
  auto bad_theta = zeros(1);
  bad_theta[3] = std::numeric_limits<double>::infinity();
  CHECK(code(train(*data, 1, 1.0, bad_theta, 0, 1)) == ErrorCode::NOT_FINITE);
  SUBCASE("limits carry their reason and bound") {
    CHECK(train(*data, 1, 2000.0, zeros(1), 0, 1).error().reason == "LEARNING_RATE");
    CHECK(train(*data, 1, 2000.0, zeros(1), 0, 1).error().limit == kLabMaxLearningRate);
    CHECK(train(*data, 1, 1.0, zeros(1), 0, kLabMaxStepsPerCall + 1).error().reason == "STEPS");
    CHECK(train(*data, 1, 1.0, zeros(1), -1, 1).error().reason == "STEP_NUMBER");
    CHECK(train(*data, 1, 1.0, zeros(1), static_cast<std::int64_t>(kLabMaxStepNumber), 1).error().reason ==
          "STEP_NUMBER");
    CHECK(make_dataset(kLabMaxSamples + 1, 1).error().limit == static_cast<double>(kLabMaxSamples));
    CHECK(parameter_count(4).error().reason == "DEGREE");
  }
}

namespace {

// Every number a run hands out is finite, the steps are numbered consecutively, and a run that
// stopped early says where.
void check_run(const TrainRun& run, std::int64_t first_step, int steps) {
  for (double t : run.theta) REQUIRE(std::isfinite(t));
  for (std::size_t i = 0; i < run.steps.size(); ++i) {
    REQUIRE(run.steps[i].step == first_step + static_cast<std::int64_t>(i) + 1);
    for (double v : train_row(run.steps[i])) REQUIRE(std::isfinite(v));
  }
  if (run.diverged) {
    REQUIRE(run.diverged_at == first_step + static_cast<std::int64_t>(run.steps.size()) + 1);
    REQUIRE(run.steps.size() < static_cast<std::size_t>(steps));
  } else {
    REQUIRE(run.diverged_at == 0);
    REQUIRE(run.steps.size() == static_cast<std::size_t>(steps));
  }
}

}  // namespace

TEST_CASE("a diverging rate stops the run at the first non-finite step, with the finite steps before it") {
  SUBCASE("the issue's run: n = 200, seed = 1, degree 3, rate 1000, 40 steps (NaN and infinity from step 3)") {
    auto data = make_dataset(200, 1);
    auto run = train(*data, 3, 1000.0, zeros(3), 0, 40);
    REQUIRE(run.ok());
    check_run(*run, 0, 40);
    CHECK(run->diverged);
    CHECK(run->diverged_at == 3);
    CHECK(run->steps.size() == 2);
    SUBCASE("continuing from the returned theta stops again at the same step, reporting nothing") {
      auto again = train(*data, 3, 1000.0, run->theta, run->diverged_at - 1, 40);
      REQUIRE(again.ok());
      CHECK(again->diverged);
      CHECK(again->diverged_at == run->diverged_at);
      CHECK(again->steps.empty());
      CHECK(again->theta == run->theta);
    }
    SUBCASE("the last finite theta evaluates; one more step's theta is refused as DIVERGED, not reported") {
      CHECK(evaluate(*data, 3, run->theta, 2).ok());
      auto lg = loss_and_gradient(*data, 3, run->theta);
      REQUIRE(lg.ok());
      std::vector<double> next = run->theta;
      for (std::size_t i = 0; i < next.size(); ++i) next[i] -= 1000.0 * lg->gradient[i];
      auto e = evaluate(*data, 3, next, 3);
      if (!e.ok()) {
        CHECK(e.error().code == ErrorCode::NOT_FINITE);
        CHECK(e.error().reason == "DIVERGED");
      } else {
        FAIL("step 3 of the issue's run should not evaluate to finite metrics");
      }
    }
  }
  SUBCASE("no NaN or infinity leaves train() for any degree and rate up to kLabMaxLearningRate") {
    int diverged = 0, converged = 0;
    for (const std::size_t n : {std::size_t{1}, std::size_t{2}, std::size_t{200}}) {
      for (const std::uint64_t seed : {1u, 4u}) {
        auto data = make_dataset(n, seed);
        REQUIRE(data.ok());
        for (int degree = kLabMinDegree; degree <= kLabMaxDegree; ++degree) {
          for (const double rate : {1e-3, 0.1, 1.0, 3.0, 10.0, 30.0, 100.0, 300.0, 999.0, kLabMaxLearningRate}) {
            CAPTURE(n);
            CAPTURE(seed);
            CAPTURE(degree);
            CAPTURE(rate);
            auto run = train(*data, degree, rate, zeros(degree), 0, 60);
            REQUIRE(run.ok());
            check_run(*run, 0, 60);
            (run->diverged ? diverged : converged) += 1;
          }
        }
      }
    }
    MESSAGE(diverged << " of " << diverged + converged << " runs diverged, every number finite");
    CHECK(diverged > 0);
    CHECK(converged > 0);
  }
}

TEST_CASE("the report columns are one list in the binding's order") {
  CHECK(kLabTrainColumns.size() == kLabTrainColumnCount);
  CHECK(std::string(kLabTrainColumns[0]) == "step");
  CHECK(std::string(kLabTrainColumns[1]) == "trainLoss");
  CHECK(std::string(kLabTrainColumns[7]) == "likelihood");
  StepReport r;
  r.step = 7;
  r.train_loss = 1;
  r.cross_entropy = 2;
  r.entropy = 3;
  r.kl = 4;
  r.identity_residual = 5;
  r.log_likelihood = 6;
  r.likelihood = 0.5;
  const auto row = train_row(r);
  CHECK(row == std::array<double, kLabTrainColumnCount>{7, 1, 2, 3, 4, 5, 6, 0.5});
}

TEST_CASE("the quadrature's Gauss-Legendre table is what Newton's method on P_8 gives") {
  // The computation the table replaces (so that the module needs no cos()), bit for bit.
  constexpr int n = 8;
  for (int i = 0; i < n; ++i) {
    double z = std::cos(M_PI * (i + 0.75) / (n + 0.5));
    double dp = 0.0;
    for (int iter = 0; iter < 100; ++iter) {
      double p0 = 1.0, p1 = 0.0;
      for (int j = 1; j <= n; ++j) {
        const double p2 = p1;
        p1 = p0;
        p0 = ((2.0 * j - 1.0) * z * p1 - (j - 1.0) * p2) / j;
      }
      dp = n * (z * p0 - p1) / (z * z - 1.0);
      const double dz = p0 / dp;
      z -= dz;
      if (std::fabs(dz) < 1e-16) break;
    }
    CAPTURE(i);
    CHECK(bitruler::kGaussLegendreNodes[i] == z);
    CHECK(bitruler::kGaussLegendreWeights[i] == 2.0 / ((1.0 - z * z) * dp * dp));
  }
}
