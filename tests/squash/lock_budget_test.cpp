#include "squash/lock_budget.h"

#include <gtest/gtest.h>

namespace asq {
namespace {

Table table(const std::string& name, std::vector<Column> columns) {
  Table t;
  t.name = {"public", name};
  t.columns = std::move(columns);
  return t;
}

Column column(const std::string& name, const std::string& type) {
  Column c;
  c.name = name;
  c.type = type;
  return c;
}

LockSettings settings(long long locks, long long connections, long long prepared) {
  return {locks, connections, prepared};
}

TEST(LockBudget, CapacityIsLocksPerTransactionTimesConnectionsAndPreparedTransactions) {
  EXPECT_EQ(settings(64, 100, 0).capacity(), 6400);
  EXPECT_EQ(settings(128, 20, 5).capacity(), 3200);
}

TEST(LockBudget, CountsTablesToastIndexesConstraintsSequencesAndViews) {
  Schema schema;
  // integer-only: no TOAST table; a primary key index and an identity sequence
  Table counters =
      table("counters", {column("id", "integer"), column("at", "timestamp(3) with time zone")});
  counters.columns[0].identity = "always";
  Constraint pk;
  pk.kind = Constraint::Kind::kPrimaryKey;
  counters.constraints.push_back(pk);
  schema.tables.push_back(counters);
  // text: TOAST table and its index; a unique constraint, a check (no index), an index
  Table notes = table("notes", {column("id", "bigint"), column("body", "text")});
  Constraint unique;
  unique.kind = Constraint::Kind::kUnique;
  Constraint check;
  check.kind = Constraint::Kind::kCheck;
  notes.constraints = {check, unique};
  notes.indexes.push_back(Index{});
  schema.tables.push_back(notes);
  // a partitioned parent has no storage of its own
  Table events = table("events", {column("payload", "jsonb")});
  events.partition_by = "RANGE (at)";
  schema.tables.push_back(events);
  // an enum column is fixed-width
  schema.enums.push_back({{"public", "mood"}, {"ok"}, std::nullopt});
  schema.tables.push_back(table("moods", {column("mood", "public.mood")}));
  schema.sequences.push_back(Sequence{});
  CatalogObject view;
  view.kind = CatalogObject::Kind::kView;
  CatalogObject matview;
  matview.kind = CatalogObject::Kind::kMaterializedView;
  CatalogObject function;
  function.kind = CatalogObject::Kind::kFunction;
  schema.objects = {view, matview, function};
  // counters 1+1+1, notes 1+2+1+1, events 1, moods 1, sequence 1, view 1, matview 3
  EXPECT_EQ(relations_created(schema), 3 + 5 + 1 + 1 + 1 + 1 + 3);
}

Schema many_tables(int count) {
  Schema schema;
  for (int i = 0; i < count; ++i) {
    schema.tables.push_back(table("t" + std::to_string(i), {column("name", "text")}));
  }
  return schema;
}

TEST(LockBudget, WarnsWithTheNumbersAndTheFixPastHalfTheLockTable) {
  Schema schema = many_tables(300);  // 900 relations
  EXPECT_TRUE(lock_warnings(schema, settings(64, 100, 0)).empty());
  std::vector<std::string> warnings = lock_warnings(schema, settings(8, 100, 0));
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_EQ(warnings[0],
            "the new files create about 900 relations (tables, indexes, sequences, TOAST "
            "tables) in one transaction; the server's lock table holds max_locks_per_transaction "
            "(8) x (max_connections (100) + max_prepared_transactions (0)) = 800 locks for all "
            "sessions together, so `alembic upgrade head` on an empty database will fail with "
            "\"out of shared memory\" (the verify replay here too, when its scratch database is "
            "on this server). Fix: raise max_locks_per_transaction to 18 or more "
            "(postgresql.conf; needs a restart), or split the history: squash --through an "
            "earlier revision so the baseline creates less");
  EXPECT_NE(lock_warnings(schema, settings(10, 100, 0))[0].find(
                "may fail with \"out of shared memory\" while other sessions hold locks ("),
            std::string::npos);
}

TEST(LockBudget, TheCommitLocksAllTablesOnlyWithinAQuarterOfTheLockTable) {
  Schema schema = many_tables(98);  // 98 tables + version table + advisory lock = 100 entries
  CommitLocks fits = commit_locks(schema, settings(4, 100, 0));  // 400 / 4 = 100
  EXPECT_EQ(fits.tables.size(), 98u);
  EXPECT_EQ(fits.entries, 100);
  CommitLocks too_many = commit_locks(schema, settings(4, 99, 0));  // 396 / 4 = 99
  EXPECT_TRUE(too_many.tables.empty());
  EXPECT_EQ(too_many.entries_for_all, 100);
  std::vector<std::string> warnings = lock_warnings(schema, settings(4, 99, 0));
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_EQ(warnings[1],
            "the commit will not lock the 98 live tables against DDL: that takes 100 lock "
            "entries (partitions included), more than a quarter of the lock table's "
            "max_locks_per_transaction (4) x (max_connections (99) + max_prepared_transactions "
            "(0)) = 396; it checks the live schema again instead, so a migration that runs "
            "during the commit is not kept out. Raise max_locks_per_transaction, or squash while "
            "no one migrates");
}

TEST(LockBudget, ACommitCountsPartitionsAndChildrenOnce) {
  Schema schema = many_tables(2);
  Table part = table("t0_2024", {});
  part.partition_of = QualifiedName{"public", "t0"};
  Table child = table("t1_child", {});
  child.inherits.push_back({"public", "t1"});
  schema.tables.push_back(part);
  schema.tables.push_back(child);
  EXPECT_EQ(commit_locks(schema, settings(64, 100, 0)).entries_for_all, 4 + 2);
}

}  // namespace
}  // namespace asq
