#include <doctest/doctest.h>

#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include "bitruler/format.hpp"
#include "bitruler/random.hpp"

using bitruler::format_number;
using bitruler::hex_digits;

TEST_CASE("numbers in messages read as people write them") {
  CHECK(format_number(0.1) == "0.1");
  CHECK(format_number(0.5) == "0.5");
  CHECK(format_number(3) == "3");
  CHECK(format_number(-2) == "-2");
  CHECK(format_number(1.5) == "1.5");
  CHECK(format_number(1024) == "1024");
  CHECK(format_number(0.0808) == "0.0808");
  CHECK(format_number(1e-3) == "0.001");
  CHECK(format_number(1e-5) == "1e-05");
  CHECK(format_number(1e21) == "1e+21");
  CHECK(format_number(1e308) == "1e+308");
  CHECK(format_number(123456789) == "123456789");
  CHECK(format_number(1.0 / 3) == "0.3333333333333333");
  CHECK(format_number(0.0) == "0");
  CHECK(format_number(-0.0) == "-0");
  CHECK(format_number(NAN) == "NaN");
  CHECK(format_number(HUGE_VAL) == "infinity");
  CHECK(format_number(-HUGE_VAL) == "-infinity");
}

TEST_CASE("every formatted number reads back as the same double") {
  SUBCASE("extremes") {
    for (const double x : {DBL_MAX, DBL_MIN, 4.9406564584124654e-324, 2.2250738585072009e-308,
                           1.0 + DBL_EPSILON, 1.0 - DBL_EPSILON / 2, 0.1 + 0.2, 9007199254740993.0}) {
      CAPTURE(x);
      CHECK(std::strtod(format_number(x).c_str(), nullptr) == x);
    }
  }
  SUBCASE("the doubles next to every power of ten (a rounding carry: 9.9999999999999991e-05)") {
    CHECK(format_number(9.9999999999999991e-05) == "9.999999999999999e-05");
    for (int k = -320; k <= 308; ++k) {
      const double p = std::strtod(("1e" + std::to_string(k)).c_str(), nullptr);
      for (const double x : {std::nextafter(p, 0.0), p, std::nextafter(p, DBL_MAX)}) {
        if (!(x > 0) || !std::isfinite(x)) continue;
        const std::string text = format_number(x);
        CAPTURE(text);
        REQUIRE(std::strtod(text.c_str(), nullptr) == x);
      }
    }
  }
  SUBCASE("random bit patterns") {
    bitruler::Rng rng(2026);
    int checked = 0;
    for (int i = 0; i < 20000; ++i) {
      const std::uint64_t bits = rng.next_u64();
      double x;
      std::memcpy(&x, &bits, sizeof x);
      if (!std::isfinite(x)) continue;
      const std::string text = format_number(x);
      CAPTURE(text);
      REQUIRE(std::strtod(text.c_str(), nullptr) == x);
      REQUIRE(text.size() <= 24);
      ++checked;
    }
    CHECK(checked > 19000);
  }
}

TEST_CASE("hexadecimal codes are padded and upper-case") {
  CHECK(hex_digits(0x7, 2) == "07");
  CHECK(hex_digits(0xFF, 2) == "FF");
  CHECK(hex_digits(0x200B, 4) == "200B");
  CHECK(hex_digits(0x1F600, 4) == "1F600");
  CHECK(hex_digits(0, 4) == "0000");
}
