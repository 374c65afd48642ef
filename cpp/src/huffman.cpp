// Huffman codes: optimal code lengths and canonical codewords.
//
// Tie-breaking (deterministic, and the reason 8 equal outcomes all get 3 bits): outcomes are
// sorted by (probability, index); the two-queue construction always takes the lighter of the
// next leaf and the next merged node, and on equal weights takes the leaf first. That yields,
// among all optimal codes, one with the smallest longest codeword (minimum-variance Huffman).
// Codewords are canonical: outcomes ordered by (length, index) receive consecutive binary
// numbers, so equal inputs always give equal codewords.
#include "bitruler/huffman.hpp"

#include <utility>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

#include "bitruler/format.hpp"
#include "bitruler/info.hpp"

namespace bitruler {
namespace {

// Adds one to a binary number written as '0'/'1' characters (no overflow: Kraft equality).
void increment(std::string& code) {
  for (std::size_t i = code.size(); i-- > 0;) {
    if (code[i] == '0') { code[i] = '1'; return; }
    code[i] = '0';
  }
}

// Neumaier's compensated sum of p_i * len_i (lengths are small integers, products exact
// up to one rounding), so L is accurate for millions of outcomes.
class CompensatedSum {
 public:
  void add(double x) {
    const double t = sum_ + x;
    if (std::fabs(sum_) >= std::fabs(x)) {
      c_ += (sum_ - t) + x;
    } else {
      c_ += (x - t) + sum_;
    }
    sum_ = t;
  }
  double value() const { return sum_ + c_; }

 private:
  double sum_ = 0.0, c_ = 0.0;
};

// Adds an unsigned integer to a binary number written as '0'/'1' characters (no overflow: the
// canonical numbering never runs past the last codeword of a length).
void add_binary(std::string& code, std::uint64_t amount) {
  for (std::size_t i = code.size(); i-- > 0 && amount != 0;) {
    const std::uint64_t sum = static_cast<std::uint64_t>(code[i] - '0') + (amount & 1u);
    code[i] = static_cast<char>('0' + (sum & 1u));
    amount = (amount >> 1) + (sum >> 1);
  }
}

// Sorts v by `less` (a strict total order: the result is the one order there is) in place, in
// O(n log n) at worst: heapsort, a few lines where std::sort's introsort is a kilobyte of code.
template <class T, class Less>
void heap_sort(std::vector<T>& v, Less less) {
  const std::size_t n = v.size();
  // Moves v[i] down the heap of the first `size` elements.
  const auto sift = [&](std::size_t i, std::size_t size) {
    for (std::size_t child; (child = 2 * i + 1) < size; i = child) {
      if (child + 1 < size && less(v[child], v[child + 1])) ++child;
      if (!less(v[i], v[child])) return;
      std::swap(v[i], v[child]);
    }
  };
  for (std::size_t i = n / 2; i-- > 0;) sift(i, n);
  for (std::size_t end = n; end > 1;) {
    std::swap(v[0], v[--end]);
    sift(0, end);
  }
}

}  // namespace

// Code lengths by Moffat and Katajainen's in-place method ("In-place calculation of
// minimum-redundancy codes", 1995) on the sorted weights: phase 1 turns the array into parent
// pointers (a merged node is taken before the next leaf only when strictly lighter: the tie rule
// above), phase 2 into internal depths, phase 3 into leaf depths. One array of doubles, no
// per-node parent or depth arrays: 12 bytes per outcome of positive probability.
Result<HuffmanCode> huffman_lengths(const std::vector<double>& p, bool normalize) {
  using R = Result<HuffmanCode>;
  if (static_cast<double>(p.size()) > kMaxHuffmanOutcomes)
    return R::failure(Error{ErrorCode::OUT_OF_RANGE,
                            message("A code can have at most $ outcomes; P has $.",
                                    {static_cast<std::uint64_t>(kMaxHuffmanOutcomes), p.size()}),
                            "TOO_MANY_OUTCOMES", kMaxHuffmanOutcomes});
  std::vector<double> rescaled;
  const auto in_use = distribution_in_use(p, normalize, rescaled);
  if (!in_use) return R::failure(in_use);
  const std::vector<double>& q = **in_use;
  const std::size_t n = q.size();

  HuffmanCode code;
  code.lengths.assign(n, 0);
  {
    // Leaves: outcomes of positive probability, lightest first, ties by index.
    std::vector<std::uint32_t> leaves;
    leaves.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
      if (q[i] > 0.0) leaves.push_back(static_cast<std::uint32_t>(i));
    }
    heap_sort(leaves, [&](std::uint32_t a, std::uint32_t b) { return q[a] != q[b] ? q[a] < q[b] : a < b; });
    const std::size_t m = leaves.size();  // >= 1: a validated distribution sums to 1
    if (m == 1) {
      code.lengths[leaves[0]] = 1;
    } else {
      std::vector<double> a(m);
      for (std::size_t k = 0; k < m; ++k) a[k] = q[leaves[k]];
      // Phase 1: a[next] becomes the weight of merged node `next`; a[root] the parent of node root.
      a[0] += a[1];
      std::size_t root = 0, leaf = 2;
      for (std::size_t next = 1; next + 1 < m; ++next) {
        if (leaf >= m || a[root] < a[leaf]) {
          a[next] = a[root];
          a[root++] = static_cast<double>(next);
        } else {
          a[next] = a[leaf++];
        }
        if (leaf >= m || (root < next && a[root] < a[leaf])) {
          a[next] += a[root];
          a[root++] = static_cast<double>(next);
        } else {
          a[next] += a[leaf++];
        }
      }
      // Phase 2: depths of the merged nodes (the root, node m - 2, has depth 0).
      a[m - 2] = 0.0;
      for (std::size_t next = m - 2; next-- > 0;) a[next] = a[static_cast<std::size_t>(a[next])] + 1.0;
      // Phase 3: leaf depths, heaviest leaves (at the end) shallowest.
      std::size_t avail = 1, used = 0, depth = 0;
      std::ptrdiff_t internal = static_cast<std::ptrdiff_t>(m) - 2;
      std::ptrdiff_t next = static_cast<std::ptrdiff_t>(m) - 1;
      while (avail > 0) {
        while (internal >= 0 && a[static_cast<std::size_t>(internal)] == static_cast<double>(depth)) {
          ++used;
          --internal;
        }
        while (avail > used) {
          a[static_cast<std::size_t>(next--)] = static_cast<double>(depth);
          --avail;
        }
        avail = 2 * used;
        ++depth;
        used = 0;
      }
      for (std::size_t k = 0; k < m; ++k) code.lengths[leaves[k]] = static_cast<int>(a[k]);
    }
  }
  CompensatedSum sum;
  for (std::size_t i = 0; i < n; ++i) sum.add(q[i] * code.lengths[i]);
  code.expected_length = sum.value();
  return R::success(std::move(code));
}

