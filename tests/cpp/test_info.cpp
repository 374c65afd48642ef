// The information core: the article's numbers, identities, conventions, bases and every refusal.
// Reference values here are closed forms or computed with python3-mpmath (mp.dps = 50) as noted;
// the bulk comparison against mpmath lives in test_fixtures.cpp.
#include <doctest/doctest.h>

#include <cfloat>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "bitruler/info.hpp"

using bitruler::ErrorCode;
using bitruler::Options;

namespace {

const double kE = 2.718281828459045;  // Math.E: the base a reader passes for nats

double value_of(const bitruler::Result<double>& r) {
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? std::string() : r.error().message));
  return r.value();
}

template <class T>
std::string code_of(const bitruler::Result<T>& r) {
  REQUIRE_FALSE(r.ok());
  return bitruler::error_code_name(r.error().code);
}

// Deterministic distribution for identities: weights 1..n in a scrambled order, normalized.
std::vector<double> sample_distribution(std::size_t n, std::uint32_t seed) {
  std::vector<double> w(n);
  std::uint64_t x = seed;
  double total = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    x = (48271 * x) % 2147483647;
    w[i] = static_cast<double>(x % 1000 + 1);
    total += w[i];
  }
  for (double& v : w) v /= total;
  return w;
}

}  // namespace

TEST_CASE("the article's numbers") {
  SUBCASE("China winning the World Cup, p = 1/1024, carries exactly 10 bits") {
    CHECK(value_of(bitruler::surprisal(1.0 / 1024)) == 10.0);
  }
  SUBCASE("Argentina winning, p = 1/8, carries exactly 3 bits") {
    CHECK(value_of(bitruler::surprisal(1.0 / 8)) == 3.0);
  }
  SUBCASE("entropy of eight equal teams is 3 bits") {
    CHECK(value_of(bitruler::entropy(std::vector<double>(8, 0.125))) == doctest::Approx(3.0).epsilon(1e-15));
  }
  SUBCASE("France 0.99 against China 0.01 has entropy 0.0808 bits") {
    const double h = value_of(bitruler::entropy({0.99, 0.01}));
    CHECK(std::round(h * 1e4) / 1e4 == 0.0808);
    // mpmath: -(0.99*log2(0.99) + 0.01*log2(0.01)) on the doubles 0.99 and 0.01
    CHECK(h == doctest::Approx(0.0807931358959112).epsilon(1e-14));
  }
  SUBCASE("information of independent events adds: I(A and B) = I(A) + I(B)") {
    // A: Argentina reaches the final (1/2); B: wins it given that (1/4).
    const double pa = 0.5, pb = 0.25;
    const double both = value_of(bitruler::surprisal(pa * pb));
    CHECK(both == value_of(bitruler::surprisal(pa)) + value_of(bitruler::surprisal(pb)));
    CHECK(both == 3.0);
    // Not only for powers of two: p = 0.3 and 0.7, to rounding.
    CHECK(value_of(bitruler::surprisal(0.3 * 0.7)) ==
          doctest::Approx(value_of(bitruler::surprisal(0.3)) + value_of(bitruler::surprisal(0.7)))
              .epsilon(1e-15));
  }
}

TEST_CASE("surprisal conventions: I(1) = 0, I(0) = infinity, decreasing in p") {
  CHECK(value_of(bitruler::surprisal(1.0)) == 0.0);
  CHECK_FALSE(std::signbit(value_of(bitruler::surprisal(1.0))));
  CHECK(value_of(bitruler::surprisal(0.0)) == HUGE_VAL);
  CHECK(value_of(bitruler::surprisal(0.0, kE)) == HUGE_VAL);
  CHECK(value_of(bitruler::surprisal(5e-324)) == 1074.0);  // the smallest subnormal is 2^-1074
  double previous = HUGE_VAL;
  for (double p = 1e-12; p <= 1.0; p *= 1.7) {
    const double i = value_of(bitruler::surprisal(p));
    CHECK(i < previous);
    previous = i;
  }
}

