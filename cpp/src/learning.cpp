// The learning lab: ordered-logit truth, softmax model, full-batch gradient descent.
// See learning.hpp for the task and what is reported.
#include "bitruler/learning.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <utility>

#include "bitruler/elementary.hpp"
#include "bitruler/format.hpp"
#include "bitruler/info.hpp"
#include "bitruler/random.hpp"

namespace bitruler {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

constexpr int kPanels = 16;
constexpr int kNodesPerPanel = static_cast<int>(kGaussLegendreNodes.size());
constexpr double kFeatureScale = 1.0 / 3.0;  // u = x / 3 keeps u^3 in [-1, 1]

// Logistic function without overflow for large |t|.
double sigmoid(double t) {
  if (t >= 0) return 1.0 / (1.0 + math::exp(-t));
  const double e = math::exp(t);
  return e / (1.0 + e);
}

// The nodes and weights live in fixed arrays: computing them allocates nothing (the module may
// reach them in a call that runs out of memory, and must leave nothing half made).
constexpr int kNodes = kPanels * kNodesPerPanel;
struct Quadrature {
  std::array<double, kNodes> x;  // nodes in [kLabXMin, kLabXMax]
  std::array<double, kNodes> w;  // weights of the uniform density on that interval (sum 1)
};

const Quadrature& quadrature() {
  static const Quadrature q = [] {
    const auto& gx = kGaussLegendreNodes;
    const auto& gw = kGaussLegendreWeights;
    Quadrature out;
    const double width = (kLabXMax - kLabXMin) / kPanels;
    for (int p = 0; p < kPanels; ++p) {
      const double mid = kLabXMin + (p + 0.5) * width;
      for (int i = 0; i < kNodesPerPanel; ++i) {
        out.x[p * kNodesPerPanel + i] = mid + 0.5 * width * gx[i];
        // density 1/(xmax - xmin) times dx = width/2 * dz
        out.w[p * kNodesPerPanel + i] = gw[i] * 0.5 * width / (kLabXMax - kLabXMin);
      }
    }
    return out;
  }();
  return q;
}

void features(double x, int degree, double* phi) {
  const double u = x * kFeatureScale;
  phi[0] = 1.0;
  for (int j = 1; j <= degree; ++j) phi[j] = phi[j - 1] * u;
}

// log Q(. | x) by log-sum-exp.
void log_softmax(const std::vector<double>& theta, int degree, const double* phi, double* log_q) {
  const int stride = degree + 1;
  double z[kLabOutcomes];
  double zmax = -kInf;
  for (int c = 0; c < kLabOutcomes; ++c) {
    double s = 0.0;
    for (int j = 0; j < stride; ++j) s += theta[c * stride + j] * phi[j];
    z[c] = s;
    zmax = std::max(zmax, s);
  }
  double sum = 0.0;
  for (int c = 0; c < kLabOutcomes; ++c) sum += math::exp(z[c] - zmax);
  const double lse = zmax + math::log(sum);
  for (int c = 0; c < kLabOutcomes; ++c) log_q[c] = z[c] - lse;
}

Result<double> check_theta(const std::vector<double>& theta, int degree) {
  auto count = parameter_count(degree);
  if (!count) return Result<double>::failure(count);
  if (theta.size() != *count)
    return Result<double>::failure(ErrorCode::LENGTH_MISMATCH,
                                   message("theta must have $ entries for degree $ (got $).",
                                           {*count, degree, theta.size()}));
  for (double t : theta)
    if (!std::isfinite(t)) return Result<double>::failure(ErrorCode::NOT_FINITE, "theta must be finite numbers.");
  return Result<double>::success(0.0);
}

}  // namespace

std::array<double, 3> true_conditional(double x) {
  const double win = sigmoid(kLabSlope * x - kLabCut);
  const double loss = sigmoid(-kLabSlope * x - kLabCut);
  return {win, 1.0 - win - loss, loss};
}

