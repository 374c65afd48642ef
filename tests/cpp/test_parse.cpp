// Parsing what readers type: every accepted form, every refusal and its code.
#include <doctest/doctest.h>

#include <sys/mman.h>

#include <clocale>
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <limits>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "bitruler/parse.hpp"
#include "bitruler/info.hpp"
#include "bitruler/random.hpp"
#include "fixtures.hpp"

using bitruler::ErrorCode;
using bitruler::kMaxInputLength;
using bitruler::parse_distribution;
using bitruler::parse_probability;

namespace {

struct Good {
  const char* text;
  double expected;
};

struct Bad {
  const char* text;
  ErrorCode code;
  const char* mentions;  // a piece the message must contain (where / what went wrong)
};

std::string code_name(ErrorCode c) { return bitruler::error_code_name(c); }

void check_refused_probability(const Bad& b) {
  CAPTURE(b.text);
  const auto r = parse_probability(b.text);
  REQUIRE_FALSE(r.ok());
  CHECK(code_name(r.error().code) == code_name(b.code));
  CAPTURE(r.error().message);
  CHECK(r.error().message.find(b.mentions) != std::string::npos);
}

void check_refused_distribution(const Bad& b) {
  CAPTURE(b.text);
  const auto r = parse_distribution(b.text);
  REQUIRE_FALSE(r.ok());
  CHECK(code_name(r.error().code) == code_name(b.code));
  CAPTURE(r.error().message);
  CHECK(r.error().message.find(b.mentions) != std::string::npos);
}

}  // namespace

TEST_CASE("a probability is read from every ASCII form a reader types") {
  const Good table[] = {
      {"1/1024", 1.0 / 1024},     {"1/8", 0.125},        {"0.125", 0.125},     {".5", 0.5},
      {"1.", 1.0},                {"12.5%", 0.125},      {"100%", 1.0},        {"0%", 0.0},
      {"1e-3", 0.001},            {"1E-3", 0.001},       {"1e+0", 1.0},        {"2.5e-1", 0.25},
      {"+0.5", 0.5},              {"0", 0.0},            {"1", 1.0},           {"000.250", 0.25},
      {" 1 / 8 ", 0.125},         {" 12.5 % ", 0.125},   {"\t0.25\n", 0.25},   {"1/ 4", 0.25},
      {"1 /4", 0.25},             {"2/8", 0.25},         {"12.5e-1%", 0.0125}, {"5\xE2\x80\xB0", 0.005},
      {"1/3", 1.0 / 3.0},         {"0.5/1", 0.5},        {"3/3", 1.0},         {"1e-320", 1e-320},
      {"0.1000000000000000055511151231257827021181583404541015625", 0.1},
  };
  for (const Good& g : table) {
    SUBCASE(g.text) {
      const auto r = parse_probability(g.text);
      REQUIRE_MESSAGE(r.ok(), r.error().message);
      CHECK(r.value() == g.expected);
    }
  }
}

TEST_CASE("a probability typed with a Chinese input method reads the same as ASCII") {
  const Good table[] = {
      {"\xEF\xBC\x91\xEF\xBC\x8F\xEF\xBC\x91\xEF\xBC\x90\xEF\xBC\x92\xEF\xBC\x94", 1.0 / 1024},  // １／１０２４
      {"\xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x8E\xEF\xBC\x95\xEF\xBC\x85", 0.125},                   // １２．５％
      {"\xEF\xBC\x90\xEF\xBC\x8E\xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x95", 0.125},                   // ０．１２５
      {"0\xE3\x80\x82" "5", 0.5},                                      // 0。5 (Chinese punctuation mode)
      {"\xE3\x80\x80" "1/8" "\xE3\x80\x80", 0.125},                    // ideographic spaces around
      {"1 \xEF\xBC\x8F 8", 0.125},                                      // 1 ／ 8
      {"1\xEF\xBD\x85\xEF\xBC\x8D" "3", 0.001},                         // 1ｅ－3
      {"1\xEF\xBC\xA5-3", 0.001},                                       // 1Ｅ-3
      {"\xEF\xBC\x8B" "0.5", 0.5},                                      // ＋0.5
      {"\xE2\x88\x92" "0", 0.0},                                        // −0 (U+2212 minus sign)
      {"1\xC3\xB7" "8", 0.125},                                         // 1÷8
      {"1\xE2\x81\x84" "8", 0.125},                                     // 1⁄8 (fraction slash)
      {"\xC2\xA0" "12.5%", 0.125},                                      // no-break space
      {"12.5\xE2\x80\xAF%", 0.125},                                     // narrow no-break space
      {"\xEF\xBC\x95\xE2\x80\xB0", 0.005},                              // ５‰
  };
  for (const Good& g : table) {
    SUBCASE(g.text) {
      const auto r = parse_probability(g.text);
      REQUIRE_MESSAGE(r.ok(), r.error().message);
      CHECK(r.value() == g.expected);
    }
  }
}

TEST_CASE("minus zero is read as plus zero, not as a negative number") {
  for (const std::string text : {"-0", "-0.0", "-0%", "-0/5", "\xE2\x88\x92" "0e5"}) {
    CAPTURE(text);
    const auto r = parse_probability(text);
    REQUIRE(r.ok());
    CHECK(r.value() == 0.0);
    CHECK_FALSE(std::signbit(r.value()));
  }
}