TEST_CASE("bases: bits, nats and hartleys are the same quantity in different units") {
  const std::vector<double> p = {0.5, 0.25, 0.125, 0.125};  // H = 1.75 bit exactly
  const std::vector<double> q = {0.25, 0.25, 0.25, 0.25};
  SUBCASE("entropy") {
    CHECK(value_of(bitruler::entropy(p)) == doctest::Approx(1.75).epsilon(1e-15));
    CHECK(value_of(bitruler::entropy(p, {kE})) == doctest::Approx(1.75 * std::log(2.0)).epsilon(1e-15));
    CHECK(value_of(bitruler::entropy(p, {10.0})) == doctest::Approx(1.75 * std::log10(2.0)).epsilon(1e-15));
  }
  SUBCASE("surprisal") {
    CHECK(value_of(bitruler::surprisal(0.001, 10.0)) == 3.0);
    CHECK(value_of(bitruler::surprisal(1.0 / kE / kE, kE)) == doctest::Approx(2.0).epsilon(1e-15));
    CHECK(value_of(bitruler::surprisal(1.0 / 81, 3.0)) == doctest::Approx(4.0).epsilon(1e-15));
    // A base below 1 would flip the sign (-log_{1/2}(1/4) = -2), so it is refused.
    CHECK(code_of(bitruler::surprisal(0.25, 0.5)) == "BAD_BASE");
    CHECK(value_of(bitruler::surprisal(0.25, 1.0 + 0x1p-40)) > 0.0);
  }
  SUBCASE("cross-entropy and KL convert by the same factor") {
    const double ce_bits = value_of(bitruler::cross_entropy(p, q));
    const double kl_bits = value_of(bitruler::kl_divergence(p, q));
    CHECK(ce_bits == doctest::Approx(2.0).epsilon(1e-15));  // every q = 1/4
    CHECK(kl_bits == doctest::Approx(0.25).epsilon(1e-15));
    for (const double base : {kE, 10.0, 3.0, 1.5}) {
      CAPTURE(base);
      const double factor = std::log(2.0) / std::log(base);
      CHECK(value_of(bitruler::cross_entropy(p, q, {base})) == doctest::Approx(ce_bits * factor).epsilon(1e-14));
      CHECK(value_of(bitruler::kl_divergence(p, q, {base})) == doctest::Approx(kl_bits * factor).epsilon(1e-14));
    }
  }
  SUBCASE("log_of_base returns ln(base)") {
    CHECK(value_of(bitruler::log_of_base(2.0)) == std::log(2.0));
    CHECK(value_of(bitruler::log_of_base(kE)) == doctest::Approx(1.0).epsilon(1e-16));
    CHECK(value_of(bitruler::log_of_base(10.0)) == std::log(10.0));
  }
}

TEST_CASE("identities: H(P,Q) = H(P) + D(P||Q), H <= log n, D >= 0, D(P||P) = 0") {
  for (const std::size_t n : {2u, 3u, 10u, 257u, 5000u}) {
    for (std::uint32_t seed = 1; seed <= 5; ++seed) {
      CAPTURE(n);
      CAPTURE(seed);
      const std::vector<double> p = sample_distribution(n, seed);
      const std::vector<double> q = sample_distribution(n, seed + 100);
      const double h = value_of(bitruler::entropy(p));
      const double ce = value_of(bitruler::cross_entropy(p, q));
      const double kl = value_of(bitruler::kl_divergence(p, q));
      CHECK(ce == doctest::Approx(h + kl).epsilon(1e-13));
      CHECK(h <= std::log2(static_cast<double>(n)));
      CHECK(h > 0.0);
      CHECK(kl > 0.0);
      CHECK(ce >= h);  // Gibbs
      CHECK(value_of(bitruler::kl_divergence(p, p)) == 0.0);
      CHECK(value_of(bitruler::cross_entropy(p, p)) == doctest::Approx(h).epsilon(1e-15));
    }
  }
  SUBCASE("H = log n exactly at the uniform distribution") {
    CHECK(value_of(bitruler::entropy(std::vector<double>(1024, 1.0 / 1024))) ==
          doctest::Approx(10.0).epsilon(1e-15));
  }
}

