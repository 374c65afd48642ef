// fdlibm's log and log2 (see elementary.hpp), from musl's log_small.c and log2_small.c:
//
// origin: FreeBSD /usr/src/lib/msun/src/e_log.c and e_log2.c
// ====================================================
// Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
//
// Developed at SunSoft, a Sun Microsystems, Inc. business.
// Permission to use, copy, modify, and distribute this
// software is freely granted, provided that this notice
// is preserved.
// ====================================================
// (musl: Copyright (c) 2005-2020 Rich Felker, et al., MIT licence.)
//
// Method: x = 2^k (1 + f) with 1 + f in [sqrt(2)/2, sqrt(2)); log(1 + f) = 2s + s R(s^2) for
// s = f / (2 + f), R a degree-14 Remez polynomial (error below 2^-58.45); log x = k ln 2 +
// log(1 + f) with ln 2 split so that k ln2_hi is exact. log2 evaluates f - f^2/2 in extra
// precision (a Dekker split) and adds k last, so that arguments near 1, sqrt(2) and sqrt(2)/2 lose
// nothing to cancellation.
#include "bitruler/elementary.hpp"

#include <cstdint>
#include <cstring>

namespace bitruler::math {
namespace {

constexpr double kLg1 = 6.666666666666735130e-01;  // 3FE55555 55555593
constexpr double kLg2 = 3.999999999940941908e-01;  // 3FD99999 9997FA04
constexpr double kLg3 = 2.857142874366239149e-01;  // 3FD24924 94229359
constexpr double kLg4 = 2.222219843214978396e-01;  // 3FCC71C5 1D8E78AF
constexpr double kLg5 = 1.818357216161805012e-01;  // 3FC74664 96CB03DE
constexpr double kLg6 = 1.531383769920937332e-01;  // 3FC39A09 D078C69F
constexpr double kLg7 = 1.479819860511658591e-01;  // 3FC2F112 DF3E5244

std::uint64_t bits(double x) {
  std::uint64_t u;
  std::memcpy(&u, &x, sizeof u);
  return u;
}
double from_bits(std::uint64_t u) {
  double x;
  std::memcpy(&x, &u, sizeof x);
  return x;
}

// The common reduction: x = 2^k (1 + f), f returned, hfsq = f^2/2, s = f/(2 + f), R = R(s^2).
// Special values (0, negative, NaN, infinity, 1) are answered in `special` instead.
struct Reduced {
  double f, hfsq, s, r;
  int k;
};
bool reduce(double x, Reduced& out, double& special) {
  std::uint64_t u = bits(x);
  std::uint32_t hx = static_cast<std::uint32_t>(u >> 32);
  int k = 0;
  if (hx < 0x00100000 || hx >> 31) {
    if (u << 1 == 0) {
      special = -1 / (x * x);  // log(+-0) = -infinity
      return false;
    }
    if (hx >> 31) {
      special = (x - x) / 0.0;  // log(-x) = NaN
      return false;
    }
    k -= 54;  // subnormal: scale x up
    x *= 0x1p54;
    u = bits(x);
    hx = static_cast<std::uint32_t>(u >> 32);
  } else if (hx >= 0x7ff00000) {
    special = x;  // +infinity, NaN
    return false;
  } else if (hx == 0x3ff00000 && u << 32 == 0) {
    special = 0;
    return false;
  }
  // reduce x into [sqrt(2)/2, sqrt(2)]
  hx += 0x3ff00000 - 0x3fe6a09e;
  k += static_cast<int>(hx >> 20) - 0x3ff;
  hx = (hx & 0x000fffff) + 0x3fe6a09e;
  x = from_bits(static_cast<std::uint64_t>(hx) << 32 | (u & 0xffffffff));
  const double f = x - 1.0;
  const double s = f / (2.0 + f);
  const double z = s * s;
  const double w = z * z;
  const double t1 = w * (kLg2 + w * (kLg4 + w * kLg6));
  const double t2 = z * (kLg1 + w * (kLg3 + w * (kLg5 + w * kLg7)));
  out = Reduced{f, 0.5 * f * f, s, t2 + t1, k};
  return true;
}

}  // namespace

double log(double x) {
  constexpr double kLn2Hi = 6.93147180369123816490e-01;  // 3fe62e42 fee00000
  constexpr double kLn2Lo = 1.90821492927058770002e-10;  // 3dea39ef 35793c76
  Reduced r;
  double special;
  if (!reduce(x, r, special)) return special;
  const double dk = r.k;
  return r.s * (r.hfsq + r.r) + dk * kLn2Lo - r.hfsq + r.f + dk * kLn2Hi;
}

double log2(double x) {
  constexpr double kInvLn2Hi = 1.44269504072144627571e+00;  // 0x3ff71547, 0x65200000
  constexpr double kInvLn2Lo = 1.67517131648865118353e-10;  // 0x3de705fc, 0x2eefa200
  Reduced r;
  double special;
  if (!reduce(x, r, special)) return special;
  // hi + lo = f - hfsq + s (hfsq + R) ~ log(1 + f), hi with its low 32 bits cleared
  const double hi = from_bits(bits(r.f - r.hfsq) & (~std::uint64_t{0} << 32));
  const double lo = r.f - hi - r.hfsq + r.s * (r.hfsq + r.r);
  double val_hi = hi * kInvLn2Hi;
  double val_lo = (lo + hi) * kInvLn2Lo + lo * kInvLn2Hi;
  // y + val_hi normalized (Dekker), then the low part
  const double y = r.k;
  const double w = y + val_hi;
  val_lo += (y - w) + val_hi;
  val_hi = w;
  return val_lo + val_hi;
}

}  // namespace bitruler::math
