// Reading tests/fixtures/*.json in the C++ suites: a small strict JSON reader (RFC 8259, no
// extensions; numbers parsed by strtod, which rounds correctly, so fixtures' shortest-repr
// doubles read back bit for bit) and the input generators described in tests/fixtures/README.md.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace fixtures {

struct Value {
  enum class Kind { Null, Bool, Number, String, Array, Object };
  Kind kind = Kind::Null;
  bool boolean = false;
  double number = 0.0;
  std::string text;  // String: the decoded string; Number: the token as written
  std::vector<Value> items;
  std::vector<std::pair<std::string, Value>> members;  // in file order

  bool is_number() const { return kind == Kind::Number; }
  bool is_string() const { return kind == Kind::String; }
  bool is_array() const { return kind == Kind::Array; }
  bool is_object() const { return kind == Kind::Object; }

  const Value* find(const std::string& key) const {
    for (const auto& m : members)
      if (m.first == key) return &m.second;
    return nullptr;
  }
  bool has(const std::string& key) const { return find(key) != nullptr; }
  const Value& at(const std::string& key) const {
    const Value* v = find(key);
    if (!v) throw std::runtime_error("fixture: missing key '" + key + "'");
    return *v;
  }
  const std::string& str() const {
    if (!is_string()) throw std::runtime_error("fixture: expected a string");
    return text;
  }
  double num() const {
    if (!is_number()) throw std::runtime_error("fixture: expected a number");
    return number;
  }
};

class Parser {
 public:
  explicit Parser(std::string text) : s_(std::move(text)) {}

  Value parse_document() {
    Value v = parse_value(0);
    skip_ws();
    if (i_ != s_.size()) fail("trailing characters after the document");
    return v;
  }

 private:
  std::string s_;
  std::size_t i_ = 0;

  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error("fixture JSON: " + what + " at offset " + std::to_string(i_));
  }
  void skip_ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r'))
      ++i_;
  }
  char peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }
  void expect(char c) {
    if (peek() != c) fail(std::string("expected '") + c + "'");
    ++i_;
  }
  void literal(const char* word) {
    for (const char* w = word; *w; ++w) {
      if (peek() != *w) fail(std::string("bad literal, expected ") + word);
      ++i_;
    }
  }

  Value parse_value(int depth) {
    if (depth > 64) fail("nesting too deep");
    skip_ws();
    Value v;
    const char c = peek();
    if (c == '{') {
      v.kind = Value::Kind::Object;
      ++i_;
      skip_ws();
      if (peek() == '}') { ++i_; return v; }
      for (;;) {
        skip_ws();
        if (peek() != '"') fail("expected a member name");
        std::string key = parse_string();
        skip_ws();
        expect(':');
        v.members.emplace_back(std::move(key), parse_value(depth + 1));
        skip_ws();
        if (peek() == ',') { ++i_; continue; }
        expect('}');
        return v;
      }
    }
    if (c == '[') {
      v.kind = Value::Kind::Array;
      ++i_;
      skip_ws();
      if (peek() == ']') { ++i_; return v; }
      for (;;) {
        v.items.push_back(parse_value(depth + 1));
        skip_ws();
        if (peek() == ',') { ++i_; continue; }
        expect(']');
        return v;
      }
    }
    if (c == '"') {
      v.kind = Value::Kind::String;
      v.text = parse_string();
      return v;
    }
    if (c == 't') { literal("true"); v.kind = Value::Kind::Bool; v.boolean = true; return v; }
    if (c == 'f') { literal("false"); v.kind = Value::Kind::Bool; return v; }
    if (c == 'n') { literal("null"); return v; }
    if (c == '-' || (c >= '0' && c <= '9')) return parse_number();
    fail("unexpected character");
  }

  static bool digit(char c) { return c >= '0' && c <= '9'; }

  Value parse_number() {
    const std::size_t start = i_;
    if (peek() == '-') ++i_;
    if (peek() == '0') {
      ++i_;
    } else if (digit(peek())) {
      while (digit(peek())) ++i_;
    } else {
      fail("bad number");
    }
    if (peek() == '.') {
      ++i_;
      if (!digit(peek())) fail("bad fraction");
      while (digit(peek())) ++i_;
    }
    if (peek() == 'e' || peek() == 'E') {
      ++i_;
      if (peek() == '+' || peek() == '-') ++i_;
      if (!digit(peek())) fail("bad exponent");
      while (digit(peek())) ++i_;
    }
    Value v;
    v.kind = Value::Kind::Number;
    v.text = s_.substr(start, i_ - start);
    v.number = std::strtod(v.text.c_str(), nullptr);
    return v;
  }

  static void append_utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  unsigned hex4() {
    unsigned v = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = peek();
      ++i_;
      v <<= 4;
      if (c >= '0' && c <= '9') v |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f') v |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') v |= static_cast<unsigned>(c - 'A' + 10);
      else fail("bad \\u escape");
    }
    return v;
  }

  std::string parse_string() {
    expect('"');
    std::string out;
    for (;;) {
      if (i_ >= s_.size()) fail("unterminated string");
      const char c = s_[i_++];
      if (c == '"') return out;
      if (static_cast<unsigned char>(c) < 0x20) fail("control character in string");
      if (c != '\\') { out += c; continue; }
      const char e = peek();
      ++i_;
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          unsigned cp = hex4();
          if (cp >= 0xD800 && cp < 0xDC00) {
            if (peek() != '\\') fail("lone surrogate");
            ++i_;
            if (peek() != 'u') fail("lone surrogate");
            ++i_;
            const unsigned lo = hex4();
            if (lo < 0xDC00 || lo >= 0xE000) fail("bad surrogate pair");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          } else if (cp >= 0xDC00 && cp < 0xE000) {
            fail("lone surrogate");
          }
          append_utf8(out, cp);
          break;
        }
        default: fail("bad escape");
      }
    }
  }
};

