#include "bitruler/result.hpp"

namespace bitruler {

const char* error_code_name(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::EMPTY: return "EMPTY";
    case ErrorCode::TYPE: return "TYPE";
    case ErrorCode::NOT_FINITE: return "NOT_FINITE";
    case ErrorCode::NEGATIVE: return "NEGATIVE";
    case ErrorCode::NOT_NORMALIZED: return "NOT_NORMALIZED";
    case ErrorCode::LENGTH_MISMATCH: return "LENGTH_MISMATCH";
    case ErrorCode::OUT_OF_RANGE: return "OUT_OF_RANGE";
    case ErrorCode::BAD_BASE: return "BAD_BASE";
    case ErrorCode::PARSE: return "PARSE";
  }
  // Only reachable with a value cast from outside the enum's range.
  return "UNKNOWN";
}

}  // namespace bitruler
