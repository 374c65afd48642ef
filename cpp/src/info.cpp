// Self-information, entropy, cross-entropy and KL divergence: exact conventions, accurate sums,
// and loops the compiler vectorizes (native SSE2, WASM simd128).
//
// Accuracy plan (tests/cpp/test_fixtures.cpp measures it against mpmath):
// - logarithms: a branch-free port of fdlibm's log (< 1 ulp for ln, < 2 ulp for log2) written
//   on bit patterns, so loops over it vectorize;
// - sums: kLanes independent lanes, plain sums of non-negative terms within short blocks, block
//   sums into compensated (TwoSum) accumulators; sums with cancellation use TwoSum per element;
// - entropy and cross-entropy add non-negative terms (q <= 1), so a few ulp per term is a few
//   ulp of the total;
// - KL uses D = sum_{p>0} p*phi(q/p) + sum_{p>0} (p - q) with phi(r) = r - 1 - ln r >= 0, so the
//   main sum has no cancellation; phi near r = 1 comes from fdlibm's log1p kernel rearranged to
//   phi(t) = s*(t - R(s^2)), s = t/(2+t), t = (q-p)/p (q-p is exact there): no subtraction of
//   nearly equal numbers; far from 1, ln r comes from r's exponent and mantissa, and where q/p
//   leaves the normal range, from ln q - ln p;
// - rare inputs (subnormal p or q, q = 0 where p > 0, q/p out of range) are counted by the
//   vector loops and settled in a scalar pass, on values scaled by 2^64 so that subnormal
//   probabilities keep full precision.
#include "bitruler/info.hpp"
#include "bitruler/format.hpp"

#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

// GCC only if-converts (and so vectorizes) the kernels' selects when it may assume that
// floating-point operations do not trap. Results are unchanged: IEEE default, non-trapping
// environment; this is not -ffast-math (no reassociation, no finite-math assumptions).
// Clang, used for the WASM build, makes that assumption by default.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("no-trapping-math")
#endif

