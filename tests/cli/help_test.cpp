// Each command's --help (and `help COMMAND`): its own options, the global options, its exit
// codes and one example; `help` alone is the general help.

#include <gtest/gtest.h>

#include <algorithm>

#include "install/help_words.h"
#include "support/process.h"

namespace asq {
namespace {

using test::ProcessResult;
using test::run_tool;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(Help, EachCommandsHelpShowsTheGlobalOptionsItsExitCodesAndAnExample) {
  ProcessResult top = run_tool({"--help"});
  ASSERT_EQ(top.exit_code, 0);
  std::vector<std::string> commands = test::commands_listed_in(top.out);
  ASSERT_GE(commands.size(), 11u);
  std::set<std::string> global = test::options_defined_in(top.out);
  ASSERT_TRUE(global.count("--database-url"));
  for (const auto& command : commands) {
    ProcessResult help = run_tool({command, "--help"});
    EXPECT_EQ(help.exit_code, 0) << command;
    std::set<std::string> defined = test::options_defined_in(help.out);
    for (const auto& option : global)
      EXPECT_TRUE(defined.count(option)) << command << " " << option;
    EXPECT_TRUE(contains(help.out, "\nExit codes: 0 ")) << command << ":\n" << help.out;
    EXPECT_TRUE(contains(help.out, "\nExample:\n  alembic-squash " + command)) << command << ":\n"
                                                                               << help.out;
  }
}

/// A command's help on one line: the exit codes paragraph is wrapped.
std::string help_of(const std::string& command) {
  std::string text = run_tool({command, "--help"}).out;
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text;
}

TEST(Help, TheExitCodesOfACommandAreItsOwn) {
  EXPECT_TRUE(contains(help_of("plan"), "6 hazards found (--fail-on hazard)"));
  EXPECT_TRUE(contains(help_of("restore"), "7 nothing to undo"));
  EXPECT_TRUE(contains(help_of("doctor"), "3 errors found (with --strict: warnings too)"));
  EXPECT_FALSE(contains(help_of("history"), "nothing to undo"));
}

TEST(Help, HelpCommandGivesTheGeneralHelpOrACommands) {
  ProcessResult general = run_tool({"help"});
  EXPECT_EQ(general.exit_code, 0);
  EXPECT_EQ(general.out, run_tool({"--help"}).out);
  for (const char* command : {"squash", "doctor", "restore", "help"}) {
    ProcessResult help = run_tool({"help", command});
    EXPECT_EQ(help.exit_code, 0) << command;
    EXPECT_EQ(help.out, run_tool({command, "--help"}).out) << command;
    EXPECT_TRUE(contains(help.out, std::string("usage: alembic-squash [options] ") + command));
  }
  ProcessResult unknown = run_tool({"help", "frobnicate"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_TRUE(contains(unknown.err, "unknown command 'frobnicate'")) << unknown.err;
  EXPECT_EQ(unknown.out, "");
}

}  // namespace
}  // namespace asq
