// embind registration of the lab: distribution families on the integers (the common ruler)
// and the learning lab. Free functions over emscripten::val only, each returning
// { ok: true, value } | { ok: false, code, message } (convert.hpp); web/src/lab-api.js wraps them.
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
#include "convert.hpp"

namespace bitruler::bindings {
namespace {

constexpr double kMaxSeed = 9007199254740991.0;  // 2^53 - 1

Result<Family> to_family(const val& kind, const val& a, const val& b, const val& on_naturals) {
  const Result<std::string> k = to_text(kind, "kind");
  if (!k) return Result<Family>::failure(k);
  const Result<double> av = to_number(a, "the first parameter");
  if (!av) return Result<Family>::failure(av);
  const Result<double> bv = to_number(b, "the second parameter");
  if (!bv) return Result<Family>::failure(bv);
  const Result<bool> nat = to_bool(on_naturals, "naturals");
  if (!nat) return Result<Family>::failure(nat);
  if (*k == "gaussian") return gaussian(*av, *bv, *nat);
  if (*k == "poisson") return poisson(*av);
  if (*k == "binomial") return binomial(*av, *bv);
  if (*k == "geometric") return geometric(*av);
  return Result<Family>::failure(ErrorCode::TYPE,
                                 "kind must be 'gaussian', 'poisson', 'binomial' or 'geometric', not '" + *k + "'.");
}

Result<double> to_whole(const val& v, const char* name, double lo, double hi) {
  const Result<double> x = to_number(v, name);
  if (!x) return x;
  if (!std::isfinite(*x)) return Result<double>::failure(ErrorCode::NOT_FINITE, std::string(name) + " must be finite.");
  if (!(*x >= lo && *x <= hi && std::floor(*x) == *x)) {
    return Result<double>::failure(ErrorCode::OUT_OF_RANGE, std::string(name) + " must be a whole number from " +
                                                                format_number(lo) + " to " + format_number(hi) + ".");
  }
  return x;
}

val js_family_pmf(val kind, val a, val b, val nat) {
  const Result<Family> f = to_family(kind, a, b, nat);
  if (!f) return error_to_val(f.error());
  const Result<IntegerPmf> p = pmf(*f);
  if (!p) return error_to_val(p.error());
  val out = val::object();
  out.set("first", static_cast<double>(p->first));
  out.set("mass", to_float64_array(p->mass));
  out.set("mean", mean(*f));
  return ok_to_val(out);
}

val js_family_kl(val kind_p, val a_p, val b_p, val nat_p, val kind_q, val a_q, val b_q, val nat_q, val base) {
  const Result<Family> p = to_family(kind_p, a_p, b_p, nat_p);
  if (!p) return error_to_val(p.error());
  const Result<Family> q = to_family(kind_q, a_q, b_q, nat_q);
  if (!q) return error_to_val(q.error());
  const Result<double> bv = to_number(base, "base");
  if (!bv) return error_to_val(bv.error());
  return result_to_val(kl_divergence(*p, *q, *bv));
}

val js_fit_poisson(val kind, val a, val b, val nat, val base) {
  const Result<Family> p = to_family(kind, a, b, nat);
  if (!p) return error_to_val(p.error());
  const Result<double> bv = to_number(base, "base");
  if (!bv) return error_to_val(bv.error());
  return result_to_val(fit_poisson(*p, *bv), [](const PoissonFit& fit) {
    val out = val::object();
    out.set("lambda", fit.lambda);
    out.set("kl", fit.kl);
    return out;
  });
}

val js_gaussian_kl(val mu1, val s1, val mu2, val s2, val bin_width, val base) {
  const char* names[] = {"mu1", "sigma1", "mu2", "sigma2", "binWidth", "base"};
  const val* args[] = {&mu1, &s1, &mu2, &s2, &bin_width, &base};
  double v[6];
  for (int i = 0; i < 6; ++i) {
    if (i == 4 && args[i]->isUndefined()) { v[i] = 0; continue; }
    const Result<double> x = to_number(*args[i], names[i]);
    if (!x) return error_to_val(x.error());
    v[i] = *x;
  }
  if (bin_width.isUndefined()) return result_to_val(gaussian_kl_closed_form(v[0], v[1], v[2], v[3], v[5]));
  return result_to_val(gaussian_kl_binned(v[0], v[1], v[2], v[3], v[4], v[5]));
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

Result<const Dataset*> dataset_for(const val& n, const val& seed) {
  using R = Result<const Dataset*>;
  const Result<double> nv = to_whole(n, "N", 1, static_cast<double>(kLabMaxSamples));
  if (!nv) {
    if (nv.error().code == ErrorCode::OUT_OF_RANGE)
      return R::failure(ErrorCode::OUT_OF_RANGE, "The number of samples N must be a whole number from 1 to 1000000.");
    return R::failure(nv);
  }
  const Result<double> sv = to_whole(seed, "seed", 0, kMaxSeed);
  if (!sv) return R::failure(sv);
  const auto ni = static_cast<std::size_t>(*nv);
  const auto si = static_cast<std::uint64_t>(*sv);
  auto& cache = data_cache();
  if (!cache || cache->n != ni || cache->seed != si) {
    cache.reset();  // free the old samples before drawing new ones
    Result<Dataset> d = make_dataset(ni, si);
    if (!d) return R::failure(d);
    cache = CachedData{ni, si, std::move(d.value())};
  }
  return R::success(&cache->data);
}

Result<int> to_degree(const val& degree) {
  const Result<double> d = to_number(degree, "degree");
  if (!d) return Result<int>::failure(d);
  if (!(*d >= kLabMinDegree && *d <= kLabMaxDegree && std::floor(*d) == *d))
    return Result<int>::failure(ErrorCode::OUT_OF_RANGE, "The model degree (capacity) must be 1, 2 or 3.");
  return Result<int>::success(static_cast<int>(*d));
}

val js_lab_dataset(val n, val seed) {
  const Result<const Dataset*> d = dataset_for(n, seed);
  if (!d) return error_to_val(d.error());
  val out = val::object();
  out.set("x", to_float64_array((*d)->x));
  out.set("y", to_int32_array((*d)->y));
  return ok_to_val(out);
}

val js_lab_true_conditional(val xs) {
  const Result<std::vector<double>> x = to_vector(xs, "x");
  if (!x) return error_to_val(x.error());
  std::vector<double> out(3 * x->size());
  for (std::size_t i = 0; i < x->size(); ++i) {
    if (!std::isfinite((*x)[i])) return error_to_val(Error{ErrorCode::NOT_FINITE, "x must be finite."});
    const auto p = true_conditional((*x)[i]);
    for (int c = 0; c < 3; ++c) out[3 * i + c] = p[c];
  }
  return ok_to_val(to_float64_array(out));
}

val js_lab_model_conditional(val theta, val degree, val xs) {
  const Result<int> d = to_degree(degree);
  if (!d) return error_to_val(d.error());
  const Result<std::vector<double>> t = to_vector(theta, "theta");
  if (!t) return error_to_val(t.error());
  const Result<std::vector<double>> x = to_vector(xs, "x");
  if (!x) return error_to_val(x.error());
  std::vector<double> out(3 * x->size());
  for (std::size_t i = 0; i < x->size(); ++i) {
    const auto q = model_conditional(*t, *d, (*x)[i]);
    if (!q) return error_to_val(q.error());
    for (int c = 0; c < 3; ++c) out[3 * i + c] = (*q)[c];
  }
  return ok_to_val(to_float64_array(out));
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

val js_lab_evaluate(val n, val seed, val degree, val theta, val step, val base) {
  const Result<const Dataset*> d = dataset_for(n, seed);
  if (!d) return error_to_val(d.error());
  const Result<int> deg = to_degree(degree);
  if (!deg) return error_to_val(deg.error());
  const Result<std::vector<double>> t = to_vector(theta, "theta");
  if (!t) return error_to_val(t.error());
  const Result<double> s = to_whole(step, "step", 0, kMaxSeed);
  if (!s) return error_to_val(s.error());
  const Result<double> b = to_number(base, "base");
  if (!b) return error_to_val(b.error());
  return result_to_val(evaluate(**d, *deg, *t, static_cast<std::int64_t>(*s), *b), report_to_val);
}

// Steps come back as one Float64Array of kTrainColumns columns (step, trainLoss, crossEntropy,
// entropy, kl, identityResidual, logLikelihood, likelihood), each m long: one copy across the
// boundary; lab-api.js hands out a view per column.
constexpr std::size_t kTrainColumns = 8;
val js_lab_train(val n, val seed, val degree, val learning_rate, val theta, val first_step, val steps, val base) {
  const Result<const Dataset*> d = dataset_for(n, seed);
  if (!d) return error_to_val(d.error());
  const Result<int> deg = to_degree(degree);
  if (!deg) return error_to_val(deg.error());
  const Result<double> lr = to_number(learning_rate, "learningRate");
  if (!lr) return error_to_val(lr.error());
  const Result<std::vector<double>> t = to_vector(theta, "theta");
  if (!t) return error_to_val(t.error());
  const Result<double> s0 = to_whole(first_step, "step", 0, kMaxSeed);
  if (!s0) return error_to_val(s0.error());
  const Result<double> k = to_whole(steps, "steps", 0, kLabMaxStepsPerCall);
  if (!k) return error_to_val(k.error());
  const Result<double> b = to_number(base, "base");
  if (!b) return error_to_val(b.error());
  const Result<TrainRun> run =
      train(**d, *deg, *lr, *t, static_cast<std::int64_t>(*s0), static_cast<int>(*k), *b);
  return result_to_val(run, [](const TrainRun& r) {
    const std::size_t m = r.steps.size();
    std::vector<double> columns(kTrainColumns * m);
    for (std::size_t i = 0; i < m; ++i) {
      const StepReport& s = r.steps[i];
      const double row[kTrainColumns] = {static_cast<double>(s.step), s.train_loss, s.cross_entropy, s.entropy,
                                         s.kl, s.identity_residual, s.log_likelihood, s.likelihood};
      for (std::size_t c = 0; c < kTrainColumns; ++c) columns[c * m + i] = row[c];
    }
    val out = val::object();
    out.set("theta", to_float64_array(r.theta));
    out.set("columns", to_float64_array(columns));
    return out;
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
  emscripten::function("labTrueConditional", &js_lab_true_conditional);
  emscripten::function("labModelConditional", &js_lab_model_conditional);
  emscripten::function("labEvaluate", &js_lab_evaluate);
  emscripten::function("labTrain", &js_lab_train);
}
