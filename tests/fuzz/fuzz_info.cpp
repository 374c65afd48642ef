// libFuzzer target: entropy, cross-entropy, KL, info_terms and Huffman codes on fuzzed doubles
// (tests/fuzz/run.mjs builds it with clang, -fsanitize=fuzzer,address,undefined).
//
// Input: one flag byte, then 8-byte doubles split evenly into P and Q. Flags: bit 0 normalize,
// bits 1-2 base (2, e, 10, 3.7), bit 3 Q := P, bit 4 "tame" (each double made a finite
// non-negative weight, so that most inputs reach the numerics instead of being refused).
// Invariants checked on every input the functions accept:
//   0 <= H(P) <= log_b(n) (+ rounding, and what a sum within kSumTolerance of 1 allows: an entry
//   up to 1 + 1e-9 makes H down to -1e-9 / ln b);  D(P||Q) >= 0, and exactly 0 when Q is P;
//   H(P,Q) = H(P) + D(P||Q) within 1e-12 relative + 1e-15 nats (both +infinity together), except
//   where D is clamped at 0: then H(P,Q) - H(P) lies in [-2.1e-9 nats, 1e-15 nats] (P and Q sum
//   to 1 only within kSumTolerance);
//   info_terms' totals are entropy(), cross_entropy(), kl_divergence() bit for bit, and its rows
//   add up to them;  every function refuses the same input with the same code;
//   Huffman: a codeword exactly for each outcome of positive probability, of its length, the
//   code prefix-free and complete (Kraft sum exactly 1, checked exactly), and
//   H2(P) <= expected length < H2(P) + 1 (= only for a single outcome), which
//   expected_code_length(P, code of P) reproduces.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "bitruler/huffman.hpp"
#include "bitruler/info.hpp"