TEST_CASE("entropy and cross-entropy are never negative, also for an entry just above 1 within the sum tolerance") {
  // an entry 1 + 5e-10 passes the sum check (tolerance 1e-9); its term -p log p is -7.2e-10 bit
  const std::vector<double> p{1.0000000005};
  const auto h = bitruler::entropy(p);
  REQUIRE(h);
  CHECK(*h == 0.0);
  CHECK_FALSE(std::signbit(*h));
  const auto ce = bitruler::cross_entropy(p, p);
  REQUIRE(ce);
  CHECK(*ce == 0.0);
  const std::vector<double> three{8.5e-314, 2e-314, 1 + 1.4e-14};
  CHECK(*bitruler::entropy(three) >= 0.0);
  const auto terms = bitruler::info_terms(p, nullptr);
  REQUIRE(terms);
  CHECK(terms->entropy == *h);
}

TEST_CASE("KL is never negative and reaches exactly 0 as Q is dragged onto P") {
  // Q moves towards P in steps that halve the distance, each Q exactly representable and summing
  // to exactly 1: D falls monotonically and ends at exactly 0, never below.
  const std::vector<double> p = {0.125, 0.25, 0.375, 0.25};
  double previous = HUGE_VAL;
  for (int k = 0; k <= 48; ++k) {
    const double d = std::ldexp(1.0, -4 - k);
    const std::vector<double> q = {0.125 + d, 0.25 - d, 0.375 + d, 0.25 - d};
    const double kl = value_of(bitruler::kl_divergence(p, q));
    CAPTURE(k);
    CHECK(kl > 0.0);
    CHECK(kl < previous);
    // For small d, D = sum d^2 / (2 p) / ln 2 to relative O(d).
    const double quadratic = d * d * (1 / 0.125 + 1 / 0.25 + 1 / 0.375 + 1 / 0.25) / 2 / std::log(2.0);
    if (k >= 20) CHECK(kl == doctest::Approx(quadratic).epsilon(1e-5));
    previous = kl;
  }
  CHECK(value_of(bitruler::kl_divergence(p, p)) == 0.0);
  CHECK_FALSE(std::signbit(value_of(bitruler::kl_divergence(p, p))));
  SUBCASE("Q that sums to 1 only within rounding: still never negative") {
    for (int k = 0; k <= 60; ++k) {
      const double d = std::ldexp(0.05, -k);
      const std::vector<double> p2 = {0.1, 0.2, 0.3, 0.4};
      const std::vector<double> q2 = {0.1 + d, 0.2 - d, 0.3 + d, 0.4 - d};
      CAPTURE(k);
      CHECK(value_of(bitruler::kl_divergence(p2, q2)) >= 0.0);
      CHECK(value_of(bitruler::kl_divergence(q2, p2)) >= 0.0);
    }
  }
}

TEST_CASE("KL of nearly identical distributions keeps every digit") {
  // P = [1/2, 1/2], Q = [1/2 + 2^-30, 1/2 - 2^-30]. Exact: D = -(1/2) ln(1 - 2^-58) in nats,
  // = 2^-59 + 2^-117/2 + ... ; mpmath: 2.50267695610540444651794251605e-18 bit.
  const double d = std::ldexp(1.0, -30);
  const double kl = value_of(bitruler::kl_divergence({0.5, 0.5}, {0.5 + d, 0.5 - d}));
  CHECK(kl == doctest::Approx(2.50267695610540444651794251605e-18).epsilon(1e-14));
  const double kl_nats = value_of(bitruler::kl_divergence({0.5, 0.5}, {0.5 + d, 0.5 - d}, {kE}));
  CHECK(kl_nats == doctest::Approx(-0.5 * std::log1p(-std::ldexp(1.0, -58))).epsilon(1e-14));
  // The naive form is wrong in every digit here: H(P,Q) = 1 + 2.5e-18 rounds to 1 = H(P).
  const double naive = value_of(bitruler::cross_entropy({0.5, 0.5}, {0.5 + d, 0.5 - d})) -
                       value_of(bitruler::entropy({0.5, 0.5}));
  CHECK(naive == 0.0);
  CHECK(kl > 0.0);
}

