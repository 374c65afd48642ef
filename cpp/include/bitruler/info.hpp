// Self-information, entropy, cross-entropy and KL divergence.
//
// Conventions (each tested):
//   0 * log 0 = 0; a term with p = 0 contributes 0 whatever q is;
//   q = 0 where p > 0 makes H(P,Q) and D(P||Q) +infinity (a value, not an error);
//   surprisal(0) = +infinity, surprisal(1) = 0.
// Inputs summing to 1 within kSumTolerance are used exactly as given; rescaling
// only happens with Options::normalize.
#pragma once

#include <cstddef>
#include <vector>

#include "bitruler/result.hpp"

namespace bitruler {

inline constexpr double kSumTolerance = 1e-9;

struct Options {
  double base = 2.0;       // 2 = bit, e = nat, 10 = hartley; any finite base > 1
  bool normalize = false;  // rescale non-negative weights to sum to 1
};

// Checks a logarithm base; returns ln(base) on success (BAD_BASE otherwise).
Result<double> log_of_base(double base);

// -log_base(p) for p in [0, 1].
Result<double> surprisal(double p, double base = 2.0);

// Validates non-negative finite weights and, when asked, rescales them to sum to 1
// (overflow- and underflow-safe: two weights of 1e308 become 0.5, 0.5).
// Without `normalize`, the weights must already sum to 1 within kSumTolerance and
// are returned unchanged.
Result<std::vector<double>> as_distribution(const std::vector<double>& weights, bool normalize);

// Rescales non-negative finite weights to sum to 1 (EMPTY / NEGATIVE / NOT_FINITE /
// OUT_OF_RANGE with reason "ALL_ZERO" when they sum to 0). Element errors carry the index.
// Memory: a copy (8 bytes per outcome).
Result<std::vector<double>> normalize(const std::vector<double>& weights);

// The sum of non-negative finite weights exactly as the core's checks compute it (compensated,
// in the kernels' order; +infinity when it exceeds the largest double), so that
// |weight_sum(w) - 1| <= kSumTolerance holds exactly when as_distribution(w, false) accepts w.
// EMPTY / NEGATIVE / NOT_FINITE (with the index) as above. No copy.
Result<double> weight_sum(const std::vector<double>& weights);

Result<double> entropy(const std::vector<double>& p, const Options& options = {});
Result<double> cross_entropy(const std::vector<double>& p, const std::vector<double>& q,
                             const Options& options = {});
// Never negative; exactly 0 when P == Q.
Result<double> kl_divergence(const std::vector<double>& p, const std::vector<double>& q,
                             const Options& options = {});

}  // namespace bitruler
