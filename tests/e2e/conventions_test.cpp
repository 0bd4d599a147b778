// Issue 13, "Follow the project's Alembic conventions", on fixtures/conventions (a date-first
// file_template, black as a post_write_hooks hook, a team-edited script.py.mako with copyright
// lines): the squash names its files by the template, writes them from the template, runs the
// hook on them, and the real Alembic rebuilds live from them; doctor has no false warnings on
// the project before or after. A failing hook stops the squash with nothing changed.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "support/alembic.h"
#include "support/postgres.h"
#include "support/process.h"

namespace asq {
namespace {

namespace fs = std::filesystem;
using test::ProcessResult;

const char* kSyncId = "5a9c3e7f1b24";
const char* kBaselineName = "2026_11_21_0930-001_initial_schema_initial_schema.py";
const char* kSyncName = "2026_11_21_0930-5a9c3e7f1b24_sync_with_database.py";

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

class Conventions : public testing::Test {
 protected:
  void SetUp() override {
    ProcessResult built = alembic({"upgrade", "head"}, live_.url());
    ASSERT_EQ(built.exit_code, 0) << built.err;
    live_.run_sql_file(copy_.path + "/drift.sql");
  }
  ProcessResult alembic(const std::vector<std::string>& args, const std::string& url) const {
    return test::run_alembic(copy_.path, args, url);
  }
  ProcessResult tool(const std::vector<std::string>& args) const {
    return test::run_tool(args, copy_.path, {{"DATABASE_URL", live_.url()}});
  }
  ProcessResult squash() const {
    return tool(
        {"squash", "--yes", "--revision-id", kSyncId, "--date", "2026-11-21 09:30:00.000000"});
  }
  std::string versions() const { return copy_.path + "/migrations/versions"; }
  std::vector<std::string> revision_files() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(versions())) {
      if (entry.path().extension() == ".py") names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
  }
  /// doctor exits 0 and prints no warning at all.
  void expect_doctor_quiet() const {
    ProcessResult doctor = tool({"doctor", "--strict"});
    EXPECT_EQ(doctor.exit_code, 0) << doctor.out << doctor.err;
    EXPECT_TRUE(contains(doctor.out, "healthy: no faults found")) << doctor.out;
    EXPECT_FALSE(contains(doctor.out + doctor.err, "file name")) << doctor.out;
  }