TEST_CASE("zero conventions: 0 log 0 = 0, p = 0 ignores q, q = 0 where p > 0 is infinite") {
  SUBCASE("entropy ignores zero outcomes") {
    CHECK(value_of(bitruler::entropy({0.5, 0.0, 0.5, 0.0})) == doctest::Approx(1.0).epsilon(1e-15));
    CHECK(value_of(bitruler::entropy({1.0})) == 0.0);
    CHECK(value_of(bitruler::entropy({0.0, 1.0, 0.0})) == 0.0);
  }
  SUBCASE("a term with p = 0 contributes nothing whatever q is") {
    CHECK(value_of(bitruler::cross_entropy({0.0, 1.0}, {0.0, 1.0})) == 0.0);
    CHECK(value_of(bitruler::kl_divergence({0.0, 1.0}, {0.0, 1.0})) == 0.0);
    // q puts mass where p has none: D = 1 * log2(1 / 0.5) = 1.
    CHECK(value_of(bitruler::kl_divergence({0.0, 1.0}, {0.5, 0.5})) == doctest::Approx(1.0).epsilon(1e-15));
  }
  SUBCASE("q = 0 where p > 0 makes H(P,Q) and D(P||Q) +infinity, a value, not an error") {
    CHECK(value_of(bitruler::cross_entropy({0.5, 0.5}, {1.0, 0.0})) == HUGE_VAL);
    CHECK(value_of(bitruler::kl_divergence({0.5, 0.5}, {1.0, 0.0})) == HUGE_VAL);
    CHECK(value_of(bitruler::kl_divergence({0.5, 0.5}, {1.0, 0.0}, {kE, true})) == HUGE_VAL);
    // Long inputs reach the scalar pass for the rare case too.
    std::vector<double> p(1000, 0.001), q(1000, 0.001);
    q[777] = 0.0;
    q[0] = 0.002;
    CHECK(value_of(bitruler::kl_divergence(p, q)) == HUGE_VAL);
    CHECK(value_of(bitruler::cross_entropy(p, q)) == HUGE_VAL);
    CHECK(value_of(bitruler::kl_divergence(q, p)) < HUGE_VAL);
  }
}

TEST_CASE("inputs within 1e-9 of sum 1 are used exactly as given") {
  // 0.5 + (0.5 + 5e-10) sums to 1 + 5e-10: accepted, and not rescaled: the entropy is that of
  // the numbers as typed, -0.5 log2 0.5 - (0.5 + 5e-10) log2(0.5 + 5e-10) (mpmath).
  const double h = value_of(bitruler::entropy({0.5, 0.5 + 5e-10}));
  CHECK(h == doctest::Approx(0.99999999977865246088).epsilon(1e-14));
  CHECK(h != 1.0);  // a silent rescale would give exactly 1
  const auto as_given = bitruler::as_distribution({0.5, 0.5 + 5e-10}, false);
  REQUIRE(as_given.ok());
  CHECK(as_given.value() == std::vector<double>{0.5, 0.5 + 5e-10});
  CHECK(code_of(bitruler::entropy({0.5, 0.5 + 2e-9})) == "NOT_NORMALIZED");
}

TEST_CASE("normalize rescales weights of any finite magnitude") {
  SUBCASE("weights 2, 1, 1 become 1/2, 1/4, 1/4") {
    const auto n = bitruler::normalize({2.0, 1.0, 1.0});
    REQUIRE(n.ok());
    CHECK(n.value() == std::vector<double>{0.5, 0.25, 0.25});
    CHECK(value_of(bitruler::entropy({2.0, 1.0, 1.0}, {2.0, true})) == doctest::Approx(1.5).epsilon(1e-15));
  }
  SUBCASE("two weights of 1e308 give exactly 1 bit (their sum overflows a double)") {
    const auto n = bitruler::as_distribution({1e308, 1e308}, true);
    REQUIRE(n.ok());
    CHECK(n.value() == std::vector<double>{0.5, 0.5});
    CHECK(value_of(bitruler::entropy({1e308, 1e308}, {2.0, true})) == 1.0);
    CHECK(value_of(bitruler::entropy({DBL_MAX, DBL_MAX, DBL_MAX, DBL_MAX}, {2.0, true})) == 2.0);
  }
  SUBCASE("subnormal weights too") {
    CHECK(value_of(bitruler::entropy({5e-324, 5e-324}, {2.0, true})) == 1.0);
    const auto n = bitruler::normalize({5e-324, 1.5e-323});  // 1 : 3
    REQUIRE(n.ok());
    CHECK(n.value() == std::vector<double>{0.25, 0.75});
  }
  SUBCASE("huge P against subnormal Q, both normalized") {
    // P -> [1/2, 1/2], Q -> [1/4, 3/4]: D = 1/2 log2 2 + 1/2 log2 (2/3).
    const double kl = value_of(bitruler::kl_divergence({1e308, 1e308}, {5e-324, 1.5e-323}, {2.0, true}));
    CHECK(kl == doctest::Approx(0.5 + 0.5 * std::log2(2.0 / 3.0)).epsilon(1e-14));
  }
  SUBCASE("without normalize, unnormalized weights are refused, not rescaled") {
    CHECK(code_of(bitruler::entropy({2.0, 1.0, 1.0})) == "NOT_NORMALIZED");
    CHECK(code_of(bitruler::entropy({1e308, 1e308})) == "NOT_NORMALIZED");
    CHECK(bitruler::entropy({1e308, 1e308}).error().message.find("largest double") != std::string::npos);
  }
}

