// docs/alembic-squash.1 against the binary's --help: every command has its section, every option
// is documented where it belongs, every exit code is listed, and groff renders it cleanly.

#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <set>
#include <sstream>

#include "install/help_words.h"
#include "support/process.h"

namespace asq {
namespace {

using test::HelpWords;
using test::read_text;
using test::run_process;
using test::source_path;

/// The man page's text with roff's escapes for hyphens, fonts and quotes undone.
std::string plain(std::string roff) {
  static const std::regex font(R"(\\f(\[[A-Z]*\]|[BIRP]))");
  roff = std::regex_replace(roff, font, "");
  roff = std::regex_replace(roff, std::regex(R"(\\-)"), "-");
  roff = std::regex_replace(roff, std::regex(R"(\\%|\\&)"), "");
  return std::regex_replace(roff, std::regex(R"(\\\(dq)"), "\"");
}

/// The lines from the heading `.SH`/`.SS` whose first word is `name` to the next heading of
/// the same or a higher level; empty when there is no such heading.
std::string section(const std::string& page, const std::string& macro, const std::string& name) {
  std::istringstream lines(page);
  std::string text;
  bool inside = false;
  for (std::string line; std::getline(lines, line);) {
    bool heading = line.rfind(".SH", 0) == 0 || (macro == ".SS" && line.rfind(".SS", 0) == 0);
    if (inside && heading) break;
    if (line.rfind(macro + " ", 0) == 0) {
      std::string title = line.substr(macro.size() + 1);
      title.erase(std::remove(title.begin(), title.end(), '"'), title.end());
      inside = title == name || title.rfind(name + " ", 0) == 0;
    }
    if (inside) text += line + "\n";
  }
  return text;
}

/// The tags of the `.TP` items of a section, split into words: "--through", "REV", "-q", ...
std::set<std::string> item_tags(const std::string& text) {
  std::set<std::string> tags;
  std::istringstream lines(text);
  bool tag_next = false;
  for (std::string line; std::getline(lines, line);) {
    if (tag_next) {
      if (line.rfind(".B", 0) == 0) line = line.substr(line.find(' ') + 1);
      line.erase(std::remove(line.begin(), line.end(), '"'), line.end());
      std::replace(line.begin(), line.end(), ',', ' ');
      std::istringstream words(line);
      for (std::string word; words >> word;) tags.insert(word);
    }
    tag_next = line == ".TP";
  }
  return tags;
}

/// What the man page fails to document, one line per miss ("command squash: --yes"): each
/// option must be the tag of a `.TP` item in its command's `.SS` section (global options in
/// OPTIONS), each exit code one in EXIT STATUS.
std::vector<std::string> missing_from_man_page(const HelpWords& help, const std::string& roff) {
  std::string page = plain(roff);
  std::vector<std::string> missing;
  std::set<std::string> global = item_tags(section(page, ".SH", "OPTIONS"));
  for (const auto& option : help.global_options) {
    if (!global.count(option)) missing.push_back("OPTIONS: " + option);
  }
  for (const auto& command : help.commands) {
    std::string text = section(page, ".SS", command);
    if (text.empty()) missing.push_back("command " + command + ": no .SS section");
    std::set<std::string> items = item_tags(text);
    for (const auto& option : help.command_options.at(command)) {
      if (!items.count(option)) missing.push_back("command " + command + ": " + option);
    }
  }
  std::set<std::string> codes = item_tags(section(page, ".SH", "EXIT STATUS"));
  for (const auto& code : help.exit_codes) {
    if (!codes.count(code)) missing.push_back("EXIT STATUS: " + code);
  }
  return missing;
}

std::string without(std::string text, const std::string& part) {
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part)) {
    text.erase(at, part.size());
  }
  return text;
}

class ManPage : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { help_ = new HelpWords(test::read_help()); }
  static void TearDownTestSuite() { delete help_; }
  static HelpWords* help_;
  std::string roff_ = read_text(source_path("docs/alembic-squash.1"));
};
HelpWords* ManPage::help_ = nullptr;

TEST_F(ManPage, HelpListsCommandsOptionsAndExitCodes) {
  // The parsing below must see something, or the other tests would pass on nothing.
  EXPECT_GE(help_->commands.size(), 10u);
  EXPECT_TRUE(help_->global_options.count("--database-url"));
  EXPECT_TRUE(help_->global_options.count("-q"));
  EXPECT_TRUE(help_->command_options.at("squash").count("--yes"));
  EXPECT_TRUE(help_->command_options.at("restore").count("--files-only"));
  EXPECT_FALSE(help_->command_options.at("plan").count("--plan"))
      << "an option named in a description is not an option of the command";
  EXPECT_EQ(help_->exit_codes, (std::vector<std::string>{"0", "1", "2", "3", "4", "5", "6", "7"}));
}

TEST_F(ManPage, DocumentsEveryCommandOptionAndExitCodeOfHelp) {
  std::vector<std::string> missing = missing_from_man_page(*help_, roff_);
  EXPECT_TRUE(missing.empty()) << ::testing::PrintToString(missing);
}

TEST_F(ManPage, CheckFailsWhenAnOptionOrCommandIsMissing) {
  std::string no_sql = without(roff_, ".B \\-\\-sql\n");
  EXPECT_EQ(missing_from_man_page(*help_, no_sql), std::vector<std::string>{"command plan: --sql"});
  std::string no_verify = without(roff_, ".SS verify");
  EXPECT_EQ(
      missing_from_man_page(*help_, no_verify),
      (std::vector<std::string>{"command verify: no .SS section", "command verify: --privileges"}));
  std::string no_quiet = without(roff_, ".BR \\-q \", \" \\-\\-quiet\n");
  EXPECT_EQ(missing_from_man_page(*help_, no_quiet),
            (std::vector<std::string>{"OPTIONS: --quiet", "OPTIONS: -q"}));
}

TEST_F(ManPage, RendersWithoutGroffWarnings) {
  test::ProcessResult result =
      run_process({"groff", "-man", "-Tutf8", "-ww", "-z", source_path("docs/alembic-squash.1")});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.err, "");
  test::ProcessResult text =
      run_process({"groff", "-man", "-Tascii", "-P-cbou", source_path("docs/alembic-squash.1")});
  EXPECT_NE(text.out.find("EXIT STATUS"), std::string::npos);
}

}  // namespace
}  // namespace asq
