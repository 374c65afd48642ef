// Huffman codes: known codes, optimality, Kraft, prefix-freeness, and the cost of the wrong code.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <queue>
#include <string>
#include <vector>

#include "bitruler/huffman.hpp"
#include "bitruler/info.hpp"
#include "bitruler/random.hpp"

using bitruler::ErrorCode;
using bitruler::expected_code_length;
using bitruler::huffman;
using bitruler::HuffmanCode;

namespace {

// Sum of 2^-len over the outcomes that have a codeword, exactly (lengths are small here).
double kraft_sum(const HuffmanCode& code) {
  double s = 0.0;
  for (int len : code.lengths) {
    if (len > 0) s += std::ldexp(1.0, -len);
  }
  return s;
}

// No codeword is a prefix of another: after sorting, it suffices to compare neighbours.
bool prefix_free(const HuffmanCode& code) {
  std::vector<std::string> words;
  for (const auto& w : code.codewords) {
    if (!w.empty()) words.push_back(w);
  }
  std::sort(words.begin(), words.end());
  for (std::size_t i = 1; i < words.size(); ++i) {
    if (words[i].compare(0, words[i - 1].size(), words[i - 1]) == 0) return false;
  }
  return true;
}

// Independent reference for the optimal expected length: with a binary heap, L equals the
// sum of the weights of all merged nodes (each merge adds one bit to everything below it).
double reference_optimal_length(const std::vector<double>& p) {
  std::priority_queue<double, std::vector<double>, std::greater<double>> heap;
  for (double x : p) {
    if (x > 0.0) heap.push(x);
  }
  if (heap.size() == 1) return 1.0;  // the single-outcome convention: one bit
  double total = 0.0;
  while (heap.size() > 1) {
    const double a = heap.top(); heap.pop();
    const double b = heap.top(); heap.pop();
    total += a + b;
    heap.push(a + b);
  }
  return total;
}

// A random distribution with n outcomes, some of them zero, summing to 1 after normalize().
std::vector<double> random_distribution(bitruler::Rng& rng, std::size_t n, bool with_zeros) {
  std::vector<double> w(n);
  for (auto& x : w) {
    const double u = rng.next_double();
    x = (with_zeros && u < 0.15) ? 0.0 : std::pow(u, 3.0) + 1e-6;  // skewed, never all zero
  }
  return bitruler::normalize(w).value();
}

}  // namespace

TEST_CASE("a dyadic distribution gets code lengths equal to its surprisals") {
  const auto r = huffman({0.5, 0.25, 0.125, 0.125});
  REQUIRE(r.ok());
  CHECK(r->lengths == std::vector<int>{1, 2, 3, 3});
  CHECK(r->codewords == std::vector<std::string>{"0", "10", "110", "111"});
  CHECK(r->expected_length == 1.75);
  CHECK(r->expected_length == bitruler::entropy({0.5, 0.25, 0.125, 0.125}).value());
}

TEST_CASE("eight equally likely teams get three bits each") {
  const std::vector<double> p(8, 0.125);
  const auto r = huffman(p);
  REQUIRE(r.ok());
  CHECK(r->lengths == std::vector<int>(8, 3));
  CHECK(r->codewords ==
        std::vector<std::string>{"000", "001", "010", "011", "100", "101", "110", "111"});
  CHECK(r->expected_length == 3.0);
}

