#include "common/json.h"

#include <gtest/gtest.h>

#include "common/source_error.h"

namespace asq {
namespace {

TEST(Json, RoundTripsWithSortedKeys) {
  Json json;
  json["b"] = 1;
  json["a"] = Json::strings({"x", "y\n\"z\""});
  json["c"] = nullptr;
  json["d"] = true;
  std::string text = json.dump();
  EXPECT_EQ(text,
            "{\n  \"a\": [\n    \"x\",\n    \"y\\n\\\"z\\\"\"\n  ],\n  \"b\": 1,\n"
            "  \"c\": null,\n  \"d\": true\n}");
  EXPECT_EQ(Json::parse(text, "x.json"), json);
}

TEST(Json, ParsesUnicodeEscapesAndNumbers) {
  Json json = Json::parse(R"({"s": "caf\u00e9 \ud83d\ude00", "n": -12, "f": 2.5})", "x.json");
  EXPECT_EQ(json.find("s")->as_string(), "caf\xc3\xa9 \xf0\x9f\x98\x80");
  EXPECT_EQ(json.find("n")->as_int(), -12);
  EXPECT_DOUBLE_EQ(json.find("f")->as_double(), 2.5);
}

TEST(Json, NeverWritesInvalidUtf8) {
  std::string out;
  // Kept: valid UTF-8. Escaped: a lone surrogate from a Python escape. Replaced: any other byte.
  append_json_string(out, "caf\xc3\xa9 \xed\xa0\x80 \xe9 \xc3 \xf0\x9f\x98\x80");
  EXPECT_EQ(out, "\"caf\xc3\xa9 \\ud800 \xef\xbf\xbd \xef\xbf\xbd \xf0\x9f\x98\x80\"");
}

TEST(Json, ErrorsNameLineAndColumn) {
  try {
    Json::parse("{\n  \"a\": [1, 2\n}", "snap.json");
    FAIL() << "no error";
  } catch (const SourceError& error) {
    EXPECT_STREQ(error.what(), "snap.json:3:1: expected ',' or ']'\n}\n^");
  }
}

}  // namespace
}  // namespace asq
