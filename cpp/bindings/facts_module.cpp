// The standalone facts module (CMake target bitruler_facts, release build directory): facts() of
// facts_bindings.cpp, and the address of the exchange area where it leaves its JSON text. Only
// web/scripts/build.mjs loads it, to write web/src/facts.js and dist/facts.js; the modules a page
// loads register exchange() in core_bindings.cpp.
#include <emscripten/bind.h>

#include "exchange.hpp"

namespace {
double exchange_address() { return bitruler::bindings::address(bitruler::bindings::g_exchange); }
}  // namespace

EMSCRIPTEN_BINDINGS(bitruler_facts_module) {
  emscripten::function("exchange", &exchange_address);
}
