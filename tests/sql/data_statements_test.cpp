// The one list of data statements (sql/data_statements.h): the interpreter marks an Execute
// data-only when each of its statements is one (is_data_statement), and the in-memory engine
// passes over each one.

#include "sql/data_statements.h"

#include <gtest/gtest.h>

#include "pgsim/engine.h"
#include "pgsim/sql.h"

namespace asq {
namespace {

bool passed_over_in_memory(const std::string& sql) {
  Schema schema;
  try {
    apply_sql(schema, sql, {});
  } catch (const ApplyError&) {
    return false;
  }
  return schema == Schema{};
}

TEST(DataStatements, SqlIsDataWhenEveryStatementChangesNoSchema) {
  EXPECT_TRUE(sql::is_data_statement("UPDATE t SET a = 1"));
  EXPECT_TRUE(sql::is_data_statement("insert into t values (1); delete from t;"));
  EXPECT_TRUE(sql::is_data_statement("-- note\nSELECT 1"));
  EXPECT_TRUE(sql::is_data_statement("/* c */ select 1;"));
  EXPECT_FALSE(sql::is_data_statement(""));
  EXPECT_FALSE(sql::is_data_statement("  ;  -- nothing"));
  EXPECT_FALSE(sql::is_data_statement("CREATE TABLE t (a int)"));
  EXPECT_FALSE(sql::is_data_statement("UPDATE t SET a = ';'; DROP TABLE t"));
  EXPECT_FALSE(sql::is_data_statement("UPDATE t SET a = 1; CREATE INDEX i ON t (a)"));
  EXPECT_FALSE(sql::is_data_statement("DO $$ BEGIN UPDATE t SET a = 1; END $$"));
  EXPECT_FALSE(sql::is_data_statement("SELECT 1 -- it's\n; DROP TABLE t"));
  EXPECT_FALSE(sql::is_data_statement("SELECT 'unterminated"));
  EXPECT_TRUE(sql::is_data_statement("WITH x AS (SELECT 1) SELECT * FROM x"));
  EXPECT_TRUE(sql::is_data_statement("TRUNCATE t"));
  EXPECT_TRUE(sql::is_data_statement("SET lock_timeout = '5s'"));
  EXPECT_TRUE(sql::is_data_statement("VALUES (1)"));
  EXPECT_TRUE(sql::is_data_statement("COPY t FROM stdin"));
  EXPECT_TRUE(sql::is_data_statement("ANALYZE t"));
}

TEST(DataStatements, InMemoryEnginePassesOverDataStatements) {
  for (const char* sql :
       {"UPDATE t SET a = 1", "insert into t values (1); delete from t;", "SELECT 1",
        "WITH x AS (SELECT 1) SELECT * FROM x", "TRUNCATE t", "SET lock_timeout = '5s'",
        "VALUES (1)", "COPY t FROM stdin", "ANALYZE t", "", "-- nothing"}) {
    EXPECT_TRUE(passed_over_in_memory(sql)) << sql;
  }
  for (const char* sql : {"VACUUM t", "DO $$ BEGIN END $$", "REINDEX TABLE t", "CALL p()",
                          "EXPLAIN SELECT 1", "LOCK TABLE t", "CREATE TABLE t (a int)"}) {
    EXPECT_FALSE(passed_over_in_memory(sql)) << sql;
  }
}

}  // namespace
}  // namespace asq
