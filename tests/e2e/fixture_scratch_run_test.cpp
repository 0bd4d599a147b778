// Our interpreter reads every revision of the issue-#5 fixtures, and the ops it makes, rendered
// to SQL, run in a real database: all upgrades, then all downgrades back to base, which must
// leave no user object behind. (Whether the schema built equals the real Alembic's is
// fixture_replay_test's question, once the model carries every object kind.)

#include <gtest/gtest.h>

#include <pqxx/pqxx>
#include <vector>

#include "replay/scratch_replay.h"
#include "revisions/graph.h"
#include "revisions/scan.h"
#include "squash/stages.h"
#include "support/catalog.h"
#include "support/postgres.h"
#include "support/process.h"

namespace asq {
namespace {

std::vector<RevisionOps> interpreted(const std::string& fixture) {
  std::string versions = test::source_path("fixtures/" + fixture + "/alembic/versions");
  VersionsScan scan = scan_versions({versions}, {true, false, {}});
  RevisionGraph graph = RevisionGraph::build(scan.files);
  return interpret_revisions(graph, upgrade_order(graph));
}

class FixtureScratchRun : public testing::TestWithParam<std::string> {};

TEST_P(FixtureScratchRun, UpgradesThenDowngradesToAnEmptyDatabase) {
  std::vector<RevisionOps> revisions = interpreted(GetParam());
  test::TestDatabase database("scratch_run_" + GetParam());
  pqxx::connection connection(database.url());
  ReplayOptions options;
  options.single_transaction = true;  // as `alembic upgrade head` runs them

  run_upgrades(connection, revisions, options);
  EXPECT_FALSE(test::user_objects(database.url()).empty());
  run_downgrades(connection, revisions, options);
  EXPECT_EQ(test::user_objects(database.url()), std::vector<std::string>{});
}

INSTANTIATE_TEST_SUITE_P(ObjectKinds, FixtureScratchRun,
                         testing::ValuesIn(test::object_kind_fixtures()),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace asq
