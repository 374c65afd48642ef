// Self-information, entropy, cross-entropy and KL divergence: exact conventions, accurate sums,
// and loops the compiler can vectorize (native SSE2, WASM simd128).
//
// Accuracy plan (see tests/cpp/test_fixtures.cpp for the measured errors):
// - logarithms: a branch-free port of fdlibm's log (|error| < 1 ulp for ln, < 2 ulp for log2),
//   written on bit patterns so loops over it vectorize; subnormals are scaled by 2^54 first;
// - sums: every sum is compensated (TwoSum, one accumulator per SIMD lane, lanes combined at the
//   end), so n up to 10^7 costs no accuracy;
// - entropy and cross-entropy add non-negative terms (q <= 1), so a few ulp per term is a few
//   ulp of the total;
// - KL uses D = sum_{p>0} p*phi(q/p) + sum_{p>0} (p - q) with phi(r) = r - 1 - ln r >= 0, so the
//   main sum has no cancellation; phi near r = 1 comes from fdlibm's log1p kernel rearranged to
//   phi(t) = s*(t - R(s^2)), s = t/(2+t), t = (q-p)/p (q-p is exact there), with no subtraction
//   of nearly equal numbers; far from 1, ln r = ln q - ln p from exponents and mantissas, so p/q
//   may lie beyond the double range.
#include "bitruler/info.hpp"

#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace bitruler {
namespace {

// ---------------------------------------------------------------------------------------------
// Number formatting for messages: the shortest text that reads back as the same double.
std::string format_number(double x) {
  if (std::isnan(x)) return "NaN";
  if (std::isinf(x)) return x > 0 ? "infinity" : "-infinity";
  char buf[40];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, x);
    if (std::strtod(buf, nullptr) == x) break;
  }
  return buf;
}

// ---------------------------------------------------------------------------------------------
// Bit-level helpers (memcpy compiles to a register move; no aliasing issues).
inline std::uint64_t bits_of(double x) {
  std::uint64_t u;
  std::memcpy(&u, &x, sizeof u);
  return u;
}
inline double double_of(std::uint64_t u) {
  double x;
  std::memcpy(&x, &u, sizeof x);
  return x;
}

// fdlibm e_log.c coefficients: R(z) ~ Lg1*z + ... + Lg7*z^7 on s in [0, 0.1716].
constexpr double kLg1 = 0x1.5555555555593p-1;
constexpr double kLg2 = 0x1.999999997fa04p-2;
constexpr double kLg3 = 0x1.2492494229359p-2;
constexpr double kLg4 = 0x1.c71c51d8e78afp-3;
constexpr double kLg5 = 0x1.7466496cb03dep-3;
constexpr double kLg6 = 0x1.39a09d078c69fp-3;
constexpr double kLg7 = 0x1.2f112df3e5244p-3;
constexpr double kLn2Hi = 0x1.62e42fee00000p-1;  // 32 significant bits: k*kLn2Hi is exact
constexpr double kLn2Lo = 0x1.a39ef35793c76p-33;
constexpr double kLog2E = 0x1.71547652b82fep0;
constexpr double kLn2 = 0x1.62e42fefa39efp-1;

// Range of t = q/p - 1 where phi(t) uses the log1p kernel: r in [sqrt(2)/2, sqrt(2)].
constexpr double kNearLow = -0x1.2bec333018866p-2;  // sqrt(2)/2 - 1
constexpr double kNearHigh = 0x1.a827999fcef34p-2;  // sqrt(2) - 1

inline double log_poly(double z) {
  const double w = z * z;
  const double t1 = w * (kLg2 + w * (kLg4 + w * kLg6));
  const double t2 = z * (kLg1 + w * (kLg3 + w * (kLg5 + w * kLg7)));
  return t1 + t2;
}

