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

// The in-memory engine needs no server when it models every op: a snapshot of the chain works
// offline and equals the one made with a server named; what needs the server's facts (an
// extension's default version) asks for one, naming the line.
TEST(Snapshot, AChainTheInMemoryEngineModelsNeedsNoServer) {
  test::FixtureCopy project("multischema");
  std::string ini = test::read_text(project.path + "/alembic.ini");
  size_t url = ini.find("sqlalchemy.url");
  ASSERT_NE(url, std::string::npos);
  ini.erase(url, ini.find('\n', url) - url);
  test::write_text(project.path + "/alembic.ini", ini);
  test::write_text(project.path + "/squash.toml",
                   "[squash]\nschemas = [\"public\", \"auth\", \"billing\"]\n");
  ProcessResult offline =
      run_tool({"snapshot", "--from", "chain", "--out", "offline.json"}, project.path);
  ASSERT_EQ(offline.exit_code, 0) << offline.err;
  ProcessResult served = run_tool(
      {"snapshot", "--from", "chain", "--out", "served.json", "--database-url", test::server_url()},
      project.path);
  ASSERT_EQ(served.exit_code, 0) << served.err;
  EXPECT_EQ(test::read_text(project.path + "/offline.json"),
            test::read_text(project.path + "/served.json"));
  EXPECT_NE(test::read_text(project.path + "/offline.json").find("\"session\""), std::string::npos);

  test::write_text(project.path + "/alembic/versions/b7c1d2e3f4a5_pgcrypto.py",
                   "from alembic import op\nrevision = 'b7c1d2e3f4a5'\n"
                   "down_revision = 'f9b2c6a1e875'\n\n\ndef upgrade():\n"
                   "    op.execute('CREATE EXTENSION pgcrypto')\n");
  ProcessResult needs = run_tool({"snapshot", "--from", "chain", "--out", "x.json"}, project.path);
  EXPECT_EQ(needs.exit_code, 2) << needs.err;
  EXPECT_NE(needs.err.find("alembic/versions/b7c1d2e3f4a5_pgcrypto.py:7 (the default version of "
                           "extension pgcrypto is unknown), so the chain is replayed in a scratch "
                           "database: pass --database-url (or set [database] scratch_url) to "
                           "name its server"),
            std::string::npos)
      << needs.err;
}

}  // namespace
}  // namespace asq