Result<Dataset> make_dataset(std::size_t n, std::uint64_t seed) {
  if (n < kLabMinSamples)
    return Result<Dataset>::failure(Error{ErrorCode::OUT_OF_RANGE, "The number of samples N must be at least 1.",
                                          "SAMPLES", static_cast<double>(kLabMinSamples)});
  if (n > kLabMaxSamples)
    return Result<Dataset>::failure(Error{ErrorCode::OUT_OF_RANGE,
                                          message("The number of samples N must be at most 1000000 (got $).", {n}),
                                          "SAMPLES", static_cast<double>(kLabMaxSamples)});
  Rng rng(seed);
  Dataset d;
  d.x.resize(n);
  d.y.resize(n);
  std::vector<double> p(3);
  for (std::size_t i = 0; i < n; ++i) {
    const double x = kLabXMin + (kLabXMax - kLabXMin) * rng.next_double();
    const auto t = true_conditional(x);
    p.assign(t.begin(), t.end());
    d.x[i] = x;
    d.y[i] = static_cast<int>(rng.categorical(p));
  }
  return Result<Dataset>::success(std::move(d));
}

Result<std::size_t> parameter_count(int degree) {
  if (degree < kLabMinDegree || degree > kLabMaxDegree)
    return Result<std::size_t>::failure(Error{ErrorCode::OUT_OF_RANGE,
                                              message("The model degree (capacity) must be 1, 2 or 3 (got $).",
                                                      {degree}),
                                              "DEGREE", static_cast<double>(degree < kLabMinDegree ? kLabMinDegree
                                                                                                  : kLabMaxDegree)});
  return Result<std::size_t>::success(static_cast<std::size_t>(kLabOutcomes * (degree + 1)));
}

Result<std::array<double, 3>> model_conditional(const std::vector<double>& theta, int degree, double x) {
  auto ok = check_theta(theta, degree);
  if (!ok) return Result<std::array<double, 3>>::failure(ok);
  if (!std::isfinite(x)) return Result<std::array<double, 3>>::failure(ErrorCode::NOT_FINITE, "x must be finite.");
  double phi[kLabMaxDegree + 1], log_q[kLabOutcomes];
  features(x, degree, phi);
  log_softmax(theta, degree, phi, log_q);
  return Result<std::array<double, 3>>::success({math::exp(log_q[0]), math::exp(log_q[1]), math::exp(log_q[2])});
}

