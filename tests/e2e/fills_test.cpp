// Fills are asked, not guessed (issue 13): the sync revision of fixtures/seed16 adds two NOT
// NULL columns without a default (credential.category, node.owner_id). Their values for
// existing rows come from --fill, squash.toml's [fill] or a person at a terminal; without one
// squash refuses. And plan names the sync revision id that squash writes.

#include <gtest/gtest.h>

#include <filesystem>

#include "common/json.h"
#include "support/postgres.h"
#include "support/process.h"

namespace asq {
namespace {

namespace fs = std::filesystem;
using test::ProcessResult;
using test::source_path;
using test::TempDir;
using test::TestDatabase;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

const char* kOwnerFill = "node.owner_id=(SELECT id FROM \"user\" ORDER BY email LIMIT 1)";

class Fills : public testing::Test {
 protected:
  void SetUp() override {
    test::copy_tree(source_path("fixtures/seed16"), project_);
    fs::remove(project_ + "/squash.toml");  // the fixture's [fill]: these tests give their own
    live_.run_sql_file(source_path("fixtures/seed16/state.sql"));
  }
  ProcessResult tool(const std::vector<std::string>& args) {
    return test::run_tool(args, project_, {{"DATABASE_URL", live_.url()}});
  }
  std::string versions() const { return project_ + "/alembic/versions"; }
  /// The one sync revision file squash wrote.
  std::string sync_file() const {
    for (const auto& entry : fs::directory_iterator(versions())) {
      if (entry.path().filename().string().ends_with("_sync_with_database.py")) {
        return entry.path().string();
      }
    }
    return "";
  }
  TempDir dir_;
  std::string project_ = dir_ / "seed16";
  TestDatabase live_{"fills_live"};
};

TEST_F(Fills, WithoutATerminalSquashRefusesNamingEachColumnAndPlanListsThem) {
  auto before = test::file_hashes(project_);
  ProcessResult result = tool({"squash", "--yes"});
  EXPECT_EQ(result.exit_code, 5) << result.out << result.err;
  EXPECT_TRUE(
      contains(result.err,
               "alembic-squash: refused: the sync revision adds NOT NULL columns that rows "
               "elsewhere need a value for; give each with --fill TABLE.COLUMN=SQL or in "
               "squash.toml's [fill] (or run squash on a terminal to be asked). Nothing "
               "was changed:\n"
               "  credential.category (public.credentialcategory), suggested: "
               "'github_copilot'\n"
               "  node.owner_id (uuid), suggested: (SELECT id FROM public.\"user\" ORDER BY "
               "id LIMIT 1)\n"))
      << result.err;
  EXPECT_EQ(test::file_hashes(project_), before);
  EXPECT_EQ(test::version_rows(live_.url()), std::vector<std::string>{"e3c92c171920"});

  ProcessResult one = tool({"squash", "--yes", "--fill", kOwnerFill});
  EXPECT_EQ(one.exit_code, 5) << one.err;
  EXPECT_TRUE(contains(one.err, "  credential.category (public.credentialcategory)")) << one.err;
  EXPECT_FALSE(contains(one.err, "  node.owner_id")) << one.err;

  ProcessResult plan = tool({"plan"});
  EXPECT_EQ(plan.exit_code, 0) << plan.err;
  EXPECT_TRUE(contains(plan.out,
                       "  credential.category (public.credentialcategory) = MISSING: squash asks "
                       "on a terminal, else refuses; suggested: 'github_copilot'\n"))
      << plan.out;
  Json json = Json::parse(tool({"--json", "plan", "--fill", kOwnerFill}).out, "stdout");
  const Json::Array& fills = json.find("fills")->as_array();
  ASSERT_EQ(fills.size(), 2u);
  EXPECT_EQ(fills[0].find("key")->as_string(), "credential.category");
  EXPECT_TRUE(fills[0].find("value")->is_null());
  EXPECT_TRUE(fills[0].find("source")->is_null());
  EXPECT_EQ(fills[0].find("suggestion")->as_string(), "'github_copilot'");
  EXPECT_EQ(fills[1].find("key")->as_string(), "node.owner_id");
  EXPECT_EQ(fills[1].find("value")->as_string(),
            "(SELECT id FROM \"user\" ORDER BY email LIMIT 1)");
  EXPECT_EQ(fills[1].find("source")->as_string(), "option");
  EXPECT_EQ(test::file_hashes(project_), before);
}

TEST_F(Fills, GivenWithTheOptionTheyReachTheSyncRevisionWhoseIdPlanShowed) {
  std::vector<std::string> fills = {"--fill", "credential.category='other'", "--fill", kOwnerFill};
  std::vector<std::string> plan_args = {"--json", "plan"};
  plan_args.insert(plan_args.end(), fills.begin(), fills.end());
  ProcessResult plan = tool(plan_args);
  ASSERT_EQ(plan.exit_code, 0) << plan.err;
  std::string planned = Json::parse(plan.out, "stdout").find("sync_revision")->as_string();
  EXPECT_EQ(planned.size(), 12u);
  EXPECT_EQ(Json::parse(tool(plan_args).out, "stdout").find("sync_revision")->as_string(), planned)
      << "the same inputs name the same sync revision";

  std::vector<std::string> squash_args = {"squash", "--yes"};
  squash_args.insert(squash_args.end(), fills.begin(), fills.end());
  ProcessResult squash = tool(squash_args);
  ASSERT_EQ(squash.exit_code, 0) << squash.out << squash.err;
  EXPECT_EQ(fs::path(sync_file()).filename().string(), planned + "_sync_with_database.py");
  EXPECT_EQ(test::version_rows(live_.url()), std::vector<std::string>{planned});
  std::string sync = test::read_text(sync_file());
  EXPECT_TRUE(contains(sync, "op.execute(\"UPDATE credential SET category = 'other'\")")) << sync;
  EXPECT_TRUE(contains(
      sync,
      "op.execute(\n        'UPDATE node SET owner_id = (SELECT id FROM \"user\" ORDER BY email "
      "LIMIT 1)'\n    )"))
      << sync;
  EXPECT_FALSE(contains(sync, "github_copilot'\")")) << sync;
}

TEST_F(Fills, SquashTomlGivesThemAndTheOptionWins) {
  test::write_text(
      project_ + "/squash.toml",
      "[fill]\n\"credential.category\" = \"'cursor'\"\n"
      "\"node.owner_id\" = \"(SELECT id FROM \\\"user\\\" ORDER BY id DESC LIMIT 1)\"\n");
  ProcessResult plan = tool({"--json", "plan", "--fill", kOwnerFill});
  ASSERT_EQ(plan.exit_code, 0) << plan.err;
  Json json = Json::parse(plan.out, "stdout");
  const Json::Array& fills = json.find("fills")->as_array();
  ASSERT_EQ(fills.size(), 2u);
  EXPECT_EQ(fills[0].find("value")->as_string(), "'cursor'");
  EXPECT_EQ(fills[0].find("source")->as_string(), "config");
  EXPECT_EQ(fills[1].find("value")->as_string(),
            "(SELECT id FROM \"user\" ORDER BY email LIMIT 1)");
  EXPECT_EQ(fills[1].find("source")->as_string(), "option");

  ProcessResult squash = tool({"squash", "--yes"});
  ASSERT_EQ(squash.exit_code, 0) << squash.out << squash.err;
  std::string sync = test::read_text(sync_file());
  EXPECT_TRUE(contains(sync, "UPDATE credential SET category = 'cursor'")) << sync;
  EXPECT_TRUE(contains(
      sync, "UPDATE node SET owner_id = (SELECT id FROM \"user\" ORDER BY id DESC LIMIT 1)"))
      << sync;
}

TEST_F(Fills, AFillThatIsNotOneExpressionIsAUsageErrorAndChangesNothing) {
  auto before = test::file_hashes(project_);
  for (const auto& [fill, message] : std::vector<std::pair<std::string, std::string>>{
           {"node.owner_id=1; DROP TABLE node",
            "alembic-squash: --fill node.owner_id: a fill is one expression: no ';'\n"},
           {"node.owner_id=1) WHERE (false",
            "alembic-squash: --fill node.owner_id: ')' closes nothing: a fill is one whole "
            "expression\n"},
           {"owner_id=1", "alembic-squash: --fill: 'owner_id' does not name a column"},
           {"node.owner_id",
            "alembic-squash: --fill node.owner_id: write --fill "
            "TABLE.COLUMN=SQL\n"}}) {
    ProcessResult result = tool({"squash", "--yes", "--fill", fill});
    EXPECT_EQ(result.exit_code, 2) << fill << ": " << result.err;
    EXPECT_TRUE(contains(result.err, message)) << result.err;
  }
  EXPECT_EQ(test::file_hashes(project_), before);
}

TEST_F(Fills, OnATerminalSquashAsksForEachOfferingTheSuggestion) {
  // pty_run.py types the answers: Enter (take the suggestion), SQL that is refused, then SQL
  // that is taken, then 'y' to the confirmation.
  std::vector<std::string> argv = {"/usr/bin/python3",
                                   source_path("tests/support/pty_run.py"),
                                   "",
                                   "1; DROP TABLE node",
                                   "(SELECT id FROM \"user\" ORDER BY email LIMIT 1)",
                                   "y",
                                   "--"};
  for (const auto& arg : test::tool_argv({"squash"})) argv.push_back(arg);
  ProcessResult result =
      test::run_process(argv, project_, test::tool_env({{"DATABASE_URL", live_.url()}}));
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_TRUE(contains(result.out,
                       "The sync revision adds the NOT NULL column credential.category "
                       "(public.credentialcategory) without a default: rows that exist where it "
                       "runs need a value.\r\nSQL value for credential.category "
                       "['github_copilot']: "))
      << result.out;
  EXPECT_TRUE(contains(result.out, "  a fill is one expression: no ';'\r\n")) << result.out;
  EXPECT_TRUE(contains(result.out,
                       "credential.category (public.credentialcategory) = "
                       "'github_copilot'  [answer]"))
      << result.out;
  std::string sync = test::read_text(sync_file());
  EXPECT_TRUE(contains(sync, "UPDATE credential SET category = 'github_copilot'")) << sync;
  EXPECT_TRUE(
      contains(sync, "UPDATE node SET owner_id = (SELECT id FROM \"user\" ORDER BY email LIMIT 1)"))
      << sync;
}

TEST_F(Fills, OnATerminalEndOfInputLeavesAFillMissingAndSquashRefuses) {
  std::vector<std::string> argv = {"/usr/bin/python3", source_path("tests/support/pty_run.py"),
                                   "--"};
  for (const auto& arg : test::tool_argv({"squash"})) argv.push_back(arg);
  auto before = test::file_hashes(project_);
  ProcessResult result =
      test::run_process(argv, project_, test::tool_env({{"DATABASE_URL", live_.url()}}));
  EXPECT_EQ(result.exit_code, 5) << result.out << result.err;
  EXPECT_TRUE(contains(result.out, "Nothing was changed:\r\n  credential.category")) << result.out;
  EXPECT_EQ(test::file_hashes(project_), before);
}

// --yes means no questions, on a terminal too: the fills are refused as without one, and no
// prompt is printed (pty_run.py would answer none: end of input).
TEST_F(Fills, OnATerminalSquashYesAsksNothingAndRefusesNamingEachColumn) {
  std::vector<std::string> argv = {"/usr/bin/python3", source_path("tests/support/pty_run.py"),
                                   "--"};
  for (const auto& arg : test::tool_argv({"squash", "--yes"})) argv.push_back(arg);
  auto before = test::file_hashes(project_);
  ProcessResult result =
      test::run_process(argv, project_, test::tool_env({{"DATABASE_URL", live_.url()}}));
  EXPECT_EQ(result.exit_code, 5) << result.out << result.err;
  EXPECT_FALSE(contains(result.out, "SQL value for")) << result.out;
  EXPECT_TRUE(contains(result.out, "Nothing was changed:\r\n  credential.category")) << result.out;
  EXPECT_TRUE(contains(result.out, "  node.owner_id (uuid), suggested:")) << result.out;
  EXPECT_EQ(test::file_hashes(project_), before);
  EXPECT_EQ(test::version_rows(live_.url()), std::vector<std::string>{"e3c92c171920"});
}

}  // namespace
}  // namespace asq
