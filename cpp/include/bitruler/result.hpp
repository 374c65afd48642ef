// Errors as values: the core never throws across its public API, so the
// WASM instance can never be aborted by bad input.
#pragma once

#include <array>
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <utility>

namespace bitruler {

enum class ErrorCode {
  EMPTY,            // no outcomes / empty text
  TYPE,             // a value of the wrong kind (e.g. a non-number reached the binding)
  NOT_FINITE,       // NaN or infinity where a finite number is needed
  NEGATIVE,         // a probability or weight below zero
  NOT_NORMALIZED,   // probabilities that do not sum to 1 (within 1e-9) and normalize=false
  LENGTH_MISMATCH,  // P and Q of different lengths
  OUT_OF_RANGE,     // a number outside its allowed interval (p > 1, 150%, sigma <= 0, ...)
  BAD_BASE,         // logarithm base not finite, <= 0 or == 1
  PARSE,            // text that is not a probability / distribution
};

// Boundary fact: the stable names of the error codes, in enum order (kErrorCodeNames[int(c)]).
inline constexpr std::array<const char*, 9> kErrorCodeNames = {
    "EMPTY", "TYPE", "NOT_FINITE", "NEGATIVE", "NOT_NORMALIZED", "LENGTH_MISMATCH",
    "OUT_OF_RANGE", "BAD_BASE", "PARSE"};

// Stable upper-case name, e.g. "NOT_NORMALIZED"; the JS layer exposes it as err.code.
const char* error_code_name(ErrorCode code) noexcept;

// Boundary fact: 2^53 - 1, the largest integer every double (and every JS number) holds exactly.
// Bounds seeds and step numbers that cross the JS boundary.
inline constexpr double kMaxExactInteger = 9007199254740991.0;

// "No byte offset": Error::start / Error::end when the error is not about a place in a text.
inline constexpr std::size_t kNoPosition = static_cast<std::size_t>(-1);

struct Error {
  Error(ErrorCode error_code, std::string text, std::string reason_key = std::string(),
        double bound = std::numeric_limits<double>::quiet_NaN())
      : code(error_code), message(std::move(text)), reason(std::move(reason_key)), limit(bound) {}

  ErrorCode code;
  std::string message;  // clear English sentence: what is wrong and what is allowed
  // Optional details (defaults mean "none"):
  std::string reason;   // "" or a stable finer key, e.g. "TOO_LONG", "ALL_ZERO", "TOO_LARGE"
  double limit = std::numeric_limits<double>::quiet_NaN();  // the bound that was crossed
  long long index = -1;  // 0-based entry index in a list (parsed text or array), when known
  std::size_t start = kNoPosition, end = kNoPosition;  // byte range [start, end) in the text
  static constexpr std::size_t npos = kNoPosition;

  bool has_limit() const noexcept { return limit == limit; }
  bool has_range() const noexcept { return start != kNoPosition; }
};

template <class T>
class Result {
 public:
  static Result success(T value) { Result r; r.value_ = std::move(value); return r; }
  static Result failure(Error error) {
    Result r; r.error_ = std::move(error); return r;
  }
  static Result failure(ErrorCode code, std::string message) {
    return failure(Error{code, std::move(message)});
  }
  // Re-wrap an error of another Result type (details included).
  template <class U>
  static Result failure(const Result<U>& other) { return failure(other.error()); }

  bool ok() const noexcept { return value_.has_value(); }
  explicit operator bool() const noexcept { return ok(); }
  const T& value() const { return *value_; }
  T& value() { return *value_; }
  const T& operator*() const { return *value_; }
  T& operator*() { return *value_; }
  const T* operator->() const { return &*value_; }
  T* operator->() { return &*value_; }
  const Error& error() const { return *error_; }
  Error& error() { return *error_; }

 private:
  Result() = default;
  std::optional<T> value_;
  std::optional<Error> error_;
};

}  // namespace bitruler
