// fixtures/partitions squashed end to end, with the real Alembic as the referee: RANGE and LIST
// partitioning, partitions made by op.execute, an index cascading from a parent, a sequence
// OWNED BY a partitioned table's column, inheritance through postgresql_inherits and raw SQL, a
// detached and renamed partition. The baseline must rebuild the live schema exactly, go down to
// nothing and up again.
//
// Partition bounds on timestamptz are instants that pg_dump prints in the session's TimeZone:
// every dump runs under PGTZ=UTC, while the histories themselves run far from UTC, so that a
// bound carried as local midnight instead of its instant shows.

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
using test::run_alembic;
using test::schema_dump;
using test::TestDatabase;

/// The real Alembic with libpq's sessions in `timezone`.
ProcessResult run_alembic_in(const std::string& timezone, const std::string& project,
                             const std::vector<std::string>& args, const std::string& url) {
  setenv("PGTZ", timezone.c_str(), 1);
  ProcessResult result = run_alembic(project, args, url);
  setenv("PGTZ", "UTC", 1);
  return result;
}

class PartitionsSquash : public testing::Test {
 protected:
  void SetUp() override {
    setenv("PGTZ", "UTC", 1);
    ProcessResult up = run_alembic_in("Asia/Kolkata", project_.path, {"upgrade", "head"},
                                      live_.url());
    ASSERT_EQ(up.exit_code, 0) << up.err;
  }
  void TearDown() override { unsetenv("PGTZ"); }

  ProcessResult squash() {
    return test::run_tool({"squash", "--yes"}, project_.path, {{"DATABASE_URL", live_.url()}});
  }

  test::FixtureCopy project_{"partitions"};
  TestDatabase live_{"partitions_live"};
};

TEST_F(PartitionsSquash, BaselineRebuildsTheLiveSchemaGoesDownToNothingAndUpAgain) {
  std::string live_dump = schema_dump(live_.url());
  ASSERT_NE(live_dump.find("PARTITION BY RANGE (recorded_at)"), std::string::npos) << live_dump;
  ASSERT_NE(live_dump.find("INHERITS (public.device)"), std::string::npos) << live_dump;

  ProcessResult result = squash();
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_EQ(test::version_rows(live_.url()), std::vector<std::string>{"001_initial_schema"})
      << "the chain describes the live database: no sync revision";

  TestDatabase fresh("partitions_fresh");
  ProcessResult up = run_alembic_in("America/Los_Angeles", project_.path, {"upgrade", "head"},
                                    fresh.url());
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_EQ(schema_dump(fresh.url()), live_dump);

  ProcessResult down = run_alembic(project_.path, {"downgrade", "base"}, fresh.url());
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_EQ(test::user_objects(fresh.url()), std::vector<std::string>{});

  ProcessResult again = run_alembic(project_.path, {"upgrade", "head"}, fresh.url());
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(schema_dump(fresh.url()), live_dump);
}

}  // namespace
}  // namespace asq
