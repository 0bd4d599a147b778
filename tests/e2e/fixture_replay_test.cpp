// Every valid fixture, replayed by our interpreter in a scratch database, must give exactly the
// schema the real Alembic builds with `alembic upgrade heads`; no scratch database stays behind.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "config/config.h"
#include "introspect/introspect.h"
#include "revisions/graph.h"
#include "revisions/scan.h"
#include "schema/json.h"
#include "squash/stages.h"
#include "support/alembic.h"
#include "support/postgres.h"
#include "support/process.h"

namespace asq {
namespace {

int scratch_databases() {
  pqxx::connection connection(test::server_url());
  pqxx::read_transaction tx(connection);
  return tx
      .exec(
          "SELECT count(*) FROM pg_database WHERE datname LIKE 'asq\\_scratch\\_%' AND "
          "datname LIKE 'asq\\_scratch\\_" +
          std::to_string(getpid()) + "\\_%'")[0][0]
      .as<int>();
}

/// Our scratch replay of the Alembic project at `project` must give exactly the schema the real
/// Alembic builds with `alembic upgrade heads` in the managed `schemas`.
void expect_scratch_replay_equals_alembic(const std::string& project, const std::string& label,
                                          const std::vector<std::string>& schemas = {"public"}) {
  test::TestDatabase reference("fixture_" + label);
  test::ProcessResult upgraded = test::run_alembic(project, {"upgrade", "heads"}, reference.url());
  ASSERT_EQ(upgraded.exit_code, 0) << upgraded.err;

  Config config;
  config.database_url = reference.url();
  config.schemas = schemas;
  VersionsScan scan = scan_versions({project + "/alembic/versions"}, {true, false, {}});
  RevisionGraph graph = RevisionGraph::build(scan.files);
  Schema replayed =
      replay_chain_in_scratch(config, interpret_revisions(graph, upgrade_order(graph)));

  pqxx::connection connection(reference.url());
  Schema real = introspect(connection, introspect_options_of(config)).schema;
  EXPECT_EQ(schema_to_json(replayed).dump(), schema_to_json(real).dump());
  EXPECT_EQ(scratch_databases(), 0);
}

class FixtureReplay : public testing::TestWithParam<std::string> {};

TEST_P(FixtureReplay, ScratchReplayEqualsWhatTheRealAlembicBuilds) {
  expect_scratch_replay_equals_alembic(test::source_path("fixtures/" + GetParam()), GetParam());
}

// The spellings the fixture does not use: a key in mixed case, quoted, over two columns and
// with an expression; several parents, one needing quotes; a child in another schema whose
// parents SQLAlchemy leaves to the search_path.
TEST(PartitionOptionsReplay, UnusualSpellingsGiveWhatTheRealAlembicBuilds) {
  test::FixtureCopy project("partitions");
  std::string versions = project.path + "/alembic/versions";
  std::filesystem::remove_all(versions);
  std::filesystem::create_directories(versions);
  test::write_text(versions + "/0a1b2c3d4e5f_spellings.py", R"py(
from alembic import op
import sqlalchemy as sa

revision = '0a1b2c3d4e5f'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.execute('CREATE SCHEMA edge')
    op.create_table('reading',
    sa.Column('Site', sa.Text(), nullable=False),
    sa.Column('taken_on', sa.Date(), nullable=False),
    sa.Column('amount', sa.Integer(), nullable=False),
    postgresql_partition_by='range(Taken_On, "Site", (amount * 2))'
    )
    op.create_table('device', sa.Column('id', sa.Integer(), primary_key=True))
    op.create_table('Powered', sa.Column('watts', sa.Integer()))
    op.create_table('relay',
    sa.Column('hops', sa.SmallInteger(), nullable=False),
    schema='edge',
    postgresql_inherits=['device', 'Powered']
    )
    op.create_table('tag', sa.Column('code', sa.String(8)), postgresql_partition_by='HASH(code)')


def downgrade():
    op.drop_table('tag')
    op.drop_table('relay', schema='edge')
    op.drop_table('Powered')
    op.drop_table('device')
    op.drop_table('reading')
    op.execute('DROP SCHEMA edge')
)py");
  expect_scratch_replay_equals_alembic(project.path, "spellings", {"edge", "public"});
}

INSTANTIATE_TEST_SUITE_P(ValidFixtures, FixtureReplay,
                         testing::Values("seed16", "branches", "partitions"));

}  // namespace
}  // namespace asq