TEST_CASE("a fraction is divided with one correct rounding") {
  SUBCASE("0.1/0.3 is exactly the double nearest 1/3, unlike 0.1 / 0.3 in doubles") {
    const double naive = 0.1 / 0.3;
    REQUIRE(naive != 1.0 / 3.0);  // the double-rounding trap this guards against
    CHECK(parse_probability("0.1/0.3").value() == 1.0 / 3.0);
  }
  SUBCASE("decimal exponents are folded into integers before dividing") {
    CHECK(parse_probability("2e-3/6e-3").value() == 1.0 / 3.0);
    CHECK(parse_probability("7/0.7e2").value() == 0.1);
    CHECK(parse_probability("12.5/100").value() == 0.125);
  }
  SUBCASE("huge numerator and denominator cancel") {
    CHECK(parse_probability("1e999/1e999").value() == 1.0);
    CHECK(parse_probability("1e-400/2e-400").value() == 0.5);
  }
  SUBCASE("17-digit operands take the big-integer division, still correctly rounded") {
    const auto r = parse_distribution("12345678901234567/3");
    REQUIRE(r.ok());
    CHECK(r.value()[0] == 4115226300411522.5);  // Python: float(Fraction(12345678901234567, 3))
  }
}

TEST_CASE("a number text of digits never meets the locale's decimal point") {
  // strtod only ever sees "<digits>e<exponent>", so a locale with ',' as decimal point cannot
  // change a result. The C.UTF-8 locale is the one beyond "C" this machine has; switching to it
  // and back must leave every result identical.
  const double before = parse_probability("0.125").value();
  const char* old = std::setlocale(LC_NUMERIC, nullptr);
  const std::string saved = old ? old : "C";
  REQUIRE(std::setlocale(LC_NUMERIC, "C.UTF-8") != nullptr);
  CHECK(parse_probability("0.125").value() == before);
  CHECK(parse_probability("12.5%").value() == 0.125);
  std::setlocale(LC_NUMERIC, saved.c_str());
}

TEST_CASE("a distribution is read with every separator a reader may use") {
  struct Case {
    const char* text;
    std::vector<double> expected;
  };
  const Case table[] = {
      {"2, 1, 1", {2, 1, 1}},
      {"2,1,1", {2, 1, 1}},
      {"2 1 1", {2, 1, 1}},
      {"0.99, 0.01", {0.99, 0.01}},
      {"1/2 1/4 1/4", {0.5, 0.25, 0.25}},
      {"1 / 2, 1 / 4, 1 / 4", {0.5, 0.25, 0.25}},
      {"50%; 25%; 25%", {0.5, 0.25, 0.25}},
      {"0.5\xEF\xBC\x8C" "0.25\xE3\x80\x81" "0.25", {0.5, 0.25, 0.25}},  // 0.5，0.25、0.25
      {"50%\xEF\xBC\x9B" "50%", {0.5, 0.5}},                              // 50%；50%
      {"\xEF\xBC\x91\xEF\xBC\x8F\xEF\xBC\x98\xE3\x80\x80\xEF\xBC\x97\xEF\xBC\x8F\xEF\xBC\x98",
       {0.125, 0.875}},  // １／８　７／８
      {"1\n2\n3", {1, 2, 3}},
      {"1,\t2 ,3", {1, 2, 3}},
      {"1/2, 25%, 0.25", {0.5, 0.25, 0.25}},
      {"3/2, 7, 100%", {1.5, 7, 1}},  // weights may exceed 1 in a distribution (but not as a percent)
      {"1e3 1e-3", {1000, 0.001}},
      {"  3  ", {3}},
      {"1, 2,", {1, 2}},   // a trailing separator: the reader is still typing
      {"1, 2, ", {1, 2}},
      {"0, 1, 0", {0, 1, 0}},
  };
  for (const Case& c : table) {
    SUBCASE(c.text) {
      const auto r = parse_distribution(c.text);
      REQUIRE_MESSAGE(r.ok(), r.error().message);
      CHECK(r.value() == c.expected);
    }
  }
}

TEST_CASE("a distribution keeps the weights as typed, without rescaling") {
  const auto r = parse_distribution("2, 1, 1");
  REQUIRE(r.ok());
  CHECK(r.value() == std::vector<double>{2.0, 1.0, 1.0});
}

