// Distribution families on the integers; see families.hpp for the conventions.
#include "bitruler/families.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "bitruler/elementary.hpp"
#include "bitruler/format.hpp"
#include "bitruler/info.hpp"

namespace bitruler {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kLn2Pi = 1.8378770664093454835606594728112;   // log(2 pi)
constexpr double kSqrt1_2 = 0.70710678118654752440084436210485;
constexpr double kInvSqrtPi = 0.56418958354775628694807945156077;
constexpr double kLn2 = 0.69314718055994530941723212145818;
// |z| of the window ends: Phi(-8.6) = 4.0e-18 < kTailMass.
constexpr double kGaussianWindowZ = 8.6;


// Stirling's error: log(n!) - [(n + 1/2) log n - n + log sqrt(2 pi)], for whole n >= 1.
// n <= 15 from a table (mpmath, 40 digits, rounded), so no lgamma is needed and the values are
// the same under every C library; larger n from the asymptotic series (error < 1e-17 there).
double stirlerr(double n) {
  static constexpr double kTable[15] = {
      0.0810614667953272582197, 0.0413406959554092940938, 0.0276779256849983391488,
      0.0207906721037650931115, 0.0166446911898211921632, 0.0138761288230707479987,
      0.0118967099458917700951, 0.0104112652619720964975, 0.00925546218271273291773,
      0.00833056343336287125647, 0.00757367548795184079497, 0.00694284010720952986566,
      0.00640899418800420706844, 0.00595137011275884773562, 0.00555473355196280137104,
  };
  if (n <= 15.0) return kTable[static_cast<int>(n) - 1];
  const double nn = n * n;
  constexpr double s0 = 1.0 / 12, s1 = 1.0 / 360, s2 = 1.0 / 1260, s3 = 1.0 / 1680, s4 = 1.0 / 1188;
  return (s0 - (s1 - (s2 - (s3 - s4 / nn) / nn) / nn) / nn) / n;
}

// bd0(x, m) = x log(x/m) + m - x, without cancellation when x is near m (Loader 2000).
double bd0(double x, double m) {
  if (std::fabs(x - m) < 0.1 * (x + m)) {
    const double v = (x - m) / (x + m);
    double s = (x - m) * v;
    double ej = 2.0 * x * v;
    const double v2 = v * v;
    for (int j = 1; j < 1000; ++j) {
      ej *= v2;
      const double s1 = s + ej / (2 * j + 1);
      if (s1 == s) return s1;
      s = s1;
    }
    return s;
  }
  return x * math::log(x / m) + m - x;
}

double log_poisson(std::int64_t k, double lambda) {
  if (k < 0) return -kInf;
  if (lambda == 0.0) return k == 0 ? 0.0 : -kInf;
  if (k == 0) return -lambda;
  const double x = static_cast<double>(k);
  return -stirlerr(x) - bd0(x, lambda) - 0.5 * (kLn2Pi + math::log(x));
}

double log_binomial(std::int64_t k, double n, double p) {
  const double x = static_cast<double>(k);
  if (k < 0 || x > n) return -kInf;
  if (p == 0.0) return k == 0 ? 0.0 : -kInf;
  if (p == 1.0) return x == n ? 0.0 : -kInf;
  const double q = 1.0 - p;
  if (k == 0) return n * std::log1p(-p);
  if (x == n) return n * math::log(p);
  const double lc = stirlerr(n) - stirlerr(x) - stirlerr(n - x) - bd0(x, n * p) - bd0(n - x, n * q);
  return lc + 0.5 * math::log(n / (2.0 * M_PI * x * (n - x)));
}

double log_geometric(std::int64_t k, double p) {
  if (k < 0) return -kInf;
  if (p == 1.0) return k == 0 ? 0.0 : -kInf;
  return math::log(p) + static_cast<double>(k) * std::log1p(-p);
}

// log erfc(u) for u >= 0, finite far beyond where erfc underflows: there
// erfc(u) = exp(-u^2) erfcx(u), erfcx from its continued fraction.
double log_erfc(double u) {
  if (u < 26.0) return math::log(math::erfc(u));
  if (u > 1e150) return -kInf;
  double f = u;
  for (int j = 40; j >= 1; --j) f = u + (0.5 * j) / f;
  return -u * u + math::log(kInvSqrtPi / f);
}

// log(erfc(u1) - erfc(u2)) for 0 <= u1 < u2 (u2 may be +inf).
double log_erfc_diff(double u1, double u2) {
  if (u1 < 26.0) {
    const double d = math::erfc(u1) - math::erfc(u2);
    if (d > 1e-290) return math::log(d);
  }
  const double l1 = log_erfc(u1);
  const double l2 = std::isinf(u2) ? -kInf : log_erfc(u2);
  if (l1 == -kInf) return -kInf;
  return l1 + std::log1p(-math::exp(l2 - l1));
}

// log P(a <= Z < b) for a standard normal Z, a < b (either may be infinite).
double log_normal_interval(double a, double b) {
  if (a >= 0.0) return log_erfc_diff(a * kSqrt1_2, b * kSqrt1_2) - kLn2;
  if (b <= 0.0) return log_erfc_diff(-b * kSqrt1_2, -a * kSqrt1_2) - kLn2;
  // Across the mean: a sum of two positive terms, no cancellation.
  return math::log(0.5 * (math::erf(b * kSqrt1_2) + math::erf(-a * kSqrt1_2)));
}

// log of the Gaussian bin [lo_edge, hi_edge) before any restriction.
double log_gaussian_interval(const Family& g, double lo_edge, double hi_edge) {
  return log_normal_interval((lo_edge - g.a) / g.b, (hi_edge - g.a) / g.b);
}

// log P(X >= -1/2): the normalizer of a Gaussian restricted to the natural numbers.
double log_gaussian_naturals_mass(const Family& g) {
  return log_gaussian_interval(g, -0.5, kInf);
}

// S(c, w) = (1/(2w)) * integral of phi(c + t)/phi(c) over t in [-w, w], by the Hermite series
//   S = sum_n He_2n(c) w^2n / (2n + 1)!
// (phi(c + t) = phi(c) sum_m (-1)^m He_m(c) t^m / m!; the odd terms integrate to 0). The
// polynomials are carried scaled, e_m = He_m(c) w^m (e_{m+1} = cw e_m - m w^2 e_{m-1}), which stay
// below 1 for |c| w <= 1 and w <= 1/2, where the terms fall at least like 1/(2n + 1)!.
double hermite_bin_series(double c, double w) {
  const double cw = c * w, w2 = w * w;
  double e_prev = 1.0, e = cw;  // e_0, e_1
  double sum = 1.0, factorial = 1.0;
  for (int m = 1; m < 60; m += 2) {
    // e_{m+1}, then the term of n = (m + 1)/2, then e_{m+2}.
    const double e_even = cw * e - m * w2 * e_prev;
    factorial *= static_cast<double>((m + 1) * (m + 2));
    sum += e_even / factorial;
    const double e_odd = cw * e_even - (m + 1) * w2 * e;
    e_prev = e_even;
    e = e_odd;
    // The next term is at most (|e_even| + |e_odd|) / factorial (cw <= 1, (m + 2) w^2 is small
    // against (m + 3)(m + 4)); the ones after fall faster still. (A single small term proves
    // nothing: He_2(1) = 0.)
    if (std::fabs(e_even) + std::fabs(e_odd) <= 1e-17 * factorial * sum) break;
  }
  return sum;
}

// log P(c - h/2 <= Z < c + h/2) for a standard normal Z and h > 0. A bin narrow against the
// density's variation (h <= 1, |c| h <= 2) is h phi(c) S(c, h/2): no difference of two nearly
// equal tail masses (which is what erfc(u1) - erfc(u2) would be for sigma = 1e5, whose bins are
// 1e-5 wide), and no tail too far (the log of phi(c) never underflows). A wider bin is an erfc or
// erf difference that cannot cancel much (its two tails differ by a factor of at least e^2).
double log_normal_bin(double c, double h) {
  if (h <= 1.0 && std::fabs(c) * h <= 2.0) {
    return math::log(h) - 0.5 * c * c - 0.5 * kLn2Pi + math::log(hermite_bin_series(c, 0.5 * h));
  }
  return log_normal_interval(c - 0.5 * h, c + 0.5 * h);
}

// log of the bin [k - 1/2, k + 1/2) of N(mu, sigma^2) before any restriction: its center and
// width in standard units, each rounded once.
double log_gaussian_raw_bin(const Family& g, std::int64_t k) {
  return log_normal_bin((static_cast<double>(k) - g.a) / g.b, 1.0 / g.b);
}

double log_gaussian_bin(const Family& g, std::int64_t k) {
  if (g.on_naturals && k < 0) return -kInf;
  const double l = log_gaussian_raw_bin(g, k);
  return g.on_naturals ? l - log_gaussian_naturals_mass(g) : l;
}

// phi1(u) = u - log(1 + u) >= 0 for u > -1, given log(1 + u) computed from its own inputs (so that
// u near -1 keeps its accuracy). Near 0, by the atanh series in s = u/(2 + u):
//   log(1 + u) = 2(s + s^3/3 + s^5/5 + ...), u - 2s = s u, so phi1 = s (u - 2 s^2 (1/3 + s^2/5 + ...)),
// a few ulps relative however small u is (no u - log1p(u) cancellation).
double phi1(double u, double log_one_plus_u) {
  if (u == 0.0) return 0.0;
  if (std::fabs(u) <= 0.5) {
    const double s = u / (2.0 + u);
    const double s2 = s * s;
    double series = 0.0, power = 1.0;
    for (int j = 0; j < 40; ++j) {
      const double next = series + power / (2 * j + 3);
      if (next == series) break;
      series = next;
      power *= s2;
    }
    const double v = s * (u - 2.0 * s2 * series);
    return v > 0.0 ? v : 0.0;
  }
  const double v = u - log_one_plus_u;
  return v > 0.0 ? v : 0.0;
}


// Window of a family whose mass ratios decrease away from the mode (Poisson, binomial):
// walk out from the mode until the geometric bound on the tail is below kTailMass. One walk for
// both (binomial: n, p and odds p/(1-p); Poisson: lambda in n), so the module has one copy.
IntegerWindow walk_window(bool binomial, double n, double p, double odds, std::int64_t mode, std::int64_t support_hi) {
  const auto log_p = [&](std::int64_t k) { return binomial ? log_binomial(k, n, p) : log_poisson(k, n); };
  // p(k+1)/p(k) and p(k-1)/p(k)
  const auto right = [&](std::int64_t k) {
    return binomial ? (n - static_cast<double>(k)) / static_cast<double>(k + 1) * odds : n / static_cast<double>(k + 1);
  };
  const auto left = [&](std::int64_t k) {
    return binomial ? static_cast<double>(k) / (n - static_cast<double>(k) + 1) / odds : static_cast<double>(k) / n;
  };
  const double log_tail = math::log(kTailMass);
  IntegerWindow w{mode, mode};
  while (w.hi < support_hi) {
    const double r = right(w.hi);  // p(hi+1)/p(hi), and every later ratio is smaller
    if (r < 1.0 && log_p(w.hi) + math::log(r / (1.0 - r)) < log_tail) break;
    ++w.hi;
  }
  while (w.lo > 0) {
    const double r = left(w.lo);  // p(lo-1)/p(lo), and every earlier ratio is smaller
    if (r < 1.0 && log_p(w.lo) + math::log(r / (1.0 - r)) < log_tail) break;
    --w.lo;
  }
  return w;
}

Result<Family> refuse_non_finite(const char* what) {
  return Result<Family>::failure(ErrorCode::NOT_FINITE, message("$ must be a finite number.", {what}));
}

// OUT_OF_RANGE (reason PARAMETER_RANGE) with the message `pattern` of `args`.
Result<Family> out_of_range(const char* pattern, std::initializer_list<Arg> args, double limit) {
  return Result<Family>::failure(Error{ErrorCode::OUT_OF_RANGE, message(pattern, args), "PARAMETER_RANGE", limit});
}

}  // namespace