namespace {

// The release WASM module compiles this file for size (-Oz, which also turns off inlining and
// loop unrolling); the small fixed loops over features and outcomes are therefore unrolled by
// hand with fold expressions in functions that are always inlined.
#if defined(__GNUC__) || defined(__clang__)
#define BITRULER_INLINE inline __attribute__((always_inline))
#else
#define BITRULER_INLINE inline
#endif


// The hot loop works on two samples at once in GCC/Clang vector types (SSE2 natively, WASM
// SIMD in the module, at any optimization level) and is branch-free: the data's labels are
// random, so branches on them mispredict. Only +, -, *, / and bit operations: the same bits
// natively and in WASM (no library exp, whose last bit differs between glibc and musl).
typedef double Vec2 __attribute__((vector_size(16)));
typedef long long Bits2 __attribute__((vector_size(16)));

BITRULER_INLINE Vec2 splat(double v) { return Vec2{v, v}; }
BITRULER_INLINE Vec2 select(Bits2 mask, Vec2 a, Vec2 b) {
  return reinterpret_cast<Vec2>((mask & reinterpret_cast<Bits2>(a)) | (~mask & reinterpret_cast<Bits2>(b)));
}
// a > b ? a : b per lane, written so that compilers emit maxpd (SSE2) or f64x2.pmax (WASM).
BITRULER_INLINE Vec2 vmax(Vec2 a, Vec2 b) { return a > b ? a : b; }

// exp(t) for t <= 0 (a logit minus the largest one), relative error a few ulp: t = k ln 2 + r
// with |r| <= ln2 / 2 (Cody-Waite, ln 2 split so that k * ln2_hi is exact), exp(r) by its
// Taylor series to r^13 (remainder < 1e-17), 2^k built in the exponent bits. Below -708 the
// argument is clamped (exp(-708) ~ 3e-308 instead of a smaller number or 0: nothing a
// softmax whose largest term is 1 can see). exp(0) is exactly 1.
BITRULER_INLINE Vec2 exp_nonpositive(Vec2 t) {
  constexpr double kLog2e = 1.4426950408889634;
  constexpr double kLn2Hi = 6.93147180369123816490e-01;  // 32 trailing zero bits
  constexpr double kLn2Lo = 1.90821492927058770002e-10;
  constexpr double kShifter = 6755399441055744.0;        // 1.5 * 2^52: adding it rounds to an integer
  t = vmax(t, splat(-708.0));
  const Vec2 shifted = t * splat(kLog2e) + splat(kShifter);
  const Vec2 k = shifted - splat(kShifter);
  const Vec2 r = (t - k * splat(kLn2Hi)) - k * splat(kLn2Lo);
  Vec2 p = splat(1.0 / 6227020800.0);  // 1/13!
  p = p * r + splat(1.0 / 479001600.0);
  p = p * r + splat(1.0 / 39916800.0);
  p = p * r + splat(1.0 / 3628800.0);
  p = p * r + splat(1.0 / 362880.0);
  p = p * r + splat(1.0 / 40320.0);
  p = p * r + splat(1.0 / 5040.0);
  p = p * r + splat(1.0 / 720.0);
  p = p * r + splat(1.0 / 120.0);
  p = p * r + splat(1.0 / 24.0);
  p = p * r + splat(1.0 / 6.0);
  p = p * r + splat(0.5);
  p = p * r + splat(1.0);
  p = p * r + splat(1.0);
  // The low bits of `shifted` hold k in two's complement: (k + 1023) << 52 is 2^k.
  const Bits2 two_k = (reinterpret_cast<Bits2>(shifted) + Bits2{1023, 1023}) << 52;
  return p * reinterpret_cast<Vec2>(two_k);
}

// The small fixed loops over features, unrolled by fold expressions (see above).
template <std::size_t... J>
BITRULER_INLINE Vec2 vdot(const Vec2* theta_c, const Vec2* phi, std::index_sequence<J...>) {
  return (... + (theta_c[J] * phi[J]));
}
template <std::size_t... J>
BITRULER_INLINE void vaxpy(Vec2* g_c, Vec2 r, const Vec2* phi, std::index_sequence<J...>) {
  ((g_c[J] += r * phi[J]), ...);
}
template <std::size_t... J>
BITRULER_INLINE void vpowers(Vec2* phi, Vec2 u, std::index_sequence<J...>) {
  phi[0] = splat(1.0);
  ((phi[J + 1] = phi[J] * u), ...);
}

// Accumulators of one pass, two lanes each.
template <int S>
struct Pass {
  Vec2 g[2 * S] = {};
  Vec2 margin = {}, log_sums = {}, product = splat(1.0), finite = {};
  Bits2 bad_label = {};
  int in_product = 0;

