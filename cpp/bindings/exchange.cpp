// The out-of-line half of exchange.hpp: one copy of the guard, the error writer and the resets
// for every exported function.
#include "exchange.hpp"

namespace bitruler::bindings {

namespace {
void reset_outputs() { g_outputs = Outputs{}; }
}  // namespace

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
  reset_outputs();
  int status;
#if !defined(__cpp_exceptions)
  status = body(context);
#else
  try {
    status = body(context);
  } catch (const std::bad_alloc&) {
    reset_outputs();
    status = kOutOfMemory;
  } catch (const std::length_error&) {
    reset_outputs();
    status = kOutOfMemory;
  } catch (...) {
    reset_outputs();
    status = kInternal;
  }
#endif
  release_inputs();
  return status;
}

double room(void* (*make)(void*), void* context) {
  reset_outputs();
#if defined(__cpp_exceptions)
  try {
    return address(make(context));
  } catch (...) {
    return -kOutOfMemory;
  }
#else
  return address(make(context));
#endif
}

bool take_input(int slot, std::size_t limit, const char* name, std::vector<double>& out, int& status) {
  out.swap(g_inputs[slot]);
  if (out.size() > limit) {
    status = fail(ErrorCode::OUT_OF_RANGE,
                  std::string(name) + " has too many entries: at most " + std::to_string(limit) + " are accepted.",
                  "TOO_MANY_OUTCOMES", static_cast<double>(limit));
    return false;
  }
  return true;
}

}  // namespace bitruler::bindings
