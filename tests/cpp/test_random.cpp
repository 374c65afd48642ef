// The seeded generator and the sampling demo: the stream against an independent Python
// transcription (tests/fixtures/rng_stream.json), distributions of draws, and sample_coding.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "bitruler/huffman.hpp"
#include "bitruler/info.hpp"
#include "bitruler/random.hpp"

using bitruler::ErrorCode;
using bitruler::Rng;
using bitruler::sample_coding;

namespace {

// Just enough JSON for the fixture: objects, arrays, strings without escapes, numbers.
struct Json {
  enum class Kind { Null, Number, String, Array, Object } kind = Kind::Null;
  double number = 0.0;
  std::string text;
  std::vector<Json> items;
  std::map<std::string, Json> fields;

  const Json& operator[](const std::string& key) const {
    const auto it = fields.find(key);
    REQUIRE_MESSAGE(it != fields.end(), "missing key " << key);
    return it->second;
  }
};

class JsonReader {
 public:
  explicit JsonReader(std::string s) : s_(std::move(s)) {}
  Json read() {
    Json v = value();
    space();
    REQUIRE(i_ == s_.size());
    return v;
  }

 private:
  void space() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\r' || s_[i_] == '\t')) ++i_;
  }
  void expect(char c) {
    space();
    REQUIRE_MESSAGE((i_ < s_.size() && s_[i_] == c), "expected '" << c << "' at " << i_);
    ++i_;
  }
  std::string string() {
    expect('"');
    const std::size_t end = s_.find('"', i_);
    REQUIRE(end != std::string::npos);
    std::string out = s_.substr(i_, end - i_);
    REQUIRE(out.find('\\') == std::string::npos);
    i_ = end + 1;
    return out;
  }
  Json value() {
    space();
    REQUIRE(i_ < s_.size());
    Json v;
    const char c = s_[i_];
    if (c == '{') {
      v.kind = Json::Kind::Object;
      ++i_;
      space();
      if (s_[i_] == '}') { ++i_; return v; }
      for (;;) {
        std::string key = string();
        expect(':');
        v.fields[key] = value();
        space();
        if (s_[i_] == ',') { ++i_; continue; }
        expect('}');
        return v;
      }
    }
    if (c == '[') {
      v.kind = Json::Kind::Array;
      ++i_;
      space();
      if (s_[i_] == ']') { ++i_; return v; }
      for (;;) {
        v.items.push_back(value());
        space();
        if (s_[i_] == ',') { ++i_; continue; }
        expect(']');
        return v;
      }
    }
    if (c == '"') {
      v.kind = Json::Kind::String;
      v.text = string();
      return v;
    }
    // Numbers: strtod reads Python's repr() exactly (shortest round-trip text).
    char* end = nullptr;
    v.kind = Json::Kind::Number;
    v.number = std::strtod(s_.c_str() + i_, &end);
    REQUIRE(end != s_.c_str() + i_);
    i_ = static_cast<std::size_t>(end - s_.c_str());
    return v;
  }

  std::string s_;
  std::size_t i_ = 0;
};

const Json& fixture() {
  static const std::unique_ptr<Json> doc = [] {
    std::ifstream in(BITRULER_FIXTURE_DIR "/rng_stream.json");
    REQUIRE_MESSAGE(in.good(), "cannot open rng_stream.json; run tests/fixtures/make_rng_fixture.py");
    std::stringstream ss;
    ss << in.rdbuf();
    return std::make_unique<Json>(JsonReader(ss.str()).read());
  }();
  return *doc;
}

std::uint64_t to_u64(const Json& j) {
  REQUIRE(j.kind == Json::Kind::String);
  return std::stoull(j.text);
}

// Pearson's chi-square statistic of observed counts against expected probabilities.
double chi_square(const std::vector<long>& counts, const std::vector<double>& p, long n) {
  double stat = 0.0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] == 0.0) continue;
    const double e = p[i] * static_cast<double>(n);
    stat += (counts[i] - e) * (counts[i] - e) / e;
  }
  return stat;
}

}  // namespace

