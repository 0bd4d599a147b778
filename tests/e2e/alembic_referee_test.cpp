// The real Alembic is the referee: on every valid fixture our `heads` and `history` must print
// what `alembic heads` / `alembic history` print (same revisions, same order, same markers).

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "support/process.h"

namespace asq {
namespace {

using test::ProcessResult;
using test::run_process;
using test::run_tool;
using test::source_path;

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

/// The first word of each line: the revision id (history lines start "<down> -> id").
std::vector<std::string> revision_ids(const std::vector<std::string>& history_lines) {
  std::vector<std::string> ids;
  for (const auto& line : history_lines) {
    size_t arrow = line.find(" -> ");
    size_t start = arrow == std::string::npos ? 0 : arrow + 4;
    ids.push_back(line.substr(start, line.find_first_of(" ,", start) - start));
  }
  return ids;
}

ProcessResult alembic(const std::string& fixture, const std::string& command) {
  // No bytecode, so Alembic's __pycache__ never lands in the source tree.
  return run_process(
      {"/usr/bin/python3", "-m", "alembic", command}, source_path(fixture),
      {{"PYTHONDONTWRITEBYTECODE", "1"}, {"DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none"}});
}

class AlembicReferee : public testing::TestWithParam<std::string> {};

TEST_P(AlembicReferee, HistoryMatchesAlembicLineForLine) {
  ProcessResult theirs = alembic(GetParam(), "history");
  ASSERT_EQ(theirs.exit_code, 0) << theirs.err;
  ProcessResult ours = run_tool({"history"}, source_path(GetParam()));
  ASSERT_EQ(ours.exit_code, 0) << ours.err;
  EXPECT_EQ(revision_ids(lines(ours.out)), revision_ids(lines(theirs.out)));
  EXPECT_EQ(lines(ours.out), lines(theirs.out));
}

TEST_P(AlembicReferee, HeadsMatchAlembic) {
  ProcessResult theirs = alembic(GetParam(), "heads");
  ASSERT_EQ(theirs.exit_code, 0) << theirs.err;
  ProcessResult ours = run_tool({"heads"}, source_path(GetParam()));
  ASSERT_EQ(ours.exit_code, 0) << ours.err;
  EXPECT_EQ(lines(ours.out), lines(theirs.out));
}

INSTANTIATE_TEST_SUITE_P(ValidFixtures, AlembicReferee,
                         testing::Values("fixtures/seed16", "fixtures/branches"),
                         [](const auto& param_info) {
                           return param_info.param.substr(param_info.param.find('/') + 1);
                         });

// One alembic.ini holding two chains in named sections (`alembic -n core`, `alembic -n tenant`),
// core's script_location a package resource (`app.db:migrations/core` under prepend_sys_path):
// `--name`/`-n` reads the same chain Alembic's -n does.
TEST(AlembicRefereeNamedSection, EachSectionsHistoryAndHeadsAreAlembics) {
  test::TempDir dir;
  std::string package = dir / "src/app/db";
  std::filesystem::create_directories(package + "/migrations");
  test::copy_tree(source_path("fixtures/seed16/alembic"), package + "/migrations/core");
  test::copy_tree(source_path("fixtures/branches/alembic"), dir / "tenant");
  test::copy_tree(source_path("fixtures/seed16/sqlmodel"), dir / "src/sqlmodel");  // its stub
  test::write_text(dir / "src/app/__init__.py", "");
  test::write_text(package + "/__init__.py", "");
  test::write_text(dir / "alembic.ini",
                   "[core]\n"
                   "script_location = app.db:migrations/core\n"
                   "prepend_sys_path = src\n"
                   "[tenant]\n"
                   "script_location = %(here)s/tenant\n");
  for (const std::string name : {"core", "tenant"}) {
    for (const std::string command : {"history", "heads"}) {
      ProcessResult theirs =
          run_process({"/usr/bin/python3", "-m", "alembic", "-n", name, command}, dir.path(),
                      {{"PYTHONDONTWRITEBYTECODE", "1"},
                       {"DATABASE_URL", "postgresql://nobody@127.0.0.1:1/n"}});
      ASSERT_EQ(theirs.exit_code, 0) << theirs.err;
      ASSERT_FALSE(lines(theirs.out).empty()) << name << " " << command;
      ProcessResult ours = run_tool({"-n", name, command}, dir.path());
      ASSERT_EQ(ours.exit_code, 0) << ours.err;
      EXPECT_EQ(lines(ours.out), lines(theirs.out)) << name << " " << command;
    }
  }
  // The two sections are two chains.
  EXPECT_NE(run_tool({"--name", "core", "heads"}, dir.path()).out,
            run_tool({"--name", "tenant", "heads"}, dir.path()).out);
}

}  // namespace
}  // namespace asq
