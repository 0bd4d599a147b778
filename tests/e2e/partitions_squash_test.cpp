// fixtures/partitions squashed end to end, with the real Alembic as the referee: RANGE and LIST
// partitioning, partitions made by op.execute, an index cascading from a parent, a sequence
// OWNED BY a partitioned table's column, inheritance through postgresql_inherits and raw SQL, a
// detached and renamed partition. The baseline must rebuild the live schema exactly, go down to
// nothing and up again.
//
// Partition bounds on timestamptz are instants, read from text like '2024-01-01' in the
// session's TimeZone and printed by pg_dump in it: every dump here runs under PGTZ=UTC, and each
// program's zone is set where it matters.

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "support/alembic.h"
#include "support/catalog.h"
#include "support/postgres.h"
#include "support/process.h"

namespace asq {
namespace {

using test::ProcessResult;
using test::schema_dump;
using test::TestDatabase;

/// Runs `run` with libpq's sessions (ours, psycopg2's, pg_dump's) in `timezone`, then back in
/// UTC.
template <typename Run>
auto in_timezone(const char* timezone, Run run) {
  setenv("PGTZ", timezone, 1);
  auto result = run();
  setenv("PGTZ", "UTC", 1);
  return result;
}

class PartitionsSquash : public testing::Test {
 protected:
  void SetUp() override { setenv("PGTZ", "UTC", 1); }
  void TearDown() override { unsetenv("PGTZ"); }

  ProcessResult alembic(const std::vector<std::string>& args, const std::string& url) {
    return test::run_alembic(project_.path, args, url);
  }
  ProcessResult squash() {
    return test::run_tool({"squash", "--yes"}, project_.path, {{"DATABASE_URL", live_.url()}});
  }
  std::string versions_file(const std::string& name) const {
    return test::read_text(project_.path + "/alembic/versions/" + name);
  }

  /// A fresh database upgraded to head by the real Alembic (in `timezone`) must dump as live
  /// does, go down to no object at all, and come back the same.
  void expect_upgrade_downgrade_upgrade(const char* timezone, const std::string& live_dump) {
    TestDatabase fresh("partitions_fresh");
    ProcessResult up = in_timezone(timezone, [&] {
      return alembic({"upgrade", "head"}, fresh.url());
    });
    ASSERT_EQ(up.exit_code, 0) << up.err;
    EXPECT_EQ(schema_dump(fresh.url()), live_dump);

    ProcessResult down = alembic({"downgrade", "base"}, fresh.url());
    ASSERT_EQ(down.exit_code, 0) << down.err;
    EXPECT_EQ(test::user_objects(fresh.url()), std::vector<std::string>{});

    ProcessResult again = alembic({"upgrade", "head"}, fresh.url());
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(schema_dump(fresh.url()), live_dump);
  }

  test::FixtureCopy project_{"partitions"};
  TestDatabase live_{"partitions_live"};
};

TEST_F(PartitionsSquash, BaselineAloneRebuildsTheLiveSchemaDownToNothingAndUpAgain) {
  ProcessResult live = alembic({"upgrade", "head"}, live_.url());
  ASSERT_EQ(live.exit_code, 0) << live.err;
  std::string live_dump = schema_dump(live_.url());
  ASSERT_NE(live_dump.find("PARTITION BY RANGE (recorded_at)"), std::string::npos) << live_dump;
  ASSERT_NE(live_dump.find("INHERITS (public.device)"), std::string::npos) << live_dump;

  ProcessResult result = squash();
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_EQ(test::version_rows(live_.url()), std::vector<std::string>{"001_initial_schema"})
      << "the chain describes the live database: no sync revision\n"
      << result.out;
  EXPECT_NE(versions_file("001_initial_schema.py")
                .find("FOR VALUES FROM ('2024-01-01 00:00:00+00') TO ('2024-04-01 00:00:00+00')"),
            std::string::npos);

  expect_upgrade_downgrade_upgrade("America/Los_Angeles", live_dump);
}

// The history's bounds are local dates: built in Kolkata, live holds other instants than the
// chain replayed where the tool runs (Tokyo) gives. That is drift, carried by the sync revision
// as the instants live holds, printed in UTC whatever the tool's zone, so the new chain
// rebuilds live in any zone.
TEST_F(PartitionsSquash, BoundsWrittenInAnotherZoneAreDriftTheSyncRevisionCarries) {
  ProcessResult live = in_timezone("Asia/Kolkata", [&] {
    return alembic({"upgrade", "head"}, live_.url());
  });
  ASSERT_EQ(live.exit_code, 0) << live.err;
  std::string live_dump = schema_dump(live_.url());

  ProcessResult result = in_timezone("Asia/Tokyo", [&] { return squash(); });
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  std::vector<std::string> rows = test::version_rows(live_.url());
  ASSERT_EQ(rows.size(), 1u);
  ASSERT_NE(rows[0], "001_initial_schema") << result.out;
  EXPECT_NE(versions_file(rows[0] + "_sync_with_database.py")
                .find("ATTACH PARTITION measurement_2024_q1 FOR VALUES FROM "
                      "('2023-12-31 18:30:00+00') TO ('2024-03-31 18:30:00+00')"),
            std::string::npos);

  expect_upgrade_downgrade_upgrade("America/Los_Angeles", live_dump);
}

}  // namespace
}  // namespace asq
