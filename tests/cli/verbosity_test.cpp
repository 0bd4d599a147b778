// -q and -v mean the same on every command: -q keeps errors and what a command exists to print,
// -v adds detail and, for plan and squash, the time of each stage; on a terminal a progress
// line is rewritten in place, and never in a pipe or with --json.

#include <gtest/gtest.h>

#include <regex>
#include <sstream>

#include "support/postgres.h"
#include "support/process.h"

namespace asq {
namespace {

using test::ProcessResult;
using test::run_tool;
using test::source_path;
using test::TestDatabase;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

/// The seed project and a live database in the scenario's state (drift, an unknown revision).
class SeedVerbosity : public testing::Test {
 protected:
  void SetUp() override { live_.run_sql_file(source_path("fixtures/seed16/state.sql")); }
  ProcessResult tool(const std::vector<std::string>& args) const {
    return run_tool(args, seed_.path, {{"DATABASE_URL", live_.url()}});
  }
  /// The stage names of -v's timing lines, in order; every line must be well formed.
  static std::vector<std::string> timed_stages(const std::string& err) {
    static const std::regex line(R"(^  (\S+(?: \S+)*?) {2,}(.*?) +([0-9]+\.[0-9]{2}) s$)");
    std::vector<std::string> stages;
    std::istringstream lines(err);
    for (std::string text; std::getline(lines, text);) {
      std::smatch match;
      if (std::regex_match(text, match, line)) stages.push_back(match[1]);
    }
    return stages;
  }