TEST_CASE("bad probabilities are refused with the right code and a message saying where") {
  const Bad table[] = {
      // PARSE: not a number at all, or garbage around one
      {"abc", ErrorCode::PARSE, "character 1"},
      {"1//2", ErrorCode::PARSE, "character 3"},
      {"1/2/3", ErrorCode::PARSE, "only one '/'"},
      {"%", ErrorCode::PARSE, "character 1"},
      {"1e", ErrorCode::PARSE, "exponent"},
      {"1e+", ErrorCode::PARSE, "exponent"},
      {"1e-x", ErrorCode::PARSE, "exponent"},
      {"e5", ErrorCode::PARSE, "character 1"},
      {".", ErrorCode::PARSE, "expected a number"},
      {"--1", ErrorCode::PARSE, "sign"},
      {"+-1", ErrorCode::PARSE, "sign"},
      {"- 1", ErrorCode::PARSE, "sign"},
      {"0x10", ErrorCode::PARSE, "'x' at character 2"},
      {"nan", ErrorCode::PARSE, "character 1"},
      {"NaN", ErrorCode::PARSE, "character 1"},
      {"inf", ErrorCode::PARSE, "character 1"},
      {"infinity", ErrorCode::PARSE, "character 1"},
      {"-inf", ErrorCode::PARSE, "sign"},
      {"0.5abc", ErrorCode::PARSE, "'a' at character 4"},
      {"1/8x", ErrorCode::PARSE, "'x' at character 4"},
      {"12.5%!", ErrorCode::PARSE, "'!' at character 6"},
      {"1.2.3", ErrorCode::PARSE, "decimal point"},
      {"12.5%%", ErrorCode::PARSE, "percent"},
      {"12.5 % %", ErrorCode::PARSE, "percent"},
      {"1/8%", ErrorCode::PARSE, "cannot follow a fraction"},
      {"1/", ErrorCode::PARSE, "denominator"},
      {"/8", ErrorCode::PARSE, "character 1"},
      {"1 / 2 / 3", ErrorCode::PARSE, "only one '/'"},
      {"0.5 0.5", ErrorCode::PARSE, "single probability"},
      {"0,5", ErrorCode::PARSE, "decimal point"},
      {"0.5,", ErrorCode::PARSE, "comma"},
      {"1_000", ErrorCode::PARSE, "'_' at character 2"},
      {"\xC2\xBD", ErrorCode::PARSE, "character 1"},          // ½ is not among the forms read
      {"\xE5\x8D\x81\xE5\x88\x86\xE4\xB9\x8B\xE4\xB8\x80", ErrorCode::PARSE, "character 1"},  // 十分之一
      {"1 e5", ErrorCode::PARSE, "character 3"},
      {"0. 5", ErrorCode::PARSE, "character 4"},
      // EMPTY: nothing to read
      {"", ErrorCode::EMPTY, "empty"},
      {"   ", ErrorCode::EMPTY, "empty"},
      {"\xE3\x80\x80", ErrorCode::EMPTY, "empty"},  // one ideographic space
      {",", ErrorCode::EMPTY, "separators"},
      {" , \xEF\xBC\x8C ", ErrorCode::EMPTY, "separators"},
      // NEGATIVE
      {"-0.1", ErrorCode::NEGATIVE, "\"-0.1\" is negative"},
      {"-1/8", ErrorCode::NEGATIVE, "negative"},
      {"1/-8", ErrorCode::NEGATIVE, "negative denominator"},
      {"0/-8", ErrorCode::NEGATIVE, "negative denominator"},  // a sign on a non-zero number
      {"-12.5%", ErrorCode::NEGATIVE, "negative"},
      {"\xEF\xBC\x8D" "0.1", ErrorCode::NEGATIVE, "negative"},  // －0.1
      {"-1e999", ErrorCode::NEGATIVE, "negative"},               // the sign is reported first
      // OUT_OF_RANGE
      {"150%", ErrorCode::OUT_OF_RANGE, "more than 100%"},
      {"100.5%", ErrorCode::OUT_OF_RANGE, "more than 100%"},
      {"3/2", ErrorCode::OUT_OF_RANGE, "greater than 1"},
      {"1.5", ErrorCode::OUT_OF_RANGE, "greater than 1"},
      {"2", ErrorCode::OUT_OF_RANGE, "greater than 1"},
      {"1.0000001", ErrorCode::OUT_OF_RANGE, "greater than 1"},
      {"1e-400", ErrorCode::OUT_OF_RANGE, "too small"},
      {"1/1e400", ErrorCode::OUT_OF_RANGE, "too small"},
      // NOT_FINITE
      {"1/0", ErrorCode::NOT_FINITE, "divides by zero"},
      {"1/0.000", ErrorCode::NOT_FINITE, "divides by zero"},
      {"1/-0", ErrorCode::NOT_FINITE, "divides by zero"},
      {"0/0", ErrorCode::NOT_FINITE, "0/0"},
      {"1e999", ErrorCode::NOT_FINITE, "too large"},
      {"1e999%", ErrorCode::NOT_FINITE, "too large"},
      {"1e99999999999999999999", ErrorCode::NOT_FINITE, "too large"},
      {"1e400/1e-400", ErrorCode::NOT_FINITE, "too large"},
  };
  for (const Bad& b : table) {
    SUBCASE(b.text) { check_refused_probability(b); }
  }
}

TEST_CASE("bad distributions are refused naming the entry at fault") {
  const Bad table[] = {
      {"1, abc, 2", ErrorCode::PARSE, "Entry 2 (\"abc\")"},
      {"0.5, 0.5x", ErrorCode::PARSE, "Entry 2"},
      {"1,,2", ErrorCode::PARSE, "two separators"},
      {"1, ,2", ErrorCode::PARSE, "two separators"},
      {"1\xEF\xBC\x8C\xE3\x80\x81" "2", ErrorCode::PARSE, "two separators"},  // 1，、2
      {",1", ErrorCode::PARSE, "starts with a separator"},
      {"1, 2,,", ErrorCode::PARSE, "two separators"},
      {"1 2 3/", ErrorCode::PARSE, "Entry 3"},
      {"1/2 /3", ErrorCode::PARSE, "only one '/'"},
      {"0.5 % 0.5 %%", ErrorCode::PARSE, "percent"},
      {"1|2", ErrorCode::PARSE, "'|' at character 2"},
      {"", ErrorCode::EMPTY, "empty"},
      {"\n\t ", ErrorCode::EMPTY, "empty"},
      {" , ; ", ErrorCode::EMPTY, "only separators"},
      {"\xE3\x80\x81\xEF\xBC\x8C\xEF\xBC\x9B", ErrorCode::EMPTY, "only separators"},  // 、，；
      {"0.5, -0.1", ErrorCode::NEGATIVE, "Entry 2 (\"-0.1\")"},
      {"1, 1, -1/8", ErrorCode::NEGATIVE, "Entry 3"},
      {"1/0, 1", ErrorCode::NOT_FINITE, "Entry 1"},
      {"1, 1e999", ErrorCode::NOT_FINITE, "Entry 2"},
      {"1, 1e-999", ErrorCode::OUT_OF_RANGE, "Entry 2"},
      {"50%, 150%", ErrorCode::OUT_OF_RANGE, "Entry 2 (\"150%\") is more than 100%"},
      {"2, 1001\xE2\x80\xB0", ErrorCode::OUT_OF_RANGE, "more than 100%"},  // 1001‰
  };
  for (const Bad& b : table) {
    SUBCASE(b.text) { check_refused_distribution(b); }
  }
}

TEST_CASE("the first problem from the left is the one reported") {
  const auto r = parse_distribution("-1, abc, 1/0");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == ErrorCode::NEGATIVE);
  const auto s = parse_distribution("abc, -1");
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().code == ErrorCode::PARSE);
}

