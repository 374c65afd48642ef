// embind registration of the information core: free functions over numbers and booleans that
// return a status and leave their results in the exchange area (exchange.hpp has the protocol;
// the layout of each function's results is written beside it, and web/src/core.js reads them).
// web/src/core.js checks and converts every argument first and turns refusals into BitRulerError.
#include <emscripten/bind.h>
#include <emscripten/emscripten.h>
#include <emscripten/heap.h>
#include <emscripten/stack.h>
#include <malloc.h>
#include <unistd.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "bitruler/format.hpp"
#include "bitruler/huffman.hpp"
#include "bitruler/info.hpp"
#include "bitruler/limits.hpp"
#include "bitruler/parse.hpp"
#include "bitruler/random.hpp"
#include "exchange.hpp"

namespace bitruler::bindings {
namespace {

Options make_options(double base, bool normalize) {
  Options options;
  options.base = base;
  options.normalize = normalize;
  return options;
}

// --- the exchange (its address is registered in exchange.cpp) ----------------------------------

// After a call stopped inside the module (core.js caught the trap): 1 when memory ran out.
int js_recover() { return recover() ? 1 : 0; }


// Room for n doubles in input slot 0 or 1 (any previous contents freed); its byte address.
double js_input(int slot, double n) {
  return room([&] {
    std::vector<double>& v = g_inputs[slot & 1];
    std::vector<double>().swap(v);
    v.resize(static_cast<std::size_t>(n));
    return v.data();
  });
}

// Room for n bytes of UTF-8 text; its byte address.
double js_text(double n) {
  return room([&] {
    std::string().swap(g_text);
    g_text.resize(static_cast<std::size_t>(n));
    return g_text.data();
  });
}

// --- information -------------------------------------------------------------------------------

// 0: the value.
int js_surprisal(double p, double base) {
  return run([&] { return scalar(surprisal(p, base)); });
}

// P in slot 0. 0: H(P).
int js_entropy(double base, bool normalize) {
  return run([&] {
    int status = 0;
    const auto* pv = take_input(0, limits::kMaxOutcomesEntropy, "P", status);
    if (!pv) return status;
    return scalar(entropy(*pv, make_options(base, normalize)));
  });
}

// P and Q in slots 0 and 1, for crossEntropy and klDivergence.
template <class F>
int two_distributions(double base, bool normalize, std::size_t limit, F&& compute) {
  return run([&] {
    int status = 0;
    const auto* pv = take_input(0, limit, "P", status);
    const auto* qv = pv ? take_input(1, limit, "Q", status) : nullptr;
    if (!qv) return status;
    return scalar(compute(*pv, *qv, make_options(base, normalize)));
  });
}

// 0: H(P, Q).
int js_cross_entropy(double base, bool normalize) {
  return two_distributions(base, normalize, limits::kMaxOutcomesCrossEntropy,
                           [](const auto& a, const auto& b, const Options& o) { return cross_entropy(a, b, o); });
}

// 0: D(P || Q).
int js_kl_divergence(double base, bool normalize) {
  return two_distributions(base, normalize, limits::kMaxOutcomesKl,
                           [](const auto& a, const auto& b, const Options& o) { return kl_divergence(a, b, o); });
}

// P in slot 0, Q in slot 1 when has_q. (address, length) of p 0, q 2, surprisalP 4, surprisalQ 6,
// entropyTerms 8, crossTerms 10, klTerms 12 (the Q ones empty without Q); entropy 14,
// crossEntropy 15, kl 16 (NaN without Q).
int js_info_terms(bool has_q, double base, bool normalize) {
  return run([&] {
    constexpr std::size_t limit = limits::kMaxOutcomesInfoTerms;
    int status = 0;
    const auto* pv = take_input(0, limit, "P", status);
    const auto* qv = pv && has_q ? take_input(1, limit, "Q", status) : nullptr;
    if (!pv || (has_q && !qv)) return status;
    Result<InfoTerms> r = info_terms(*pv, qv, make_options(base, normalize));
    if (!r) return fail(r);
    InfoTerms& t = *r;
    std::vector<double>* columns[] = {&t.p, &t.q, &t.surprisal_p, &t.surprisal_q, &t.entropy_terms, &t.cross_terms,
                                      &t.kl_terms};
    for (int c = 0; c < 7; ++c) {
      g_outputs.vec[c].swap(*columns[c]);
      put_array(2 * c, g_outputs.vec[c]);
    }
    put(14, t.entropy);
    put(15, t.cross_entropy);
    put(16, t.kl);
    return 0;
  });
}

// --- parsing (text in the text slot, UTF-8 that core.js encoded and measured) --------------------

// The text (freed when the call ends or stops).
const std::string& take_text() { return g_text; }

// 0: the probability.
int js_parse_probability() {
  return run([&] { return scalar(parse_probability(take_text())); });
}

// (address, length) of the weights at 0.
int js_parse_distribution() {
  return run([&] {
    Result<std::vector<double>> r = parse_distribution(take_text());
    if (!r) return fail(r);
    g_outputs.vec[0].swap(*r);
    put_array(0, g_outputs.vec[0]);
    return 0;
  });
}

// (address, length) of weights 0, probabilities 2; sum 4, rescaled 5; (address, length) of the
// UTF-8 byte offsets starts 6, ends 8 (32-bit unsigned).
int js_read_distribution() {
  static_assert(sizeof(std::size_t) == 4, "core.js reads the offsets as a Uint32Array");
  return run([&] {
    Result<DistributionText> r = read_distribution(take_text());
    if (!r) return fail(r);
    DistributionText& d = *r;
    g_outputs.vec[0].swap(d.weights);
    g_outputs.vec[1].swap(d.probabilities);
    g_outputs.sizes[0].swap(d.starts);
    g_outputs.sizes[1].swap(d.ends);
    put_array(0, g_outputs.vec[0]);
    put_array(2, g_outputs.vec[1]);
    put(4, d.sum);
    put(5, d.rescaled);
    put_array(6, g_outputs.sizes[0]);
    put_array(8, g_outputs.sizes[1]);
    return 0;
  });
}

// --- codes ---------------------------------------------------------------------------------------

// P in slot 0. (address, length) of the code lengths 0 (32-bit ints) and of the codewords 2, as
// '0'/'1' bytes in outcome order (codeword i has lengths[i] bytes); expectedLength 4. The
// codewords are made one at a time (CanonicalCodewords) into that one block: never a string per
// outcome.
int js_huffman(bool normalize) {
  return run([&] {
    int status = 0;
    const auto* pv = take_input(0, limits::kMaxOutcomesHuffman, "P", status);
    if (!pv) return status;
    Result<HuffmanCode> r = huffman_lengths(*pv, normalize);
    if (!r) return fail(r);
    HuffmanCode& code = *r;
    std::size_t total = 0;
    for (const int len : code.lengths) total += static_cast<std::size_t>(len);
    std::string& packed = g_outputs.bytes;
    packed.reserve(total);
    CanonicalCodewords words(code.lengths);
    for (std::size_t i = 0; i < code.lengths.size(); ++i) packed += words.next();
    g_outputs.ints.swap(code.lengths);
    put_array(0, g_outputs.ints);
    put_text(2, packed);
    put(4, code.expected_length);
    return 0;
  });
}

// P and Q in slots 0 and 1. 0: the average length, in bits, of data from P encoded with the
// Huffman code built for Q.
int js_expected_code_length(bool normalize) {
  return run([&] {
    int status = 0;
    constexpr std::size_t limit = limits::kMaxOutcomesExpectedCodeLength;
    const auto* pv = take_input(0, limit, "P", status);
    const auto* qv = pv ? take_input(1, limit, "Q", status) : nullptr;
    if (!qv) return status;
    if (pv->size() != qv->size()) {
      return fail(ErrorCode::LENGTH_MISMATCH,
                  message("P has $ outcomes but Q has $; they must have the same length.", {pv->size(), qv->size()}));
    }
    Result<std::vector<double>> pd = as_distribution(*pv, normalize);
    if (!pd) return fail(pd);
    Result<HuffmanCode> code = huffman_lengths(*qv, normalize);
    if (!code) return fail(code);
    return scalar(expected_code_length(*pd, *code));
  });
}

// P and Q in slots 0 and 1. (address, length) of outcomes 0 (32-bit ints), runningMean 2;
// crossCodeLength 4.
int js_sample_coding(double draws, double seed, bool normalize) {
  return run([&] {
    const auto max_draws = static_cast<double>(kMaxCodingSamples);
    if (!(draws >= 1 && draws <= max_draws && std::floor(draws) == draws)) {
      return fail(ErrorCode::OUT_OF_RANGE,
                  message("n must be a whole number of draws from 1 to $.", {kMaxCodingSamples}),
                  draws > max_draws ? "TOO_MANY_DRAWS" : "", max_draws);
    }
    if (!(seed >= 0 && seed <= kMaxSeed && std::floor(seed) == seed)) {
      return fail(ErrorCode::OUT_OF_RANGE, "seed must be a whole number from 0 to 2^53 - 1.", "", kMaxSeed);
    }
    int status = 0;
    constexpr std::size_t limit = limits::kMaxOutcomesSampleCoding;
    const auto* pv = take_input(0, limit, "P", status);
    const auto* qv = pv ? take_input(1, limit, "Q", status) : nullptr;
    if (!qv) return status;
    Result<CodingRun> r =
        sample_coding(*pv, *qv, static_cast<std::size_t>(draws), static_cast<std::uint64_t>(seed), normalize);
    if (!r) return fail(r);
    g_outputs.ints.swap(r->outcomes);
    g_outputs.vec[0].swap(r->running_mean);
    put_array(0, g_outputs.ints);
    put_array(2, g_outputs.vec[0]);
    put(4, r->cross_code_length);
    return 0;
  });
}

// --- diagnostics ---------------------------------------------------------------------------------

// The memory tests' view of the module (after the previous call's results are freed): linear
// memory size 0, bytes handed out by malloc 1, the top of the heap 2 (sbrk: a high-water mark, the
// allocator never gives memory back to it) and the shadow-stack pointer 3 (a call that unwound
// without restoring it would lower it for good).
int js_memory_stats() {
  return run([] {
    release_inputs();
    const struct mallinfo info = mallinfo();
    put(0, static_cast<double>(emscripten_get_heap_size()));
    put(1, static_cast<double>(static_cast<unsigned>(info.uordblks)));
    put(2, address(sbrk(0)));
    put(3, static_cast<double>(emscripten_stack_get_current()));
    return 0;
  });
}

// Takes up to `bytes` of the heap and keeps it (0 gives it all back); 0: what it holds. How the
// tests fill the heap to show that every function then fails cleanly and works again once memory
// is free.
// At most 64 blocks of 64 MiB and two per smaller size fill 4 GiB: a fixed table, so that recording a
// block never needs memory once the heap is full.
struct Held {
  void* blocks[256];
  std::size_t count = 0;
  double bytes = 0;
};
Held g_held;

int js_hold_memory(double bytes) {
  return run([&] {
    Held& h = g_held;
    if (!(bytes > 0)) {
      for (std::size_t i = 0; i < h.count; ++i) std::free(h.blocks[i]);
      h.count = 0;
      h.bytes = 0;
      put(0, 0);
      return 0;
    }
    std::size_t chunk = std::size_t{1} << 26;
    while (h.bytes < bytes && chunk >= 16 && h.count < 256) {
      const double want = std::fmin(static_cast<double>(chunk), bytes - h.bytes);
      void* block = std::malloc(static_cast<std::size_t>(want));
      if (!block) {
        chunk /= 2;
        continue;
      }
      h.blocks[h.count++] = block;
      h.bytes += want;
    }
    put(0, h.bytes);
    return 0;
  });
}

}  // namespace
}  // namespace bitruler::bindings

EMSCRIPTEN_BINDINGS(bitruler_core) {
  using namespace bitruler::bindings;
  emscripten::function("recover", &js_recover);
  emscripten::function("input", &js_input);
  emscripten::function("text", &js_text);
  emscripten::function("surprisal", &js_surprisal);
  emscripten::function("entropy", &js_entropy);
  emscripten::function("crossEntropy", &js_cross_entropy);
  emscripten::function("klDivergence", &js_kl_divergence);
  emscripten::function("infoTerms", &js_info_terms);
  emscripten::function("parseProbability", &js_parse_probability);
  emscripten::function("parseDistribution", &js_parse_distribution);
  emscripten::function("readDistribution", &js_read_distribution);
  emscripten::function("huffman", &js_huffman);
  emscripten::function("expectedCodeLength", &js_expected_code_length);
  emscripten::function("sampleCoding", &js_sample_coding);
  emscripten::function("memoryStats", &js_memory_stats);
  emscripten::function("holdMemory", &js_hold_memory);
}
