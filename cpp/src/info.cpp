// Self-information, entropy, cross-entropy and KL divergence: exact conventions, accurate sums,
// and loops the compiler vectorizes (native SSE2, WASM simd128).
//
// Accuracy plan (tests/cpp/test_fixtures.cpp measures it against mpmath):
// - logarithms: a branch-free port of fdlibm's log (< 1 ulp for ln, < 2 ulp for log2) written
//   on bit patterns, evaluated two lanes at a time (vectors of two doubles);
// - sums: two lanes, plain sums of non-negative terms within short blocks, block sums into
//   compensated (TwoSum) accumulators; sums with cancellation use TwoSum per element;
// - entropy and cross-entropy add non-negative terms (q <= 1), so a few ulp per term is a few
//   ulp of the total;
// - KL uses D = sum_{p>0} p*phi(q/p) + sum_{p>0} (p - q) with phi(r) = r - 1 - ln r >= 0, so the
//   main sum has no cancellation; ln(q/p) comes from the exponents and mantissas of p and q with
//   one division, s = (mq - mp')/(mq + mp'), and where q/p is within sqrt(2) of 1,
//   p*phi = s*((q - p) - p*R(s^2)) (fdlibm's log kernel; q - p exact there): no subtraction of
//   nearly equal numbers;
// - rare inputs (subnormal p or q, q = 0 where p > 0; for KL p or q below 2^-900) are flagged by
//   the vector loops and settled in a scalar pass, on values scaled by 2^64 so that subnormal
//   probabilities keep full precision.
#include "bitruler/info.hpp"
#include "bitruler/elementary.hpp"
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

// The release module compiles this file for size (-Os, which turns off inlining): the small
// vector helpers of the hot loops are always inlined, so that each kernel still builds to one
// straight loop whose accumulators stay in registers.
#if defined(__GNUC__) || defined(__clang__)
#define BITRULER_HOT inline __attribute__((always_inline))
#else
#define BITRULER_HOT inline
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
// Vectors of two doubles (GCC/Clang vector extensions: SSE2 natively, simd128 in WASM). The loops
// below are written on them directly rather than left to the auto-vectorizer, so each builds to
// one straight loop whose accumulators stay in registers: V8 keeps them there too, where the
// vectorized 16-lane form spilled every accumulator and constant to memory on each element.
// Lanes are independent sums, so results are the same on every target (no FMA, no reordering).
typedef double F2 __attribute__((vector_size(16)));
typedef std::int64_t I2 __attribute__((vector_size(16)));  // comparison masks: all ones or 0
typedef std::uint64_t U2 __attribute__((vector_size(16)));