Result<Family> gaussian(double mu, double sigma, bool on_naturals) {
  if (!std::isfinite(mu)) return refuse_non_finite("The mean mu");
  if (!std::isfinite(sigma)) return refuse_non_finite("The standard deviation sigma");
  if (sigma < kMinSigma || sigma > kMaxSigma)
    return out_of_range("The standard deviation sigma must lie in [$, $] (got $).", {kMinSigma, kMaxSigma, sigma},
                        sigma < kMinSigma ? kMinSigma : kMaxSigma);
  if (std::fabs(mu) > kMaxAbsMu)
    return out_of_range("The mean mu must lie in [-1e9, 1e9] (got $).", {mu}, mu < 0 ? -kMaxAbsMu : kMaxAbsMu);
  Family f;
  f.kind = FamilyKind::GAUSSIAN;
  f.a = mu;
  f.b = sigma;
  f.on_naturals = on_naturals;
  return Result<Family>::success(f);
}

Result<Family> poisson(double lambda) {
  if (!std::isfinite(lambda)) return refuse_non_finite("The Poisson rate lambda");
  if (lambda < 0.0) return out_of_range("The Poisson rate lambda must be 0 or more (got $).", {lambda}, 0.0);
  if (lambda > kMaxLambda)
    return out_of_range("The Poisson rate lambda must be at most 1e9 (got $).", {lambda}, kMaxLambda);
  Family f;
  f.kind = FamilyKind::POISSON;
  f.a = lambda;
  return Result<Family>::success(f);
}

