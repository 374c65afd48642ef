// Distribution families on the integers and the KL ruler between them.
// Reference values marked "mpmath" were computed at 50 digits with python3-mpmath:
//   Poisson pmf as exp(k log l - l - loggamma(k+1)); Gaussian bins as
//   (erfc((k-1/2-mu)/(s sqrt2)) - erfc((k+1/2-mu)/(s sqrt2)))/2 (ncdf differences for k < mu);
//   KL sums term by term over the support.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <tuple>
#include <vector>

#include "bitruler/families.hpp"

using namespace bitruler;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

double sum_of(const std::vector<double>& v) {
  long double s = 0;
  for (double x : v) s += x;
  return static_cast<double>(s);
}

double exact_poisson(int k, double lambda) {
  double p = std::exp(-lambda);
  for (int i = 1; i <= k; ++i) p *= lambda / i;
  return p;
}

// Golden-section search for the minimum of a unimodal f on [a, b].
template <class F>
double golden_min(F f, double a, double b) {
  const double g = (std::sqrt(5.0) - 1) / 2;
  double c = b - g * (b - a), d = a + g * (b - a);
  double fc = f(c), fd = f(d);
  for (int i = 0; i < 200 && b - a > 1e-12 * (1 + std::fabs(a)); ++i) {
    if (fc < fd) { b = d; d = c; fd = fc; c = b - g * (b - a); fc = f(c); }
    else { a = c; c = d; fc = fd; d = a + g * (b - a); fd = f(d); }
  }
  return (a + b) / 2;
}

Family ok(Result<Family> r) {
  REQUIRE(r.ok());
  return *r;
}

}  // namespace

TEST_CASE("Poisson masses match the factorial formula and sum to 1") {
  for (double lambda : {0.5, 4.0, 30.0}) {
    CAPTURE(lambda);
    const Family f = ok(poisson(lambda));
    for (int k = 0; k <= 40; ++k) {
      CAPTURE(k);
      CHECK(std::exp(log_pmf(f, k)) == doctest::Approx(exact_poisson(k, lambda)).epsilon(1e-13));
    }
    auto p = pmf(f);
    REQUIRE(p.ok());
    CHECK(p->first >= 0);
    CHECK(sum_of(p->mass) == doctest::Approx(1.0).epsilon(1e-14));
  }
  SUBCASE("the far tail is still a finite logarithm (mpmath)") {
    CHECK(log_pmf(ok(poisson(0.5)), 30) == doctest::Approx(-95.952651765628523668).epsilon(1e-13));
  }
  SUBCASE("lambda = 0 is the point mass at 0") {
    const Family f = ok(poisson(0.0));
    CHECK(log_pmf(f, 0) == 0.0);
    CHECK(log_pmf(f, 1) == -kInf);
  }
  CHECK(log_pmf(ok(poisson(3.0)), -1) == -kInf);
}

TEST_CASE("Poisson with lambda = 1e6 and 1e8 neither overflows nor loses accuracy") {
  // lgamma may differ by ulps between glibc and musl: tolerances, not bit equality.
  const Family f = ok(poisson(1e6));
  CHECK(std::exp(log_pmf(f, 1000000)) == doctest::Approx(0.0003989422471562440297).epsilon(1e-12));
  CHECK(std::exp(log_pmf(f, 1003000)) == doctest::Approx(4.4451435818791036548e-6).epsilon(1e-11));
  auto p = pmf(f);
  REQUIRE(p.ok());
  CHECK(p->mass.size() < 20000);
  CHECK(sum_of(p->mass) == doctest::Approx(1.0).epsilon(1e-13));
  for (double m : p->mass) CHECK_FALSE(std::isnan(m));
  CHECK(std::exp(log_pmf(ok(poisson(1e8)), 100000000)) == doctest::Approx(0.000039894228006898077774).epsilon(1e-11));
  CHECK(mean(f) == 1e6);
}

