// Parsing what readers type into probabilities and distributions.
//
// Accepted forms of one entry (after mapping Chinese-IME characters to ASCII):
//   0.125   .5   1.   12.5%   5‰   1e-3   1E-3   +0.5   1/1024   1 / 8   0.1/0.3
// Spaces may stand around '/' and before '%' / '‰', but not inside a number or after a sign.
// A distribution is a list of entries separated by ',', ';', whitespace, '，', '、' or '；'.
// A single trailing separator is tolerated (the reader is still typing); an empty entry
// between two separators, or a leading separator, is refused.
//
// Design decisions (each tested in tests/cpp/test_parse.cpp):
// - Text longer than kMaxInputLength BYTES is refused with PARSE before any character is
//   read, so a pasted 100,000-character string costs O(1).
// - Numbers are converted by std::strtod on an integer significand plus a decimal exponent
//   ("125e-3"), so no decimal point reaches strtod and the current locale cannot matter.
//   glibc (native) and musl (WASM) both round strtod correctly, so both give the same bits.
// - a/b is correctly rounded whenever numerator and denominator have at most 15 significant
//   digits and their decimal exponents can be folded into one integer below 2^53 (every
//   realistically typed fraction, e.g. 0.1/0.3 == 1.0/3.0). Beyond that it is within a few ulps.
// - '%' and '‰' shift the decimal exponent (12.5% is read as 125e-3), so they round once.
// - A non-zero number that underflows to 0.0 is refused (OUT_OF_RANGE) rather than silently
//   becoming an impossible event; subnormal results are kept.
// - "-0" is zero, not negative. Any other minus sign on a non-zero numerator or denominator
//   is NEGATIVE. Overflow (1e999) and division by zero (1/0, 0/0) are NOT_FINITE.
// - Errors are reported for the first problem met from left to right.
#include "bitruler/parse.hpp"
#include "bitruler/format.hpp"

#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>

