// Global options that mirror Alembic's and squash.toml's: `-c FILE` (Alembic's spelling of
// --ini), `-x KEY=VALUE` passed on to the real Alembic, `--scratch-url` and `--archive-dir`
// over the file's values, checked the same way.

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
using test::TempDir;
using test::TestDatabase;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(Options, DashCIsAlembicsSpellingOfIni) {
  TempDir elsewhere;
  std::string ini = source_path("fixtures/branches/alembic.ini");
  ProcessResult in_place = run_tool({"history"}, source_path("fixtures/branches"));
  ASSERT_EQ(in_place.exit_code, 0) << in_place.err;
  ProcessResult with_c = run_tool({"-c", ini, "history"}, elsewhere.path());
  EXPECT_EQ(with_c.exit_code, 0) << with_c.err;
  EXPECT_EQ(with_c.out, in_place.out);
  ProcessResult after = run_tool({"heads", "-c", ini}, elsewhere.path());
  EXPECT_EQ(after.exit_code, 0) << after.err;
  EXPECT_EQ(after.out, run_tool({"heads"}, source_path("fixtures/branches")).out);
  ProcessResult both = run_tool({"-c", ini, "--ini", ini, "history"}, elsewhere.path());
  EXPECT_EQ(both.exit_code, 2) << "one alembic.ini, named once";
}

/// A project whose one revision names its table after `-x table=NAME`, as teams pass tenant
/// names or flags to their revisions.
class XArguments : public testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(dir_ / "alembic/versions");
    test::write_text(dir_ / "alembic.ini", "[alembic]\nscript_location = %(here)s/alembic\n");
    test::write_text(dir_ / "alembic/env.py", "from alembic import context\n");
    test::write_text(dir_ / "squash.toml", "[alembic]\npython = \"/usr/bin/python3\"\n");
    test::write_text(dir_ / "alembic/versions/a1_create.py",
                     "\"\"\"a table named by -x table=NAME\n\nRevision ID: a1\nRevises:\n\"\"\"\n"
                     "from alembic import context, op\nimport sqlalchemy as sa\n\n"
                     "revision = \"a1\"\ndown_revision = None\n\n\n"
                     "def upgrade():\n"
                     "    x = context.get_x_argument(as_dictionary=True)\n"
                     "    op.create_table(x.get(\"table\", \"no_x\") + x.get(\"suffix\", \"\"),\n"
                     "                    sa.Column(\"id\", sa.Integer(), primary_key=True))\n\n\n"
                     "def downgrade():\n    pass\n");
  }
  /// The tables of `snapshot --from chain` with these extra arguments.
  std::vector<std::string> chain_tables(std::vector<std::string> args) const {
    args.insert(args.begin(), {"snapshot", "--from", "chain", "--replay-engine", "alembic"});
    ProcessResult result = run_tool(args, dir_.path(), {{"DATABASE_URL", db_.url()}});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    std::vector<std::string> names;
    if (result.exit_code != 0) return names;
    Json snapshot = Json::parse(result.out, "stdout");
    for (const auto& table : snapshot.find("tables")->as_array()) {
      names.push_back(table.find("name")->as_string());
    }
    return names;
  }
  TempDir dir_;
  TestDatabase db_{"x_arguments"};
};

TEST_F(XArguments, ReachTheRealAlembicsGetXArgument) {
  EXPECT_EQ(chain_tables({}), std::vector<std::string>{"no_x"});
  EXPECT_EQ(chain_tables({"-x", "table=tenant_a"}), std::vector<std::string>{"tenant_a"});
  EXPECT_EQ(chain_tables({"-x", "table=t", "-x", "suffix=_2"}), std::vector<std::string>{"t_2"});
}

TEST_F(XArguments, MustBeKeyEqualsValue) {
  for (const char* bad : {"table", "=x"}) {
    ProcessResult result = run_tool({"snapshot", "--from", "chain", "-x", bad}, dir_.path(),
                                    {{"DATABASE_URL", db_.url()}});
    EXPECT_EQ(result.exit_code, 2) << bad;
    EXPECT_TRUE(contains(result.err,
                         "-x takes KEY=VALUE (as Alembic's -x), not '" + std::string(bad) + "'"))
        << result.err;
  }
}

