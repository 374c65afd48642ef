// Conversions between JavaScript values and the core's types. The only place (with the
// *_bindings.cpp files) that includes Emscripten headers.
//
// Every function here returns a plain JS object { ok: true, value } or
// { ok: false, code, message }: nothing is thrown across the boundary (exceptions are off
// in the WASM build, a throw would abort the instance) and nothing is handed to JS that the
// caller would have to .delete().
#pragma once

#include <emscripten/val.h>

#include <cmath>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "bitruler/result.hpp"

namespace bitruler::bindings {

using emscripten::val;

// Largest array accepted from JS (a guard against runaway allocations that would abort the
// instance; 10^8 doubles = 800 MB, far above the 10^7 outcomes the core is specified for).
inline constexpr double kMaxArrayLength = 1e8;

// Reads a JS array of numbers: a Float64Array (copied in one block), or a plain Array whose
// items are all numbers. Anything else is a TYPE error naming the argument.
inline Result<std::vector<double>> to_vector(const val& array, const char* name) {
  using R = Result<std::vector<double>>;
  if (array.instanceof(val::global("Float64Array"))) {
    const double length = array["length"].as<double>();
    if (length > kMaxArrayLength) {
      return R::failure(ErrorCode::OUT_OF_RANGE, std::string(name) + " has too many outcomes (more than 10^8).");
    }
    return R::success(emscripten::convertJSArrayToNumberVector<double>(array));
  }
  if (!val::global("Array").call<bool>("isArray", array)) {
    return R::failure(ErrorCode::TYPE, std::string(name) + " must be an Array or Float64Array of numbers.");
  }
  const double length = array["length"].as<double>();
  if (length > kMaxArrayLength) {
    return R::failure(ErrorCode::OUT_OF_RANGE, std::string(name) + " has too many outcomes (more than 10^8).");
  }
  const std::size_t n = static_cast<std::size_t>(length);
  std::vector<double> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const val item = array[i];
    if (!item.isNumber()) {
      return R::failure(ErrorCode::TYPE, std::string(name) + "[" + std::to_string(i) + "] is not a number.");
    }
    out.push_back(item.as<double>());
  }
  return R::success(std::move(out));
}

// A JS number or a TYPE error.
inline Result<double> to_number(const val& value, const char* name) {
  if (!value.isNumber()) {
    return Result<double>::failure(ErrorCode::TYPE, std::string(name) + " must be a number.");
  }
  return Result<double>::success(value.as<double>());
}

// A JS boolean or a TYPE error.
inline Result<bool> to_bool(const val& value, const char* name) {
  if (!value.isTrue() && !value.isFalse()) {
    return Result<bool>::failure(ErrorCode::TYPE, std::string(name) + " must be true or false.");
  }
  return Result<bool>::success(value.isTrue());
}

// A JS string (UTF-16 in JS, UTF-8 here) or a TYPE error. Text longer than max_bytes is refused
// (PARSE) before it is copied into WASM memory: UTF-8 never has fewer bytes than UTF-16 has code
// units, so this refuses nothing the core would accept, and a pasted 100 MB string costs nothing.
inline Result<std::string> to_text(const val& value, const char* name,
                                   std::size_t max_bytes = static_cast<std::size_t>(-1)) {
  if (!value.isString()) {
    return Result<std::string>::failure(ErrorCode::TYPE, std::string(name) + " must be a string.");
  }
  const double units = value["length"].as<double>();
  if (max_bytes != static_cast<std::size_t>(-1) && units > static_cast<double>(max_bytes)) {
    return Result<std::string>::failure(
        ErrorCode::PARSE, "The text is " + std::to_string(static_cast<long long>(units)) +
                              " characters long; at most " + std::to_string(max_bytes) + " bytes are accepted.");
  }
  return Result<std::string>::success(value.as<std::string>());
}

// Copies a vector into a fresh plain JS Array (through a typed view that is used at once,
// before any allocation could grow memory and detach it).
inline val to_js_array(const std::vector<double>& values) {
  return val::global("Array").call<val>("from", val(emscripten::typed_memory_view(values.size(), values.data())));
}
inline val to_js_array(const std::vector<int>& values) {
  return val::global("Array").call<val>("from", val(emscripten::typed_memory_view(values.size(), values.data())));
}
inline val to_js_array(const std::vector<std::string>& values) {
  val out = val::array();
  for (const std::string& s : values) out.call<void>("push", val(s));
  return out;
}

// Copies a vector into a fresh Float64Array / Int32Array owned by JS.
inline val to_float64_array(const std::vector<double>& values) {
  return val(emscripten::typed_memory_view(values.size(), values.data())).call<val>("slice");
}
inline val to_int32_array(const std::vector<int>& values) {
  return val(emscripten::typed_memory_view(values.size(), values.data())).call<val>("slice");
}

// { ok: false, code, message }
inline val error_to_val(const Error& error) {
  val out = val::object();
  out.set("ok", false);
  out.set("code", std::string(error_code_name(error.code)));
  out.set("message", error.message);
  return out;
}

// { ok: true, value }
inline val ok_to_val(val value) {
  val out = val::object();
  out.set("ok", true);
  out.set("value", std::move(value));
  return out;
}

// Result<T> -> { ok: true, value: to_js(value) } | { ok: false, code, message }.
template <class T, class ToJs>
val result_to_val(const Result<T>& result, ToJs&& to_js) {
  if (!result.ok()) return error_to_val(result.error());
  return ok_to_val(to_js(result.value()));
}

inline val result_to_val(const Result<double>& result) {
  return result_to_val(result, [](double x) { return val(x); });
}

}  // namespace bitruler::bindings
