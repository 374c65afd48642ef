// Errors as values: the core never throws across its public API, so the
// WASM instance can never be aborted by bad input.
#pragma once

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

// Stable upper-case name, e.g. "NOT_NORMALIZED"; the JS layer exposes it as err.code.
const char* error_code_name(ErrorCode code) noexcept;

struct Error {
  ErrorCode code;
  std::string message;  // clear English sentence; the page localizes by code
};

template <class T>
class Result {
 public:
  static Result success(T value) { Result r; r.value_ = std::move(value); return r; }
  static Result failure(ErrorCode code, std::string message) {
    Result r; r.error_ = Error{code, std::move(message)}; return r;
  }
  // Re-wrap an error of another Result type.
  template <class U>
  static Result failure(const Result<U>& other) { return failure(other.error().code, other.error().message); }

  bool ok() const noexcept { return value_.has_value(); }
  explicit operator bool() const noexcept { return ok(); }
  const T& value() const { return *value_; }
  T& value() { return *value_; }
  const T& operator*() const { return *value_; }
  const T* operator->() const { return &*value_; }
  const Error& error() const { return *error_; }

 private:
  Result() = default;
  std::optional<T> value_;
  std::optional<Error> error_;
};

}  // namespace bitruler
