// fdlibm's log, log2, exp, erf and erfc (see elementary.hpp), from musl's log_small.c,
// log2_small.c, erf.c and (before musl's 2018 rewrite) exp.c:
//
// origin: FreeBSD /usr/src/lib/msun/src/e_log.c, e_log2.c, e_exp.c, s_erf.c
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
//
// exp: x = k ln 2 + r with |r| <= ln 2 / 2 (ln 2 split, k ln2_hi exact), e^r by a degree-5 Remez
// polynomial in r^2 (R1 = r - r^2 P(r^2), e^r = 1 + r + r R1 / (2 - R1)), then 2^k.
// erf, erfc: rational approximations on [0, 0.84375), [0.84375, 1.25), [1.25, 1/0.35), [1/0.35,
// 28), and erfc(x) = exp(-x^2 - 0.5625 + R/S) / x beyond 1.25, with x^2 split so that no digit is
// lost to the exponential's argument.
#include "bitruler/elementary.hpp"

#include <cmath>
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

double exp(double x) {
  constexpr double kHalf[2] = {0.5, -0.5};
  constexpr double kLn2Hi = 6.93147180369123816490e-01;   // 0x3fe62e42, 0xfee00000
  constexpr double kLn2Lo = 1.90821492927058770002e-10;   // 0x3dea39ef, 0x35793c76
  constexpr double kInvLn2 = 1.44269504088896338700e+00;  // 0x3ff71547, 0x652b82fe
  constexpr double kP1 = 1.66666666666666019037e-01;      // 0x3FC55555, 0x5555553E
  constexpr double kP2 = -2.77777777770155933842e-03;     // 0xBF66C16C, 0x16BEBD93
  constexpr double kP3 = 6.61375632143793436117e-05;      // 0x3F11566A, 0xAF25DE2C
  constexpr double kP4 = -1.65339022054652515390e-06;     // 0xBEBBBD41, 0xC5D26BF1
  constexpr double kP5 = 4.13813679705723846039e-08;      // 0x3E663769, 0x72BEA4D0
  std::uint32_t hx = static_cast<std::uint32_t>(bits(x) >> 32);
  const int sign = static_cast<int>(hx >> 31);
  hx &= 0x7fffffff;  // high word of |x|
  if (hx >= 0x4086232b) {  // |x| >= 708.39...
    if (x != x) return x;  // NaN
    if (x > 709.782712893383973096) return x * 0x1p1023;  // overflow (inf stays inf)
    if (x < -745.13321910194110842) return 0;             // underflow (-inf too)
  }
  double hi, lo;
  int k;
  if (hx > 0x3fd62e42) {  // |x| > ln 2 / 2
    if (hx >= 0x3ff0a2b2) {  // |x| >= 1.5 ln 2
      k = static_cast<int>(kInvLn2 * x + kHalf[sign]);
    } else {
      k = 1 - sign - sign;
    }
    hi = x - k * kLn2Hi;  // k ln2_hi is exact here
    lo = k * kLn2Lo;
    x = hi - lo;
  } else if (hx > 0x3e300000) {  // |x| > 2^-28
    k = 0;
    hi = x;
    lo = 0;
  } else {
    return 1 + x;
  }
  const double xx = x * x;
  const double c = x - xx * (kP1 + xx * (kP2 + xx * (kP3 + xx * (kP4 + xx * kP5))));
  const double y = 1 + (x * c / (2 - c) - lo + hi);
  return k == 0 ? y : std::scalbn(y, k);
}

