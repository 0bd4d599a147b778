#include "schema/column_types.h"

#include <gtest/gtest.h>

namespace asq {
namespace {

TEST(ClassifyTypeChange, Strings) {
  EXPECT_EQ(classify_type_change("character varying(500)", "character varying(1023)"),
            TypeChange::kWidening);
  EXPECT_EQ(classify_type_change("character varying(1023)", "character varying(500)"),
            TypeChange::kNarrowing);
  EXPECT_EQ(classify_type_change("character varying(10)", "text"), TypeChange::kWidening);
  EXPECT_EQ(classify_type_change("text", "character varying(10)"), TypeChange::kNarrowing);
  EXPECT_EQ(classify_type_change("text", "character varying"), TypeChange::kWidening);
  EXPECT_EQ(classify_type_change("text", "text"), TypeChange::kSame);
  EXPECT_EQ(classify_type_change("character(3)", "text"), TypeChange::kOther);
}

TEST(ClassifyTypeChange, Numbers) {
  EXPECT_EQ(classify_type_change("integer", "bigint"), TypeChange::kWidening);
  EXPECT_EQ(classify_type_change("bigint", "integer"), TypeChange::kNarrowing);
  EXPECT_EQ(classify_type_change("numeric(10,2)", "numeric(12,2)"), TypeChange::kWidening);
  EXPECT_EQ(classify_type_change("numeric(10,2)", "numeric(10,3)"), TypeChange::kNarrowing);
  EXPECT_EQ(classify_type_change("numeric(10,2)", "numeric"), TypeChange::kWidening);
  EXPECT_EQ(classify_type_change("integer", "numeric(12,2)"), TypeChange::kWidening);
  EXPECT_EQ(classify_type_change("bigint", "numeric(12,2)"), TypeChange::kNarrowing);
  EXPECT_EQ(classify_type_change("real", "double precision"), TypeChange::kWidening);
  EXPECT_EQ(classify_type_change("integer", "double precision"), TypeChange::kOther);
}

TEST(ClassifyTypeChange, OtherKinds) {
  EXPECT_EQ(classify_type_change("integer", "uuid"), TypeChange::kOther);
  EXPECT_EQ(classify_type_change("text[]", "text"), TypeChange::kOther);
  EXPECT_EQ(classify_type_change("character varying(5)[]", "character varying(9)[]"),
            TypeChange::kWidening);
  EXPECT_EQ(classify_type_change("timestamp(3) with time zone", "timestamp with time zone"),
            TypeChange::kWidening);
  EXPECT_EQ(classify_type_change("timestamp without time zone", "timestamp with time zone"),
            TypeChange::kOther);
}

TEST(NeedsUsing, OnlyAcrossFamilies) {
  EXPECT_FALSE(needs_using("integer", "bigint"));
  EXPECT_FALSE(needs_using("character varying(5)", "text"));
  EXPECT_FALSE(needs_using("timestamp without time zone", "timestamp with time zone"));
  EXPECT_TRUE(needs_using("character varying(36)", "uuid"));
  EXPECT_TRUE(needs_using("text", "integer"));
  EXPECT_TRUE(needs_using("text", "public.status"));
  EXPECT_TRUE(needs_using("text", "text[]"));
}

TEST(FillValue, OneValuePerType) {
  std::vector<EnumType> enums{{{"public", "status"}, {"new", "done"}}};
  EXPECT_EQ(fill_value("boolean", enums), "false");
  EXPECT_EQ(fill_value("bigint", enums), "0");
  EXPECT_EQ(fill_value("numeric(10,2)", enums), "0");
  EXPECT_EQ(fill_value("character varying(255)", enums), "''");
  EXPECT_EQ(fill_value("text", enums), "''");
  EXPECT_EQ(fill_value("timestamp with time zone", enums), "now()");
  EXPECT_EQ(fill_value("date", enums), "now()");
  EXPECT_EQ(fill_value("time without time zone", enums), "'00:00:00'");
  EXPECT_EQ(fill_value("uuid", enums), "gen_random_uuid()");
  EXPECT_EQ(fill_value("jsonb", enums), "'{}'");
  EXPECT_EQ(fill_value("integer[]", enums), "'{}'");
  EXPECT_EQ(fill_value("public.status", enums), "'new'");
  EXPECT_EQ(fill_value("public.unknown", enums), std::nullopt);
  EXPECT_EQ(fill_value("point", enums), std::nullopt);
}

TEST(EnumOf, FindsQualifiedAndArrayTypes) {
  std::vector<EnumType> enums{{{"audit", "level"}, {"a"}}};
  EXPECT_NE(enum_of("audit.level", enums), nullptr);
  EXPECT_NE(enum_of("audit.level[]", enums), nullptr);
  EXPECT_EQ(enum_of("public.level", enums), nullptr);
  EXPECT_EQ(enum_of("text", enums), nullptr);
}

}  // namespace
}  // namespace asq