TEST_CASE("invalid UTF-8 is refused, naming the byte") {
  const Bad table[] = {
      {"\xFF", ErrorCode::PARSE, "0xFF"},
      {"0.5\xC3", ErrorCode::PARSE, "ends inside"},           // truncated 2-byte sequence
      {"\xC0\xAF", ErrorCode::PARSE, "0xC0"},                 // overlong '/'
      {"\xE0\x80\xAF", ErrorCode::PARSE, "0x80"},             // overlong 3-byte
      {"\xED\xA0\x80", ErrorCode::PARSE, "0xA0"},             // UTF-16 surrogate
      {"\xF4\x90\x80\x80", ErrorCode::PARSE, "0x90"},         // above U+10FFFF
      {"0.\x80" "5", ErrorCode::PARSE, "byte offset 2"},      // stray continuation byte
      {"1/\xEF\xBC", ErrorCode::PARSE, "ends inside"},        // truncated ／
      {"\xEF\xBC\x91\xEF\x28\x91", ErrorCode::PARSE, "0x28"}, // broken continuation
  };
  for (const Bad& b : table) {
    SUBCASE(b.text) {
      check_refused_probability(b);
      check_refused_distribution(b);
      CHECK(parse_probability(b.text).error().message.find("UTF-8") != std::string::npos);
    }
  }
}

TEST_CASE("control characters and embedded NUL are refused, shown as code points") {
  const std::string with_nul("0.\0" "5", 4);
  const auto r = parse_probability(with_nul);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == ErrorCode::PARSE);
  CHECK(r.error().message.find("U+0000") != std::string::npos);
  CHECK(r.error().message.find('\0') == std::string::npos);
  const auto s = parse_distribution("1, 2\x07");
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().code == ErrorCode::PARSE);
  CHECK(s.error().message.find("U+0007") != std::string::npos);
}

TEST_CASE("text up to the length limit is read, one byte more is refused at once") {
  SUBCASE("0.25000...0 and 0.000...1e9990 of exactly kMaxInputLength bytes are read") {
    std::string text = "0.25" + std::string(kMaxInputLength - 4, '0');
    REQUIRE(text.size() == kMaxInputLength);
    const auto r = parse_probability(text);
    REQUIRE_MESSAGE(r.ok(), r.error().message);
    CHECK(r.value() == 0.25);
    // 9992 zeros then 1: the 9993rd decimal place, times 10^9990 is 10^-3.
    std::string tiny = "0." + std::string(kMaxInputLength - 8, '0') + "1e9990";
    REQUIRE(tiny.size() == kMaxInputLength);
    const auto t = parse_probability(tiny);
    REQUIRE_MESSAGE(t.ok(), t.error().message);
    CHECK(t.value() == 0.001);
  }
  SUBCASE("a list of kMaxInputLength bytes is read") {
    std::string text;
    while (text.size() + 2 <= kMaxInputLength) text += "1,";
    text.resize(kMaxInputLength, ' ');
    const auto r = parse_distribution(text);
    REQUIRE_MESSAGE(r.ok(), r.error().message);
    CHECK(r.value().size() == kMaxInputLength / 2);
  }
  SUBCASE("kMaxInputLength + 1 bytes are refused with PARSE naming the limit") {
    const std::string text(kMaxInputLength + 1, '1');
    for (const auto& error : {parse_probability(text).error(), parse_distribution(text).error()}) {
      CHECK(error.code == ErrorCode::PARSE);
      CHECK(error.message.find(std::to_string(kMaxInputLength + 1) + " bytes") != std::string::npos);
      CHECK(error.message.find(std::to_string(kMaxInputLength)) != std::string::npos);
    }
  }
  SUBCASE("the limit counts bytes: 4000 full-width digits (12000 bytes) are refused") {
    std::string text;
    for (int i = 0; i < 4000; ++i) text += "\xEF\xBC\x91";
    CHECK(parse_distribution(text).error().code == ErrorCode::PARSE);
  }
}

TEST_CASE("a 100,000-character text is refused without reading a single character") {
  // The bytes live in memory that may not be read: any scan would crash the test.
  // (mmap, so the range is a valid object for string_view; PROT_NONE forbids reading it.)
  const std::size_t size = 100000;
  void* block = mmap(nullptr, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  REQUIRE(block != MAP_FAILED);
  const std::string_view text(static_cast<const char*>(block), size);
  const auto p = parse_probability(text);
  const auto d = parse_distribution(text);
  munmap(block, size);
  REQUIRE_FALSE(p.ok());
  REQUIRE_FALSE(d.ok());
  CHECK(p.error().code == ErrorCode::PARSE);
  CHECK(d.error().code == ErrorCode::PARSE);
  CHECK(p.error().message.find("100000 bytes") != std::string::npos);
}

TEST_CASE("characters beyond ASCII are named with their code point, so invisible ones show") {
  const auto zero_width = parse_probability("0.5\xE2\x80\x8B");  // 0.5 + U+200B zero-width space
  REQUIRE_FALSE(zero_width.ok());
  CHECK(zero_width.error().code == ErrorCode::PARSE);
  CHECK(zero_width.error().message.find("(U+200B) at character 4") != std::string::npos);
  const auto chinese = parse_distribution("1, \xE5\x8D\x81");  // 1, 十
  REQUIRE_FALSE(chinese.ok());
  CHECK(chinese.error().message.find("'\xE5\x8D\x81' (U+5341) at character 4") != std::string::npos);
}

TEST_CASE("a long entry is shown shortened in the message") {
  const std::string text = "1, " + std::string(200, '7') + "x";
  const auto r = parse_distribution(text);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == ErrorCode::PARSE);
  CHECK(r.error().message.find("Entry 2") != std::string::npos);
  CHECK(r.error().message.find("...") != std::string::npos);
  CHECK(r.error().message.size() < 200);
}

