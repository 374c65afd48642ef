// The core's own log, log2, exp, erf and erfc (elementary.hpp): within 1 ulp of glibc's for log,
// log2 and exp (both are below 1 ulp of the true value, so they differ by at most 1 ulp), within a
// few of glibc's erf and erfc (the same fdlibm algorithm, with a different exp inside), exact
// where exactness is promised, and the C library's special values.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#include "bitruler/elementary.hpp"
#include "bitruler/random.hpp"

namespace {

// Distance in ulps between two finite doubles of the same sign.
std::int64_t ulps(double a, double b) {
  std::int64_t ia, ib;
  std::memcpy(&ia, &a, sizeof a);
  std::memcpy(&ib, &b, sizeof b);
  if ((ia < 0) != (ib < 0)) return a == b ? 0 : std::numeric_limits<std::int64_t>::max();
  return ia > ib ? ia - ib : ib - ia;
}

}  // namespace

TEST_CASE("math::log and math::log2 agree with glibc's within 1 ulp on 2 million doubles") {
  bitruler::Rng rng(7);
  std::int64_t worst_log = 0, worst_log2 = 0;
  std::size_t same_log = 0, same_log2 = 0, n = 0;
  for (int i = 0; i < 2000000; ++i) {
    double x;
    // Every positive double (subnormals included) half the time, [0.5, 2] (near 1, sqrt(2),
    // sqrt(2)/2: the cancellations) the other half.
    if (i % 2 == 0) {
      const std::uint64_t b = rng.next_u64() >> 2 | 1;  // below +infinity's bit pattern
      std::memcpy(&x, &b, sizeof x);
    } else {
      x = 0.5 + 1.5 * rng.next_double();
    }
    if (!(x > 0) || !std::isfinite(x)) continue;
    ++n;
    const std::int64_t dl = ulps(bitruler::math::log(x), std::log(x));
    const std::int64_t d2 = ulps(bitruler::math::log2(x), std::log2(x));
    worst_log = dl > worst_log ? dl : worst_log;
    worst_log2 = d2 > worst_log2 ? d2 : worst_log2;
    same_log += dl == 0;
    same_log2 += d2 == 0;
  }
  MESSAGE("log: " << same_log << " of " << n << " bit-equal to glibc; log2: " << same_log2);
  CHECK(worst_log <= 1);
  CHECK(worst_log2 <= 1);
}

TEST_CASE("math::log and math::log2: exact values and the C library's special values") {
  using bitruler::math::log;
  using bitruler::math::log2;
  CHECK(log(1.0) == 0.0);
  CHECK_FALSE(std::signbit(log(1.0)));
  CHECK(log2(1.0) == 0.0);
  for (int k = -1074; k <= 1023; ++k) {
    CAPTURE(k);
    REQUIRE(log2(std::ldexp(1.0, k)) == k);
  }
  CHECK(log2(1.0 / 1024) == -10);
  const double inf = std::numeric_limits<double>::infinity();
  for (const double zero : {0.0, -0.0}) {
    CHECK(log(zero) == -inf);
    CHECK(log2(zero) == -inf);
  }
  CHECK(std::isnan(log(-1.0)));
  CHECK(std::isnan(log2(-1e-300)));
  CHECK(std::isnan(log(std::nan(""))));
  CHECK(log(inf) == inf);
  CHECK(log2(inf) == inf);
  CHECK(std::isnan(log(-inf)));
  CHECK(log(std::exp(1.0)) == std::log(std::exp(1.0)));
  CHECK(log(2.0) == 0x1.62e42fefa39efp-1);
}

TEST_CASE("math::exp within 1 ulp of glibc's, math::erf and math::erfc within 4 ulps, on a million doubles") {
  bitruler::Rng rng(11);
  std::int64_t worst_exp = 0, worst_erf = 0, worst_erfc = 0;
  for (int i = 0; i < 1000000; ++i) {
    const double x = (i % 2 == 0) ? -745.5 + 1455.5 * rng.next_double()  // the whole range of exp
                                  : -30.0 + 60.0 * rng.next_double();    // where erf and erfc vary
    const std::int64_t de = ulps(bitruler::math::exp(x), std::exp(x));
    const std::int64_t df = ulps(bitruler::math::erf(x), std::erf(x));
    const double c = std::erfc(x);
    const std::int64_t dc = c == 0 ? (bitruler::math::erfc(x) == 0 ? 0 : 99) : ulps(bitruler::math::erfc(x), c);
    worst_exp = de > worst_exp ? de : worst_exp;
    worst_erf = df > worst_erf ? df : worst_erf;
    worst_erfc = dc > worst_erfc ? dc : worst_erfc;
  }
  MESSAGE("worst ulps: exp " << worst_exp << ", erf " << worst_erf << ", erfc " << worst_erfc);
  CHECK(worst_exp <= 1);
  CHECK(worst_erf <= 4);
  CHECK(worst_erfc <= 4);
}

TEST_CASE("math::exp, math::erf, math::erfc: exact values and special values") {
  using bitruler::math::erf;
  using bitruler::math::erfc;
  using bitruler::math::exp;
  const double inf = std::numeric_limits<double>::infinity();
  CHECK(exp(0.0) == 1.0);
  CHECK(exp(-0.0) == 1.0);
  CHECK(exp(inf) == inf);
  CHECK(exp(-inf) == 0.0);
  CHECK(exp(710.0) == inf);
  CHECK(exp(-746.0) == 0.0);
  CHECK(std::isnan(exp(std::nan(""))));
  CHECK(exp(-745.0) > 0.0);  // the smallest subnormal's neighbourhood
  CHECK(erf(0.0) == 0.0);
  CHECK(erf(inf) == 1.0);
  CHECK(erf(-inf) == -1.0);
  CHECK(erfc(0.0) == 1.0);
  CHECK(erfc(inf) == 0.0);
  CHECK(erfc(-inf) == 2.0);
  CHECK(erfc(30.0) == 0.0);
  CHECK(std::isnan(erf(std::nan(""))));
  CHECK(std::isnan(erfc(std::nan(""))));
}
