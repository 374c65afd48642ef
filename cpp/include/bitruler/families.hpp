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
// log is the core's own (elementary.hpp); exp, log1p, expm1 and erfc still come from the C library
// and may differ by an ulp between platforms, so tests compare with tolerances, never bit-exactly.
//
// The Gaussian N(mu, sigma^2) is discretized to the integer bins [k - 1/2, k + 1/2):
// the mass of bin k is Phi((k + 1/2 - mu)/sigma) - Phi((k - 1/2 - mu)/sigma). A bin narrow
// against the density's variation (width 1/sigma <= 1 and |z| / sigma <= 2 in standard units) is
// phi(z) / sigma times a Hermite series in 1/sigma (no difference of two nearly equal tail masses,
// which is what erfc differences lose for sigma = 1e5); a wider bin is an erfc difference (or erf
// sum across the mean) that cannot cancel much. Accurate to ~1e-14 relative for every sigma in
// [kMinSigma, kMaxSigma] (tests/fixtures/families.json, mpmath). Tails: the window [lo, hi] is extended until each tail beyond it holds less
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

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "bitruler/result.hpp"

namespace bitruler {

enum class FamilyKind { GAUSSIAN, POISSON, BINOMIAL, GEOMETRIC };

// Boundary fact: the kinds' names in enum order (kFamilyKindNames[int(kind)]), as the JS API spells them.
inline constexpr std::array<const char*, 4> kFamilyKindNames = {"gaussian", "poisson", "binomial", "geometric"};
const char* family_kind_name(FamilyKind kind) noexcept;
// The kind of a name in kFamilyKindNames; TYPE error (reason "FAMILY_KIND") for any other text.
Result<FamilyKind> family_kind_from_name(std::string_view name);
// Boundary fact: how many parameters a kind takes (a, b): Gaussian 2 (mu, sigma; plus the
// naturals flag), Poisson 1 (lambda), binomial 2 (n, p), geometric 1 (p).
inline constexpr std::array<int, 4> kFamilyParameterCounts = {2, 1, 2, 1};

struct Family {
  FamilyKind kind = FamilyKind::GAUSSIAN;
  double a = 0.0;            // Gaussian: mu;     Poisson: lambda; binomial: n; geometric: p
  double b = 1.0;            // Gaussian: sigma;  binomial: p; unused otherwise
  bool on_naturals = false;  // Gaussian only: restrict to k >= 0 and renormalize
};

// Boundary facts: the parameter ranges the constructors accept. They keep a window (and a browser
// tab) small enough: the window of a family has about 17 sigma or 17 sqrt(lambda) integers
// (at most about 1.7e6 for sigma = kMaxSigma, 5.4e5 for lambda = kMaxLambda, 3.9e5 for a
// geometric of p = kMinGeometricP).
inline constexpr double kMinSigma = 1e-3;         // Gaussian sigma: [kMinSigma, kMaxSigma]
inline constexpr double kMaxSigma = 1e5;
inline constexpr double kMaxAbsMu = 1e9;          // Gaussian mu: [-kMaxAbsMu, kMaxAbsMu]
inline constexpr double kMaxLambda = 1e9;         // Poisson lambda: [0, kMaxLambda]
inline constexpr double kMaxBinomialN = 1e9;      // binomial n: whole numbers 0..kMaxBinomialN; p in [0, 1]
inline constexpr double kMinGeometricP = 1e-4;    // geometric p: [kMinGeometricP, 1]
inline constexpr double kTailMass = 1e-17;        // mass allowed beyond each end of a window
// Memory: pmf() holds 8 bytes per window point; kl_divergence() between different kinds 32 bytes
// per point of P's window (Gaussian pairs and same-kind closed forms allocate nothing).

// Constructors that validate: NOT_FINITE for NaN/inf, OUT_OF_RANGE for sigma <= 0,
// lambda < 0, n not a whole number >= 0, p outside [0, 1] (geometric: (0, 1]), and the
// limits above (reason "PARAMETER_RANGE", limit = the bound crossed). Messages are clear English
// sentences saying what is allowed.
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
// Never negative, exactly 0 for P == Q, and the tiny positive number it is for P != Q a few ulps
// apart (tests/fixtures/families.json, mpmath: within ~1e-14 relative).
// - Support first: +infinity whenever P has mass where Q has none, decided from the parameters,
//   never from where a window cuts the tails (a Poisson against any binomial; an unrestricted
//   Gaussian, which has mass on every integer, against a Poisson, a geometric, a binomial or a
//   Gaussian restricted to the naturals).
// - Same kind: closed forms written as sums of phi1(u) = u - log(1 + u) >= 0 terms (Poisson,
//   geometric, binomials of equal n; exact, no tails left out); two Gaussians with the same
//   restriction: sum_k p_k phi1(q_k/p_k - 1) over both windows with q_k/p_k - 1 formed from how
//   far each bin edge moves (costs four bin masses per window point).
// - Other pairs: the core's kl_divergence over P's window (Q's mass outside it as one more
//   outcome); when that sum is +infinity only because q underflowed to 0 where log q is still
//   finite, the sum is redone in log space. Terms beyond P's window (P-mass < 2e-17) are left out.
Result<double> kl_divergence(const Family& p, const Family& q, double base = 2.0);

// The lambda minimizing D(P||Poisson(lambda)), and the minimum.
// For P on the natural numbers the minimizer is lambda* = E_P[k] (proof in families.cpp);
// OUT_OF_RANGE (reason "SUPPORT") when P has mass on negative integers, as every unrestricted
// Gaussian has (then D = +infinity for every lambda).
struct PoissonFit {
  double lambda = 0.0;
  double kl = 0.0;  // D(P || Poisson(lambda)) in the requested base
};
Result<PoissonFit> fit_poisson(const Family& p, double base = 2.0);

// Closed-form KL between continuous Gaussians:
//   log(s2/s1) + (s1^2 + (m1 - m2)^2) / (2 s2^2) - 1/2 nats, then divided by ln(base),
// computed as phi1(t)/2 + d^2/2 with t = (s1/s2)^2 - 1 formed from s1 - s2: full precision when
// the two nearly coincide (s2 = s1 (1 + 1e-7) or a few ulps apart; mpmath, within 1e-15).
Result<double> gaussian_kl_closed_form(double mu1, double sigma1, double mu2, double sigma2,
                                       double base = 2.0);

// The same divergence as a numeric sum over bins of width h: N(mu, sigma^2) on bins of
// width h is N(mu/h, (sigma/h)^2) on integer bins. Tends to the closed form from below
// as h -> 0 (discretizing can only lose information). h > 0, and sigma/h <= kMaxSigma.
Result<double> gaussian_kl_binned(double mu1, double sigma1, double mu2, double sigma2,
                                  double bin_width, double base = 2.0);

}  // namespace bitruler