namespace {

constexpr double kErx = 8.45062911510467529297e-01;  // 0x3FEB0AC1, 0x60000000
// erf on [0, 0.84375]
constexpr double kEfx8 = 1.02703333676410069053e+00;  // 0x3FF06EBA, 0x8214DB69
constexpr double kPp0 = 1.28379167095512558561e-01;   // 0x3FC06EBA, 0x8214DB68
constexpr double kPp1 = -3.25042107247001499370e-01;  // 0xBFD4CD7D, 0x691CB913
constexpr double kPp2 = -2.84817495755985104766e-02;  // 0xBF9D2A51, 0xDBD7194F
constexpr double kPp3 = -5.77027029648944159157e-03;  // 0xBF77A291, 0x236668E4
constexpr double kPp4 = -2.37630166566501626084e-05;  // 0xBEF8EAD6, 0x120016AC
constexpr double kQq1 = 3.97917223959155352819e-01;   // 0x3FD97779, 0xCDDADC09
constexpr double kQq2 = 6.50222499887672944485e-02;   // 0x3FB0A54C, 0x5536CEBA
constexpr double kQq3 = 5.08130628187576562776e-03;   // 0x3F74D022, 0xC4D36B0F
constexpr double kQq4 = 1.32494738004321644526e-04;   // 0x3F215DC9, 0x221C1A10
constexpr double kQq5 = -3.96022827877536812320e-06;  // 0xBED09C43, 0x42A26120
// erf on [0.84375, 1.25]
constexpr double kPa0 = -2.36211856075265944077e-03;  // 0xBF6359B8, 0xBEF77538
constexpr double kPa1 = 4.14856118683748331666e-01;   // 0x3FDA8D00, 0xAD92B34D
constexpr double kPa2 = -3.72207876035701323847e-01;  // 0xBFD7D240, 0xFBB8C3F1
constexpr double kPa3 = 3.18346619901161753674e-01;   // 0x3FD45FCA, 0x805120E4
constexpr double kPa4 = -1.10894694282396677476e-01;  // 0xBFBC6398, 0x3D3E28EC
constexpr double kPa5 = 3.54783043256182359371e-02;   // 0x3FA22A36, 0x599795EB
constexpr double kPa6 = -2.16637559486879084300e-03;  // 0xBF61BF38, 0x0A96073F
constexpr double kQa1 = 1.06420880400844228286e-01;   // 0x3FBB3E66, 0x18EEE323
constexpr double kQa2 = 5.40397917702171048937e-01;   // 0x3FE14AF0, 0x92EB6F33
constexpr double kQa3 = 7.18286544141962662868e-02;   // 0x3FB2635C, 0xD99FE9A7
constexpr double kQa4 = 1.26171219808761642112e-01;   // 0x3FC02660, 0xE763351F
constexpr double kQa5 = 1.36370839120290507362e-02;   // 0x3F8BEDC2, 0x6B51DD1C
constexpr double kQa6 = 1.19844998467991074170e-02;   // 0x3F888B54, 0x5735151D
// erfc on [1.25, 1/0.35]
constexpr double kRa0 = -9.86494403484714822705e-03;  // 0xBF843412, 0x600D6435
constexpr double kRa1 = -6.93858572707181764372e-01;  // 0xBFE63416, 0xE4BA7360
constexpr double kRa2 = -1.05586262253232909814e+01;  // 0xC0251E04, 0x41B0E726
constexpr double kRa3 = -6.23753324503260060396e+01;  // 0xC04F300A, 0xE4CBA38D
constexpr double kRa4 = -1.62396669462573470355e+02;  // 0xC0644CB1, 0x84282266
constexpr double kRa5 = -1.84605092906711035994e+02;  // 0xC067135C, 0xEBCCABB2
constexpr double kRa6 = -8.12874355063065934246e+01;  // 0xC0545265, 0x57E4D2F2
constexpr double kRa7 = -9.81432934416914548592e+00;  // 0xC023A0EF, 0xC69AC25C
constexpr double kSa1 = 1.96512716674392571292e+01;   // 0x4033A6B9, 0xBD707687
constexpr double kSa2 = 1.37657754143519042600e+02;   // 0x4061350C, 0x526AE721
constexpr double kSa3 = 4.34565877475229228821e+02;   // 0x407B290D, 0xD58A1A71
constexpr double kSa4 = 6.45387271733267880336e+02;   // 0x40842B19, 0x21EC2868
constexpr double kSa5 = 4.29008140027567833386e+02;   // 0x407AD021, 0x57700314
constexpr double kSa6 = 1.08635005541779435134e+02;   // 0x405B28A3, 0xEE48AE2C
constexpr double kSa7 = 6.57024977031928170135e+00;   // 0x401A47EF, 0x8E484A93
constexpr double kSa8 = -6.04244152148580987438e-02;  // 0xBFAEEFF2, 0xEE749A62
// erfc on [1/0.35, 28]
constexpr double kRb0 = -9.86494292470009928597e-03;  // 0xBF843412, 0x39E86F4A
constexpr double kRb1 = -7.99283237680523006574e-01;  // 0xBFE993BA, 0x70C285DE
constexpr double kRb2 = -1.77579549177547519889e+01;  // 0xC031C209, 0x555F995A
constexpr double kRb3 = -1.60636384855821916062e+02;  // 0xC064145D, 0x43C5ED98
constexpr double kRb4 = -6.37566443368389627722e+02;  // 0xC083EC88, 0x1375F228
constexpr double kRb5 = -1.02509513161107724954e+03;  // 0xC0900461, 0x6A2E5992
constexpr double kRb6 = -4.83519191608651397019e+02;  // 0xC07E384E, 0x9BDC383F
constexpr double kSb1 = 3.03380607434824582924e+01;   // 0x403E568B, 0x261D5190
constexpr double kSb2 = 3.25792512996573918826e+02;   // 0x40745CAE, 0x221B9F0A
constexpr double kSb3 = 1.53672958608443695994e+03;   // 0x409802EB, 0x189D5118
constexpr double kSb4 = 3.19985821950859553908e+03;   // 0x40A8FFB7, 0x688C246A
constexpr double kSb5 = 2.55305040643316442583e+03;   // 0x40A3F219, 0xCEDF3BE6
constexpr double kSb6 = 4.74528541206955367215e+02;   // 0x407DA874, 0xE79FE763
constexpr double kSb7 = -2.24409524465858183362e+01;  // 0xC03670E2, 0x42712D62

double erfc1(double x) {
  const double s = std::fabs(x) - 1;
  const double p = kPa0 + s * (kPa1 + s * (kPa2 + s * (kPa3 + s * (kPa4 + s * (kPa5 + s * kPa6)))));
  const double q = 1 + s * (kQa1 + s * (kQa2 + s * (kQa3 + s * (kQa4 + s * (kQa5 + s * kQa6)))));
  return 1 - kErx - p / q;
}

// erfc(|x|) for 0.84375 <= |x| < 28 (ix: the high word of |x|).
double erfc2(std::uint32_t ix, double x) {
  if (ix < 0x3ff40000) return erfc1(x);  // |x| < 1.25
  x = std::fabs(x);
  const double s = 1 / (x * x);
  double r, t;
  if (ix < 0x4006db6d) {  // |x| < 1/0.35 ~ 2.85714
    r = kRa0 + s * (kRa1 + s * (kRa2 + s * (kRa3 + s * (kRa4 + s * (kRa5 + s * (kRa6 + s * kRa7))))));
    t = 1.0 + s * (kSa1 + s * (kSa2 + s * (kSa3 + s * (kSa4 + s * (kSa5 + s * (kSa6 + s * (kSa7 + s * kSa8)))))));
  } else {  // |x| > 1/0.35
    r = kRb0 + s * (kRb1 + s * (kRb2 + s * (kRb3 + s * (kRb4 + s * (kRb5 + s * kRb6)))));
    t = 1.0 + s * (kSb1 + s * (kSb2 + s * (kSb3 + s * (kSb4 + s * (kSb5 + s * (kSb6 + s * kSb7))))));
  }
  const double z = from_bits(bits(x) & 0xffffffff00000000ull);  // x with its low word cleared
  return exp(-z * z - 0.5625) * exp((z - x) * (z + x) + r / t) / x;
}

// r/s of erf on [0, 0.84375): erf(x) = x + x r/s there.
double erf_small(double z) {
  const double r = kPp0 + z * (kPp1 + z * (kPp2 + z * (kPp3 + z * kPp4)));
  const double s = 1.0 + z * (kQq1 + z * (kQq2 + z * (kQq3 + z * (kQq4 + z * kQq5))));
  return r / s;
}

}  // namespace