  // Samples (x, y) in the two lanes, the labels as doubles (compared as doubles: SSE2 has no
  // 64-bit integer compare); `weight` 1 or 0 (0: a padding lane that adds nothing).
  BITRULER_INLINE void add(const Vec2* th, Vec2 x, Vec2 y, Vec2 weight) {
    finite += x - x;  // NaN once any x is infinite or NaN
    using Features = std::make_index_sequence<S>;
    Vec2 phi[S];
    vpowers(phi, x * splat(kFeatureScale), std::make_index_sequence<S - 1>{});
    const Vec2 z[kLabOutcomes] = {vdot(th, phi, Features{}), vdot(th + S, phi, Features{}),
                                  vdot(th + 2 * S, phi, Features{})};
    const Vec2 zmax = vmax(vmax(z[0], z[1]), z[2]);
    const Bits2 is0 = y == splat(0.0), is1 = y == splat(1.0);
    bad_label |= ~(is0 | is1 | (y == splat(2.0)));
    const Vec2 e[kLabOutcomes] = {exp_nonpositive(z[0] - zmax), exp_nonpositive(z[1] - zmax),
                                  exp_nonpositive(z[2] - zmax)};
    const Vec2 sum = e[0] + e[1] + e[2];  // in [1, 3]
    const Vec2 inv = weight / sum;
    // -ln Q(y|x) = ln(sum) - (z_y - zmax); the logs of the sums are taken 256 at a time below.
    const Vec2 zy = select(is0, z[0], select(is1, z[1], z[2]));
    margin += weight * (zy - zmax);
    product *= weight * sum + (splat(1.0) - weight);  // sum, or 1 in a padding lane
    // d(-ln Q_y)/d logit_c = Q_c - [c == y]. These sum to 0 over c, so only the first two
    // classes are accumulated (fewer live registers); the third is minus their sum (in finish).
    const Vec2 r0 = e[0] * inv - select(is0, weight, splat(0.0));
    const Vec2 r1 = e[1] * inv - select(is1, weight, splat(0.0));
    vaxpy(g, r0, phi, Features{});
    vaxpy(g + S, r1, phi, Features{});
    // The sums lie in [1, 3]: 256 of them multiply to at most 3^256 ~ 1e122.
    if (++in_product == 256) {
      log_sums += Vec2{math::log(product[0]), math::log(product[1])};
      product = splat(1.0);
      in_product = 0;
    }
  }
};

// One pass over the data: the loss (times N) in nats and its gradient (times N); false when
// a sample has a non-finite x or a label outside {0, 1, 2} (checked on the way, not before).
// Every degree runs the cubic code with the missing coefficients 0 (0 * u^j adds an exact 0, so
// the logits are the same bits): one copy of the loop in the module instead of three.
bool accumulate(const Dataset& data, int degree, const std::vector<double>& theta, double* gradient, double* loss) {
  constexpr int S = kLabMaxDegree + 1;
  const int stride = degree + 1;
  Vec2 th[kLabOutcomes * S] = {};
  for (int c = 0; c < kLabOutcomes; ++c)
    for (int j = 0; j < stride; ++j) th[c * S + j] = splat(theta[c * stride + j]);
  Pass<S> pass{};
  const std::size_t n = data.x.size();
  const double* xs = data.x.data();
  const int* ys = data.y.data();
  // One call site (the code is inlined once): an odd N pads the last pair with a weight-0 lane.
  for (std::size_t i = 0; i < n; i += 2) {
    const bool pair = i + 1 < n;
    pass.add(th, Vec2{xs[i], pair ? xs[i + 1] : 0.0}, Vec2{static_cast<double>(ys[i]), pair ? static_cast<double>(ys[i + 1]) : 0.0}, Vec2{1.0, pair ? 1.0 : 0.0});
  }
  if (!(pass.finite[0] == 0.0 && pass.finite[1] == 0.0) || pass.bad_label[0] != 0 || pass.bad_label[1] != 0)
    return false;
  for (int c = 0; c < 2; ++c)
    for (int j = 0; j < stride; ++j) gradient[c * stride + j] = pass.g[c * S + j][0] + pass.g[c * S + j][1];
  for (int j = 0; j < stride; ++j) gradient[2 * stride + j] = -(gradient[j] + gradient[stride + j]);
  const double lane0 = (pass.log_sums[0] + math::log(pass.product[0])) - pass.margin[0];
  const double lane1 = (pass.log_sums[1] + math::log(pass.product[1])) - pass.margin[1];
  *loss = lane0 + lane1;
  return true;
}

}  // namespace

Result<LossGradient> loss_and_gradient(const Dataset& data, int degree, const std::vector<double>& theta) {
  auto ok = check_theta(theta, degree);
  if (!ok) return Result<LossGradient>::failure(ok);
  if (data.x.empty()) return Result<LossGradient>::failure(ErrorCode::EMPTY, "The data set has no samples.");
  if (data.x.size() != data.y.size())
    return Result<LossGradient>::failure(ErrorCode::LENGTH_MISMATCH, "The data set has different numbers of x and y.");
  LossGradient out;
  out.gradient.assign(theta.size(), 0.0);
  double loss = 0.0;
  const bool valid = accumulate(data, degree, theta, out.gradient.data(), &loss);
  if (!valid)
    return Result<LossGradient>::failure(
        Error{ErrorCode::OUT_OF_RANGE, "Each sample needs a finite x and y in {0, 1, 2}.", "SAMPLE"});
  const double inv_n = 1.0 / static_cast<double>(data.x.size());
  out.loss_nats = loss * inv_n;
  for (double& g : out.gradient) g *= inv_n;
  return Result<LossGradient>::success(std::move(out));
}

