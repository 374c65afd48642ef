// Parsing what readers type: "1/1024", "0.125", "12.5%", "1e-3", with spaces,
// and Chinese-IME input (full-width digits, "／", "％", "．").
#pragma once

#include <string_view>
#include <vector>

#include "bitruler/result.hpp"

namespace bitruler {

inline constexpr std::size_t kMaxInputLength = 10000;  // longer text is refused at once

// A single probability in [0, 1]. PARSE for malformed text, EMPTY for blank,
// OUT_OF_RANGE for 150% or 3/2, NEGATIVE for -0.1, NOT_FINITE for 1/0 or 1e999.
Result<double> parse_probability(std::string_view text);

// A list of probabilities or non-negative weights ("2, 1, 1"), separated by commas,
// spaces, "，" or "、". Returns the weights as typed (no rescaling).
Result<std::vector<double>> parse_distribution(std::string_view text);

}  // namespace bitruler
