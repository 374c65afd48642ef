// Conversions between JavaScript values and the core's types. The only place (with the
// *_bindings.cpp files) that includes Emscripten headers.
//
// The boundary contract (web/src/core.js keeps its side; README "Security"):
//   - JS reads and checks every argument before the call, through intrinsic getters, and hands
//     over only numbers, booleans, Float64Arrays it made itself (a fresh view or a copy) and
//     Uint8Arrays of UTF-8 it encoded itself. Nothing the caller made reaches this code, so no
//     JavaScript can run (or throw) inside a WASM frame on the caller's behalf.
//   - Every exported function runs its body inside guarded(): a C++ exception (std::bad_alloc
//     when the heap cannot grow, std::length_error) unwinds the call, frees everything it took,
//     and becomes an error value. The release module is built with -fwasm-exceptions for this.
//   - Every function returns a plain JS object { ok: true, value } or
//     { ok: false, code, message, reason?, limit?, index?, start?, end? }; messages travel as
//     UTF-8 bytes (a Uint8Array copy) that core.js decodes, so an error needs no malloc here.
//   - Nothing is handed to JS that the caller would have to .delete().
#pragma once

#include <emscripten/val.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bitruler/limits.hpp"
#include "bitruler/result.hpp"

namespace bitruler::bindings {

using emscripten::val;

// UTF-8 bytes -> a Uint8Array copy owned by JS (decoded by core.js). The view is used at once,
// before anything could grow memory and detach it.
inline val utf8_bytes(std::string_view text) {
  return val(emscripten::typed_memory_view(text.size(), reinterpret_cast<const unsigned char*>(text.data())))
      .call<val>("slice");
}

// --- errors ----------------------------------------------------------------------------------

inline val error_head(const char* code, val message) {
  val out = val::object();
  out.set("ok", false);
  out.set("code", val(code));
  out.set("message", std::move(message));
  return out;
}

// { ok: false, code, message, reason?, limit?, index?, start?, end? } from the core's Error.
// start / end are UTF-8 byte offsets here; core.js turns them into UTF-16 offsets.
inline val error_to_val(const Error& error) {
  val out = error_head(error_code_name(error.code), utf8_bytes(error.message));
  if (!error.reason.empty()) out.set("reason", val(error.reason.c_str()));  // reasons are ASCII keys
  if (error.has_limit()) out.set("limit", error.limit);
  if (error.index >= 0) out.set("index", static_cast<double>(error.index));
  if (error.has_range()) {
    out.set("start", static_cast<double>(error.start));
    out.set("end", static_cast<double>(error.end));
  }
  return out;
}

// A failed allocation: built from literals and numbers only, so it needs no memory itself.
inline val out_of_memory() {
  val out = error_head("OUT_OF_RANGE", val("OUT_OF_MEMORY"));
  out.set("reason", val("OUT_OF_MEMORY"));
  out.set("limit", limits::kHeapBytes);
  return out;
}

// Runs a binding's body; a C++ exception (a failed allocation) unwinds it, destructors free what
// it took, and it becomes an error value instead of an abort. Not noexcept, on purpose: a JavaScript exception thrown
// inside the call (only possible if the page replaced a built-in such as
// Float64Array.prototype.slice, or the engine ran out of stack) is not a C++ exception, so
// catch (...) lets it pass, but the unwinding still runs every destructor on its way (memory and
// embind handles are freed) and core.js puts the stack pointer back; a noexcept function would
// turn it into std::terminate, an abort.
// (Without exceptions, -DBITRULER_WASM_EXCEPTIONS=none, only for size comparisons, a failed
// allocation aborts the instance.)
template <class F>
val guarded(F&& body) {
#if !defined(__cpp_exceptions)
  return body();
#else
  try {
    return body();
  } catch (...) {
    // Only allocation failures throw here: std::bad_alloc from operator new (core_bindings.cpp)
    // and std::length_error from a container asked for more than it can hold. Catching them
    // without naming them keeps their type information out of the module (-1.5 KB gzipped).
    return out_of_memory();
  }
#endif
}

// { ok: true, value }
inline val ok_to_val(val value) {
  val out = val::object();
  out.set("ok", true);
  out.set("value", std::move(value));
  return out;
}

// Result<T> -> { ok: true, value: to_js(value) } | error.
template <class T, class ToJs>
val result_to_val(const Result<T>& result, ToJs&& to_js) {
  if (!result.ok()) return error_to_val(result.error());
  return ok_to_val(to_js(result.value()));
}

inline val result_to_val(const Result<double>& result) {
  return result_to_val(result, [](double x) { return val(x); });
}

// --- arguments (already checked by core.js; checked again here, cheaply) -----------------------

// A Float64Array made by core.js -> std::vector<double> (one block copy into WASM memory).
// The length limit is checked before anything is allocated: false and `refusal` set beyond it.
inline bool read_outcomes(const val& array, std::size_t limit, const char* name, std::vector<double>& out,
                          std::optional<Error>& refusal) {
  const double length = array["length"].as<double>();
  if (!(length <= static_cast<double>(limit))) {
    refusal.emplace(ErrorCode::OUT_OF_RANGE,
                    std::string(name) + " has too many entries: at most " + std::to_string(limit) + " are accepted.",
                    "TOO_MANY_OUTCOMES", static_cast<double>(limit));
    return false;
  }
  out = emscripten::convertJSArrayToNumberVector<double>(array);
  return true;
}

// UTF-8 bytes (a Uint8Array core.js encoded) -> std::string.
inline std::string read_text(const val& bytes) {
  const auto n = bytes["length"].as<std::size_t>();
  std::string text(n, '\0');
  val(emscripten::typed_memory_view(n, reinterpret_cast<unsigned char*>(text.data()))).call<void>("set", bytes);
  return text;
}

// --- results -----------------------------------------------------------------------------------

// Copies a vector into a fresh plain JS Array (through a typed view used at once).
inline val to_js_array(const std::vector<double>& values) {
  return val::global("Array").call<val>("from", val(emscripten::typed_memory_view(values.size(), values.data())));
}
inline val to_js_array(const std::vector<int>& values) {
  return val::global("Array").call<val>("from", val(emscripten::typed_memory_view(values.size(), values.data())));
}

// Copies a vector into a fresh Float64Array / Int32Array owned by JS.
inline val to_float64_array(const std::vector<double>& values) {
  return val(emscripten::typed_memory_view(values.size(), values.data())).call<val>("slice");
}
inline val to_int32_array(const std::vector<int>& values) {
  return val(emscripten::typed_memory_view(values.size(), values.data())).call<val>("slice");
}

}  // namespace bitruler::bindings