namespace {

[[noreturn]] void fail(const char* what, int line) {
  std::fprintf(stderr, "invariant broken (fuzz_info.cpp:%d): %s\n", line, what);
  std::abort();
}
#define CHECK(cond) \
  do {              \
    if (!(cond)) fail(#cond, __LINE__); \
  } while (0)

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

double tame(double x) {
  if (std::isnan(x)) return 0.5;
  x = std::fabs(x);
  return std::isinf(x) ? 1.0 : x;
}

// Exactly: is a multiset of codeword lengths (all >= 1) a complete prefix code (Kraft sum 1)?
bool kraft_complete(const std::vector<int>& lengths) {
  int max_len = 0;
  for (int l : lengths) max_len = std::max(max_len, l);
  std::vector<std::uint64_t> count(static_cast<std::size_t>(max_len) + 1, 0);
  for (int l : lengths) if (l > 0) ++count[static_cast<std::size_t>(l)];
  std::uint64_t carry = 0;  // nodes at the current depth
  for (int len = max_len; len >= 1; --len) {
    const std::uint64_t nodes = count[static_cast<std::size_t>(len)] + carry;
    if (nodes % 2 != 0) return false;
    carry = nodes / 2;
  }
  return carry == 1;
}

void check_huffman(const std::vector<double>& p, bool normalize, const bitruler::Result<double>& h2) {
  const auto code = bitruler::huffman(p, normalize);
  const auto dist = bitruler::as_distribution(p, normalize);
  CHECK(static_cast<bool>(code) == static_cast<bool>(dist));
  if (!code) {
    CHECK(code.error().code == dist.error().code);
    return;
  }
  CHECK(h2);
  const std::vector<double>& q = *dist;
  const std::size_t n = q.size();
  CHECK(code->lengths.size() == n && code->codewords.size() == n);
  std::vector<std::string> words;
  std::vector<int> lengths;
  for (std::size_t i = 0; i < n; ++i) {
    CHECK((code->lengths[i] > 0) == (q[i] > 0));
    CHECK(code->codewords[i].size() == static_cast<std::size_t>(code->lengths[i]));
    if (q[i] > 0) {
      words.push_back(code->codewords[i]);
      lengths.push_back(code->lengths[i]);
    }
  }
  std::sort(words.begin(), words.end());
  for (std::size_t k = 1; k < words.size(); ++k) {
    CHECK(words[k].compare(0, words[k - 1].size(), words[k - 1]) != 0);  // prefix-free
  }
  if (words.size() >= 2) CHECK(kraft_complete(lengths));
  else CHECK(lengths.size() == 1 && lengths[0] == 1);
  const double L = code->expected_length;
  // Rounding, plus what a P summing to 1 + d (|d| <= kSumTolerance, without normalize) allows:
  // L - H >= S log2 S >= -1.45 |d| bits (Gibbs), and an entry 1 + d with a 1-bit codeword adds
  // (1 + d)(1 + log2(1 + d)) - 1 = 2.45 d to L - H.
  const double tol = 1e-12 * std::max(1.0, L) + (normalize ? 0.0 : 3 * bitruler::kSumTolerance);
  CHECK(L >= *h2 - tol);
  CHECK(words.size() == 1 ? std::fabs(L - 1) <= tol : L < *h2 + 1 + tol);
  const auto again = bitruler::expected_code_length(q, *code);
  CHECK(again && std::fabs(*again - L) <= tol);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1 + 8) return 0;
  const std::uint8_t flags = data[0];
  const bool normalize = flags & 1;
  const double bases[] = {2.0, 2.718281828459045, 10.0, 3.7};
  const double base = bases[(flags >> 1) & 3];
  const bool q_is_p = flags & 8;
  const bool tamed = flags & 16;
  const std::size_t count = (size - 1) / 8;
  std::vector<double> values(count);
  std::memcpy(values.data(), data + 1, count * 8);
  if (tamed) for (double& v : values) v = tame(v);
  const std::size_t half = q_is_p ? count : (count + 1) / 2;
  const std::vector<double> p(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(half));
  std::vector<double> q = q_is_p ? p : std::vector<double>(values.begin() + static_cast<std::ptrdiff_t>(half), values.end());
  if (!q_is_p) q.resize(p.size(), 0.0);  // same length (a short Q is padded with zeros)

  bitruler::Options options;
  options.base = base;
  options.normalize = normalize;
  const auto h = bitruler::entropy(p, options);
  const auto ce = bitruler::cross_entropy(p, q, options);
  const auto kl = bitruler::kl_divergence(p, q, options);
  const auto terms = bitruler::info_terms(p, &q, options);
  const auto terms_p = bitruler::info_terms(p, nullptr, options);

  // The same input is refused the same way by every function.
  CHECK(static_cast<bool>(ce) == static_cast<bool>(kl));
  CHECK(static_cast<bool>(terms) == static_cast<bool>(ce));
  CHECK(static_cast<bool>(terms_p) == static_cast<bool>(h));
  if (!ce) {
    CHECK(kl.error().code == ce.error().code && terms.error().code == ce.error().code);
  }
  if (!h) CHECK(terms_p.error().code == h.error().code);
  if (ce) CHECK(h);  // Q cannot make P acceptable

  if (h) {
    const double log_n = std::log(static_cast<double>(p.size())) / std::log(base);
    // log_b(n) bounds H for P summing to exactly 1; P may sum to 1 + d, |d| <= kSumTolerance, and
    // then H <= S log(n / S) (S = 1 + d) <= log_b(n) + d (log_b(n) + 1 / ln b).
    const double slack = bitruler::kSumTolerance * (log_n + 1 / std::log(base)) * 1.01;
    // And H >= 0, also when one entry exceeds 1 by up to kSumTolerance (P sums to 1 within it) and
    // its term -p log p is slightly negative: the core clamps at 0. (Found by this target:
    // entropy([8.5e-314, 2e-314, 1 + 1.4e-14]) was -2.0e-14 bits.)
    CHECK(std::isfinite(*h) && *h >= 0 && *h <= log_n * (1 + 1e-12) + slack + 1e-300);
    CHECK(same_bits(terms_p->entropy, *h));
    double rows = 0, magnitude = 0;
    for (double t : terms_p->entropy_terms) {
      rows += t;
      magnitude += std::fabs(t);  // a term is negative only for an entry above 1
    }
    // H is the rows' sum clamped at 0 (the case above)
    CHECK(std::fabs(std::max(rows, 0.0) - *h) <= 1e-12 * magnitude + 1e-300);
  }
  if (ce) {
    CHECK(*kl >= 0);
    if (q_is_p) CHECK(*kl == 0);
    CHECK(std::isinf(*ce) == std::isinf(*kl));
    if (std::isfinite(*ce)) {
      // Relative 1e-12, and an absolute 1e-15 nats: kl_divergence sums p*phi(q/p) and p - q
      // separately, so where sum(p) and sum(q) differ in their last bits it is accurate to about
      // 1e-16 nats absolutely, not relatively. (Found by this target: normalized P and Q that
      // differ only by mass near 1e-25 in Q and 1e-140 in P have D = 8.8e-138 bits, returned 0.)
      const double rounding = 1e-12 * (*ce + *h + *kl) + 1e-15 / std::log(base);
      if (*kl > 0) {
        CHECK(std::fabs(*ce - (*h + *kl)) <= rounding);
      } else {
        // KL is clamped at 0. Its raw sum can be a little below 0 only because P and Q sum to 1
        // within kSumTolerance (or rounding, with normalize), not exactly: by the log-sum
        // inequality it is >= sum(p) ln(sum(p) / sum(q)) >= -2.1e-9 nats.
        CHECK(*ce - *h <= rounding);
        CHECK(*ce - *h >= -2.1e-9 / std::log(base) - rounding);
      }
    }
    CHECK(same_bits(terms->entropy, *h));
    CHECK(same_bits(terms->cross_entropy, *ce));
    CHECK(same_bits(terms->kl, *kl));
  }

  bitruler::Options bits = options;
  bits.base = 2.0;
  check_huffman(p, normalize, bitruler::entropy(p, bits));
  return 0;
}
