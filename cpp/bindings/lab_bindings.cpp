// embind registration of the lab: distribution families on the integers (the common ruler)
// and the learning lab. Free functions over numbers, booleans and emscripten::val, each
// returning { ok: true, value } | { ok: false, code, message, ... } (convert.hpp);
// web/src/lab-api.js checks the arguments first and wraps them.
//
// Training state lives in JS: theta goes in and comes out of every labTrain call, so nothing
// here needs create/destroy and nothing can leak. The data set is a pure function of (n, seed);
// the last one made is kept (one slot, at most kLabMaxSamples samples) so that a training
// loop does not redraw it on every call.
#include <emscripten/bind.h>

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bitruler/families.hpp"
#include "bitruler/format.hpp"
#include "bitruler/learning.hpp"
#include "bitruler/limits.hpp"
#include "bitruler/random.hpp"
#include "convert.hpp"

namespace bitruler::bindings {
namespace {

// kind: index into kFamilyKindNames (lab-api.js maps the name).
Result<Family> to_family(double kind, double a, double b, bool on_naturals) {
  if (kind == 0) return gaussian(a, b, on_naturals);
  if (kind == 1) return poisson(a);
  if (kind == 2) return binomial(a, b);
  if (kind == 3) return geometric(a);
  return Result<Family>::failure(ErrorCode::TYPE, "kind must be 'gaussian', 'poisson', 'binomial' or 'geometric'.");
}

// A whole number in [lo, hi], or false with `refusal` naming `name`.
bool to_whole(double x, const char* name, double lo, double hi, std::optional<Error>& refusal) {
  if (!std::isfinite(x)) {
    refusal.emplace(ErrorCode::NOT_FINITE, std::string(name) + " must be finite.");
    return false;
  }
  if (!(x >= lo && x <= hi && std::floor(x) == x)) {
    refusal.emplace(ErrorCode::OUT_OF_RANGE,
                    std::string(name) + " must be a whole number from " + format_number(lo) + " to " + format_number(hi) + ".",
                    "", hi);
    return false;
  }
  return true;
}

val js_family_pmf(double kind, double a, double b, bool nat) {
  return guarded([&] {
    const Result<Family> f = to_family(kind, a, b, nat);
    if (!f) return error_to_val(f.error());
    const Result<IntegerPmf> p = pmf(*f);
    if (!p) return error_to_val(p.error());
    val out = val::object();
    out.set("first", static_cast<double>(p->first));
    out.set("mass", to_float64_array(p->mass));
    out.set("mean", mean(*f));
    return ok_to_val(out);
  });
}

val js_family_kl(double kind_p, double a_p, double b_p, bool nat_p, double kind_q, double a_q, double b_q, bool nat_q,
                 double base) {
  return guarded([&] {
    const Result<Family> p = to_family(kind_p, a_p, b_p, nat_p);
    if (!p) return error_to_val(p.error());
    const Result<Family> q = to_family(kind_q, a_q, b_q, nat_q);
    if (!q) return error_to_val(q.error());
    return result_to_val(kl_divergence(*p, *q, base));
  });
}

val js_fit_poisson(double kind, double a, double b, bool nat, double base) {
  return guarded([&] {
    const Result<Family> p = to_family(kind, a, b, nat);
    if (!p) return error_to_val(p.error());
    return result_to_val(fit_poisson(*p, base), [](const PoissonFit& fit) {
      val out = val::object();
      out.set("lambda", fit.lambda);
      out.set("kl", fit.kl);
      return out;
    });
  });
}

val js_gaussian_kl(double mu1, double s1, double mu2, double s2, bool binned, double bin_width, double base) {
  return guarded([&] {
    if (!binned) return result_to_val(gaussian_kl_closed_form(mu1, s1, mu2, s2, base));
    return result_to_val(gaussian_kl_binned(mu1, s1, mu2, s2, bin_width, base));
  });
}

// The last data set made, keyed by (n, seed).
struct CachedData {
  std::size_t n = 0;
  std::uint64_t seed = 0;
  Dataset data;
};
std::optional<CachedData>& data_cache() {
  static std::optional<CachedData> cache;
  return cache;
}

const Dataset* dataset_for(double n, double seed, std::optional<Error>& refusal) {
  if (!to_whole(n, "The number of samples N", static_cast<double>(kLabMinSamples), static_cast<double>(kLabMaxSamples), refusal))
    return nullptr;
  if (!to_whole(seed, "seed", 0, kMaxSeed, refusal)) return nullptr;
  const auto ni = static_cast<std::size_t>(n);
  const auto si = static_cast<std::uint64_t>(seed);
  auto& cache = data_cache();
  if (!cache || cache->n != ni || cache->seed != si) {
    cache.reset();  // free the old samples before drawing new ones
    Result<Dataset> d = make_dataset(ni, si);
    if (!d) {
      refusal = d.error();
      return nullptr;
    }
    cache = CachedData{ni, si, std::move(d.value())};
  }
  return &cache->data;
}

// Evaluates `dataset_for` and returns its error as a val, or runs `then(data)`.
template <class F>
val with_dataset(double n, double seed, F&& then) {
  std::optional<Error> refusal;
  const Dataset* d = dataset_for(n, seed, refusal);
  if (!d) return error_to_val(*refusal);
  return then(*d);
}

bool to_degree(double degree, int& out, std::optional<Error>& refusal) {
  if (!(degree >= kLabMinDegree && degree <= kLabMaxDegree && std::floor(degree) == degree)) {
    refusal.emplace(ErrorCode::OUT_OF_RANGE,
                    "The model degree (capacity) must be a whole number from " + std::to_string(kLabMinDegree) +
                        " to " + std::to_string(kLabMaxDegree) + ".",
                    "", static_cast<double>(kLabMaxDegree));
    return false;
  }
  out = static_cast<int>(degree);
  return true;
}

val js_lab_dataset(double n, double seed) {
  return guarded([&] {
    return with_dataset(n, seed, [](const Dataset& d) {
      val out = val::object();
      out.set("x", to_float64_array(d.x));
      out.set("y", to_int32_array(d.y));
      return ok_to_val(out);
    });
  });
}

val js_lab_parameter_count(double degree) {
  return guarded([&] {
    int d = 0;
    std::optional<Error> refusal;
    if (!to_degree(degree, d, refusal)) return error_to_val(*refusal);
    return result_to_val(parameter_count(d), [](std::size_t c) { return val(static_cast<double>(c)); });
  });
}

val js_lab_true_conditional(val xs) {
  return guarded([&] {
    std::vector<double> x;
    std::optional<Error> refusal;
    if (!read_outcomes(xs, limits::kMaxLabPoints, "x", x, refusal)) return error_to_val(*refusal);
    std::vector<double> out(3 * x.size());
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (!std::isfinite(x[i])) {
        Error error(ErrorCode::NOT_FINITE, "x must be finite (x[" + std::to_string(i) + "] is not).");
        error.index = static_cast<long long>(i);
        return error_to_val(error);
      }
      const auto p = true_conditional(x[i]);
      for (int c = 0; c < 3; ++c) out[3 * i + c] = p[c];
    }
    return ok_to_val(to_float64_array(out));
  });
}

val js_lab_model_conditional(val theta, double degree, val xs) {
  return guarded([&] {
    int d = 0;
    std::optional<Error> refusal;
    if (!to_degree(degree, d, refusal)) return error_to_val(*refusal);
    std::vector<double> t, x;
    if (!read_outcomes(theta, limits::kMaxLabPoints, "theta", t, refusal) ||
        !read_outcomes(xs, limits::kMaxLabPoints, "x", x, refusal)) {
      return error_to_val(*refusal);
    }
    std::vector<double> out(3 * x.size());
    for (std::size_t i = 0; i < x.size(); ++i) {
      const auto q = model_conditional(t, d, x[i]);
      if (!q) return error_to_val(q.error());
      for (int c = 0; c < 3; ++c) out[3 * i + c] = (*q)[c];
    }
    return ok_to_val(to_float64_array(out));
  });
}

val report_to_val(const StepReport& r) {
  val out = val::object();
  out.set("step", static_cast<double>(r.step));
  out.set("trainLoss", r.train_loss);
  out.set("crossEntropy", r.cross_entropy);
  out.set("entropy", r.entropy);
  out.set("kl", r.kl);
  out.set("identityResidual", r.identity_residual);
  out.set("logLikelihood", r.log_likelihood);
  out.set("likelihood", r.likelihood);
  return out;
}

val js_lab_evaluate(double n, double seed, double degree, val theta, double step, double base) {
  return guarded([&] {
    return with_dataset(n, seed, [&](const Dataset& data) {
      int d = 0;
      std::optional<Error> refusal;
      if (!to_degree(degree, d, refusal)) return error_to_val(*refusal);
      std::vector<double> t;
      if (!read_outcomes(theta, limits::kMaxLabPoints, "theta", t, refusal)) return error_to_val(*refusal);
      if (!to_whole(step, "step", 0, kLabMaxStepNumber, refusal)) return error_to_val(*refusal);
      return result_to_val(evaluate(data, d, t, static_cast<std::int64_t>(step), base), report_to_val);
    });
  });
}

// Steps come back as one Float64Array of kLabTrainColumnCount columns (kLabTrainColumns order),
// each m long: one copy across the boundary; lab-api.js hands out a view per column.
val js_lab_train(double n, double seed, double degree, double learning_rate, val theta, double first_step,
                 double steps, double base) {
  return guarded([&] {
    return with_dataset(n, seed, [&](const Dataset& data) {
      int d = 0;
      std::optional<Error> refusal;
      if (!to_degree(degree, d, refusal)) return error_to_val(*refusal);
      std::vector<double> t;
      if (!read_outcomes(theta, limits::kMaxLabPoints, "theta", t, refusal)) return error_to_val(*refusal);
      if (!to_whole(first_step, "step", 0, kLabMaxStepNumber, refusal)) return error_to_val(*refusal);
      if (!to_whole(steps, "steps", 0, kLabMaxStepsPerCall, refusal)) return error_to_val(*refusal);
      const Result<TrainRun> run =
          train(data, d, learning_rate, std::move(t), static_cast<std::int64_t>(first_step), static_cast<int>(steps), base);
      return result_to_val(run, [](const TrainRun& r) {
        const std::size_t m = r.steps.size();
        std::vector<double> columns(kLabTrainColumnCount * m);
        for (std::size_t i = 0; i < m; ++i) {
          const auto row = train_row(r.steps[i]);
          for (std::size_t c = 0; c < kLabTrainColumnCount; ++c) columns[c * m + i] = row[c];
        }
        val out = val::object();
        out.set("theta", to_float64_array(r.theta));
        out.set("columns", to_float64_array(columns));
        out.set("diverged", r.diverged);
        out.set("divergedAt", static_cast<double>(r.diverged_at));
        return out;
      });
    });
  });
}

}  // namespace
}  // namespace bitruler::bindings

EMSCRIPTEN_BINDINGS(bitruler_lab) {
  using namespace bitruler::bindings;
  emscripten::function("familyPmf", &js_family_pmf);
  emscripten::function("familyKl", &js_family_kl);
  emscripten::function("fitPoisson", &js_fit_poisson);
  emscripten::function("gaussianKl", &js_gaussian_kl);
  emscripten::function("labDataset", &js_lab_dataset);
  emscripten::function("labParameterCount", &js_lab_parameter_count);
  emscripten::function("labTrueConditional", &js_lab_true_conditional);
  emscripten::function("labModelConditional", &js_lab_model_conditional);
  emscripten::function("labEvaluate", &js_lab_evaluate);
  emscripten::function("labTrain", &js_lab_train);
}
