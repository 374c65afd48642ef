// What each entry point accepts at most, so that a call either fits in the WebAssembly heap or is
// refused before anything is allocated. The bindings (cpp/bindings) and, through the generated
// facts module, the JS API (web/src/core.js) refuse larger inputs with OUT_OF_RANGE, reason
// "TOO_MANY_OUTCOMES" and `limit` = the number below. README "Limits" has the table.
//
// How the numbers were chosen: the module's heap can grow to kHeapBytes (MAXIMUM_MEMORY=4GB).
// For each function the peak heap use per outcome was measured on a fresh module
// (tests/node/limits.measure.mjs: high-water mark of sbrk divided by n, worst case over its
// options: normalize, and for the Huffman-based functions the distribution whose codewords are
// longest). The limit is the largest round number whose peak stays under kHeapBudget, which
// leaves room for what is already allocated (the lab's data set, embind) when the call starts.
// An allocation that still fails (the host refused to grow memory, or the heap was already
// full) is caught in the binding layer and returned as OUT_OF_RANGE, reason "OUT_OF_MEMORY".
#pragma once

#include <cstddef>

namespace bitruler::limits {

// The heap's ceiling: 4 GiB minus the one 64 KiB page Emscripten keeps unused (65,535 pages).
inline constexpr double kHeapBytes = 4294901760.0;
// What a single call may plan to use at its peak (the rest is headroom for live state).
inline constexpr double kHeapBudget = 3.75 * 1024 * 1024 * 1024;

// Largest whole number a JavaScript number holds exactly: the seed and step limit.
inline constexpr double kMaxSafeInteger = 9007199254740991.0;

// Outcomes per argument (P, and Q where there is one), per function.
inline constexpr std::size_t kMaxOutcomesEntropy = 100000000;
inline constexpr std::size_t kMaxOutcomesCrossEntropy = 100000000;
inline constexpr std::size_t kMaxOutcomesKl = 100000000;
inline constexpr std::size_t kMaxOutcomesInfoTerms = 30000000;
inline constexpr std::size_t kMaxOutcomesHuffman = 1000000;
inline constexpr std::size_t kMaxOutcomesExpectedCodeLength = 1000000;
inline constexpr std::size_t kMaxOutcomesSampleCoding = 1000000;
// Points x per call of the lab's conditional tables (3 doubles out per point).
inline constexpr std::size_t kMaxLabPoints = 10000000;

}  // namespace bitruler::limits
