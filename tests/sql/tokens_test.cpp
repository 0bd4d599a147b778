// The one SQL tokenizer (src/sql/tokens.h): literals, names, comments, operators, statement
// splitting and the byte offsets of tokens and errors.

#include "sql/tokens.h"

#include <gtest/gtest.h>

namespace asq::sql {
namespace {

using Kind = Token::Kind;

/// `kind:text` of each token but the final kEnd, e.g. "w:select s:1 y:;".
std::string kinds(std::string_view text) {
  std::string out;
  for (const Token& t : tokenize(text)) {
    if (t.kind == Kind::kEnd) break;
    const char* k = t.kind == Kind::kWord         ? "w"
                    : t.kind == Kind::kQuotedWord ? "q"
                    : t.kind == Kind::kString     ? "s"
                    : t.kind == Kind::kNumber     ? "n"
                                                  : "y";
    if (!out.empty()) out += ' ';
    out += std::string(k) + ":" + t.text;
  }
  return out;
}

std::string lex_error(std::string_view text) {
  try {
    tokenize(text);
  } catch (const LexError& e) {
    return std::to_string(e.offset()) + ": " + e.what();
  }
  return "no error";
}

TEST(SqlTokens, LowerCasesWordsAndKeepsQuotedNamesAsWritten) {
  EXPECT_EQ(kinds("SELECT Foo, \"Bar\"\"x\" FROM t_1$"),
            "w:select w:foo y:, q:Bar\"x w:from w:t_1$");
}

TEST(SqlTokens, ReadsStringLiteralsWithDoubledQuotesAndPrefixes) {
  EXPECT_EQ(kinds("'it''s' E'a\\'b\\n' B'101' X'ff' N'x'"), "s:it's s:a'b\n s:101 s:ff s:x");
  auto t = tokenize("e'x' 'y' $$z$$");
  EXPECT_EQ(t[0].prefix, 'E');
  EXPECT_EQ(t[1].prefix, 0);
  EXPECT_EQ(t[2].prefix, '$');
}

TEST(SqlTokens, BackslashIsPlainInAStandardString) {
  EXPECT_EQ(kinds("'a\\' 'b'"), "s:a\\ s:b");
  EXPECT_EQ(kinds("E'\\101\\x42\\t'"), "s:AB\t");
}

TEST(SqlTokens, ReadsDollarQuotedBodiesVerbatim) {
  EXPECT_EQ(kinds("AS $$ SELECT 'a'; -- no $$ LANGUAGE sql"),
            "w:as s: SELECT 'a'; -- no  w:language w:sql");
  EXPECT_EQ(kinds("$fn$ $$ inner $$ $fn$"), "s: $$ inner $$ ");
  EXPECT_EQ(kinds("x$$y"), "w:x$$y");
  EXPECT_EQ(kinds("$1 + $2"), "y:$ n:1 y:+ y:$ n:2");
}

TEST(SqlTokens, DropsLineAndNestedBlockComments) {
  EXPECT_EQ(kinds("a -- b; c\n d /* e /* f */ g; */ h"), "w:a w:d w:h");
}

TEST(SqlTokens, ReadsOperatorsAsPostgresDoes) {
  EXPECT_EQ(kinds("a>=-1 b<>c d::int e||f g@>h i=-j"),
            "w:a y:>= y:- n:1 w:b y:<> w:c w:d y::: w:int w:e y:|| w:f w:g y:@> w:h w:i y:= y:- "
            "w:j");
  EXPECT_EQ(kinds("1.5e-3 .5 (x)"), "n:1.5e-3 n:.5 y:( w:x y:)");
}

TEST(SqlTokens, KeepsByteOffsetsOfEachToken) {
  std::string_view text = "CREATE  TABLE \"t\" (x int)";
  auto t = tokenize(text);
  ASSERT_EQ(t.size(), 8u);
  EXPECT_EQ(text.substr(t[2].begin, t[2].end - t[2].begin), "\"t\"");
  EXPECT_EQ(t[1].begin, 8u);
  EXPECT_EQ(t.back().kind, Kind::kEnd);
  EXPECT_EQ(t.back().begin, text.size());
}

TEST(SqlTokens, NamesTheOffsetOfWhatIsUnterminated) {
  EXPECT_EQ(lex_error("SELECT 'abc"), "7: unterminated string literal");
  EXPECT_EQ(lex_error("SELECT \"abc"), "7: unterminated quoted name");
  EXPECT_EQ(lex_error("x E'a\\'"), "2: unterminated string literal");
  EXPECT_EQ(lex_error("AS $body$ x $$"), "3: unterminated dollar-quoted string");
  EXPECT_EQ(lex_error("a /* b /* c */"), "2: unterminated /* comment");
  EXPECT_EQ(lex_error("a -- 'b"), "no error");
}

TEST(SqlStatements, SplitsAtSemicolonsOutsideLiteralsAndComments) {
  auto s = statements(
      "CREATE TABLE a (x text DEFAULT ';');; -- ; \n"
      "DO $$ BEGIN PERFORM 1; END $$; /* ; */ select \";\"");
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0].size(), 9u);
  EXPECT_TRUE(s[0][0].is_word("create"));
  EXPECT_TRUE(s[1][1].kind == Kind::kString);
  EXPECT_TRUE(s[2][1].kind == Kind::kQuotedWord);
  EXPECT_EQ(s[2][1].text, ";");
  EXPECT_TRUE(statements(" ; -- nothing\n;").empty());
}

TEST(SqlTokens, TellsWhetherTextEndsInALineComment) {
  EXPECT_TRUE(ends_in_line_comment("SELECT 1 -- done;"));
  EXPECT_TRUE(ends_in_line_comment("SELECT 1\n-- note"));
  EXPECT_FALSE(ends_in_line_comment("SELECT 1 -- note\n+ 2"));
  EXPECT_FALSE(ends_in_line_comment("SELECT '--'"));
  EXPECT_FALSE(ends_in_line_comment("SELECT $$ -- $$"));
  EXPECT_FALSE(ends_in_line_comment("SELECT 'open"));  // unreadable: no comment
}

}  // namespace
}  // namespace asq::sql