Result<Family> binomial(double n, double p) {
  if (!std::isfinite(n)) return refuse_non_finite("The number of trials n");
  if (!std::isfinite(p)) return refuse_non_finite("The success probability p");
  if (n < 0.0 || n != std::floor(n) || n > kMaxBinomialN)
    return out_of_range("The number of trials n must be a whole number from 0 to 1e9 (got $).", {n},
                        n > kMaxBinomialN ? kMaxBinomialN : 0.0);
  if (p < 0.0 || p > 1.0)
    return out_of_range("The success probability p must lie in [0, 1] (got $).", {p}, p < 0.0 ? 0.0 : 1.0);
  Family f;
  f.kind = FamilyKind::BINOMIAL;
  f.a = n;
  f.b = p;
  return Result<Family>::success(f);
}

Result<Family> geometric(double p) {
  if (!std::isfinite(p)) return refuse_non_finite("The success probability p");
  if (!(p >= kMinGeometricP) || p > 1.0)
    return out_of_range("The success probability p of a geometric distribution must lie in [1e-4, 1] (got $).", {p},
                        p > 1.0 ? 1.0 : kMinGeometricP);
  Family f;
  f.kind = FamilyKind::GEOMETRIC;
  f.a = p;
  return Result<Family>::success(f);
}