TEST_CASE("a Gaussian discretized to integer bins accounts for all of its mass") {
  SUBCASE("bin masses from erfc (mpmath)") {
    CHECK(std::exp(log_pmf(ok(gaussian(0, 1)), 0)) == doctest::Approx(0.38292492254802620728).epsilon(1e-14));
    CHECK(std::exp(log_pmf(ok(gaussian(2.3, 0.7)), 5)) == doctest::Approx(0.00083411530901297863074).epsilon(1e-12));
  }
  SUBCASE("far-tail bins keep a finite logarithm where the mass underflows (mpmath)") {
    const Family f = ok(gaussian(0, 1));
    CHECK(std::exp(log_pmf(f, 40)) == 0.0);
    CHECK(log_pmf(f, 40) == doctest::Approx(-784.72087910431757721).epsilon(1e-12));
    CHECK(log_pmf(f, -60) == doctest::Approx(-1775.1301971124937011).epsilon(1e-12));
  }
  SUBCASE("masses sum to 1, the tails folded into the end bins") {
    for (double sigma : {0.01, 0.3, 1.0, 7.5, 1000.0}) {
      for (double mu : {0.0, 0.5, -3.2, 12345.678}) {
        CAPTURE(sigma);
        CAPTURE(mu);
        auto p = pmf(ok(gaussian(mu, sigma)));
        REQUIRE(p.ok());
        CHECK(sum_of(p->mass) == doctest::Approx(1.0).epsilon(1e-14));
      }
    }
  }
  SUBCASE("the end bins hold the tails: bin lo is (-inf, lo + 1/2)") {
    auto p = pmf(ok(gaussian(0, 1)));
    REQUIRE(p.ok());
    const double lo = static_cast<double>(p->first);
    CHECK(lo <= -8.6);
    CHECK(p->mass.front() == doctest::Approx(0.5 * std::erfc(-(lo + 0.5) / std::sqrt(2.0))).epsilon(1e-14));
    CHECK(p->mass.front() > std::exp(log_pmf(ok(gaussian(0, 1)), p->first)));
    // Symmetric about 0.
    CHECK(p->mass.front() == doctest::Approx(p->mass.back()).epsilon(1e-14));
  }
  SUBCASE("restricted to the natural numbers it renormalizes") {
    for (double mu : {-20.0, -0.5, 0.0, 3.0, 50.0}) {
      CAPTURE(mu);
      const Family f = ok(gaussian(mu, 2.0, true));
      auto p = pmf(f);
      REQUIRE(p.ok());
      CHECK(p->first >= 0);
      CHECK(p->first == (mu < 10 ? 0 : p->first));
      CHECK(sum_of(p->mass) == doctest::Approx(1.0).epsilon(1e-14));
      CHECK(log_pmf(f, -1) == -kInf);
    }
  }
  SUBCASE("the discretized mean is the mean of the bins") {
    CHECK(mean(ok(gaussian(3.0, 1.0))) == doctest::Approx(3.0).epsilon(1e-15));
    // E[K] = sum_{k>=1} P(K >= k) - sum_{k>=1} P(K <= -k), with P(K >= k) = P(X >= k - 1/2).
    const double mu = 0.3, sigma = 0.2;
    double tails = 0;
    for (int k = 1; k < 10; ++k) {
      tails += 0.5 * std::erfc((k - 0.5 - mu) / (sigma * std::sqrt(2.0)));
      tails -= 0.5 * std::erfc((mu + k - 0.5) / (sigma * std::sqrt(2.0)));
    }
    CHECK(mean(ok(gaussian(mu, sigma))) == doctest::Approx(tails).epsilon(1e-13));
  }
}

