// embind registration of the lab: distribution families on the integers (the common ruler)
// and the learning lab. Free functions over numbers and booleans that return a status and leave
// their results in the exchange area (exchange.hpp; each function's layout is written beside it);
// web/src/lab-api.js checks the arguments first and wraps them.
//
// Training state lives in JS: theta goes in (input slot 0) and comes out of every labTrain call,
// so nothing here needs create/destroy and nothing can leak. The data set is a pure function of (n, seed);
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
#include "exchange.hpp"

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
    refusal.emplace(ErrorCode::NOT_FINITE, message("$ must be finite.", {name}));
    return false;
  }
  if (!(x >= lo && x <= hi && std::floor(x) == x)) {
    refusal.emplace(ErrorCode::OUT_OF_RANGE,
                    message("$ must be a whole number from $ to $.", {name, lo, hi}),
                    "", hi);
    return false;
  }
  return true;
}

// (kind, a, b, naturals) as lab-api.js hands them over. 0: first, (address, length) of the
// masses 1; the mean 3.
int js_family_pmf(double kind, double a, double b, bool nat) {
  return run([&] {
    Result<Family> f = to_family(kind, a, b, nat);
    if (!f) return fail(f);
    Result<IntegerPmf> p = pmf(*f);
    if (!p) return fail(p);
    g_outputs.vec[0].swap(p->mass);
    put(0, static_cast<double>(p->first));
    put_array(1, g_outputs.vec[0]);
    put(3, mean(*f));
    return 0;
  });
}

// 0: D(P || Q).
int js_family_kl(double kind_p, double a_p, double b_p, bool nat_p, double kind_q, double a_q, double b_q, bool nat_q,
                 double base) {
  return run([&] {
    Result<Family> p = to_family(kind_p, a_p, b_p, nat_p);
    if (!p) return fail(p);
    Result<Family> q = to_family(kind_q, a_q, b_q, nat_q);
    if (!q) return fail(q);
    return scalar(kl_divergence(*p, *q, base));
  });
}

// 0: lambda, 1: kl.
int js_fit_poisson(double kind, double a, double b, bool nat, double base) {
  return run([&] {
    Result<Family> p = to_family(kind, a, b, nat);
    if (!p) return fail(p);
    Result<PoissonFit> fit = fit_poisson(*p, base);
    if (!fit) return fail(fit);
    put(0, fit->lambda);
    put(1, fit->kl);
    return 0;
  });
}

// 0: the divergence.
int js_gaussian_kl(double mu1, double s1, double mu2, double s2, bool binned, double bin_width, double base) {
  return run([&] {
    if (!binned) return scalar(gaussian_kl_closed_form(mu1, s1, mu2, s2, base));
    return scalar(gaussian_kl_binned(mu1, s1, mu2, s2, bin_width, base));
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
      refusal = std::move(d.error());
      return nullptr;
    }
    cache = CachedData{ni, si, std::move(d.value())};
    commit();  // the cache outlives this call (exchange.hpp)
  }
  return &cache->data;
}

// Evaluates `dataset_for` and returns its refusal as a status, or runs `then(data)`.
template <class F>
int with_dataset(double n, double seed, F&& then) {
  std::optional<Error> refusal;
  const Dataset* d = dataset_for(n, seed, refusal);
  if (!d) return write_error(std::move(*refusal));
  return then(*d);
}

bool to_degree(double degree, int& out, std::optional<Error>& refusal) {
  if (!(degree >= kLabMinDegree && degree <= kLabMaxDegree && std::floor(degree) == degree)) {
    refusal.emplace(ErrorCode::OUT_OF_RANGE,
                    message("The model degree (capacity) must be a whole number from $ to $.",
                            {kLabMinDegree, kLabMaxDegree}),
                    "", static_cast<double>(kLabMaxDegree));
    return false;
  }
  out = static_cast<int>(degree);
  return true;
}

// (address, length) of x 0 and of y 2 (32-bit ints): the cached data set itself.
int js_lab_dataset(double n, double seed) {
  return run([&] {
    return with_dataset(n, seed, [](const Dataset& d) {
      put_array(0, d.x);
      put_array(2, d.y);
      return 0;
    });
  });
}

// 0: the count.
int js_lab_parameter_count(double degree) {
  return run([&] {
    int d = 0;
    std::optional<Error> refusal;
    if (!to_degree(degree, d, refusal)) return write_error(std::move(*refusal));
    Result<std::size_t> count = parameter_count(d);
    if (!count) return fail(count);
    put(0, static_cast<double>(*count));
    return 0;
  });
}

