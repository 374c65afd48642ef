// The out-of-line half of exchange.hpp: one copy of the guard, the error writer and the resets
// for every exported function, and the module's operator new.
//
// Out of memory without C++ exceptions (the module is built with -fno-exceptions: unwinding
// tables, landing pads and the exception runtime cost 8 KB gzipped). Every block operator new
// hands out during a call is linked into that call's list (a 16-byte header); a block freed during
// the call is unlinked. When an allocation fails, operator new notes it and traps (WebAssembly
// `unreachable`): the engine unwinds every WASM frame at once and core.js, which catches the
// RuntimeError, puts the stack pointer back and calls recover(), which frees every block of the
// list (what the call took and had not given back, as the destructors would have), forgets the
// call's results and inputs, and says whether memory ran out. Blocks that outlive the call
// (results, the lab's cached data set) leave the list when the call ends or when they are stored
// (commit()); nothing else keeps state across a call: no static is half made when a call stops.
#include "exchange.hpp"

#include <emscripten/bind.h>
#include <emscripten/emscripten.h>
#include <emscripten/stack.h>

#include <cstdint>

#include "bitruler/format.hpp"

#include <cstdlib>

namespace bitruler::bindings {

namespace {

struct Block {
  Block* prev;
  Block* next;
  unsigned long long call;  // the call that took it; 0 outside calls (never in a list)
};
static_assert(sizeof(Block) == 16, "the header keeps blocks 8-byte aligned");

Block* g_taken = nullptr;           // the current call's blocks, newest first
unsigned long long g_call = 1;      // the current call's number (never 0; 64 bits never wrap)
bool g_active = false;              // inside a call
bool g_out_of_memory = false;       // an allocation failed in the call that trapped

void reset_outputs() { g_outputs = Outputs{}; }

void begin() {
  g_active = true;
  reset_outputs();
}
void end() {
  commit();
  g_active = false;
}

}  // namespace

void commit() {
  ++g_call;
  g_taken = nullptr;
}

bool recover() {
  for (Block* b = g_taken; b != nullptr;) {
    Block* next = b->next;
    std::free(b);
    b = next;
  }
  commit();
  g_active = false;
  // The results (if any) were made in the call that stopped, so their blocks are freed above:
  // start them afresh without freeing again. The inputs are older: freed as usual.
  new (&g_outputs) Outputs();
  release_inputs();
  const bool out_of_memory = g_out_of_memory;
  g_out_of_memory = false;
  return out_of_memory;
}

void put_text(int k, const std::string& s) {
  g_exchange[k] = address(s.data());
  g_exchange[k + 1] = static_cast<double>(s.size());
}

int write_error(Error&& e) {
  const Error& kept = g_outputs.error.emplace(std::move(e));
  put_text(0, kept.message);
  put_text(2, kept.reason);
  put(4, kept.limit);
  put(5, static_cast<double>(kept.index));
  put(6, kept.has_range() ? static_cast<double>(kept.start) : -1.0);
  put(7, kept.has_range() ? static_cast<double>(kept.end) : -1.0);
  return 1 + static_cast<int>(kept.code);
}

int fail(ErrorCode code, std::string message, const char* reason, double limit) {
  return write_error(Error{code, std::move(message), reason, limit});
}

int scalar(Result<double>&& r) {
  if (!r) return fail(r);
  put(0, *r);
  return 0;
}

void release_inputs() {
  for (auto& v : g_inputs) std::vector<double>().swap(v);
  std::string().swap(g_text);
}

int guarded(int (*body)(void*), void* context) {
  begin();
  const int status = body(context);
  release_inputs();
  end();
  return status;
}

double room(void* (*make)(void*), void* context) {
  begin();
  const double at = address(make(context));
  end();
  return at;
}

const std::vector<double>* take_input(int slot, std::size_t limit, const char* name, int& status) {
  if (g_inputs[slot].size() > limit) {
    status = fail(ErrorCode::OUT_OF_RANGE,
                  message("$ has too many entries: at most $ are accepted.", {name, limit}),
                  "TOO_MANY_OUTCOMES", static_cast<double>(limit));
    return nullptr;
  }
  return &g_inputs[slot];
}

}  // namespace bitruler::bindings

// operator new: one more refusal besides a failed malloc: a request of 2 GiB or more fails before
// it reaches emmalloc, whose size check (pointer + size) wraps around 2^32 for such a request and
// would hand out a block running past the end of memory. (Every input limit keeps requests far
// below this; this makes it hold whatever the path.) Replaces libc++'s weak definitions.
void* operator new(std::size_t size) {
  using namespace bitruler::bindings;
  if (size < (std::size_t{1} << 31)) {
    if (auto* b = static_cast<Block*>(std::malloc(size + sizeof(Block)))) {
      b->prev = nullptr;
      b->next = nullptr;
      b->call = 0;
      if (g_active) {
        b->call = g_call;
        b->next = g_taken;
        if (g_taken != nullptr) g_taken->prev = b;
        g_taken = b;
      }
      return b + 1;
    }
  }
  g_out_of_memory = true;
  __builtin_trap();
}
void operator delete(void* block) noexcept {
  using namespace bitruler::bindings;
  if (block == nullptr) return;
  Block* b = static_cast<Block*>(block) - 1;
  if (b->call == g_call) {  // taken in this call: leaves its list
    if (b->prev != nullptr) b->prev->next = b->next; else g_taken = b->next;
    if (b->next != nullptr) b->next->prev = b->prev;
  }
  std::free(b);
}
void* operator new[](std::size_t size) { return ::operator new(size); }
void operator delete[](void* block) noexcept { ::operator delete(block); }
void operator delete(void* block, std::size_t) noexcept { ::operator delete(block); }
void operator delete[](void* block, std::size_t) noexcept { ::operator delete(block); }

// The shadow-stack pointer, and setting it (when `set` is not 0): core.js reads the pointer once
// while no call is running, and puts it back after a call stopped inside the module (whose frames
// had lowered it). A plain export (EXPORTED_FUNCTIONS, CMakeLists.txt) called straight from JS, a
// leaf with no frame of its own: through embind, whose invoker has a frame and restores on return
// the pointer it was called with, neither the reading nor the setting would be exact.
extern "C" void stackRestore(std::uintptr_t);
extern "C" EMSCRIPTEN_KEEPALIVE std::uintptr_t bitruler_stack_pointer(std::uintptr_t set) {
  const std::uintptr_t sp = emscripten_stack_get_current();
  if (set != 0) stackRestore(set);
  return sp;
}

// exchange(): the area's byte address, in every module this file is linked into (the page's, the
// debug one and the build's facts module, CMakeLists.txt).
namespace {
double exchange_address() { return bitruler::bindings::address(bitruler::bindings::g_exchange); }
}  // namespace

EMSCRIPTEN_BINDINGS(bitruler_exchange) {
  emscripten::function("exchange", &exchange_address);
}
