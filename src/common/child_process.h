#pragma once

// Runs another program (the user's Python) and collects what it prints.

#include <map>
#include <string>
#include <system_error>
#include <vector>

namespace asq {

/// What a finished child process left behind.
struct ChildResult {
  /// The exit status, or 128 + the signal that ended it.
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs `argv` (argv[0] looked up in the PATH of `environment` unless it holds a `/`) in `cwd`
/// with exactly `environment`, standard input /dev/null, and waits for it. Throws
/// std::system_error when the program cannot be started (not found, not executable).
ChildResult run_child(const std::vector<std::string>& argv, const std::string& cwd,
                      const std::map<std::string, std::string>& environment);

}  // namespace asq
