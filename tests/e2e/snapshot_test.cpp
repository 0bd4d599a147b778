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

}  // namespace
}  // namespace asq