namespace bitruler {
namespace {

// Internal marker for the per-mille sign; only mapped characters ever carry it.
constexpr char kPermille = 'P';
// Internal marker for any character that has no meaning in a number.
constexpr char kOther = '\0';

// One decoded character: its ASCII meaning and where it came from.
struct Glyph {
  char c;              // mapped ASCII meaning, kPermille or kOther
  std::uint32_t cp;    // the code point as typed
  std::size_t pos;     // 1-based character (code point) index in the original text
  std::size_t byte;    // byte offset in the original text
  std::size_t len;     // byte length in the original text
};

bool is_space(char c) { return c == ' '; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hard_separator(char c) { return c == ',' || c == ';'; }

// Meaning of a code point: ASCII digits and signs map to themselves, Chinese-IME and
// typographic look-alikes map to their ASCII counterparts, everything else is kOther.
char map_code_point(std::uint32_t cp) {
  if (cp < 0x80) {
    const char c = static_cast<char>(cp);
    if (is_digit(c)) return c;
    switch (c) {
      case '.': case '/': case '%': case '+': case '-': case ',': case ';':
        return c;
      case 'e': case 'E':
        return 'e';
      case ' ': case '\t': case '\n': case '\r': case '\f': case '\v':
        return ' ';
      default:
        return kOther;
    }
  }
  if (cp >= 0xFF10 && cp <= 0xFF19) return static_cast<char>('0' + (cp - 0xFF10));  // ０-９
  switch (cp) {
    case 0xFF0E:  // ． full-width full stop
    case 0x3002:  // 。 ideographic full stop: what '.' types in Chinese punctuation mode
      return '.';
    case 0xFF0F:  // ／
    case 0x2044:  // ⁄ fraction slash
    case 0x00F7:  // ÷
      return '/';
    case 0xFF05:  // ％
      return '%';
    case 0x2030:  // ‰
      return kPermille;
    case 0xFF0B:  // ＋
      return '+';
    case 0xFF0D:  // －
    case 0x2212:  // − minus sign
      return '-';
    case 0xFF45:  // ｅ
    case 0xFF25:  // Ｅ
      return 'e';
    case 0xFF0C:  // ，
    case 0x3001:  // 、
      return ',';
    case 0xFF1B:  // ；
      return ';';
    case 0x3000:  // ideographic space
    case 0x00A0:  // no-break space
    case 0x2009:  // thin space
    case 0x202F:  // narrow no-break space
      return ' ';
    default:
      return kOther;
  }
}

struct Failure {
  ErrorCode code;
  std::string message;
};

std::string hex_byte(unsigned char b) { return "0x" + hex_digits(b, 2); }

// Strict UTF-8 decoding (no overlongs, no surrogates, nothing above U+10FFFF).
std::optional<Failure> decode(std::string_view text, std::vector<Glyph>& out) {
  out.reserve(text.size());
  std::size_t i = 0;
  std::size_t pos = 0;
  const auto bad = [&](std::size_t at) {
    return Failure{ErrorCode::PARSE,
                   "The text is not valid UTF-8: byte " + hex_byte(static_cast<unsigned char>(text[at])) +
                       " at byte offset " + std::to_string(at) + " cannot appear there."};
  };
  while (i < text.size()) {
    const auto b0 = static_cast<unsigned char>(text[i]);
    std::uint32_t cp = 0;
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the first continuation byte
    if (b0 < 0x80) {
      cp = b0; len = 1;
    } else if (b0 >= 0xC2 && b0 <= 0xDF) {
      cp = b0 & 0x1Fu; len = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      cp = b0 & 0x0Fu; len = 3;
      if (b0 == 0xE0) lo = 0xA0;  // no overlongs
      if (b0 == 0xED) hi = 0x9F;  // no surrogates
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      cp = b0 & 0x07u; len = 4;
      if (b0 == 0xF0) lo = 0x90;  // no overlongs
      if (b0 == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
    } else {
      return bad(i);
    }
    for (std::size_t k = 1; k < len; ++k) {
      if (i + k >= text.size()) {
        return Failure{ErrorCode::PARSE, "The text is not valid UTF-8: it ends inside a multi-byte character "
                                         "that starts at byte offset " + std::to_string(i) + "."};
      }
      const auto b = static_cast<unsigned char>(text[i + k]);
      const unsigned char min = (k == 1) ? lo : 0x80, max = (k == 1) ? hi : 0xBF;
      if (b < min || b > max) return bad(i + k);
      cp = (cp << 6) | (b & 0x3Fu);
    }
    out.push_back(Glyph{map_code_point(cp), cp, ++pos, i, len});
    i += len;
  }
  return std::nullopt;
}

// A non-negative decimal number: significand (digits, no leading or trailing zeros) * 10^exp10.
struct Decimal {
  std::string digits;        // empty means zero
  long long exp10 = 0;       // saturated far outside the double range
  bool zero() const { return digits.empty(); }
};

constexpr long long kExponentCap = 100000000;  // beyond any double; keeps arithmetic in range

long long saturate(long long e) {
  if (e > kExponentCap) return kExponentCap;
  if (e < -kExponentCap) return -kExponentCap;
  return e;
}

// 10^k for |k| small enough, as a correctly rounded double (strtod of "1e<k>").
double power_of_ten(long long k) {
  const std::string s = "1e" + std::to_string(k);
  return std::strtod(s.c_str(), nullptr);
}

// Correctly rounded value of a Decimal (can be inf or 0 on overflow / underflow).
double to_double(const Decimal& d) {
  if (d.zero()) return 0.0;
  const std::string s = d.digits + "e" + std::to_string(d.exp10);
  return std::strtod(s.c_str(), nullptr);
}

// The significand as an integer, if it has at most 15 digits (so it is exact in a double).
std::optional<std::uint64_t> small_significand(const Decimal& d) {
  if (d.digits.size() > 15) return std::nullopt;
  std::uint64_t v = 0;
  for (char c : d.digits) v = v * 10 + static_cast<std::uint64_t>(c - '0');
  return v;
}

// v * 10^k if the result stays below 2^53 (so it is exact in a double).
std::optional<std::uint64_t> scale_exact(std::uint64_t v, long long k) {
  constexpr std::uint64_t kLimit = std::uint64_t{1} << 53;
  for (long long i = 0; i < k; ++i) {
    if (v > (kLimit - 1) / 10) return std::nullopt;
    v *= 10;
  }
  if (v >= kLimit) return std::nullopt;
  return v;
}

// a / b for b != 0. Correctly rounded in the common case (see the file comment).
double divide(const Decimal& a, const Decimal& b) {
  if (a.zero()) return 0.0;
  const auto na = small_significand(a);
  const auto nb = small_significand(b);
  if (na && nb) {
    const long long d = a.exp10 - b.exp10;
    if (d >= 0 && d <= 16) {
      if (const auto sa = scale_exact(*na, d)) return static_cast<double>(*sa) / static_cast<double>(*nb);
    } else if (d < 0 && d >= -16) {
      if (const auto sb = scale_exact(*nb, -d)) return static_cast<double>(*na) / static_cast<double>(*sb);
    }
  }
  // Fallback: significands as doubles in [1, 10), then the power of ten applied in steps
  // so that no intermediate overflows or underflows before the final result does.
  const auto lead = [](const Decimal& x, long long& exponent) {
    exponent = x.exp10 + static_cast<long long>(x.digits.size()) - 1;
    const std::string s = x.digits + "e-" + std::to_string(x.digits.size() - 1);
    return std::strtod(s.c_str(), nullptr);
  };
  long long ea = 0, eb = 0;
  double q = lead(a, ea) / lead(b, eb);
  long long k = ea - eb;
  if (k > 700) return HUGE_VAL;
  if (k < -700) return 0.0;
  while (k > 300) { q *= 1e300; k -= 300; }
  while (k < -300) { q *= 1e-300; k += 300; }
  return q * power_of_ten(k);
}

// One parsed entry before evaluation.
struct Entry {
  bool negative = false;        // a '-' sign on the numerator
  Decimal numerator;
  bool has_denominator = false;
  bool denominator_negative = false;
  Decimal denominator;
  bool percent = false;   // written with % or ‰: explicitly a probability, so never above 100%
  std::size_t first = 0;  // glyph index where the entry starts
};

class Parser {
 public:
  Parser(std::string_view text, const std::vector<Glyph>& g, bool single)
      : text_(text), g_(g), single_(single) {}

  // Parses all entries into `values`, or returns the first failure.
  std::optional<Failure> run(std::vector<double>& values) {
    skip_spaces();
    if (at_end()) return Failure{ErrorCode::EMPTY, "The text is empty: type a probability such as 1/8, 0.125 or 12.5%."};
    if (is_hard_separator(peek())) {
      if (only_separators_from(i_)) {
        return Failure{ErrorCode::EMPTY, single_ ? "The text holds no number, only separators."
                                                 : "The list holds no entries, only separators."};
      }
      return unexpected(single_ ? separator_hint() : "the list starts with a separator; an entry is missing before it");
    }
    for (;;) {
      const std::size_t index = values.size() + 1;
      Entry e;
      if (auto f = parse_entry(e, index)) return f;
      double v = 0.0;
      if (auto f = evaluate(e, index, v)) return f;
      values.push_back(v);
      // Between entries: spaces and at most one hard separator.
      const std::size_t before = i_;
      skip_spaces();
      bool separated = i_ > before;
      if (!at_end() && is_hard_separator(peek())) {
        if (single_) return unexpected(separator_hint());
        ++i_;
        separated = true;
        skip_spaces();
        if (!at_end() && is_hard_separator(peek())) {
          return unexpected("two separators follow each other; an entry is missing between them");
        }
      }
      if (at_end()) return std::nullopt;
      if (peek() == '/') return unexpected("a fraction has only one '/'");
      if (peek() == '%' || peek() == kPermille) return unexpected("only one percent sign is allowed, right after its number");
      if (!separated) return unexpected("it cannot follow a number");
      if (single_) {
        return fail(ErrorCode::PARSE, "Expected a single probability, but more text starts at character " +
                                          std::to_string(g_[i_].pos) + ".");
      }
    }
  }

 private:
  bool at_end() const { return i_ >= g_.size(); }
  char peek() const { return g_[i_].c; }
  void skip_spaces() {
    while (!at_end() && is_space(peek())) ++i_;
  }
  bool only_separators_from(std::size_t i) const {
    for (; i < g_.size(); ++i) {
      if (!is_space(g_[i].c) && !is_hard_separator(g_[i].c)) return false;
    }
    return true;
  }

  std::string separator_hint() const {
    if (peek() == ',') return "a single probability takes no comma (use '.' as the decimal point)";
    return "a single probability takes no separator";
  }

  // A glyph as typed: 'x' for printable ASCII, U+0007 for control characters, and
  // '十' (U+5341) beyond ASCII, so invisible characters such as U+200B are still named.
  std::string show(std::size_t i) const {
    const Glyph& gl = g_[i];
    const std::string code = "U+" + hex_digits(gl.cp, 4);
    if (gl.cp < 0x20 || gl.cp == 0x7F) return code;
    const std::string typed = "'" + std::string(text_.substr(gl.byte, gl.len)) + "'";
    if (gl.cp < 0x80) return typed;
    return typed + " (" + code + ")";
  }

  // The original text of entry glyphs [first, ...) up to the next separator, at most 24 characters.
  std::string entry_text(std::size_t first) const {
    std::size_t end = first;
    while (end < g_.size() && !is_hard_separator(g_[end].c) && end - first < 24) ++end;
    while (end > first && is_space(g_[end - 1].c)) --end;
    if (end == first) return "";
    std::string s(text_.substr(g_[first].byte, g_[end - 1].byte + g_[end - 1].len - g_[first].byte));
    // Control characters would garble the message; show them as '?'.
    for (char& c : s) {
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = '?';
    }
    if (end < g_.size() && !is_hard_separator(g_[end].c) && !is_space(g_[end].c)) s += "...";
    return s;
  }

  // Names an entry: "-0.1" for a single probability, Entry 2 ("-0.1") in a list.
  std::string where(std::size_t index, std::size_t first) const {
    if (single_) return "\"" + entry_text(first) + "\"";
    return "Entry " + std::to_string(index) + " (\"" + entry_text(first) + "\")";
  }

  Failure fail(ErrorCode code, std::string message) const { return Failure{code, std::move(message)}; }

  // PARSE failure at the current glyph.
  Failure unexpected(const std::string& why) const {
    return fail(ErrorCode::PARSE, "Unexpected " + show(i_) + " at character " + std::to_string(g_[i_].pos) +
                                      ": " + why + ".");
  }

  Failure entry_error(std::size_t index, std::size_t first, const std::string& what) const {
    return fail(ErrorCode::PARSE, (single_ ? "In " : "") + where(index, first) + ": " + what + ".");
  }

  std::string here() const {
    if (at_end()) return "at the end of the text";
    return show(i_) + " at character " + std::to_string(g_[i_].pos);
  }

  // [sign] digits [. digits] [e [sign] digits]
  std::optional<Failure> parse_number(Decimal& out, std::size_t index, std::size_t first, const char* role) {
    const std::size_t start = i_;
    std::string digits;
    long long frac_digits = 0;
    bool any_digit = false;
    while (!at_end() && is_digit(peek())) { digits += peek(); any_digit = true; ++i_; }
    if (!at_end() && peek() == '.') {
      ++i_;
      while (!at_end() && is_digit(peek())) { digits += peek(); any_digit = true; ++frac_digits; ++i_; }
    }
    if (!any_digit) {
      i_ = start;
      return entry_error(index, first, std::string("expected ") + role + ", found " + here());
    }
    long long exponent = 0;
    if (!at_end() && peek() == 'e') {
      ++i_;
      bool exp_negative = false;
      if (!at_end() && (peek() == '+' || peek() == '-')) { exp_negative = peek() == '-'; ++i_; }
      if (at_end() || !is_digit(peek())) {
        return entry_error(index, first, "the exponent after 'e' has no digits (" + here() + ")");
      }
      while (!at_end() && is_digit(peek())) {
        if (exponent < kExponentCap) exponent = exponent * 10 + (peek() - '0');
        ++i_;
      }
      if (exp_negative) exponent = -exponent;
    }
    // Normalize: strip leading zeros, fold trailing zeros into the exponent.
    std::size_t lead = 0;
    while (lead < digits.size() && digits[lead] == '0') ++lead;
    std::size_t end = digits.size();
    while (end > lead && digits[end - 1] == '0') --end;
    out.digits = digits.substr(lead, end - lead);
    out.exp10 = out.digits.empty() ? 0 : saturate(exponent - frac_digits + static_cast<long long>(digits.size() - end));
    return std::nullopt;
  }

  // Reads an optional sign. A sign must touch its number.
  std::optional<Failure> parse_sign(bool& negative, std::size_t index, std::size_t first) {
    negative = false;
    if (!at_end() && (peek() == '+' || peek() == '-')) {
      negative = peek() == '-';
      ++i_;
      if (at_end() || !(is_digit(peek()) || peek() == '.')) {
        return entry_error(index, first, "a sign must be followed directly by a number, found " + here());
      }
    }
    return std::nullopt;
  }

  std::optional<Failure> parse_entry(Entry& e, std::size_t index) {
    e.first = i_;
    const std::size_t first = i_;
    if (auto f = parse_sign(e.negative, index, first)) return f;
    if (auto f = parse_number(e.numerator, index, first, "a number")) return f;
    // Optional spaces, then '/', '%' or '‰' may continue the entry.
    const std::size_t after_number = i_;
    skip_spaces();
    if (!at_end() && (peek() == '%' || peek() == kPermille)) {
      const long long shift = peek() == '%' ? 2 : 3;
      if (!e.numerator.zero()) e.numerator.exp10 = saturate(e.numerator.exp10 - shift);
      e.percent = true;
      ++i_;
    } else if (!at_end() && peek() == '/') {
      ++i_;
      skip_spaces();
      e.has_denominator = true;
      if (auto f = parse_sign(e.denominator_negative, index, first)) return f;
      if (auto f = parse_number(e.denominator, index, first, "a denominator after '/'")) return f;
      const std::size_t after_denominator = i_;
      skip_spaces();
      if (!at_end() && (peek() == '%' || peek() == kPermille)) {
        return entry_error(index, first, "a percent or per-mille sign cannot follow a fraction");
      }
      i_ = after_denominator;
    } else {
      i_ = after_number;
    }
    // Whatever follows must end the entry.
    if (!at_end() && !is_space(peek()) && !is_hard_separator(peek())) {
      if (peek() == '/') return entry_error(index, first, "a fraction has only one '/' (" + here() + ")");
      if (peek() == '.') return entry_error(index, first, "a number has only one decimal point (" + here() + ")");
      if (peek() == '%' || peek() == kPermille) return entry_error(index, first, "only one percent sign is allowed (" + here() + ")");
      return entry_error(index, first, "unexpected " + here());
    }
    return std::nullopt;
  }

  std::optional<Failure> evaluate(const Entry& e, std::size_t index, double& value) const {
    // Built only when a message is needed: a valid list of thousands of entries stays linear.
    const auto w = [&] { return where(index, e.first); };
    if (e.negative && !e.numerator.zero()) {
      return fail(ErrorCode::NEGATIVE, w() + " is negative; probabilities and weights must be 0 or more.");
    }
    if (e.has_denominator) {
      if (e.denominator_negative && !e.denominator.zero()) {
        return fail(ErrorCode::NEGATIVE, w() + " has a negative denominator; probabilities and weights must be 0 or more.");
      }
      if (e.denominator.zero()) {
        return fail(ErrorCode::NOT_FINITE, w() + (e.numerator.zero() ? " is 0/0, which has no value."
                                                                   : " divides by zero, which is not a finite number."));
      }
      value = divide(e.numerator, e.denominator);
    } else {
      value = to_double(e.numerator);
    }
    if (std::isinf(value)) {
      return fail(ErrorCode::NOT_FINITE, w() + " is too large to represent as a finite number.");
    }
    if (value == 0.0 && !e.numerator.zero()) {
      return fail(ErrorCode::OUT_OF_RANGE, w() + " is too small to represent (below 4.9e-324); type 0 if you mean zero.");
    }
    value = value + 0.0;  // -0 becomes +0
    if (e.percent && value > 1.0) {
      return fail(ErrorCode::OUT_OF_RANGE, w() + " is more than 100%; a percentage is a probability, at most 100%.");
    }
    if (single_ && value > 1.0) {
      return fail(ErrorCode::OUT_OF_RANGE, w() + " is greater than 1 (100%); a probability lies between 0 and 1.");
    }
    return std::nullopt;
  }

  std::string_view text_;
  const std::vector<Glyph>& g_;
  bool single_;
  std::size_t i_ = 0;
};

Result<std::vector<double>> parse_list(std::string_view text, bool single) {
  using R = Result<std::vector<double>>;
  // Refused before reading a single character: the cost does not grow with the length.
  if (text.size() > kMaxInputLength) {
    return R::failure(ErrorCode::PARSE, "The text is " + std::to_string(text.size()) + " bytes long; at most " +
                                            std::to_string(kMaxInputLength) + " bytes are accepted.");
  }
  std::vector<Glyph> glyphs;
  if (auto f = decode(text, glyphs)) return R::failure(f->code, f->message);
  std::vector<double> values;
  Parser parser(text, glyphs, single);
  if (auto f = parser.run(values)) return R::failure(f->code, f->message);
  return R::success(std::move(values));
}

}  // namespace

Result<double> parse_probability(std::string_view text) {
  auto r = parse_list(text, true);
  if (!r) return Result<double>::failure(r);
  return Result<double>::success(r.value().front());
}

Result<std::vector<double>> parse_distribution(std::string_view text) {
  return parse_list(text, false);
}

}  // namespace bitruler
