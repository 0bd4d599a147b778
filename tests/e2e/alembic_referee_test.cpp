// The real Alembic is the referee: on every valid fixture our `heads` and `history` must print
// what `alembic heads` / `alembic history` print (same revisions, same order, same markers).

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace asq