TEST_CASE("the stream matches the independent Python transcription bit for bit") {
  const Json& streams = fixture()["streams"];
  REQUIRE(streams.items.size() == 4);
  for (const Json& s : streams.items) {
    const std::uint64_t seed = to_u64(s["seed"]);
    SUBCASE(("seed " + s["seed"].text).c_str()) {
      SUBCASE("next_u64") {
        Rng rng(seed);
        for (const Json& expected : s["u64"].items) CHECK(rng.next_u64() == to_u64(expected));
      }
      SUBCASE("next_double") {
        Rng rng(seed);
        for (const Json& expected : s["double"].items) CHECK(rng.next_double() == expected.number);
      }
      SUBCASE("categorical") {
        for (const Json& c : s["categorical"].items) {
          std::vector<double> weights;
          for (const Json& w : c["weights"].items) weights.push_back(w.number);
          Rng rng(seed);
          for (const Json& expected : c["draws"].items) {
            CHECK(rng.categorical(weights) == static_cast<std::size_t>(expected.number));
          }
        }
      }
      SUBCASE("normal, to within the last bits a different libm log may change") {
        Rng rng(seed);
        for (const Json& expected : s["normal"].items) {
          CHECK(rng.normal() == doctest::Approx(expected.number).epsilon(1e-15));
        }
      }
    }
  }
}

TEST_CASE("sample_coding draws the fixture's categorical outcomes, so the WASM module can be checked") {
  // The Node suite can compare sampleCoding(P, Q, 40, seed).outcomes with the same fixture.
  for (const Json& s : fixture()["streams"].items) {
    const Json& c = s["categorical"].items.at(0);
    std::vector<double> p;
    for (const Json& w : c["weights"].items) p.push_back(w.number);
    const auto run = sample_coding(p, {0.25, 0.25, 0.25, 0.25}, c["draws"].items.size(), to_u64(s["seed"]));
    REQUIRE(run.ok());
    for (std::size_t k = 0; k < run->outcomes.size(); ++k) {
      CHECK(run->outcomes[k] == static_cast<int>(c["draws"].items[k].number));
    }
  }
}

TEST_CASE("the Python transcription reproduces the published xoshiro256** and splitmix64 vectors") {
  // The script asserts these before writing; the fixture carries them so this suite sees them.
  const Json& published = fixture()["published"];
  const auto& x = published["xoshiro256starstar_state_1_2_3_4"].items;
  REQUIRE(x.size() == 10);
  CHECK(to_u64(x[0]) == 11520u);
  CHECK(to_u64(x[3]) == 1215971899390074240ull);
  CHECK(to_u64(published["splitmix64_seed_0"].items[0]) == 0xE220A8397B1DCDAFull);
}

TEST_CASE("the same seed gives the same stream and different seeds differ") {
  Rng a(42), b(42), c(43);
  bool all_equal_to_c = true;
  for (int i = 0; i < 100; ++i) {
    const auto x = a.next_u64();
    CHECK(x == b.next_u64());
    if (x != c.next_u64()) all_equal_to_c = false;
  }
  CHECK_FALSE(all_equal_to_c);
}

TEST_CASE("next_double is a multiple of 2^-53 in [0, 1) with mean one half") {
  Rng rng(1);
  double sum = 0.0;
  const int n = 200000;
  for (int i = 0; i < n; ++i) {
    const double u = rng.next_double();
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
    const double k = u * 0x1.0p53;
    REQUIRE(k == std::floor(k));
    sum += u;
  }
  // Standard error sqrt(1/12/n) ~ 6.5e-4: six of them.
  CHECK(std::fabs(sum / n - 0.5) < 4e-3);
}

TEST_CASE("categorical frequencies converge to the probabilities") {
  SUBCASE("P = [1/2, 1/4, 1/8, 1/16, 1/16]: chi-square below the 0.1% critical value") {
    const std::vector<double> p{0.5, 0.25, 0.125, 0.0625, 0.0625};
    Rng rng(2024);
    const long n = 200000;
    std::vector<long> counts(p.size(), 0);
    for (long i = 0; i < n; ++i) ++counts.at(rng.categorical(p));
    CHECK(chi_square(counts, p, n) < 18.467);  // chi-square(4 dof) at 0.999
    // Not suspiciously perfect either (0.1% lower tail).
    CHECK(chi_square(counts, p, n) > 0.0908);
  }
  SUBCASE("weights 2, 1, 1, 0 that need not sum to 1") {
    const std::vector<double> w{2, 1, 1, 0};
    Rng rng(99);
    const long n = 100000;
    std::vector<long> counts(w.size(), 0);
    for (long i = 0; i < n; ++i) ++counts.at(rng.categorical(w));
    CHECK(counts[3] == 0);
    CHECK(chi_square(counts, {0.5, 0.25, 0.25, 0.0}, n) < 13.816);  // 2 dof at 0.999
  }
  SUBCASE("two weights of 1e308, whose sum overflows, are drawn about equally") {
    Rng rng(5);
    long first = 0;
    const long n = 100000;
    for (long i = 0; i < n; ++i) first += rng.categorical({1e308, 1e308}) == 0 ? 1 : 0;
    CHECK(std::fabs(first / static_cast<double>(n) - 0.5) < 0.01);
  }
}