TEST_CASE("binomial and geometric masses") {
  const Family b = ok(binomial(10, 0.3));
  double c = 1;  // C(10, k)
  for (int k = 0; k <= 10; ++k) {
    CHECK(std::exp(log_pmf(b, k)) == doctest::Approx(c * std::pow(0.3, k) * std::pow(0.7, 10 - k)).epsilon(1e-13));
    c = c * (10 - k) / (k + 1);
  }
  CHECK(log_pmf(b, 11) == -kInf);
  CHECK(sum_of(pmf(b)->mass) == doctest::Approx(1.0).epsilon(1e-14));
  CHECK(std::exp(log_pmf(ok(binomial(1e6, 0.3)), 300000)) == doctest::Approx(0.00087056315463668078156).epsilon(1e-11));
  CHECK(sum_of(pmf(ok(binomial(1e6, 0.3)))->mass) == doctest::Approx(1.0).epsilon(1e-13));

  const Family g = ok(geometric(0.25));
  for (int k = 0; k < 30; ++k) CHECK(std::exp(log_pmf(g, k)) == doctest::Approx(0.25 * std::pow(0.75, k)).epsilon(1e-13));
  CHECK(sum_of(pmf(g)->mass) == doctest::Approx(1.0).epsilon(1e-14));
  CHECK(mean(g) == doctest::Approx(3.0));
}

TEST_CASE("KL between families on the integers") {
  SUBCASE("identical distributions: exactly 0") {
    CHECK(*kl_divergence(ok(poisson(7)), ok(poisson(7))) == 0.0);
    CHECK(*kl_divergence(ok(gaussian(1, 2)), ok(gaussian(1, 2))) == 0.0);
    CHECK(*kl_divergence(ok(binomial(20, 0.4)), ok(binomial(20, 0.4))) == 0.0);
  }
  SUBCASE("Poisson against Poisson: a log(a/b) - a + b nats") {
    for (auto [a, b] : {std::pair{4.0, 6.0}, {6.0, 4.0}, {100.0, 100.5}, {1e6, 1.001e6}}) {
      CAPTURE(a);
      CAPTURE(b);
      const double nats = a * std::log(a / b) - a + b;
      CHECK(*kl_divergence(ok(poisson(a)), ok(poisson(b)), std::exp(1.0)) == doctest::Approx(nats).epsilon(1e-10));
      CHECK(*kl_divergence(ok(poisson(a)), ok(poisson(b)), 2.0) == doctest::Approx(nats / std::log(2.0)).epsilon(1e-10));
    }
  }
  SUBCASE("geometric against geometric: log(p1/p2) + (q1/p1) log(q1/q2) nats") {
    const double p1 = 0.3, p2 = 0.5, q1 = 0.7, q2 = 0.5;
    const double nats = std::log(p1 / p2) + q1 / p1 * std::log(q1 / q2);
    CHECK(*kl_divergence(ok(geometric(p1)), ok(geometric(p2)), std::exp(1.0)) == doctest::Approx(nats).epsilon(1e-12));
  }
  SUBCASE("not symmetric") {
    const double d1 = *kl_divergence(ok(poisson(2)), ok(poisson(8)));
    const double d2 = *kl_divergence(ok(poisson(8)), ok(poisson(2)));
    CHECK(d1 != doctest::Approx(d2));
  }
  SUBCASE("a Gaussian on all integers against a Poisson is infinite; the reverse is finite") {
    CHECK(*kl_divergence(ok(gaussian(10, 2)), ok(poisson(10))) == kInf);
    const double reverse = *kl_divergence(ok(poisson(10)), ok(gaussian(10, 2)));
    CHECK(std::isfinite(reverse));
    CHECK(reverse > 0);
  }
  SUBCASE("a Gaussian restricted to the naturals against a Poisson (mpmath)") {
    CHECK(*kl_divergence(ok(gaussian(7.3, 2, true)), ok(poisson(5)), std::exp(1.0)) ==
          doctest::Approx(0.53639889638809234712).epsilon(1e-12));
  }
  SUBCASE("q underflowing to 0 where log q is finite does not give a spurious infinity (mpmath)") {
    CHECK(*kl_divergence(ok(poisson(400)), ok(gaussian(0, 1, true)), std::exp(1.0)) ==
          doctest::Approx(80002.24949422140978).epsilon(1e-12));
  }
  SUBCASE("binomial against Poisson: zero mass above n makes the reverse infinite") {
    CHECK(std::isfinite(*kl_divergence(ok(binomial(10, 0.3)), ok(poisson(3)))));
    CHECK(*kl_divergence(ok(poisson(3)), ok(binomial(10, 0.3))) == kInf);
  }
  SUBCASE("never negative for nearby parameters") {
    for (double d : {1e-12, 1e-9, 1e-6, 1e-3}) {
      CHECK(*kl_divergence(ok(gaussian(0, 1)), ok(gaussian(d, 1))) >= 0.0);
      CHECK(*kl_divergence(ok(poisson(5)), ok(poisson(5 + d))) >= 0.0);
    }
  }
}

