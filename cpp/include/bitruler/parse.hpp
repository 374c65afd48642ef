// Parsing what readers type: "1/1024", "0.125", "12.5%", "1e-3", with spaces,
// and Chinese-IME input (full-width digits, "／", "％", "．").
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "bitruler/result.hpp"

namespace bitruler {

// Boundary fact: the longest text the parsers read, in UTF-8 bytes. Longer text is refused at
// once (PARSE, reason "TOO_LONG", limit = kMaxInputLength), before a single character is read.
inline constexpr std::size_t kMaxInputLength = 10000;

// The double nearest to digits * 10^exponent (ties to even; +infinity above the largest double,
// 0 below half the smallest subnormal), for a string of ASCII digits (leading and trailing zeros
// allowed; empty is 0). The parsers' own conversion, exact for any length: what strtod gives
// for "<digits>e<exponent>" where the C library rounds correctly.
double decimal_to_double(std::string_view digits, long long exponent);

// A single probability in [0, 1]. PARSE for malformed text, EMPTY for blank,
// OUT_OF_RANGE for 150% or 3/2, NEGATIVE for -0.1, NOT_FINITE for 1/0 or 1e999.
Result<double> parse_probability(std::string_view text);

// A list of probabilities or non-negative weights ("2, 1, 1"), separated by commas,
// spaces, "，" or "、". Returns the weights as typed (no rescaling).
Result<std::vector<double>> parse_distribution(std::string_view text);

// A distribution as typed and as used, and where each entry stands in the text.
struct DistributionText {
  std::vector<double> weights;        // as typed (3/2, 7, 100% are weights): parse_distribution's values
  std::vector<double> probabilities;  // the weights themselves when they sum to 1 within
                                      // kSumTolerance, else weights / sum (as_distribution(w, true))
  double sum = 0;                     // sum of the weights (compensated; +infinity above the largest double)
  bool rescaled = false;              // probabilities != weights
  std::vector<std::size_t> starts, ends;  // byte range [starts[i], ends[i]) of entry i in the text
};

// Reads exactly what parse_distribution reads, with the same weights (the same bits) and the
// same errors, plus one refusal: weights that are all 0 are not a distribution (OUT_OF_RANGE,
// reason "ALL_ZERO", byte range of the whole list).
// Memory: bounded by kMaxInputLength: while parsing, one decoded character record per input byte
// at most (20 bytes in WASM, 32 natively), and 32 bytes per entry in the result (entries are at
// most kMaxInputLength / 2).
Result<DistributionText> read_distribution(std::string_view text);

// Error details of the parsers (see Error in result.hpp). Every error except TOO_LONG carries
// a byte range [start, end) into the text: the offending entry (from its first character to the
// end of the offending run of characters), the separator where an entry is missing, or the
// malformed bytes of invalid UTF-8. Errors of parse_distribution / read_distribution also carry
// the 0-based entry index (parse_probability: index -1). Reasons (stable keys):
//   TOO_LONG (PARSE, limit kMaxInputLength)    BAD_UTF8 (PARSE)
//   EMPTY_TEXT, ONLY_SEPARATORS (EMPTY)          EMPTY_ENTRY (PARSE: leading or doubled separator)
//   UNEXPECTED_CHARACTER, EXPECTED_NUMBER, EXPONENT_DIGITS, SIGN, MORE_TEXT (PARSE)
//   NEGATIVE (NEGATIVE)                          DIVISION_BY_ZERO (NOT_FINITE)
//   TOO_LARGE (NOT_FINITE, limit = largest double)  TOO_SMALL (OUT_OF_RANGE, limit = 4.9e-324)
//   PERCENT_OVER_100, ABOVE_ONE (OUT_OF_RANGE, limit 1)   ALL_ZERO (read_distribution)

}  // namespace bitruler
