// The shell completions (completions/) against the binary's --help: bash completes exactly the
// commands and each command's options; the zsh function names every one of them.

#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <sstream>

#include "install/help_words.h"
#include "support/process.h"

namespace asq {
namespace {

using test::HelpWords;
using test::run_process;
using test::source_path;

/// What bash's completion function offers for the words typed so far (the last one is being
/// completed), sorted.
std::set<std::string> bash_completes(const std::vector<std::string>& words) {
  std::string typed;
  for (const auto& word : words) typed += " '" + word + "'";
  std::string script = "source '" + source_path("completions/alembic-squash.bash") +
                       "'\nCOMP_WORDS=(alembic-squash" + typed +
                       ")\nCOMP_CWORD=" + std::to_string(words.size()) +
                       "\n_alembic_squash\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n";
  test::ProcessResult result = run_process({"bash", "--norc", "--noprofile", "-c", script});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  std::set<std::string> offered;
  std::istringstream lines(result.out);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty()) offered.insert(line);
  }
  return offered;
}

class Completions : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { help_ = new HelpWords(test::read_help()); }
  static void TearDownTestSuite() { delete help_; }
  static HelpWords* help_;
};
HelpWords* Completions::help_ = nullptr;

TEST_F(Completions, BashOffersExactlyTheCommands) {
  ASSERT_GE(help_->commands.size(), 10u);
  std::set<std::string> commands(help_->commands.begin(), help_->commands.end());
  EXPECT_EQ(bash_completes({""}), commands);
  EXPECT_EQ(bash_completes({"sq"}), std::set<std::string>{"squash"});
  EXPECT_EQ(bash_completes({"--json", "-q", "hea"}), std::set<std::string>{"heads"});
  EXPECT_EQ(bash_completes({"--database-url", "history", "hea"}), std::set<std::string>{"heads"})
      << "the value of --database-url is not the command";
  EXPECT_EQ(bash_completes({"-c", "history", "-x", "heads", "hea"}), std::set<std::string>{"heads"})
      << "the values of -c and -x are not the command";
  EXPECT_EQ(bash_completes({"he"}), (std::set<std::string>{"heads", "help"}));
  EXPECT_EQ(bash_completes({"help", "sq"}), std::set<std::string>{"squash"});
}

TEST_F(Completions, BashOffersExactlyEachCommandsOptions) {
  for (const auto& command : help_->commands) {
    std::set<std::string> expected = help_->global_options;
    const auto& own = help_->command_options.at(command);
    expected.insert(own.begin(), own.end());
    EXPECT_EQ(bash_completes({command, "-"}), expected) << command;
    EXPECT_EQ(bash_completes({"--ini", "x.ini", command, "-"}), expected) << command;
  }
}

TEST_F(Completions, BashCompletesSchemaSourcesAfterFrom) {
  std::set<std::string> offered = bash_completes({"snapshot", "--from", "ch"});
  EXPECT_TRUE(offered.count("chain"));
  EXPECT_FALSE(offered.count("live"));
}

TEST_F(Completions, ZshNamesEveryCommandAndOption) {
  std::string zsh = test::read_text(source_path("completions/_alembic-squash"));
  EXPECT_EQ(zsh.rfind("#compdef alembic-squash\n", 0), 0u);
  for (const auto& command : help_->commands) {
    EXPECT_NE(zsh.find("'" + command + ":"), std::string::npos) << command;
    EXPECT_NE(zsh.find("\n        " + command + ")"), std::string::npos)
        << command << " has no case of its own";
  }
  // An option spec of _arguments: '--out=[...]', '*--database-url=[...]', {-q,--quiet}'[...]'.
  auto named = [&](const std::string& option) {
    return std::regex_search(zsh, std::regex("['{,)*]" + option + "(=?\\[|[,}])"));
  };
  for (const auto& option : help_->global_options) EXPECT_TRUE(named(option)) << option;
  for (const auto& [command, options] : help_->command_options) {
    for (const auto& option : options) EXPECT_TRUE(named(option)) << command << " " << option;
  }
}

}  // namespace
}  // namespace asq
