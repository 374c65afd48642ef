// The families against tests/fixtures/families.json (make_families_fixture.py, mpmath at 80
// digits on the exact doubles): the Gaussian closed form when the two Gaussians nearly coincide,
// Gaussian bin masses for every sigma the API allows, and KL between families (closed forms,
// Gaussian pairs a few ulps apart, mixed kinds, and the support rule).
#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <string>

#include "bitruler/families.hpp"
#include "fixtures.hpp"

using namespace bitruler;

namespace {

const fixtures::Value& families_fixture() {
  static const fixtures::Value doc = fixtures::load("families.json");
  return doc;
}

long double reference(const fixtures::Value& v) { return std::strtold(v.str().c_str(), nullptr); }

Family family_of(const fixtures::Value& f) {
  const std::string& kind = f.at("kind").str();
  const double a = f.at("a").num();
  Result<Family> r = kind == "gaussian"   ? gaussian(a, f.at("b").num(), f.at("naturals").boolean)
                     : kind == "poisson"  ? poisson(a)
                     : kind == "binomial" ? binomial(a, f.at("b").num())
                                          : geometric(a);
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? std::string() : r.error().message));
  return *r;
}

std::string describe(const fixtures::Value& f) {
  std::string s = f.at("kind").str() + "(" + f.at("a").text;
  if (f.has("b")) s += ", " + f.at("b").text;
  if (f.has("naturals") && f.at("naturals").boolean) s += ", naturals";
  return s + ")";
}

}  // namespace

TEST_CASE("the Gaussian closed form keeps full precision when the two Gaussians nearly coincide (mpmath)") {
  long double worst = 0;
  int count = 0;
  for (const fixtures::Value& c : families_fixture().at("closed_form").items) {
    const double m1 = c.at("mu1").num(), s1 = c.at("sigma1").num(), m2 = c.at("mu2").num(), s2 = c.at("sigma2").num();
    CAPTURE(m1);
    CAPTURE(s1);
    CAPTURE(m2);
    CAPTURE(s2);
    const auto got = gaussian_kl_closed_form(m1, s1, m2, s2, std::exp(1.0));
    REQUIRE(got.ok());
    const long double want = reference(c.at("nats"));
    ++count;
    if (want == 0) {
      CHECK(*got == 0.0);
      continue;
    }
    // Base e is the double Math.E, whose log is 1 - 5.6e-17: part of the reference's "nats".
    const long double rel = std::fabs((static_cast<long double>(*got) * std::log(std::exp(1.0L)) /
                                           std::log(static_cast<long double>(std::exp(1.0))) -
                                       want) /
                                      want);
    worst = std::max(worst, rel);
    CHECK_MESSAGE(rel <= 1e-12L, "got " << *got << ", want " << c.at("nats").str());
  }
  MESSAGE("closed form: " << count << " cases, worst relative error " << static_cast<double>(worst));
  CHECK(count >= 15);
}

TEST_CASE("Gaussian bin masses are accurate for every sigma the API allows, far into the tails (mpmath)") {
  long double worst_mass = 0, worst_log = 0;
  int masses = 0, logs = 0;
  for (const fixtures::Value& c : families_fixture().at("bins").items) {
    const double mu = c.at("mu").num(), sigma = c.at("sigma").num();
    const bool nat = c.at("naturals").boolean;
    const auto k = static_cast<std::int64_t>(c.at("k").num());
    CAPTURE(mu);
    CAPTURE(sigma);
    CAPTURE(nat);
    CAPTURE(k);
    const Family f = *gaussian(mu, sigma, nat);
    const long double want = reference(c.at("log_mass"));
    const double got = log_pmf(f, k);
    if (want > -50.0L) {
      // A mass inside a window (|z| <= 8.6 gives log mass > -45): its relative error is the error
      // of its log. (Further out the mass's own conditioning, z^2 ulps from rounding z, dominates.)
      ++masses;
      const long double rel = std::fabs(static_cast<long double>(got) - want);
      worst_mass = std::max(worst_mass, rel);
      CHECK_MESSAGE(rel <= 1e-13L, "log mass " << got << ", want " << c.at("log_mass").str());
      // pmf() gives the same bins (the end bins of its window hold the folded tails).
      const auto p = pmf(f);
      REQUIRE(p.ok());
      if (k > p->first && k < p->last()) {
        const double m = p->mass[static_cast<std::size_t>(k - p->first)];
        CHECK(std::fabs(static_cast<long double>(m) / std::exp(want) - 1) <= 1e-13L);
      }
    } else {
      // Tails: the logarithm, accurate relative to its size (masses far below 1e-308 included).
      ++logs;
      const long double rel = std::fabs((static_cast<long double>(got) - want) / want);
      worst_log = std::max(worst_log, rel);
      CHECK_MESSAGE(rel <= 1e-13L, "log mass " << got << ", want " << c.at("log_mass").str());
    }
  }
  MESSAGE("bins: " << masses << " masses, worst relative error " << static_cast<double>(worst_mass) << "; " << logs
                   << " far-tail log masses, worst relative error " << static_cast<double>(worst_log));
  CHECK(masses >= 100);
  CHECK(logs >= 30);
}

TEST_CASE("KL between families matches mpmath, a few ulps apart and across kinds; supports decide infinity") {
  long double worst = 0;
  std::string worst_case;
  int finite = 0, infinite = 0;
  const double ln_e = std::log(std::exp(1.0));  // ln of the double Math.E
  for (const fixtures::Value& c : families_fixture().at("kl").items) {
    const std::string name = describe(c.at("p")) + " || " + describe(c.at("q"));
    CAPTURE(name);
    const auto got = kl_divergence(family_of(c.at("p")), family_of(c.at("q")), std::exp(1.0));
    REQUIRE_MESSAGE(got.ok(), (got.ok() ? std::string() : got.error().message));
    const std::string& want_text = c.at("nats").str();
    if (want_text == "Infinity") {
      ++infinite;
      CHECK(*got == HUGE_VAL);
      continue;
    }
    ++finite;
    const long double want = reference(c.at("nats"));
    if (want == 0) {
      CHECK(*got == 0.0);
      continue;
    }
    CHECK(*got > 0.0);  // a few ulps apart is a tiny positive number, not 0
    const long double rel = std::fabs((static_cast<long double>(*got) * ln_e - want) / want);
    if (rel > worst) {
      worst = rel;
      worst_case = name;
    }
    CHECK_MESSAGE(rel <= 1e-12L, "got " << *got << " nats, want " << want_text);
  }
  MESSAGE("family KL: " << finite << " finite pairs, worst relative error " << static_cast<double>(worst) << " ("
                        << worst_case << "); " << infinite << " infinite by support");
  CHECK(finite >= 30);
  CHECK(infinite >= 8);
}
