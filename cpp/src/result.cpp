#include "bitruler/result.hpp"

namespace bitruler {

const char* error_code_name(ErrorCode code) noexcept {
  const auto i = static_cast<std::size_t>(code);
  // Only out of range for a value cast from outside the enum.
  return i < kErrorCodeNames.size() ? kErrorCodeNames[i] : "UNKNOWN";
}

}  // namespace bitruler
