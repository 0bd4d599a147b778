#include "render/reparsable_sql.h"

#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "support/postgres.h"

namespace asq {
namespace {

TEST(ReparsableSql, DropsTheSpelledCastOfAVarcharInList) {
  EXPECT_EQ(reparsable_sql("((action)::text = ANY ((ARRAY['INSERT'::character varying, "
                           "'UP''DATE'::character varying])::text[]))"),
            "((action)::text = ANY (ARRAY['INSERT'::character varying, "
            "'UP''DATE'::character varying]))");
  EXPECT_EQ(reparsable_sql("((a)::text <> ALL ((ARRAY['x'::character varying])::text[])) AND "
                           "((b)::text = ANY ((ARRAY['y'::character varying])::text[]))"),
            "((a)::text <> ALL (ARRAY['x'::character varying])) AND "
            "((b)::text = ANY (ARRAY['y'::character varying]))");
}

TEST(ReparsableSql, DropsTheCastInThePrettyFormOfIndexPredicates) {
  EXPECT_EQ(reparsable_sql("s::text = ANY (ARRAY['a'::character varying, 'b'::character "
                           "varying]::text[])"),
            "s::text = ANY (ARRAY['a'::character varying, 'b'::character varying])");
  EXPECT_EQ(reparsable_sql("NOT s::text <> ALL (ARRAY['x'::character varying]::text[]) AND "
                           "(s::text = ANY (ARRAY['y'::character varying]::text[]))"),
            "NOT s::text <> ALL (ARRAY['x'::character varying]) AND "
            "(s::text = ANY (ARRAY['y'::character varying]))");
}

TEST(ReparsableSql, LeavesEverythingElseAlone) {
  for (const char* sql : {
           "(a = ANY (ARRAY[1, 2]))",
           "((a)::text = ANY ((ARRAY[b, c])::text[]))",
           "((a)::text = ANY ((ARRAY['x'::bpchar])::text[]))",
           "(a = '(ARRAY[''x''::character varying])::text[]'::text)",
           "(\"(ARRAY['x'::character varying])::text[]\" IS NULL)",
           "((ARRAY['x'::character varying",
           "s::text = ANY (ARRAY['a'::character varying::text])",
           "s::text = ANY (MYARRAY['x'::character varying]::text[])",
           "s::text = ANY (ARRAY[b, c]::text[])",
       }) {
    EXPECT_EQ(reparsable_sql(sql), sql);
  }
}

// The referee: what live printed, rewritten and read back, prints the same again; without the
// rewrite it would not.
TEST(ReparsableSql, PostgresqlReadsItBackToTheSameExpression) {
  test::TestDatabase db("reparsable");
  pqxx::connection connection(db.url());
  auto check_of = [&](const std::string& table, const std::string& check) {
    pqxx::work tx(connection);
    tx.exec("CREATE TABLE " + table + " (action varchar(6) CHECK (" + check + "))");
    std::string printed = tx.exec(
                                "SELECT pg_get_expr(conbin, conrelid) FROM pg_constraint "
                                "WHERE conrelid = '" +
                                table + "'::regclass")[0][0]
                              .as<std::string>();
    tx.commit();
    return printed;
  };
  std::string live = check_of("written", "action IN ('INSERT', 'DELETE')");
  EXPECT_NE(check_of("verbatim", live), live);
  EXPECT_EQ(check_of("rewritten", reparsable_sql(live)), live);
}

// Issue 11: the index predicate as introspection reads it (pretty), rewritten and read back,
// prints the same again; without the rewrite the server pushes the cast into the elements.
TEST(ReparsableSql, PostgresqlReadsAPrettyIndexPredicateBackToTheSameExpression) {
  test::TestDatabase db("reparsable_pretty");
  pqxx::connection connection(db.url());
  {
    pqxx::work tx(connection);
    tx.exec("CREATE TABLE t (s varchar(10), d integer)");
    tx.commit();
  }
  auto predicate_of = [&](const std::string& index, const std::string& where) {
    pqxx::work tx(connection);
    tx.exec("CREATE INDEX " + index + " ON t (d) WHERE " + where);
    std::string printed = tx.exec(
                                "SELECT pg_get_expr(indpred, indrelid, true) FROM pg_index "
                                "WHERE indexrelid = '" +
                                index + "'::regclass")[0][0]
                              .as<std::string>();
    tx.commit();
    return printed;
  };
  std::string live = predicate_of("ix_written", "s IN ('a', 'b')");
  EXPECT_EQ(live, "s::text = ANY (ARRAY['a'::character varying, 'b'::character varying]::text[])");
  EXPECT_NE(predicate_of("ix_verbatim", live), live);
  EXPECT_EQ(predicate_of("ix_rewritten", reparsable_sql(live)), live);
}

}  // namespace
}  // namespace asq