TEST_CASE("p/q beyond the double range still gives the right finite KL") {
  // P = [1/2, 1/2], Q = [1 - 2^-1074 (= 1), 2^-1074]: p/q = 2^1073 overflows.
  // D = 1/2 log2(1/2) + 1/2 log2(2^1073) = -1/2 + 1073/2 = 536 bits, exactly.
  const double kl = value_of(bitruler::kl_divergence({0.5, 0.5}, {1.0, 5e-324}));
  CHECK(kl == doctest::Approx(536.0).epsilon(1e-15));
  // Reverse: q/p overflows. D = 1 * log2(1 / 0.5) + 2^-1074 * log2(2^-1074 / 0.5): 1 bit.
  CHECK(value_of(bitruler::kl_divergence({1.0, 5e-324}, {0.5, 0.5})) == doctest::Approx(1.0).epsilon(1e-15));
  // Cross-entropy with a subnormal q: -1/2 log2(1) - 1/2 log2(2^-1074) = 537.
  CHECK(value_of(bitruler::cross_entropy({0.5, 0.5}, {1.0, 5e-324})) == doctest::Approx(537.0).epsilon(1e-15));
}

TEST_CASE("subnormal probabilities keep their share of the entropy") {
  // P = [1/2, 1/2 - 3t, t, t, t] with t = 2^-1030 (subnormal).
  const double t = std::ldexp(1.0, -1030);
  const double h = value_of(bitruler::entropy({0.5, 0.5 - 3 * t, t, t, t}));
  CHECK(h == 1.0);  // the tail adds ~3e-307 bit: below half an ulp of 1
  // Alone, the tail's terms are tiny but exact: P = [1, t, t] (sum rounds to 1).
  const double tail = value_of(bitruler::entropy({1.0, t, t}));
  CHECK(tail == doctest::Approx(2.0 * 1030.0 * t).epsilon(1e-13));
}

TEST_CASE("long inputs: every lane, block and tail path agrees with a scalar reference") {
  // Sizes around the vector block boundaries (16 lanes x 32) with a long double reference.
  for (const std::size_t n : {1u, 15u, 16u, 17u, 511u, 512u, 513u, 1000u, 4099u}) {
    CAPTURE(n);
    const std::vector<double> p = sample_distribution(n, 7);
    const std::vector<double> q = sample_distribution(n, 8);
    long double h = 0, ce = 0, kl = 0;
    for (std::size_t i = 0; i < n; ++i) {
      h -= p[i] * std::log2l(p[i]);
      ce -= p[i] * std::log2l(q[i]);
      kl += p[i] * std::log2l(static_cast<long double>(p[i]) / q[i]);
    }
    CHECK(value_of(bitruler::entropy(p)) == doctest::Approx(static_cast<double>(h)).epsilon(1e-14));
    CHECK(value_of(bitruler::cross_entropy(p, q)) == doctest::Approx(static_cast<double>(ce)).epsilon(1e-14));
    if (n > 1) CHECK(value_of(bitruler::kl_divergence(p, q)) == doctest::Approx(static_cast<double>(kl)).epsilon(1e-12));
  }
}