BITRULER_HOT F2 splat(double c) { return F2{c, c}; }
BITRULER_HOT U2 splat_bits(std::uint64_t c) { return U2{c, c}; }
BITRULER_HOT U2 bits_of(F2 v) { return (U2)v; }
BITRULER_HOT F2 double_of(U2 v) { return (F2)v; }
// a where mask, else b (one bitwise select); a where mask, else +0 (one and).
BITRULER_HOT F2 select(I2 mask, F2 a, F2 b) { return (F2)(((U2)mask & (U2)a) | (~(U2)mask & (U2)b)); }
BITRULER_HOT F2 keep_if(I2 mask, F2 a) { return (F2)((U2)mask & (U2)a); }
BITRULER_HOT F2 load2(const double* p) {
  F2 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline bool any_sign(U2 v) { return ((v[0] | v[1]) >> 63) != 0; }

// ---------------------------------------------------------------------------------------------
// Summation. Every loop keeps two lanes (one vector). Each lane adds plainly within a block of
// kBlock vectors (all such terms are >= 0, so a block's relative error is below kBlock ulps),
// then the block sums go into compensated (TwoSum) accumulators, so n up to 10^7 costs no
// accuracy. Sums with cancellation (KL's p - q) use TwoSum for every element.
constexpr std::size_t kBlock = 32;

template <class T>
BITRULER_HOT void two_sum_add(T& s, T& c, T x) {
  const T t = s + x;
  const T z = t - s;
  c += (s - (t - z)) + (x - z);
  s = t;
}

struct LaneSum {
  F2 s{}, c{};
  // Moves a block sum into the compensated accumulator and clears it.
  BITRULER_HOT void flush(F2& block) {
    two_sum_add(s, c, block);
    block = F2{};
  }
};

double total(const LaneSum& acc) {
  double s = 0.0, c = 0.0;
  two_sum_add(s, c, acc.s[0]);
  two_sum_add(s, c, acc.s[1]);
  two_sum_add(s, c, acc.c[0]);
  two_sum_add(s, c, acc.c[1]);
  return s + c;
}

// Runs kernel.element(p[i..i+1], q[i..i+1]) over the inputs two at a time (a last odd element
// is paired with zeros, which every kernel ignores), calling kernel.flush() after each block
// and after each vector of the rest. Every sum of the same data made through this driver is bit-identical
// (validation and the fused kernels agree on sum checks).
template <class Kernel>
void run_blocked(Kernel& kernel, const double* p, const double* q, std::size_t n) {
  constexpr std::size_t kChunk = 2 * kBlock;
  // Whole blocks first, flushed once each; the rest (fewer than 2 * kBlock elements, all of a
  // short input) is flushed after every vector, so the sums of a few outcomes are as good as
  // correctly rounded. One call site of the kernel's element for both (the module is compiled
  // for size: a second copy of each kernel's loop body would cost more than the branch).
  const std::size_t chunked = n - n % kChunk;
  std::size_t i = 0;
  for (; i + 2 <= n; i += 2) {
    kernel.element(load2(p + i), load2(q + i));
    if ((i + 2) % kChunk == 0 || i >= chunked) kernel.flush();
  }
  if (i < n) kernel.element(F2{p[i], 0.0}, F2{q[i], 0.0});
  kernel.flush();
}

// Validation inside the loops costs two operations per input: an OR of the bit patterns (a set
// sign bit: some weight may be negative) and the sum, which NaN and infinities cannot leave
// finite. Only when either looks wrong is every element checked (-0.0 sets the sign bit too and
// is a valid weight).
inline bool finite_non_negative(double x) { return x >= 0.0 && x <= DBL_MAX; }
bool all_valid(const std::vector<double>& v) {
  for (const double x : v)
    if (!finite_non_negative(x)) return false;
  return true;
}
inline bool looks_valid(bool sign, double sum, const std::vector<double>& v) {
  return std::fabs(sum) <= DBL_MAX && (!sign || all_valid(v));
}

// ---------------------------------------------------------------------------------------------
// Validation.
struct SumKernel {
  U2 sign{};
  F2 block{};
  LaneSum sum;
  BITRULER_HOT void element(F2 x, F2) {
    sign |= bits_of(x);
    block += x;
  }
  BITRULER_HOT void flush() { sum.flush(block); }
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
  if (!any_sign(k.sign) && std::fabs(sum) <= DBL_MAX) return {true, v.size(), sum};
  for (std::size_t i = 0; i < v.size(); ++i)
    if (!finite_non_negative(v[i])) return {false, i, 0.0};
  // Every weight is fine (the sign bits were -0.0): the sum, or infinity if it overflowed.
  return {true, v.size(), std::fabs(sum) <= DBL_MAX ? sum : HUGE_VAL};
}

template <class T>
Result<T> element_error(const std::vector<double>& v, std::size_t index, const char* name) {
  const double x = v[index];
  const bool not_finite = std::isnan(x) || std::isinf(x);
  Error e = not_finite
                ? Error{ErrorCode::NOT_FINITE,
                        message("$[$] is $; every probability or weight must be a finite number.", {name, index, x})}
                : Error{ErrorCode::NEGATIVE,
                        message("$[$] is $; probabilities and weights cannot be negative.", {name, index, x}),
                        "NEGATIVE", 0.0};
  e.index = static_cast<long long>(index);
  return Result<T>::failure(std::move(e));
}

inline bool sums_to_one(double sum) { return std::fabs(sum - 1.0) <= kSumTolerance; }

// Checks a distribution without copying it: EMPTY, NOT_FINITE, NEGATIVE, NOT_NORMALIZED.
Result<double> check_distribution(const std::vector<double>& p, const char* name) {
  if (p.empty())
    return Result<double>::failure(ErrorCode::EMPTY, message("$ has no outcomes; give at least one.", {name}));
  const Scan sc = scan(p);
  if (!sc.ok) return element_error<double>(p, sc.bad_index, name);
  if (!sums_to_one(sc.sum)) {
    // (scan() reports an overflowing sum of valid weights as infinity.)
    return Result<double>::failure(
        Error{ErrorCode::NOT_NORMALIZED,
              message("$ sums to $, not to 1 (within 1e-9); rescale it or ask for normalization.",
                      {name, std::isinf(sc.sum) ? Arg("more than the largest double") : Arg(sc.sum)}),
              "SUM_NOT_ONE", kSumTolerance});
  }
  return Result<double>::success(sc.sum);
}

Result<std::vector<double>> normalize_named(const std::vector<double>& w, const char* name) {
  using R = Result<std::vector<double>>;
  const std::size_t n = w.size();
  if (n == 0)
    return R::failure(ErrorCode::EMPTY, message("$ has no outcomes; give at least one.", {name}));
  double largest = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!finite_non_negative(w[i])) return element_error<std::vector<double>>(w, i, name);
    largest = w[i] > largest ? w[i] : largest;
  }
  if (largest == 0.0)
    return R::failure(Error{ErrorCode::OUT_OF_RANGE,
                            message("$ has only zero weights; at least one weight must be greater than 0 to rescale "
                                    "them to probabilities.",
                                    {name}),
                            "ALL_ZERO"});
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
// Fused kernels: one pass validates (sign bits and sum of each input, through the same blocked
// order as scan()) and computes the value; the caller reports errors only if the pass saw any.
// The vector loop handles ordinary numbers; rare cases (q = 0 where p > 0, subnormal p or q)
// are only flagged there and settled by a scalar pass afterwards, so the common path carries no
// code for them. Both compute on values scaled by 2^64 (exact), so terms of tiny probabilities
// keep full precision.
constexpr double kUp = 0x1p64;
constexpr double kDown = 0x1p-64;
constexpr double kSqrt2 = 0x1.6a09e667f3bcdp0;