// x = 2^k * (1 + f) with 1 + f in [sqrt(2)/2, sqrt(2)); x > 0 finite (subnormals included).
// Returns k as an exact double and log1p(f) (< 1 ulp, fdlibm's "hfsq" form).
struct LogParts {
  double k;
  double l;
};
inline LogParts log_parts(double x) {
  const bool tiny = x < DBL_MIN;
  const double xs = tiny ? x * 0x1p54 : x;
  const std::uint64_t b = bits_of(xs);
  const std::uint64_t mantissa = b & 0x000FFFFFFFFFFFFFull;
  // Carry into bit 52 when the mantissa is >= ~sqrt(2): then use m/2 and k+1.
  const std::uint64_t up = (mantissa + 0x00095F6400000000ull) & 0x0010000000000000ull;
  const double m = double_of(mantissa | (up ^ 0x3FF0000000000000ull));
  const std::uint64_t biased = (b >> 52) + (up >> 52);
  // int -> double without a conversion instruction (none exists for i64 lanes in SSE2/simd128).
  const double k = (double_of(0x4338000000000000ull + biased) - (0x1.8p52 + 1023.0)) -
                   (tiny ? 54.0 : 0.0);
  const double f = m - 1.0;  // exact (Sterbenz)
  const double s = f / (2.0 + f);
  const double hfsq = 0.5 * f * f;
  const double r = log_poly(s * s);
  return {k, f - (hfsq - s * (hfsq + r))};
}

inline double fast_log2(double x) {
  const LogParts lp = log_parts(x);
  return lp.k + lp.l * kLog2E;
}

// phi(t) = t - log1p(t) >= 0 for t in [kNearLow, kNearHigh]; relative error a few ulp.
inline double phi_near(double t) {
  const double s = t / (2.0 + t);
  return s * (t - log_poly(s * s));
}

// ---------------------------------------------------------------------------------------------
// Compensated summation, one accumulator per lane so that loops vectorize (the compiler may not
// reorder a single floating-point sum). TwoSum is branch-free; the lanes are merged at the end.
constexpr std::size_t kLanes = 4;

struct LaneSum {
  double s[kLanes] = {};
  double c[kLanes] = {};
};

inline void two_sum_add(double& s, double& c, double x) {
  const double t = s + x;
  const double z = t - s;
  c += (s - (t - z)) + (x - z);
  s = t;
}

inline void add_lanes(LaneSum& acc, const double* x) {
  for (std::size_t j = 0; j < kLanes; ++j) two_sum_add(acc.s[j], acc.c[j], x[j]);
}

double total(const LaneSum& acc) {
  double s = 0.0, c = 0.0;
  for (std::size_t j = 0; j < kLanes; ++j) two_sum_add(s, c, acc.s[j]);
  for (std::size_t j = 0; j < kLanes; ++j) two_sum_add(s, c, acc.c[j]);
  return s + c;
}

// ---------------------------------------------------------------------------------------------
// Validation.
inline bool finite_non_negative(double x) { return x >= 0.0 && x <= DBL_MAX; }

// Sum of non-negative finite weights, or the first bad index.
struct Scan {
  bool ok;
  std::size_t bad_index;
  double sum;
};
Scan scan(const std::vector<double>& v) {
  const std::size_t n = v.size();
  const double* x = v.data();
  LaneSum acc;
  int ok = 1;
  std::size_t i = 0;
  for (; i + kLanes <= n; i += kLanes) {
    double block[kLanes];
    for (std::size_t j = 0; j < kLanes; ++j) {
      ok &= finite_non_negative(x[i + j]) ? 1 : 0;
      // A bad value must not poison the sum's lanes with NaN work; the result is unused then.
      block[j] = x[i + j];
    }
    add_lanes(acc, block);
  }
  for (; i < n; ++i) {
    ok &= finite_non_negative(x[i]) ? 1 : 0;
    two_sum_add(acc.s[0], acc.c[0], x[i]);
  }
  if (ok) return {true, n, total(acc)};
  for (std::size_t k = 0; k < n; ++k)
    if (!finite_non_negative(x[k])) return {false, k, 0.0};
  return {false, 0, 0.0};  // unreachable: ok was cleared by some element
}

template <class T>
Result<T> element_error(const std::vector<double>& v, std::size_t index, const char* name) {
  const double x = v[index];
  const std::string where = std::string(name) + "[" + std::to_string(index) + "]";
  if (std::isnan(x) || std::isinf(x))
    return Result<T>::failure(ErrorCode::NOT_FINITE,
                              where + " is " + format_number(x) +
                                  "; every probability or weight must be a finite number.");
  return Result<T>::failure(ErrorCode::NEGATIVE,
                            where + " is " + format_number(x) +
                                "; probabilities and weights cannot be negative.");
}

