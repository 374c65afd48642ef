// Text for error messages without printf: the printf machinery (printf_core, fmt_fp) costs
// about 5 KB gzipped in the WebAssembly module, on a page with a 200 KB budget.
#pragma once

#include <string>

namespace bitruler {

// The shortest decimal text (at most 17 significant digits) that reads back as x (with strtod, or
// decimal_to_double):
// "0.1", "1e+308", "4.9406564584124654e-324", "NaN", "infinity", "-infinity".
std::string format_number(double x);

// Upper-case hexadecimal with at least `min_digits` digits: hex_digits(0x7, 2) == "07".
std::string hex_digits(unsigned long value, int min_digits);

}  // namespace bitruler
