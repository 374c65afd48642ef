// info_terms: a table's rows and totals in one call, against the mpmath references of
// tests/fixtures/info.json (totals) and tests/fixtures/terms.json (every row).
#include <doctest/doctest.h>

#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "bitruler/info.hpp"
#include "fixtures.hpp"

using bitruler::ErrorCode;
using bitruler::InfoTerms;
using bitruler::Options;

namespace {

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// Compensated (Neumaier) sum of the rows, in long double for the final comparison.
double compensated_sum(const std::vector<double>& v) {
  double s = 0.0, c = 0.0;
  for (double x : v) {
    const double t = s + x;
    c += std::fabs(s) >= std::fabs(x) ? (s - t) + x : (x - t) + s;
    s = t;
  }
  return s + c;
}

double abs_sum(const std::vector<double>& v) {
  double s = 0.0;
  for (double x : v) s += std::fabs(x);
  return s;
}

// Relative error of `got` against a 30-digit reference text ("Infinity", "0" exact). Below the
// normal range a double has fewer digits: there the error is measured against the spacing of the
// subnormals (two of them count as 1e-14, the tolerance of a row).
long double rel_error(double got, const std::string& want_text) {
  if (want_text == "Infinity") return got == HUGE_VAL ? 0.0L : 1.0L;
  const long double want = std::strtold(want_text.c_str(), nullptr);
  if (want == 0.0L) return got == 0.0 && !std::signbit(got) ? 0.0L : 1.0L;
  const long double diff = std::fabs(static_cast<long double>(got) - want);
  if (std::fabs(want) < DBL_MIN) return diff / (2.0L * std::numeric_limits<double>::denorm_min()) * 1e-14L;
  return diff / std::fabs(want);
}

struct Worst {
  long double rel = 0.0L;
  std::string where;
  void see(long double r, const std::string& w) {
    if (r > rel) { rel = r; where = w; }
  }
};

}  // namespace

TEST_CASE("info_terms totals are bit-identical to entropy, cross_entropy and kl_divergence on every info.json case") {
  const fixtures::Value doc = fixtures::load("info.json");
  int values = 0, refusals = 0, skipped_large = 0;
  Worst h_rows, ce_rows;
  double worst_kl_rows = 0.0;  // |sum of rows - total| / sum |rows|
  std::string worst_kl_where;
  for (const fixtures::Value& c : doc.at("cases").items) {
    const std::string& fn = c.at("fn").str();
    if (fn == "surprisal") continue;
    const std::string& id = c.at("id").str();
    INFO("fixture case: " << id);
    const Options options{fixtures::as_double(c.at("base")), c.at("normalize").boolean};
    // The 10^7-outcome cases run the same code as the 10^6 ones; they are left out here to keep
    // the suite fast and small (a table of 10^7 rows is 560 MB).
    if (c.at("p").is_object() && c.at("p").at("n").num() > 1e6) {
      ++skipped_large;
      continue;
    }
    const std::vector<double> p = fixtures::build_input(c.at("p"));
    const bool with_q = fn != "entropy";
    const std::vector<double> q = with_q ? fixtures::build_input(c.at("q")) : std::vector<double>();
    const auto t = bitruler::info_terms(p, with_q ? &q : nullptr, options);
    const bitruler::Result<double> direct = fn == "entropy" ? bitruler::entropy(p, options)
                                          : fn == "cross_entropy" ? bitruler::cross_entropy(p, q, options)
                                                                  : bitruler::kl_divergence(p, q, options);
    if (c.has("error")) {
      ++refusals;
      REQUIRE_FALSE(t.ok());
      REQUIRE_FALSE(direct.ok());
      CHECK(t.error().code == direct.error().code);
      CHECK(t.error().message == direct.error().message);
      continue;
    }
    ++values;
    REQUIRE_MESSAGE(t.ok(), (t.ok() ? std::string() : t.error().message));
    REQUIRE(direct.ok());
    const double total = fn == "entropy" ? t->entropy : fn == "cross_entropy" ? t->cross_entropy : t->kl;
    CHECK_MESSAGE(same_bits(total, *direct), "info_terms " << total << " vs " << *direct);
    // The other totals are the other functions' values too.
    CHECK(same_bits(t->entropy, bitruler::entropy(p, options).value()));
    if (with_q) {
      CHECK(same_bits(t->cross_entropy, bitruler::cross_entropy(p, q, options).value()));
      CHECK(same_bits(t->kl, bitruler::kl_divergence(p, q, options).value()));
    } else {
      CHECK(std::isnan(t->cross_entropy));
      CHECK(std::isnan(t->kl));
      CHECK(t->q.empty());
      CHECK(t->kl_terms.empty());
    }
    // And the rows add up to them.
    REQUIRE(t->entropy_terms.size() == p.size());
    if (t->entropy > 0.0) {
      const double r = std::fabs(compensated_sum(t->entropy_terms) - t->entropy) / t->entropy;
      h_rows.see(r, id);
      CHECK(r <= 1e-14);
    } else {
      CHECK(compensated_sum(t->entropy_terms) == 0.0);
    }
    if (with_q && std::isfinite(t->cross_entropy) && t->cross_entropy > 0.0) {
      const double r = std::fabs(compensated_sum(t->cross_terms) - t->cross_entropy) / t->cross_entropy;
      ce_rows.see(r, id);
      CHECK(r <= 1e-14);
    }
    if (with_q && std::isfinite(t->kl) && t->kl > 0.0) {
      const double scale = abs_sum(t->kl_terms);
      const double r = std::fabs(compensated_sum(t->kl_terms) - t->kl) / scale;
      if (r > worst_kl_rows) { worst_kl_rows = r; worst_kl_where = id; }
      CHECK(r <= 1e-14);
    }
    if (with_q && t->kl == HUGE_VAL) {  // some row is infinite, and no row is NaN or -inf
      bool infinite_row = false;
      for (double x : t->kl_terms) {
        CHECK_FALSE(std::isnan(x));
        CHECK(x != -HUGE_VAL);
        infinite_row = infinite_row || x == HUGE_VAL;
      }
      CHECK(infinite_row);
    }
  }
  MESSAGE("info_terms on info.json: " << values << " value cases, totals bit-identical; rows vs total: "
                                      << "entropy " << static_cast<double>(h_rows.rel) << " (" << h_rows.where
                                      << "), cross-entropy " << static_cast<double>(ce_rows.rel) << " ("
                                      << ce_rows.where << ") relative, KL " << worst_kl_rows
                                      << " of sum |rows| (" << worst_kl_where << "); " << refusals
                                      << " refusals identical; " << skipped_large << " cases of 10^7 outcomes left out");
  CHECK(values >= 70);
  CHECK(refusals >= 10);
}