TEST_CASE("categorical never draws an impossible outcome and says when nothing can be drawn") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  Rng rng(3);
  for (int i = 0; i < 2000; ++i) {
    CHECK(rng.categorical({0.0, 1.0, 0.0}) == 1);
    const std::size_t k = rng.categorical({-1.0, 0.5, nan, 0.5, inf, 0.0});
    CHECK((k == 1 || k == 3));
  }
  CHECK(rng.categorical({}) == 0);
  CHECK(rng.categorical({0.0, 0.0}) == 2);
  CHECK(rng.categorical({-1.0, nan}) == 2);
}

TEST_CASE("categorical consumes exactly one number of the stream per draw") {
  Rng a(11), b(11);
  a.categorical({0.5, 0.5});
  a.categorical({0.0, 0.0});  // even when nothing can be drawn
  b.next_u64();
  b.next_u64();
  CHECK(a.next_u64() == b.next_u64());
}

TEST_CASE("normal variates have mean 0, variance 1 and the 68-95 rule") {
  Rng rng(314159);
  const int n = 200000;
  double sum = 0.0, sum_sq = 0.0;
  int within_one = 0, within_two = 0;
  for (int i = 0; i < n; ++i) {
    const double z = rng.normal();
    REQUIRE(std::isfinite(z));
    sum += z;
    sum_sq += z * z;
    within_one += std::fabs(z) < 1.0;
    within_two += std::fabs(z) < 2.0;
  }
  const double mean = sum / n;
  const double variance = sum_sq / n - mean * mean;
  // Standard errors: mean 2.2e-3, variance 3.2e-3, fractions ~1e-3; five of each.
  CHECK(std::fabs(mean) < 0.012);
  CHECK(std::fabs(variance - 1.0) < 0.016);
  CHECK(std::fabs(within_one / static_cast<double>(n) - std::erf(1.0 / std::sqrt(2.0))) < 0.006);
  CHECK(std::fabs(within_two / static_cast<double>(n) - std::erf(2.0 / std::sqrt(2.0))) < 0.004);
}

TEST_CASE("sample_coding draws from P and averages the lengths of Q's codewords") {
  const std::vector<double> p{0.5, 0.25, 0.125, 0.125};
  const std::vector<double> q{0.125, 0.125, 0.25, 0.5};
  const std::size_t n = 100000;
  const auto run = sample_coding(p, q, n, 42);
  REQUIRE(run.ok());
  REQUIRE(run->outcomes.size() == n);
  REQUIRE(run->running_mean.size() == n);
  const auto code_q = bitruler::huffman(q).value();

  SUBCASE("the settling point is sum p_i len_Q_i = 2.625 bits") {
    CHECK(run->cross_code_length == 2.625);
    CHECK(run->cross_code_length == bitruler::expected_code_length(p, code_q).value());
  }
  SUBCASE("the outcomes are the generator's categorical draws for the same seed") {
    Rng rng(42);
    for (std::size_t k = 0; k < n; ++k) REQUIRE(run->outcomes[k] == static_cast<int>(rng.categorical(p)));
  }
  SUBCASE("each running mean is the exact average of the code lengths so far") {
    long long bits = 0;
    for (std::size_t k = 0; k < n; ++k) {
      bits += code_q.lengths[static_cast<std::size_t>(run->outcomes[k])];
      REQUIRE(run->running_mean[k] == static_cast<double>(bits) / static_cast<double>(k + 1));
    }
  }
  SUBCASE("the running mean converges on sum p_i len_Q_i") {
    // Length variance here is 0.73 bit^2: the standard error at n = 1e5 is 2.7e-3 bit.
    CHECK(std::fabs(run->running_mean.back() - 2.625) < 0.015);
  }
  SUBCASE("it is reproducible per seed and differs across seeds") {
    const auto again = sample_coding(p, q, n, 42);
    CHECK(again->outcomes == run->outcomes);
    CHECK(again->running_mean == run->running_mean);
    CHECK(sample_coding(p, q, 100, 43)->outcomes !=
          std::vector<int>(run->outcomes.begin(), run->outcomes.begin() + 100));
  }
}

