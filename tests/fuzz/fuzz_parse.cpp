// libFuzzer target: the parsers on arbitrary bytes (tests/fuzz/run.mjs builds it with clang,
// -fsanitize=fuzzer,address,undefined). Besides "no crash, no sanitizer report", every input
// checks invariants:
//   - parse_probability: a value is finite and in [0, 1]; its 17-digit text and its shortest
//     text (format_number) read back to the same bits; an error has a code, a message, and a
//     byte range inside the text (when it has one);
//   - parse_distribution and read_distribution read the same text the same way: both accept
//     with the same weights (bit for bit) or both refuse with the same code, except that
//     read_distribution also refuses all-zero weights (OUT_OF_RANGE, ALL_ZERO);
//   - read_distribution: probabilities sum to 1 (within 1e-12), are the weights themselves when
//     not rescaled, and the spans are ordered, non-empty and inside the text;
//   - the weights written back as text ("w1, w2, ...", format_number) read back to the same weights.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "bitruler/format.hpp"
#include "bitruler/info.hpp"
#include "bitruler/parse.hpp"

namespace {

[[noreturn]] void fail(const char* what, std::string_view text) {
  std::fprintf(stderr, "invariant broken: %s\ninput (%zu bytes): %.*s\n", what, text.size(),
               static_cast<int>(text.size() > 200 ? 200 : text.size()), text.data());
  std::abort();
}
#define CHECK(cond, text) \
  do {                    \
    if (!(cond)) fail(#cond, text); \
  } while (0)

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

void check_error(const bitruler::Error& e, std::string_view text) {
  CHECK(!e.message.empty(), text);
  CHECK(std::strcmp(bitruler::error_code_name(e.code), "UNKNOWN") != 0, text);
  if (e.has_range()) {
    CHECK(e.start <= e.end, text);
    CHECK(e.end <= text.size(), text);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  const auto p = bitruler::parse_probability(text);
  if (p) {
    CHECK(std::isfinite(*p) && *p >= 0 && *p <= 1, text);
    // 17 significant digits always name the double: the parser must round them back exactly.
    char digits[32];
    std::snprintf(digits, sizeof digits, "%.17g", *p);
    const auto exact = bitruler::parse_probability(digits);
    CHECK(exact && same_bits(*exact, *p), text);
    // The core's own shortest text (messages use it) reads back the same.
    const auto back = bitruler::parse_probability(bitruler::format_number(*p));
    CHECK(back && same_bits(*back, *p), text);
  } else {
    check_error(p.error(), text);
  }

  const auto list = bitruler::parse_distribution(text);
  const auto read = bitruler::read_distribution(text);
  if (list) {
    const bool all_zero = [&] {
      for (double w : *list) if (w != 0) return false;
      return true;
    }();
    if (all_zero) {
      CHECK(!read && read.error().code == bitruler::ErrorCode::OUT_OF_RANGE && read.error().reason == "ALL_ZERO", text);
    } else {
      CHECK(read, text);
      CHECK(read->weights.size() == list->size(), text);
      for (std::size_t i = 0; i < list->size(); ++i) CHECK(same_bits(read->weights[i], (*list)[i]), text);
    }
    for (double w : *list) CHECK(std::isfinite(w) && w >= 0, text);
    // Written back as text, the weights read back the same.
    std::string written;
    for (std::size_t i = 0; i < list->size(); ++i) {
      if (i) written += ", ";
      written += bitruler::format_number((*list)[i]);
    }
    if (written.size() <= bitruler::kMaxInputLength) {
      const auto again = bitruler::parse_distribution(written);
      CHECK(again && again->size() == list->size(), text);
      for (std::size_t i = 0; i < list->size(); ++i) CHECK(same_bits((*again)[i], (*list)[i]), text);
    }
  } else {
    check_error(list.error(), text);
    CHECK(!read && read.error().code == list.error().code, text);
  }
  if (read) {
    const auto& d = *read;
    const std::size_t n = d.weights.size();
    CHECK(d.probabilities.size() == n && d.starts.size() == n && d.ends.size() == n, text);
    double sum = 0;
    for (std::size_t i = 0; i < n; ++i) {
      CHECK(std::isfinite(d.probabilities[i]) && d.probabilities[i] >= 0, text);
      sum += d.probabilities[i];
      if (!d.rescaled) CHECK(same_bits(d.probabilities[i], d.weights[i]), text);
      CHECK(d.starts[i] < d.ends[i] && d.ends[i] <= text.size(), text);
      if (i) CHECK(d.ends[i - 1] <= d.starts[i], text);
    }
    CHECK(std::fabs(sum - 1) <= 1e-12 * static_cast<double>(n) + bitruler::kSumTolerance, text);
  } else {
    check_error(read.error(), text);
  }
  return 0;
}
