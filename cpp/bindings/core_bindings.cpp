// embind registration of the information core: free functions over numbers, booleans and
// emscripten::val, each returning { ok: true, value } | { ok: false, code, message, ... }
// (see convert.hpp for the boundary contract). web/src/core.js checks and converts every
// argument first and turns failures into BitRulerError. Nothing returned needs .delete().
#include <emscripten/bind.h>
#include <emscripten/heap.h>
#include <emscripten/stack.h>
#include <malloc.h>
#include <unistd.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <string>
#include <vector>

#include "bitruler/huffman.hpp"
#include "bitruler/info.hpp"
#include "bitruler/limits.hpp"
#include "bitruler/parse.hpp"
#include "bitruler/random.hpp"
#include "convert.hpp"

// operator new with one more refusal: a request of 2 GiB or more throws std::bad_alloc before it
// reaches emmalloc, whose size check (pointer + size) wraps around 2^32 for such a request and
// would hand out a block running past the end of memory. (Every input limit keeps requests far
// below this; this makes it hold whatever the path.) Replaces libc++'s weak definition.
#if defined(__cpp_exceptions)
void* operator new(std::size_t size) {
  if (size >= (std::size_t{1} << 31)) throw std::bad_alloc();
  if (void* block = std::malloc(size == 0 ? 1 : size)) return block;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) { return ::operator new(size); }
void operator delete(void* block) noexcept { std::free(block); }
void operator delete[](void* block) noexcept { std::free(block); }
void operator delete(void* block, std::size_t) noexcept { std::free(block); }
void operator delete[](void* block, std::size_t) noexcept { std::free(block); }
#endif