TEST_CASE("the lambda minimizing D(P||Poisson(lambda)) is the mean of P") {
  const std::vector<Family> ps = {ok(gaussian(7.3, 2.0, true)), ok(binomial(20, 0.3)), ok(geometric(0.2)),
                                  ok(gaussian(60, 5, true)), ok(poisson(12))};
  for (const Family& p : ps) {
    auto fit = fit_poisson(p);
    REQUIRE(fit.ok());
    const double numeric = golden_min([&](double l) { return *kl_divergence(p, *poisson(l)); }, 1e-6, 100.0);
    CAPTURE(fit->lambda);
    CHECK(fit->lambda == doctest::Approx(numeric).epsilon(1e-6));
    CHECK(fit->lambda == doctest::Approx(mean(p)).epsilon(1e-15));
    CHECK(fit->kl == doctest::Approx(*kl_divergence(p, *poisson(fit->lambda))).epsilon(1e-15));
    for (double step : {-0.01, 0.01}) CHECK(*kl_divergence(p, *poisson(fit->lambda + step)) > fit->kl);
  }
  CHECK(fit_poisson(ok(poisson(12)))->kl == 0.0);
  SUBCASE("refused when P has mass on negative integers") {
    auto fit = fit_poisson(ok(gaussian(3, 2)));
    REQUIRE_FALSE(fit.ok());
    CHECK(fit.error().code == ErrorCode::OUT_OF_RANGE);
    CHECK(fit.error().reason == "SUPPORT");
  }
  SUBCASE("an unrestricted Gaussian however far right still has mass on negative integers: refused") {
    // (This test used an unrestricted N(60, 25) as P until the support rule: its window held no
    // negative integer, so the infinite D(P||Poisson) was reported as finite.)
    auto fit = fit_poisson(ok(gaussian(60, 5)));
    REQUIRE_FALSE(fit.ok());
    CHECK(fit.error().reason == "SUPPORT");
  }
}

TEST_CASE("the Gaussian-Gaussian closed form and the numeric sum over fine bins") {
  const double ln2 = std::log(2.0);
  CHECK(*gaussian_kl_closed_form(0, 1, 1, 1) == doctest::Approx(0.5 / ln2).epsilon(1e-15));
  CHECK(*gaussian_kl_closed_form(0, 1, 0, 2, std::exp(1.0)) ==
        doctest::Approx(std::log(2.0) + 1.0 / 8 - 0.5).epsilon(1e-15));
  CHECK(*gaussian_kl_closed_form(3, 1.7, 3, 1.7) == 0.0);
  // Nearly equal sigmas: no cancellation (r - 1 - log r ~ t^2/2).
  CHECK(*gaussian_kl_closed_form(0, 1 + 1e-8, 0, 1, std::exp(1.0)) ==
        doctest::Approx(0.5 * (std::pow(1 + 1e-8, 2) - 1) * (std::pow(1 + 1e-8, 2) - 1) / 2).epsilon(1e-7));
  for (auto [m1, s1, m2, s2] : {std::tuple{0.0, 1.0, 1.0, 1.0}, std::tuple{0.0, 1.0, 0.5, 2.0}, std::tuple{2.0, 3.0, -1.0, 1.5}}) {
    CAPTURE(m1);
    CAPTURE(s2);
    const double closed = *gaussian_kl_closed_form(m1, s1, m2, s2);
    const double h = std::min(s1, s2) / 50;
    const double coarse = *gaussian_kl_binned(m1, s1, m2, s2, h);
    const double fine = *gaussian_kl_binned(m1, s1, m2, s2, h / 2);
    // Discretizing loses information: the sums approach the closed form from below, error ~ h^2.
    CHECK(coarse <= closed);
    CHECK(fine <= closed);
    CHECK(fine == doctest::Approx(closed).epsilon(2e-4));
    CHECK((closed - coarse) / (closed - fine) == doctest::Approx(4.0).epsilon(0.05));
  }
}