inline Value parse(const std::string& text) { return Parser(text).parse_document(); }

inline Value load(const std::string& file_name) {
#ifdef BITRULER_FIXTURE_DIR
  const std::string path = std::string(BITRULER_FIXTURE_DIR) + "/" + file_name;
#else
  const std::string path = "tests/fixtures/" + file_name;
#endif
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("fixture: cannot open " + path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return parse(buffer.str());
}

// A number, or one of the strings "NaN", "Infinity", "-Infinity" (JSON has no such numbers).
inline double as_double(const Value& v) {
  if (v.is_number()) return v.number;
  if (v.is_string()) {
    if (v.text == "NaN") return std::nan("");
    if (v.text == "Infinity") return HUGE_VAL;
    if (v.text == "-Infinity") return -HUGE_VAL;
  }
  throw std::runtime_error("fixture: expected a number or NaN/Infinity/-Infinity");
}

// --- generators (tests/fixtures/README.md, "Generated inputs") -------------------------------

inline std::uint64_t integer(const Value& v) {
  const double d = v.num();
  if (!(d >= 0.0 && d <= 9007199254740992.0) || d != std::floor(d))
    throw std::runtime_error("fixture: expected a non-negative integer below 2^53");
  return static_cast<std::uint64_t>(d);
}

inline std::vector<double> generate_lcg(const Value& spec) {
  const std::uint64_t n = integer(spec.at("n"));
  const std::uint64_t modulus = integer(spec.at("modulus"));
  const std::uint64_t offset = integer(spec.at("offset"));
  const std::uint64_t scale = spec.has("scale") ? integer(spec.at("scale")) : 1;
  const std::uint64_t jitter = spec.has("jitter") ? integer(spec.at("jitter")) : 0;
  constexpr std::uint64_t kA = 48271, kM = 2147483647;
  std::uint64_t x = integer(spec.at("seed"));
  std::uint64_t y = jitter ? integer(spec.at("jitter_seed")) : 0;
  std::vector<std::uint64_t> weights(n);
  std::uint64_t total = 0;
  for (std::uint64_t i = 0; i < n; ++i) {
    x = (kA * x) % kM;
    std::uint64_t w = scale * (x % modulus + offset);
    if (jitter) {
      y = (kA * y) % kM;
      w = w + (y % (2 * jitter + 1)) - jitter;  // scale*(...) >= jitter in every fixture
    }
    weights[i] = w;
    total += w;
  }
  if (total >= (std::uint64_t{1} << 53)) throw std::runtime_error("fixture: lcg sum >= 2^53");
  std::vector<double> p(n);
  const double t = static_cast<double>(total);
  for (std::uint64_t i = 0; i < n; ++i) p[i] = static_cast<double>(weights[i]) / t;
  return p;
}

inline std::vector<double> build_input(const Value& v) {
  if (v.is_array()) {
    std::vector<double> out;
    out.reserve(v.items.size());
    for (const Value& item : v.items) out.push_back(as_double(item));
    return out;
  }
  const std::string& gen = v.at("gen").str();
  if (gen == "lcg") return generate_lcg(v);
  if (gen == "uniform") {
    const std::uint64_t n = integer(v.at("n"));
    return std::vector<double>(n, 1.0 / static_cast<double>(n));
  }
  if (gen == "head_tail") {
    const std::uint64_t n = integer(v.at("n"));
    std::vector<double> out;
    out.reserve(n);
    for (const Value& item : v.at("head").items) out.push_back(as_double(item));
    const double tail = std::ldexp(1.0, static_cast<int>(v.at("tail_exp2").num()));
    while (out.size() < n) out.push_back(tail);
    return out;
  }
  throw std::runtime_error("fixture: unknown generator '" + gen + "'");
}

}  // namespace fixtures
