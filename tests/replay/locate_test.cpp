// Locate: which revision's schema equals a database's, or which is nearest. Each case is checked
// with both engines, which must agree.

#include "replay/locate.h"

#include <gtest/gtest.h>

#include "db/scratch.h"
#include "db/server_facts.h"
#include "replay/scratch_replay.h"
#include "revisions/scan.h"
#include "squash/stages.h"
#include "support/postgres.h"
#include "support/process.h"

namespace asq {
namespace {

class Locate : public testing::Test {
 protected:
  void SetUp() override { load("seed16"); }

  void load(const std::string& fixture) {
    load_dir(test::source_path("fixtures/" + fixture + "/alembic/versions"));
  }
  void load_dir(const std::string& versions) {
    VersionsScan scan = scan_versions({versions}, {true, false, {}});
    graph_ = RevisionGraph::build(scan.files);
    order_ = upgrade_order(graph_);
    revisions_ = interpret_revisions(graph_, order_);
    pqxx::connection connection(test::server_url());
    options_.replay.server = server_facts(connection);
    options_.scratch_server = test::server_url();
  }

  /// A scratch database upgraded to `revision` (its ancestors only), then `extra` SQL run; its
  /// schema.
  Schema database_at(const std::string& revision, const std::string& extra = "") {
    ScratchDatabase scratch(test::server_url());
    std::vector<bool> ancestor = graph_.ancestors(graph_.index_of(revision));
    std::vector<RevisionOps> chain;
    for (size_t i = 0; i < order_.size(); ++i) {
      if (ancestor[order_[i]]) chain.push_back(revisions_[i]);
    }
    run_upgrades(scratch.connection(), chain);
    if (!extra.empty()) {
      pqxx::work tx(scratch.connection());
      tx.exec(extra);
      tx.commit();
    }
    return introspect(scratch.connection(), {}).schema;
  }

  /// Locates with the in-memory engine and with the scratch engine; both must agree.
  LocateResult located(const Schema& live) {
    LocateResult memory = locate(graph_, order_, revisions_, live, options_);
    EXPECT_EQ(memory.engine, "memory");
    LocateOptions scratch_options = options_;
    scratch_options.force_scratch = true;
    LocateResult scratch = locate(graph_, order_, revisions_, live, scratch_options);
    EXPECT_EQ(scratch.engine, "scratch");
    EXPECT_EQ(memory.exact, scratch.exact);
    EXPECT_EQ(memory.nearest, scratch.nearest);
    EXPECT_EQ(memory.nearest_objects, scratch.nearest_objects);
    return memory;
  }

  RevisionGraph graph_;
  std::vector<int> order_;
  std::vector<RevisionOps> revisions_;
  LocateOptions options_;
};

// Found in review: the scratch engine sends each revision on its own, and still runs them as one
// Alembic run: a table's enum type made by an earlier revision is not made again.
TEST_F(Locate, TheScratchEngineKeepsTheRunsEnumMemoAcrossRevisions) {
  test::TempDir dir;
  auto revision = [&](const std::string& id, const std::string& down, const std::string& table) {
    test::write_text(dir / (id + ".py"),
                     "from alembic import op\nimport sqlalchemy as sa\nrevision = '" + id +
                         "'\ndown_revision = " + (down.empty() ? "None" : "'" + down + "'") +
                         "\ndef upgrade():\n    op.create_table('" + table +
                         "', sa.Column('p', sa.Enum('a', 'b', name='e')))\n"
                         "def downgrade():\n    pass\n");
  };
  revision("r1", "", "t1");
  revision("r2", "r1", "t2");
  load_dir(dir.path());
  LocateResult result = located(database_at("r2"));
  EXPECT_EQ(result.exact, std::vector<std::string>{"r2"});
}

TEST_F(Locate, AnIntermediateRevisionMatchesExactly) {
  LocateResult result = located(database_at("1ee55d360fcb"));
  ASSERT_FALSE(result.exact.empty());
  EXPECT_EQ(result.exact.front(), "1ee55d360fcb");
  EXPECT_TRUE(result.close());
}

TEST_F(Locate, ADriftedDatabaseNamesTheNearestRevisionAndTheDifference) {
  LocateResult result =
      located(database_at("26c2c831dc19", "ALTER TABLE item ADD COLUMN note text"));
  EXPECT_TRUE(result.exact.empty());
  ASSERT_FALSE(result.nearest.empty());
  EXPECT_EQ(result.nearest.back(), "26c2c831dc19");
  EXPECT_EQ(result.nearest_objects, 1u);
  ASSERT_EQ(result.nearest_difference.ops.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<AddColumn>(result.nearest_difference.ops[0]));
  EXPECT_TRUE(result.close());
}

TEST_F(Locate, AnUnrelatedDatabaseIsNotClose) {
  ScratchDatabase scratch(test::server_url());
  {
    pqxx::work tx(scratch.connection());
    tx.exec(
        "CREATE TABLE invoice (id serial PRIMARY KEY, total numeric);"
        "CREATE TABLE payment (id serial PRIMARY KEY, paid_at timestamptz);"
        "CREATE TABLE refund (id serial PRIMARY KEY)");
    tx.commit();
  }
  LocateResult result = located(introspect(scratch.connection(), {}).schema);
  EXPECT_TRUE(result.exact.empty());
  EXPECT_FALSE(result.close());
}

TEST_F(Locate, OnBranchesEachRevisionIsComparedWithOnlyItsOwnAncestors) {
  load("branches");
  LocateResult audit = located(database_at("b3f6a0e8d247"));
  ASSERT_EQ(audit.exact.size(), 1u);
  EXPECT_EQ(audit.exact[0], "b3f6a0e8d247");
  LocateResult merged = located(database_at("4c8e1a6f2d95"));
  ASSERT_FALSE(merged.exact.empty());
  EXPECT_EQ(merged.exact.back(), "4c8e1a6f2d95");
}

TEST_F(Locate, AChainWithUnmodelledSqlFallsBackToTheScratchEngine) {
  Execute view{"CREATE VIEW open_issue AS SELECT 1 UNION SELECT 2", false};
  revisions_.back().upgrade.push_back({view, {"versions/last.py", 40, 5}, false});
  Schema live = database_at(revisions_[3].revision);
  LocateResult result = locate(graph_, order_, revisions_, live, options_);
  EXPECT_EQ(result.engine, "scratch");
  ASSERT_EQ(result.unmodelled.size(), 1u);
  EXPECT_EQ(result.unmodelled[0].where.line, 40);
  ASSERT_FALSE(result.exact.empty());
  EXPECT_EQ(result.exact.front(), revisions_[3].revision);
}

}  // namespace
}  // namespace asq