// x in slot 0. (address, length) of [win, draw, loss, win, ...] at 0.
int js_lab_true_conditional() {
  return run([&] {
    int status = 0;
    const auto* xs = take_input(0, limits::kMaxLabPoints, "x", status);
    if (!xs) return status;
    const std::vector<double>& x = *xs;
    std::vector<double>& out = g_outputs.vec[0];
    out.resize(3 * x.size());
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (!std::isfinite(x[i])) {
        Error error(ErrorCode::NOT_FINITE, message("x must be finite (x[$] is not).", {i}));
        error.index = static_cast<long long>(i);
        return write_error(std::move(error));
      }
      const auto p = true_conditional(x[i]);
      for (int c = 0; c < 3; ++c) out[3 * i + c] = p[c];
    }
    put_array(0, out);
    return 0;
  });
}

// theta in slot 0, x in slot 1. (address, length) of the table at 0, as labTrueConditional.
int js_lab_model_conditional(double degree) {
  return run([&] {
    int d = 0;
    std::optional<Error> refusal;
    if (!to_degree(degree, d, refusal)) return write_error(std::move(*refusal));
    int status = 0;
    const auto* t = take_input(0, limits::kMaxLabPoints, "theta", status);
    const auto* xs = t ? take_input(1, limits::kMaxLabPoints, "x", status) : nullptr;
    if (!xs) return status;
    const std::vector<double>& x = *xs;
    std::vector<double>& out = g_outputs.vec[0];
    out.resize(3 * x.size());
    for (std::size_t i = 0; i < x.size(); ++i) {
      auto q = model_conditional(*t, d, x[i]);
      if (!q) return fail(q);
      for (int c = 0; c < 3; ++c) out[3 * i + c] = (*q)[c];
    }
    put_array(0, out);
    return 0;
  });
}

// The report's numbers at 0..7 in kLabTrainColumns order.
void put_report(const StepReport& r) {
  const auto row = train_row(r);
  for (std::size_t c = 0; c < kLabTrainColumnCount; ++c) put(static_cast<int>(c), row[c]);
}

// theta in slot 0. 0..7: step, trainLoss, crossEntropy, entropy, kl, identityResidual,
// logLikelihood, likelihood.
int js_lab_evaluate(double n, double seed, double degree, double step, double base) {
  return run([&] {
    return with_dataset(n, seed, [&](const Dataset& data) {
      int d = 0;
      std::optional<Error> refusal;
      if (!to_degree(degree, d, refusal)) return write_error(std::move(*refusal));
      int status = 0;
      const auto* t = take_input(0, limits::kMaxLabPoints, "theta", status);
      if (!t) return status;
      if (!to_whole(step, "step", 0, kLabMaxStepNumber, refusal)) return write_error(std::move(*refusal));
      Result<StepReport> r = evaluate(data, d, *t, static_cast<std::int64_t>(step), base);
      if (!r) return fail(r);
      put_report(*r);
      return 0;
    });
  });
}

// theta in slot 0. Steps come back as one array of kLabTrainColumnCount columns
// (kLabTrainColumns order), each m long; lab-api.js hands out a view per column. (address,
// length) of theta 0 and of the columns 2; diverged 4, divergedAt 5.
int js_lab_train(double n, double seed, double degree, double learning_rate, double first_step, double steps,
                 double base) {
  return run([&] {
    return with_dataset(n, seed, [&](const Dataset& data) {
      int d = 0;
      std::optional<Error> refusal;
      if (!to_degree(degree, d, refusal)) return write_error(std::move(*refusal));
      int status = 0;
      const auto* t = take_input(0, limits::kMaxLabPoints, "theta", status);
      if (!t) return status;
      if (!to_whole(first_step, "step", 0, kLabMaxStepNumber, refusal)) return write_error(std::move(*refusal));
      if (!to_whole(steps, "steps", 0, kLabMaxStepsPerCall, refusal)) return write_error(std::move(*refusal));
      Result<TrainRun> run =
          train(data, d, learning_rate, *t, static_cast<std::int64_t>(first_step), static_cast<int>(steps), base);
      if (!run) return fail(run);
      const std::size_t m = run->steps.size();
      std::vector<double>& columns = g_outputs.vec[1];
      columns.resize(kLabTrainColumnCount * m);
      for (std::size_t i = 0; i < m; ++i) {
        const auto row = train_row(run->steps[i]);
        for (std::size_t c = 0; c < kLabTrainColumnCount; ++c) columns[c * m + i] = row[c];
      }
      g_outputs.vec[0].swap(run->theta);
      put_array(0, g_outputs.vec[0]);
      put_array(2, columns);
      put(4, run->diverged);
      put(5, static_cast<double>(run->diverged_at));
      return 0;
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
