// `adopt`: after squashing database A, databases B (old head), C (intermediate revision) and
// D (version row naming the deleted revision, with --assume) come onto the new chain; then
// `alembic upgrade head` on each gives A's schema. A database whose schema does not match is
// refused and left untouched.

#include <gtest/gtest.h>

#include <filesystem>
#include <pqxx/pqxx>

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

class Adopt : public testing::Test {
 protected:
  void SetUp() override {
    test::copy_tree(source_path("fixtures/seed16"), original_);
    fs::remove_all(original_ + "/alembic/versions/__pycache__");
    test::copy_tree(original_, project_);
    a_.run_sql_file(source_path("fixtures/seed16/state.sql"));
  }
  TempDir dir_;
  std::string original_ = dir_ / "original";
  std::string project_ = dir_ / "seed16";
  TestDatabase a_{"adopt_a"};
};

TEST_F(Adopt, BringsEveryOtherDatabaseOntoTheSquashedChain) {
  TestDatabase b("adopt_b"), c("adopt_c"), d("adopt_d");
  ASSERT_EQ(run_alembic(original_, {"upgrade", "head"}, b.url()).exit_code, 0);
  ASSERT_EQ(run_alembic(original_, {"upgrade", "26c2c831dc19"}, c.url()).exit_code, 0);
  ASSERT_EQ(run_alembic(original_, {"upgrade", "head"}, d.url()).exit_code, 0);
  d.execute("UPDATE alembic_version SET version_num = 'e3c92c171920'");
  ASSERT_EQ(run_tool({"squash", "--yes"}, project_, {{"DATABASE_URL", a_.url()}}).exit_code, 0);

  ProcessResult first = run_tool({"adopt", a_.url(), b.url(), c.url(), d.url()}, project_);
  EXPECT_EQ(first.exit_code, 5) << first.out << first.err;  // D needs --assume
  EXPECT_NE(first.out.find("already on the new chain"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("migrated 4 revisions, stamped"), std::string::npos);
  EXPECT_NE(first.out.find("pass --assume REV"), std::string::npos);
  EXPECT_NE(first.out.find("3 of 4 databases on the new chain"), std::string::npos);
  EXPECT_EQ(test::version_rows(b.url()), std::vector<std::string>{"001_initial_schema"});
  EXPECT_EQ(test::version_rows(c.url()), std::vector<std::string>{"001_initial_schema"});
  EXPECT_EQ(test::version_rows(d.url()), std::vector<std::string>{"e3c92c171920"});  // untouched

  ProcessResult assumed = run_tool({"adopt", "--assume", "7c4d1e9a2b58", d.url()}, project_);
  EXPECT_EQ(assumed.exit_code, 0) << assumed.out << assumed.err;
  std::string expected = test::schema_dump(a_.url());
  for (const auto* db : {&b, &c, &d}) {
    ProcessResult up = run_alembic(project_, {"upgrade", "head"}, db->url());
    ASSERT_EQ(up.exit_code, 0) << up.err;
    EXPECT_EQ(test::schema_dump(db->url()), expected) << db->name();
  }
}

TEST_F(Adopt, RefusesADatabaseWhoseSchemaDiffersAndLeavesItAlone) {
  TestDatabase odd("adopt_odd");
  ASSERT_EQ(run_alembic(original_, {"upgrade", "head"}, odd.url()).exit_code, 0);
  odd.execute("ALTER TABLE project ADD COLUMN extra integer");
  ASSERT_EQ(run_tool({"squash", "--yes"}, project_, {{"DATABASE_URL", a_.url()}}).exit_code, 0);
  std::string before = test::schema_dump(odd.url());
  ProcessResult result = run_tool({"--json", "adopt", odd.url()}, project_);
  EXPECT_EQ(result.exit_code, 5);
  EXPECT_NE(result.out.find("its schema differs from 001_initial_schema"), std::string::npos)
      << result.out;
  EXPECT_EQ(test::version_rows(odd.url()), std::vector<std::string>{"7c4d1e9a2b58"});
  EXPECT_EQ(test::schema_dump(odd.url()), before);
}

TEST_F(Adopt, NoMigrateRefusesADatabaseBehindTheReplacedHead) {
  TestDatabase c("adopt_nomigrate");
  ASSERT_EQ(run_alembic(original_, {"upgrade", "26c2c831dc19"}, c.url()).exit_code, 0);
  ASSERT_EQ(run_tool({"squash", "--yes"}, project_, {{"DATABASE_URL", a_.url()}}).exit_code, 0);
  ProcessResult result = run_tool({"adopt", "--no-migrate", c.url()}, project_);
  EXPECT_EQ(result.exit_code, 5);
  EXPECT_NE(result.out.find("4 revisions behind the replaced head"), std::string::npos)
      << result.out;
  EXPECT_EQ(test::version_rows(c.url()), std::vector<std::string>{"26c2c831dc19"});
}

}  // namespace
}  // namespace asq