const char* family_kind_name(FamilyKind kind) noexcept {
  const auto i = static_cast<std::size_t>(kind);
  return i < kFamilyKindNames.size() ? kFamilyKindNames[i] : "unknown";
}

Result<FamilyKind> family_kind_from_name(std::string_view name) {
  for (std::size_t i = 0; i < kFamilyKindNames.size(); ++i)
    if (name == kFamilyKindNames[i]) return Result<FamilyKind>::success(static_cast<FamilyKind>(i));
  return Result<FamilyKind>::failure(Error{ErrorCode::TYPE,
                                           message("The distribution kind must be 'gaussian', 'poisson', "
                                                   "'binomial' or 'geometric', not '$'.",
                                                   {name.substr(0, 40)}),
                                           "FAMILY_KIND"});
}

Result<Family> validate(const Family& family) {
  switch (family.kind) {
    case FamilyKind::GAUSSIAN: return gaussian(family.a, family.b, family.on_naturals);
    case FamilyKind::POISSON: return poisson(family.a);
    case FamilyKind::BINOMIAL: return binomial(family.a, family.b);
    case FamilyKind::GEOMETRIC: return geometric(family.a);
  }
  return Result<Family>::failure(ErrorCode::TYPE, "Unknown distribution family.");
}

double log_pmf(const Family& f, std::int64_t k) {
  switch (f.kind) {
    case FamilyKind::GAUSSIAN: return log_gaussian_bin(f, k);
    case FamilyKind::POISSON: return log_poisson(k, f.a);
    case FamilyKind::BINOMIAL: return log_binomial(k, f.a, f.b);
    case FamilyKind::GEOMETRIC: return log_geometric(k, f.a);
  }
  return -kInf;
}

IntegerWindow window(const Family& f) {
  switch (f.kind) {
    case FamilyKind::GAUSSIAN: {
      const double lo = std::floor(f.a - kGaussianWindowZ * f.b);
      const double hi = std::ceil(f.a + kGaussianWindowZ * f.b);
      if (!f.on_naturals) return {static_cast<std::int64_t>(lo), static_cast<std::int64_t>(hi)};
      // Restricted to k >= 0. When the mean is below -1/2 the mass piles up at 0; a Gaussian
      // is log-concave, so its excess over -1/2 given X >= -1/2 is stochastically smaller
      // than its excess over the mean given X >= mu: 8.6 sigma above -1/2 is enough.
      const double hi_nat = f.a >= -0.5 ? hi : std::ceil(-0.5 + kGaussianWindowZ * f.b);
      return {std::max<std::int64_t>(0, static_cast<std::int64_t>(lo)), static_cast<std::int64_t>(hi_nat)};
    }
    case FamilyKind::POISSON: {
      const double lambda = f.a;
      if (lambda == 0.0) return {0, 0};
      return walk_window(false, lambda, 0.0, 0.0, static_cast<std::int64_t>(std::floor(lambda)),
                         std::numeric_limits<std::int64_t>::max());
    }
    case FamilyKind::BINOMIAL: {
      const double n = f.a, p = f.b;
      const auto ni = static_cast<std::int64_t>(n);
      if (p == 0.0) return {0, 0};
      if (p == 1.0) return {ni, ni};
      const auto mode = std::min<std::int64_t>(ni, static_cast<std::int64_t>(std::floor((n + 1) * p)));
      const double odds = p / (1.0 - p);
      return walk_window(true, n, p, odds, mode, ni);
    }
    case FamilyKind::GEOMETRIC: {
      if (f.a == 1.0) return {0, 0};
      // Tail beyond hi: (1-p)^(hi+1) < kTailMass.
      const double hi = std::ceil(math::log(kTailMass) / std::log1p(-f.a));
      return {0, static_cast<std::int64_t>(hi)};
    }
  }
  return {0, 0};
}

