// Text for error messages without printf: the printf machinery (printf_core, fmt_fp) costs
// about 5 KB gzipped in the WebAssembly module, on a page with a 200 KB budget.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace bitruler {

// One argument of message(): text as it is, a whole number in decimal, a double by format_number.
class Arg {
 public:
  Arg(const char* text) : kind_(kText), text_(text) {}
  Arg(const std::string& text) : kind_(kText), text_(text) {}
  Arg(std::string_view text) : kind_(kText), text_(text) {}
  Arg(double x) : kind_(kNumber), number_(x) {}
  Arg(int n) : Arg(static_cast<long long>(n)) {}
  Arg(long n) : Arg(static_cast<long long>(n)) {}
  Arg(long long n) : kind_(n < 0 ? kNegative : kWhole), whole_(n < 0 ? 0 - static_cast<unsigned long long>(n) : n) {}
  Arg(unsigned n) : Arg(static_cast<unsigned long long>(n)) {}
  Arg(unsigned long n) : Arg(static_cast<unsigned long long>(n)) {}
  Arg(unsigned long long n) : kind_(kWhole), whole_(n) {}
  void append_to(std::string& out) const;

 private:
  enum Kind { kText, kNumber, kWhole, kNegative } kind_;
  std::string_view text_;
  double number_ = 0;
  unsigned long long whole_ = 0;
};

// The pattern with each '$' replaced by the next argument: message("P[$] is $.", {3, -0.5}) is
// "P[3] is -0.5.". One function builds every message of the core (instead of a chain of string
// concatenations at each of a hundred places: in the WebAssembly module, that is code).
std::string message(const char* pattern, std::initializer_list<Arg> args);

// n in decimal.
std::string decimal(unsigned long long n);

// The shortest decimal text (at most 17 significant digits) that reads back as x (with strtod, or
// decimal_to_double):
// "0.1", "1e+308", "4.9406564584124654e-324", "NaN", "infinity", "-infinity".
std::string format_number(double x);

// Upper-case hexadecimal with at least `min_digits` (at most 16) digits: hex_digits(0x7, 2) == "07".
std::string hex_digits(unsigned long value, int min_digits);

}  // namespace bitruler
