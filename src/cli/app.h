#pragma once

#include <istream>
#include <map>
#include <ostream>
#include <string>

namespace asq {

struct CommandContext;

/// The commands a binary runs. The front binary (`alembic-squash`) runs `history` and `heads`
/// itself, without libpq and the 30 shared libraries it loads, and hands every other command to
/// the full binary (`alembic-squash-full`, which runs them all).
struct CommandSet {
  /// Whether this binary runs `command` itself.
  bool (*runs)(const std::string& command);
  /// Runs a command that `runs` accepts; returns the exit code.
  int (*run)(const CommandContext& context);
  /// Runs the whole command line elsewhere, replacing this process; throws Refused when it
  /// cannot. Null when `runs` accepts every command.
  void (*hand_over)(const char* const* argv);
};

/// Every command (the full binary).
const CommandSet& all_commands();
/// `history` and `heads`, the rest handed to the full binary (the front binary).
const CommandSet& front_commands();

/// Runs the tool as `main` does, with everything passed in: the arguments, the environment,
/// the working directory and the streams. Catches every error and returns the exit code.
/// `in` is where a confirmation is read from; null when there is no terminal to ask.
/// `out_is_terminal`, `err_is_terminal`: standard output / error is a terminal (progress lines
/// are drawn on it, errors, warnings and hazards coloured unless NO_COLOR is set).
int run_app(const CommandSet& commands, int argc, const char* const* argv,
            const std::map<std::string, std::string>& environment, const std::string& working_dir,
            std::istream* in, std::ostream& out, std::ostream& err, bool out_is_terminal = false,
            bool err_is_terminal = false);

/// `main` of a binary that runs `commands`: reads the environment, the working directory and
/// whether the standard streams are terminals, then run_app().
int run_main(const CommandSet& commands, int argc, char** argv);

}  // namespace asq