TEST_CASE("random text never breaks the parser and every accepted value is a valid weight") {
  // Texts drawn from the characters that matter (digits, signs, '.', '/', '%', 'e', separators,
  // IME forms, bytes that break UTF-8): each is either refused with a message or gives finite,
  // non-negative weights, and a single probability also lies in [0, 1].
  const std::vector<std::string> alphabet = {
      "0", "1", "2", "5", "9", ".", "/", "%", "e", "E", "-", "+", " ", ",", ";", "x",
      "\xEF\xBC\x91", "\xEF\xBC\x8F", "\xEF\xBC\x85", "\xEF\xBC\x8E", "\xE3\x80\x81", "\xE3\x80\x80",
      "\xE2\x80\xB0", "\xEF\xBC\x8D", "\xFF", "\xC3", "\x80", std::string(1, '\0')};
  bitruler::Rng rng(12345);
  int accepted = 0, refused = 0;
  for (int trial = 0; trial < 20000; ++trial) {
    std::string text;
    const auto length = rng.next_u64() % 12;
    for (std::uint64_t k = 0; k < length; ++k) text += alphabet[rng.next_u64() % alphabet.size()];
    CAPTURE(text);
    const auto d = parse_distribution(text);
    if (d.ok()) {
      ++accepted;
      REQUIRE_FALSE(d.value().empty());
      for (double v : d.value()) {
        REQUIRE(std::isfinite(v));
        REQUIRE(v >= 0.0);
        REQUIRE_FALSE(std::signbit(v));
      }
    } else {
      ++refused;
      REQUIRE_FALSE(d.error().message.empty());
    }
    const auto p = parse_probability(text);
    if (p.ok()) {
      REQUIRE(p.value() >= 0.0);
      REQUIRE(p.value() <= 1.0);
      // A single probability is a one-entry distribution with the same value.
      REQUIRE(d.ok());
      REQUIRE(d.value() == std::vector<double>{p.value()});
    } else {
      REQUIRE_FALSE(p.error().message.empty());
    }
  }
  // Both outcomes occur, so the loop above checked something on each side.
  CHECK(accepted > 500);
  CHECK(refused > 500);
}

TEST_CASE("full-width transliterations of ASCII inputs give identical values") {
  // Maps every ASCII character of a form to its full-width counterpart (U+FF01..U+FF5E).
  const auto full_width = [](const std::string& ascii) {
    std::string out;
    for (char c : ascii) {
      if (c == ' ') { out += "\xE3\x80\x80"; continue; }
      const unsigned cp = 0xFF01u + static_cast<unsigned>(c - '!');
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
    return out;
  };
  for (const char* ascii : {"1/1024", "0.125", "12.5%", "1e-3", "1E-3", "+0.5", "1 / 8", ".5",
                            "2,1,1", "0.99, 0.01", "50%;25%;25%", "1/3 2/3"}) {
    CAPTURE(ascii);
    const auto a = parse_distribution(ascii);
    const auto f = parse_distribution(full_width(ascii));
    REQUIRE(a.ok());
    REQUIRE_MESSAGE(f.ok(), f.error().message);
    CHECK(a.value() == f.value());
  }
  for (const char* ascii : {"-0.1", "abc", "150%", "1/0"}) {
    CAPTURE(ascii);
    const auto a = parse_probability(ascii);
    const auto f = parse_probability(full_width(ascii));
    REQUIRE_FALSE(a.ok());
    REQUIRE_FALSE(f.ok());
    CHECK(a.error().code == f.error().code);
  }
}

// ---------------------------------------------------------------------------------------------
// Exact exponents (issue 8, case 5), the fixture of fractions, error details, read_distribution.

namespace {

// Distance in units in the last place between two finite non-negative doubles.
std::int64_t ulps_apart(double a, double b) {
  std::int64_t ia, ib;
  std::memcpy(&ia, &a, sizeof a);
  std::memcpy(&ib, &b, sizeof b);
  return ia > ib ? ia - ib : ib - ia;
}

double one_value(const char* text) {
  const auto r = parse_distribution(text);
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? std::string() : r.error().message));
  REQUIRE(r.value().size() == 1);
  return r.value()[0];
}

}  // namespace

TEST_CASE("exponents are combined over the whole fraction before any limit applies") {
  SUBCASE("the issue's cases: 3e999999999/6e999999998 is 5 and 1e100000001/1e100000000 is 10") {
    CHECK(one_value("3e999999999/6e999999998") == 5.0);
    CHECK(one_value("1e100000001/1e100000000") == 10.0);
  }
  SUBCASE("equal exponents of any length cancel exactly") {
    CHECK(one_value("7e99999999999999999999999/7e99999999999999999999999") == 1.0);
    CHECK(one_value("1e-99999999999999999999999/1e-99999999999999999999998") == 0.1);
    CHECK(parse_probability("1e999999999/2e999999999").value() == 0.5);
    CHECK(parse_probability("1e-400/8e-400").value() == 0.125);
  }
  SUBCASE("exponents that do not cancel give the value, or a refusal when it is not a double") {
    CHECK(one_value("1e99999999999999999999/1e99999999999999999692") == 1e307);
    const auto big = parse_distribution("1e99999999999999999999/1e-99999999999999999999");
    REQUIRE_FALSE(big.ok());
    CHECK(big.error().code == ErrorCode::NOT_FINITE);
    CHECK(big.error().reason == "TOO_LARGE");
    const auto small = parse_distribution("1e-99999999999999999999/1e99999999999999999999");
    REQUIRE_FALSE(small.ok());
    CHECK(small.error().code == ErrorCode::OUT_OF_RANGE);
    CHECK(small.error().reason == "TOO_SMALL");
  }
  SUBCASE("results next to the largest double and among the subnormals") {
    CHECK(one_value("1.7976931348623157e308/1") == DBL_MAX);
    CHECK(one_value("3.5953862697246314e308/2") == DBL_MAX);
    CHECK(one_value("17976931348623157e999999999/1e999999707") == DBL_MAX);
    CHECK(parse_distribution("1.7976931348623159e308/1").error().reason == "TOO_LARGE");
    CHECK(parse_probability("4.9406564584124654e-324/1").value() == std::numeric_limits<double>::denorm_min());
    CHECK(parse_probability("1e-323/2").value() == std::numeric_limits<double>::denorm_min());
    CHECK(parse_probability("1/4e323").value() == std::numeric_limits<double>::denorm_min());  // 2.5e-324
    CHECK(parse_probability("2e-324/1").error().reason == "TOO_SMALL");
    CHECK(parse_probability("1e999999999/1e1000000322").value() == 1e-323);
  }
  SUBCASE("zero over anything but zero is zero") {
    CHECK(parse_probability("0/7e999999999").value() == 0.0);
    CHECK(parse_probability("0e99999999999999999999/1").value() == 0.0);
    CHECK(parse_probability("0/7e-99999999999999999999").value() == 0.0);
    CHECK(parse_probability("0/0e5").error().reason == "DIVISION_BY_ZERO");
  }
  SUBCASE("percent and per mille shift exact exponents") {
    CHECK(parse_probability("1e2%").value() == 1.0);
    CHECK(parse_probability("1e3\xE2\x80\xB0").value() == 1.0);
    CHECK(parse_probability("0e999999999999999999%").value() == 0.0);
    CHECK(parse_probability("1e-320%").value() == 1e-322);
    CHECK(parse_probability("1e-999999999999%").error().reason == "TOO_SMALL");
    CHECK(parse_distribution("5e999999999%").error().reason == "TOO_LARGE");
    CHECK(parse_probability("1e-9999999999999999999999\xE2\x80\xB0").error().reason == "TOO_SMALL");
    CHECK(parse_probability("1e-0000000000000000000000000003").value() == 0.001);
  }
}