namespace bitruler {
namespace {

// ---------------------------------------------------------------------------------------------
// ---------------------------------------------------------------------------------------------
// Bit-level helpers (a bit cast is a register move; memcpy would hide it from the vectorizer).
inline std::uint64_t bits_of(double x) { return __builtin_bit_cast(std::uint64_t, x); }
inline double double_of(std::uint64_t u) { return __builtin_bit_cast(double, u); }

// Choice between two values already computed (never a conditional operation): compilers turn
// it into a blend, so the loops below vectorize.
inline double select(bool condition, double if_true, double if_false) {
  return condition ? if_true : if_false;
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
// The same interval as |t - mid| <= half width (one comparison; bounds within an ulp).
constexpr double kNearMid = (kNearLow + kNearHigh) / 2;
constexpr double kNearHalfWidth = (kNearHigh - kNearLow) / 2;

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
  // Selects between values computed unconditionally (no conditional floating-point operation),
  // so compilers if-convert them to blends and vectorize the calling loops.
  const bool tiny = x < DBL_MIN;
  const double up54 = x * 0x1p54;
  const double xs = select(tiny, up54, x);
  const std::uint64_t b = bits_of(xs);
  const std::uint64_t mantissa = b & 0x000FFFFFFFFFFFFFull;
  // Carry into bit 52 when the mantissa is >= ~sqrt(2): then use m/2 and k+1.
  const std::uint64_t up = (mantissa + 0x00095F6400000000ull) & 0x0010000000000000ull;
  const double m = double_of(mantissa | (up ^ 0x3FF0000000000000ull));
  const std::uint64_t biased = (b >> 52) + (up >> 52);
  // int -> double without a conversion instruction (none exists for i64 lanes in SSE2/simd128).
  const double k = (double_of(0x4338000000000000ull + biased) - (0x1.8p52 + 1023.0)) -
                   select(tiny, 54.0, 0.0);
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
// Summation. The compiler may not reorder one floating-point sum, so every loop keeps kLanes
// independent sums, the lane index being the innermost loop index (that loop vectorizes). Each
// lane adds plainly within a block of kBlock elements (all such terms are >= 0, so a block's
// relative error is below kBlock ulps), then the block sums go into compensated (TwoSum)
// accumulators, so n up to 10^7 costs no accuracy. Sums with cancellation (KL's p - q) use
// TwoSum for every element.
constexpr std::size_t kLanes = 16;
constexpr std::size_t kBlock = 32;

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

// Moves block sums into the compensated accumulators and clears them.
inline void flush(LaneSum& acc, double* block) {
  for (std::size_t j = 0; j < kLanes; ++j) {
    two_sum_add(acc.s[j], acc.c[j], block[j]);
    block[j] = 0.0;
  }
}

double total(const LaneSum& acc) {
  double s = 0.0, c = 0.0;
  for (std::size_t j = 0; j < kLanes; ++j) two_sum_add(s, c, acc.s[j]);
  for (std::size_t j = 0; j < kLanes; ++j) two_sum_add(s, c, acc.c[j]);
  return s + c;
}

// Runs kernel.element(p[i], q[i], lane) over i = 0..n-1 in the blocked lane order above,
// calling kernel.flush() after each block and at the end. Every sum of the same data made through
// this driver is bit-identical (validation and the fused kernels agree on sum checks). The inputs
// are only read; __restrict tells the vectorizer they do not overlap the kernel's accumulators.
template <class Kernel>
void run_blocked(Kernel& kernel, const double* __restrict p, const double* __restrict q,
                 std::size_t n) {
  constexpr std::size_t kChunk = kLanes * kBlock;
  std::size_t i = 0;
  for (; i + kChunk <= n; i += kChunk) {
    for (std::size_t b = 0; b < kBlock; ++b) {
      const std::size_t at = i + b * kLanes;
      for (std::size_t j = 0; j < kLanes; ++j) kernel.element(p[at + j], q[at + j], j);
    }
    kernel.flush();
  }
  for (; i + kLanes <= n; i += kLanes)
    for (std::size_t j = 0; j < kLanes; ++j) kernel.element(p[i + j], q[i + j], j);
  for (std::size_t j = 0; i < n; ++i, ++j) kernel.element(p[i], q[i], j);
  kernel.flush();
}

// Validation inside the loops costs two operations per input: a running minimum (negative
// weights) and the sum, which NaN and infinities cannot leave finite. Only when either looks
// wrong does check_distribution() look for the first bad element and word the refusal.
inline double running_min(double low, double x) { return select(x < low, x, low); }
inline double lanes_min(const double* low) {
  double m = 0.0;
  for (std::size_t j = 0; j < kLanes; ++j) m = low[j] < m ? low[j] : m;
  return m;
}
inline bool looks_valid(double low, double sum) { return low >= 0.0 && std::fabs(sum) <= DBL_MAX; }

// ---------------------------------------------------------------------------------------------
// Validation.
inline bool finite_non_negative(double x) { return x >= 0.0 && x <= DBL_MAX; }

struct SumKernel {
  double low[kLanes] = {};
  double block[kLanes] = {};
  LaneSum sum;
  void element(double x, double, std::size_t j) {
    low[j] = running_min(low[j], x);
    block[j] += x;
  }
  void flush() { bitruler::flush(sum, block); }
};

// Sum of non-negative finite weights, or the first bad index.
struct Scan {
  bool ok;
  std::size_t bad_index;
  double sum;
};
Scan scan(const std::vector<double>& v) {
  SumKernel k;
  run_blocked(k, v.data(), v.data(), v.size());
  const double sum = total(k.sum);
  if (looks_valid(lanes_min(k.low), sum)) return {true, v.size(), sum};
  for (std::size_t i = 0; i < v.size(); ++i)
    if (!finite_non_negative(v[i])) return {false, i, 0.0};
  return {true, v.size(), HUGE_VAL};  // every weight is fine: their sum overflowed
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

inline bool sums_to_one(double sum) { return std::fabs(sum - 1.0) <= kSumTolerance; }

// Checks a distribution without copying it: EMPTY, NOT_FINITE, NEGATIVE, NOT_NORMALIZED.
Result<double> check_distribution(const std::vector<double>& p, const char* name) {
  if (p.empty())
    return Result<double>::failure(ErrorCode::EMPTY,
                                   std::string(name) + " has no outcomes; give at least one.");
  const Scan sc = scan(p);
  if (!sc.ok) return element_error<double>(p, sc.bad_index, name);
  if (!sums_to_one(sc.sum)) {
    const std::string total_text =
        std::isinf(sc.sum) ? "more than the largest double" : format_number(sc.sum);
    // (scan() reports an overflowing sum of valid weights as infinity.)
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
  if (n == 0)
    return R::failure(ErrorCode::EMPTY, std::string(name) + " has no outcomes; give at least one.");
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
  for (std::size_t i = 0; i < n; ++i) out[i] = std::ldexp(w[i], shift);
  const double sum = scan(out).sum;
  for (std::size_t i = 0; i < n; ++i) out[i] /= sum;
  return R::success(std::move(out));
}

// ---------------------------------------------------------------------------------------------
// Fused kernels: one pass validates (bad count and sum of each input, through the same blocked
// order as scan()) and computes the value; the caller reports errors only if the pass saw any.
// The vector loop handles ordinary numbers; rare cases (q = 0 where p > 0, subnormal p or q,
// q/p beyond the normal range) are only counted there and settled by a scalar pass afterwards,
// so the common path carries no code for them. Scalar passes compute on values scaled by 2^64
// (exact), so terms of subnormal probabilities keep full precision.
constexpr double kUp = 0x1p64;
constexpr double kDown = 0x1p-64;

struct PassResult {
  bool valid_p = true, valid_q = true;  // false: some element may be NaN, infinite or < 0
  double sum_p = 0.0, sum_q = 0.0;
  double value = 0.0;               // bits (entropy, cross-entropy) or nats (KL)
};

// log2 of a normal positive double (the vector path never sees subnormals).
inline double log2_normal(double x) {
  const std::uint64_t b = bits_of(x);
  const std::uint64_t mantissa = b & 0x000FFFFFFFFFFFFFull;
  const std::uint64_t up = (mantissa + 0x00095F6400000000ull) & 0x0010000000000000ull;
  const double m = double_of(mantissa | (up ^ 0x3FF0000000000000ull));
  const double k = double_of(0x4338000000000000ull + (b >> 52) + (up >> 52)) -
                   (0x1.8p52 + 1023.0);
  const double f = m - 1.0;
  const double s = f / (2.0 + f);
  const double hfsq = 0.5 * f * f;
  return k + (f - (hfsq - s * (hfsq + log_poly(s * s)))) * kLog2E;
}

struct EntropyKernel {
  double low[kLanes] = {}, rare[kLanes] = {};
  double block_w[kLanes] = {}, block_h[kLanes] = {};
  LaneSum sum_w, sum_h;
  void element(double x, double, std::size_t j) {
    low[j] = running_min(low[j], x);
    block_w[j] += x;
    const bool normal = x >= DBL_MIN;                 // false for 0, subnormals, NaN
    rare[j] += select(normal, 0.0, x);                // > 0 iff some subnormal (or bad) x
    block_h[j] -= x * log2_normal(select(normal, x, 1.0));  // 0 * log 1 = 0 for the rest
  }
  void flush() {
    bitruler::flush(sum_w, block_w);
    bitruler::flush(sum_h, block_h);
  }
};

PassResult entropy_pass(const std::vector<double>& p) {
  EntropyKernel k;
  run_blocked(k, p.data(), p.data(), p.size());
  PassResult out;
  double rare = 0.0;
  for (std::size_t j = 0; j < kLanes; ++j) rare += k.rare[j];
  out.sum_p = total(k.sum_w);
  out.valid_p = looks_valid(lanes_min(k.low), out.sum_p);
  if (!out.valid_p) return out;
  double main_bits = total(k.sum_h);
  if (rare > 0.0) {  // subnormal probabilities: their terms, scaled by 2^64
    double s = 0.0, c = 0.0;
    for (const double x : p)
      if (x > 0.0 && x < DBL_MIN) two_sum_add(s, c, -((x * kUp) * fast_log2(x)));
    main_bits += (s + c) * kDown;
  }
  out.value = main_bits;
  return out;
}

struct CrossKernel {
  double low_p[kLanes] = {}, low_q[kLanes] = {}, rare[kLanes] = {};
  double block_p[kLanes] = {}, block_q[kLanes] = {}, block_h[kLanes] = {};
  LaneSum sum_p, sum_q, sum_h;
  void element(double x, double y, std::size_t j) {
    low_p[j] = running_min(low_p[j], x);
    low_q[j] = running_min(low_q[j], y);
    block_p[j] += x;
    block_q[j] += y;
    // Usual: p and q both normal numbers (one comparison on their minimum: vectorizers handle
    // single comparisons better than combinations of them). Rare: p > 0 with q = 0 or
    // subnormal, or p subnormal. Counted, then done in a scalar pass.
    const bool usual = select(x < y, x, y) >= DBL_MIN;
    rare[j] += select(usual, 0.0, select(x > 0.0, 1.0, 0.0));
    block_h[j] -= select(usual, x, 0.0) * log2_normal(select(usual, y, 1.0));
  }
  void flush() {
    bitruler::flush(sum_p, block_p);
    bitruler::flush(sum_q, block_q);
    bitruler::flush(sum_h, block_h);
  }
};

PassResult cross_entropy_pass(const std::vector<double>& p, const std::vector<double>& q) {
  CrossKernel k;
  run_blocked(k, p.data(), q.data(), p.size());
  PassResult out;
  double rare = 0.0;
  for (std::size_t j = 0; j < kLanes; ++j) rare += k.rare[j];
  out.sum_p = total(k.sum_p);
  out.sum_q = total(k.sum_q);
  out.valid_p = looks_valid(lanes_min(k.low_p), out.sum_p);
  out.valid_q = looks_valid(lanes_min(k.low_q), out.sum_q);
  if (!out.valid_p || !out.valid_q) return out;
  double main_bits = total(k.sum_h);
  if (rare > 0.0) {
    double s = 0.0, c = 0.0;
    for (std::size_t i = 0; i < p.size(); ++i) {
      const double x = p[i], y = q[i];
      if (!(x > 0.0) || (x >= DBL_MIN && y >= DBL_MIN)) continue;
      if (y == 0.0) {
        out.value = HUGE_VAL;  // q = 0 where p > 0
        return out;
      }
      two_sum_add(s, c, -((x * kUp) * fast_log2(y)));
    }
    main_bits += (s + c) * kDown;
  }
  out.value = main_bits;
  return out;
}

// KL of one outcome on the general path (any p > 0, q > 0 including subnormals and p/q beyond
// the double range), scaled by 2^64: p*phi(q/p) into `term`, p - q into `diff`.
inline void kl_general(double x, double y, double& term, double& diff) {
  const double t = (y - x) / x;  // q - p is exact wherever the near branch uses it
  if (t >= kNearLow && t <= kNearHigh) {
    term = (x * kUp) * phi_near(t);
  } else {
    // ln r = ln q - ln p from exponents and mantissa logs: no cancellation (|ln r| >= 0.34)
    // and no overflow however far q/p lies outside the double range.
    const LogParts lq = log_parts(y);
    const LogParts lp = log_parts(x);
    const double dk = lq.k - lp.k;
    const double ln_r = dk * kLn2Hi + (dk * kLn2Lo + (lq.l - lp.l));
    term = (y * kUp - x * kUp) - (x * kUp) * ln_r;
  }
  diff = x * kUp - y * kUp;
}

struct KlKernel {
  double low_p[kLanes] = {}, low_q[kLanes] = {}, rare[kLanes] = {};
  double block_p[kLanes] = {}, block_q[kLanes] = {}, block_d[kLanes] = {};
  LaneSum sum_p, sum_q, sum_d, diff;
  void element(double x, double y, std::size_t j) {
    low_p[j] = running_min(low_p[j], x);
    low_q[j] = running_min(low_q[j], y);
    block_p[j] += x;
    block_q[j] += y;
    const bool live = x > 0.0;
    const double ps = select(live, x, 1.0);
    const double qs = select(live, y, 1.0);
    const double inv = 1.0 / ps;
    const double t = (qs - ps) * inv;  // q - p exact near r = 1; two roundings in all
    const double r = qs * inv;
    // Usual: p normal and q/p a normal number (so q > 0). Others go to the scalar pass.
    // Usual: p normal and q/p a normal number (so q > 0); as one comparison (NaN fails it).
    const bool usual = select(r <= DBL_MAX, select(ps < r, ps, r), 0.0) >= DBL_MIN;
    rare[j] += select(usual, 0.0, 1.0);  // p = 0 is usual (ps = qs = 1)
    const double rs = select(usual, r, 1.0);
    // One log1p kernel serves both branches: u = t near r = 1 (phi = s*(t - R)); elsewhere
    // u = f from r = 2^k * (1 + f) (ln r = k ln 2 + log1p(f)).
    const std::uint64_t b = bits_of(rs);
    const std::uint64_t mantissa = b & 0x000FFFFFFFFFFFFFull;
    const std::uint64_t up = (mantissa + 0x00095F6400000000ull) & 0x0010000000000000ull;
    const double m = double_of(mantissa | (up ^ 0x3FF0000000000000ull));
    const double k = double_of(0x4338000000000000ull + (b >> 52) + (up >> 52)) -
                     (0x1.8p52 + 1023.0);
    const bool near = std::fabs(t - kNearMid) <= kNearHalfWidth;
    const double u = select(near, t, m - 1.0);
    const double s = u / (2.0 + u);
    const double poly = log_poly(s * s);
    const double hfsq = 0.5 * u * u;
    const double near_term = (ps * kUp) * (s * (u - poly));
    const double ln_r = k * kLn2Hi + (k * kLn2Lo + (u - (hfsq - s * (hfsq + poly))));
    const double far_term = (qs * kUp - ps * kUp) - (ps * kUp) * ln_r;
    // live and usual (nested selects rather than a combined mask, for the vectorizers).
    block_d[j] += select(live, select(usual, select(near, near_term, far_term), 0.0), 0.0);
    two_sum_add(diff.s[j], diff.c[j], select(live, select(usual, x * kUp - y * kUp, 0.0), 0.0));
  }
  void flush() {
    bitruler::flush(sum_p, block_p);
    bitruler::flush(sum_q, block_q);
    bitruler::flush(sum_d, block_d);
  }
};

PassResult kl_pass(const std::vector<double>& p, const std::vector<double>& q) {
  KlKernel k;
  run_blocked(k, p.data(), q.data(), p.size());
  PassResult out;
  double rare = 0.0;
  for (std::size_t j = 0; j < kLanes; ++j) rare += k.rare[j];
  out.sum_p = total(k.sum_p);
  out.sum_q = total(k.sum_q);
  out.valid_p = looks_valid(lanes_min(k.low_p), out.sum_p);
  out.valid_q = looks_valid(lanes_min(k.low_q), out.sum_q);
  if (!out.valid_p || !out.valid_q) return out;
  double s_main = 0.0, c_main = 0.0, s_diff = 0.0, c_diff = 0.0;
  if (rare > 0.0) {
    for (std::size_t i = 0; i < p.size(); ++i) {
      const double x = p[i], y = q[i];
      if (!(x > 0.0)) continue;
      const double r = y * (1.0 / x);  // exactly as the vector loop computes it
      if (x >= DBL_MIN && r >= DBL_MIN && r <= DBL_MAX) continue;  // done by the vector loop
      if (y == 0.0) {
        out.value = HUGE_VAL;  // q = 0 where p > 0
        return out;
      }
      double term, diff;
      kl_general(x, y, term, diff);
      two_sum_add(s_main, c_main, term);
      two_sum_add(s_diff, c_diff, diff);
    }
  }
  // D = sum_{p>0} p*phi(q/p) + sum_{p>0} (p - q). The second sum is >= 0 when both inputs sum
  // to exactly 1; with sums only within 1e-9 of 1 it carries the exact difference, so the result
  // is sum p ln(p/q) of the numbers as given.
  two_sum_add(s_main, c_main, total(k.sum_d));
  two_sum_add(s_diff, c_diff, total(k.diff));
  const double d = ((s_main + c_main) + (s_diff + c_diff)) * kDown;
  out.value = d > 0.0 ? d : 0.0;  // last guard: Gibbs, never -1e-17
  return out;
}

// Checked shape and base; the caller's vectors, or normalized copies when options ask for them.
// Elements and sums of unnormalized inputs are checked by the fused passes (finish()).
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
  }
  return R::success(std::move(out));
}

// Turns a pass into the public result: refusals first (P's elements, P's sum, then Q's, as
// check_distribution words them), then the value converted to the base.
Result<double> finish(const Prepared& prep, const PassResult& pass, double divisor) {
  if (!prep.normalized) {
    if (!pass.valid_p || !sums_to_one(pass.sum_p)) {
      const Result<double> cp = check_distribution(prep.p(), "P");
      if (!cp) return cp;
    }
    if (prep.q_given && (!pass.valid_q || !sums_to_one(pass.sum_q))) {
      const Result<double> cq = check_distribution(prep.q(), "Q");
      if (!cq) return cq;
    }
  }
  return Result<double>::success(pass.value / divisor + 0.0);  // + 0.0: never -0
}

}  // namespace

// -------------------------------------------------------------------------------------------
// Public API.

Result<double> log_of_base(double base) {
  // Bases in (0, 1) are refused too: they flip the sign of every result, and a ruler whose
  // information and KL can be negative contradicts everything the page teaches.
  if (!(base > 1.0) || !(base <= DBL_MAX))
    return Result<double>::failure(
        ErrorCode::BAD_BASE, "The logarithm base " + format_number(base) +
                                 " is not allowed; use a finite number greater than 1 "
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
  const Result<Prepared> prep = prepare(p, nullptr, options);
  if (!prep) return Result<double>::failure(prep);
  return finish(prep.value(), entropy_pass(prep->p()), prep->log2_base);
}

Result<double> cross_entropy(const std::vector<double>& p, const std::vector<double>& q,
                             const Options& options) {
  const Result<Prepared> prep = prepare(p, &q, options);
  if (!prep) return Result<double>::failure(prep);
  return finish(prep.value(), cross_entropy_pass(prep->p(), prep->q()), prep->log2_base);
}

Result<double> kl_divergence(const std::vector<double>& p, const std::vector<double>& q,
                             const Options& options) {
  const Result<Prepared> prep = prepare(p, &q, options);
  if (!prep) return Result<double>::failure(prep);
  return finish(prep.value(), kl_pass(prep->p(), prep->q()), prep->ln_base);
}

}  // namespace bitruler
