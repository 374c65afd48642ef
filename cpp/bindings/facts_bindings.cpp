// facts(): every boundary fact JS needs, read from the C++ constants, as one JSON text left at
// (address, length) 0, 1 of the exchange area (exchange.hpp). The build
// (web/scripts/build.mjs) calls it on the freshly built module and writes the result as a static
// module, so code can read the facts before the WebAssembly loads; tests/node checks that the
// running module and the static copy agree. Nothing here is written twice.
#include <emscripten/bind.h>

#include <string>

#include "bitruler/families.hpp"
#include "bitruler/format.hpp"
#include "bitruler/huffman.hpp"
#include "bitruler/info.hpp"
#include "bitruler/learning.hpp"
#include "bitruler/limits.hpp"
#include "bitruler/parse.hpp"
#include "bitruler/random.hpp"
#include "bitruler/result.hpp"
#include "exchange.hpp"

namespace bitruler::bindings {
namespace {

// A JSON object written key by key: numbers as their shortest exact text, names as strings
// (the C++ names are plain identifiers).
class Json {
 public:
  Json& open(const char* key = nullptr) {
    this->key(key);
    text_ += '{';
    first_ = true;
    return *this;
  }
  Json& close() {
    text_ += '}';
    first_ = false;
    return *this;
  }
  Json& number(const char* key, double x) {
    this->key(key);
    text_ += format_number(x);
    return *this;
  }
  Json& names(const char* key, const char* const* names, std::size_t count) {
    this->key(key);
    text_ += '[';
    for (std::size_t i = 0; i < count; ++i) {
      if (i > 0) text_ += ',';
      text_ += '"';
      text_ += names[i];
      text_ += '"';
    }
    text_ += ']';
    return *this;
  }
  template <class T>
  Json& numbers(const char* key, const T* values, std::size_t count) {
    this->key(key);
    text_ += '[';
    for (std::size_t i = 0; i < count; ++i) {
      if (i > 0) text_ += ',';
      text_ += format_number(static_cast<double>(values[i]));
    }
    text_ += ']';
    return *this;
  }
  std::string& text() { return text_; }

 private:
  void key(const char* key) {
    if (!first_) text_ += ',';
    first_ = false;
    if (key) {
      text_ += '"';
      text_ += key;
      text_ += "\":";
    }
  }
  std::string text_;
  bool first_ = true;
};

int js_facts() {
  return run([] {
    Json j;
    j.open()
        .names("errorCodes", kErrorCodeNames.data(), kErrorCodeNames.size())
        .number("maxInputBytes", static_cast<double>(kMaxInputLength))
        .number("sumTolerance", kSumTolerance)
        .number("maxSeed", kMaxSeed)
        .number("baseLowerBound", kBaseLowerBound)
        .number("maxDraws", static_cast<double>(kMaxCodingSamples))
        .number("heapBytes", limits::kHeapBytes);

    j.open("maxOutcomes")
        .number("entropy", static_cast<double>(limits::kMaxOutcomesEntropy))
        .number("crossEntropy", static_cast<double>(limits::kMaxOutcomesCrossEntropy))
        .number("klDivergence", static_cast<double>(limits::kMaxOutcomesKl))
        .number("infoTerms", static_cast<double>(limits::kMaxOutcomesInfoTerms))
        .number("huffman", static_cast<double>(limits::kMaxOutcomesHuffman))
        .number("expectedCodeLength", static_cast<double>(limits::kMaxOutcomesExpectedCodeLength))
        .number("sampleCoding", static_cast<double>(limits::kMaxOutcomesSampleCoding))
        .number("labTrueConditional", static_cast<double>(limits::kMaxLabPoints))
        .number("labModelConditional", static_cast<double>(limits::kMaxLabPoints))
        .close();

    j.open("families")
        .names("kinds", kFamilyKindNames.data(), kFamilyKindNames.size())
        .numbers("parameterCounts", kFamilyParameterCounts.data(), kFamilyParameterCounts.size())
        .number("minSigma", kMinSigma)
        .number("maxSigma", kMaxSigma)
        .number("minGeometricP", kMinGeometricP)
        .number("maxAbsMu", kMaxAbsMu)
        .number("maxLambda", kMaxLambda)
        .number("maxBinomialN", kMaxBinomialN)
        .number("tailMass", kTailMass)
        .close();

    j.open("lab")
        .number("outcomes", kLabOutcomes)
        .number("xMin", kLabXMin)
        .number("xMax", kLabXMax)
        .number("minDegree", kLabMinDegree)
        .number("maxDegree", kLabMaxDegree)
        .number("maxSamples", static_cast<double>(kLabMaxSamples))
        .number("maxStepsPerCall", kLabMaxStepsPerCall)
        .number("maxLearningRate", kLabMaxLearningRate)
        .number("minSamples", static_cast<double>(kLabMinSamples))
        .number("maxParameters", static_cast<double>(*parameter_count(kLabMaxDegree)))
        .number("maxStepNumber", kLabMaxStepNumber)
        .names("trainColumns", kLabTrainColumns.data(), kLabTrainColumns.size())
        .close();
    g_outputs.bytes.swap(j.close().text());
    put_text(0, g_outputs.bytes);
    return 0;
  });
}

}  // namespace
}  // namespace bitruler::bindings

EMSCRIPTEN_BINDINGS(bitruler_facts) {
  emscripten::function("facts", &bitruler::bindings::js_facts);
}
