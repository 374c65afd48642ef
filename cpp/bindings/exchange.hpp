// The boundary between the module and web/src/core.js: numbers in, numbers out. The only place
// (with the *_bindings.cpp files) that includes Emscripten headers.
//
// Every exported function takes and returns numbers and booleans only (embind registers them;
// no emscripten::val, so no JavaScript ever runs inside a WASM frame and nothing JS-side is
// created or held from here). Arrays and text travel through the module's memory:
//   - in:  core.js asks input(slot, n) / text(n) for room, gets its byte address, and copies the
//          caller's data there itself (Float64Arrays it made, UTF-8 bytes it encoded); the
//          function that reads them frees them before it returns;
//   - out: each function returns a status (0, or 1 + the ErrorCode of a refusal) and writes its
//          numbers into the exchange area (exchange() gives its byte address): scalars, and
//          (byte address, length) pairs of arrays and text that stay valid until the next call,
//          which core.js copies out at once. A refusal writes its message, reason, limit, index
//          and byte range there (see write_error).
// An allocation that fails stops the call; recover() then frees everything it took (exchange.cpp
// says how, without C++ exceptions).
#pragma once

#include <cstddef>
#include <cstdint>
#include <new>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "bitruler/limits.hpp"
#include "bitruler/result.hpp"

namespace bitruler::bindings {


// The exchange area: kExchangeSize doubles that core.js reads after each call.
inline constexpr int kExchangeSize = 24;
inline double g_exchange[kExchangeSize];

// What the exchange area points into: the results of the last call (freed by the next one) and
// the inputs of the next (freed by the call that reads them).
struct Outputs {
  std::vector<double> vec[7];
  std::vector<int> ints;
  std::vector<std::size_t> sizes[2];
  std::string bytes;
  std::optional<Error> error;
};
inline Outputs g_outputs;
inline std::vector<double> g_inputs[2];
inline std::string g_text;

inline double address(const void* p) { return static_cast<double>(reinterpret_cast<std::uintptr_t>(p)); }

inline void put(int k, double x) { g_exchange[k] = x; }
// (byte address, length) of an array or text at k, k + 1.
template <class T>
void put_array(int k, const std::vector<T>& v) {
  g_exchange[k] = address(v.data());
  g_exchange[k + 1] = static_cast<double>(v.size());
}
void put_text(int k, const std::string& s);

// A refusal: message (0, 1), reason (2, 3; length 0: none), limit (4; NaN: none), index (5; -1:
// none), UTF-8 byte range (6, 7; -1: none). The Error is kept until the next call.
int write_error(Error&& e);
template <class T>
int fail(Result<T>& r) {
  return write_error(std::move(r.error()));
}
int fail(ErrorCode code, std::string message, const char* reason = "",
         double limit = std::numeric_limits<double>::quiet_NaN());

// Result<double> -> status, the value at 0.
int scalar(Result<double>&& r);

void release_inputs();

// Runs the body of an exported function (guarded, once for all of them, out of line): the
// previous call's results are freed first and the inputs when it ends.
int guarded(int (*body)(void*), void* context);
template <class F>
int run(F&& body) {
  return guarded([](void* f) { return (*static_cast<F*>(f))(); }, &body);
}

// Room for an input: `make` fills a slot and returns its address.
double room(void* (*make)(void*), void* context);
template <class F>
double room(F&& make) {
  return room([](void* f) -> void* { return (*static_cast<F*>(f))(); }, &make);
}

// Blocks the current call took so far outlive it (a static now holds them): call right after
// storing them.
void commit();

// After a call stopped (core.js caught the trap): frees every block the call took and had not
// given back, forgets its results and the inputs; true when an allocation had failed.
bool recover();

// The input of `slot` (filled by core.js; freed when the call ends or stops). More than `limit`
// entries (core.js refuses them first) is refused here too: nullptr, with the status.
const std::vector<double>* take_input(int slot, std::size_t limit, const char* name, int& status);

}  // namespace bitruler::bindings
