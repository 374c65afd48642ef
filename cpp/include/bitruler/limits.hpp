// What each entry point accepts at most, so that a call either fits in the WebAssembly heap or is
// refused before anything is allocated. The bindings (cpp/bindings) and, through the generated
// facts module, the JS API (web/src/core.js) refuse larger inputs with OUT_OF_RANGE, reason
// "TOO_MANY_OUTCOMES" and `limit` = the number below. README "Limits" has the table.
//
// How the numbers were chosen: the module's heap can grow to kHeapBytes (MAXIMUM_MEMORY=2GB).
// For each function the peak heap use per outcome was measured on a fresh module (the heap's
// high-water mark, sbrk, after one call, divided by n; worst case over its options: normalize).
// The limit is a round number whose peak stays under kHeapBudget, which leaves room for what is
// already allocated when the call starts (the lab's data set, embind); lower where the result
// handed to JS would be the larger cost.
// An allocation that still fails (the host refused to grow memory, or the heap was already
// full) is caught in the binding layer and returned as OUT_OF_RANGE, reason "OUT_OF_MEMORY".
#pragma once

#include <cstddef>

#include "bitruler/info.hpp"

namespace bitruler::limits {

// The heap's ceiling (MAXIMUM_MEMORY=2GB, CMakeLists.txt).
inline constexpr double kHeapBytes = 2147483648.0;
// What a single call may plan to use at its peak (the rest is headroom for live state).
inline constexpr double kHeapBudget = 0.9 * kHeapBytes;

// Peak heap bytes per outcome, measured on a fresh module (tests/node/limits.test.mjs runs each
// function at its limit): the binding's copy of each input, the core's working copies
// (normalize), the results. Huffman codes are built by huffman_lengths and their codewords made
// one at a time (CanonicalCodewords), so no distribution makes them cost more per outcome.
inline constexpr double kPeakBytesEntropy = 16;              // P, normalized P
inline constexpr double kPeakBytesTwoDistributions = 32;     // P, Q, normalized P and Q
inline constexpr double kPeakBytesInfoTerms = 16 + kInfoTermsBytesPerOutcome;  // P, Q, the 7 columns
inline constexpr double kPeakBytesHuffman = 32;              // P, normalized P, the tree, the lengths
inline constexpr double kPeakBytesCodeLength = 56;           // P, Q, normalized copies, Q's code, P's sums
inline constexpr double kPeakBytesLabPoint = 32;             // x, and 3 probabilities out

// Outcomes per argument (P, and Q where there is one), per function.
inline constexpr std::size_t kMaxOutcomesEntropy = 100000000;
inline constexpr std::size_t kMaxOutcomesCrossEntropy = 50000000;
inline constexpr std::size_t kMaxOutcomesKl = 50000000;
// infoTerms hands 7 Float64Arrays to JS: 560 MB at the limit (the heap alone would allow 2.6e7).
inline constexpr std::size_t kMaxOutcomesInfoTerms = 10000000;
// huffman returns every codeword as a JS string, up to ~1,400 characters each for the most skewed
// distributions a double can hold: 10^5 keeps that at 140 MB of text in JS (the heap alone would
// allow 6e7).
inline constexpr std::size_t kMaxOutcomesHuffman = 100000;
inline constexpr std::size_t kMaxOutcomesExpectedCodeLength = 10000000;
inline constexpr std::size_t kMaxOutcomesSampleCoding = 10000000;
// Points x per call of the lab's conditional tables (3 doubles out per point: 240 MB of results
// in JS at the limit).
inline constexpr std::size_t kMaxLabPoints = 10000000;

static_assert(kMaxOutcomesEntropy * kPeakBytesEntropy <= kHeapBudget);
static_assert(kMaxOutcomesCrossEntropy * kPeakBytesTwoDistributions <= kHeapBudget);
static_assert(kMaxOutcomesKl * kPeakBytesTwoDistributions <= kHeapBudget);
static_assert(kMaxOutcomesInfoTerms * kPeakBytesInfoTerms <= kHeapBudget);
static_assert(kMaxOutcomesHuffman * kPeakBytesHuffman <= kHeapBudget);
static_assert(kMaxOutcomesExpectedCodeLength * kPeakBytesCodeLength <= kHeapBudget);
static_assert(kMaxOutcomesSampleCoding * kPeakBytesCodeLength + 12.0 * 1000000 <= kHeapBudget);  // + the draws
static_assert(kMaxLabPoints * kPeakBytesLabPoint <= kHeapBudget);

}  // namespace bitruler::limits