Result<IntegerPmf> pmf(const Family& family) {
  auto checked = validate(family);
  if (!checked) return Result<IntegerPmf>::failure(checked);
  const Family& f = *checked;
  const IntegerWindow w = window(f);
  IntegerPmf out;
  out.first = w.lo;
  out.mass.resize(static_cast<std::size_t>(w.hi - w.lo + 1));
  for (std::int64_t k = w.lo; k <= w.hi; ++k) out.mass[static_cast<std::size_t>(k - w.lo)] = math::exp(log_pmf(f, k));
  if (f.kind == FamilyKind::GAUSSIAN) {
    // Fold the tails into the end bins: bin lo becomes (-inf, lo + 1/2) (or [-1/2, 1/2) when
    // restricted to the naturals, which has no left tail), bin hi becomes [hi - 1/2, inf).
    const double norm = f.on_naturals ? log_gaussian_naturals_mass(f) : 0.0;
    const double lo_edge = f.on_naturals ? -0.5 : -kInf;
    if (w.lo == w.hi) {
      out.mass[0] = 1.0;
    } else {
      out.mass.front() = math::exp(log_gaussian_interval(f, lo_edge, static_cast<double>(w.lo) + 0.5) - norm);
      out.mass.back() = math::exp(log_gaussian_interval(f, static_cast<double>(w.hi) - 0.5, kInf) - norm);
    }
  }
  return Result<IntegerPmf>::success(std::move(out));
}

double mean(const Family& f) {
  switch (f.kind) {
    case FamilyKind::POISSON: return f.a;
    case FamilyKind::BINOMIAL: return f.a * f.b;
    case FamilyKind::GEOMETRIC: return (1.0 - f.a) / f.a;
    case FamilyKind::GAUSSIAN: {
      // The discretized mean is not mu in general (binning is not symmetric about mu):
      // sum (k - c) p_k + c around c = round(mu), Neumaier-compensated.
      auto p = pmf(f);
      if (!p) return std::numeric_limits<double>::quiet_NaN();
      const double c = std::round(f.a);
      double sum = 0.0, comp = 0.0;
      for (std::size_t i = 0; i < p->mass.size(); ++i) {
        const double term = (static_cast<double>(p->first + static_cast<std::int64_t>(i)) - c) * p->mass[i];
        const double t = sum + term;
        comp += std::fabs(sum) >= std::fabs(term) ? (sum - t) + term : (term - t) + sum;
        sum = t;
      }
      return c + (sum + comp);
    }
  }
  return std::numeric_limits<double>::quiet_NaN();
}