TEST_CASE("every refusal has its code and a message naming the offending value") {
  SUBCASE("EMPTY") {
    CHECK(code_of(bitruler::entropy({})) == "EMPTY");
    CHECK(code_of(bitruler::cross_entropy({}, {})) == "EMPTY");
    CHECK(code_of(bitruler::kl_divergence({1.0}, {})) == "EMPTY");
    CHECK(code_of(bitruler::normalize({})) == "EMPTY");
    CHECK(code_of(bitruler::as_distribution({}, false)) == "EMPTY");
    CHECK(bitruler::kl_divergence({1.0}, {}).error().message.find("Q") != std::string::npos);
  }
  SUBCASE("NOT_FINITE") {
    const auto r = bitruler::entropy({0.5, NAN, 0.5});
    CHECK(code_of(r) == "NOT_FINITE");
    CHECK(r.error().message.find("P[1]") != std::string::npos);
    CHECK(code_of(bitruler::entropy({HUGE_VAL, 0.5})) == "NOT_FINITE");
    CHECK(code_of(bitruler::entropy({-HUGE_VAL, 0.5})) == "NOT_FINITE");
    CHECK(code_of(bitruler::surprisal(NAN)) == "NOT_FINITE");
    CHECK(code_of(bitruler::surprisal(HUGE_VAL)) == "NOT_FINITE");
    CHECK(code_of(bitruler::normalize({1.0, NAN})) == "NOT_FINITE");
    const auto q = bitruler::kl_divergence({0.5, 0.5}, {NAN, 1.0});
    CHECK(code_of(q) == "NOT_FINITE");
    CHECK(q.error().message.find("Q[0]") != std::string::npos);
  }
  SUBCASE("NEGATIVE") {
    const auto r = bitruler::entropy({0.5, 0.7, -0.2});  // sums to 1: only the sign is wrong
    CHECK(code_of(r) == "NEGATIVE");
    CHECK(r.error().message.find("P[2]") != std::string::npos);
    CHECK(r.error().message.find("-0.2") != std::string::npos);
    CHECK(code_of(bitruler::surprisal(-0.1)) == "NEGATIVE");
    CHECK(code_of(bitruler::cross_entropy({0.5, 0.5}, {1.5, -0.5})) == "NEGATIVE");
    CHECK(code_of(bitruler::normalize({1.0, -1e-300})) == "NEGATIVE");
    // A negative far inside a long input, found past the vector loop.
    std::vector<double> long_p(5000, 1.0 / 5000);
    long_p[4321] = -1e-300;
    const auto lr = bitruler::entropy(long_p);
    CHECK(code_of(lr) == "NEGATIVE");
    CHECK(lr.error().message.find("P[4321]") != std::string::npos);
  }
  SUBCASE("NOT_NORMALIZED") {
    const auto r = bitruler::entropy({0.5, 0.6});
    CHECK(code_of(r) == "NOT_NORMALIZED");
    CHECK(r.error().message.find("1.1") != std::string::npos);
    CHECK(code_of(bitruler::kl_divergence({0.5, 0.5}, {0.5, 0.25})) == "NOT_NORMALIZED");
    CHECK(bitruler::kl_divergence({0.5, 0.5}, {0.5, 0.25}).error().message.find("Q") != std::string::npos);
    CHECK(code_of(bitruler::as_distribution({2.0, 1.0, 1.0}, false)) == "NOT_NORMALIZED");
  }
  SUBCASE("LENGTH_MISMATCH") {
    const auto r = bitruler::cross_entropy({0.5, 0.5}, {1.0});
    CHECK(code_of(r) == "LENGTH_MISMATCH");
    CHECK(r.error().message.find("2") != std::string::npos);
    CHECK(code_of(bitruler::kl_divergence({1.0}, {0.5, 0.5})) == "LENGTH_MISMATCH");
  }
  SUBCASE("OUT_OF_RANGE") {
    CHECK(code_of(bitruler::surprisal(1.5)) == "OUT_OF_RANGE");
    CHECK(code_of(bitruler::surprisal(1.0 + DBL_EPSILON)) == "OUT_OF_RANGE");
    CHECK(code_of(bitruler::normalize({0.0, 0.0})) == "OUT_OF_RANGE");
    CHECK(code_of(bitruler::entropy({0.0}, {2.0, true})) == "OUT_OF_RANGE");
    CHECK(code_of(bitruler::kl_divergence({1.0, 1.0}, {0.0, 0.0}, {2.0, true})) == "OUT_OF_RANGE");
  }
  SUBCASE("BAD_BASE") {
    for (const double base : {1.0, 0.5, 0.0, -2.0, HUGE_VAL, -HUGE_VAL, static_cast<double>(NAN)}) {
      CAPTURE(base);
      CHECK(code_of(bitruler::log_of_base(base)) == "BAD_BASE");
      CHECK(code_of(bitruler::surprisal(0.5, base)) == "BAD_BASE");
      CHECK(code_of(bitruler::entropy({0.5, 0.5}, {base})) == "BAD_BASE");
      CHECK(code_of(bitruler::cross_entropy({0.5, 0.5}, {0.5, 0.5}, {base})) == "BAD_BASE");
      CHECK(code_of(bitruler::kl_divergence({0.5, 0.5}, {0.5, 0.5}, {base})) == "BAD_BASE");
    }
  }
  SUBCASE("every code has a stable name") {
    CHECK(std::string(bitruler::error_code_name(ErrorCode::EMPTY)) == "EMPTY");
    CHECK(std::string(bitruler::error_code_name(ErrorCode::TYPE)) == "TYPE");
    CHECK(std::string(bitruler::error_code_name(ErrorCode::NOT_FINITE)) == "NOT_FINITE");
    CHECK(std::string(bitruler::error_code_name(ErrorCode::NEGATIVE)) == "NEGATIVE");
    CHECK(std::string(bitruler::error_code_name(ErrorCode::NOT_NORMALIZED)) == "NOT_NORMALIZED");
    CHECK(std::string(bitruler::error_code_name(ErrorCode::LENGTH_MISMATCH)) == "LENGTH_MISMATCH");
    CHECK(std::string(bitruler::error_code_name(ErrorCode::OUT_OF_RANGE)) == "OUT_OF_RANGE");
    CHECK(std::string(bitruler::error_code_name(ErrorCode::BAD_BASE)) == "BAD_BASE");
    CHECK(std::string(bitruler::error_code_name(ErrorCode::PARSE)) == "PARSE");
  }
  SUBCASE("the first problem in index order is the one reported") {
    const auto r = bitruler::entropy({-1.0, NAN, 2.0});
    CHECK(code_of(r) == "NEGATIVE");
    CHECK(r.error().message.find("P[0]") != std::string::npos);
    // P is checked before Q.
    CHECK(bitruler::kl_divergence({0.5, 0.6}, {NAN, 1.0}).error().message.find("P sums") != std::string::npos);
  }
}

