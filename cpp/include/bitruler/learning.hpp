// The learning lab: a supervised task small enough to see whole.
//
// A match between two teams whose rating difference is x (in hundreds of rating points,
// uniform on [-3, 3]) ends in a win (y = 0), a draw (y = 1) or a loss (y = 2). The true
// conditional P_data(y | x) is an ordered-logit model: with a latent margin
// kSlope * x + e, e standard-logistic,
//   P(win | x)  = sigma(kSlope x - kCut),   P(loss | x) = sigma(-kSlope x - kCut),
//   P(draw | x) = 1 - P(win | x) - P(loss | x).
// N samples (x_n, y_n) are drawn with the seeded Rng (x = -3 + 6 U, then y by categorical),
// so a seed fixes the data set natively and in WASM.
//
// The model Q_theta(y | x) is a softmax over polynomial features of u = x / 3 of degree
// 1..3 (the capacity): logit_c = sum_j theta[c (d + 1) + j] u^j. The ordered-logit truth is
// not exactly a softmax of a polynomial, so the KL gap stays above 0 and shrinks with
// capacity. Training is full-batch gradient descent on the sample loss in nats,
//   L(theta) = -(1/N) sum_n ln Q_theta(y_n | x_n)       (no P_data factor in the sum),
// with step theta <- theta - lr * grad L. One pass over the data gives L and grad L together
// (two samples at a time, branch-free, exp by its own polynomial: the same bits natively and in
// WASM; about 160 instructions a sample natively).
//
// After every step the lab reports, in the requested base:
//   train_loss     = -(1/N) sum_n log Q(y_n | x_n);
//   cross_entropy  = E_x[ H(P_data(.|x), Q(.|x)) ],  entropy = E_x[ H(P_data(.|x)) ],
//   kl             = E_x[ D(P_data(.|x) || Q(.|x)) ],
// the expectations by composite Gauss-Legendre quadrature on a fixed grid of x (16 panels of
// 8 nodes, exact for polynomials of degree 15 per panel; the integrands are analytic), each
// node through the core's entropy / cross_entropy / kl_divergence, so cross_entropy =
// entropy + kl holds to rounding (|residual| is reported and tested <= 1e-12);
//   log_likelihood = sum_n log Q(y_n | x_n) = -N train_loss, and
//   likelihood     = prod_n Q(y_n | x_n) = exp(-N L): the raw product, which underflows to 0
//                    for large N (then only log_likelihood carries the information).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "bitruler/result.hpp"

