// Huffman codes: optimal code lengths and canonical codewords.
//
// Tie-breaking (deterministic, and the reason 8 equal outcomes all get 3 bits): outcomes are
// sorted by (probability, index); the two-queue construction always takes the lighter of the
// next leaf and the next merged node, and on equal weights takes the leaf first. That yields,
// among all optimal codes, one with the smallest longest codeword (minimum-variance Huffman).
// Codewords are canonical: outcomes ordered by (length, index) receive consecutive binary
// numbers, so equal inputs always give equal codewords.
#include "bitruler/huffman.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

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

}  // namespace

Result<HuffmanCode> huffman(const std::vector<double>& p, bool normalize) {
  auto checked = as_distribution(p, normalize);
  if (!checked) return Result<HuffmanCode>::failure(checked);
  const std::vector<double>& q = checked.value();
  const std::size_t n = q.size();

  HuffmanCode code;
  code.lengths.assign(n, 0);
  code.codewords.assign(n, std::string());

  // Leaves: outcomes of positive probability, lightest first, ties by index.
  std::vector<std::size_t> leaves;
  leaves.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (q[i] > 0.0) leaves.push_back(i);
  }
  std::sort(leaves.begin(), leaves.end(),
            [&](std::size_t a, std::size_t b) { return q[a] != q[b] ? q[a] < q[b] : a < b; });
  const std::size_t m = leaves.size();  // >= 1: a validated distribution sums to 1

  if (m == 1) {
    code.lengths[leaves[0]] = 1;
    code.codewords[leaves[0]] = "0";
  } else {
    // Nodes 0..m-1 are the sorted leaves, m..2m-2 the merged nodes in creation order;
    // merged weights never decrease, so two FIFO queues replace a heap.
    std::vector<double> weight(2 * m - 1);
    std::vector<std::size_t> parent(2 * m - 1, 0);
    for (std::size_t k = 0; k < m; ++k) weight[k] = q[leaves[k]];
    std::size_t next_leaf = 0, next_merged = m, created = m;
    const auto take_lightest = [&]() {
      if (next_leaf < m && (next_merged >= created || weight[next_leaf] <= weight[next_merged])) {
        return next_leaf++;
      }
      return next_merged++;
    };
    for (; created < 2 * m - 1; ++created) {
      const std::size_t a = take_lightest();
      const std::size_t b = take_lightest();
      weight[created] = weight[a] + weight[b];
      parent[a] = parent[b] = created;
    }
    // Parents always have larger indices than their children: one backward pass gives depths.
    std::vector<int> depth(2 * m - 1, 0);
    for (std::size_t k = 2 * m - 2; k-- > 0;) depth[k] = depth[parent[k]] + 1;
    for (std::size_t k = 0; k < m; ++k) code.lengths[leaves[k]] = depth[k];

    // Canonical codewords in (length, index) order: a counting sort, as lengths are small
    // (a double's range bounds the depth of a Huffman tree by about 1500).
    const int max_length = *std::max_element(depth.begin(), depth.begin() + static_cast<std::ptrdiff_t>(m));
    std::vector<std::size_t> first_of_length(static_cast<std::size_t>(max_length) + 2, 0);
    for (std::size_t i = 0; i < n; ++i) {
      if (code.lengths[i] > 0) ++first_of_length[static_cast<std::size_t>(code.lengths[i]) + 1];
    }
    for (std::size_t len = 1; len < first_of_length.size(); ++len) first_of_length[len] += first_of_length[len - 1];
    std::vector<std::size_t> order(m);
    for (std::size_t i = 0; i < n; ++i) {
      if (code.lengths[i] > 0) order[first_of_length[static_cast<std::size_t>(code.lengths[i])]++] = i;
    }
    std::string current;
    for (std::size_t k = 0; k < order.size(); ++k) {
      const auto len = static_cast<std::size_t>(code.lengths[order[k]]);
      if (k > 0) increment(current);
      current.resize(len, '0');
      code.codewords[order[k]] = current;
    }
  }

  CompensatedSum sum;
  for (std::size_t i = 0; i < n; ++i) sum.add(q[i] * code.lengths[i]);
  code.expected_length = sum.value();
  return Result<HuffmanCode>::success(std::move(code));
}

Result<double> expected_code_length(const std::vector<double>& p, const HuffmanCode& code_for_q) {
  auto checked = as_distribution(p, false);
  if (!checked) return Result<double>::failure(checked);
  const std::vector<double>& pd = checked.value();
  if (code_for_q.lengths.size() != pd.size()) {
    return Result<double>::failure(
        ErrorCode::LENGTH_MISMATCH, "P has " + std::to_string(pd.size()) + " outcomes but the code has " +
                                        std::to_string(code_for_q.lengths.size()) + " codeword lengths.");
  }
  CompensatedSum sum;
  for (std::size_t i = 0; i < pd.size(); ++i) {
    const int len = code_for_q.lengths[i];
    if (len < 0) {
      return Result<double>::failure(ErrorCode::OUT_OF_RANGE,
                                     "Codeword length " + std::to_string(i + 1) + " is negative.");
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