TEST_CASE("ties are broken the same way every time, preferring the shallower tree") {
  SUBCASE("five equal outcomes: lengths 2,2,2,3,3 rather than a deeper optimal code") {
    const auto r = huffman(std::vector<double>(5, 0.2));
    REQUIRE(r.ok());
    std::vector<int> sorted = r->lengths;
    std::sort(sorted.begin(), sorted.end());
    CHECK(sorted == std::vector<int>{2, 2, 2, 3, 3});
    CHECK(r->expected_length == doctest::Approx(2.4).epsilon(1e-15));
  }
  SUBCASE("[0.4, 0.2, 0.2, 0.1, 0.1]: minimum-variance lengths 2,2,2,3,3, not 1,2,3,4,4") {
    const auto r = huffman({0.4, 0.2, 0.2, 0.1, 0.1});
    REQUIRE(r.ok());
    CHECK(r->lengths == std::vector<int>{2, 2, 2, 3, 3});
    CHECK(r->expected_length == doctest::Approx(2.2).epsilon(1e-15));
  }
  SUBCASE("the same input gives identical codewords on a second call") {
    const std::vector<double> p{0.3, 0.1, 0.1, 0.2, 0.1, 0.2};
    CHECK(huffman(p)->codewords == huffman(p)->codewords);
  }
  SUBCASE("canonical codewords: equal lengths are numbered in outcome order") {
    const auto r = huffman({0.125, 0.5, 0.125, 0.25});
    REQUIRE(r.ok());
    CHECK(r->codewords == std::vector<std::string>{"110", "0", "111", "10"});
  }
}

TEST_CASE("the article's France and China need one bit each although H is 0.0808 bit") {
  const auto r = huffman({0.99, 0.01});
  REQUIRE(r.ok());
  CHECK(r->lengths == std::vector<int>{1, 1});
  CHECK(r->codewords == std::vector<std::string>{"0", "1"});
  CHECK(r->expected_length == doctest::Approx(1.0).epsilon(1e-15));
  const double h = bitruler::entropy({0.99, 0.01}).value();
  CHECK(h == doctest::Approx(0.0808).epsilon(1e-3));
  CHECK(h <= r->expected_length);
  CHECK(r->expected_length < h + 1);
}

TEST_CASE("outcomes of probability zero get no codeword") {
  SUBCASE("between two halves") {
    const auto r = huffman({0.5, 0.0, 0.5});
    REQUIRE(r.ok());
    CHECK(r->lengths == std::vector<int>{1, 0, 1});
    CHECK(r->codewords == std::vector<std::string>{"0", "", "1"});
  }
  SUBCASE("a certain outcome among impossible ones is sent as \"0\"") {
    const auto r = huffman({0.0, 1.0, 0.0});
    REQUIRE(r.ok());
    CHECK(r->lengths == std::vector<int>{0, 1, 0});
    CHECK(r->codewords == std::vector<std::string>{"", "0", ""});
    CHECK(r->expected_length == 1.0);
  }
  SUBCASE("a single outcome") {
    const auto r = huffman({1.0});
    REQUIRE(r.ok());
    CHECK(r->lengths == std::vector<int>{1});
    CHECK(r->codewords == std::vector<std::string>{"0"});
  }
}

TEST_CASE("random distributions: Kraft equality, prefix-free, optimal, H <= L < H + 1") {
  bitruler::Rng rng(20260101);
  for (int trial = 0; trial < 300; ++trial) {
    const std::size_t n = 2 + static_cast<std::size_t>(rng.next_u64() % 60);
    const auto p = random_distribution(rng, n, trial % 2 == 0);
    const auto r = huffman(p);
    CAPTURE(trial);
    CAPTURE(n);
    REQUIRE(r.ok());
    const auto positive = std::count_if(p.begin(), p.end(), [](double x) { return x > 0.0; });
    if (positive >= 2) CHECK(kraft_sum(*r) == 1.0);
    CHECK(prefix_free(*r));
    for (std::size_t i = 0; i < n; ++i) {
      CHECK((p[i] > 0.0) == (r->lengths[i] > 0));
      CHECK(r->codewords[i].size() == static_cast<std::size_t>(r->lengths[i]));
      CHECK(r->codewords[i].find_first_not_of("01") == std::string::npos);
    }
    CHECK(r->expected_length == doctest::Approx(reference_optimal_length(p)).epsilon(1e-13));
    const double h = bitruler::entropy(p).value();
    CHECK(h <= r->expected_length + 1e-12);
    if (positive >= 2) {
      CHECK(r->expected_length < h + 1.0);
    } else {
      // One possible outcome: H = 0 and the one-bit convention makes L = H + 1 exactly.
      CHECK(h == 0.0);
      CHECK(r->expected_length == 1.0);
    }
  }
}

