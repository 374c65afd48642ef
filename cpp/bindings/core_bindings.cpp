// embind registration of the information core: free functions over emscripten::val only, each
// returning { ok: true, value } | { ok: false, code, message } (see convert.hpp). The JS wrapper
// web/src/core.js turns failures into BitRulerError. Nothing returned needs .delete().
#include <emscripten/bind.h>
#include <emscripten/heap.h>
#include <malloc.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "bitruler/huffman.hpp"
#include "bitruler/info.hpp"
#include "bitruler/parse.hpp"
#include "bitruler/random.hpp"
#include "convert.hpp"

namespace bitruler::bindings {
namespace {

// Draws per sampleCoding call: enough to watch the running mean settle, small enough that
// the returned arrays (12 bytes per draw) never strain a phone.
constexpr double kMaxDraws = 1e6;
constexpr double kMaxSeed = 9007199254740991.0;  // 2^53 - 1: every integer a JS number holds exactly

Result<Options> to_options(const val& base, const val& normalize) {
  const Result<double> b = to_number(base, "base");
  if (!b) return Result<Options>::failure(b);
  const Result<bool> n = to_bool(normalize, "normalize");
  if (!n) return Result<Options>::failure(n);
  Options options;
  options.base = *b;
  options.normalize = *n;
  return Result<Options>::success(options);
}

val js_surprisal(val p, val base) {
  const Result<double> pv = to_number(p, "p");
  if (!pv) return error_to_val(pv.error());
  const Result<double> bv = to_number(base, "base");
  if (!bv) return error_to_val(bv.error());
  return result_to_val(surprisal(*pv, *bv));
}

val js_entropy(val p, val base, val normalize) {
  const Result<Options> options = to_options(base, normalize);
  if (!options) return error_to_val(options.error());
  const Result<std::vector<double>> pv = to_vector(p, "P");
  if (!pv) return error_to_val(pv.error());
  return result_to_val(entropy(*pv, *options));
}

// Shared by crossEntropy and klDivergence: both read (P, Q, base, normalize).
template <class F>
val two_distributions(val p, val q, val base, val normalize, F&& compute) {
  const Result<Options> options = to_options(base, normalize);
  if (!options) return error_to_val(options.error());
  const Result<std::vector<double>> pv = to_vector(p, "P");
  if (!pv) return error_to_val(pv.error());
  const Result<std::vector<double>> qv = to_vector(q, "Q");
  if (!qv) return error_to_val(qv.error());
  return result_to_val(compute(*pv, *qv, *options));
}

val js_cross_entropy(val p, val q, val base, val normalize) {
  return two_distributions(p, q, base, normalize,
                           [](const auto& a, const auto& b, const Options& o) { return cross_entropy(a, b, o); });
}

val js_kl_divergence(val p, val q, val base, val normalize) {
  return two_distributions(p, q, base, normalize,
                           [](const auto& a, const auto& b, const Options& o) { return kl_divergence(a, b, o); });
}

val js_parse_probability(val text) {
  const Result<std::string> t = to_text(text, "text", kMaxInputLength);
  if (!t) return error_to_val(t.error());
  return result_to_val(parse_probability(*t));
}

val js_parse_distribution(val text) {
  const Result<std::string> t = to_text(text, "text", kMaxInputLength);
  if (!t) return error_to_val(t.error());
  return result_to_val(parse_distribution(*t), [](const std::vector<double>& w) { return to_js_array(w); });
}

val code_to_val(const HuffmanCode& code) {
  val out = val::object();
  out.set("lengths", to_js_array(code.lengths));
  out.set("codewords", to_js_array(code.codewords));
  out.set("expectedLength", code.expected_length);
  return out;
}

val js_huffman(val p, val normalize) {
  const Result<bool> n = to_bool(normalize, "normalize");
  if (!n) return error_to_val(n.error());
  const Result<std::vector<double>> pv = to_vector(p, "P");
  if (!pv) return error_to_val(pv.error());
  return result_to_val(huffman(*pv, *n), code_to_val);
}

// Average length, in bits, of data from P encoded with the Huffman code built for Q.
val js_expected_code_length(val p, val q, val normalize) {
  const Result<bool> n = to_bool(normalize, "normalize");
  if (!n) return error_to_val(n.error());
  const Result<std::vector<double>> pv = to_vector(p, "P");
  if (!pv) return error_to_val(pv.error());
  const Result<std::vector<double>> qv = to_vector(q, "Q");
  if (!qv) return error_to_val(qv.error());
  if (pv->size() != qv->size()) {
    return error_to_val(Error{ErrorCode::LENGTH_MISMATCH, "P and Q must have the same number of outcomes."});
  }
  const Result<std::vector<double>> pd = as_distribution(*pv, *n);
  if (!pd) return error_to_val(pd.error());
  const Result<HuffmanCode> code = huffman(*qv, *n);
  if (!code) return error_to_val(code.error());
  return result_to_val(expected_code_length(*pd, *code));
}

val js_sample_coding(val p, val q, val draws, val seed, val normalize) {
  const Result<double> nv = to_number(draws, "n");
  if (!nv) return error_to_val(nv.error());
  if (!(*nv >= 1 && *nv <= kMaxDraws && std::floor(*nv) == *nv)) {
    return error_to_val(Error{ErrorCode::OUT_OF_RANGE, "n must be a whole number of draws from 1 to 1000000."});
  }
  const Result<double> sv = to_number(seed, "seed");
  if (!sv) return error_to_val(sv.error());
  if (!(*sv >= 0 && *sv <= kMaxSeed && std::floor(*sv) == *sv)) {
    return error_to_val(Error{ErrorCode::OUT_OF_RANGE, "seed must be a whole number from 0 to 2^53 - 1."});
  }
  const Result<bool> nb = to_bool(normalize, "normalize");
  if (!nb) return error_to_val(nb.error());
  const Result<std::vector<double>> pv = to_vector(p, "P");
  if (!pv) return error_to_val(pv.error());
  const Result<std::vector<double>> qv = to_vector(q, "Q");
  if (!qv) return error_to_val(qv.error());
  const Result<CodingRun> run = sample_coding(*pv, *qv, static_cast<std::size_t>(*nv),
                                              static_cast<std::uint64_t>(*sv), *nb);
  return result_to_val(run, [](const CodingRun& r) {
    val out = val::object();
    out.set("outcomes", to_int32_array(r.outcomes));
    out.set("runningMean", to_float64_array(r.running_mean));
    out.set("crossCodeLength", r.cross_code_length);
    return out;
  });
}

// Diagnostics for the memory-stability test: the size of WASM linear memory and the bytes
// currently handed out by malloc (a leak shows in the second long before the first grows).
val js_memory_stats() {
  const struct mallinfo info = mallinfo();
  val out = val::object();
  out.set("heapBytes", static_cast<double>(emscripten_get_heap_size()));
  out.set("allocatedBytes", static_cast<double>(info.uordblks));
  return out;
}

}  // namespace
}  // namespace bitruler::bindings

EMSCRIPTEN_BINDINGS(bitruler_core) {
  using namespace bitruler::bindings;
  emscripten::function("surprisal", &js_surprisal);
  emscripten::function("entropy", &js_entropy);
  emscripten::function("crossEntropy", &js_cross_entropy);
  emscripten::function("klDivergence", &js_kl_divergence);
  emscripten::function("parseProbability", &js_parse_probability);
  emscripten::function("parseDistribution", &js_parse_distribution);
  emscripten::function("huffman", &js_huffman);
  emscripten::function("expectedCodeLength", &js_expected_code_length);
  emscripten::function("sampleCoding", &js_sample_coding);
  emscripten::function("memoryStats", &js_memory_stats);
}
