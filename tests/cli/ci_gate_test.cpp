// The CI gate: `plan --fail-on hazard` exits 6 on a destructive change, `doctor --strict` fails
// on warnings, and doctor warns about what squash will need (a scratch database it may create,
// folders it may write) before plan or squash fail on it.

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <pqxx/pqxx>

#include "common/json.h"
#include "support/alembic.h"
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

std::vector<std::string> fault_codes(const std::string& json_out) {
  std::vector<std::string> codes;
  Json report = Json::parse(json_out, "stdout");
  const Json* faults = report.find("faults");
  if (!faults) {
    ADD_FAILURE() << "no faults in " << json_out;
    return codes;
  }
  for (const auto& fault : faults->as_array()) {
    codes.push_back(fault.find("code")->as_string());
  }
  return codes;
}

void stamp(const TestDatabase& db, const std::string& revision) {
  db.execute(
      "CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY);"
      "INSERT INTO alembic_version VALUES ('" +
      revision + "');");
}

TEST(PlanFailOn, AHazardExits6AfterPrintingThePlan) {
  test::FixtureCopy seed("seed16");
  TestDatabase live("fail_on_hazard");
  live.run_sql_file(source_path("fixtures/seed16/state.sql"));  // drift drops a table
  auto before = test::file_hashes(seed.path);
  std::map<std::string, std::string> env{{"DATABASE_URL", live.url()}};
  ProcessResult plain = run_tool({"plan"}, seed.path, env);
  EXPECT_EQ(plain.exit_code, 0) << plain.err;
  ProcessResult gate = run_tool({"plan", "--fail-on", "hazard"}, seed.path, env);
  EXPECT_EQ(gate.exit_code, 6) << gate.out << gate.err;
  EXPECT_TRUE(contains(gate.out, "! drop_table item: table is dropped with its data")) << gate.out;
  EXPECT_TRUE(contains(gate.err, "the plan has 8 hazards (--fail-on hazard): exit 6")) << gate.err;
  ProcessResult json = run_tool({"--json", "plan", "--fail-on", "hazard"}, seed.path, env);
  EXPECT_EQ(json.exit_code, 6);
  EXPECT_EQ(Json::parse(json.out, "stdout").find("hazards")->as_array().size(), 8u);
  EXPECT_EQ(run_tool({"plan", "--sql", "--fail-on", "hazard"}, seed.path, env).exit_code, 6);
  EXPECT_EQ(test::file_hashes(seed.path), before);
}

TEST(PlanFailOn, NoHazardExits0AndAnUnknownValueIsAUsageError) {
  test::FixtureCopy seed("seed16");
  TestDatabase live("fail_on_none");
  ASSERT_EQ(test::run_alembic(seed.path, {"upgrade", "head"}, live.url()).exit_code, 0);
  std::map<std::string, std::string> env{{"DATABASE_URL", live.url()}};
  ProcessResult gate = run_tool({"plan", "--fail-on", "hazard"}, seed.path, env);
  EXPECT_EQ(gate.exit_code, 0) << gate.out << gate.err;
  ProcessResult bad = run_tool({"plan", "--fail-on", "drift"}, seed.path, env);
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_TRUE(contains(bad.err, "--fail-on takes hazard, not 'drift'")) << bad.err;
}

TEST(DoctorStrict, WarningsFailWithExit3) {
  test::FixtureCopy seed("seed16");
  TestDatabase db("doctor_strict");
  stamp(db, "26c2c831dc19");  // behind head: a warning
  std::map<std::string, std::string> env{{"DATABASE_URL", db.url()}};
  ProcessResult plain = run_tool({"--json", "doctor"}, seed.path, env);
  EXPECT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_EQ(fault_codes(plain.out), std::vector<std::string>{"behind-head"});
  EXPECT_EQ(run_tool({"doctor", "--strict"}, seed.path, env).exit_code, 3);
  TestDatabase head("doctor_strict_head");
  stamp(head, "7c4d1e9a2b58");
  ProcessResult healthy =
      run_tool({"doctor", "--strict"}, seed.path, {{"DATABASE_URL", head.url()}});
  EXPECT_EQ(healthy.exit_code, 0) << healthy.out << healthy.err;
}

