// Optimal prefix codes, so "bits" can be shown as real code lengths.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "bitruler/result.hpp"

namespace bitruler {

struct HuffmanCode {
  std::vector<int> lengths;             // per outcome; 0 for outcomes of probability 0
  std::vector<std::string> codewords;   // "0101"; "" for outcomes of probability 0
  double expected_length = 0.0;         // sum p_i * lengths_i, in bits
};

// Huffman code of a distribution (validated as by as_distribution(p, normalize)).
// Deterministic tie-breaking. A single outcome of probability 1 gets the codeword "0"
// (length 1) so that something is transmitted; then H = 0 and L = 1 = H + 1, the one case
// where the bound H <= L < H + 1 is met with equality on the right.
Result<HuffmanCode> huffman(const std::vector<double>& p, bool normalize = false);

// Average length when data from P is encoded with the code built for Q:
// sum p_i * len_Q_i; +infinity when some p_i > 0 has no codeword in Q's code.
Result<double> expected_code_length(const std::vector<double>& p, const HuffmanCode& code_for_q);

}  // namespace bitruler
