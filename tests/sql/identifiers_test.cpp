// Identifiers and literals as PostgreSQL prints them (src/sql/identifiers.h, src/sql/literals.h).

#include "sql/identifiers.h"

#include <gtest/gtest.h>

#include "sql/literals.h"

namespace asq {
namespace {

TEST(Quoting, QuotesLikeQuoteIdent) {
  EXPECT_EQ(quote_identifier("node"), "node");
  EXPECT_EQ(quote_identifier("user"), "\"user\"");
  EXPECT_EQ(quote_identifier("order"), "\"order\"");
  EXPECT_EQ(quote_identifier("MyTable"), "\"MyTable\"");
  EXPECT_EQ(quote_identifier("a\"b"), "\"a\"\"b\"");
  EXPECT_EQ(quote_identifier("_x1"), "_x1");
  EXPECT_EQ(quote_identifier("1x"), "\"1x\"");
  EXPECT_EQ(qualified_spelling({"public", "nodestatus"}), "public.nodestatus");
}

TEST(SqlNames, LiteralsAndQualifiedNames) {
  EXPECT_EQ(sql_literal("it's"), "'it''s'");
  EXPECT_EQ(parse_qualified("public.\"Odd.Name\""), (QualifiedName{"public", "Odd.Name"}));
  EXPECT_EQ(parse_qualified("x"), (QualifiedName{"public", "x"}));
}

TEST(SqlNames, QualifiedNamesSplitAtDotsOutsideQuotes) {
  EXPECT_EQ(parse_qualified("\"My Schema\".\"T\""), (QualifiedName{"My Schema", "T"}));
  EXPECT_EQ(parse_qualified("Public.X"), (QualifiedName{"Public", "X"}));  // as written
  EXPECT_EQ(parse_qualified("a.\"b\"\"c\""), (QualifiedName{"a", "b\"c"}));
  EXPECT_EQ(parse_qualified("s.\"x.y\""), (QualifiedName{"s", "x.y"}));
}

TEST(SqlLiterals, QuoteLiteralDoublesBackslashesInAnEString) {
  EXPECT_EQ(quote_literal("it's"), "'it''s'");
  EXPECT_EQ(quote_literal("a\\b"), "E'a\\\\b'");
}

}  // namespace
}  // namespace asq