// Checks a distribution without copying it: EMPTY, NOT_FINITE, NEGATIVE, NOT_NORMALIZED.
Result<double> check_distribution(const std::vector<double>& p, const char* name) {
  if (p.empty())
    return Result<double>::failure(ErrorCode::EMPTY,
                                   std::string(name) + " has no outcomes; give at least one.");
  const Scan sc = scan(p);
  if (!sc.ok) return element_error<double>(p, sc.bad_index, name);
  if (!(std::fabs(sc.sum - 1.0) <= kSumTolerance)) {
    const std::string total_text =
        std::isinf(sc.sum) ? "more than the largest double" : format_number(sc.sum);
    return Result<double>::failure(
        ErrorCode::NOT_NORMALIZED,
        std::string(name) + " sums to " + total_text +
            ", not to 1 (within 1e-9); rescale it or ask for normalization.");
  }
  return Result<double>::success(sc.sum);
}

Result<std::vector<double>> normalize_named(const std::vector<double>& w, const char* name) {
  using R = Result<std::vector<double>>;
  const std::size_t n = w.size();
  if (n == 0) return R::failure(ErrorCode::EMPTY, std::string(name) + " has no outcomes; give at least one.");
  double largest = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!finite_non_negative(w[i])) return element_error<std::vector<double>>(w, i, name);
    largest = w[i] > largest ? w[i] : largest;
  }
  if (largest == 0.0)
    return R::failure(ErrorCode::OUT_OF_RANGE,
                      std::string(name) + " has only zero weights; weights summing to 0 cannot be "
                                          "rescaled to probabilities.");
  // Scale by an exact power of two so the largest weight lies in [1, 2): the sum can neither
  // overflow (1e308 + 1e308) nor lose subnormal weights.
  const int shift = -std::ilogb(largest);
  std::vector<double> out(n);
  LaneSum acc;
  for (std::size_t i = 0; i < n; ++i) {
    out[i] = std::ldexp(w[i], shift);
    two_sum_add(acc.s[i % kLanes], acc.c[i % kLanes], out[i]);
  }
  const double sum = total(acc);
  for (std::size_t i = 0; i < n; ++i) out[i] /= sum;
  return R::success(std::move(out));
}

// ---------------------------------------------------------------------------------------------
// Kernels on validated data. Entropy and cross-entropy in bits, KL in nats.
// Every term is computed on p scaled by 2^64 (exact) and the sum scaled back at the end, so terms
// of subnormal probabilities keep full precision: the result is accurate whenever it is itself
// a normal number, however much of it comes from subnormal p.
constexpr double kUp = 0x1p64;
constexpr double kDown = 0x1p-64;

double entropy_bits(const double* p, std::size_t n) {
  LaneSum acc;
  std::size_t i = 0;
  for (; i + kLanes <= n; i += kLanes) {
    double term[kLanes];
    for (std::size_t j = 0; j < kLanes; ++j) {
      const double x = p[i + j];
      const double safe = x > 0.0 ? x : 1.0;  // 0 * log 0 = 0: log 1 = 0 gives a zero term
      term[j] = -((x * kUp) * fast_log2(safe));
    }
    add_lanes(acc, term);
  }
  for (; i < n; ++i) {
    const double x = p[i];
    two_sum_add(acc.s[0], acc.c[0], -((x * kUp) * fast_log2(x > 0.0 ? x : 1.0)));
  }
  return total(acc) * kDown;
}

// Returns +inf when some q is 0 where p > 0.
double cross_entropy_bits(const double* p, const double* q, std::size_t n) {
  LaneSum acc;
  double zero_q[kLanes] = {};
  std::size_t i = 0;
  for (; i + kLanes <= n; i += kLanes) {
    double term[kLanes];
    for (std::size_t j = 0; j < kLanes; ++j) {
      const double x = p[i + j], y = q[i + j];
      const bool live = x > 0.0;
      zero_q[j] += (live && y == 0.0) ? 1.0 : 0.0;
      const double safe = (live && y > 0.0) ? y : 1.0;
      term[j] = -((x * kUp) * fast_log2(safe));
    }
    add_lanes(acc, term);
  }
  for (; i < n; ++i) {
    const double x = p[i], y = q[i];
    const bool live = x > 0.0;
    zero_q[0] += (live && y == 0.0) ? 1.0 : 0.0;
    two_sum_add(acc.s[0], acc.c[0], -((x * kUp) * fast_log2((live && y > 0.0) ? y : 1.0)));
  }
  for (std::size_t j = 0; j < kLanes; ++j)
    if (zero_q[j] > 0.0) return HUGE_VAL;
  return total(acc) * kDown;
}

