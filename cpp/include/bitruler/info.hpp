// Self-information, entropy, cross-entropy and KL divergence.
//
// Conventions (each tested):
//   0 * log 0 = 0; a term with p = 0 contributes 0 whatever q is;
//   q = 0 where p > 0 makes H(P,Q) and D(P||Q) +infinity (a value, not an error);
//   surprisal(0) = +infinity, surprisal(1) = 0.
// Inputs summing to 1 within kSumTolerance are used exactly as given; rescaling
// only happens with Options::normalize.
#pragma once

#include <cmath>
#include <cstddef>
#include <vector>

#include "bitruler/result.hpp"

namespace bitruler {

// Boundary fact: probabilities used as given must sum to 1 within this (else NOT_NORMALIZED, or
// rescaling with Options::normalize).
inline constexpr double kSumTolerance = 1e-9;

// Boundary fact: a logarithm base must be finite and greater than this (BAD_BASE with this limit):
// bases in (0, 1) would make information negative.
inline constexpr double kBaseLowerBound = 1.0;

// Memory: entropy, cross_entropy and kl_divergence read their inputs in place (no allocation of
// their size); with Options::normalize each distribution is rescaled into a copy, 8 bytes per
// outcome. as_distribution and normalize return a copy (8 bytes per outcome).
inline constexpr std::size_t kNormalizeBytesPerOutcome = 8;

struct Options {
  double base = 2.0;       // 2 = bit, e = nat, 10 = hartley; any finite base > 1
  bool normalize = false;  // rescale non-negative weights to sum to 1
};

// Checks a logarithm base; returns ln(base) on success (BAD_BASE otherwise, limit kBaseLowerBound).
Result<double> log_of_base(double base);

// -log_base(p) for p in [0, 1].
Result<double> surprisal(double p, double base = 2.0);

// Validates non-negative finite weights and, when asked, rescales them to sum to 1
// (overflow- and underflow-safe: two weights of 1e308 become 0.5, 0.5).
// Without `normalize`, the weights must already sum to 1 within kSumTolerance and
// are returned unchanged.
Result<std::vector<double>> as_distribution(const std::vector<double>& weights, bool normalize);

// The checks of as_distribution(p, false) without the copy: the sum of p (as weight_sum) when p is
// a distribution (non-empty, finite, non-negative, summing to 1 within kSumTolerance), else the
// same error as_distribution(p, false) gives.
Result<double> validate_distribution(const std::vector<double>& p);

// Rescales non-negative finite weights to sum to 1 (EMPTY / NEGATIVE / NOT_FINITE /
// OUT_OF_RANGE with reason "ALL_ZERO" when they sum to 0). Element errors carry the index.
// Memory: a copy (8 bytes per outcome).
Result<std::vector<double>> normalize(const std::vector<double>& weights);

// The distribution a function works on, copied only when it rescales: `p` itself, validated as
// by validate_distribution, or (with `normalize`) its copy rescaled as by normalize, kept in
// `rescaled`. The errors those two give.
Result<const std::vector<double>*> distribution_in_use(const std::vector<double>& p, bool normalize,
                                                       std::vector<double>& rescaled);

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

// A whole table in one call: each outcome's terms and the totals, from the same kernels.
//
// Totals: `entropy`, `cross_entropy` and `kl` are computed by the code of entropy(),
// cross_entropy() and kl_divergence() on the same input and options, so they are bit-identical to
// those functions (tested). Rows: each outcome's term by the same element formula the kernel sums
// (the same logarithm, the same 2^64 scaling), in the requested base:
//   surprisal_p[i] = -log p_i (+inf for p_i = 0), surprisal_q[i] = -log q_i (by the kernels' own
//     logarithm, the same bits natively and in WASM; within 1 ulp of surprisal(), which uses the
//     core's log2 / log (elementary.hpp) and the C library's log10 and so is not always bit-equal:
//     2.4e-16 relative at most, measured),
//   entropy_terms[i] = p_i * -log p_i (0 for p_i = 0), cross_terms[i] = p_i * -log q_i
//   (0 for p_i = 0 whatever q_i is; +inf for q_i = 0 < p_i),
//   kl_terms[i] = p_i log(p_i / q_i), negative where q_i > p_i, with ln(q_i/p_i) formed from the
//   exponents and aligned mantissas (no q/p, no difference of two logarithms): a few ulps relative
//   even when q_i is a few ulps from p_i, where a * (I(b) - I(a)) would keep no digit.
// A compensated sum of entropy_terms or cross_terms equals the total to about 1e-15 relative. The
// KL rows sum to the total to about 1e-15 of sum |kl_terms|: when P and Q nearly coincide the rows
// are of order |p - q| and cancel to a total of order |p - q|^2, so that bound, not a relative one,
// is what doubles allow (each row is itself accurate).
// q == nullptr: entropy columns only (q, surprisal_q, cross_terms, kl_terms empty; cross_entropy
// and kl NaN). Errors: as cross_entropy() (or entropy() without Q), in the same order.
// Memory: the result holds 7 arrays of n doubles with Q (56 bytes per outcome), 3 without
// (24 bytes per outcome); nothing else of size n is allocated (with normalize, the normalized
// copies become `p` and `q`).
struct InfoTerms {
  std::vector<double> p, q;            // the distributions as used (normalized when asked)
  std::vector<double> surprisal_p;     // -log p_i
  std::vector<double> surprisal_q;     // -log q_i (empty without Q)
  std::vector<double> entropy_terms;   // p_i * -log p_i
  std::vector<double> cross_terms;     // p_i * -log q_i (empty without Q)
  std::vector<double> kl_terms;        // p_i log(p_i / q_i), cancellation-free (empty without Q)
  double entropy = 0.0;
  double cross_entropy = NAN;
  double kl = NAN;
};
inline constexpr std::size_t kInfoTermsBytesPerOutcome = 56;  // with Q; 24 without

Result<InfoTerms> info_terms(const std::vector<double>& p, const std::vector<double>* q,
                             const Options& options = {});

}  // namespace bitruler
