// The learning lab: ordered-logit truth, softmax model, full-batch gradient descent.
// See learning.hpp for the task and what is reported.
#include "bitruler/learning.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <utility>

#include "bitruler/info.hpp"
#include "bitruler/random.hpp"

namespace bitruler {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

constexpr int kPanels = 16;
constexpr int kNodesPerPanel = 8;
constexpr double kFeatureScale = 1.0 / 3.0;  // u = x / 3 keeps u^3 in [-1, 1]

// Logistic function without overflow for large |t|.
double sigmoid(double t) {
  if (t >= 0) return 1.0 / (1.0 + std::exp(-t));
  const double e = std::exp(t);
  return e / (1.0 + e);
}

struct Quadrature {
  std::vector<double> x;  // nodes in [kLabXMin, kLabXMax]
  std::vector<double> w;  // weights of the uniform density on that interval (sum 1)
};

// Gauss-Legendre nodes on [-1, 1] by Newton's method on P_n (standard recurrence).
void gauss_legendre(int n, std::vector<double>& nodes, std::vector<double>& weights) {
  nodes.assign(n, 0.0);
  weights.assign(n, 0.0);
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
    nodes[i] = z;
    weights[i] = 2.0 / ((1.0 - z * z) * dp * dp);
  }
}

const Quadrature& quadrature() {
  static const Quadrature q = [] {
    std::vector<double> gx, gw;
    gauss_legendre(kNodesPerPanel, gx, gw);
    Quadrature out;
    const double width = (kLabXMax - kLabXMin) / kPanels;
    for (int p = 0; p < kPanels; ++p) {
      const double mid = kLabXMin + (p + 0.5) * width;
      for (int i = 0; i < kNodesPerPanel; ++i) {
        out.x.push_back(mid + 0.5 * width * gx[i]);
        // density 1/(xmax - xmin) times dx = width/2 * dz
        out.w.push_back(gw[i] * 0.5 * width / (kLabXMax - kLabXMin));
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
  for (int c = 0; c < kLabOutcomes; ++c) sum += std::exp(z[c] - zmax);
  const double lse = zmax + std::log(sum);
  for (int c = 0; c < kLabOutcomes; ++c) log_q[c] = z[c] - lse;
}

Result<double> check_theta(const std::vector<double>& theta, int degree) {
  auto count = parameter_count(degree);
  if (!count) return Result<double>::failure(count);
  if (theta.size() != *count)
    return Result<double>::failure(ErrorCode::LENGTH_MISMATCH,
                                   "theta must have " + std::to_string(*count) + " entries for degree " +
                                       std::to_string(degree) + " (got " + std::to_string(theta.size()) + ").");
  for (double t : theta)
    if (!std::isfinite(t)) return Result<double>::failure(ErrorCode::NOT_FINITE, "theta must be finite numbers.");
  return Result<double>::success(0.0);
}

Result<double> check_data(const Dataset& data) {
  if (data.x.empty()) return Result<double>::failure(ErrorCode::EMPTY, "The data set has no samples.");
  if (data.x.size() != data.y.size())
    return Result<double>::failure(ErrorCode::LENGTH_MISMATCH, "The data set has different numbers of x and y.");
  for (std::size_t i = 0; i < data.y.size(); ++i)
    if (data.y[i] < 0 || data.y[i] >= kLabOutcomes || !std::isfinite(data.x[i]))
      return Result<double>::failure(ErrorCode::OUT_OF_RANGE, "Each sample needs a finite x and y in {0, 1, 2}.");
  return Result<double>::success(0.0);
}

}  // namespace

std::array<double, 3> true_conditional(double x) {
  const double win = sigmoid(kLabSlope * x - kLabCut);
  const double loss = sigmoid(-kLabSlope * x - kLabCut);
  return {win, 1.0 - win - loss, loss};
}

Result<Dataset> make_dataset(std::size_t n, std::uint64_t seed) {
  if (n == 0) return Result<Dataset>::failure(ErrorCode::OUT_OF_RANGE, "The number of samples N must be at least 1.");
  if (n > kLabMaxSamples)
    return Result<Dataset>::failure(ErrorCode::OUT_OF_RANGE,
                                    "The number of samples N must be at most 1000000 (got " + std::to_string(n) + ").");
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
    return Result<std::size_t>::failure(ErrorCode::OUT_OF_RANGE,
                                        "The model degree (capacity) must be 1, 2 or 3 (got " + std::to_string(degree) +
                                            ").");
  return Result<std::size_t>::success(static_cast<std::size_t>(kLabOutcomes * (degree + 1)));
}

Result<std::array<double, 3>> model_conditional(const std::vector<double>& theta, int degree, double x) {
  auto ok = check_theta(theta, degree);
  if (!ok) return Result<std::array<double, 3>>::failure(ok);
  if (!std::isfinite(x)) return Result<std::array<double, 3>>::failure(ErrorCode::NOT_FINITE, "x must be finite.");
  double phi[kLabMaxDegree + 1], log_q[kLabOutcomes];
  features(x, degree, phi);
  log_softmax(theta, degree, phi, log_q);
  return Result<std::array<double, 3>>::success({std::exp(log_q[0]), std::exp(log_q[1]), std::exp(log_q[2])});
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

// theta_c . phi, summed left to right as a plain loop would.
template <std::size_t... J>
BITRULER_INLINE double dot(const double* theta_c, const double* phi, std::index_sequence<J...>) {
  return (... + (theta_c[J] * phi[J]));
}

// g_c += r * phi
template <std::size_t... J>
BITRULER_INLINE void axpy(double* g_c, double r, const double* phi, std::index_sequence<J...>) {
  ((g_c[J] += r * phi[J]), ...);
}

// phi = (1, u, u^2, ...)
template <std::size_t... J>
BITRULER_INLINE void powers(double* phi, double u, std::index_sequence<J...>) {
  phi[0] = 1.0;
  ((phi[J + 1] = phi[J] * u), ...);
}

// The hot loop of a training step, per degree: per sample two exp (the largest logit's
// exp(0) = 1 is not computed) and a log only every 256 samples.
template <int D>
double accumulate(const Dataset& data, const std::vector<double>& theta, double* gradient) {
  constexpr int S = D + 1;
  using Features = std::make_index_sequence<S>;
  double th[kLabOutcomes * S];
  for (int i = 0; i < kLabOutcomes * S; ++i) th[i] = theta[i];
  double g[kLabOutcomes * S] = {};
  // -ln Q(y|x) = ln(sum) - (z_y - zmax). The sums lie in [1, 3], so 256 of them multiply to at most
  // 3^256 ~ 1e122: one log per 256 samples instead of one per sample.
  double margin = 0.0, log_sums = 0.0, product = 1.0;
  int in_product = 0;
  const std::size_t n = data.x.size();
  const double* xs = data.x.data();
  const int* ys = data.y.data();
  for (std::size_t i = 0; i < n; ++i) {
    double phi[S];
    powers(phi, xs[i] * kFeatureScale, std::make_index_sequence<D>{});
    const double z0 = dot(th, phi, Features{});
    const double z1 = dot(th + S, phi, Features{});
    const double z2 = dot(th + 2 * S, phi, Features{});
    const int top = z0 >= z1 ? (z0 >= z2 ? 0 : 2) : (z1 >= z2 ? 1 : 2);
    const double zmax = top == 0 ? z0 : top == 1 ? z1 : z2;
    const double e0 = top == 0 ? 1.0 : std::exp(z0 - zmax);
    const double e1 = top == 1 ? 1.0 : std::exp(z1 - zmax);
    const double e2 = top == 2 ? 1.0 : std::exp(z2 - zmax);
    const double sum = e0 + e1 + e2;  // in [1, 3]
    const double inv = 1.0 / sum;
    const int y = ys[i];
    margin += (y == 0 ? z0 : y == 1 ? z1 : z2) - zmax;
    product *= sum;
    if (++in_product == 256) {
      log_sums += std::log(product);
      product = 1.0;
      in_product = 0;
    }
    // d(-ln Q_y)/d logit_c = Q_c - [c == y]
    axpy(g, e0 * inv - (y == 0 ? 1.0 : 0.0), phi, Features{});
    axpy(g + S, e1 * inv - (y == 1 ? 1.0 : 0.0), phi, Features{});
    axpy(g + 2 * S, e2 * inv - (y == 2 ? 1.0 : 0.0), phi, Features{});
  }
  for (int i = 0; i < kLabOutcomes * S; ++i) gradient[i] = g[i];
  return (log_sums + std::log(product)) - margin;
}

}  // namespace

Result<LossGradient> loss_and_gradient(const Dataset& data, int degree, const std::vector<double>& theta) {
  auto ok = check_theta(theta, degree);
  if (!ok) return Result<LossGradient>::failure(ok);
  auto okd = check_data(data);
  if (!okd) return Result<LossGradient>::failure(okd);
  LossGradient out;
  out.gradient.assign(theta.size(), 0.0);
  double loss = 0.0;
  switch (degree) {
    case 1: loss = accumulate<1>(data, theta, out.gradient.data()); break;
    case 2: loss = accumulate<2>(data, theta, out.gradient.data()); break;
    default: loss = accumulate<3>(data, theta, out.gradient.data()); break;
  }
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
  for (std::size_t i = 0; i < quad.x.size(); ++i) {
    const auto t = true_conditional(quad.x[i]);
    p.assign(t.begin(), t.end());
    features(quad.x[i], degree, phi);
    log_softmax(theta, degree, phi, log_q);
    for (int c = 0; c < kLabOutcomes; ++c) q[c] = std::exp(log_q[c]);
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
  r.likelihood = std::exp(log_lik_nats);  // underflows to 0 for large N: reported as is
  return Result<StepReport>::success(r);
}

}  // namespace

Result<StepReport> evaluate(const Dataset& data, int degree, const std::vector<double>& theta, std::int64_t step,
                            double base) {
  auto lb = log_of_base(base);
  if (!lb) return Result<StepReport>::failure(lb);
  auto lg = loss_and_gradient(data, degree, theta);
  if (!lg) return Result<StepReport>::failure(lg);
  return report(data.x.size(), lg->loss_nats, theta, degree, step, base, *lb);
}

Result<TrainRun> train(const Dataset& data, int degree, double learning_rate, std::vector<double> theta,
                       std::int64_t first_step, int steps, double base) {
  auto lb = log_of_base(base);
  if (!lb) return Result<TrainRun>::failure(lb);
  if (!std::isfinite(learning_rate))
    return Result<TrainRun>::failure(ErrorCode::NOT_FINITE, "The learning rate must be a finite number.");
  if (!(learning_rate > 0.0) || learning_rate > kLabMaxLearningRate)
    return Result<TrainRun>::failure(ErrorCode::OUT_OF_RANGE,
                                     "The learning rate must be greater than 0 and at most 1000.");
  if (steps < 0 || steps > kLabMaxStepsPerCall)
    return Result<TrainRun>::failure(ErrorCode::OUT_OF_RANGE, "The number of steps per call must lie in [0, 100000].");
  if (first_step < 0) return Result<TrainRun>::failure(ErrorCode::OUT_OF_RANGE, "The step number must be 0 or more.");
  // One pass over the data gives the loss at theta and its gradient together: the pass after
  // a step reports that step's loss and supplies the next gradient (steps + 1 passes a call).
  auto lg = loss_and_gradient(data, degree, theta);
  if (!lg) return Result<TrainRun>::failure(lg);
  TrainRun run;
  run.steps.reserve(static_cast<std::size_t>(steps));
  for (int s = 1; s <= steps; ++s) {
    for (std::size_t i = 0; i < theta.size(); ++i) theta[i] -= learning_rate * lg->gradient[i];
    for (double t : theta)
      if (!std::isfinite(t))
        return Result<TrainRun>::failure(ErrorCode::NOT_FINITE,
                                         "Training diverged (theta is no longer finite): lower the learning rate.");
    lg = loss_and_gradient(data, degree, theta);
    if (!lg) return Result<TrainRun>::failure(lg);
    auto r = report(data.x.size(), lg->loss_nats, theta, degree, first_step + s, base, *lb);
    if (!r) return Result<TrainRun>::failure(r);
    run.steps.push_back(*r);
  }
  run.theta = std::move(theta);
  return Result<TrainRun>::success(std::move(run));
}

}  // namespace bitruler
