// Every valid fixture, replayed by our interpreter in a scratch database, must give exactly the
// schema the real Alembic builds with `alembic upgrade heads`; no scratch database stays behind.

#include <unistd.h>

#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "cli/config.h"
#include "introspect/introspect.h"
#include "revisions/graph.h"
#include "revisions/scan.h"
#include "schema/json.h"
#include "squash/plan.h"
#include "squash/stages.h"
#include "support/alembic.h"
#include "support/postgres.h"
#include "support/process.h"

namespace asq {
namespace {

int scratch_databases() {
  pqxx::connection connection(test::server_url());
  pqxx::read_transaction tx(connection);
  return tx.exec("SELECT count(*) FROM pg_database WHERE datname LIKE 'asq\\_scratch\\_%' AND "
                 "datname LIKE 'asq\\_scratch\\_" + std::to_string(getpid()) + "\\_%'")[0][0]
      .as<int>();
}

class FixtureReplay : public testing::TestWithParam<std::string> {};

TEST_P(FixtureReplay, ScratchReplayEqualsWhatTheRealAlembicBuilds) {
  std::string project = test::source_path("fixtures/" + GetParam());
  test::TestDatabase reference("fixture_" + GetParam());
  test::ProcessResult upgraded = test::run_alembic(project, {"upgrade", "heads"}, reference.url());
  ASSERT_EQ(upgraded.exit_code, 0) << upgraded.err;

  Config config;
  config.database_url = reference.url();
  VersionsScan scan = scan_versions({project + "/alembic/versions"}, {true, false, {}});
  RevisionGraph graph = RevisionGraph::build(scan.files);
  Schema replayed =
      replay_chain_in_scratch(config, interpret_revisions(graph, upgrade_order(graph)));

  pqxx::connection connection(reference.url());
  Schema real = introspect(connection, introspect_options_of(config)).schema;
  EXPECT_EQ(schema_to_json(replayed).dump(), schema_to_json(real).dump());
  EXPECT_EQ(scratch_databases(), 0);
}

INSTANTIATE_TEST_SUITE_P(ValidFixtures, FixtureReplay,
                         testing::Values("seed16", "branches", "partitions"));

}  // namespace
}  // namespace asq
