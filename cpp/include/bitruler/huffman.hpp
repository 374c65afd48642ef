// Optimal prefix codes, so "bits" can be shown as real code lengths.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "bitruler/result.hpp"

namespace bitruler {

struct HuffmanCode {
  std::vector<int> lengths;             // per outcome; 0 for outcomes of probability 0
  std::vector<std::string> codewords;   // "0101"; "" for outcomes of probability 0 (empty from huffman_lengths)
  double expected_length = 0.0;         // sum p_i * lengths_i, in bits
};

// Boundary fact: the most outcomes a code can have (indices are 32-bit); more is OUT_OF_RANGE
// with reason "TOO_MANY_OUTCOMES" and this limit.
inline constexpr double kMaxHuffmanOutcomes = 4294967295.0;

// Memory per outcome (besides the caller's input), for the binding layer's limits:
// huffman_lengths: 16 bytes at the peak (a 4-byte index and an 8-byte weight per outcome of
//   positive probability while the tree is built, then freed; the 4-byte length per outcome
//   it returns), plus 8 with normalize (the rescaled copy).
// huffman: that, plus one std::string per outcome (sizeof(std::string): 12 bytes in WASM, 32 with
//   libstdc++) and, for codewords longer than the string's inline capacity (10 characters in
//   WASM's libc++, 15 in libstdc++), one heap block of about length + 1 bytes plus the allocator's
//   overhead (emmalloc: 8 bytes, blocks of 8): 2*10^7 equal outcomes (25-bit codewords) take about
//   4 + 12 + 40 = 56 bytes per outcome in WASM. Building codewords one at a time with
//   CanonicalCodewords from huffman_lengths needs none of that.
inline constexpr std::size_t kHuffmanLengthsBytesPerOutcome = 16;       // +8 with normalize

// Huffman code of a distribution (validated as by as_distribution(p, normalize)).
// Deterministic tie-breaking. A single outcome of probability 1 gets the codeword "0"
// (length 1) so that something is transmitted; then H = 0 and L = 1 = H + 1, the one case
// where the bound H <= L < H + 1 is met with equality on the right.
Result<HuffmanCode> huffman(const std::vector<double>& p, bool normalize = false);

// The same code without codewords (`codewords` stays empty): lengths and expected length only.
Result<HuffmanCode> huffman_lengths(const std::vector<double>& p, bool normalize = false);

// The canonical codewords of a code given by its lengths, one outcome at a time in index order
// (outcomes ordered by (length, index) receive consecutive binary numbers; length 0 gives "").
// Holds one string per distinct length (at most a few hundred kilobytes for the longest codes a
// double distribution can have), nothing per outcome.
class CanonicalCodewords {
 public:
  // `lengths` is read as next() is called: it must outlive this object.
  explicit CanonicalCodewords(const std::vector<int>& lengths);
  // The codeword of the next outcome (0, 1, 2, ...); valid until the following call.
  const std::string& next();

 private:
  const std::vector<int>& lengths_;
  std::size_t index_ = 0;
  std::vector<std::string> next_of_length_;  // the next codeword of each length
  std::string current_;
};

// Average length when data from P is encoded with the code built for Q:
// sum p_i * len_Q_i; +infinity when some p_i > 0 has no codeword in Q's code.
// Only code_for_q.lengths is read.
Result<double> expected_code_length(const std::vector<double>& p, const HuffmanCode& code_for_q);

}  // namespace bitruler