Result<PopulationMetrics> population_metrics(const std::vector<double>& theta, int degree, double base) {
  auto ok = check_theta(theta, degree);
  if (!ok) return Result<PopulationMetrics>::failure(ok);
  auto lb = log_of_base(base);
  if (!lb) return Result<PopulationMetrics>::failure(lb);
  Options options;
  options.base = base;
  const Quadrature& quad = quadrature();
  double ce = 0.0, h = 0.0, kl = 0.0;
  std::vector<double> p(3), q(3);
  double phi[kLabMaxDegree + 1], log_q[kLabOutcomes];
  for (int i = 0; i < kNodes; ++i) {
    const auto t = true_conditional(quad.x[i]);
    p.assign(t.begin(), t.end());
    features(quad.x[i], degree, phi);
    log_softmax(theta, degree, phi, log_q);
    for (int c = 0; c < kLabOutcomes; ++c) q[c] = math::exp(log_q[c]);
    auto ce_i = cross_entropy(p, q, options);
    auto h_i = entropy(p, options);
    auto kl_i = kl_divergence(p, q, options);
    if (!ce_i) return Result<PopulationMetrics>::failure(ce_i);
    if (!h_i) return Result<PopulationMetrics>::failure(h_i);
    if (!kl_i) return Result<PopulationMetrics>::failure(kl_i);
    ce += quad.w[i] * *ce_i;
    h += quad.w[i] * *h_i;
    kl += quad.w[i] * *kl_i;
  }
  PopulationMetrics m;
  m.cross_entropy = ce;
  m.entropy = h;
  m.kl = kl;
  m.identity_residual = ce - (h + kl);
  return Result<PopulationMetrics>::success(m);
}

namespace {

Result<StepReport> report(std::size_t n, double loss_nats, const std::vector<double>& theta, int degree,
                          std::int64_t step, double base, double ln_base) {
  auto pop = population_metrics(theta, degree, base);
  if (!pop) return Result<StepReport>::failure(pop);
  StepReport r;
  r.step = step;
  r.train_loss = loss_nats / ln_base;
  r.cross_entropy = pop->cross_entropy;
  r.entropy = pop->entropy;
  r.kl = pop->kl;
  r.identity_residual = pop->identity_residual;
  const double log_lik_nats = -static_cast<double>(n) * loss_nats;
  r.log_likelihood = log_lik_nats / ln_base;
  r.likelihood = math::exp(log_lik_nats);  // underflows to 0 for large N: reported as is
  return Result<StepReport>::success(r);
}

}  // namespace

std::array<double, kLabTrainColumnCount> train_row(const StepReport& s) {
  return {static_cast<double>(s.step), s.train_loss, s.cross_entropy, s.entropy,
          s.kl,                        s.identity_residual, s.log_likelihood, s.likelihood};
}

namespace {

bool all_finite(const StepReport& r) {
  for (const double v : train_row(r))
    if (!std::isfinite(v)) return false;
  return true;
}

bool all_finite(const std::vector<double>& v) {
  for (const double x : v)
    if (!std::isfinite(x)) return false;
  return true;
}

Error step_number_error(std::int64_t first_step, int steps) {
  return Error{ErrorCode::OUT_OF_RANGE,
               steps > 0 ? message("The step number must lie in [0, 2^53 - 1] (got $ + $ steps).", {first_step, steps})
                         : message("The step number must lie in [0, 2^53 - 1] (got $).", {first_step}),
               "STEP_NUMBER", first_step < 0 ? 0.0 : kLabMaxStepNumber};
}

// The report of theta at `step` from its loss, or nothing when a metric would not be finite
// (population metrics fail only on non-finite model probabilities: the same verdict).
std::optional<StepReport> finite_report(std::size_t n, double loss_nats, const std::vector<double>& theta, int degree,
                                        std::int64_t step, double base, double ln_base) {
  if (!std::isfinite(loss_nats)) return std::nullopt;
  auto r = report(n, loss_nats, theta, degree, step, base, ln_base);
  if (!r || !all_finite(*r)) return std::nullopt;
  return *r;
}

}  // namespace