// One outcome of KL, scaled by 2^64: p * phi(q/p) >= 0 (into `term`) and p - q (into `diff`),
// both 0 when p == 0. Branch-free so the caller's loop vectorizes.
struct KlTerm {
  double term;
  double diff;
  double zero_q;
};
inline KlTerm kl_term(double x, double y) {
  const bool live = x > 0.0;
  const double ps = live ? x : 1.0;
  const double qs = (live && y > 0.0) ? y : 1.0;
  const double t = (qs - ps) / ps;  // q - p is exact wherever the near branch uses it
  const bool near = t >= kNearLow && t <= kNearHigh;
  const double near_term = (ps * kUp) * phi_near(near ? t : 0.0);
  // Far from r = 1: ln r = ln q - ln p split into exponents and mantissa logs (no cancellation
  // since |ln r| >= ln(sqrt 2)); p*phi = (q - p) - p ln r, a cancellation of at most ~6x.
  const LogParts lq = log_parts(qs);
  const LogParts lp = log_parts(ps);
  const double dk = lq.k - lp.k;
  const double ln_r = dk * kLn2Hi + (dk * kLn2Lo + (lq.l - lp.l));
  const double far_term = (qs * kUp - ps * kUp) - (ps * kUp) * ln_r;
  KlTerm out;
  out.term = live ? (near ? near_term : far_term) : 0.0;
  out.diff = live ? x * kUp - y * kUp : 0.0;
  out.zero_q = (live && y == 0.0) ? 1.0 : 0.0;
  return out;
}

double kl_nats(const double* p, const double* q, std::size_t n) {
  LaneSum main_sum, correction;
  double zero_q[kLanes] = {};
  std::size_t i = 0;
  for (; i + kLanes <= n; i += kLanes) {
    double term[kLanes], diff[kLanes];
    for (std::size_t j = 0; j < kLanes; ++j) {
      const KlTerm k = kl_term(p[i + j], q[i + j]);
      term[j] = k.term;
      diff[j] = k.diff;
      zero_q[j] += k.zero_q;
    }
    add_lanes(main_sum, term);
    add_lanes(correction, diff);
  }
  for (; i < n; ++i) {
    const KlTerm k = kl_term(p[i], q[i]);
    two_sum_add(main_sum.s[0], main_sum.c[0], k.term);
    two_sum_add(correction.s[0], correction.c[0], k.diff);
    zero_q[0] += k.zero_q;
  }
  for (std::size_t j = 0; j < kLanes; ++j)
    if (zero_q[j] > 0.0) return HUGE_VAL;
  // sum_{p>0}(p - q) is >= 0 when both sum to exactly 1; with sums only within 1e-9 of 1 it
  // carries the exact difference, so the result is sum p ln(p/q) of the numbers as given.
  const double d = (total(main_sum) + total(correction)) * kDown;
  return d > 0.0 ? d : 0.0;  // last guard: Gibbs, never -1e-17
}

// Validated inputs: the caller's vectors, or normalized copies when options ask for them.
struct Prepared {
  const std::vector<double>* p_given = nullptr;
  const std::vector<double>* q_given = nullptr;
  std::vector<double> p_held, q_held;
  bool normalized = false;
  double log2_base = 1.0;  // divide bits by this
  double ln_base = 1.0;    // divide nats by this
  const std::vector<double>& p() const { return normalized ? p_held : *p_given; }
  const std::vector<double>& q() const { return normalized ? q_held : *q_given; }
};

