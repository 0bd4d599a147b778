// Fills (sql/fill_expression.h): a person's SQL lands in a generated `UPDATE t SET c = <fill>`,
// so it must be one expression and nothing that could end the statement or hide text.

#include "sql/fill_expression.h"

#include <gtest/gtest.h>

namespace asq {
namespace {

using sql::fill_expression_problem;
using sql::fill_key_problem;

TEST(FillExpression, AcceptsOneExpression) {
  for (const char* fill : {"0", "''", "'it''s'", "now()", "'other'::credentialcategory",
                           "(SELECT id FROM \"user\" WHERE is_superuser ORDER BY email LIMIT 1)",
                           "ARRAY[1, 2]", "$$a;b$$", "coalesce(a, 'x -- y')"}) {
    EXPECT_EQ(fill_expression_problem(fill), std::nullopt) << fill;
  }
}

TEST(FillExpression, RefusesWhatCouldEndOrHideTheStatement) {
  EXPECT_EQ(fill_expression_problem(""), "a fill needs an SQL expression, e.g. 0, '' or now()");
  EXPECT_EQ(fill_expression_problem("   "), "a fill needs an SQL expression, e.g. 0, '' or now()");
  EXPECT_EQ(fill_expression_problem("1; DROP TABLE node"), "a fill is one expression: no ';'");
  EXPECT_EQ(fill_expression_problem("1 -- note"), "a fill holds no comments");
  EXPECT_EQ(fill_expression_problem("1 /* note */"), "a fill holds no comments");
  EXPECT_EQ(fill_expression_problem("1\nWHERE false"),
            "a fill is one line of SQL without control characters");
  EXPECT_EQ(fill_expression_problem("1) WHERE (false"),
            "')' closes nothing: a fill is one whole expression");
  EXPECT_EQ(fill_expression_problem("(SELECT 1"), "')' is missing at the end");
  EXPECT_EQ(fill_expression_problem("'open"), "cannot read the SQL: unterminated string literal");
}

TEST(FillExpression, KeysNameTableAndColumn) {
  EXPECT_EQ(fill_key_problem("node.owner_id"), std::nullopt);
  EXPECT_EQ(fill_key_problem("billing.invoice.total"), std::nullopt);
  EXPECT_EQ(fill_key_problem("Node.OwnerId"), std::nullopt);
  for (const char* key : {"owner_id", "a.b.c.d", "node.", ".owner_id", "node.owner id",
                          "node.\"owner\"", "node.owner=id"}) {
    EXPECT_NE(fill_key_problem(key), std::nullopt) << key;
  }
}

}  // namespace
}  // namespace asq
