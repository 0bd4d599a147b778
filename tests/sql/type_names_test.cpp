// Type names written in SQL, read into PostgreSQL's canonical spelling (src/sql/type_names.h).

#include "sql/type_names.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace asq {
namespace {

// Expected spellings were printed by PostgreSQL 15 (format_type with search_path = '') for the
// DDL SQLAlchemy 1.4 emits for each construct.

TEST(SqlTypes, CanonicalSpellings) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"varchar(255)", "character varying(255)"},
      {"VARCHAR", "character varying"},
      {"character varying(10)", "character varying(10)"},
      {"char(2)", "character(2)"},
      {"char", "character(1)"},
      {"nchar(4)", "character(4)"},
      {"text", "text"},
      {"int", "integer"},
      {"int4", "integer"},
      {"INTEGER", "integer"},
      {"int8", "bigint"},
      {"int2", "smallint"},
      {"bool", "boolean"},
      {"float4", "real"},
      {"float8", "double precision"},
      {"float", "double precision"},
      {"float(24)", "real"},
      {"float(53)", "double precision"},
      {"double precision", "double precision"},
      {"decimal(5, 2)", "numeric(5,2)"},
      {"numeric(5)", "numeric(5,0)"},
      {"numeric", "numeric"},
      {"timestamptz", "timestamp with time zone"},
      {"timestamp", "timestamp without time zone"},
      {"timestamp(3) with time zone", "timestamp(3) with time zone"},
      {"timestamp(0)", "timestamp(0) without time zone"},
      {"time", "time without time zone"},
      {"timetz", "time with time zone"},
      {"time(2) with time zone", "time(2) with time zone"},
      {"interval", "interval"},
      {"interval(3)", "interval(3)"},
      {"interval day to second (3)", "interval day to second(3)"},
      {"interval year", "interval year"},
      {"bit(3)", "bit(3)"},
      {"bit", "bit(1)"},
      {"varbit", "bit varying"},
      {"uuid", "uuid"},
      {"jsonb", "jsonb"},
      {"text[]", "text[]"},
      {"integer[][]", "integer[]"},
      {"varchar(3)[]", "character varying(3)[]"},
      {"int array", "integer[]"},
      {"\"char\"", "\"char\""},
      {"issuestatus", "public.issuestatus"},
      {"public.issuestatus", "public.issuestatus"},
      {"\"MyEnum\"", "public.\"MyEnum\""},
      {"s2.\"MyEnum\"", "s2.\"MyEnum\""},
      {"user", "public.\"user\""},
  };
  for (const auto& [sql, expected] : cases) {
    EXPECT_EQ(canonical_type_from_sql(sql).spelling, expected) << sql;
    EXPECT_FALSE(canonical_type_from_sql(sql).serial) << sql;
  }
}

TEST(SqlTypes, SerialPseudoTypes) {
  EXPECT_EQ(canonical_type_from_sql("SERIAL").spelling, "integer");
  EXPECT_TRUE(canonical_type_from_sql("SERIAL").serial);
  EXPECT_EQ(canonical_type_from_sql("bigserial").spelling, "bigint");
  EXPECT_TRUE(canonical_type_from_sql("serial8").serial);
  EXPECT_EQ(canonical_type_from_sql("smallserial").spelling, "smallint");
}

TEST(SqlTypes, UnreadableSpellingsThrow) {
  EXPECT_THROW(canonical_type_from_sql("geometry(Point, 4326)"), SpellingError);
  EXPECT_THROW(canonical_type_from_sql("varchar(10"), SpellingError);
  EXPECT_THROW(canonical_type_from_sql(""), SpellingError);
  EXPECT_THROW(canonical_type_from_sql("serial[]"), SpellingError);
}

TEST(SqlTypes, ErrorsNameTheTypeAndWhatStopsTheReading) {
  auto message = [](const std::string& sql) -> std::string {
    try {
      canonical_type_from_sql(sql);
    } catch (const SpellingError& error) {
      return error.what();
    }
    return "no error";
  };
  EXPECT_EQ(message("int4 + 1"), "cannot read type 'int4 + 1': unexpected '+'");
  EXPECT_EQ(message("text 'x'"), "cannot read type 'text 'x'': unexpected '''");
  EXPECT_EQ(message("\"abc"), "cannot read type '\"abc': unterminated quoted name");
  EXPECT_EQ(message("varchar(10"), "cannot read type 'varchar(10': expected ')'");
  EXPECT_EQ(message(""), "cannot read type '': empty type");
}

}  // namespace
}  // namespace asq