Result<Prepared> prepare(const std::vector<double>& p, const std::vector<double>* q,
                         const Options& options) {
  using R = Result<Prepared>;
  const Result<double> lb = log_of_base(options.base);
  if (!lb) return R::failure(lb);
  if (p.empty()) return R::failure(ErrorCode::EMPTY, "P has no outcomes; give at least one.");
  if (q && q->empty()) return R::failure(ErrorCode::EMPTY, "Q has no outcomes; give at least one.");
  if (q && q->size() != p.size())
    return R::failure(ErrorCode::LENGTH_MISMATCH,
                      "P has " + std::to_string(p.size()) + " outcomes but Q has " +
                          std::to_string(q->size()) + "; they must have the same length.");
  Prepared out;
  out.p_given = &p;
  out.q_given = q;
  out.normalized = options.normalize;
  out.ln_base = lb.value();
  out.log2_base = options.base == 2.0 ? 1.0 : std::log2(options.base);
  if (options.normalize) {
    Result<std::vector<double>> np = normalize_named(p, "P");
    if (!np) return R::failure(np);
    out.p_held = std::move(np.value());
    if (q) {
      Result<std::vector<double>> nq = normalize_named(*q, "Q");
      if (!nq) return R::failure(nq);
      out.q_held = std::move(nq.value());
    }
  } else {
    const Result<double> cp = check_distribution(p, "P");
    if (!cp) return R::failure(cp);
    if (q) {
      const Result<double> cq = check_distribution(*q, "Q");
      if (!cq) return R::failure(cq);
    }
  }
  return R::success(std::move(out));
}

}  // namespace

// -------------------------------------------------------------------------------------------
// Public API.

Result<double> log_of_base(double base) {
  if (!(base > 0.0) || !(base <= DBL_MAX) || base == 1.0)
    return Result<double>::failure(
        ErrorCode::BAD_BASE, "The logarithm base " + format_number(base) +
                                 " is not allowed; use a finite number above 0 other than 1 "
                                 "(2 for bits, e for nats, 10 for hartleys).");
  if (base == 2.0) return Result<double>::success(kLn2);
  return Result<double>::success(std::log(base));
}

Result<double> surprisal(double p, double base) {
  const Result<double> lb = log_of_base(base);
  if (!lb) return lb;
  if (std::isnan(p) || std::isinf(p))
    return Result<double>::failure(ErrorCode::NOT_FINITE, "The probability " + format_number(p) +
                                                              " is not a finite number.");
  if (p < 0.0)
    return Result<double>::failure(ErrorCode::NEGATIVE, "The probability " + format_number(p) +
                                                            " is negative; it must be in [0, 1].");
  if (p > 1.0)
    return Result<double>::failure(ErrorCode::OUT_OF_RANGE,
                                   "The probability " + format_number(p) +
                                       " is greater than 1; it must be in [0, 1].");
  if (p == 0.0) return Result<double>::success(HUGE_VAL);
  // Exact for powers of the base (1/1024 -> 10 bit); + 0.0 turns -0 into +0 at p = 1.
  double value;
  if (base == 2.0) value = -std::log2(p);
  else if (base == 10.0) value = -std::log10(p);
  else value = -std::log(p) / lb.value();
  return Result<double>::success(value + 0.0);
}

Result<std::vector<double>> normalize(const std::vector<double>& weights) {
  return normalize_named(weights, "P");
}

Result<std::vector<double>> as_distribution(const std::vector<double>& weights, bool normalize) {
  if (normalize) return normalize_named(weights, "P");
  const Result<double> check = check_distribution(weights, "P");
  if (!check) return Result<std::vector<double>>::failure(check);
  return Result<std::vector<double>>::success(weights);
}

Result<double> entropy(const std::vector<double>& p, const Options& options) {
  Result<Prepared> prep = prepare(p, nullptr, options);
  if (!prep) return Result<double>::failure(prep);
  const std::vector<double>& pp = prep->p();
  return Result<double>::success(entropy_bits(pp.data(), pp.size()) / prep->log2_base + 0.0);
}

Result<double> cross_entropy(const std::vector<double>& p, const std::vector<double>& q,
                             const Options& options) {
  Result<Prepared> prep = prepare(p, &q, options);
  if (!prep) return Result<double>::failure(prep);
  const std::vector<double>& pp = prep->p();
  const std::vector<double>& qq = prep->q();
  return Result<double>::success(cross_entropy_bits(pp.data(), qq.data(), pp.size()) /
                                     prep->log2_base + 0.0);
}

Result<double> kl_divergence(const std::vector<double>& p, const std::vector<double>& q,
                             const Options& options) {
  Result<Prepared> prep = prepare(p, &q, options);
  if (!prep) return Result<double>::failure(prep);
  const std::vector<double>& pp = prep->p();
  const std::vector<double>& qq = prep->q();
  return Result<double>::success(kl_nats(pp.data(), qq.data(), pp.size()) / prep->ln_base);
}

}  // namespace bitruler