struct PassResult {
  bool valid_p = true, valid_q = true;  // false: some element is NaN, infinite or < 0
  double sum_p = 0.0, sum_q = 0.0;
  double value = 0.0;               // bits (entropy, cross-entropy) or nats (KL)
};

BITRULER_HOT F2 log_poly(F2 z) {
  const F2 w = z * z;
  const F2 t1 = w * (splat(kLg2) + w * (splat(kLg4) + w * splat(kLg6)));
  const F2 t2 = z * (splat(kLg1) + w * (splat(kLg3) + w * (splat(kLg5) + w * splat(kLg7))));
  return t1 + t2;
}

// log2 of normal positive doubles (fdlibm's log, as log_parts(); garbage for other lanes, which
// the callers mask).
BITRULER_HOT F2 log2_normal(F2 x) {
  const U2 b = bits_of(x);
  const U2 mantissa = b & splat_bits(0x000FFFFFFFFFFFFFull);
  const U2 up = (mantissa + splat_bits(0x00095F6400000000ull)) & splat_bits(0x0010000000000000ull);
  const F2 m = double_of(mantissa | (up ^ splat_bits(0x3FF0000000000000ull)));
  const F2 k = double_of(splat_bits(0x4338000000000000ull) + (b >> 52) + (up >> 52)) -
               splat(0x1.8p52 + 1023.0);
  const F2 f = m - splat(1.0);  // exact (Sterbenz)
  const F2 s = f / (splat(2.0) + f);
  const F2 hfsq = splat(0.5) * f * f;
  const F2 r = log_poly(s * s);
  return k + (f - (hfsq - s * (hfsq + r))) * splat(kLog2E);
}

