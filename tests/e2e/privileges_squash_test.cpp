// Issue #5, owners and privileges: a history that grants to roles and changes owners, squashed
// with --privileges, rebuilds on an empty database exactly what live has, owners and grants
// included (pg_dump --schema-only without --no-owner); without the option the baseline grants
// nothing. The real Alembic is the referee on both sides.

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "support/alembic.h"
#include "support/postgres.h"
#include "support/process.h"

namespace asq {
namespace {

namespace fs = std::filesystem;
using test::ProcessResult;

const char* kSyncId = "6e1b4d8f2a37";

/// fixtures/privileges with its revision templates written out for this test's roles, the
/// roles, a live database built by the real Alembic and an empty one.
class PrivilegedProject {
 public:
  PrivilegedProject()
      : roles_("priv", {"d_reader", "b_clerk", "c_owner"}),
        copy_("privileges"),
        live_("priv_live"),
        fresh_("priv_fresh") {
    for (const auto& entry : fs::directory_iterator(copy_.path + "/revisions")) {
      std::string text = test::read_text(entry.path().string());
      text = std::regex_replace(text, std::regex("@READER@"), roles_["d_reader"]);
      text = std::regex_replace(text, std::regex("@CLERK@"), roles_["b_clerk"]);
      text = std::regex_replace(text, std::regex("@OWNER@"), roles_["c_owner"]);
      test::write_text(versions() + "/" + entry.path().stem().string(), text);
    }
    ProcessResult up = alembic({"upgrade", "head"}, live_.url());
    if (up.exit_code != 0) throw std::runtime_error("alembic upgrade head: " + up.err);
  }
  ProcessResult alembic(const std::vector<std::string>& args, const std::string& url) const {
    return test::run_alembic(copy_.path, args, url);
  }
  ProcessResult tool(std::vector<std::string> args) const {
    return test::run_tool(args, copy_.path, {{"DATABASE_URL", live_.url()}});
  }
  std::string versions() const { return copy_.path + "/alembic/versions"; }
  std::string baseline() const { return test::read_text(versions() + "/001_initial_schema.py"); }
  const test::TestRoles& roles() const { return roles_; }
  const test::TestDatabase& live() const { return live_; }
  const test::TestDatabase& fresh() const { return fresh_; }

 private:
  test::TestRoles roles_;  // first: dropped after the databases that use them
  test::FixtureCopy copy_;
  test::TestDatabase live_;
  test::TestDatabase fresh_;
};

std::vector<std::string> squash_args(bool privileges) {
  std::vector<std::string> args{"squash", "--yes",  "--revision-id",
                                kSyncId,  "--date", "2026-11-21 00:00:00.000000"};
  if (privileges) args.push_back("--privileges");
  return args;
}

TEST(PrivilegesSquash, BaselineRebuildsOwnersAndGrantsExactly) {
  PrivilegedProject project;
  std::string live_dump = test::schema_dump_with_owners(project.live().url());
  ASSERT_NE(live_dump.find("OWNER TO " + project.roles()["c_owner"]), std::string::npos);

  ProcessResult squash = project.tool(squash_args(true));
  ASSERT_EQ(squash.exit_code, 0) << squash.out << squash.err;
  EXPECT_FALSE(
      fs::exists(project.versions() + "/" + std::string(kSyncId) + "_sync_with_database.py"))
      << "the chain's privileges are live's: no drift";
  std::string baseline = project.baseline();
  EXPECT_NE(baseline.find("ALTER TABLE account OWNER TO " + project.roles()["c_owner"]),
            std::string::npos)
      << baseline;
  EXPECT_NE(baseline.find("GRANT UPDATE (name) ON TABLE account TO " + project.roles()["b_clerk"]),
            std::string::npos)
      << baseline;

  ProcessResult up = project.alembic({"upgrade", "head"}, project.fresh().url());
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_EQ(test::schema_dump_with_owners(project.fresh().url()), live_dump);

  ProcessResult down = project.alembic({"downgrade", "base"}, project.fresh().url());
  ASSERT_EQ(down.exit_code, 0) << down.err;
  ProcessResult again = project.alembic({"upgrade", "head"}, project.fresh().url());
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(test::schema_dump_with_owners(project.fresh().url()), live_dump);

  ProcessResult verify = project.tool({"verify", "--privileges"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
}

TEST(PrivilegesSquash, WithoutTheOptionTheBaselineGrantsNothing) {
  PrivilegedProject project;
  ProcessResult squash = project.tool(squash_args(false));
  ASSERT_EQ(squash.exit_code, 0) << squash.out << squash.err;
  std::string baseline = project.baseline();
  EXPECT_EQ(baseline.find("GRANT"), std::string::npos) << baseline;
  EXPECT_EQ(baseline.find("OWNER TO"), std::string::npos) << baseline;
  ProcessResult up = project.alembic({"upgrade", "head"}, project.fresh().url());
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_EQ(test::schema_dump_without_privileges(project.fresh().url()),
            test::schema_dump_without_privileges(project.live().url()));
}

TEST(PrivilegesSquash, DiffWithTheOptionShowsAGrantMadeOutsideTheHistory) {
  PrivilegedProject project;
  project.live().execute("GRANT DELETE ON account TO " + project.roles()["b_clerk"]);
  EXPECT_EQ(project.tool({"diff", "chain", "live"}).exit_code, 0);
  ProcessResult diff = project.tool({"diff", "chain", "live", "--privileges"});
  EXPECT_EQ(diff.exit_code, 1) << diff.out << diff.err;
  EXPECT_NE(diff.out.find("GRANT DELETE ON TABLE public.account TO " + project.roles()["b_clerk"]),
            std::string::npos)
      << diff.out;
}

TEST(PrivilegesSquash, DefaultPrivilegesAreRefusedNamingTheRole) {
  PrivilegedProject project;
  std::string owner = project.roles()["c_owner"];
  project.live().execute("ALTER DEFAULT PRIVILEGES FOR ROLE " + owner +
                         " IN SCHEMA public GRANT SELECT ON TABLES TO " +
                         project.roles()["d_reader"]);
  auto before = test::file_hashes(project.versions());
  ProcessResult squash = project.tool(squash_args(true));
  EXPECT_EQ(squash.exit_code, 5) << squash.out << squash.err;
  EXPECT_NE(squash.err.find("default privileges of role " + owner + " in schema public on tables"),
            std::string::npos)
      << squash.err;
  EXPECT_EQ(test::file_hashes(project.versions()), before);
  project.live().execute("ALTER DEFAULT PRIVILEGES FOR ROLE " + owner +
                         " IN SCHEMA public REVOKE SELECT ON TABLES FROM " +
                         project.roles()["d_reader"]);
}

}  // namespace
}  // namespace asq