TEST_CASE("info_terms rows match mpmath row by row (terms.json), P and Q a few ulps apart included") {
  const fixtures::Value doc = fixtures::load("terms.json");
  REQUIRE(doc.at("format").str() == "bitruler-terms-fixtures/1");
  Worst worst_row, worst_subnormal_row, worst_total;
  int rows = 0;
  for (const fixtures::Value& c : doc.at("cases").items) {
    const std::string& id = c.at("id").str();
    INFO("terms case: " << id);
    const Options options{fixtures::as_double(c.at("base")), c.at("normalize").boolean};
    const std::vector<double> p = fixtures::build_input(c.at("p"));
    const bool with_q = c.at("q").is_array();
    const std::vector<double> q = with_q ? fixtures::build_input(c.at("q")) : std::vector<double>();
    const auto t = bitruler::info_terms(p, with_q ? &q : nullptr, options);
    REQUIRE_MESSAGE(t.ok(), (t.ok() ? std::string() : t.error().message));
    const fixtures::Value& terms = c.at("terms");
    const std::pair<const char*, const std::vector<double>*> columns[] = {
        {"surprisal_p", &t->surprisal_p}, {"entropy_terms", &t->entropy_terms}, {"surprisal_q", &t->surprisal_q},
        {"cross_terms", &t->cross_terms}, {"kl_terms", &t->kl_terms}};
    for (const auto& [name, got] : columns) {
      if (!terms.has(name)) {
        CHECK(got->empty());
        continue;
      }
      const auto& want = terms.at(name).items;
      REQUIRE(got->size() == want.size());
      for (std::size_t i = 0; i < want.size(); ++i) {
        ++rows;
        const long double r = rel_error((*got)[i], want[i].str());
        const long double magnitude = std::fabs(std::strtold(want[i].str().c_str(), nullptr));
        (magnitude >= DBL_MIN ? worst_row : worst_subnormal_row).see(r, id + " " + name + "[" + std::to_string(i) + "]");
        CHECK_MESSAGE(r <= 1e-14L, name << "[" << i << "] = " << (*got)[i] << ", want " << want[i].str());
      }
    }
    const fixtures::Value& totals = c.at("totals");
    const long double rh = rel_error(t->entropy, totals.at("entropy").str());
    worst_total.see(rh, id + " entropy");
    CHECK(rh <= 1e-13L);
    if (with_q) {
      const long double rc = rel_error(t->cross_entropy, totals.at("cross_entropy").str());
      const long double rk = rel_error(t->kl, totals.at("kl").str());
      worst_total.see(rc, id + " cross_entropy");
      worst_total.see(rk, id + " kl");
      CHECK(rc <= 1e-13L);
      CHECK(rk <= 1e-12L);
    }
  }
  MESSAGE("terms.json: " << rows << " rows, worst relative error " << static_cast<double>(worst_row.rel) << " ("
                         << worst_row.where << "), subnormal rows within "
                         << static_cast<double>(worst_subnormal_row.rel / 1e-14L * 2.0L) << " subnormal spacings ("
                         << worst_subnormal_row.where << "); totals worst " << static_cast<double>(worst_total.rel)
                         << " (" << worst_total.where << ")");
  CHECK(rows > 1000);
}

