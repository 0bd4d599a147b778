// Partition bound values as pg_get_expr prints them (checked against PostgreSQL 15 by hand and
// through the engines in tests/pgsim/engine_test.cpp).

#include "schema/partition_bound.h"

#include <gtest/gtest.h>

namespace asq {
namespace {

std::optional<std::string> quoted(const std::string& text, const std::string& type,
                                  const std::string& zone = "Etc/UTC") {
  return printed_bound_value({text, true}, type, zone);
}

TEST(PartitionBound, TimestamptzIsPrintedInUtcAcrossDayAndYearBoundaries) {
  const std::string type = "timestamp with time zone";
  EXPECT_EQ(quoted("2023-01-01 01:00+02", type), "'2022-12-31 23:00:00+00'");
  EXPECT_EQ(quoted("2024-02-28 23:30:00-05:30", type), "'2024-02-29 05:00:00+00'");
  EXPECT_EQ(quoted("2023-06-01T10:30:00.250Z", type), "'2023-06-01 10:30:00.25+00'");
  EXPECT_EQ(quoted("2023-01-01", type, "UTC"), "'2023-01-01 00:00:00+00'");
  EXPECT_EQ(quoted("2023-01-01", type, "Europe/Berlin"), std::nullopt);
  EXPECT_EQ(quoted("2023-01-01", type, ""), std::nullopt);
}

TEST(PartitionBound, IntegersAreBareOnlyForNonNegativeInt4) {
  EXPECT_EQ(printed_bound_value({"007", false}, "integer", ""), "7");
  EXPECT_EQ(printed_bound_value({"-2", false}, "integer", ""), "'-2'");
  EXPECT_EQ(printed_bound_value({"5", false}, "bigint", ""), "'5'");
  EXPECT_EQ(printed_bound_value({"40000", false}, "smallint", ""), std::nullopt);
  EXPECT_EQ(quoted("5", "integer"), "5");
}

TEST(PartitionBound, UnpredictableSpellingsAreRefused) {
  EXPECT_EQ(quoted("01/02/2023", "date"), std::nullopt);
  EXPECT_EQ(quoted("2023-02-30", "date"), std::nullopt);
  EXPECT_EQ(quoted("2023-01-01 00:00:00.1234567", "timestamp without time zone"), std::nullopt);
  EXPECT_EQ(quoted("2023-01-01 00:00+02", "timestamp without time zone"), std::nullopt);
  EXPECT_EQ(quoted("abcd", "character varying(3)"), std::nullopt);
  EXPECT_EQ(quoted("1.5", "numeric"), std::nullopt);
  EXPECT_EQ(printed_bound_value({"1", false}, "text", ""), std::nullopt);
  EXPECT_EQ(quoted("it's", "text"), "'it''s'");
}

}  // namespace
}  // namespace asq