TEST_CASE("a dyadic distribution with 200 outcomes gets codewords longer than 64 bits") {
  // p_i = 2^-(i+1), the last two equal: lengths 1, 2, ..., 199, 199 and L = H exactly.
  std::vector<double> p(200);
  for (std::size_t i = 0; i < 199; ++i) p[i] = std::ldexp(1.0, -static_cast<int>(i) - 1);
  p[199] = p[198];
  const auto r = huffman(p);
  REQUIRE(r.ok());
  for (std::size_t i = 0; i < 199; ++i) CHECK(r->lengths[i] == static_cast<int>(i) + 1);
  CHECK(r->lengths[199] == 199);
  CHECK(r->codewords[198] == std::string(198, '1') + "0");
  CHECK(r->codewords[199] == std::string(199, '1'));
  CHECK(kraft_sum(*r) == 1.0);
  CHECK(prefix_free(*r));
  CHECK(r->expected_length == doctest::Approx(bitruler::entropy(p).value()).epsilon(1e-15));
}

TEST_CASE("a hundred thousand equal outcomes get 16 or 17 bits") {
  const std::size_t n = 100000;
  const auto r = huffman(std::vector<double>(n, 1.0), /*normalize=*/true);
  REQUIRE(r.ok());
  const auto [lo, hi] = std::minmax_element(r->lengths.begin(), r->lengths.end());
  CHECK(*lo == 16);
  CHECK(*hi == 17);
  CHECK(kraft_sum(*r) == 1.0);
  // 2^17 - 100000 = 31072 outcomes get 16 bits.
  CHECK(std::count(r->lengths.begin(), r->lengths.end(), 16) == 31072);
}

TEST_CASE("encoding P with the code built for Q never beats P's own code") {
  bitruler::Rng rng(7);
  for (int trial = 0; trial < 300; ++trial) {
    const std::size_t n = 2 + static_cast<std::size_t>(rng.next_u64() % 20);
    const auto p = random_distribution(rng, n, false);
    const auto q = random_distribution(rng, n, false);
    const auto code_p = huffman(p);
    const auto code_q = huffman(q);
    REQUIRE(code_p.ok());
    REQUIRE(code_q.ok());
    const auto cost = expected_code_length(p, *code_q);
    REQUIRE(cost.ok());
    CAPTURE(trial);
    CHECK(cost.value() >= code_p->expected_length - 1e-12);
    CHECK(expected_code_length(p, *code_p).value() ==
          doctest::Approx(code_p->expected_length).epsilon(1e-15));
  }
  SUBCASE("a worked example: P = [1/2,1/4,1/8,1/8] with the code for Q = [1/8,1/8,1/4,1/2]") {
    const auto code_q = huffman({0.125, 0.125, 0.25, 0.5});
    REQUIRE(code_q.ok());
    CHECK(code_q->lengths == std::vector<int>{3, 3, 2, 1});
    // 1/2*3 + 1/4*3 + 1/8*2 + 1/8*1 = 2.625 bits, against L_P = H(P) = 1.75 bits.
    CHECK(expected_code_length({0.5, 0.25, 0.125, 0.125}, *code_q).value() == 2.625);
  }
}

TEST_CASE("an outcome that happens but has no codeword costs infinitely many bits") {
  const auto code_q = huffman({1.0, 0.0});
  REQUIRE(code_q.ok());
  const auto cost = expected_code_length({0.5, 0.5}, *code_q);
  REQUIRE(cost.ok());
  CHECK(std::isinf(cost.value()));
  CHECK(cost.value() > 0);
  // The other way round is finite: outcomes of P = 0 are never sent.
  const auto code_full = huffman({0.5, 0.5});
  CHECK(expected_code_length({1.0, 0.0}, *code_full).value() == 1.0);
}

