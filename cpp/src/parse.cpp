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
// - Numbers are converted exactly, by the parser's own arithmetic (no strtod: no locale, and no
//   C library conversion with its long-double helpers in the WebAssembly module), so natively and
//   in WASM they are the same bits: tests/cpp/test_parse.cpp checks decimal_to_double against
//   glibc's correctly rounded strtod on millions of random numbers.
// - Exponents are exact: the typed exponent is kept as digits (it may be thousands long) and the
//   exponents of numerator and denominator are combined before anything is compared with the
//   double range, so 3e999999999/6e999999998 is 5 and 1e-400/2e-400 is 0.5. A value is refused
//   only when the value itself lies outside the doubles (see below).
// - Every value is correctly rounded (round to nearest, ties to even, subnormals included): a single
//   number (12.5, 1e-3, 12.5%) is the fraction number/1; a fraction a/b is one IEEE division when
//   a and b have at most 15 significant digits and their exponents fold into integers below 2^53
//   (0.1/0.3 == 1.0/3.0, 0.125 == 125/1000, every realistically typed number), otherwise an exact
//   long division of big integers (at most about 70,000 bits, as the text is at most
//   kMaxInputLength bytes; about 3 million limb operations at worst).
// - '%' and '‰' shift the decimal exponent (12.5% is read as 125e-3), so they round once.
// - A non-zero number that underflows to 0.0 is refused (OUT_OF_RANGE) rather than silently
//   becoming an impossible event; subnormal results are kept.
// - "-0" is zero, not negative. Any other minus sign on a non-zero numerator or denominator
//   is NEGATIVE. Overflow (1e999) and division by zero (1/0, 0/0) are NOT_FINITE.
// - Errors are reported for the first problem met from left to right (invalid UTF-8 first of
//   all), with the byte range and entry index of the problem (parse.hpp lists the reasons).
#include "bitruler/parse.hpp"
#include "bitruler/format.hpp"
#include "bitruler/info.hpp"

#include <cfloat>
#include <cmath>
#include <cstdint>
#include <limits>
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

Error parse_error(ErrorCode code, std::string message, const char* reason, std::size_t start, std::size_t end,
                  double limit = std::numeric_limits<double>::quiet_NaN()) {
  Error e{code, std::move(message), reason, limit};
  e.start = start;
  e.end = end;
  return e;
}