  test::FixtureCopy seed_{"seed16"};
  TestDatabase live_{"verbosity"};
};

TEST_F(SeedVerbosity, QuietKeepsOnlyErrorsAndWhatTheCommandPrints) {
  ProcessResult plan = tool({"plan", "-q"});
  EXPECT_EQ(plan.exit_code, 0) << plan.err;
  EXPECT_EQ(plan.out, "");
  EXPECT_EQ(plan.err, "");
  ProcessResult verify = tool({"-q", "verify"});
  EXPECT_EQ(verify.exit_code, 1);
  EXPECT_EQ(verify.out, "");
  ProcessResult doctor = tool({"doctor", "-q"});
  EXPECT_EQ(doctor.exit_code, 3);
  EXPECT_EQ(doctor.out.rfind("error: the version table public.alembic_version names", 0), 0u)
      << doctor.out;
  EXPECT_FALSE(contains(doctor.out, "revisions: 16")) << doctor.out;
  EXPECT_FALSE(contains(doctor.out, "2 errors, 0 warnings")) << doctor.out;
  ProcessResult diff = tool({"diff", "chain", "live"});
  ProcessResult quiet_diff = tool({"diff", "chain", "live", "-q"});
  EXPECT_EQ(quiet_diff.exit_code, 1);
  EXPECT_EQ(quiet_diff.out, diff.out.substr(diff.out.find('\n') + 1))
      << "the changes without the heading";
  EXPECT_EQ(tool({"history", "-q"}).out, tool({"history"}).out);
  ProcessResult squash = tool({"squash", "--yes", "-q"});
  EXPECT_EQ(squash.exit_code, 0) << squash.err;
  EXPECT_EQ(squash.out, "");
  EXPECT_EQ(squash.err, "");
  ProcessResult restore = tool({"restore", "-q"});
  EXPECT_EQ(restore.exit_code, 0) << restore.err;
  EXPECT_EQ(restore.out, "");
}

TEST_F(SeedVerbosity, VerboseTimesEachStageOfPlanAndSquash) {
  std::vector<std::string> pinned{"plan", "--revision-id", "318e2657ad46", "--date",
                                  "2026-11-21 00:00:00.000000"};
  ProcessResult plain = tool(pinned);
  EXPECT_EQ(timed_stages(plain.err), std::vector<std::string>{}) << plain.err;
  pinned.push_back("-v");
  ProcessResult plan = tool(pinned);
  ASSERT_EQ(plan.exit_code, 0) << plan.err;
  EXPECT_EQ(timed_stages(plan.err),
            (std::vector<std::string>{"scan", "introspect live", "interpret", "replay old chain",
                                      "diff", "render", "total"}))
      << plan.err;
  EXPECT_TRUE(
      std::regex_search(plan.err, std::regex(R"(\n  interpret +16 revisions +[0-9.]+ s\n)")))
      << plan.err;
  EXPECT_EQ(plan.out, plain.out) << "the plan itself is the same";
  ProcessResult squash = tool({"squash", "--yes", "-v"});
  ASSERT_EQ(squash.exit_code, 0) << squash.err;
  EXPECT_EQ(timed_stages(squash.err),
            (std::vector<std::string>{"scan", "introspect live", "interpret", "replay old chain",
                                      "diff", "render", "verify replay", "commit", "total"}))
      << squash.err;
}

TEST_F(SeedVerbosity, ProgressIsDrawnOnATerminalOnly) {
  std::vector<std::string> argv{"/usr/bin/python3", source_path("tests/support/pty_watch.py"),
                                ASQ_BINARY, "plan"};
  std::map<std::string, std::string> env = test::tool_env({{"DATABASE_URL", live_.url()}});
  ProcessResult terminal = test::run_process(argv, seed_.path, env);
  EXPECT_EQ(terminal.exit_code, 0) << terminal.out;
  EXPECT_TRUE(contains(terminal.out, "\r\033[Kreplay old chain 16/16 ... ")) << terminal.out;
  EXPECT_TRUE(contains(terminal.out, "\r\033[Kintrospect live ... ")) << terminal.out;
  EXPECT_TRUE(contains(terminal.out, "\r\033[Kversion table: public.alembic_version"))
      << "the line is cleared before the plan is printed";
  ProcessResult pipe = tool({"plan"});
  EXPECT_FALSE(contains(pipe.err, "\r")) << pipe.err;
  EXPECT_FALSE(contains(pipe.err, "\033")) << pipe.err;
  argv.push_back("--json");
  ProcessResult json = test::run_process(argv, seed_.path, env);
  EXPECT_EQ(json.exit_code, 0);
  EXPECT_FALSE(contains(json.out, "\033[K")) << json.out;
  argv.back() = "-q";
  EXPECT_FALSE(contains(test::run_process(argv, seed_.path, env).out, "\033[K"));
}

TEST_F(SeedVerbosity, ErrorsWarningsAndHazardsAreColouredOnATerminalUnlessNoColor) {
  auto on_terminal = [&](std::vector<std::string> args, std::map<std::string, std::string> env) {
    args.insert(args.begin(),
                {"/usr/bin/python3", source_path("tests/support/pty_watch.py"), ASQ_BINARY});
    env["DATABASE_URL"] = live_.url();
    env.emplace("NO_COLOR", "");
    env.emplace("TERM", "xterm");
    return test::run_process(args, seed_.path, test::tool_env(env)).out;
  };
  const std::string red = "\033[1;31m", yellow = "\033[33m", magenta = "\033[35m";
  const std::string reset = "\033[0m";
  std::string doctor = on_terminal({"doctor"}, {});
  EXPECT_TRUE(contains(doctor, red + "error" + reset + ": the version table")) << doctor;
  std::string plan = on_terminal({"plan"}, {});
  EXPECT_TRUE(
      contains(plan, magenta + "  ! drop_table item: table is dropped with its data" + reset))
      << plan;
  EXPECT_TRUE(contains(plan, yellow + "WARNING:" + reset + " the version table names")) << plan;
  std::string usage = on_terminal({"frobnicate"}, {});
  EXPECT_TRUE(contains(usage, red + "alembic-squash:" + reset + " unknown command")) << usage;

  for (const auto& off :
       std::vector<std::map<std::string, std::string>>{{{"NO_COLOR", "1"}}, {{"TERM", "dumb"}}}) {
    for (const char* command : {"doctor", "plan", "frobnicate"}) {
      std::string text = on_terminal({command}, off);
      EXPECT_FALSE(contains(text, "\033[1;31m") || contains(text, "\033[35m")) << command << text;
    }
  }
  ProcessResult pipe = tool({"plan"});
  EXPECT_FALSE(contains(pipe.out, "\033[")) << pipe.out;
  EXPECT_FALSE(contains(tool({"doctor"}).out, "\033["));
}

}  // namespace
}  // namespace asq
