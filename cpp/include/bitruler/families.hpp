// Distribution families on the integers, so that a Gaussian and a Poisson can be put
// on one ruler: D(P||Q) needs no common parameters, only a common support.
//
// Every family is evaluated in log space (log_pmf), so nothing overflows for large
// parameters (Poisson lambda = 1e6 or 1e8) and nothing underflows to a spurious zero
// when one distribution sits far in the other's tail.
//
// Poisson and binomial masses use Loader's saddle-point form
//   log p = -stirlerr(k) - bd0(k, lambda) - 1/2 log(2 pi k)
// (C. Loader, "Fast and accurate computation of binomial probabilities", 2000),
// accurate to a few ulps in relative terms. No lgamma (whose last bits differ between glibc
// and Emscripten's musl): stirlerr(k) for k <= 15 comes from a table, above from its series.
// exp, log, log1p and erfc still come from the C library and may differ by an ulp between
// platforms, so tests compare with tolerances, never bit-exactly.
//
// The Gaussian N(mu, sigma^2) is discretized to the integer bins [k - 1/2, k + 1/2):
// the mass of bin k is Phi((k + 1/2 - mu)/sigma) - Phi((k - 1/2 - mu)/sigma), computed
// from erfc (or erf across the mean) so that no difference of two numbers near 1 is
// taken. Tails: the window [lo, hi] is extended until each tail beyond it holds less
// than 1e-17 of the mass (|z| >= 8.6), and in `pmf()` the left tail (-inf, lo - 1/2) is
// folded into bin lo and the right tail [hi + 1/2, inf) into bin hi, so the window's
// masses account for all of the mass. `log_pmf(k)` is always the bin's own mass (no
// folding), at any k, however far in the tail.
//
// A Gaussian may also be restricted to the natural numbers (`on_naturals`): the bins
// k >= 0 renormalized by P(X >= -1/2). Without it, a Gaussian puts mass on negative
// integers, where a Poisson, binomial or geometric has none, and D(Gaussian || Poisson)
// is +infinity: correct, and the element says so.
#pragma once

#include <cstdint>
#include <vector>

#include "bitruler/result.hpp"

namespace bitruler {

enum class FamilyKind { GAUSSIAN, POISSON, BINOMIAL, GEOMETRIC };

struct Family {
  FamilyKind kind = FamilyKind::GAUSSIAN;
  double a = 0.0;            // Gaussian: mu;     Poisson: lambda; binomial: n; geometric: p
  double b = 1.0;            // Gaussian: sigma;  binomial: p; unused otherwise
  bool on_naturals = false;  // Gaussian only: restrict to k >= 0 and renormalize
};

// Limits that keep a window (and a browser tab) small enough: the window of a family
// has about 17 sigma or 17 sqrt(lambda) integers.
inline constexpr double kMaxSigma = 1e5;
inline constexpr double kMaxAbsMu = 1e9;
inline constexpr double kMaxLambda = 1e9;
inline constexpr double kMaxBinomialN = 1e9;
inline constexpr double kTailMass = 1e-17;  // mass allowed beyond each end of a window

// Constructors that validate: NOT_FINITE for NaN/inf, OUT_OF_RANGE for sigma <= 0,
// lambda < 0, n not a whole number >= 0, p outside [0, 1] (geometric: (0, 1]), and the
// limits above. Messages are clear English sentences.
Result<Family> gaussian(double mu, double sigma, bool on_naturals = false);
Result<Family> poisson(double lambda);
Result<Family> binomial(double n, double p);
Result<Family> geometric(double p);  // number of failures before the first success: k >= 0

// Re-checks a Family built by hand (e.g. from the JS layer).
Result<Family> validate(const Family& family);

// log of the mass at integer k (-infinity outside the support). Never overflows.
double log_pmf(const Family& family, std::int64_t k);

// Mean of the (discretized) family on the integers.
double mean(const Family& family);

// The masses on a window [first, first + mass.size()) holding all but < 1e-17 of each
// tail; for the Gaussian the tails are folded into the end bins (see above).
struct IntegerPmf {
  std::int64_t first = 0;
  std::vector<double> mass;
  std::int64_t last() const { return first + static_cast<std::int64_t>(mass.size()) - 1; }
};
Result<IntegerPmf> pmf(const Family& family);

// The window of `pmf` without computing it.
struct IntegerWindow {
  std::int64_t lo = 0;
  std::int64_t hi = 0;
};
IntegerWindow window(const Family& family);

// D(P||Q) on the integers, in the given base (2 = bit, e = nat, 10 = hartley).
// +infinity when Q has zero mass where P has mass (e.g. a Gaussian against a Poisson
// when the Gaussian reaches the negative integers). Never negative, exactly 0 for P == Q.
// Computed with the core's kl_divergence on the union of both windows; when that sum is
// +infinity only because q underflowed to 0 where log q is still finite, the sum is
// redone in log space (such values are large and have no cancellation).
// Terms beyond both windows (P-mass < 2e-17) are left out.
Result<double> kl_divergence(const Family& p, const Family& q, double base = 2.0);

// The lambda minimizing D(P||Poisson(lambda)), and the minimum.
// For P on the natural numbers the minimizer is lambda* = E_P[k] (proof in families.cpp);
// OUT_OF_RANGE when P has mass on negative integers (then D = +infinity for every lambda).
struct PoissonFit {
  double lambda = 0.0;
  double kl = 0.0;  // D(P || Poisson(lambda)) in the requested base
};
Result<PoissonFit> fit_poisson(const Family& p, double base = 2.0);

// Closed-form KL between continuous Gaussians, in nats:
//   log(s2/s1) + (s1^2 + (m1 - m2)^2) / (2 s2^2) - 1/2, then divided by ln(base).
Result<double> gaussian_kl_closed_form(double mu1, double sigma1, double mu2, double sigma2,
                                       double base = 2.0);

// The same divergence as a numeric sum over bins of width h: N(mu, sigma^2) on bins of
// width h is N(mu/h, (sigma/h)^2) on integer bins. Tends to the closed form from below
// as h -> 0 (discretizing can only lose information). h > 0, and sigma/h <= kMaxSigma.
Result<double> gaussian_kl_binned(double mu1, double sigma1, double mu2, double sigma2,
                                  double bin_width, double base = 2.0);

}  // namespace bitruler