TEST_CASE("KL rows of P and Q a few ulps apart are the tiny numbers they are, of both signs") {
  const double u = std::ldexp(1.0, -53);
  const std::vector<double> p = {0.5, 0.5}, q = {0.5 + u, 0.5 - u};
  const auto t = bitruler::info_terms(p, &q, Options{});
  REQUIRE(t.ok());
  CHECK(t->kl_terms[0] < 0.0);
  CHECK(t->kl_terms[1] > 0.0);
  CHECK(t->kl > 0.0);
  CHECK(t->kl < 1e-30);
  // q/p = 1 + 2u, so the row is -p ln(1 + 2u)/ln 2 = -(u - u^2 + ...)/ln 2 (checked relatively:
  // doctest::Approx's default scale would call any two numbers below 1e-15 equal).
  const double want = -(u - u * u) / std::log(2.0);
  CHECK(std::fabs(t->kl_terms[0] - want) <= 1e-15 * std::fabs(want));
  // The naive row p * (I(q) - I(p)) cancels: I(q) and I(p) agree to all but the last bit.
  const double naive = 0.5 * (-std::log2(q[0]) - -std::log2(p[0]));
  CHECK(std::fabs(naive - t->kl_terms[0]) > 1e-3 * std::fabs(t->kl_terms[0]));
}

TEST_CASE("info_terms conventions and refusals") {
  SUBCASE("p = 0 rows are 0 whatever q is; q = 0 where p > 0 rows are infinite") {
    const std::vector<double> p = {0.5, 0.5, 0.0}, q = {1.0, 0.0, 0.0};
    const auto t = bitruler::info_terms(p, &q, Options{});
    REQUIRE(t.ok());
    CHECK(t->surprisal_p[2] == HUGE_VAL);
    CHECK(t->entropy_terms[2] == 0.0);
    CHECK(t->cross_terms[2] == 0.0);
    CHECK(t->kl_terms[2] == 0.0);
    CHECK(t->surprisal_q[1] == HUGE_VAL);
    CHECK(t->cross_terms[1] == HUGE_VAL);
    CHECK(t->kl_terms[1] == HUGE_VAL);
    CHECK(t->cross_entropy == HUGE_VAL);
    CHECK(t->kl == HUGE_VAL);
  }
  SUBCASE("a certain outcome: surprisal and term +0") {
    const std::vector<double> p = {1.0};
    const auto t = bitruler::info_terms(p, nullptr, Options{});
    REQUIRE(t.ok());
    CHECK(t->surprisal_p[0] == 0.0);
    CHECK_FALSE(std::signbit(t->surprisal_p[0]));
    CHECK_FALSE(std::signbit(t->entropy_terms[0]));
  }
  SUBCASE("the article's 1/1024 is exactly 10 bits in its row too") {
    const std::vector<double> p = {1.0 / 1024, 1.0 - 1.0 / 1024};
    CHECK(bitruler::info_terms(p, nullptr, Options{}).value().surprisal_p[0] == 10.0);
  }
  SUBCASE("with normalize the distributions as used come back") {
    const std::vector<double> p = {2, 1, 1}, q = {1, 1, 2};
    const auto t = bitruler::info_terms(p, &q, Options{2.0, true});
    REQUIRE(t.ok());
    CHECK(t->p == std::vector<double>{0.5, 0.25, 0.25});
    CHECK(t->q == std::vector<double>{0.25, 0.25, 0.5});
  }
  SUBCASE("refusals are those of cross_entropy, in the same order, details included") {
    const std::vector<double> p = {0.5, -0.5, 1.0}, q = {0.5, 0.5};
    CHECK(bitruler::info_terms(p, &q, Options{}).error().code == ErrorCode::LENGTH_MISMATCH);
    const std::vector<double> q3 = {NAN, 0.5, 0.5};
    const auto r = bitruler::info_terms(p, &q3, Options{});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::NEGATIVE);  // P's problem first
    CHECK(r.error().index == 1);
    const std::vector<double> zeros = {0.0, 0.0};
    const auto z = bitruler::info_terms(zeros, nullptr, Options{2.0, true});
    CHECK(z.error().reason == "ALL_ZERO");
    CHECK(bitruler::info_terms(p, nullptr, Options{1.0, false}).error().code == ErrorCode::BAD_BASE);
    const std::vector<double> empty;
    CHECK(bitruler::info_terms(empty, nullptr, Options{}).error().code == ErrorCode::EMPTY);
  }
}