namespace {

// The support of a family: every integer in [lo, hi] has positive mass, none outside (bounds may
// be infinite). Decided from the parameters, never from where a window cuts the tails.
struct Support {
  double lo, hi;
};
Support support_of(const Family& f) {
  switch (f.kind) {
    case FamilyKind::GAUSSIAN: return f.on_naturals ? Support{0.0, kInf} : Support{-kInf, kInf};
    case FamilyKind::POISSON: return f.a == 0.0 ? Support{0.0, 0.0} : Support{0.0, kInf};
    case FamilyKind::BINOMIAL:
      if (f.a == 0.0 || f.b == 0.0) return {0.0, 0.0};
      if (f.b == 1.0) return {f.a, f.a};
      return {0.0, f.a};
    case FamilyKind::GEOMETRIC: return f.a == 1.0 ? Support{0.0, 0.0} : Support{0.0, kInf};
  }
  return {0.0, 0.0};
}

// Closed forms in nats for two families of the same kind, written as sums of phi1 terms (>= 0,
// no cancellation), so that parameters a few ulps apart give the tiny positive value they should.
// Supports are already known to nest (P's within Q's).
double poisson_kl(double l1, double l2) {
  if (l1 == 0.0) return l2;  // P = point mass at 0; Q(0) = e^-l2
  // D = l1 log(l1/l2) + l2 - l1 = l1 phi1(u), u = l2/l1 - 1.
  return l1 * phi1((l2 - l1) / l1, math::log(l2 / l1));
}

double binomial_kl(double n, double p1, double p2) {
  if (n == 0.0) return 0.0;
  if (p1 == 0.0) return -n * std::log1p(-p2);  // P = point mass at 0
  if (p1 == 1.0) return -n * math::log(p2);      // P = point mass at n
  // n [p1 log(p1/p2) + q1 log(q1/q2)] = n [p1 phi1(u) + q1 phi1(v)] with u = p2/p1 - 1,
  // v = q2/q1 - 1 = (p1 - p2)/q1: the linear parts p1 u + q1 v cancel exactly.
  const double q1 = 1.0 - p1, q2 = 1.0 - p2;
  const double v = (p1 - p2) / q1;
  return n * (p1 * phi1((p2 - p1) / p1, math::log(p2 / p1)) +
              q1 * phi1(v, std::fabs(v) <= 0.5 ? std::log1p(v) : math::log(q2 / q1)));
}

double geometric_kl(double p1, double p2) {
  if (p1 == 1.0) return -math::log(p2);  // P = point mass at 0
  // log(p1/p2) + (q1/p1) log(q1/q2) = phi1(a) + (q1/p1) phi1(b), a = p2/p1 - 1, b = (p1 - p2)/q1.
  const double q1 = 1.0 - p1, q2 = 1.0 - p2;
  const double b = (p1 - p2) / q1;
  return phi1((p2 - p1) / p1, math::log(p2 / p1)) +
         (q1 / p1) * phi1(b, std::fabs(b) <= 0.5 ? std::log1p(b) : math::log(q2 / q1));
}

// sign(d) * P(Z between the two points m - d/2 and m + d/2), as Phi(m + d/2) - Phi(m - d/2), relative
// to a mass exp(log_ref): the change of a bin's mass when one of its edges moves by d.
double signed_interval_over(double m, double d, double log_ref) {
  if (d == 0.0) return 0.0;
  const double r = math::exp(log_normal_bin(m, std::fabs(d)) - log_ref);
  return d > 0.0 ? r : -r;
}

// How far the edge e - mu of N(mu, sigma^2), in standard units, moves from P to Q:
// (e - mu2)/s2 - (e - mu1)/s1 = ((e - mu1)(s1 - s2) + (mu1 - mu2) s1) / (s1 s2), each product
// rounded once (s1 - s2 and mu1 - mu2 are exact when the parameters are close).
double edge_shift(double e, const Family& P, const Family& Q) {
  return ((e - P.a) * (P.b - Q.b) + (P.a - Q.a) * P.b) / (P.b * Q.b);
}

// D(P||Q) in nats for two discretized Gaussians with the same restriction. Over the whole support
// sum_k (p_k - q_k) = 0, so D = sum_k p_k phi1(u_k) with u_k = q_k/p_k - 1: non-negative terms, no
// cancellation, however close Q is to P. They are summed over the union of both windows (beyond it
// both masses are below 1e-17 and, P and Q being close there or not, the terms are negligible
// against D). Where Q's bin is within a factor e^(1/2) of P's, u_k is formed from the moves of the
// bin's two edges, q_k - p_k = [Phi(b2) - Phi(b1)] - [Phi(a2) - Phi(a1)], each move a narrow-interval
// mass: accurate when Q is a few ulps from P, where q_k/p_k - 1 from two computed masses would be
// rounding noise. Elsewhere log(q_k/p_k) comes from the two log masses.
double gaussian_pair_kl(const Family& P, const Family& Q) {
  const bool nat = P.on_naturals;
  const double log_n1 = nat ? log_gaussian_naturals_mass(P) : 0.0;
  const double log_n2 = nat ? log_gaussian_naturals_mass(Q) : 0.0;
  // Naturals: q_k/p_k = (raw2/raw1) (N1/N2); v = N1/N2 - 1 = (Phi(z2) - Phi(z1))/N2 at z = -1/2.
  double v = 0.0;
  if (nat) {
    const double z1 = (-0.5 - P.a) / P.b, z2 = (-0.5 - Q.a) / Q.b;
    v = signed_interval_over(0.5 * (z1 + z2), edge_shift(-0.5, P, Q), log_n2);
  }
  const IntegerWindow wp = window(P), wq = window(Q);
  // Bin by bin over P's window and kMargin bins beyond it (all of Q's window when the two are
  // close); where Q's window reaches further, P's mass is below 1e-17 and far below Q's, and the
  // terms there add up to Q(R) - P(R) + sum_R p_k log(p_k/q_k): the first two from the region's
  // edges, the last left out (it is below 1e-17 times a log ratio, against a D that is not small
  // when Q spreads that far beyond P).
  constexpr std::int64_t kMargin = 64;
  const std::int64_t lo = std::max(std::min(wp.lo, wq.lo), wp.lo - kMargin);
  const std::int64_t hi = std::min(std::max(wp.hi, wq.hi), wp.hi + kMargin);
  double sum = 0.0, comp = 0.0;
  const auto add = [&](double term) {  // Neumaier: the terms span many magnitudes
    const double t = sum + term;
    comp += std::fabs(sum) >= std::fabs(term) ? (sum - t) + term : (term - t) + sum;
    sum = t;
  };
  const auto region_mass = [&](const Family& f, double log_n, std::int64_t first, std::int64_t last) {
    return math::exp(log_gaussian_interval(f, static_cast<double>(first) - 0.5, static_cast<double>(last) + 0.5) -
                    log_n);
  };
  if (wq.lo < lo) add(region_mass(Q, log_n2, wq.lo, lo - 1) - region_mass(P, log_n1, wq.lo, lo - 1));
  if (wq.hi > hi) add(region_mass(Q, log_n2, hi + 1, wq.hi) - region_mass(P, log_n1, hi + 1, wq.hi));
  for (std::int64_t k = lo; k <= hi; ++k) {
    const double x = static_cast<double>(k);
    const double l1_raw = log_gaussian_raw_bin(P, k);
    const double l1 = l1_raw - log_n1;
    const double l2 = log_gaussian_raw_bin(Q, k) - log_n2;
    const double m1 = math::exp(l1);
    const double ell = l2 - l1;
    double term;
    if (m1 == 0.0) {
      term = math::exp(l2);  // p_k phi1(u_k) = q_k - p_k + p_k log(p_k/q_k), p_k below 1e-308
    } else if (std::fabs(ell) < 0.5) {
      const double b1 = (x + 0.5 - P.a) / P.b, b2 = (x + 0.5 - Q.a) / Q.b;
      const double a1 = (x - 0.5 - P.a) / P.b, a2 = (x - 0.5 - Q.a) / Q.b;
      const double u_raw = signed_interval_over(0.5 * (b1 + b2), edge_shift(x + 0.5, P, Q), l1_raw) -
                           signed_interval_over(0.5 * (a1 + a2), edge_shift(x - 0.5, P, Q), l1_raw);
      const double u = u_raw + v + u_raw * v;
      term = m1 * phi1(u, std::log1p(u));
    } else if (ell > 700.0) {
      term = math::exp(l2) - m1 * (1.0 + ell);  // m1 (e^ell - 1 - ell) without overflow
    } else {
      term = m1 * (std::expm1(ell) - ell);
    }
    add(term);
  }
  return sum + comp;
}

// D(P||Q) on the integers by the core's kl_divergence over P's window (any two families whose
// supports nest); defined below.
Result<double> window_kl(const Family& P, const Family& Q, double base, double ln_base);

}  // namespace