TEST_CASE("every fraction is correctly rounded: parse.json from exact rationals (Python Fraction)") {
  const fixtures::Value doc = fixtures::load("parse.json");
  REQUIRE(doc.at("format").str() == "bitruler-parse-fixtures/1");
  int values = 0, refusals = 0;
  std::int64_t worst = 0;
  for (const fixtures::Value& c : doc.at("cases").items) {
    const std::string& text = c.at("text").str();
    CAPTURE(text);
    const auto r = parse_distribution(text);
    if (c.has("error")) {
      ++refusals;
      REQUIRE_FALSE(r.ok());
      CHECK(r.error().reason == c.at("error").str());
      CHECK(r.error().code == (c.at("error").str() == "TOO_LARGE" ? ErrorCode::NOT_FINITE : ErrorCode::OUT_OF_RANGE));
      continue;
    }
    ++values;
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? std::string() : r.error().message));
    REQUIRE(r.value().size() == 1);
    const double want = fixtures::as_double(c.at("value"));
    const std::int64_t apart = ulps_apart(r.value()[0], want);
    worst = std::max(worst, apart);
    CHECK_MESSAGE(apart == 0, "got " << r.value()[0] << ", want " << want);
  }
  MESSAGE("parse.json: " << values << " values, worst " << worst << " ulp; " << refusals << " refusals");
  CHECK(values > 1000);
  CHECK(refusals > 100);
}

TEST_CASE("every parse error carries its byte range, and list errors the entry index") {
  struct Located {
    const char* text;
    const char* reason;
    long long index;
    std::size_t start, end;
  };
  const Located table[] = {
      {"1, abc, 2", "EXPECTED_NUMBER", 1, 3, 6},
      {"0.5, 0.5x", "UNEXPECTED_CHARACTER", 1, 5, 9},
      {"1,,2", "EMPTY_ENTRY", 1, 2, 3},
      {",1", "EMPTY_ENTRY", 0, 0, 1},
      {"1/2 /3", "UNEXPECTED_CHARACTER", 0, 0, 6},
      {"1 2 3/", "EXPECTED_NUMBER", 2, 4, 6},
      {"1, 2e", "EXPONENT_DIGITS", 1, 3, 5},
      {"1, - 2", "SIGN", 1, 3, 4},
      {"0.5, -0.1", "NEGATIVE", 1, 5, 9},
      {"1, 1 / 0 , 2", "DIVISION_BY_ZERO", 1, 3, 8},
      {"1, 1e999", "TOO_LARGE", 1, 3, 8},
      {"1, 1e-999", "TOO_SMALL", 1, 3, 9},
      {"50%, 150 %", "PERCENT_OVER_100", 1, 5, 10},
      {"\xEF\xBC\x91, \xEF\xBC\x8D\xEF\xBC\x91", "NEGATIVE", 1, 5, 11},  // １, －１: bytes, not characters
      {"", "EMPTY_TEXT", -1, 0, 0},
      {" , ", "ONLY_SEPARATORS", -1, 0, 3},
      {"1, 2\xFF", "BAD_UTF8", 1, 4, 5},
      {"1, 2 \xFF", "BAD_UTF8", 2, 5, 6},
      {"1, \xED\xA0\x80, 2", "BAD_UTF8", 1, 3, 6},  // an encoded lone surrogate: all three bytes
      {"1, 0.5\xC3", "BAD_UTF8", 1, 6, 7},
  };
  for (const Located& l : table) {
    SUBCASE(l.text) {
      const auto r = parse_distribution(l.text);
      REQUIRE_FALSE(r.ok());
      CAPTURE(r.error().message);
      CHECK(r.error().reason == l.reason);
      CHECK(r.error().index == l.index);
      CHECK(r.error().start == l.start);
      CHECK(r.error().end == l.end);
    }
  }
  SUBCASE("a single probability has no index but still a range") {
    const auto r = parse_probability("  150%  ");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().reason == "PERCENT_OVER_100");
    CHECK(r.error().limit == 1.0);
    CHECK(r.error().index == -1);
    CHECK(r.error().start == 2);
    CHECK(r.error().end == 6);
    const auto more = parse_probability("0.5 0.25");
    CHECK(more.error().reason == "MORE_TEXT");
    CHECK(more.error().start == 4);
    CHECK(more.error().end == 8);
    CHECK(parse_probability("3/2").error().reason == "ABOVE_ONE");
  }
  SUBCASE("limits: the largest double for TOO_LARGE, the smallest subnormal for TOO_SMALL") {
    CHECK(parse_probability("1e999").error().limit == DBL_MAX);
    CHECK(parse_probability("1e-999").error().limit == std::numeric_limits<double>::denorm_min());
  }
  SUBCASE("text over the limit: PARSE with reason TOO_LONG, the limit and no range") {
    const std::string text(kMaxInputLength + 1, '1');
    for (const auto& error : {parse_probability(text).error(), parse_distribution(text).error(),
                              bitruler::read_distribution(text).error()}) {
      CHECK(error.code == ErrorCode::PARSE);
      CHECK(error.reason == "TOO_LONG");
      CHECK(error.limit == static_cast<double>(kMaxInputLength));
      CHECK_FALSE(error.has_range());
      CHECK(error.message.find("at most 10000 bytes") != std::string::npos);
    }
  }
  SUBCASE("every range lies inside the text and messages stay valid UTF-8 text") {
    bitruler::Rng rng(777);
    const std::vector<std::string> alphabet = {"1", "0", ".", "/", "%", "e", "-", " ", ",", "x",
                                               "\xEF\xBC\x91", "\xE3\x80\x81", "\xFF", "\xED\xA0\x80"};
    for (int trial = 0; trial < 5000; ++trial) {
      std::string text;
      const auto length = 1 + rng.next_u64() % 10;
      for (std::uint64_t k = 0; k < length; ++k) text += alphabet[rng.next_u64() % alphabet.size()];
      CAPTURE(text);
      const auto r = parse_distribution(text);
      if (r.ok()) continue;
      const auto& e = r.error();
      REQUIRE(e.has_range());
      REQUIRE(e.start <= e.end);
      REQUIRE(e.end <= text.size());
      REQUIRE(!e.reason.empty());
      if (e.code != ErrorCode::EMPTY) REQUIRE(e.index >= 0);
      if (e.reason != "BAD_UTF8") REQUIRE(e.end > e.start);
    }
  }
}

