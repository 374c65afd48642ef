// facts(): every boundary fact JS needs, read from the C++ constants, in one object. The build
// (web/scripts/build.mjs) calls it on the freshly built module and writes the result as a static
// module, so code can read the facts before the WebAssembly loads; tests/node checks that the
// running module and the static copy agree. Nothing here is written twice.
#include <emscripten/bind.h>

#include "bitruler/families.hpp"
#include "bitruler/huffman.hpp"
#include "bitruler/info.hpp"
#include "bitruler/learning.hpp"
#include "bitruler/limits.hpp"
#include "bitruler/parse.hpp"
#include "bitruler/random.hpp"
#include "bitruler/result.hpp"
#include "convert.hpp"

namespace bitruler::bindings {
namespace {

val string_list(const char* const* names, std::size_t count) {
  val out = val::array();
  for (std::size_t i = 0; i < count; ++i) out.set(i, val(names[i]));
  return out;
}

val js_facts() {
  return guarded([] {
    val facts = val::object();

    facts.set("errorCodes", string_list(kErrorCodeNames.data(), kErrorCodeNames.size()));
    facts.set("maxInputBytes", static_cast<double>(kMaxInputLength));
    facts.set("sumTolerance", kSumTolerance);
    facts.set("maxSeed", kMaxSeed);
    facts.set("baseLowerBound", kBaseLowerBound);
    facts.set("maxDraws", static_cast<double>(kMaxCodingSamples));
    facts.set("heapBytes", limits::kHeapBytes);

    val outcomes = val::object();
    outcomes.set("entropy", static_cast<double>(limits::kMaxOutcomesEntropy));
    outcomes.set("crossEntropy", static_cast<double>(limits::kMaxOutcomesCrossEntropy));
    outcomes.set("klDivergence", static_cast<double>(limits::kMaxOutcomesKl));
    outcomes.set("infoTerms", static_cast<double>(limits::kMaxOutcomesInfoTerms));
    outcomes.set("huffman", static_cast<double>(limits::kMaxOutcomesHuffman));
    outcomes.set("expectedCodeLength", static_cast<double>(limits::kMaxOutcomesExpectedCodeLength));
    outcomes.set("sampleCoding", static_cast<double>(limits::kMaxOutcomesSampleCoding));
    outcomes.set("labTrueConditional", static_cast<double>(limits::kMaxLabPoints));
    outcomes.set("labModelConditional", static_cast<double>(limits::kMaxLabPoints));
    facts.set("maxOutcomes", outcomes);

    val families = val::object();
    families.set("kinds", string_list(kFamilyKindNames.data(), kFamilyKindNames.size()));
    val counts = val::array();
    for (std::size_t i = 0; i < kFamilyParameterCounts.size(); ++i) counts.set(i, kFamilyParameterCounts[i]);
    families.set("parameterCounts", counts);
    families.set("minSigma", kMinSigma);
    families.set("maxSigma", kMaxSigma);
    families.set("minGeometricP", kMinGeometricP);
    families.set("maxAbsMu", kMaxAbsMu);
    families.set("maxLambda", kMaxLambda);
    families.set("maxBinomialN", kMaxBinomialN);
    families.set("tailMass", kTailMass);
    facts.set("families", families);

    val lab = val::object();
    lab.set("outcomes", kLabOutcomes);
    lab.set("xMin", kLabXMin);
    lab.set("xMax", kLabXMax);
    lab.set("minDegree", kLabMinDegree);
    lab.set("maxDegree", kLabMaxDegree);
    lab.set("maxSamples", static_cast<double>(kLabMaxSamples));
    lab.set("maxStepsPerCall", kLabMaxStepsPerCall);
    lab.set("maxLearningRate", kLabMaxLearningRate);
    lab.set("minSamples", static_cast<double>(kLabMinSamples));
    lab.set("maxParameters", static_cast<double>(*parameter_count(kLabMaxDegree)));
    lab.set("maxStepNumber", kLabMaxStepNumber);
    lab.set("trainColumns", string_list(kLabTrainColumns.data(), kLabTrainColumns.size()));
    facts.set("lab", lab);

    return ok_to_val(facts);
  });
}

}  // namespace
}  // namespace bitruler::bindings

EMSCRIPTEN_BINDINGS(bitruler_facts) {
  emscripten::function("facts", &bitruler::bindings::js_facts);
}