Result<double> kl_divergence(const Family& p_family, const Family& q_family, double base) {
  auto lb = log_of_base(base);
  if (!lb) return Result<double>::failure(lb);
  auto pc = validate(p_family);
  if (!pc) return Result<double>::failure(pc);
  auto qc = validate(q_family);
  if (!qc) return Result<double>::failure(qc);
  const Family& P = *pc;
  const Family& Q = *qc;
  const double ln_base = *lb;

  // Support first: P's mass where Q has none makes D infinite, however little of it there is
  // (a Poisson against any binomial; an unrestricted Gaussian against anything on the naturals).
  const Support sp = support_of(P), sq = support_of(Q);
  if (sp.lo < sq.lo || sp.hi > sq.hi) return Result<double>::success(kInf);

  if (P.kind == Q.kind) {
    switch (P.kind) {
      case FamilyKind::POISSON: return Result<double>::success(poisson_kl(P.a, Q.a) / ln_base + 0.0);
      case FamilyKind::GEOMETRIC: return Result<double>::success(geometric_kl(P.a, Q.a) / ln_base + 0.0);
      case FamilyKind::BINOMIAL:
        if (P.a == Q.a) return Result<double>::success(binomial_kl(P.a, P.b, Q.b) / ln_base + 0.0);
        break;
      case FamilyKind::GAUSSIAN:
        if (P.on_naturals == Q.on_naturals) return Result<double>::success(gaussian_pair_kl(P, Q) / ln_base + 0.0);
        break;
    }
  }
  return window_kl(P, Q, base, ln_base);
}

namespace {

Result<double> window_kl(const Family& P, const Family& Q, double base, double ln_base) {
  // P's window holds all of P but < 2e-17; Q's mass outside it goes into one extra
  // outcome (where P has none), so both vectors are distributions and the core's exact
  // KL applies: merging outcomes where p = 0 does not change D(P||Q).
  const IntegerWindow w = window(P);
  const std::size_t n = static_cast<std::size_t>(w.hi - w.lo + 1);
  std::vector<double> log_p(n), log_q(n), p(n + 1), q(n + 1);
  double sum_p = 0.0, sum_q = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::int64_t k = w.lo + static_cast<std::int64_t>(i);
    log_p[i] = log_pmf(P, k);
    log_q[i] = log_pmf(Q, k);
    p[i] = math::exp(log_p[i]);
    q[i] = math::exp(log_q[i]);
    sum_p += p[i];
    sum_q += q[i];
  }
  p[n] = 0.0;
  q[n] = std::max(0.0, 1.0 - sum_q);
  (void)sum_p;
  Options options;
  options.base = base;
  options.normalize = false;
  auto d = bitruler::kl_divergence(p, q, options);
  if (!d) return d;
  if (!std::isinf(*d)) return d;
  // +infinity: genuine when log q = -inf where p > 0; otherwise q only underflowed and the
  // log-space sum (large terms, no cancellation) gives the finite value.
  double sum = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    if (p[i] == 0.0) continue;
    if (log_q[i] == -kInf) return Result<double>::success(kInf);
    sum += p[i] * (log_p[i] - log_q[i]);
  }
  return Result<double>::success(std::max(0.0, sum) / ln_base);
}

}  // namespace