TEST(Options, ScratchUrlFlagOverridesTheFileAndIsCheckedTheSameWay) {
  test::FixtureCopy seed("seed16");
  // The file's scratch server cannot be reached; the flag's can.
  test::write_text(seed.path + "/squash.toml",
                   "[database]\nscratch_url = \"postgresql://postgres@127.0.0.1:1/none\"\n");
  std::vector<std::string> args{"snapshot", "--from", "chain@e2412789c190"};
  ProcessResult from_file = run_tool(args, seed.path);
  EXPECT_EQ(from_file.exit_code, 4) << from_file.err;
  EXPECT_TRUE(contains(from_file.err, "port 1")) << from_file.err;
  args.insert(args.end(), {"--scratch-url", test::server_url()});
  ProcessResult from_flag = run_tool(args, seed.path);
  EXPECT_EQ(from_flag.exit_code, 0) << from_flag.err;
  EXPECT_TRUE(contains(from_flag.out, "\"tables\"")) << from_flag.out;

  test::write_text(seed.path + "/squash.toml", "[database]\nscratch_url = \"mysql://x@y/z\"\n");
  ProcessResult bad_file = run_tool({"doctor", "--no-database"}, seed.path);
  EXPECT_EQ(bad_file.exit_code, 2);
  EXPECT_TRUE(contains(bad_file.err, "squash.toml:2:15: expected a PostgreSQL URL"))
      << bad_file.err;
  fs::remove(seed.path + "/squash.toml");
  ProcessResult bad_flag =
      run_tool({"doctor", "--no-database", "--scratch-url", "mysql://x@y/z"}, seed.path);
  EXPECT_EQ(bad_flag.exit_code, 2);
  EXPECT_TRUE(contains(bad_flag.err, "--scratch-url: expected a PostgreSQL URL")) << bad_flag.err;
}

TEST(Options, ArchiveDirFlagOverridesTheFile) {
  test::FixtureCopy seed("seed16");
  TempDir archives;
  TestDatabase live("archive_dir_flag");
  live.run_sql_file(source_path("fixtures/seed16/state.sql"));
  // The fixture's squash.toml holds the fills; the archive folder is added to it.
  test::write_text(seed.path + "/squash.toml", test::read_text(seed.path + "/squash.toml") +
                                                   "\n[squash]\narchive_dir = \"from_file\"\n");
  ProcessResult squash = run_tool({"squash", "--yes", "--archive-dir", archives.path()}, seed.path,
                                  {{"DATABASE_URL", live.url()}});
  ASSERT_EQ(squash.exit_code, 0) << squash.out << squash.err;
  EXPECT_FALSE(fs::exists(seed.path + "/alembic/versions/from_file"));
  std::vector<fs::path> backups;
  for (const auto& entry : fs::directory_iterator(archives.path())) backups.push_back(entry);
  ASSERT_EQ(backups.size(), 1u);
  EXPECT_TRUE(fs::exists(backups.front() / "manifest.json"));
  // restore looks where the flag says, not where the file says
  ProcessResult from_file = run_tool({"restore", "--files-only"}, seed.path);
  EXPECT_EQ(from_file.exit_code, 7) << from_file.err;
  ProcessResult from_flag =
      run_tool({"restore", "--files-only", "--archive-dir", archives.path()}, seed.path);
  EXPECT_EQ(from_flag.exit_code, 0) << from_flag.err;
  EXPECT_FALSE(fs::exists(seed.path + "/alembic/versions/001_initial_schema.py"));
  EXPECT_TRUE(
      fs::exists(seed.path + "/alembic/versions/7c4d1e9a2b58_add_execution_fields_to_issue.py"));
}

}  // namespace
}  // namespace asq
