// plan, verify and diff against real databases: exit codes, what they say, and that they
// change nothing.

#include <gtest/gtest.h>

#include <filesystem>

#include "common/json.h"
#include "common/sha256.h"
#include "support/postgres.h"
#include "support/process.h"

namespace asq {
namespace {

namespace fs = std::filesystem;
using test::ProcessResult;
using test::run_tool;
using test::source_path;
using test::TempDir;
using test::TestDatabase;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(Plan, ShowsTheScenarioDriftAndChangesNothing) {
  test::FixtureCopy seed("seed16");
  TestDatabase live("plan_live");
  live.run_sql_file(source_path("fixtures/seed16/state.sql"));
  ProcessResult result = run_tool({"--json", "plan", "--revision-id", "318e2657ad46"}, seed.path,
                                  {{"DATABASE_URL", live.url()}});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  Json plan = Json::parse(result.out, "stdout");
  EXPECT_EQ(plan.find("replaced")->as_array().size(), 16u);
  EXPECT_EQ(plan.find("version_table")->find("state")->as_string(), "unknown-revision");
  EXPECT_EQ(plan.find("sync_revision")->as_string(), "318e2657ad46");
  std::vector<std::string> drift;
  for (const auto& change : plan.find("changes")->as_array()) {
    std::string sign = change.find("action")->as_string() == "create" ? "+"
                       : change.find("action")->as_string() == "drop" ? "-"
                                                                      : "~";
    const Json& object = *change.find("object");
    std::string line = sign + " " + change.find("kind")->as_string() +
                       (object.is_string() ? " " + object.as_string() : "");
    const std::string& detail = change.find("detail")->as_string();
    if (!detail.empty()) line += (sign == "~" ? ": " : " ") + detail;
    drift.push_back(line);
  }
  auto has = [&](const std::string& line) {
    return std::find(drift.begin(), drift.end(), line) != drift.end();
  };
  EXPECT_TRUE(has("- table item"));
  EXPECT_TRUE(has("+ table credentialnodelink (2 columns)"));
  EXPECT_TRUE(
      has("~ column repository.url: type character varying(500) -> character varying(1023)"));
  EXPECT_TRUE(has("- column credential.password"));
  EXPECT_TRUE(has("+ column node.owner_id uuid"));
  EXPECT_TRUE(has("~ column node.owner_id: NOT NULL"));
  // The enum is created before the column that uses it.
  auto position = [&](const std::string& prefix) {
    for (size_t i = 0; i < drift.size(); ++i) {
      if (drift[i].rfind(prefix, 0) == 0) return i;
    }
    return drift.size();
  };
  EXPECT_LT(position("+ enum credentialcategory"), position("+ column credential.category"));
  EXPECT_FALSE(fs::exists(seed.path + "/alembic/versions/001_initial_schema.py"));
}

TEST(Plan, RefusesADatabaseBehindHeadWithTheCount) {
  test::FixtureCopy seed("seed16");
  TestDatabase live("plan_behind");
  live.execute(
      "CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY);"
      "INSERT INTO alembic_version VALUES ('26c2c831dc19');");
  ProcessResult result = run_tool({"plan"}, seed.path, {{"DATABASE_URL", live.url()}});
  EXPECT_EQ(result.exit_code, 5);
  EXPECT_TRUE(contains(result.err,
                       "4 revision(s) behind the head: run `alembic upgrade head` "
                       "first"))
      << result.err;
}

TEST(Verify, SaysWhetherTheFilesRebuildTheLiveSchema) {
  test::FixtureCopy seed("seed16");
  TestDatabase live("verify_live");
  live.run_sql_file(source_path("fixtures/seed16/state.sql"));
  ProcessResult differ = run_tool({"verify"}, seed.path, {{"DATABASE_URL", live.url()}});
  EXPECT_EQ(differ.exit_code, 1) << differ.err;
  EXPECT_TRUE(contains(differ.out, "does not rebuild the live schema")) << differ.out;
  EXPECT_TRUE(contains(differ.out, "- table item"));
  ASSERT_EQ(run_tool({"squash", "--yes"}, seed.path, {{"DATABASE_URL", live.url()}}).exit_code, 0);
  ProcessResult same = run_tool({"verify"}, seed.path, {{"DATABASE_URL", live.url()}});
  EXPECT_EQ(same.exit_code, 0) << same.out << same.err;
  EXPECT_TRUE(contains(same.out, "verified"));
}

TEST(Diff, ComparesLiveChainAndSnapshotsForAudits) {
  test::FixtureCopy seed("seed16");
  TestDatabase live("diff_live");
  live.run_sql_file(source_path("fixtures/seed16/state.sql"));
  std::map<std::string, std::string> env{{"DATABASE_URL", live.url()}};
  ProcessResult snapshot =
      run_tool({"snapshot", "--out", seed.dir / "before.json"}, seed.path, env);
  ASSERT_EQ(snapshot.exit_code, 0) << snapshot.err;
  ProcessResult same = run_tool({"diff", seed.dir / "before.json", "live"}, seed.path, env);
  EXPECT_EQ(same.exit_code, 0) << same.err;
  EXPECT_TRUE(contains(same.out, "same: no differences"));
  ProcessResult chain = run_tool({"diff", "chain", "live", "--markdown"}, seed.path, env);
  EXPECT_EQ(chain.exit_code, 1) << chain.err;
  EXPECT_TRUE(contains(chain.out, "## Schema diff: `chain` -> `live`"));
  EXPECT_TRUE(contains(chain.out, "- `- table item`"));
  EXPECT_TRUE(contains(chain.out, "### Hazards"));
  ProcessResult older = run_tool({"--json", "diff", "chain@26c2c831dc19", "chain"}, seed.path, env);
  EXPECT_EQ(older.exit_code, 1) << older.err;
  Json json = Json::parse(older.out, "stdout");
  EXPECT_FALSE(json.find("same")->as_bool());
  EXPECT_FALSE(json.find("changes")->as_array().empty());
  ProcessResult unknown = run_tool({"diff", "chain@nope", "live"}, seed.path, env);
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_TRUE(contains(unknown.err, "No such revision or branch 'nope'")) << unknown.err;
}

}  // namespace
}  // namespace asq
