#include <gtest/gtest.h>

#include "common/json.h"
#include "support/postgres.h"
#include "support/process.h"

namespace asq {
namespace {

using test::ProcessResult;
using test::run_tool;
using test::source_path;

TEST(Snapshot, WritesTheLiveSeedSchemaAndReadsItBackUnchanged) {
  test::TestDatabase db("snapshot");
  db.run_sql_file(source_path("fixtures/seed16/state.sql"));
  test::TempDir dir;
  ProcessResult written = run_tool({"snapshot", "--from", "live", "--out", dir / "live.json"},
                                   source_path("fixtures/seed16"), {{"DATABASE_URL", db.url()}});
  ASSERT_EQ(written.exit_code, 0) << written.err;
  Json snapshot = Json::parse(test::read_text(dir / "live.json"), "live.json");
  std::vector<std::string> tables;
  for (const auto& table : snapshot.find("tables")->as_array()) {
    tables.push_back(table.find("name")->as_string());
  }
  EXPECT_EQ(tables, (std::vector<std::string>{"credential", "credentialnodelink", "issue", "node",
                                              "node_registration_key", "project", "prompt",
                                              "repository", "user", "workflowlog"}));
  ProcessResult reread = run_tool({"snapshot", "--from", dir / "live.json"}, dir.path());
  ASSERT_EQ(reread.exit_code, 0) << reread.err;
  EXPECT_EQ(reread.out, test::read_text(dir / "live.json"));
}

TEST(Snapshot, ABrokenSnapshotFileNamesTheProblem) {
  test::TempDir dir;
  test::write_text(dir / "bad.json", "{\"format\": 1, \"tables\": 3}");
  ProcessResult result = run_tool({"snapshot", "--from", dir / "bad.json"}, dir.path());
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("bad.json: snapshot member .extensions is missing"), std::string::npos)
      << result.err;
}

// The built-in reader names constraints by env.py's target_metadata; when that cannot be read
// (here: a name env.py never defines), replaying the chain says so instead of guessing quietly.
TEST(Snapshot, AChainReplayNamesATargetMetadataItCannotRead) {
  test::FixtureCopy seed("seed16");
  std::string env = test::read_text(seed.path + "/alembic/env.py");
  size_t at = env.find("target_metadata = None");
  ASSERT_NE(at, std::string::npos);
  env.replace(at, 22, "target_metadata = no_such_module.metadata");
  test::write_text(seed.path + "/alembic/env.py", env);
  ProcessResult result = run_tool({"snapshot", "--from", "chain", "--replay-engine", "builtin",
                                   "--out", "chain.json", "--database-url", test::server_url()},
                                  seed.path);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("warning: env.py's target_metadata (no_such_module.metadata) could "
                            "not be read for its naming convention"),
            std::string::npos)
      << result.err;
}

}  // namespace
}  // namespace asq