namespace bitruler {

// Boundary facts of the lab (each one bounds what its comment says; the binding exports them).
inline constexpr int kLabOutcomes = 3;            // outcomes of a match: win, draw, loss
inline constexpr double kLabXMin = -3.0;          // rating difference x (hundreds of points): lowest
inline constexpr double kLabXMax = 3.0;           // ... and highest
inline constexpr double kLabSlope = 1.5;          // the truth's ordered-logit slope
inline constexpr double kLabCut = 0.7;            // the truth's ordered-logit cut point
inline constexpr int kLabMinDegree = 1;           // model degree (capacity): smallest
inline constexpr int kLabMaxDegree = 3;           // ... and largest
inline constexpr std::size_t kLabMinSamples = 1;  // samples N of a data set: fewest
inline constexpr std::size_t kLabMaxSamples = 1000000;    // ... and most
inline constexpr int kLabMaxStepsPerCall = 100000;        // gradient steps of one train() call
inline constexpr double kLabMaxLearningRate = 1000.0;     // learning rate: (0, this]
inline constexpr double kLabMaxStepNumber = kMaxExactInteger;  // step numbers stay exact doubles (2^53 - 1)

// The columns of a training report, in the order train_row() and the binding (labTrain's
// `columns`) lay them out; the names are the JS names.
inline constexpr std::size_t kLabTrainColumnCount = 8;
inline constexpr std::array<const char*, kLabTrainColumnCount> kLabTrainColumns = {
    "step", "trainLoss", "crossEntropy", "entropy", "kl", "identityResidual", "logLikelihood", "likelihood"};

// The rule of the composite quadrature (each panel): the 8-point Gauss-Legendre nodes on [-1, 1]
// and their weights, as Newton's method on P_8 gives them in double precision from cos()
// starting points (the same bits with glibc and musl; tests/cpp/test_learning.cpp recomputes
// them). A table, so that the module needs no cos().
inline constexpr std::array<double, 8> kGaussLegendreNodes = {
    0x1.ebab1cb0acc67p-1,  0x1.97e4ab249f41fp-1,  0x1.0d129583284b4p-1,  0x1.77ac94f3c7344p-3,
    -0x1.77ac94f3c7344p-3, -0x1.0d129583284b4p-1, -0x1.97e4ab249f41fp-1, -0x1.ebab1cb0acc67p-1};
inline constexpr std::array<double, 8> kGaussLegendreWeights = {
    0x1.9ea1d04ca039ap-4, 0x1.c76fb531d2b95p-3, 0x1.413c50a255617p-2, 0x1.736360b199343p-2,
    0x1.736360b199343p-2, 0x1.413c50a255617p-2, 0x1.c76fb531d2b95p-3, 0x1.9ea1d04ca039ap-4};

// P_data(. | x) as {win, draw, loss}.
std::array<double, 3> true_conditional(double x);

struct Dataset {
  std::vector<double> x;
  std::vector<int> y;  // 0 win, 1 draw, 2 loss
};
// OUT_OF_RANGE for n = 0 or n > kLabMaxSamples (reason "SAMPLES", limit).
// Memory: 12 bytes per sample (x and y).
Result<Dataset> make_dataset(std::size_t n, std::uint64_t seed);

// 3 (degree + 1): the one source of the parameter count. OUT_OF_RANGE (reason "DEGREE") outside
// kLabMinDegree..kLabMaxDegree.
Result<std::size_t> parameter_count(int degree);

// Q_theta(. | x) by a log-sum-exp softmax (never overflows, whatever theta).
Result<std::array<double, 3>> model_conditional(const std::vector<double>& theta, int degree, double x);

struct LossGradient {
  double loss_nats = 0.0;         // -(1/N) sum ln Q(y_n | x_n)
  std::vector<double> gradient;   // d loss_nats / d theta
};
Result<LossGradient> loss_and_gradient(const Dataset& data, int degree, const std::vector<double>& theta);

struct PopulationMetrics {
  double cross_entropy = 0.0;
  double entropy = 0.0;
  double kl = 0.0;
  double identity_residual = 0.0;  // cross_entropy - (entropy + kl)
};
Result<PopulationMetrics> population_metrics(const std::vector<double>& theta, int degree, double base = 2.0);

struct StepReport {
  std::int64_t step = 0;
  double train_loss = 0.0;
  double cross_entropy = 0.0;
  double entropy = 0.0;
  double kl = 0.0;
  double identity_residual = 0.0;
  double log_likelihood = 0.0;  // in the requested base
  double likelihood = 0.0;      // raw product; 0 when it underflows
};

// The row of a report in kLabTrainColumns order.
std::array<double, kLabTrainColumnCount> train_row(const StepReport& report);

// Metrics of theta as it is (step number `step`, 0..kLabMaxStepNumber). NOT_FINITE with reason
// "DIVERGED" when a metric of this theta would not be a finite number (a theta that train()
// stopped before reaching); nothing non-finite is ever returned.
Result<StepReport> evaluate(const Dataset& data, int degree, const std::vector<double>& theta, std::int64_t step,
                            double base = 2.0);

struct TrainRun {
  std::vector<double> theta;       // after the last step reported (the input theta if none was)
  std::vector<StepReport> steps;   // one per step: first_step + 1 .. first_step + steps.size()
  bool diverged = false;           // true: the run stopped early, see diverged_at
  std::int64_t diverged_at = 0;    // the first step whose theta or a metric would not be finite
};
// `steps` gradient-descent steps from theta (which has parameter_count(degree) entries).
// Divergence is a result, not an error: the run stops at the first step whose theta or any
// reported metric would be non-finite (+-inf or NaN) and returns the finite steps before it with
// diverged = true and diverged_at = that step's number. No NaN or infinity ever leaves train().
// Errors: OUT_OF_RANGE for lr <= 0 or > kLabMaxLearningRate (reason "LEARNING_RATE"), steps < 0
// or > kLabMaxStepsPerCall ("STEPS"), first_step < 0 or first_step + steps > kLabMaxStepNumber
// ("STEP_NUMBER"); LENGTH_MISMATCH for a theta of the wrong length; NOT_FINITE for a non-finite
// lr or theta; BAD_BASE. Memory: 64 bytes per step (the reports) besides the data set.
Result<TrainRun> train(const Dataset& data, int degree, double learning_rate, std::vector<double> theta,
                       std::int64_t first_step, int steps, double base = 2.0);

}  // namespace bitruler
