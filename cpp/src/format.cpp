#include "bitruler/format.hpp"
#include "bitruler/parse.hpp"

#include <cmath>
#include <cstdint>

namespace bitruler {
namespace {

// digits (no leading zeros, at most 17) × 10^exp10 as text, in %g style.
std::string layout(const std::string& digits, int exp10) {
  const int n = static_cast<int>(digits.size());
  const int point = n + exp10;  // position of the decimal point after the first `point` digits
  if (point > 17 || point < -3) {  // %g: scientific when the exponent is < -4 or >= 17
    // Scientific: d.ddd e±XX
    std::string out(1, digits[0]);
    if (n > 1) out += "." + digits.substr(1);
    const int e = point - 1;
    out += e < 0 ? "e-" : "e+";
    const std::string magnitude = decimal(static_cast<unsigned long long>(e < 0 ? -e : e));
    if (magnitude.size() < 2) out += "0";
    return out + magnitude;
  }
  if (point <= 0) return "0." + std::string(static_cast<std::size_t>(-point), '0') + digits;
  if (point >= n) return digits + std::string(static_cast<std::size_t>(point - n), '0');
  return digits.substr(0, static_cast<std::size_t>(point)) + "." + digits.substr(static_cast<std::size_t>(point));
}

}  // namespace

std::string format_number(double x) {
  if (std::isnan(x)) return "NaN";
  if (std::isinf(x)) return x > 0 ? "infinity" : "-infinity";
  if (x == 0) return std::signbit(x) ? "-0" : "0";
  const std::string sign = x < 0 ? "-" : "";
  const double a = std::fabs(x);
  // 17 significant digits of a as an integer: scale by a power of ten in steps so nothing
  // overflows or underflows (subnormals included). The last digit may be off by one or two;
  // the read-back check below tries every length, so short forms ("0.1") are still exact. The
  // powers of ten are the correctly rounded ones (decimal_to_double), not pow()'s, which misrounds
  // a few (10^23, 10^126, 10^210) differently in glibc and musl: the text is the same natively and
  // in WASM, and the module needs no pow.
  int e10 = static_cast<int>(std::floor(std::log10(a)));
  const auto seventeen_digits = [a](int exponent) {
    double scaled = a;
    int shift = 16 - exponent;
    while (shift > 0) { const int s = shift > 300 ? 300 : shift; scaled *= decimal_to_double("1", s); shift -= s; }
    while (shift < 0) { const int s = -shift > 300 ? 300 : -shift; scaled /= decimal_to_double("1", s); shift += s; }
    return static_cast<std::uint64_t>(std::llround(scaled));
  };
  std::uint64_t u = seventeen_digits(e10);
  // log10 can land one off near powers of ten: keep u at exactly 17 digits.
  if (u >= 100000000000000000ULL) u = seventeen_digits(++e10);
  if (u < 10000000000000000ULL) u = seventeen_digits(--e10);
  if (u >= 100000000000000000ULL) u = 99999999999999999ULL;
  // Shortest first. The scaled digits can be tens of units off in their 17th place (u is above
  // 2^53, and 10^shift is rounded), so each shorter length tries its neighbours, and the 17-digit
  // form walks towards x by reading its text back: 17 digits always identify a double. Text is read
  // back by the parser's exact conversion (decimal_to_double), which rounds as strtod does.
  // A candidate: head (len digits, one more when it carried) in the place of u's first len digits.
  struct Candidate {
    std::string digits;  // without trailing zeros
    int exp10;
  };
  const auto candidate = [&](std::int64_t head, std::size_t len) {
    Candidate c{decimal(static_cast<unsigned long long>(head)), 0};
    c.exp10 = e10 - static_cast<int>(len) + 1;  // head × 10^exp10 (a carry to more digits keeps the value)
    while (c.digits.size() > 1 && c.digits.back() == '0') { c.digits.pop_back(); ++c.exp10; }
    return c;
  };
  // What the text reads back as (its magnitude), by the parser's exact conversion.
  const auto value = [](const Candidate& c) { return decimal_to_double(c.digits, c.exp10); };
  const auto text = [&](const Candidate& c) { return sign + layout(c.digits, c.exp10); };
  const std::string all = decimal(u);  // 17 digits
  for (std::size_t len = 1; len < all.size(); ++len) {
    std::int64_t head = 0;
    for (std::size_t i = 0; i < len; ++i) head = head * 10 + (all[i] - '0');
    if (all[len] >= '5') ++head;
    for (const std::int64_t h : {head, head - 1, head + 1}) {
      if (h <= 0) continue;
      const Candidate c = candidate(h, len);
      if (value(c) == a) return text(c);
    }
  }
  std::int64_t head = static_cast<std::int64_t>(u);
  Candidate c = candidate(head, all.size());
  for (int step = 0; step < 200; ++step) {
    const double back = value(c);
    if (back == a) break;
    head += back < a ? 1 : -1;
    c = candidate(head, all.size());
  }
  return text(c);
}

std::string decimal(unsigned long long n) {
  char digits[20];
  char* at = digits + sizeof digits;
  do {
    *--at = static_cast<char>('0' + n % 10);
    n /= 10;
  } while (n != 0);
  return std::string(at, digits + sizeof digits);
}

void Arg::append_to(std::string& out) const {
  switch (kind_) {
    case kText: out += text_; break;
    case kNumber: out += format_number(number_); break;
    case kNegative: out += '-'; [[fallthrough]];
    case kWhole: out += decimal(whole_); break;
  }
}

std::string message(const char* pattern, std::initializer_list<Arg> args) {
  std::string out;
  const Arg* next = args.begin();
  for (const char* c = pattern; *c != '\0'; ++c) {
    if (*c == '$' && next != args.end()) {
      (next++)->append_to(out);
    } else {
      out += *c;
    }
  }
  return out;
}

std::string hex_digits(unsigned long value, int min_digits) {
  char digits[16];
  char* at = digits + sizeof digits;
  do {
    *--at = "0123456789ABCDEF"[value & 0xF];
    value >>= 4;
  } while (value != 0 || digits + sizeof digits - at < min_digits);
  return std::string(at, digits + sizeof digits);
}

}  // namespace bitruler
