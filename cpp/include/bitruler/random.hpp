// A seeded generator whose stream is identical natively and in WASM
// (integer-only state; doubles built from 53 random bits).
#pragma once

#include <cstdint>
#include <vector>

#include "bitruler/result.hpp"

namespace bitruler {

class Rng {
 public:
  explicit Rng(std::uint64_t seed);
  std::uint64_t next_u64();
  double next_double();  // uniform in [0, 1)
  // Index drawn from the distribution p (weights, need not sum to 1), by cumulative sums:
  // i with c[i-1] <= U*total < c[i]. Zero, negative or non-finite weights are never drawn;
  // p.size() when no weight is positive. Consumes exactly one next_u64() per call.
  std::size_t categorical(const std::vector<double>& p);
  double normal();  // standard normal (Marsaglia polar; may differ in the last bit across libms)

 private:
  std::uint64_t s_[4];
};

// Boundary fact: the most draws one sample_coding call makes; larger n is OUT_OF_RANGE with reason
// "TOO_MANY_DRAWS" and this limit. (12 bytes per draw come back: an int and a double.)
inline constexpr std::size_t kMaxCodingSamples = 1000000;

// Boundary fact: the largest seed the JS API accepts, 2^53 - 1 (every integer a JS number holds
// exactly; kMaxExactInteger). The core itself takes any 64-bit seed.
inline constexpr double kMaxSeed = kMaxExactInteger;

// Sampling demo: draw n outcomes from P, encode each with the Huffman code for Q, and
// return the running average code length after each draw (size n). Deterministic per seed.
// Memory: 12 bytes per draw (the result) and, per outcome, 8 (cumulative sums of P) plus
// huffman_lengths' 16 for Q (plus 8 for each rescaled copy with normalize).
struct CodingRun {
  std::vector<int> outcomes;          // drawn outcome indices
  std::vector<double> running_mean;   // average code length (bits) after each draw
  double cross_code_length = 0.0;     // sum p_i len_Q_i : where running_mean settles
};
Result<CodingRun> sample_coding(const std::vector<double>& p, const std::vector<double>& q,
                                std::size_t n, std::uint64_t seed, bool normalize = false);

}  // namespace bitruler
