#pragma once

#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/process.h"

namespace asq::test {

/// What `alembic-squash --help` and each `alembic-squash COMMAND --help` list: the words the man
/// page and the shell completions must know.
struct HelpWords {
  std::vector<std::string> commands;
  std::set<std::string> global_options;                          // "--config", "-q", ...
  std::map<std::string, std::set<std::string>> command_options;  // without the global ones
  std::vector<std::string> exit_codes;                           // "0", "1", ...
};

/// The options defined by a help text: on each line that starts (after spaces) with '-', the
/// option spellings before the description ("  -q [ --quiet ]   only errors",
/// "  --through ARG  replace ..."). Options merely named inside descriptions are not counted.
inline std::set<std::string> options_defined_in(const std::string& help) {
  std::set<std::string> options;
  std::istringstream lines(help);
  static const std::regex option("^--?[A-Za-z][A-Za-z0-9-]*$");
  for (std::string line; std::getline(lines, line);) {
    size_t start = line.find_first_not_of(' ');
    if (start == std::string::npos || start == 0 || line[start] != '-') continue;
    size_t gap = line.find("  ", start);
    std::istringstream words(line.substr(start, gap == std::string::npos ? gap : gap - start));
    for (std::string word; words >> word;) {
      if (std::regex_match(word, option)) options.insert(word);
    }
  }
  return options;
}

/// The commands of the top-level help: the first word of each line under "Commands:".
inline std::vector<std::string> commands_listed_in(const std::string& help) {
  std::vector<std::string> commands;
  std::istringstream lines(help);
  bool inside = false;
  for (std::string line; std::getline(lines, line);) {
    if (line == "Commands:") {
      inside = true;
    } else if (inside && line.empty()) {
      break;
    } else if (inside && line.size() > 2 && line[2] != ' ') {
      commands.push_back(line.substr(2, line.find(' ', 2) - 2));
    }
  }
  return commands;
}

/// The codes of the "Exit codes: 0 ok, 1 differ, ..." paragraph.
inline std::vector<std::string> exit_codes_listed_in(const std::string& help) {
  std::vector<std::string> codes;
  size_t start = help.find("Exit codes:");
  if (start == std::string::npos) return codes;
  std::string paragraph = help.substr(start, help.find("\n\n", start) - start);
  static const std::regex code("(^|[\\s,:])([0-9]+)\\s");
  for (std::sregex_iterator it(paragraph.begin(), paragraph.end(), code), end; it != end; ++it) {
    codes.push_back((*it)[2]);
  }
  return codes;
}

/// Runs the built binary's --help and every COMMAND --help.
inline HelpWords read_help() {
  HelpWords words;
  ProcessResult top = run_tool({"--help"});
  words.commands = commands_listed_in(top.out);
  words.global_options = options_defined_in(top.out);
  words.exit_codes = exit_codes_listed_in(top.out);
  for (const auto& command : words.commands) {
    ProcessResult help = run_tool({command, "--help"});
    std::set<std::string>& options = words.command_options[command];
    for (const auto& option : options_defined_in(help.out)) {
      if (!words.global_options.count(option)) options.insert(option);
    }
  }
  return words;
}

}  // namespace asq::test
