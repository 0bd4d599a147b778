// `squash --through REV` on fixtures/seed16: base..REV become 001_initial_schema, later
// revisions stay with only their down_revision and `Revises:` lines changed; databases at REV
// and past it keep working under the real Alembic.

#include <gtest/gtest.h>

#include <filesystem>
#include <pqxx/pqxx>
#include <sstream>

#include "support/alembic.h"
#include "support/postgres.h"
#include "support/process.h"

namespace asq {
namespace {

namespace fs = std::filesystem;
using test::ProcessResult;
using test::run_alembic;
using test::run_tool;
using test::source_path;
using test::TempDir;
using test::TestDatabase;

const char* kThrough = "26c2c831dc19";
const char* kFirstKept = "0a0ed29996b1_add_timestamps_to_node_registration_key.py";

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

class Through : public testing::Test {
 protected:
  void SetUp() override {
    test::copy_tree(source_path("fixtures/seed16"), project_);
    fs::remove_all(versions() + "/__pycache__");
  }
  std::string versions() const { return project_ + "/alembic/versions"; }
  TempDir dir_;
  std::string project_ = dir_ / "seed16";
};

TEST_F(Through, KeepsLaterRevisionsChangingOnlyTwoLinesOfTheFirst) {
  TestDatabase at_head("through_head");
  ASSERT_EQ(run_alembic(project_, {"upgrade", "head"}, at_head.url()).exit_code, 0);
  std::string original = test::read_text(versions() + "/" + kFirstKept);
  ProcessResult result = run_tool({"squash", "--yes", "--through", kThrough}, project_,
                                  {{"DATABASE_URL", at_head.url()}});
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_EQ(test::version_rows(at_head.url()),
            std::vector<std::string>{"7c4d1e9a2b58"});  // past REV: left alone

  std::vector<std::string> before = lines(original);
  std::vector<std::string> after = lines(test::read_text(versions() + "/" + kFirstKept));
  ASSERT_EQ(before.size(), after.size());
  std::vector<std::string> changed;
  for (size_t i = 0; i < before.size(); ++i) {
    if (before[i] != after[i]) changed.push_back(after[i]);
  }
  EXPECT_EQ(changed, (std::vector<std::string>{"Revises: 001_initial_schema",
                                               "down_revision = '001_initial_schema'"}));
  ProcessResult history = run_alembic(project_, {"history"}, at_head.url());
  ASSERT_EQ(history.exit_code, 0) << history.err;
  EXPECT_NE(history.out.find("001_initial_schema -> 0a0ed29996b1"), std::string::npos)
      << history.out;
  EXPECT_NE(history.out.find("<base> -> 001_initial_schema"), std::string::npos);

  TestDatabase fresh("through_fresh");
  ASSERT_EQ(run_alembic(project_, {"upgrade", "head"}, fresh.url()).exit_code, 0);
  EXPECT_EQ(test::schema_dump(fresh.url()), test::schema_dump(at_head.url()));
}

TEST_F(Through, ADatabaseAtRevIsStampedAndOnePastItStillUpgrades) {
  TestDatabase at_rev("through_rev");
  TestDatabase past("through_past");
  ASSERT_EQ(run_alembic(project_, {"upgrade", kThrough}, at_rev.url()).exit_code, 0);
  ASSERT_EQ(run_alembic(project_, {"upgrade", "2b2a406df71b"}, past.url()).exit_code, 0);
  ProcessResult result = run_tool({"squash", "--yes", "--through", kThrough}, project_,
                                  {{"DATABASE_URL", at_rev.url()}});
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_EQ(test::version_rows(at_rev.url()), std::vector<std::string>{"001_initial_schema"});
  ASSERT_EQ(run_alembic(project_, {"upgrade", "head"}, at_rev.url()).exit_code, 0);
  ProcessResult upgraded = run_alembic(project_, {"upgrade", "head"}, past.url());
  ASSERT_EQ(upgraded.exit_code, 0) << upgraded.err;
  EXPECT_EQ(test::schema_dump(past.url()), test::schema_dump(at_rev.url()));
}

TEST_F(Through, RefusesADatabaseBeforeRev) {
  TestDatabase early("through_early");
  ASSERT_EQ(run_alembic(project_, {"upgrade", "1a31ce608336"}, early.url()).exit_code, 0);
  ProcessResult result = run_tool({"squash", "--yes", "--through", kThrough}, project_,
                                  {{"DATABASE_URL", early.url()}});
  EXPECT_EQ(result.exit_code, 5);
  EXPECT_NE(result.err.find("before 26c2c831dc19: run `alembic upgrade 26c2c831dc19` first"),
            std::string::npos)
      << result.err;
  EXPECT_FALSE(fs::exists(versions() + "/001_initial_schema.py"));
}

TEST(ThroughOnBranches, RefusesARevThatIsNotAnAncestorOfEveryKeptRevision) {
  TempDir dir;
  std::string project = dir / "branches";
  test::copy_tree(source_path("fixtures/branches"), project);
  TestDatabase live("through_branches");
  ASSERT_EQ(run_alembic(project, {"upgrade", "heads"}, live.url()).exit_code, 0);
  ProcessResult result =
      run_tool({"plan", "--through", "c5a0f3d9e812"}, project, {{"DATABASE_URL", live.url()}});
  EXPECT_EQ(result.exit_code, 5);
  EXPECT_NE(result.err.find("does not come after c5a0f3d9e812"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace asq