TEST_CASE("bad distributions are refused by huffman with the core's codes") {
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  SUBCASE("EMPTY") { CHECK(huffman({}).error().code == ErrorCode::EMPTY); }
  SUBCASE("NEGATIVE") { CHECK(huffman({0.5, 0.6, -0.1}).error().code == ErrorCode::NEGATIVE); }
  SUBCASE("NOT_FINITE") {
    CHECK(huffman({0.5, nan, 0.5}).error().code == ErrorCode::NOT_FINITE);
    CHECK(huffman({inf, 1.0}, true).error().code == ErrorCode::NOT_FINITE);
  }
  SUBCASE("NOT_NORMALIZED without normalize; rescaled with it") {
    CHECK(huffman({2, 1, 1}).error().code == ErrorCode::NOT_NORMALIZED);
    const auto r = huffman({2, 1, 1}, true);
    REQUIRE(r.ok());
    CHECK(r->lengths == std::vector<int>{1, 2, 2});
    CHECK(r->expected_length == 1.5);
  }
  SUBCASE("weights that sum to zero cannot be normalized") {
    const auto r = huffman({0.0, 0.0}, true);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::OUT_OF_RANGE);
  }
  SUBCASE("two weights of 1e308 are one bit each") {
    const auto r = huffman({1e308, 1e308}, true);
    REQUIRE(r.ok());
    CHECK(r->lengths == std::vector<int>{1, 1});
  }
}

TEST_CASE("expected_code_length refuses bad P and a code of the wrong size") {
  const auto code = huffman({0.5, 0.25, 0.25});
  REQUIRE(code.ok());
  SUBCASE("LENGTH_MISMATCH") {
    const auto r = expected_code_length({0.5, 0.5}, *code);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::LENGTH_MISMATCH);
    CHECK(r.error().message.find("3") != std::string::npos);
  }
  SUBCASE("NOT_NORMALIZED") {
    CHECK(expected_code_length({2, 1, 1}, *code).error().code == ErrorCode::NOT_NORMALIZED);
  }
  SUBCASE("NEGATIVE") {
    CHECK(expected_code_length({0.5, 0.6, -0.1}, *code).error().code == ErrorCode::NEGATIVE);
  }
  SUBCASE("EMPTY") { CHECK(expected_code_length({}, *code).error().code == ErrorCode::EMPTY); }
  SUBCASE("OUT_OF_RANGE for a hand-built code with a negative length") {
    HuffmanCode broken = *code;
    broken.lengths[1] = -2;
    CHECK(expected_code_length({0.5, 0.25, 0.25}, broken).error().code == ErrorCode::OUT_OF_RANGE);
  }
}

