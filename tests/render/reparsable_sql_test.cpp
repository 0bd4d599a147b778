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

TEST(ReparsableSql, LeavesEverythingElseAlone) {
  for (const char* sql : {
           "(a = ANY (ARRAY[1, 2]))",
           "((a)::text = ANY ((ARRAY[b, c])::text[]))",
           "((a)::text = ANY ((ARRAY['x'::bpchar])::text[]))",
           "(a = '(ARRAY[''x''::character varying])::text[]'::text)",
           "(\"(ARRAY['x'::character varying])::text[]\" IS NULL)",
           "((ARRAY['x'::character varying",
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

}  // namespace
}  // namespace asq