// Strict UTF-8 decoding (no overlongs, no surrogates, nothing above U+10FFFF). A failure's byte
// range is the malformed sequence: a byte that cannot start a character, an incomplete sequence
// (its lead and the continuation bytes before the byte that breaks it, or up to the end of the
// text), or the three bytes of an encoded UTF-16 surrogate.
std::optional<Error> decode(std::string_view text, std::vector<Glyph>& out) {
  out.reserve(text.size());
  std::size_t i = 0;
  std::size_t pos = 0;
  const auto bad = [&](std::size_t lead, std::size_t at) {
    std::size_t end = at > lead ? at : lead + 1;
    std::string what = message("The text is not valid UTF-8: byte 0x$ at byte offset $ cannot appear there",
                               {hex_digits(static_cast<unsigned char>(text[at]), 2), at});
    // ED A0..BF 80..BF: a UTF-16 surrogate encoded as if it were a character (a lone surrogate
    // of a JavaScript string becomes these three bytes).
    if (static_cast<unsigned char>(text[lead]) == 0xED && at == lead + 1 && lead + 2 < text.size() &&
        (static_cast<unsigned char>(text[lead + 2]) & 0xC0) == 0x80) {
      end = lead + 3;
      what += message(" (bytes $ to $ encode a UTF-16 surrogate, which is not a character)", {lead, lead + 2});
    }
    return parse_error(ErrorCode::PARSE, what + "; type text of whole characters.", "BAD_UTF8", lead, end);
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
      return bad(i, i);
    }
    for (std::size_t k = 1; k < len; ++k) {
      if (i + k >= text.size()) {
        return parse_error(ErrorCode::PARSE,
                           message("The text is not valid UTF-8: it ends inside a multi-byte character that starts "
                                   "at byte offset $; type text of whole characters.",
                                   {i}),
                           "BAD_UTF8", i, text.size());
      }
      const auto b = static_cast<unsigned char>(text[i + k]);
      const unsigned char min = (k == 1) ? lo : 0x80, max = (k == 1) ? hi : 0xBF;
      if (b < min || b > max) return bad(i, i + k);
      cp = (cp << 6) | (b & 0x3Fu);
    }
    out.push_back(Glyph{map_code_point(cp), cp, ++pos, i, len});
    i += len;
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Decimal numbers with exact exponents.
//
// A number is digits * 10^(typed exponent + shift): the typed exponent is kept as its decimal
// digits (it may have thousands), the shift (fraction digits, trailing zeros, % and per mille)
// is small. Exponents are combined over the whole fraction before any limit applies, so
// 3e999999999/6e999999998 is 5 and 1e100000001/1e100000000 is 10.
struct Decimal {
  std::string digits;         // significand without leading or trailing zeros; empty means zero
  bool exp_negative = false;  // sign of the typed exponent
  std::string exp_digits;     // typed exponent without leading zeros; empty means 0
  long long shift = 0;        // added to the typed exponent (|shift| < 3 * kMaxInputLength)
  bool zero() const { return digits.empty(); }
  long long size() const { return static_cast<long long>(digits.size()); }
};

// Beyond this decimal exponent every non-zero value overflows or underflows a double.
constexpr long long kHugeExponent = 1000000000000000LL;  // 10^15
constexpr std::size_t kExactExponentDigits = 17;           // below 10^17: exact in a long long

long long clamp_exponent(long long e) {
  return e > kHugeExponent ? kHugeExponent : (e < -kHugeExponent ? -kHugeExponent : e);
}

long long small_magnitude(const std::string& digits) {
  long long v = 0;
  for (char c : digits) v = v * 10 + (c - '0');
  return v;
}

// Magnitude comparison of digit strings without leading zeros.
int compare_magnitude(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  return a.compare(b) < 0 ? -1 : (a == b ? 0 : 1);
}

// a - b for digit strings without leading zeros, a >= b; the result without leading zeros.
std::string subtract_magnitude(const std::string& a, const std::string& b) {
  std::string out(a);
  int borrow = 0;
  for (std::size_t k = 0; k < out.size(); ++k) {
    const std::size_t ia = out.size() - 1 - k;
    int d = (out[ia] - '0') - borrow - (k < b.size() ? b[b.size() - 1 - k] - '0' : 0);
    borrow = d < 0;
    out[ia] = static_cast<char>('0' + (d < 0 ? d + 10 : d));
  }
  const std::size_t lead = out.find_first_not_of('0');
  return lead == std::string::npos ? std::string() : out.substr(lead);
}

// (typed exponent of a + a.shift) - (typed exponent of b + b.shift) + extra, exact, clamped to
// +-kHugeExponent (where the value is out of any double's range anyway).
long long exponent_difference(const Decimal& a, const Decimal& b, long long extra) {
  const long long small = a.shift - b.shift + extra;
  const bool a_exact = a.exp_digits.size() <= kExactExponentDigits;
  const bool b_exact = b.exp_digits.size() <= kExactExponentDigits;
  if (a_exact && b_exact) {
    const long long ta = a.exp_negative ? -small_magnitude(a.exp_digits) : small_magnitude(a.exp_digits);
    const long long tb = b.exp_negative ? -small_magnitude(b.exp_digits) : small_magnitude(b.exp_digits);
    return clamp_exponent(ta - tb + small);
  }
  const int sa = a.exp_digits.empty() ? 0 : (a.exp_negative ? -1 : 1);
  const int sb = b.exp_digits.empty() ? 0 : (b.exp_negative ? -1 : 1);
  if (sa != sb) {
    // One typed exponent has more than 17 digits and the two do not cancel: |difference| > 10^16.
    const int sign = sa != 0 ? sa : -sb;
    return sign * kHugeExponent;
  }
  const int cmp = compare_magnitude(a.exp_digits, b.exp_digits);
  if (cmp == 0) return clamp_exponent(small);
  const std::string diff = cmp > 0 ? subtract_magnitude(a.exp_digits, b.exp_digits)
                                   : subtract_magnitude(b.exp_digits, a.exp_digits);
  const int sign = sa * cmp;
  if (diff.size() > kExactExponentDigits) return sign * kHugeExponent;
  return clamp_exponent(sign * small_magnitude(diff) + small);
}

// Digits as an integer, if there are at most 15 of them (so it is exact in a double).
std::optional<std::uint64_t> small_significand(const std::string& digits) {
  if (digits.size() > 15) return std::nullopt;
  std::uint64_t v = 0;
  for (char c : digits) v = v * 10 + static_cast<std::uint64_t>(c - '0');
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

// Unsigned big integers (little-endian 32-bit limbs) for the fractions the fast path cannot
// divide exactly. Operands are bounded by the input limit: at most about 70,000 bits.
using Big = std::vector<std::uint32_t>;

void big_trim(Big& x) {
  while (!x.empty() && x.back() == 0) x.pop_back();
}

// x = x * m + add
void big_mul_add(Big& x, std::uint32_t m, std::uint32_t add) {
  std::uint64_t carry = add;
  for (std::uint32_t& limb : x) {
    const std::uint64_t v = static_cast<std::uint64_t>(limb) * m + carry;
    limb = static_cast<std::uint32_t>(v);
    carry = v >> 32;
  }
  if (carry != 0) x.push_back(static_cast<std::uint32_t>(carry));
}

Big big_from_digits(const std::string& digits) {
  Big x;
  std::size_t i = 0;
  const std::size_t head = digits.size() % 9 == 0 ? 9 : digits.size() % 9;
  for (std::size_t len = head; i < digits.size(); i += len, len = 9) {
    std::uint32_t chunk = 0, scale = 1;
    for (std::size_t k = 0; k < len; ++k) {
      chunk = chunk * 10 + static_cast<std::uint32_t>(digits[i + k] - '0');
      scale *= 10;
    }
    big_mul_add(x, scale, chunk);
  }
  big_trim(x);
  return x;
}

void big_mul_pow10(Big& x, long long k) {
  for (; k >= 9; k -= 9) big_mul_add(x, 1000000000u, 0);
  std::uint32_t rest = 1;
  for (; k > 0; --k) rest *= 10;
  big_mul_add(x, rest, 0);
}

long long big_bits(const Big& x) {
  if (x.empty()) return 0;
  long long bits = 32 * static_cast<long long>(x.size() - 1);
  for (std::uint32_t top = x.back(); top != 0; top >>= 1) ++bits;
  return bits;
}

void big_shift_left(Big& x, long long bits) {
  if (x.empty() || bits <= 0) return;
  const auto limbs = static_cast<std::size_t>(bits / 32);
  const int rest = static_cast<int>(bits % 32);
  // Into a new vector, limb by limb from the top (one more limb for the bits shifted out).
  Big out(x.size() + limbs + 1, 0u);
  for (std::size_t i = x.size(); i-- > 0;) {
    const std::uint64_t v = static_cast<std::uint64_t>(x[i]) << rest;
    out[i + limbs + 1] |= static_cast<std::uint32_t>(v >> 32);
    out[i + limbs] = static_cast<std::uint32_t>(v);
  }
  big_trim(out);
  x.swap(out);
}

void big_shift_right_one(Big& x) {
  for (std::size_t i = 0; i < x.size(); ++i) {
    x[i] = (x[i] >> 1) | (i + 1 < x.size() ? x[i + 1] << 31 : 0u);
  }
  big_trim(x);
}

int big_compare(const Big& a, const Big& b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  for (std::size_t i = a.size(); i-- > 0;) {
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

void big_subtract(Big& a, const Big& b) {  // a >= b
  std::int64_t borrow = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    std::int64_t v = static_cast<std::int64_t>(a[i]) - borrow - (i < b.size() ? b[i] : 0);
    borrow = v < 0;
    a[i] = static_cast<std::uint32_t>(v + (borrow << 32));
  }
  big_trim(a);
}

// n / d correctly rounded to a double (round half to even, subnormals included; +inf above the
// largest double, 0 below half the smallest subnormal), for n, d > 0.
double big_divide(Big n, Big d) {
  // Scale so that the quotient q = floor(n / d) has 55 or 56 bits: n / d = q * 2^-shift.
  const long long shift = 55 - (big_bits(n) - big_bits(d));
  if (shift > 0) big_shift_left(n, shift); else big_shift_left(d, -shift);
  big_shift_left(d, 56);
  std::uint64_t q = 0;
  for (int j = 56; j >= 0; --j) {
    if (big_compare(n, d) >= 0) {
      big_subtract(n, d);
      q |= std::uint64_t{1} << j;
    }
    big_shift_right_one(d);
  }
  const bool sticky = !n.empty();
  // q in [2^54, 2^57): value = q * 2^-shift. Keep as many bits as the double has at that size.
  int q_bits = 0;
  for (std::uint64_t t = q; t != 0; t >>= 1) ++q_bits;
  const long long exponent = q_bits - 1 - shift;  // value in [2^exponent, 2^(exponent + 1))
  if (exponent > 1023) return HUGE_VAL;
  const long long keep = exponent >= -1022 ? 53 : 53 - (-1022 - exponent);  // subnormals keep fewer
  if (keep < 0) return 0.0;
  const int drop = q_bits - static_cast<int>(keep);  // >= 2
  const std::uint64_t half = std::uint64_t{1} << (drop - 1);
  const std::uint64_t below = q & ((std::uint64_t{1} << drop) - 1);
  std::uint64_t kept = q >> drop;
  if (below > half || (below == half && (sticky || (kept & 1) != 0))) ++kept;  // to nearest, ties to even
  // kept * 2^(drop - shift) is exact in a double (it may have carried into one more bit).
  return std::ldexp(static_cast<double>(kept), static_cast<int>(drop - shift));
}

// A / B * 10^d correctly rounded, for digit strings A, B without leading zeros (B not empty) and
// |d| small enough that the value is not far outside the doubles (the callers check the lead
// exponent first).
double ratio(const std::string& a, const std::string& b, long long d) {
  if (a.empty()) return 0.0;
  const auto na = small_significand(a);
  const auto nb = small_significand(b);
  if (na && nb) {
    // Both exact integers below 2^53: one correctly rounded division.
    if (d >= 0 && d <= 16) {
      if (const auto sa = scale_exact(*na, d)) return static_cast<double>(*sa) / static_cast<double>(*nb);
    } else if (d < 0 && d >= -16) {
      if (const auto sb = scale_exact(*nb, -d)) return static_cast<double>(*na) / static_cast<double>(*sb);
    }
  }
  Big n = big_from_digits(a);
  Big m = big_from_digits(b);
  if (d > 0) big_mul_pow10(n, d); else big_mul_pow10(m, -d);
  return big_divide(std::move(n), std::move(m));
}

// a / b for b != 0 on the exact decimal values, correctly rounded (see the file comment).
double divide(const Decimal& a, const Decimal& b) {
  if (a.zero()) return 0.0;
  // a / b lies in (10^(k-1), 10^(k+1)) for k = lead exponent of a - lead exponent of b.
  const long long k = exponent_difference(a, b, a.size() - b.size());
  if (k > 309) return HUGE_VAL;
  if (k < -325) return 0.0;
  // Units exponents: a = A * 10^ea, b = B * 10^eb with integers A, B; d = ea - eb.
  return ratio(a.digits, b.digits, k - (a.size() - 1) + (b.size() - 1));
}

// Correctly rounded value of a Decimal (+inf on overflow, 0 on underflow): the quotient by 1.
double to_double(const Decimal& d) { return divide(d, Decimal{"1", false, std::string(), 0}); }

// ---------------------------------------------------------------------------------------------
// The parser.

// One parsed entry before evaluation.
struct Entry {
  bool negative = false;        // a '-' sign on the numerator
  Decimal numerator;
  bool has_denominator = false;
  bool denominator_negative = false;
  Decimal denominator;
  bool percent = false;   // written with % or ‰: explicitly a probability, so never above 100%
  std::size_t first = 0;  // glyph index where the entry starts
  std::size_t last = 0;   // one past its last glyph
};

class Parser {
 public:
  Parser(std::string_view text, const std::vector<Glyph>& g, bool single)
      : text_(text), g_(g), single_(single) {}

  // Parses all entries into `values` (and, when asked, their byte ranges), or returns the first
  // failure.
  std::optional<Error> run(std::vector<double>& values, std::vector<std::size_t>* starts = nullptr,
                           std::vector<std::size_t>* ends = nullptr) {
    skip_spaces();
    if (at_end()) {
      return parse_error(ErrorCode::EMPTY, "The text is empty: type a probability such as 1/8, 0.125 or 12.5%.",
                         "EMPTY_TEXT", 0, text_.size());
    }
    if (is_hard_separator(peek())) {
      if (only_separators_from(i_)) {
        return parse_error(ErrorCode::EMPTY,
                           single_ ? "The text holds no number, only separators: type a probability such as 1/8."
                                   : "The list holds no entries, only separators: type weights such as 1/2, 1/4, 1/4.",
                           "ONLY_SEPARATORS", 0, text_.size());
      }
      if (single_) return unexpected(separator_hint(), "MORE_TEXT", -1, i_, i_ + 1);
      return unexpected("the list starts with a separator; an entry is missing before it", "EMPTY_ENTRY", 0, i_,
                        i_ + 1);
    }
    for (;;) {
      const std::size_t index = values.size();
      Entry e;
      if (auto f = parse_entry(e, index)) return f;
      double v = 0.0;
      if (auto f = evaluate(e, index, v)) return f;
      values.push_back(v);
      if (starts) starts->push_back(g_[e.first].byte);
      if (ends) ends->push_back(byte_end(e.last));
      // Between entries: spaces and at most one hard separator.
      const std::size_t before = i_;
      skip_spaces();
      bool separated = i_ > before;
      if (!at_end() && is_hard_separator(peek())) {
        if (single_) return unexpected(separator_hint(), "MORE_TEXT", -1, i_, i_ + 1);
        ++i_;
        separated = true;
        skip_spaces();
        if (!at_end() && is_hard_separator(peek())) {
          return unexpected("two separators follow each other; an entry is missing between them", "EMPTY_ENTRY",
                            static_cast<long long>(index) + 1, i_, i_ + 1);
        }
      }
      if (at_end()) return std::nullopt;
      const long long this_entry = single_ ? -1 : static_cast<long long>(index);
      if (peek() == '/') {
        return unexpected("a fraction has only one '/'", "UNEXPECTED_CHARACTER", this_entry, e.first, run_end(i_));
      }
      if (peek() == '%' || peek() == kPermille) {
        return unexpected("only one percent sign is allowed, right after its number", "UNEXPECTED_CHARACTER",
                          this_entry, e.first, run_end(i_));
      }
      if (!separated) {
        return unexpected("it cannot follow a number", "UNEXPECTED_CHARACTER", this_entry, e.first, run_end(i_));
      }
      if (single_) {
        return parse_error(ErrorCode::PARSE,
                           message("Expected a single probability, but more text starts at character $; type one "
                                   "number such as 1/8 or 12.5%.",
                                   {g_[i_].pos}),
                           "MORE_TEXT", g_[i_].byte, byte_end(trimmed_end(i_, g_.size())));
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

  // Byte offset just after glyph `last - 1` (the start of the text for last == 0).
  std::size_t byte_end(std::size_t last) const {
    if (last == 0) return 0;
    if (last > g_.size()) last = g_.size();
    return g_[last - 1].byte + g_[last - 1].len;
  }
  // One past the run of glyphs (no space, no hard separator) that holds glyph `at`; the glyph
  // itself is always included.
  std::size_t run_end(std::size_t at) const {
    std::size_t e = at;
    while (e < g_.size() && !is_space(g_[e].c) && !is_hard_separator(g_[e].c)) ++e;
    if (e == at && at < g_.size()) ++e;
    return e;
  }
  // `last` moved back over trailing spaces, never before first + 1.
  std::size_t trimmed_end(std::size_t first, std::size_t last) const {
    while (last > first + 1 && is_space(g_[last - 1].c)) --last;
    return last;
  }

  const char* separator_hint() const {
    if (peek() == ',') return "a single probability takes no comma (use '.' as the decimal point)";
    return "a single probability takes no separator";
  }

  // A glyph as typed: 'x' for printable ASCII, U+0007 for control characters, and
  // '十' (U+5341) beyond ASCII, so invisible characters such as U+200B are still named.
  std::string show(std::size_t i) const {
    const Glyph& gl = g_[i];
    const std::string code = hex_digits(gl.cp, 4);
    if (gl.cp < 0x20 || gl.cp == 0x7F) return message("U+$", {code});
    const std::string_view typed = text_.substr(gl.byte, gl.len);
    if (gl.cp < 0x80) return message("'$'", {typed});
    return message("'$' (U+$)", {typed, code});
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
    if (single_) return message("\"$\"", {entry_text(first)});
    return message("Entry $ (\"$\")", {index + 1, entry_text(first)});
  }

  // An error about glyphs [first, last) (trailing spaces trimmed) of entry `index` (-1: none).
  Error located(ErrorCode code, std::string message, const char* reason, long long index, std::size_t first,
                std::size_t last, double limit = std::numeric_limits<double>::quiet_NaN()) const {
    last = trimmed_end(first, last);
    Error e = parse_error(code, std::move(message), reason, g_[first].byte, byte_end(last), limit);
    e.index = index;
    return e;
  }

  // PARSE failure at the current glyph.
  Error unexpected(const char* why, const char* reason, long long index, std::size_t first,
                   std::size_t last) const {
    return located(ErrorCode::PARSE, message("Unexpected $ at character $: $.", {show(i_), g_[i_].pos, why}),
                   reason, index, first, last);
  }

  // PARSE failure inside the entry starting at `first`, found at the current glyph.
  Error entry_error(std::size_t index, std::size_t first, const std::string& what, const char* reason) const {
    return located(ErrorCode::PARSE, message(single_ ? "In $: $." : "$: $.", {where(index, first), what}), reason,
                   single_ ? -1 : static_cast<long long>(index), first, run_end(i_));
  }

  std::string here() const {
    if (at_end()) return "at the end of the text";
    return message("$ at character $", {show(i_), g_[i_].pos});
  }

  // [sign] digits [. digits] [e [sign] digits]
  std::optional<Error> parse_number(Decimal& out, std::size_t index, std::size_t first, const char* role) {
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
      return entry_error(index, first, message("expected $, found $", {role, here()}), "EXPECTED_NUMBER");
    }
    out.exp_negative = false;
    out.exp_digits.clear();
    if (!at_end() && peek() == 'e') {
      ++i_;
      if (!at_end() && (peek() == '+' || peek() == '-')) { out.exp_negative = peek() == '-'; ++i_; }
      if (at_end() || !is_digit(peek())) {
        return entry_error(index, first, message("the exponent after 'e' has no digits ($)", {here()}),
                           "EXPONENT_DIGITS");
      }
      while (!at_end() && is_digit(peek())) {
        if (!(out.exp_digits.empty() && peek() == '0')) out.exp_digits += peek();
        ++i_;
      }
    }
    // Normalize: strip leading zeros, fold trailing zeros into the shift.
    std::size_t lead = 0;
    while (lead < digits.size() && digits[lead] == '0') ++lead;
    std::size_t end = digits.size();
    while (end > lead && digits[end - 1] == '0') --end;
    out.digits = digits.substr(lead, end - lead);
    out.shift = static_cast<long long>(digits.size() - end) - frac_digits;
    return std::nullopt;
  }

  // Reads an optional sign. A sign must touch its number.
  std::optional<Error> parse_sign(bool& negative, std::size_t index, std::size_t first) {
    negative = false;
    if (!at_end() && (peek() == '+' || peek() == '-')) {
      negative = peek() == '-';
      ++i_;
      if (at_end() || !(is_digit(peek()) || peek() == '.')) {
        return entry_error(index, first, message("a sign must be followed directly by a number, found $", {here()}),
                           "SIGN");
      }
    }
    return std::nullopt;
  }

  std::optional<Error> parse_entry(Entry& e, std::size_t index) {
    e.first = i_;
    const std::size_t first = i_;
    if (auto f = parse_sign(e.negative, index, first)) return f;
    if (auto f = parse_number(e.numerator, index, first, "a number")) return f;
    // Optional spaces, then '/', '%' or '‰' may continue the entry.
    const std::size_t after_number = i_;
    skip_spaces();
    if (!at_end() && (peek() == '%' || peek() == kPermille)) {
      e.numerator.shift -= peek() == '%' ? 2 : 3;
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
        return entry_error(index, first, "a percent or per-mille sign cannot follow a fraction",
                           "UNEXPECTED_CHARACTER");
      }
      i_ = after_denominator;
    } else {
      i_ = after_number;
    }
    e.last = i_;
    // Whatever follows must end the entry.
    if (!at_end() && !is_space(peek()) && !is_hard_separator(peek())) {
      const char* reason = "UNEXPECTED_CHARACTER";
      const char* what = "unexpected $";
      if (peek() == '/') what = "a fraction has only one '/' ($)";
      if (peek() == '.') what = "a number has only one decimal point ($)";
      if (peek() == '%' || peek() == kPermille) what = "only one percent sign is allowed ($)";
      return entry_error(index, first, message(what, {here()}), reason);
    }
    return std::nullopt;
  }

  std::optional<Error> evaluate(const Entry& e, std::size_t index, double& value) const {
    // Built only when a message is needed: a valid list of thousands of entries stays linear.
    // The entry named, then what is wrong with it.
    const auto fail = [&](ErrorCode code, const char* what, const char* reason, double limit) {
      return located(code, where(index, e.first) + what, reason, single_ ? -1 : static_cast<long long>(index),
                     e.first, e.last, limit);
    };
    constexpr double kNone = std::numeric_limits<double>::quiet_NaN();
    if (e.negative && !e.numerator.zero()) {
      return fail(ErrorCode::NEGATIVE, " is negative; probabilities and weights must be 0 or more.", "NEGATIVE",
                  0.0);
    }
    if (e.has_denominator) {
      if (e.denominator_negative && !e.denominator.zero()) {
        return fail(ErrorCode::NEGATIVE, " has a negative denominator; probabilities and weights must be 0 or more.",
                    "NEGATIVE", 0.0);
      }
      if (e.denominator.zero()) {
        return fail(ErrorCode::NOT_FINITE,
                    e.numerator.zero() ? " is 0/0, which has no value; the denominator must not be 0."
                                       : " divides by zero, which is not a finite number; the denominator must not "
                                         "be 0.",
                    "DIVISION_BY_ZERO", kNone);
      }
      value = divide(e.numerator, e.denominator);
    } else {
      value = to_double(e.numerator);
    }
    if (std::isinf(value)) {
      return fail(ErrorCode::NOT_FINITE,
                  " is too large to represent as a finite number; the largest is about 1.8e308.", "TOO_LARGE",
                  DBL_MAX);
    }
    if (value == 0.0 && !e.numerator.zero()) {
      return fail(ErrorCode::OUT_OF_RANGE,
                  " is too small to represent (below 4.9e-324); type 0 if you mean zero.", "TOO_SMALL",
                  std::numeric_limits<double>::denorm_min());
    }
    value = value + 0.0;  // -0 becomes +0
    if (e.percent && value > 1.0) {
      return fail(ErrorCode::OUT_OF_RANGE,
                  " is more than 100%; a percentage is a probability, at most 100%.", "PERCENT_OVER_100", 1.0);
    }
    if (single_ && value > 1.0) {
      return fail(ErrorCode::OUT_OF_RANGE,
                  " is greater than 1 (100%); a probability lies between 0 and 1.", "ABOVE_ONE", 1.0);
    }
    return std::nullopt;
  }

  std::string_view text_;
  const std::vector<Glyph>& g_;
  bool single_;
  std::size_t i_ = 0;
};

// The 0-based entry that holds the byte after `glyphs` (the text's characters before it).
long long entry_index_at(std::string_view text, const std::vector<Glyph>& glyphs) {
  std::vector<double> values;
  Parser parser(text, glyphs, false);
  if (parser.run(values)) return static_cast<long long>(values.size());  // the entry that failed
  std::size_t last = glyphs.size();
  if (last == 0 || is_space(glyphs[last - 1].c) || is_hard_separator(glyphs[last - 1].c)) {
    // A new entry starts at `at` (or the prefix held only spaces and separators).
    bool any = false;
    for (const Glyph& gl : glyphs) any = any || (!is_space(gl.c) && !is_hard_separator(gl.c));
    return any ? static_cast<long long>(values.size()) : 0;
  }
  return static_cast<long long>(values.size()) - 1;  // `at` continues the last entry
}

struct ParsedList {
  std::vector<double> values;
  std::vector<std::size_t> starts, ends;
};

Result<ParsedList> parse_list(std::string_view text, bool single, bool with_ranges) {
  using R = Result<ParsedList>;
  // Refused before reading a single character: the cost does not grow with the length.
  if (text.size() > kMaxInputLength) {
    return R::failure(Error{ErrorCode::PARSE,
                            message("The text is $ bytes long; at most $ bytes are accepted.",
                                    {text.size(), kMaxInputLength}),
                            "TOO_LONG", static_cast<double>(kMaxInputLength)});
  }
  std::vector<Glyph> glyphs;
  if (auto f = decode(text, glyphs)) {
    // `glyphs` holds the characters before the malformed bytes.
    while (!glyphs.empty() && glyphs.back().byte >= f->start) glyphs.pop_back();
    if (!single) f->index = entry_index_at(text, glyphs);
    return R::failure(std::move(*f));
  }
  ParsedList out;
  Parser parser(text, glyphs, single);
  if (auto f = parser.run(out.values, with_ranges ? &out.starts : nullptr, with_ranges ? &out.ends : nullptr)) {
    return R::failure(std::move(*f));
  }
  return R::success(std::move(out));
}

}  // namespace

double decimal_to_double(std::string_view digits, long long exponent) {
  std::size_t lead = 0, end = digits.size();
  while (lead < end && digits[lead] == '0') ++lead;
  while (end > lead && digits[end - 1] == '0') --end, ++exponent;
  const std::string a(digits.substr(lead, end - lead));
  if (a.empty()) return 0.0;
  const long long top = exponent + static_cast<long long>(a.size()) - 1;  // a * 10^exponent in [10^top, 10^(top+1))
  if (top > 309) return HUGE_VAL;
  if (top < -325) return 0.0;
  return ratio(a, "1", exponent);
}

Result<double> parse_probability(std::string_view text) {
  auto r = parse_list(text, true, false);
  if (!r) return Result<double>::failure(r);
  return Result<double>::success(r.value().values.front());
}

Result<std::vector<double>> parse_distribution(std::string_view text) {
  auto r = parse_list(text, false, false);
  if (!r) return Result<std::vector<double>>::failure(r);
  return Result<std::vector<double>>::success(std::move(r.value().values));
}

Result<DistributionText> read_distribution(std::string_view text) {
  using R = Result<DistributionText>;
  auto r = parse_list(text, false, true);
  if (!r) return R::failure(r);
  DistributionText out;
  out.weights = std::move(r.value().values);
  out.starts = std::move(r.value().starts);
  out.ends = std::move(r.value().ends);
  const Result<double> sum = weight_sum(out.weights);
  if (!sum) return R::failure(sum);  // not reached: parsed weights are finite and >= 0
  out.sum = *sum;
  if (std::fabs(out.sum - 1.0) <= kSumTolerance) {
    out.probabilities = out.weights;
    return R::success(std::move(out));
  }
  Result<std::vector<double>> p = normalize(out.weights);
  if (!p) {
    Error e = p.error();  // ALL_ZERO: the whole list is at fault
    e.start = out.starts.front();
    e.end = out.ends.back();
    if (e.reason == "ALL_ZERO") {
      e.message = "Every weight is 0; at least one entry must be greater than 0 to make a distribution.";
    }
    return R::failure(std::move(e));
  }
  out.probabilities = std::move(p.value());
  out.rescaled = true;
  return R::success(std::move(out));
}

}  // namespace bitruler