TEST_CASE("bad parameters are refused with a code and a message") {
  auto code = [](const auto& r) { return r.ok() ? ErrorCode::EMPTY : r.error().code; };
  CHECK(code(gaussian(0, 0)) == ErrorCode::OUT_OF_RANGE);
  CHECK(code(gaussian(0, -1)) == ErrorCode::OUT_OF_RANGE);
  CHECK(code(gaussian(0, 1e6)) == ErrorCode::OUT_OF_RANGE);
  CHECK(code(gaussian(std::nan(""), 1)) == ErrorCode::NOT_FINITE);
  CHECK(code(gaussian(0, kInf)) == ErrorCode::NOT_FINITE);
  CHECK(code(poisson(-1)) == ErrorCode::OUT_OF_RANGE);
  CHECK(code(poisson(kInf)) == ErrorCode::NOT_FINITE);
  CHECK(code(poisson(2e9)) == ErrorCode::OUT_OF_RANGE);
  CHECK(code(binomial(2.5, 0.5)) == ErrorCode::OUT_OF_RANGE);
  CHECK(code(binomial(10, 1.5)) == ErrorCode::OUT_OF_RANGE);
  CHECK(code(geometric(0)) == ErrorCode::OUT_OF_RANGE);
  CHECK(code(geometric(std::nan(""))) == ErrorCode::NOT_FINITE);
  CHECK(code(kl_divergence(ok(poisson(1)), ok(poisson(2)), 1.0)) == ErrorCode::BAD_BASE);
  Family bad;
  bad.kind = FamilyKind::GAUSSIAN;
  bad.a = 0;
  bad.b = -2;
  CHECK(code(kl_divergence(bad, ok(poisson(2)))) == ErrorCode::OUT_OF_RANGE);
  CHECK(code(pmf(bad)) == ErrorCode::OUT_OF_RANGE);
  CHECK(code(gaussian_kl_closed_form(0, 0, 0, 1)) == ErrorCode::OUT_OF_RANGE);
  CHECK(code(gaussian_kl_binned(0, 1, 0, 1, 0)) == ErrorCode::OUT_OF_RANGE);
  auto r = poisson(-1);
  CHECK(r.error().message.find("lambda") != std::string::npos);
}

TEST_CASE("support decides infinity, not where the tails are cut") {
  SUBCASE("a Poisson against any binomial is infinite, even when n lies far beyond the Poisson's window") {
    for (const double n : {5.0, 100.0, 1e6, 1e9}) {
      for (const double p : {1e-9, 0.3, 0.999}) {
        CAPTURE(n);
        CAPTURE(p);
        CHECK(*kl_divergence(ok(poisson(3)), ok(binomial(n, p))) == kInf);
      }
    }
  }
  SUBCASE("an unrestricted Gaussian against a Poisson is infinite, however far right its mean") {
    for (const double mu : {0.0, 50.0, 1e6, 1e9}) {
      for (const double sigma : {1e-3, 1.0, 1e3}) {
        CAPTURE(mu);
        CAPTURE(sigma);
        CHECK(*kl_divergence(ok(gaussian(mu, sigma)), ok(poisson(std::max(mu, 1.0)))) == kInf);
        CHECK(*kl_divergence(ok(gaussian(mu, sigma)), ok(geometric(0.5))) == kInf);
        CHECK(*kl_divergence(ok(gaussian(mu, sigma)), ok(gaussian(mu, sigma, true))) == kInf);
      }
    }
  }
  SUBCASE("nested supports stay finite: the reverse directions and point masses") {
    CHECK(std::isfinite(*kl_divergence(ok(binomial(1e9, 0.5)), ok(poisson(5e8)))));
    CHECK(std::isfinite(*kl_divergence(ok(gaussian(1e6, 1.0, true)), ok(poisson(1e6)))));
    CHECK(*kl_divergence(ok(poisson(0)), ok(binomial(5, 0.3)), std::exp(1.0)) ==
          doctest::Approx(-5 * std::log(0.7)).epsilon(1e-14));
    CHECK(*kl_divergence(ok(binomial(10, 1.0)), ok(binomial(10, 0.5)), 2.0) == doctest::Approx(10.0).epsilon(1e-15));
    CHECK(*kl_divergence(ok(binomial(10, 0.5)), ok(binomial(9, 0.5))) == kInf);
    CHECK(*kl_divergence(ok(poisson(2)), ok(poisson(0))) == kInf);
  }
}

