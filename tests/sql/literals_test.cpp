// Numbers given as storage parameters, as pg_class.reloptions keeps them (checked on PostgreSQL
// 15: an integer constant is stored without its leading zeros, a decimal as written).

#include "sql/literals.h"

#include <gtest/gtest.h>

namespace asq {
namespace {

TEST(ReloptionNumber, IntegersLoseLeadingZerosDecimalsStayAsWritten) {
  EXPECT_EQ(reloption_number("50"), "50");
  EXPECT_EQ(reloption_number("050"), "50");
  EXPECT_EQ(reloption_number("0"), "0");
  EXPECT_EQ(reloption_number("000"), "0");
  EXPECT_EQ(reloption_number("0.5"), "0.5");
  EXPECT_EQ(reloption_number("1E2"), "1E2");
  EXPECT_EQ(reloption_number(".5"), ".5");
  EXPECT_EQ(reloption_number("99999999999"), "99999999999");  // past 4 bytes: numeric
  EXPECT_EQ(reloption_number("0x32"), std::nullopt);
  EXPECT_EQ(reloption_number("1_000"), std::nullopt);
  EXPECT_EQ(reloption_number("1.2.3"), std::nullopt);
  EXPECT_EQ(reloption_number(""), std::nullopt);
}

// postgresql_with={"M": 16, ...} written by SQLAlchemy as `M = 16` and read by PostgreSQL.
TEST(ReloptionWritten, NamesAndWordsFoldNumbersAsStoredAnythingElseIsNoParameter) {
  EXPECT_EQ(reloption_written("M", "16"), "m=16");
  EXPECT_EQ(reloption_written("fastupdate", "True"), "fastupdate=true");
  EXPECT_EQ(reloption_written("fillfactor", "050"), "fillfactor=50");
  EXPECT_EQ(reloption_written("deduplicate_items", "OFF"), "deduplicate_items=off");
  EXPECT_EQ(reloption_written("x", "'a b'"), "x=a b");  // a string literal: its text
  EXPECT_EQ(reloption_written("m", "a b"), std::nullopt);
  EXPECT_EQ(reloption_written("m", "1.2.3"), std::nullopt);
  EXPECT_EQ(reloption_written("m", "'open"), std::nullopt);
  EXPECT_EQ(reloption_written("\"M\"", "1"), std::nullopt);
  EXPECT_EQ(reloption_written("toast.x", "1"), std::nullopt);
}

}  // namespace
}  // namespace asq