struct CrossKernel {
  U2 sign_p{}, sign_q{}, rare{};
  F2 block_p{}, block_q{}, block_h{};
  LaneSum sum_p, sum_q, sum_h;
  BITRULER_HOT void element(F2 x, F2 y) {
    sign_p |= bits_of(x);
    sign_q |= bits_of(y);
    block_p += x;
    block_q += y;
    // Usual: p and q both normal numbers. Rare: p > 0 with q = 0 or subnormal, or p
    // subnormal. Flagged, then done in a scalar pass.
    const I2 usual = select(x < y, x, y) >= splat(DBL_MIN);
    rare |= bits_of(x) & ~(U2)usual;
    block_h -= keep_if(usual, x * log2_normal(y));
  }
  BITRULER_HOT void flush() {
    sum_p.flush(block_p);
    sum_q.flush(block_q);
    sum_h.flush(block_h);
  }
};

PassResult cross_entropy_pass(const std::vector<double>& p, const std::vector<double>& q) {
  CrossKernel k;
  run_blocked(k, p.data(), q.data(), p.size());
  PassResult out;
  out.sum_p = total(k.sum_p);
  out.sum_q = total(k.sum_q);
  out.valid_p = looks_valid(any_sign(k.sign_p), out.sum_p, p);
  out.valid_q = looks_valid(any_sign(k.sign_q), out.sum_q, q);
  if (!out.valid_p || !out.valid_q) return out;
  double main_bits = total(k.sum_h);
  if ((k.rare[0] | k.rare[1]) != 0) {
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

// H(P) is H(P, P): the cross-entropy pass on P twice gives the entropy's very bits (the same
// lanes, masks, logarithms and sums; the rare pass takes the same elements in the same order), for
// one loop in the module instead of two.
PassResult entropy_pass(const std::vector<double>& p) { return cross_entropy_pass(p, p); }

// KL of one outcome on the general path (any p > 0, q > 0 including subnormals), scaled by
// 2^64: p*phi(q/p) into `term`, p - q into `diff`.
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

// p and q of at least kKlSmallest (others go to the scalar pass), one division: q/p = 2^k * mq/mp'
// with the mantissas mq in [1, 2) and mp' (p's mantissa, doubled or halved) within a factor
// sqrt(2) of mq, so that s = (mq - mp')/(mq + mp') lies in [-0.1716, 0.1716] (mq - mp' exact)
// and ln(q/p) = k ln 2 + 2s + s*R(s^2) (fdlibm's log kernel). For k = 0 (q/p within sqrt(2) of
// 1), s = (q - p)/(q + p) and p*phi = (q - p) - p*ln(q/p) = s*((q - p) - p*R): no subtraction of
// nearly equal numbers, relative error a few ulp. Elsewhere |ln(q/p)| >= 0.34 and
// (q - p) - p*ln(q/p) loses at most three bits. No q/p is formed, so it cannot overflow.
// With p, q >= 2^-900 no intermediate or term underflows (q - p is 0 or >= ulp(2^-900), and
// p*phi >= 2^-900 * 2^-106), so this path needs no scaling.
constexpr double kKlSmallest = 0x1p-900;

struct KlKernel {
  // Sign bits of every p and q (a negative weight), and of -p where p is not +0 but the lane is
  // not usual (left to the scalar pass): any set sign bit sends kl_pass to look closer.
  U2 flags{};
  F2 block_p{}, block_q{}, block_d{};
  F2 diff_s{}, diff_c{};
  LaneSum sum_p, sum_q, sum_d;
  BITRULER_HOT void element(F2 x, F2 y) {
    const U2 bx = bits_of(x), by = bits_of(y);
    block_p += x;
    block_q += y;
    const I2 usual = select(x < y, x, y) >= splat(kKlSmallest);  // false for NaN too
    flags |= bx | by | ((U2{} - bx) & ~(U2)usual);
    const U2 mantissa = splat_bits(0x000FFFFFFFFFFFFFull);
    const U2 one = splat_bits(0x3FF0000000000000ull);
    const F2 mp = double_of((bx & mantissa) | one);
    const F2 mq = double_of((by & mantissa) | one);
    const I2 up = mq > mp * splat(kSqrt2);    // mq/mp > sqrt(2): mp' = 2 mp, k + 1
    const I2 down = mq * splat(kSqrt2) < mp;  // mq/mp < 1/sqrt(2): mp' = mp/2, k - 1
    const U2 exponent_one = splat_bits(0x0010000000000000ull);
    const F2 mpr = double_of(bits_of(mp) + ((U2)up & exponent_one) - ((U2)down & exponent_one));
    // k = (q's exponent + [up] - [down]) - p's exponent, each exponent e read as the double
    // 1.5 * 2^52 + e (masks are -1 where true).
    const U2 magic = splat_bits(0x4338000000000000ull);
    const F2 k = double_of(((by >> 52) - (U2)up + (U2)down) | magic) - double_of((bx >> 52) | magic);
    const F2 s = (mq - mpr) / (mq + mpr);
    const F2 r = log_poly(s * s);
    const F2 d = y - x;  // exact where k = 0
    const F2 near_term = s * (d - x * r);
    const F2 ln_r = k * splat(kLn2Hi) + (k * splat(kLn2Lo) + s * (splat(2.0) + r));
    const F2 far_term = d - x * ln_r;
    block_d += keep_if(usual, select(k == splat(0.0), near_term, far_term));
    // diff += p - q (TwoSum of -d).
    const F2 dd = keep_if(usual, d);
    const F2 t = diff_s - dd;
    const F2 z = t - diff_s;
    diff_c += (diff_s - (t - z)) - (dd + z);
    diff_s = t;
  }
  BITRULER_HOT void flush() {
    sum_p.flush(block_p);
    sum_q.flush(block_q);
    sum_d.flush(block_d);
  }
};

PassResult kl_pass(const std::vector<double>& p, const std::vector<double>& q) {
  KlKernel k;
  run_blocked(k, p.data(), q.data(), p.size());
  PassResult out;
  out.sum_p = total(k.sum_p);
  out.sum_q = total(k.sum_q);
  const bool look_closer = any_sign(k.flags);
  out.valid_p = looks_valid(look_closer, out.sum_p, p);
  out.valid_q = looks_valid(look_closer, out.sum_q, q);
  if (!out.valid_p || !out.valid_q) return out;
  double s_main = 0.0, c_main = 0.0, s_diff = 0.0, c_diff = 0.0;
  if (look_closer) {
    for (std::size_t i = 0; i < p.size(); ++i) {
      const double x = p[i], y = q[i];
      if (!(x > 0.0)) continue;
      if (x >= kKlSmallest && y >= kKlSmallest) continue;  // done by the vector loop
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
  // is sum p ln(p/q) of the numbers as given. The vector loop's sums are unscaled: times 2^64.
  two_sum_add(s_main, c_main, total(k.sum_d) * kUp);
  LaneSum diff;
  diff.s = k.diff_s;
  diff.c = k.diff_c;
  two_sum_add(s_diff, c_diff, total(diff) * kUp);
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
                      message("P has $ outcomes but Q has $; they must have the same length.", {p.size(), q->size()}));
  Prepared out;
  out.p_given = &p;
  out.q_given = q;
  out.normalized = options.normalize;
  out.ln_base = lb.value();
  out.log2_base = options.base == 2.0 ? 1.0 : math::log2(options.base);
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
  // H, H(P,Q) and D are never below 0. A sum can fall below only through an entry a little above
  // 1 that the sum tolerance lets in (entropy([1.0000000005]) = -7.2e-10 bit, found by fuzzing).
  // + 0.0: never -0.
  return Result<double>::success(std::max(0.0, pass.value / divisor) + 0.0);
}

// ---------------------------------------------------------------------------------------------
// Per-outcome terms (info_terms): scalar versions of the kernels' element formulas.

// ln(q/p) for finite p, q > 0 (subnormals included), as the KL kernel forms it: q/p = 2^k mq/mp'
// with the mantissas aligned within sqrt(2) (mq - mp' exact), ln(mq/mp') = s(2 + R(s^2)) for
// s = (mq - mp')/(mq + mp'). For k = 0 (q/p within sqrt(2) of 1) that is the whole logarithm, a
// product of accurate factors: relative error a few ulps however close q is to p. Elsewhere
// |ln(q/p)| >= 0.34 and the sum k ln 2 + s(2 + R) loses at most two bits. No q/p is formed.
double log_ratio(double p, double q) {
  int ep = 0, eq = 0;
  double mp = 2.0 * std::frexp(p, &ep);  // in [1, 2); exact, subnormals included
  const double mq = 2.0 * std::frexp(q, &eq);
  double k = static_cast<double>(eq - ep);
  if (mq > mp * kSqrt2) {  // q/p = 2^(k+1) mq/(2 mp)
    mp *= 2.0;
    k += 1.0;
  } else if (mq * kSqrt2 < mp) {  // q/p = 2^(k-1) mq/(mp/2)
    mp *= 0.5;
    k -= 1.0;
  }
  const double s = (mq - mp) / (mq + mp);
  const double tail = s * (2.0 + log_poly(s * s));
  if (k == 0.0) return tail;
  return k * kLn2Hi + (k * kLn2Lo + tail);
}

// -log2(x) for x > 0 (fdlibm's log on the bit pattern; the kernels' formula).
inline double minus_log2(double x) { return -fast_log2(x) + 0.0; }

}  // namespace

Result<InfoTerms> info_terms(const std::vector<double>& p, const std::vector<double>* q, const Options& options) {
  using R = Result<InfoTerms>;
  Result<Prepared> prepared = prepare(p, q, options);
  if (!prepared) return R::failure(prepared);
  Prepared& prep = prepared.value();
  const std::size_t n = prep.p().size();
  InfoTerms out;
  // Totals first, by the very code of entropy(), cross_entropy() and kl_divergence(): the same
  // validation (P's elements and sum, then Q's), the same passes, the same conversion to the base.
  if (q) {
    const PassResult cross = cross_entropy_pass(prep.p(), prep.q());
    const Result<double> ce = finish(prep, cross, prep.log2_base);
    if (!ce) return R::failure(ce);
    out.cross_entropy = *ce;
    out.kl = kl_pass(prep.p(), prep.q()).value / prep.ln_base + 0.0;
  } else {
    const Result<double> h = finish(prep, entropy_pass(prep.p()), prep.log2_base);
    if (!h) return R::failure(h);
  }
  out.entropy = std::max(0.0, entropy_pass(prep.p()).value / prep.log2_base) + 0.0;  // as finish()

  // The rows: the kernels' element formulas, scaled by 2^64 where the kernels scale (exact for
  // these values), so that each row is the term its total adds.
  const std::vector<double>& pv = prep.p();
  out.surprisal_p.resize(n);
  out.entropy_terms.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double x = pv[i];
    if (x > 0.0) {
      const double bits = minus_log2(x);
      out.surprisal_p[i] = bits / prep.log2_base + 0.0;
      out.entropy_terms[i] = (((x * kUp) * bits) * kDown) / prep.log2_base + 0.0;
    } else {
      out.surprisal_p[i] = HUGE_VAL;
      out.entropy_terms[i] = 0.0;
    }
  }
  if (q) {
    const std::vector<double>& qv = prep.q();
    out.surprisal_q.resize(n);
    out.cross_terms.resize(n);
    out.kl_terms.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      const double x = pv[i], y = qv[i];
      const double bits_q = y > 0.0 ? minus_log2(y) : HUGE_VAL;
      out.surprisal_q[i] = y > 0.0 ? bits_q / prep.log2_base + 0.0 : HUGE_VAL;
      if (!(x > 0.0)) {  // a term with p = 0 contributes 0 whatever q is
        out.cross_terms[i] = 0.0;
        out.kl_terms[i] = 0.0;
      } else if (y == 0.0) {  // q = 0 where p > 0
        out.cross_terms[i] = HUGE_VAL;
        out.kl_terms[i] = HUGE_VAL;
      } else {
        out.cross_terms[i] = (((x * kUp) * bits_q) * kDown) / prep.log2_base + 0.0;
        out.kl_terms[i] = -(x * log_ratio(x, y)) / prep.ln_base + 0.0;
      }
    }
  }
  if (prep.normalized) {
    out.p = std::move(prep.p_held);
    if (q) out.q = std::move(prep.q_held);
  } else {
    out.p = p;
    if (q) out.q = *q;
  }
  return R::success(std::move(out));
}

