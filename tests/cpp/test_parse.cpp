// Parsing what readers type: every accepted form, every refusal and its code.
#include <doctest/doctest.h>

#include <sys/mman.h>

#include <clocale>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "bitruler/parse.hpp"
#include "bitruler/random.hpp"

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
  SUBCASE("17-digit operands take the scaled fallback, still within two ulps") {
    const auto r = parse_distribution("12345678901234567/3");
    REQUIRE(r.ok());
    CHECK(r.value()[0] == doctest::Approx(4115226300411522.333).epsilon(5e-16));
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