TEST_CASE("families a few ulps apart have the tiny positive divergence they have, not 0") {
  const auto next = [](double x, int n = 1) {
    for (int i = 0; i < n; ++i) x = std::nextafter(x, kInf);
    return x;
  };
  const std::vector<std::pair<Family, Family>> pairs = {
      {ok(poisson(7)), ok(poisson(next(7)))},
      {ok(binomial(20, 0.4)), ok(binomial(20, next(0.4)))},
      {ok(geometric(0.3)), ok(geometric(next(0.3)))},
      {ok(gaussian(10, 3)), ok(gaussian(next(10), 3))},
      {ok(gaussian(10, 3)), ok(gaussian(10, next(3)))},
      {ok(gaussian(7.3, 2, true)), ok(gaussian(next(7.3, 2), 2, true))},
      {ok(gaussian(0, 1e5)), ok(gaussian(0, std::nextafter(1e5, 0.0)))},
  };
  for (const auto& [p, q] : pairs) {
    CAPTURE(p.a);
    CAPTURE(q.a);
    const double d = *kl_divergence(p, q);
    CHECK(d > 0.0);
    CHECK(d < 1e-25);
    CHECK(*kl_divergence(p, p) == 0.0);
  }
  SUBCASE("the closed form for Gaussians a few ulps apart too") {
    CHECK(*gaussian_kl_closed_form(0, 2.5, 0, next(2.5)) > 0.0);
    CHECK(*gaussian_kl_closed_form(0, 2.5, 0, next(2.5)) < 1e-30);
    CHECK(*gaussian_kl_closed_form(1, 2.5, next(1), 2.5) > 0.0);
  }
}

TEST_CASE("family kinds have one list of names, and range refusals name their bound") {
  REQUIRE(kFamilyKindNames.size() == 4);
  for (std::size_t i = 0; i < kFamilyKindNames.size(); ++i) {
    const auto kind = static_cast<FamilyKind>(i);
    CHECK(std::string(family_kind_name(kind)) == kFamilyKindNames[i]);
    const auto back = family_kind_from_name(kFamilyKindNames[i]);
    REQUIRE(back.ok());
    CHECK(*back == kind);
  }
  CHECK(family_kind_from_name("gauss").error().code == ErrorCode::TYPE);
  CHECK(family_kind_from_name("gauss").error().reason == "FAMILY_KIND");
  CHECK(kFamilyParameterCounts[static_cast<int>(FamilyKind::POISSON)] == 1);
  const auto big = gaussian(0, 2e5);
  CHECK(big.error().reason == "PARAMETER_RANGE");
  CHECK(big.error().limit == kMaxSigma);
  CHECK(gaussian(0, 1e-4).error().limit == kMinSigma);
  CHECK(poisson(2e9).error().limit == kMaxLambda);
  CHECK(binomial(2e9, 0.5).error().limit == kMaxBinomialN);
  CHECK(geometric(1e-5).error().limit == kMinGeometricP);
  CHECK(gaussian(-2e9, 1).error().limit == -kMaxAbsMu);
}
