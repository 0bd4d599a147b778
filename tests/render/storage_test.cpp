// Indexes with storage parameters (WITH (fillfactor = 50), a GIN index's fastupdate, an hnsw
// index's m): the baseline recreates them exactly. The referee is the real Alembic: an empty
// database upgraded with the file dumps the same as the one it was read from.

#include <gtest/gtest.h>

#include "support/baseline.h"

namespace asq {
namespace {

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(IndexStorage, ParametersOfAnIndexAreRecreatedExactly) {
  std::string text = test::check_baseline_under_alembic(
      "index_storage",
      "CREATE TABLE doc (id integer PRIMARY KEY, title text, body jsonb, rank integer);"
      "CREATE INDEX ix_doc_title ON doc (title) WITH (fillfactor = 50);"
      "CREATE INDEX ix_doc_body ON doc USING gin (body) WITH (fastupdate = off, "
      "gin_pending_list_limit = 128);"
      "CREATE INDEX ix_doc_rank ON doc (rank) WITH (deduplicate_items = false) WHERE rank > 0;");
  EXPECT_TRUE(has(text, "WITH (fillfactor = '50')")) << text;
  EXPECT_TRUE(has(text, "WITH (fastupdate = 'off', gin_pending_list_limit = '128')")) << text;
  EXPECT_TRUE(has(text, "WITH (deduplicate_items = 'false') WHERE")) << text;
}

TEST(TableStorage, ParametersOfATableAndItsToastTableAreRecreatedExactly) {
  std::string text = test::check_baseline_under_alembic(
      "table_storage",
      "CREATE TABLE hot (id integer PRIMARY KEY, body text) WITH (fillfactor = 70, "
      "toast.autovacuum_enabled = false, autovacuum_vacuum_scale_factor = 0.01);"
      "CREATE TABLE tuned (id integer);"
      "ALTER TABLE tuned SET (autovacuum_enabled = off, parallel_workers = 4);"
      "ALTER TABLE tuned SET (autovacuum_enabled = on);");
  EXPECT_TRUE(has(text,
                  "ALTER TABLE hot SET (fillfactor = '70', autovacuum_vacuum_scale_factor = "
                  "'0.01', toast.autovacuum_enabled = 'false')"))
      << text;
  // SET moved autovacuum_enabled after parallel_workers; the baseline keeps that order.
  EXPECT_TRUE(
      has(text, "ALTER TABLE tuned SET (parallel_workers = '4', autovacuum_enabled = 'on')"))
      << text;
}

}  // namespace
}  // namespace asq