Result<HuffmanCode> huffman(const std::vector<double>& p, bool normalize) {
  Result<HuffmanCode> r = huffman_lengths(p, normalize);
  if (!r) return r;
  HuffmanCode& code = r.value();
  code.codewords.resize(code.lengths.size());
  CanonicalCodewords words(code.lengths);
  for (std::string& w : code.codewords) w = words.next();
  return r;
}

CanonicalCodewords::CanonicalCodewords(const std::vector<int>& lengths) : lengths_(lengths) {
  int longest = 0;
  for (int len : lengths) longest = len > longest ? len : longest;
  std::vector<std::uint64_t> count(static_cast<std::size_t>(longest) + 1, 0);
  for (int len : lengths) {
    if (len > 0) ++count[static_cast<std::size_t>(len)];
  }
  // first(1) = 0; first(len + 1) = (first(len) + count(len)) * 2, as binary strings.
  next_of_length_.resize(count.size());
  std::string first;
  for (std::size_t len = 1; len < count.size(); ++len) {
    if (len > 1) {
      add_binary(first, count[len - 1]);
    }
    first.push_back('0');
    if (count[len] > 0) next_of_length_[len] = first;
  }
}

const std::string& CanonicalCodewords::next() {
  const int len = index_ < lengths_.size() ? lengths_[index_] : 0;
  ++index_;
  if (len <= 0) {
    current_.clear();
    return current_;
  }
  std::string& slot = next_of_length_[static_cast<std::size_t>(len)];
  current_ = slot;
  increment(slot);
  return current_;
}

Result<double> expected_code_length(const std::vector<double>& p, const HuffmanCode& code_for_q) {
  auto checked = validate_distribution(p);
  if (!checked) return Result<double>::failure(checked);
  const std::vector<double>& pd = p;
  if (code_for_q.lengths.size() != pd.size()) {
    return Result<double>::failure(
        ErrorCode::LENGTH_MISMATCH,
        message("P has $ outcomes but the code has $ codeword lengths.", {pd.size(), code_for_q.lengths.size()}));
  }
  CompensatedSum sum;
  for (std::size_t i = 0; i < pd.size(); ++i) {
    const int len = code_for_q.lengths[i];
    if (len < 0) {
      Error e{ErrorCode::OUT_OF_RANGE,
              message("Codeword length $ is negative; lengths are 0 or more.", {i + 1}), "NEGATIVE", 0.0};
      e.index = static_cast<long long>(i);
      return Result<double>::failure(std::move(e));
    }
    if (pd[i] > 0.0 && len == 0) {
      // An outcome that happens but has no codeword cannot be sent at any finite cost.
      return Result<double>::success(std::numeric_limits<double>::infinity());
    }
    sum.add(pd[i] * len);
  }
  return Result<double>::success(sum.value());
}

}  // namespace bitruler
