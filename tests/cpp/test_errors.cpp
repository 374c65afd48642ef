// Errors as values with details: reason, limit, index and byte range, and the names of the codes.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "bitruler/result.hpp"

using bitruler::Error;
using bitruler::ErrorCode;
using bitruler::Result;

TEST_CASE("an error carries optional details that default to none") {
  const Error e{ErrorCode::PARSE, "Some sentence."};
  CHECK(e.reason.empty());
  CHECK(std::isnan(e.limit));
  CHECK_FALSE(e.has_limit());
  CHECK(e.index == -1);
  CHECK(e.start == Error::npos);
  CHECK(e.end == Error::npos);
  CHECK_FALSE(e.has_range());
}

TEST_CASE("failure(Error) keeps every detail, and re-wrapping into another Result keeps them too") {
  Error e{ErrorCode::OUT_OF_RANGE, "Too many.", "TOO_MANY_OUTCOMES", 1e6};
  e.index = 3;
  e.start = 5;
  e.end = 9;
  const auto r = Result<int>::failure(e);
  REQUIRE_FALSE(r.ok());
  const auto wrapped = Result<double>::failure(r);
  for (const Error* got : {&r.error(), &wrapped.error()}) {
    CHECK(got->code == ErrorCode::OUT_OF_RANGE);
    CHECK(got->message == "Too many.");
    CHECK(got->reason == "TOO_MANY_OUTCOMES");
    CHECK(got->limit == 1e6);
    CHECK(got->index == 3);
    CHECK(got->start == 5);
    CHECK(got->end == 9);
  }
  SUBCASE("the two-argument failure stays as it was") {
    const auto old = Result<int>::failure(ErrorCode::EMPTY, "Nothing.");
    CHECK(old.error().code == ErrorCode::EMPTY);
    CHECK(old.error().reason.empty());
  }
}

TEST_CASE("the error code names are one table in enum order") {
  REQUIRE(bitruler::kErrorCodeNames.size() == 9);
  for (std::size_t i = 0; i < bitruler::kErrorCodeNames.size(); ++i) {
    CAPTURE(i);
    CHECK(std::string(bitruler::error_code_name(static_cast<ErrorCode>(i))) == bitruler::kErrorCodeNames[i]);
  }
  CHECK(std::string(bitruler::kErrorCodeNames[static_cast<int>(ErrorCode::PARSE)]) == "PARSE");
  CHECK(std::string(bitruler::error_code_name(static_cast<ErrorCode>(99))) == "UNKNOWN");
}
