#pragma once

#include <string>
#include <vector>

#include "config/config.h"

namespace asq {

/// The parsed command line.
struct Invocation {
  ConfigFlags flags;
  bool json = false;
  int verbosity = 0;  // -1 quiet, 0 normal, 1 verbose
  bool help = false;
  bool version = false;
  std::string command;
  /// Command-specific options by name (flags have value "true") and positional arguments.
  std::vector<std::pair<std::string, std::string>> options;
  std::vector<std::string> arguments;
  /// Every --database-url given (adopt's targets when several).
  std::vector<std::string> database_urls;

  bool has(const std::string& name) const;
  std::string value(const std::string& name, const std::string& fallback = "") const;
  /// Every value of an option given several times (e.g. --fill), in command-line order.
  std::vector<std::string> values(const std::string& name) const;
};

/// One option a command accepts.
struct CommandOption {
  std::string name;  // long name without dashes
  bool takes_value = false;
  std::string help;
  bool repeatable = false;  // may be given several times (takes_value only)
};

/// The commands and their options, for parsing and for --help.
struct CommandSpec {
  std::string name;
  std::string synopsis;
  std::string summary;
  std::vector<CommandOption> options;
  int max_arguments = 0;
  /// The exit codes this command returns, for its --help ("0 healthy, 3 faults found").
  std::string exits;
  /// One example command line, for its --help.
  std::string example;
};

/// Every command the tool has.
const std::vector<CommandSpec>& command_specs();

/// Parses argv; throws UsageError for unknown commands and flags or missing values.
Invocation parse_command_line(int argc, const char* const* argv);

/// The --help text: the general one when `command` is empty, else that command's (its options,
/// the global options, its exit codes and an example). Throws UsageError for an unknown command.
std::string usage_text(const std::string& command);

}  // namespace asq