TEST_CASE("rare outcomes inside long inputs are each counted once") {
  // Regular outcomes plus, at scattered places, subnormal p or q and ratios q/p at the edge of
  // the normal range (2^-1022 exactly, just below it, and overflowing), so the vector loop and
  // the scalar pass must split the work exactly. Reference: long double (range to 1e-4951).
  const std::size_t n = 3000;
  std::vector<double> p = sample_distribution(n, 11), q = sample_distribution(n, 12);
  const double tiny_values[] = {std::ldexp(1.0, -1023), std::ldexp(1.0, -1024),
                                std::ldexp(1.0, -1060), 5e-324, std::ldexp(1.0, -1000)};
  for (std::size_t k = 0; k < 5; ++k) {
    const std::size_t i = 37 + 401 * k, j = 211 + 389 * k;
    q[i] = tiny_values[k];          // q/p near or below DBL_MIN for p ~ 1/3000
    p[j] = tiny_values[k];          // subnormal or tiny p: q/p overflows or is huge
  }
  p[5] = 0.0;  // and a p = 0 with q > 0
  // Give the removed mass back to one regular outcome, so both sum to 1 within rounding.
  double sp = 0, sq = 0;
  for (std::size_t i = 0; i < n; ++i) {
    sp += p[i];
    sq += q[i];
  }
  p[1] += 1.0 - sp;
  q[2] += 1.0 - sq;
  long double h = 0, ce = 0, kl = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (p[i] == 0) continue;
    h -= p[i] * std::log2l(p[i]);
    ce -= p[i] * std::log2l(q[i]);
    kl += p[i] * (std::log2l(p[i]) - std::log2l(q[i]));
  }
  CHECK(value_of(bitruler::entropy(p)) == doctest::Approx(static_cast<double>(h)).epsilon(1e-14));
  CHECK(value_of(bitruler::cross_entropy(p, q)) == doctest::Approx(static_cast<double>(ce)).epsilon(1e-14));
  CHECK(value_of(bitruler::kl_divergence(p, q)) == doctest::Approx(static_cast<double>(kl)).epsilon(1e-12));
}