  test::FixtureCopy copy_{"conventions"};
  test::TestDatabase live_{"conventions_live"};
  test::TestDatabase fresh_{"conventions_fresh"};
};

TEST_F(Conventions, SquashedFilesFollowTheTemplateTheMakoAndTheHookAndRebuildLive) {
  expect_doctor_quiet();
  std::string live_dump = test::schema_dump(live_.url());

  ProcessResult squashed = squash();
  ASSERT_EQ(squashed.exit_code, 0) << squashed.out << squashed.err;
  EXPECT_EQ(revision_files(), (std::vector<std::string>{kBaselineName, kSyncName}));

  for (const char* name : {kBaselineName, kSyncName}) {
    std::string file = test::read_text(versions() + "/" + name);
    // The header of the team's script.py.mako, line for line.
    EXPECT_TRUE(
        file.starts_with("# Copyright (c) Tessellate Tickets contributors.\n"
                         "# SPDX-License-Identifier: MIT\n\"\"\""))
        << file;
    EXPECT_TRUE(contains(file,
                         "Create Date: 2026-11-21 09:30:00.000000\n\n\"\"\"\n"
                         "from typing import Sequence, Union\n\nfrom alembic import op\n"
                         "import sqlalchemy as sa\n"))
        << file;
    EXPECT_FALSE(contains(file, "## The typed identifiers")) << "a ## comment is not output";
    // repr() writes single quotes; black, the hook, made them double.
    EXPECT_TRUE(contains(file, "branch_labels: Union[str, Sequence[str], None] = None\n")) << file;
    EXPECT_FALSE(contains(file, "revision: str = '")) << file;
  }
  std::string sync = test::read_text(versions() + "/" + kSyncName);
  EXPECT_TRUE(contains(sync,
                       "revision: str = \"5a9c3e7f1b24\"\n"
                       "down_revision: Union[str, None] = \"001_initial_schema\"\n"))
      << sync;
  std::string baseline = test::read_text(versions() + "/" + kBaselineName);
  EXPECT_TRUE(contains(baseline,
                       "depends_on: Union[str, Sequence[str], None] = None\n"
                       "# The revisions this file replaces"))
      << baseline;

  if (fs::exists("/usr/bin/black")) {
    ProcessResult check =
        test::run_process({"/usr/bin/black", "--check", versions() + "/" + kBaselineName,
                           versions() + "/" + kSyncName},
                          copy_.path);
    EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  }

  ProcessResult heads = alembic({"heads"}, live_.url());
  ASSERT_EQ(heads.exit_code, 0) << heads.err;
  EXPECT_EQ(heads.out, std::string(kSyncId) + " (head)\n");
  ProcessResult up = alembic({"upgrade", "head"}, fresh_.url());
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_EQ(test::schema_dump(fresh_.url()), live_dump);
  EXPECT_EQ(test::version_rows(live_.url()), std::vector<std::string>{kSyncId});

  expect_doctor_quiet();
}

TEST_F(Conventions, AlembicInisTimezoneDatesTheNewFilesAsAlembicRevisionDoes) {
  // Asia/Kolkata: +05:30 all year. Without --date the files are dated now in that zone, the
  // offset written as Python prints an aware datetime; a zone the system lacks is refused.
  std::string ini = copy_.path + "/alembic.ini";
  std::string text = test::read_text(ini);
  std::string original = text;
  text.replace(text.find("truncate_slug_length"), 0, "timezone = Nowhere/Atlantis\n");
  test::write_text(ini, text);
  std::vector<std::string> before = revision_files();
  ProcessResult refused = tool({"squash", "--yes", "--revision-id", kSyncId});
  EXPECT_EQ(refused.exit_code, 2) << refused.out << refused.err;
  EXPECT_TRUE(contains(refused.err, "can't locate timezone Nowhere/Atlantis")) << refused.err;
  EXPECT_EQ(revision_files(), before);

  text = original;
  text.replace(text.find("truncate_slug_length"), 0, "timezone = Asia/Kolkata\n");
  test::write_text(ini, text);
  ProcessResult squashed = tool({"squash", "--yes", "--revision-id", kSyncId});
  ASSERT_EQ(squashed.exit_code, 0) << squashed.out << squashed.err;
  std::vector<std::string> files = revision_files();
  ASSERT_EQ(files.size(), 2u);
  std::string baseline = test::read_text(versions() + "/" + files[0]);
  size_t line = baseline.find("Create Date: ");
  ASSERT_NE(line, std::string::npos) << baseline;
  std::string date = baseline.substr(line + 13, baseline.find('\n', line) - line - 13);
  EXPECT_EQ(date.size(), 32u) << date;  // 2026-12-07 10:30:00.123456+05:30
  EXPECT_TRUE(date.ends_with("+05:30")) << date;
  // The name's date is the same local time: 2026_12_07_1030-...
  std::string stamp = date.substr(0, 4) + "_" + date.substr(5, 2) + "_" + date.substr(8, 2) + "_" +
                      date.substr(11, 2) + date.substr(14, 2) + "-";
  EXPECT_TRUE(files[0].starts_with(stamp)) << files[0] << " vs " << date;
}

TEST_F(Conventions, AFailingHookStopsTheSquashNamingItWithNothingChanged) {
  std::string ini = test::read_text(copy_.path + "/alembic.ini");
  size_t at = ini.find("[post_write_hooks]");
  size_t end = ini.find("[loggers]");
  ini.replace(at, end - at,
              "[post_write_hooks]\n"
              "hooks = black, lint\n"
              "black.type = console_scripts\n"
              "black.entrypoint = black\n"
              "black.options = -q REVISION_SCRIPT_FILENAME\n"
              "lint.type = exec\n"
              "lint.executable = /bin/sh\n"
              "lint.options = -c 'echo \"lint: $(basename \"$0\") breaks rule X1\" >&2; exit 3' "
              "REVISION_SCRIPT_FILENAME\n\n");
  test::write_text(copy_.path + "/alembic.ini", ini);
  auto before = test::file_hashes(copy_.path);

  ProcessResult squashed = squash();
  EXPECT_EQ(squashed.exit_code, 5) << squashed.out << squashed.err;
  EXPECT_TRUE(
      contains(squashed.err, "alembic-squash: refused: post write hook 'lint' (" + copy_.path +
                                 "/alembic.ini:17) on " + kBaselineName +
                                 " failed with exit status 3; nothing was changed. It printed:\n"
                                 "lint: " +
                                 kBaselineName + " breaks rule X1\n"))
      << squashed.err;
  EXPECT_EQ(test::file_hashes(copy_.path), before);
  EXPECT_EQ(test::version_rows(live_.url()), std::vector<std::string>{"e0a7f5b2c319"});
  for (const auto& entry : fs::directory_iterator(copy_.path + "/migrations")) {
    EXPECT_FALSE(entry.path().filename().string().starts_with(".alembic-squash-hooks"))
        << "the staging folder is removed";
  }
}

}  // namespace
}  // namespace asq