TEST_CASE("read_distribution gives weights, probabilities, the sum and where each entry stands") {
  using bitruler::read_distribution;
  SUBCASE("weights as typed are rescaled, with their byte ranges") {
    const auto r = read_distribution(" 3/2,  7 ,100%");
    REQUIRE(r.ok());
    CHECK(r->weights == std::vector<double>{1.5, 7.0, 1.0});
    CHECK(r->sum == 9.5);
    CHECK(r->rescaled);
    REQUIRE(r->probabilities.size() == 3);
    CHECK(r->probabilities[0] == 1.5 / 9.5);
    CHECK(r->probabilities[1] == 7.0 / 9.5);
    CHECK(r->probabilities[2] == 1.0 / 9.5);
    CHECK(r->starts == std::vector<std::size_t>{1, 7, 10});
    CHECK(r->ends == std::vector<std::size_t>{4, 8, 14});
  }
  SUBCASE("probabilities summing to 1 within the tolerance are used exactly as given") {
    const auto r = read_distribution("0.1, 0.2, 0.7000000001");
    REQUIRE(r.ok());
    CHECK_FALSE(r->rescaled);
    CHECK(r->probabilities == r->weights);
    CHECK(r->sum == doctest::Approx(1.0000000001).epsilon(1e-15));
  }
  SUBCASE("full-width text: ranges are UTF-8 byte offsets") {
    const auto r = read_distribution("\xEF\xBC\x91\xEF\xBC\x8F\xEF\xBC\x92\xE3\x80\x81\xEF\xBC\x91\xEF\xBC\x8F\xEF\xBC\x92");
    REQUIRE(r.ok());
    CHECK(r->weights == std::vector<double>{0.5, 0.5});
    CHECK(r->starts == std::vector<std::size_t>{0, 12});
    CHECK(r->ends == std::vector<std::size_t>{9, 21});
  }
  SUBCASE("weights whose sum overflows are rescaled safely") {
    const auto r = read_distribution("1e308, 1e308");
    REQUIRE(r.ok());
    CHECK(r->sum == HUGE_VAL);
    CHECK(r->probabilities == std::vector<double>{0.5, 0.5});
  }
  SUBCASE("all-zero weights: OUT_OF_RANGE with reason ALL_ZERO over the whole list") {
    const auto r = read_distribution(" 0, 0 ");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::OUT_OF_RANGE);
    CHECK(r.error().reason == "ALL_ZERO");
    CHECK(r.error().start == 1);
    CHECK(r.error().end == 5);
    CHECK(r.error().message.find("greater than 0") != std::string::npos);
  }
  SUBCASE("it reads exactly what parse_distribution reads, with the same values and errors") {
    bitruler::Rng rng(4242);
    const std::vector<std::string> alphabet = {"0", "1", "2", "5", ".", "/", "%", "e", "-", " ", ",", "x",
                                               "\xEF\xBC\x91", "\xE3\x80\x81", "\xFF"};
    int both = 0;
    for (int trial = 0; trial < 20000; ++trial) {
      std::string text;
      const auto length = rng.next_u64() % 12;
      for (std::uint64_t k = 0; k < length; ++k) text += alphabet[rng.next_u64() % alphabet.size()];
      CAPTURE(text);
      const auto d = parse_distribution(text);
      const auto r = read_distribution(text);
      if (!d.ok()) {
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == d.error().code);
        CHECK(r.error().message == d.error().message);
        CHECK(r.error().start == d.error().start);
        continue;
      }
      bool all_zero = true;
      for (double v : d.value()) all_zero = all_zero && v == 0.0;
      if (all_zero) {
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().reason == "ALL_ZERO");
        continue;
      }
      ++both;
      REQUIRE(r.ok());
      REQUIRE(r->weights.size() == d.value().size());
      for (std::size_t i = 0; i < d.value().size(); ++i) {
        CHECK(std::memcmp(&r->weights[i], &d.value()[i], sizeof(double)) == 0);
        REQUIRE(r->starts[i] < r->ends[i]);
        REQUIRE(r->ends[i] <= text.size());
        // Each range holds exactly that entry: parsed alone it gives the same weight.
        const auto alone = parse_distribution(std::string_view(text).substr(r->starts[i], r->ends[i] - r->starts[i]));
        REQUIRE(alone.ok());
        CHECK(alone.value() == std::vector<double>{d.value()[i]});
      }
      const auto expected = bitruler::as_distribution(d.value(), r->rescaled);
      REQUIRE(expected.ok());
      CHECK(r->probabilities == expected.value());
    }
    CHECK(both > 1000);
  }
}

