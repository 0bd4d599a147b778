// `restore` with nothing to undo says so with its own exit code (7, not the usage code 2), and
// `restore --files-only` never connects, even to a database that is configured.

#include <gtest/gtest.h>

#include <filesystem>

#include "common/json.h"
#include "support/postgres.h"
#include "support/process.h"

namespace asq {
namespace {

namespace fs = std::filesystem;
using test::ProcessResult;
using test::run_tool;
using test::source_path;
using test::TestDatabase;

const char* kUnreachable = "postgresql://postgres@127.0.0.1:1/none";

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(Restore, NothingToUndoExits7AndSaysSo) {
  test::FixtureCopy seed("seed16");
  auto before = test::file_hashes(seed.path);
  ProcessResult result = run_tool({"restore", "--files-only"}, seed.path);
  EXPECT_EQ(result.exit_code, 7);
  EXPECT_TRUE(contains(result.err,
                       "alembic-squash: nothing to undo: no squash under alembic/versions/backup "
                       "is still in place"))
      << result.err;
  EXPECT_EQ(result.out, "");
  ProcessResult json = run_tool({"--json", "restore", "--files-only"}, seed.path);
  EXPECT_EQ(json.exit_code, 7);
  Json report = Json::parse(json.out, "stdout");
  EXPECT_FALSE(report.find("restored")->as_bool());
  EXPECT_EQ(report.find("archive")->as_string(), "alembic/versions/backup");
  // with a database configured too: nothing is asked of it before there is something to undo
  EXPECT_EQ(run_tool({"restore"}, seed.path, {{"DATABASE_URL", kUnreachable}}).exit_code, 7);
  EXPECT_EQ(test::file_hashes(seed.path), before);
}

TEST(Restore, FilesOnlyNeverConnectsEvenWithAConfiguredUrl) {
  test::FixtureCopy seed("seed16");
  TestDatabase live("restore_files_only");
  live.run_sql_file(source_path("fixtures/seed16/state.sql"));
  std::string versions = seed.path + "/alembic/versions";
  auto before = test::file_hashes(versions);
  ProcessResult squash = run_tool({"squash", "--yes"}, seed.path, {{"DATABASE_URL", live.url()}});
  ASSERT_EQ(squash.exit_code, 0) << squash.out << squash.err;
  ASSERT_TRUE(fs::exists(versions + "/001_initial_schema.py"));
  // The database is configured but cannot be reached: without --files-only that stops restore.
  ProcessResult needs_db = run_tool({"restore"}, seed.path, {{"DATABASE_URL", kUnreachable}});
  EXPECT_EQ(needs_db.exit_code, 4) << needs_db.err;
  EXPECT_TRUE(fs::exists(versions + "/001_initial_schema.py"));
  ProcessResult files_only =
      run_tool({"restore", "--files-only"}, seed.path, {{"DATABASE_URL", kUnreachable}});
  EXPECT_EQ(files_only.exit_code, 0) << files_only.err;
  EXPECT_TRUE(contains(files_only.out, "version table not touched (--files-only)"))
      << files_only.out;
  auto after = test::file_hashes(versions);
  for (auto it = after.begin(); it != after.end();) {
    it = it->first.rfind("backup/", 0) == 0 ? after.erase(it) : std::next(it);
  }
  EXPECT_EQ(after, before);
  EXPECT_EQ(test::version_rows(live.url()).size(), 1u);
  EXPECT_NE(test::version_rows(live.url()), std::vector<std::string>{"e3c92c171920"})
      << "the rows stay the squash's";
}

}  // namespace
}  // namespace asq
