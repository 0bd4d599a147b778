#include "python/string_literal.h"

#include <gtest/gtest.h>

#include <string>

namespace asq::py {
namespace {

/// The value of string token `token`, or `error at N: message`.
std::string value(std::string_view token) {
  std::string out;
  if (auto error = append_string_value(token, out)) {
    return "error at " + std::to_string(error->offset) + ": " + error->message;
  }
  return out;
}

TEST(StringLiteral, DecodesSimpleEscapes) {
  EXPECT_EQ(value(R"('a\nb\tc\\d\'e\"f\r')"), "a\nb\tc\\d'e\"f\r");
  EXPECT_EQ(value(R"("\a\b\f\v")"), "\a\b\f\v");
  EXPECT_EQ(value(R"('\0')"), std::string(1, '\0'));
}

TEST(StringLiteral, DecodesOctalEscapes) {
  EXPECT_EQ(value(R"('\101\60\7x')"), "A0\ax");
  EXPECT_EQ(value(R"('\1234')"), "S4");
  EXPECT_EQ(value(R"('\777')"), "\xC7\xBF");
}

TEST(StringLiteral, DecodesHexEscapesToUtf8) {
  EXPECT_EQ(value(R"('\x41\x7a')"), "Az");
  EXPECT_EQ(value(R"('\xe9')"), "\xC3\xA9");
}

TEST(StringLiteral, DecodesUnicodeEscapesToUtf8) {
  EXPECT_EQ(value(R"('\u00e9\u20AC')"), "\xC3\xA9\xE2\x82\xAC");
  EXPECT_EQ(value(R"('\U0001F600')"), "\xF0\x9F\x98\x80");
}

TEST(StringLiteral, KeepsNamedUnicodeEscapeVerbatim) {
  EXPECT_EQ(value(R"('\N{EM DASH}')"), R"(\N{EM DASH})");
}

TEST(StringLiteral, KeepsUnknownEscapesVerbatim) {
  EXPECT_EQ(value(R"('\d+\.\q\8')"), R"(\d+\.\q\8)");
}

TEST(StringLiteral, JoinsLinesAfterBackslashNewline) {
  EXPECT_EQ(value("'a\\\nb'"), "ab");
  EXPECT_EQ(value("'''a\\\r\nb'''"), "ab");
}

TEST(StringLiteral, NormalizesLineBreaksInTripleQuotedStrings) {
  EXPECT_EQ(value("'''a\r\nb\rc\nd'''"), "a\nb\nc\nd");
  EXPECT_EQ(value("r'''a\r\nb'''"), "a\nb");
}

TEST(StringLiteral, LeavesRawStringsUntouched) {
  EXPECT_EQ(value(R"(r'\n\x\d')"), R"(\n\x\d)");
  EXPECT_EQ(value(R"(R'\'')"), R"(\')");
  EXPECT_EQ(value("r'a\\\nb'"), "a\\\nb");
}

TEST(StringLiteral, ReadsTripleQuotedStringsWithInnerQuotes) {
  EXPECT_EQ(value(R"("""say "hi" and 'bye'""")"), R"(say "hi" and 'bye')");
  EXPECT_EQ(value("''''''"), "");
  EXPECT_EQ(value("''"), "");
}

TEST(StringLiteral, DecodesBytesEscapesAsRawBytes) {
  EXPECT_EQ(value(R"(b'\xff\101\n')"),
            "\xFF"
            "A\n");
  EXPECT_EQ(value(R"(b'\777')"), "\xFF");
}

TEST(StringLiteral, KeepsUnicodeEscapesInBytesVerbatim) {
  EXPECT_EQ(value(R"(b'\u1234\N{X}')"), R"(\u1234\N{X})");
}

TEST(StringLiteral, RejectsNonAsciiInBytes) {
  EXPECT_EQ(value("b'ab\xC3\xA9'"), "error at 4: bytes can only contain ASCII literal characters");
  EXPECT_EQ(value("rb'\xC3\xA9'"), "error at 3: bytes can only contain ASCII literal characters");
}

TEST(StringLiteral, ReportsTruncatedEscapesAtTheirBackslash) {
  EXPECT_EQ(value(R"('ab\x4')"), R"(error at 3: truncated \xXX escape)");
  EXPECT_EQ(value(R"(u'\u12g4')"), R"(error at 2: truncated \uXXXX escape)");
  EXPECT_EQ(value(R"('''\U1234''')"), R"(error at 3: truncated \UXXXXXXXX escape)");
}

TEST(StringLiteral, RejectsCodePointBeyondUnicode) {
  EXPECT_EQ(value(R"('\U00110000')"), R"(error at 1: illegal Unicode character in \U escape)");
}

TEST(StringLiteral, DecodesFStringEscapesKeepingBraces) {
  EXPECT_EQ(value(R"(f'{a!r:>{w}}\n{{x}}')"), "{a!r:>{w}}\n{{x}}");
  EXPECT_EQ(value(R"(rf'{a}\n')"), R"({a}\n)");
}

TEST(StringLiteral, ReadsPrefixesInAnyCaseAndOrder) {
  EXPECT_EQ(string_prefix("'x'"), (StringPrefix{false, false, false}));
  EXPECT_EQ(string_prefix("Rb'x'"), (StringPrefix{true, true, false}));
  EXPECT_EQ(string_prefix("bR'x'"), (StringPrefix{true, true, false}));
  EXPECT_EQ(string_prefix("fR'x'"), (StringPrefix{true, false, true}));
  EXPECT_EQ(string_prefix("U'x'"), (StringPrefix{false, false, false}));
  EXPECT_EQ(string_prefix("B\"x\""), (StringPrefix{false, true, false}));
}

TEST(StringLiteral, AppendsToExistingValue) {
  std::string out = "ab";
  EXPECT_FALSE(append_string_value("'c'", out));
  EXPECT_EQ(out, "abc");
}

TEST(StringLiteral, EncodesUtf8OfEveryLength) {
  std::string out;
  append_utf8(out, U'A');
  append_utf8(out, 0x7FF);
  append_utf8(out, 0xFFFF);
  append_utf8(out, 0x10FFFF);
  EXPECT_EQ(out, "A\xDF\xBF\xEF\xBF\xBF\xF4\x8F\xBF\xBF");
}

}  // namespace
}  // namespace asq::py