// -------------------------------------------------------------------------------------------
// Public API.

Result<double> log_of_base(double base) {
  // Bases in (0, 1) are refused too: they flip the sign of every result, and a ruler whose
  // information and KL can be negative contradicts everything the page teaches.
  if (!(base > kBaseLowerBound) || !(base <= DBL_MAX))
    return Result<double>::failure(Error{ErrorCode::BAD_BASE,
                                         message("The logarithm base $ is not allowed; use a finite number greater "
                                                 "than 1 (2 for bits, e for nats, 10 for hartleys).",
                                                 {base}),
                                         "BASE_RANGE", kBaseLowerBound});
  if (base == 2.0) return Result<double>::success(kLn2);
  return Result<double>::success(math::log(base));
}

Result<double> surprisal(double p, double base) {
  const Result<double> lb = log_of_base(base);
  if (!lb) return lb;
  if (std::isnan(p) || std::isinf(p))
    return Result<double>::failure(ErrorCode::NOT_FINITE, message("The probability $ is not a finite number.", {p}));
  if (p < 0.0)
    return Result<double>::failure(Error{
        ErrorCode::NEGATIVE, message("The probability $ is negative; it must be in [0, 1].", {p}), "NEGATIVE", 0.0});
  if (p > 1.0)
    return Result<double>::failure(Error{ErrorCode::OUT_OF_RANGE,
                                         message("The probability $ is greater than 1; it must be in [0, 1].", {p}),
                                         "ABOVE_ONE", 1.0});
  if (p == 0.0) return Result<double>::success(HUGE_VAL);
  // Exact for powers of the base (1/1024 -> 10 bit); + 0.0 turns -0 into +0 at p = 1.
  double value;
  if (base == 2.0) value = -math::log2(p);
  else if (base == 10.0) value = -std::log10(p);
  else value = -math::log(p) / lb.value();
  return Result<double>::success(value + 0.0);
}

Result<std::vector<double>> normalize(const std::vector<double>& weights) {
  return normalize_named(weights, "P");
}

Result<double> weight_sum(const std::vector<double>& weights) {
  if (weights.empty())
    return Result<double>::failure(ErrorCode::EMPTY, "P has no outcomes; give at least one.");
  const Scan sc = scan(weights);
  if (!sc.ok) return element_error<double>(weights, sc.bad_index, "P");
  return Result<double>::success(sc.sum);
}

Result<double> validate_distribution(const std::vector<double>& p) { return check_distribution(p, "P"); }

Result<const std::vector<double>*> distribution_in_use(const std::vector<double>& p, bool normalize,
                                                       std::vector<double>& rescaled) {
  using R = Result<const std::vector<double>*>;
  if (!normalize) {
    const Result<double> check = check_distribution(p, "P");
    if (!check) return R::failure(check);
    return R::success(&p);
  }
  Result<std::vector<double>> r = normalize_named(p, "P");
  if (!r) return R::failure(r);
  rescaled = std::move(r.value());
  return R::success(&rescaled);
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