Result<StepReport> evaluate(const Dataset& data, int degree, const std::vector<double>& theta, std::int64_t step,
                            double base) {
  auto lb = log_of_base(base);
  if (!lb) return Result<StepReport>::failure(lb);
  if (step < 0 || static_cast<double>(step) > kLabMaxStepNumber)
    return Result<StepReport>::failure(step_number_error(step, 0));
  auto lg = loss_and_gradient(data, degree, theta);
  if (!lg) return Result<StepReport>::failure(lg);
  auto r = finite_report(data.x.size(), lg->loss_nats, theta, degree, step, base, *lb);
  if (!r)
    return Result<StepReport>::failure(Error{ErrorCode::NOT_FINITE,
                                             "The metrics of this theta are not finite numbers (the model has "
                                             "diverged); start again from a theta of a run that did not diverge.",
                                             "DIVERGED"});
  return Result<StepReport>::success(*r);
}

Result<TrainRun> train(const Dataset& data, int degree, double learning_rate, std::vector<double> theta,
                       std::int64_t first_step, int steps, double base) {
  auto lb = log_of_base(base);
  if (!lb) return Result<TrainRun>::failure(lb);
  if (!std::isfinite(learning_rate))
    return Result<TrainRun>::failure(ErrorCode::NOT_FINITE, "The learning rate must be a finite number.");
  if (!(learning_rate > 0.0) || learning_rate > kLabMaxLearningRate)
    return Result<TrainRun>::failure(Error{ErrorCode::OUT_OF_RANGE,
                                           "The learning rate must be greater than 0 and at most 1000.",
                                           "LEARNING_RATE", learning_rate > 0.0 ? kLabMaxLearningRate : 0.0});
  if (steps < 0 || steps > kLabMaxStepsPerCall)
    return Result<TrainRun>::failure(Error{ErrorCode::OUT_OF_RANGE,
                                           "The number of steps per call must lie in [0, 100000].", "STEPS",
                                           steps < 0 ? 0.0 : static_cast<double>(kLabMaxStepsPerCall)});
  if (first_step < 0 || static_cast<double>(first_step) + steps > kLabMaxStepNumber)
    return Result<TrainRun>::failure(step_number_error(first_step, steps));
  // One pass over the data gives the loss at theta and its gradient together: the pass after
  // a step reports that step's loss and supplies the next gradient (steps + 1 passes a call).
  auto lg = loss_and_gradient(data, degree, theta);
  if (!lg) return Result<TrainRun>::failure(lg);
  TrainRun run;
  run.steps.reserve(static_cast<std::size_t>(steps));
  std::vector<double> next(theta.size());
  for (int s = 1; s <= steps; ++s) {
    const std::int64_t step = first_step + s;
    for (std::size_t i = 0; i < theta.size(); ++i) next[i] = theta[i] - learning_rate * lg->gradient[i];
    std::optional<StepReport> r;
    if (all_finite(next)) {
      auto next_lg = loss_and_gradient(data, degree, next);
      if (!next_lg) return Result<TrainRun>::failure(next_lg);  // bad data, not divergence
      r = finite_report(data.x.size(), next_lg->loss_nats, next, degree, step, base, *lb);
      if (r) lg = std::move(next_lg);
    }
    if (!r) {
      run.diverged = true;
      run.diverged_at = step;
      break;
    }
    theta.swap(next);
    run.steps.push_back(*r);
  }
  run.theta = std::move(theta);
  return Result<TrainRun>::success(std::move(run));
}

}  // namespace bitruler