namespace {

// The construction this file's tests were first written against (two FIFO queues with per-node
// parent and depth arrays, leaves first on ties, canonical codewords by (length, index)), kept as
// a reference for the in-place lengths and the streamed codewords that replaced it.
HuffmanCode reference_code(const std::vector<double>& q) {
  const std::size_t n = q.size();
  HuffmanCode code;
  code.lengths.assign(n, 0);
  code.codewords.assign(n, std::string());
  std::vector<std::size_t> leaves;
  for (std::size_t i = 0; i < n; ++i)
    if (q[i] > 0.0) leaves.push_back(i);
  std::sort(leaves.begin(), leaves.end(),
            [&](std::size_t a, std::size_t b) { return q[a] != q[b] ? q[a] < q[b] : a < b; });
  const std::size_t m = leaves.size();
  if (m == 1) {
    code.lengths[leaves[0]] = 1;
    code.codewords[leaves[0]] = "0";
    return code;
  }
  std::vector<double> weight(2 * m - 1);
  std::vector<std::size_t> parent(2 * m - 1, 0);
  for (std::size_t k = 0; k < m; ++k) weight[k] = q[leaves[k]];
  std::size_t next_leaf = 0, next_merged = m, created = m;
  const auto take = [&]() {
    if (next_leaf < m && (next_merged >= created || weight[next_leaf] <= weight[next_merged])) return next_leaf++;
    return next_merged++;
  };
  for (; created < 2 * m - 1; ++created) {
    const std::size_t a = take(), b = take();
    weight[created] = weight[a] + weight[b];
    parent[a] = parent[b] = created;
  }
  std::vector<int> depth(2 * m - 1, 0);
  for (std::size_t k = 2 * m - 2; k-- > 0;) depth[k] = depth[parent[k]] + 1;
  for (std::size_t k = 0; k < m; ++k) code.lengths[leaves[k]] = depth[k];
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < n; ++i)
    if (code.lengths[i] > 0) order.push_back(i);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return code.lengths[a] < code.lengths[b]; });
  std::string current;
  for (std::size_t k = 0; k < order.size(); ++k) {
    if (k > 0) {
      for (std::size_t i = current.size(); i-- > 0;) {
        if (current[i] == '0') { current[i] = '1'; break; }
        current[i] = '0';
      }
    }
    current.resize(static_cast<std::size_t>(code.lengths[order[k]]), '0');
    code.codewords[order[k]] = current;
  }
  return code;
}

}  // namespace

TEST_CASE("the in-place construction gives exactly the codes of the two-queue reference, ties included") {
  bitruler::Rng rng(99);
  int compared = 0;
  for (int trial = 0; trial < 3000; ++trial) {
    const std::size_t n = 1 + rng.next_u64() % (trial < 2000 ? 40 : 3000);
    std::vector<double> w(n);
    const int style = trial % 4;
    for (auto& x : w) {
      const double u = rng.next_double();
      if (style == 0) x = std::floor(u * 4.0);                 // few distinct values: many ties, zeros
      else if (style == 1) x = std::ldexp(1.0, -static_cast<int>(u * 60));  // dyadic, deep trees
      else if (style == 2) x = u;
      else x = std::pow(u, 8.0);
    }
    if (std::all_of(w.begin(), w.end(), [](double x) { return x == 0.0; })) w[0] = 1.0;
    CAPTURE(trial);
    const auto got = huffman(w, true);
    REQUIRE(got.ok());
    const HuffmanCode want = reference_code(bitruler::normalize(w).value());
    CHECK(got->lengths == want.lengths);
    CHECK(got->codewords == want.codewords);
    const auto lengths_only = bitruler::huffman_lengths(w, true);
    REQUIRE(lengths_only.ok());
    CHECK(lengths_only->lengths == want.lengths);
    CHECK(lengths_only->codewords.empty());
    CHECK(lengths_only->expected_length == got->expected_length);
    ++compared;
  }
  CHECK(compared == 3000);
}

TEST_CASE("canonical codewords stream from the lengths alone") {
  const std::vector<int> lengths = {2, 0, 1, 3, 3};
  bitruler::CanonicalCodewords words(lengths);
  CHECK(words.next() == "10");
  CHECK(words.next() == "");
  CHECK(words.next() == "0");
  CHECK(words.next() == "110");
  CHECK(words.next() == "111");
  CHECK(words.next() == "");  // past the end
  SUBCASE("a million equal outcomes: 20-bit codewords numbered in order") {
    const auto code = bitruler::huffman_lengths(std::vector<double>(1 << 20, 1.0 / (1 << 20)));
    REQUIRE(code.ok());
    bitruler::CanonicalCodewords all(code->lengths);
    CHECK(all.next() == std::string(20, '0'));
    CHECK(all.next() == std::string(19, '0') + "1");
    for (int i = 2; i < (1 << 20) - 1; ++i) all.next();
    CHECK(all.next() == std::string(20, '1'));
  }
}