// Why lambda* = E_P[k] minimizes D(P || Poisson(lambda)) for P on the natural numbers:
//   D(P||Poi(l)) = sum_k p_k log p_k - sum_k p_k log(e^-l l^k / k!)
//                = -H(P) + l - m log l + sum_k p_k log k!,     m = E_P[k].
// Only f(l) = l - m log l depends on l. For m > 0, f'(l) = 1 - m/l vanishes only at
// l = m and f''(l) = m / l^2 > 0, so l = m is the unique minimum. For m = 0, P is the
// point mass at 0, f(l) = l is increasing, and l = 0 (Poisson(0) = that point mass,
// D = 0) is the minimum. If P puts mass on a negative integer, every Poisson has zero
// mass there and D = +infinity for all l: there is nothing to minimize.
Result<PoissonFit> fit_poisson(const Family& p_family, double base) {
  auto pc = validate(p_family);
  if (!pc) return Result<PoissonFit>::failure(pc);
  const Family& P = *pc;
  if (support_of(P).lo < 0.0)
    return Result<PoissonFit>::failure(Error{
        ErrorCode::OUT_OF_RANGE,
        "P puts mass on negative integers (an unrestricted Gaussian does, however far right its mean), where "
        "every Poisson distribution has none: D(P||Poisson) is infinite for every lambda. Restrict the "
        "Gaussian to k >= 0.",
        "SUPPORT"});
  const double m = mean(P);
  if (!std::isfinite(m) || m > kMaxLambda)
    return Result<PoissonFit>::failure(Error{ErrorCode::OUT_OF_RANGE,
                                             "The mean of P is outside the Poisson range [0, 1e9].", "PARAMETER_RANGE",
                                             kMaxLambda});
  auto q = poisson(std::max(0.0, m));
  if (!q) return Result<PoissonFit>::failure(q);
  auto d = kl_divergence(P, *q, base);
  if (!d) return Result<PoissonFit>::failure(d);
  return Result<PoissonFit>::success(PoissonFit{q->a, *d});
}

Result<double> gaussian_kl_closed_form(double mu1, double sigma1, double mu2, double sigma2, double base) {
  auto lb = log_of_base(base);
  if (!lb) return Result<double>::failure(lb);
  auto g1 = gaussian(mu1, sigma1);
  if (!g1) return Result<double>::failure(g1);
  auto g2 = gaussian(mu2, sigma2);
  if (!g2) return Result<double>::failure(g2);
  // log(s2/s1) + (s1^2 + d^2)/(2 s2^2) - 1/2 = phi1(t)/2 + d^2/(2 s2^2), with t = (s1/s2)^2 - 1 and
  // phi1(t) = t - log(1 + t) >= 0. t is formed as ((s1 - s2)/s2)((s1 + s2)/s2): s1 - s2 is exact
  // when the sigmas are close (Sterbenz), so t keeps full relative precision even for
  // s2 = s1 (1 + 1e-7) (where (s1/s2)^2 - 1 would keep only 9 digits), and phi1 has no cancellation.
  const double t = ((sigma1 - sigma2) / sigma2) * ((sigma1 + sigma2) / sigma2);
  const double bracket = phi1(t, 2.0 * math::log(sigma1 / sigma2));
  const double d = (mu1 - mu2) / sigma2;
  const double nats = 0.5 * bracket + 0.5 * d * d;
  return Result<double>::success(nats / *lb);
}

Result<double> gaussian_kl_binned(double mu1, double sigma1, double mu2, double sigma2, double bin_width,
                                  double base) {
  if (!std::isfinite(bin_width))
    return Result<double>::failure(ErrorCode::NOT_FINITE, "The bin width must be a finite number.");
  if (!(bin_width > 0.0))
    return Result<double>::failure(
        Error{ErrorCode::OUT_OF_RANGE, "The bin width must be greater than 0.", "PARAMETER_RANGE", 0.0});
  auto g1 = gaussian(mu1, sigma1);
  if (!g1) return Result<double>::failure(g1);
  auto g2 = gaussian(mu2, sigma2);
  if (!g2) return Result<double>::failure(g2);
  auto s1 = gaussian(mu1 / bin_width, sigma1 / bin_width);
  if (!s1) return Result<double>::failure(s1);
  auto s2 = gaussian(mu2 / bin_width, sigma2 / bin_width);
  if (!s2) return Result<double>::failure(s2);
  return kl_divergence(*s1, *s2, base);
}

}  // namespace bitruler
