// The core's own log and log2 (elementary.hpp): within 1 ulp of glibc's (both are below 1 ulp of
// the true value, so they differ by at most 1 ulp), exact where exactness is promised, and the
// C library's special values.
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