TEST_CASE("sample_coding with P's own code settles on L_P, and with a uniform code is constant") {
  const std::vector<double> p{0.7, 0.2, 0.1};
  const auto own = sample_coding(p, p, 50000, 8);
  REQUIRE(own.ok());
  const double lp = bitruler::huffman(p)->expected_length;  // lengths 1,2,2: 1.3 bits
  CHECK(own->cross_code_length == doctest::Approx(lp).epsilon(1e-15));
  CHECK(std::fabs(own->running_mean.back() - 1.3) < 0.015);

  const auto flat = sample_coding({0.5, 0.25, 0.125, 0.125}, std::vector<double>(4, 0.25), 1000, 1);
  REQUIRE(flat.ok());
  for (double m : flat->running_mean) REQUIRE(m == 2.0);
}

TEST_CASE("sample_coding: an outcome without a codeword in Q makes the average infinite") {
  const auto run = sample_coding({0.5, 0.5}, {1.0, 0.0}, 200, 1);
  REQUIRE(run.ok());
  CHECK(std::isinf(run->cross_code_length));
  std::size_t first_one = 0;
  while (first_one < run->outcomes.size() && run->outcomes[first_one] != 1) ++first_one;
  REQUIRE(first_one < run->outcomes.size());
  for (std::size_t k = 0; k < first_one; ++k) CHECK(run->running_mean[k] == 1.0);
  for (std::size_t k = first_one; k < run->outcomes.size(); ++k) CHECK(std::isinf(run->running_mean[k]));
}

TEST_CASE("sample_coding refuses bad input with the core's codes") {
  const std::vector<double> p{0.5, 0.5};
  SUBCASE("LENGTH_MISMATCH") {
    const auto r = sample_coding(p, {0.5, 0.25, 0.25}, 10, 1);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::LENGTH_MISMATCH);
  }
  SUBCASE("OUT_OF_RANGE beyond kMaxCodingSamples draws, accepted at the limit") {
    const auto r = sample_coding(p, p, bitruler::kMaxCodingSamples + 1, 1);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::OUT_OF_RANGE);
    CHECK(r.error().reason == "TOO_MANY_DRAWS");
    CHECK(r.error().limit == static_cast<double>(bitruler::kMaxCodingSamples));
    CHECK(sample_coding(p, p, bitruler::kMaxCodingSamples, 1).ok());
  }
  SUBCASE("NOT_NORMALIZED weights unless normalize is asked") {
    CHECK(sample_coding({2, 1, 1}, {1, 1, 1}, 10, 1).error().code == ErrorCode::NOT_NORMALIZED);
    CHECK(sample_coding({0.5, 0.25, 0.25}, {1, 1, 2}, 10, 1).error().code == ErrorCode::NOT_NORMALIZED);
    const auto r = sample_coding({2, 1, 1}, {1, 1, 2}, 10, 1, /*normalize=*/true);
    REQUIRE(r.ok());
    CHECK(r->cross_code_length == doctest::Approx(0.5 * 2 + 0.25 * 2 + 0.25 * 1).epsilon(1e-15));
  }
  SUBCASE("EMPTY, NEGATIVE, NOT_FINITE") {
    CHECK(sample_coding({}, {}, 10, 1).error().code == ErrorCode::EMPTY);
    CHECK(sample_coding({1.1, -0.1}, p, 10, 1).error().code == ErrorCode::NEGATIVE);
    CHECK(sample_coding(p, {std::numeric_limits<double>::quiet_NaN(), 1.0}, 10, 1).error().code ==
          ErrorCode::NOT_FINITE);
  }
  SUBCASE("zero draws give an empty run that still names the settling point") {
    const auto r = sample_coding(p, p, 0, 1);
    REQUIRE(r.ok());
    CHECK(r->outcomes.empty());
    CHECK(r->running_mean.empty());
    CHECK(r->cross_code_length == 1.0);
  }
}