double erf(double x) {
  std::uint32_t ix = static_cast<std::uint32_t>(bits(x) >> 32);
  const int sign = static_cast<int>(ix >> 31);
  ix &= 0x7fffffff;
  if (ix >= 0x7ff00000) return 1 - 2 * sign + 1 / x;  // erf(nan) = nan, erf(+-inf) = +-1
  if (ix < 0x3feb0000) {  // |x| < 0.84375
    if (ix < 0x3e300000) return 0.125 * (8 * x + kEfx8 * x);  // |x| < 2^-28: avoid underflow
    return x + x * erf_small(x * x);
  }
  const double y = ix < 0x40180000 ? 1 - erfc2(ix, x) : 1 - 0x1p-1022;  // |x| < 6, or beyond
  return sign ? -y : y;
}

double erfc(double x) {
  std::uint32_t ix = static_cast<std::uint32_t>(bits(x) >> 32);
  const int sign = static_cast<int>(ix >> 31);
  ix &= 0x7fffffff;
  if (ix >= 0x7ff00000) return 2 * sign + 1 / x;  // erfc(nan) = nan, erfc(+-inf) = 0, 2
  if (ix < 0x3feb0000) {  // |x| < 0.84375
    if (ix < 0x3c700000) return 1.0 - x;  // |x| < 2^-56
    const double y = erf_small(x * x);
    if (sign || ix < 0x3fd00000) return 1.0 - (x + x * y);  // x < 1/4
    return 0.5 - (x - 0.5 + x * y);
  }
  if (ix < 0x403c0000) return sign ? 2 - erfc2(ix, x) : erfc2(ix, x);  // 0.84375 <= |x| < 28
  return sign ? 2 - 0x1p-1022 : 0x1p-1022 * 0x1p-1022;
}

}  // namespace bitruler::math