TEST_CASE("KL of P and Q a few ulps apart is the tiny positive number it is, not 0 (mpmath)") {
  // P = [s, s, 1 - 2s], Q = [next(s), prev(s), 1 - 2s]: both sum to the same double; the exact
  // D is s ln(s/next(s)) + s ln(s/prev(s)) ~ s * 2^-105. References: mpmath, 60 digits, in bits.
  struct Case {
    double s;
    double bits;
  };
  for (const Case c : {Case{1e-200, 3.0350144057720549e-232}, Case{1e-280, 2.1587535440803226e-312}}) {
    CAPTURE(c.s);
    const std::vector<double> p = {c.s, c.s, 1 - 2 * c.s};
    const std::vector<double> q = {std::nextafter(c.s, 1.0), std::nextafter(c.s, 0.0), 1 - 2 * c.s};
    const double d = value_of(bitruler::kl_divergence(p, q));
    CHECK(d > 0.0);
    // Relative, not doctest::Approx (whose default scale makes any two numbers below 1e-12 "equal").
    CHECK(std::fabs(d - c.bits) <= 1e-12 * c.bits);
  }
  const double u = std::ldexp(1.0, -53);
  const double halves = value_of(bitruler::kl_divergence({0.5, 0.5}, {0.5 + u, 0.5 - u}));
  const double halves_bits = 3.5565178622297885e-32;  // mpmath (terms.json: few-ulps/halves), in bits
  CHECK(std::fabs(halves - halves_bits) <= 1e-12 * halves_bits);
}

TEST_CASE("refusals of the information core carry their reason, limit and index") {
  const auto base = bitruler::entropy({0.5, 0.5}, Options{0.5, false});
  CHECK(base.error().reason == "BASE_RANGE");
  CHECK(base.error().limit == bitruler::kBaseLowerBound);
  const auto sum = bitruler::entropy({0.5, 0.6});
  CHECK(sum.error().code == ErrorCode::NOT_NORMALIZED);
  CHECK(sum.error().reason == "SUM_NOT_ONE");
  CHECK(sum.error().limit == bitruler::kSumTolerance);
  const auto element = bitruler::kl_divergence({0.5, 0.5}, {0.5, -0.5, 1.0});
  CHECK(element.error().code == ErrorCode::LENGTH_MISMATCH);
  const auto negative = bitruler::cross_entropy({0.25, 0.75}, {1.5, -0.5});
  CHECK(negative.error().code == ErrorCode::NEGATIVE);
  CHECK(negative.error().index == 1);
  CHECK(negative.error().limit == 0.0);
  const auto nan = bitruler::entropy({0.5, NAN, 0.5});
  CHECK(nan.error().index == 1);
  CHECK(bitruler::surprisal(1.5).error().reason == "ABOVE_ONE");
  CHECK(bitruler::surprisal(1.5).error().limit == 1.0);
  CHECK(bitruler::entropy({0.0, 0.0}, Options{2.0, true}).error().reason == "ALL_ZERO");
  CHECK(bitruler::validate_distribution({0.5, 0.6}).error().reason == "SUM_NOT_ONE");
  CHECK(bitruler::validate_distribution({0.5, 0.5}).value() == 1.0);
  CHECK(bitruler::weight_sum({3.0, 4.0}).value() == 7.0);
  CHECK(bitruler::weight_sum({3.0, -4.0}).error().index == 1);
}