// decimal_to_double is the parsers' own decimal-to-double conversion (the module has no strtod).
// glibc's strtod rounds correctly, so the two must agree bit for bit on every input: random digit
// strings of every length and exponent, the long runs of 9s and 0s where carries happen, and the
// exact midpoints between neighbouring doubles (and one unit either side of them), where only an
// exact conversion gets the tie right.
namespace {

// Decimal digits of m * 5^k (a big integer, as text).
std::string times_power_of_five(std::uint64_t m, int k) {
  std::vector<int> d;  // little-endian decimal digits
  for (; m != 0; m /= 10) d.push_back(static_cast<int>(m % 10));
  for (int i = 0; i < k; ++i) {
    int carry = 0;
    for (int& digit : d) {
      const int v = digit * 5 + carry;
      digit = v % 10;
      carry = v / 10;
    }
    for (; carry != 0; carry /= 10) d.push_back(carry % 10);
  }
  std::string s;
  for (auto it = d.rbegin(); it != d.rend(); ++it) s += static_cast<char>('0' + *it);
  return s;
}

// Decimal digits of m * 2^k for k >= 0.
std::string times_power_of_two(std::uint64_t m, int k) {
  std::vector<int> d;
  for (; m != 0; m /= 10) d.push_back(static_cast<int>(m % 10));
  for (int i = 0; i < k; ++i) {
    int carry = 0;
    for (int& digit : d) {
      const int v = digit * 2 + carry;
      digit = v % 10;
      carry = v / 10;
    }
    if (carry != 0) d.push_back(carry);
  }
  std::string s;
  for (auto it = d.rbegin(); it != d.rend(); ++it) s += static_cast<char>('0' + *it);
  return s;
}

void check_against_strtod(const std::string& digits, long long exponent) {
  const std::string text = (digits.empty() ? std::string("0") : digits) + "e" + std::to_string(exponent);
  const double expected = std::strtod(text.c_str(), nullptr);
  const double got = bitruler::decimal_to_double(digits, exponent);
  if (std::memcmp(&expected, &got, sizeof got) != 0) {
    FAIL_CHECK(text << ": strtod " << expected << ", decimal_to_double " << got);
  }
}

}  // namespace

TEST_CASE("decimal_to_double rounds as strtod does: 2 million random numbers and every kind of tie") {
  bitruler::Rng rng(20261201);
  const auto below = [&](std::uint64_t n) { return rng.next_u64() % n; };
  std::size_t checked = 0;
  for (int i = 0; i < 2000000; ++i) {
    std::string digits;
    const int kind = static_cast<int>(below(10));
    const int length = kind < 4 ? 1 + static_cast<int>(below(15)) : 1 + static_cast<int>(below(kind < 8 ? 25 : 120));
    for (int k = 0; k < length; ++k) digits += static_cast<char>('0' + below(10));
    if (kind == 8) digits += std::string(below(30), '9');  // carries
    if (kind == 9) digits += std::string(below(30), '0') + (below(2) ? "1" : "");
    // Exponents across the whole range and past both ends; small ones often (the fast path).
    const long long exponent = kind < 4 ? static_cast<long long>(below(45)) - 22
                                        : static_cast<long long>(below(720)) - 360 - length;
    check_against_strtod(digits, exponent);
    ++checked;
  }
  // Midpoints between a double and the next: (2M + 1) * 2^(E - 1), written out exactly, then one
  // unit below and above in a far decimal place.
  for (int i = 0; i < 20000; ++i) {
    double x;
    const std::uint64_t bits = i < 200 ? static_cast<std::uint64_t>(i) : rng.next_u64() >> 1;  // subnormals too
    std::memcpy(&x, &bits, sizeof x);
    if (!std::isfinite(x)) continue;
    int e = 0;
    const double m = std::frexp(x, &e);  // x = m * 2^e, m in [0.5, 1)
    if (x == 0) continue;
    // x = M * 2^E with M an integer of 53 bits (or fewer for subnormals).
    int E = e - 53;
    std::uint64_t M = static_cast<std::uint64_t>(std::ldexp(m, 53));
    if (E < -1074) {  // subnormal
      M >>= (-1074 - E);
      E = -1074;
    }
    const std::uint64_t mid = 2 * M + 1;  // midpoint = mid * 2^(E - 1)
    std::string digits;
    long long exponent;
    if (E - 1 >= 0) {
      digits = times_power_of_two(mid, E - 1);
      exponent = 0;
    } else {
      digits = times_power_of_five(mid, 1 - E);  // mid * 2^(E-1) = mid * 5^(1-E) * 10^(E-1)
      exponent = E - 1;
    }
    check_against_strtod(digits, exponent);
    check_against_strtod(digits + "1", exponent - 1);  // a hair above the midpoint
    std::string lower = digits;  // a hair below: subtract one in the last place, append 9s
    std::size_t k = lower.size();
    while (k > 0 && lower[k - 1] == '0') lower[--k] = '9';
    if (k > 0) {
      --lower[k - 1];
      check_against_strtod(lower + "999", exponent - 3);
    }
    checked += 3;
  }
  CHECK(checked > 2000000);
}
