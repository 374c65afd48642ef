// The core against the mpmath references of tests/fixtures/info.json (make_fixtures.py), the
// same file the WASM module is tested against. Reports the worst relative error per function.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <map>
#include <sstream>
#include <string>

#include "bitruler/info.hpp"
#include "fixtures.hpp"

namespace {

const fixtures::Value& info_fixtures() {
  static const fixtures::Value doc = fixtures::load("info.json");
  return doc;
}

bitruler::Result<double> run_case(const fixtures::Value& c) {
  const std::string& fn = c.at("fn").str();
  const double base = fixtures::as_double(c.at("base"));
  if (fn == "surprisal") return bitruler::surprisal(fixtures::as_double(c.at("x")), base);
  const bitruler::Options options{base, c.at("normalize").boolean};
  const std::vector<double> p = fixtures::build_input(c.at("p"));
  if (fn == "entropy") return bitruler::entropy(p, options);
  const std::vector<double> q = fixtures::build_input(c.at("q"));
  if (fn == "cross_entropy") return bitruler::cross_entropy(p, q, options);
  if (fn == "kl_divergence") return bitruler::kl_divergence(p, q, options);
  throw std::runtime_error("fixture: unknown function " + fn);
}

// Runs every value case of one function; returns the worst relative error seen.
long double check_value_cases(const std::string& fn, int& count) {
  long double worst = 0.0L;
  std::string worst_id;
  count = 0;
  for (const fixtures::Value& c : info_fixtures().at("cases").items) {
    if (c.at("fn").str() != fn || c.has("error")) continue;
    ++count;
    const std::string& id = c.at("id").str();
    INFO("fixture case: " << id);
    const bitruler::Result<double> r = run_case(c);
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? std::string() : r.error().message));
    const double got = r.value();
    const fixtures::Value& exp = c.at("expected");
    if (exp.is_string()) {  // "Infinity"
      CHECK(fixtures::as_double(exp) == HUGE_VAL);
      CHECK(got == HUGE_VAL);
      continue;
    }
    // The 30-digit text, read in long double, measures errors below one double ulp too.
    const long double want = std::strtold(c.at("expected_text").str().c_str(), nullptr);
    if (want == 0.0L) {
      CHECK(got == 0.0);  // exact zeros stay exact (D(P||P), H of a certain outcome)
      CHECK_FALSE(std::signbit(got));
      continue;
    }
    const long double rel = std::fabs((static_cast<long double>(got) - want) / want);
    const double tol = c.at("rel_tol").num();
    CHECK_MESSAGE(rel <= tol, "got " << got << ", want " << c.at("expected_text").str()
                                     << ", relative error " << static_cast<double>(rel));
    if (rel > worst) {
      worst = rel;
      worst_id = id;
    }
  }
  std::ostringstream os;
  os << fn << ": " << count << " fixture cases, worst relative error "
     << static_cast<double>(worst) << (worst_id.empty() ? "" : " (" + worst_id + ")");
  MESSAGE(os.str());
  return worst;
}

}  // namespace

TEST_CASE("the info fixtures are the ones make_fixtures.py writes") {
  const fixtures::Value& doc = info_fixtures();
  CHECK(doc.at("format").str() == "bitruler-info-fixtures/1");
  CHECK(doc.at("cases").items.size() >= 150);
}

TEST_CASE("surprisal matches the mpmath references to 1e-13") {
  int count = 0;
  CHECK(check_value_cases("surprisal", count) <= 1e-13L);
  CHECK(count >= 20);
}

TEST_CASE("entropy matches the mpmath references to 1e-13, up to 10^7 outcomes") {
  int count = 0;
  CHECK(check_value_cases("entropy", count) <= 1e-13L);
  CHECK(count >= 30);
}

TEST_CASE("cross-entropy matches the mpmath references to 1e-13, up to 10^7 outcomes") {
  int count = 0;
  CHECK(check_value_cases("cross_entropy", count) <= 1e-13L);
  CHECK(count >= 20);
}

TEST_CASE("KL divergence matches the mpmath references to 1e-12, nearly identical ones too") {
  int count = 0;
  CHECK(check_value_cases("kl_divergence", count) <= 1e-12L);
  CHECK(count >= 30);
}

TEST_CASE("every refusal in the fixtures gives its error code and a message") {
  int count = 0;
  for (const fixtures::Value& c : info_fixtures().at("cases").items) {
    if (!c.has("error")) continue;
    ++count;
    INFO("fixture case: " << c.at("id").str());
    const bitruler::Result<double> r = run_case(c);
    REQUIRE_FALSE(r.ok());
    CHECK(std::string(bitruler::error_code_name(r.error().code)) == c.at("error").str());
    CHECK(r.error().message.size() > 10);
  }
  CHECK(count >= 15);
}

TEST_CASE("the fixture reader is strict and reads doubles bit for bit") {
  SUBCASE("shortest round-trip texts give the exact doubles") {
    const fixtures::Value v = fixtures::parse("[5e-324, 0.1, 1.7976931348623157e308, -0.0]");
    REQUIRE(v.items.size() == 4);
    CHECK(v.items[0].number == std::ldexp(1.0, -1074));
    CHECK(v.items[1].number == 0.1);
    CHECK(v.items[2].number == 1.7976931348623157e308);
    CHECK(std::signbit(v.items[3].number));
  }
  SUBCASE("strings with escapes decode") {
    const fixtures::Value v = fixtures::parse(R"({"a":"x\"y\u00e9\ud83d\ude00"})");
    CHECK(v.at("a").str() == "x\"y\xC3\xA9\xF0\x9F\x98\x80");
  }
  SUBCASE("malformed documents are refused") {
    for (const char* bad : {"[1,]", "{\"a\":1,}", "01", "1.", "[NaN]", "\"\\x\"", "[1] 2", "",
                            "{a:1}", "[\"\x01\"]", "tru"}) {
      INFO("document: " << bad);
      CHECK_THROWS_AS(fixtures::parse(bad), std::runtime_error);
    }
  }
  SUBCASE("special values are spelled as strings") {
    CHECK(std::isnan(fixtures::as_double(fixtures::parse("\"NaN\""))));
    CHECK(fixtures::as_double(fixtures::parse("\"-Infinity\"")) == -HUGE_VAL);
    CHECK_THROWS(fixtures::as_double(fixtures::parse("\"nan\"")));
  }
  SUBCASE("the lcg generator is exact integer arithmetic and one division") {
    const fixtures::Value spec =
        fixtures::parse(R"({"gen":"lcg","n":3,"seed":1,"modulus":10,"offset":1})");
    // 48271 mod M = 48271, 48271^2 mod M = 182605794, 48271^3 mod M = 1291394886.
    const std::vector<double> p = fixtures::build_input(spec);
    REQUIRE(p.size() == 3);
    const double w0 = 48271 % 10 + 1, w1 = 182605794 % 10 + 1, w2 = 1291394886 % 10 + 1;
    CHECK(p[0] == w0 / (w0 + w1 + w2));
    CHECK(p[1] == w1 / (w0 + w1 + w2));
    CHECK(p[2] == w2 / (w0 + w1 + w2));
  }
}