/// `url` logging in as `role` instead.
std::string as_role(const std::string& url, const std::string& role) {
  size_t at = url.find('@');
  return "postgresql://" + role + url.substr(at);
}

TEST(DoctorNeeds, ARoleWithoutCreatedbIsAFindingUnlessAScratchServerIsSet) {
  test::TestRoles roles("doctor_createdb", {"app"});
  test::FixtureCopy seed("seed16");
  TestDatabase db("doctor_createdb");
  stamp(db, "7c4d1e9a2b58");
  db.execute("ALTER ROLE " + roles["app"] + " LOGIN; GRANT SELECT ON alembic_version TO " +
             roles["app"]);
  std::map<std::string, std::string> env{{"DATABASE_URL", as_role(db.url(), roles["app"])}};
  ProcessResult result = run_tool({"--json", "doctor"}, seed.path, env);
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_EQ(fault_codes(result.out), std::vector<std::string>{"cannot-create-scratch-database"});
  ProcessResult text = run_tool({"doctor"}, seed.path, env);
  EXPECT_TRUE(contains(text.out, "warning: the role " + roles["app"] +
                                     " may not create databases on the live server"))
      << text.out;
  EXPECT_TRUE(contains(text.out, "fix: `ALTER ROLE \"" + roles["app"] + "\" CREATEDB`"))
      << text.out;
  EXPECT_EQ(run_tool({"doctor", "--strict"}, seed.path, env).exit_code, 3);
  // What plan then does: refuses at the scratch database (exit 5), as doctor said.
  EXPECT_EQ(run_tool({"plan"}, seed.path, env).exit_code, 5);

  ProcessResult scratch =
      run_tool({"--json", "doctor", "--scratch-url", test::server_url()}, seed.path, env);
  EXPECT_EQ(fault_codes(scratch.out), std::vector<std::string>{}) << scratch.out;
  ProcessResult unreachable =
      run_tool({"--json", "doctor", "--scratch-url", "postgresql://postgres@127.0.0.1:1/none"},
               seed.path, env);
  EXPECT_EQ(unreachable.exit_code, 0) << unreachable.err;
  EXPECT_EQ(fault_codes(unreachable.out), std::vector<std::string>{"scratch-server-unreachable"});
}

TEST(DoctorNeeds, AVersionsFolderThisUserMayNotWriteIsAFinding) {
  TempDir dir;
  std::string project = dir / "seed16";
  test::copy_tree(source_path("fixtures/seed16"), project);
  std::vector<std::string> argv{ASQ_BINARY, "--json", "doctor", "--no-database"};
  auto readable = fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                  fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec;
  if (geteuid() == 0) {  // root writes anywhere: ask as an unprivileged user who owns the copy
    fs::permissions(dir.path(), readable | fs::perms::owner_write);
    ASSERT_EQ(test::run_process({"chown", "-R", "nobody", project}).exit_code, 0);
    argv[0] = test::copy_tool(dir.path());
    argv.insert(argv.begin(), {"runuser", "-u", "nobody", "--"});
  }
  ProcessResult writable = test::run_process(argv, project);
  std::vector<std::string> before = fault_codes(writable.out);
  EXPECT_EQ(std::count(before.begin(), before.end(), "versions-not-writable"), 0) << writable.out;
  fs::permissions(project + "/alembic/versions", readable);
  ProcessResult result = test::run_process(argv, project);
  fs::permissions(project + "/alembic/versions", fs::perms::owner_all, fs::perm_options::add);
  std::vector<std::string> codes = fault_codes(result.out);
  EXPECT_EQ(result.exit_code, 3) << result.err;  // the seed's stale __pycache__ is an error
  std::vector<std::string> expected = before;
  expected.insert(expected.end(), {"versions-not-writable", "archive-not-writable"});
  std::sort(codes.begin(), codes.end());
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(codes, expected) << result.out;
}

}  // namespace
}  // namespace asq