namespace bitruler::bindings {
namespace {

Options make_options(double base, bool normalize) {
  Options options;
  options.base = base;
  options.normalize = normalize;
  return options;
}

val js_surprisal(double p, double base) {
  return guarded([&] { return result_to_val(surprisal(p, base)); });
}

val js_entropy(val p, double base, bool normalize) {
  return guarded([&] {
    std::vector<double> pv;
    std::optional<Error> refusal;
    if (!read_outcomes(p, limits::kMaxOutcomesEntropy, "P", pv, refusal)) return error_to_val(*refusal);
    return result_to_val(entropy(pv, make_options(base, normalize)));
  });
}

// Shared by crossEntropy and klDivergence: both read (P, Q, base, normalize).
template <class F>
val two_distributions(const val& p, const val& q, double base, bool normalize, std::size_t limit, F&& compute) {
  return guarded([&] {
    std::vector<double> pv, qv;
    std::optional<Error> refusal;
    if (!read_outcomes(p, limit, "P", pv, refusal) || !read_outcomes(q, limit, "Q", qv, refusal)) {
      return error_to_val(*refusal);
    }
    return result_to_val(compute(pv, qv, make_options(base, normalize)));
  });
}

val js_cross_entropy(val p, val q, double base, bool normalize) {
  return two_distributions(p, q, base, normalize, limits::kMaxOutcomesCrossEntropy,
                           [](const auto& a, const auto& b, const Options& o) { return cross_entropy(a, b, o); });
}

val js_kl_divergence(val p, val q, double base, bool normalize) {
  return two_distributions(p, q, base, normalize, limits::kMaxOutcomesKl,
                           [](const auto& a, const auto& b, const Options& o) { return kl_divergence(a, b, o); });
}

// { p, q, surprisalP, surprisalQ, entropyTerms, crossTerms, klTerms (Float64Array; the Q ones
// null without Q), entropy, crossEntropy, kl (null without Q) }. `q` is a Float64Array or null.
val js_info_terms(val p, val q, double base, bool normalize) {
  return guarded([&] {
    constexpr std::size_t limit = limits::kMaxOutcomesInfoTerms;
    std::vector<double> pv, qv;
    std::optional<Error> refusal;
    const bool has_q = !q.isNull();
    if (!read_outcomes(p, limit, "P", pv, refusal) || (has_q && !read_outcomes(q, limit, "Q", qv, refusal))) {
      return error_to_val(*refusal);
    }
    return result_to_val(info_terms(pv, has_q ? &qv : nullptr, make_options(base, normalize)), [&](const InfoTerms& t) {
      const auto with_q = [&](const std::vector<double>& v) { return has_q ? to_float64_array(v) : val::null(); };
      val out = val::object();
      out.set("p", to_float64_array(t.p));
      out.set("q", with_q(t.q));
      out.set("surprisalP", to_float64_array(t.surprisal_p));
      out.set("surprisalQ", with_q(t.surprisal_q));
      out.set("entropyTerms", to_float64_array(t.entropy_terms));
      out.set("crossTerms", with_q(t.cross_terms));
      out.set("klTerms", with_q(t.kl_terms));
      out.set("entropy", t.entropy);
      out.set("crossEntropy", has_q ? val(t.cross_entropy) : val::null());
      out.set("kl", has_q ? val(t.kl) : val::null());
      return out;
    });
  });
}

// Text arrives as UTF-8 bytes that core.js encoded (and measured against kMaxInputLength).
val js_parse_probability(val bytes) {
  return guarded([&] { return result_to_val(parse_probability(read_text(bytes))); });
}

val js_parse_distribution(val bytes) {
  return guarded([&] {
    return result_to_val(parse_distribution(read_text(bytes)), [](const std::vector<double>& w) { return to_js_array(w); });
  });
}

// { weights, probabilities (Float64Array), sum, rescaled, starts, ends (UTF-8 byte offsets,
// Float64Array) }; core.js makes the arrays plain and the offsets UTF-16.
val js_read_distribution(val bytes) {
  return guarded([&] {
    return result_to_val(read_distribution(read_text(bytes)), [](const DistributionText& d) {
      const std::vector<double> starts(d.starts.begin(), d.starts.end()), ends(d.ends.begin(), d.ends.end());
      val out = val::object();
      out.set("weights", to_float64_array(d.weights));
      out.set("probabilities", to_float64_array(d.probabilities));
      out.set("sum", d.sum);
      out.set("rescaled", d.rescaled);
      out.set("starts", to_float64_array(starts));
      out.set("ends", to_float64_array(ends));
      return out;
    });
  });
}

// Codewords travel as blocks of '0'/'1' bytes in outcome order (codeword i has lengths[i] bytes),
// each block at most kCodewordBlock bytes and cut between codewords; core.js cuts them into
// strings. The codewords are made one at a time from the lengths (CanonicalCodewords), so the
// heap never holds more than one block of them (they reach ~1,500 bits each for the most skewed
// distributions), and JS gets a few copies instead of n strings made from here.
constexpr std::size_t kCodewordBlock = std::size_t{1} << 20;
val code_to_val(const HuffmanCode& code) {
  val blocks = val::array();
  std::string block;
  block.reserve(kCodewordBlock);
  std::size_t count = 0;
  CanonicalCodewords words(code.lengths);
  for (std::size_t i = 0; i < code.lengths.size(); ++i) {
    const std::string& w = words.next();
    if (block.size() + w.size() > kCodewordBlock) {
      blocks.set(count++, utf8_bytes(block));
      block.clear();
    }
    block += w;
  }
  blocks.set(count, utf8_bytes(block));
  val out = val::object();
  out.set("lengths", to_int32_array(code.lengths));
  out.set("packed", blocks);
  out.set("expectedLength", code.expected_length);
  return out;
}

val js_huffman(val p, bool normalize) {
  return guarded([&] {
    std::vector<double> pv;
    std::optional<Error> refusal;
    if (!read_outcomes(p, limits::kMaxOutcomesHuffman, "P", pv, refusal)) return error_to_val(*refusal);
    return result_to_val(huffman_lengths(pv, normalize), code_to_val);
  });
}

// Average length, in bits, of data from P encoded with the Huffman code built for Q.
val js_expected_code_length(val p, val q, bool normalize) {
  return guarded([&] {
    std::vector<double> pv, qv;
    std::optional<Error> refusal;
    constexpr std::size_t limit = limits::kMaxOutcomesExpectedCodeLength;
    if (!read_outcomes(p, limit, "P", pv, refusal) || !read_outcomes(q, limit, "Q", qv, refusal)) {
      return error_to_val(*refusal);
    }
    if (pv.size() != qv.size()) {
      return error_to_val(Error{ErrorCode::LENGTH_MISMATCH, "P has " + std::to_string(pv.size()) +
                                                                  " outcomes but Q has " + std::to_string(qv.size()) +
                                                                  "; they must have the same length."});
    }
    const Result<std::vector<double>> pd = as_distribution(pv, normalize);
    if (!pd) return error_to_val(pd.error());
    const Result<HuffmanCode> code = huffman_lengths(qv, normalize);
    if (!code) return error_to_val(code.error());
    return result_to_val(expected_code_length(*pd, *code));
  });
}

val js_sample_coding(val p, val q, double draws, double seed, bool normalize) {
  return guarded([&] {
    const auto max_draws = static_cast<double>(kMaxCodingSamples);
    if (!(draws >= 1 && draws <= max_draws && std::floor(draws) == draws)) {
      return error_to_val(Error{ErrorCode::OUT_OF_RANGE,
                                  "n must be a whole number of draws from 1 to " + std::to_string(kMaxCodingSamples) + ".",
                                  draws > max_draws ? "TOO_MANY_DRAWS" : "", max_draws});
    }
    if (!(seed >= 0 && seed <= kMaxSeed && std::floor(seed) == seed)) {
      return error_to_val(Error{ErrorCode::OUT_OF_RANGE, "seed must be a whole number from 0 to 2^53 - 1.", "", kMaxSeed});
    }
    std::vector<double> pv, qv;
    std::optional<Error> refusal;
    constexpr std::size_t limit = limits::kMaxOutcomesSampleCoding;
    if (!read_outcomes(p, limit, "P", pv, refusal) || !read_outcomes(q, limit, "Q", qv, refusal)) {
      return error_to_val(*refusal);
    }
    const Result<CodingRun> run = sample_coding(pv, qv, static_cast<std::size_t>(draws),
                                                static_cast<std::uint64_t>(seed), normalize);
    return result_to_val(run, [](const CodingRun& r) {
      val out = val::object();
      out.set("outcomes", to_int32_array(r.outcomes));
      out.set("runningMean", to_float64_array(r.running_mean));
      out.set("crossCodeLength", r.cross_code_length);
      return out;
    });
  });
}

// --- diagnostics ---------------------------------------------------------------------------------

// The memory tests' view of the module: linear memory size, bytes handed out by malloc, the top
// of the heap (sbrk: a high-water mark, the allocator never gives memory back to it) and the
// shadow-stack pointer (a call that unwound without restoring it would lower it for good).
val js_memory_stats() {
  const struct mallinfo info = mallinfo();
  val out = val::object();
  out.set("heapBytes", static_cast<double>(emscripten_get_heap_size()));
  out.set("allocatedBytes", static_cast<double>(static_cast<unsigned>(info.uordblks)));
  out.set("heapTopBytes", static_cast<double>(reinterpret_cast<std::uintptr_t>(sbrk(0))));
  out.set("stackPointer", static_cast<double>(emscripten_stack_get_current()));
  return out;
}

// Takes up to `bytes` of the heap and keeps it (0 gives it all back): how the tests fill the
// heap to show that every function then fails cleanly and works again once memory is free.
struct Held {
  std::vector<void*> blocks;
  double bytes = 0;
};
Held& held() {
  static Held h;
  return h;
}

val js_hold_memory(double bytes) {
  return guarded([&] {
    Held& h = held();
    if (!(bytes > 0)) {
      for (void* block : h.blocks) std::free(block);
      h.blocks.clear();
      h.blocks.shrink_to_fit();
      h.bytes = 0;
      return ok_to_val(val(0.0));
    }
    // At most 64 blocks of 64 MiB and two per smaller size fill 4 GiB: room for all up front,
    // so that recording a block never needs memory once the heap is full.
    h.blocks.reserve(h.blocks.size() + 256);
    std::size_t chunk = std::size_t{1} << 26;
    while (h.bytes < bytes && chunk >= 16 && h.blocks.size() < h.blocks.capacity()) {
      const double want = std::fmin(static_cast<double>(chunk), bytes - h.bytes);
      void* block = std::malloc(static_cast<std::size_t>(want));
      if (!block) {
        chunk /= 2;
        continue;
      }
      h.blocks.push_back(block);
      h.bytes += want;
    }
    return ok_to_val(val(h.bytes));
  });
}

}  // namespace
}  // namespace bitruler::bindings

EMSCRIPTEN_BINDINGS(bitruler_core) {
  using namespace bitruler::bindings;
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
