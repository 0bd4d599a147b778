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

}  // namespace
}  // namespace asq
