#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include "cli/app.h"
#include "cli/commands.h"
#include "common/errors.h"

namespace asq {
namespace {

namespace fs = std::filesystem;

bool runs_without_database(const std::string& command) {
  return command == "history" || command == "heads";
}

int run_command(const CommandContext& context) {
  const std::string& command = context.invocation.command;
  if (command == "history") return run_history(context);
  if (command == "heads") return run_heads(context);
  throw UsageError("unknown command '" + command + "'");
}

/// Where the full binary may be: next to this one (the build folder), then where the install
/// puts it relative to the bin folder (ASQ_FULL_FROM_BINDIR, e.g. ../libexec/alembic-squash);
/// this one found by /proc/self/exe, then by argv[0] when it holds a path (without /proc, or
/// under a loader or emulator that /proc/self/exe names instead).
std::vector<fs::path> full_binary_candidates(const char* argv0) {
  std::vector<fs::path> folders;
  std::error_code error;
  fs::path self = fs::read_symlink("/proc/self/exe", error);
  if (!error) folders.push_back(self.parent_path());
  if (argv0 && std::strchr(argv0, '/')) folders.push_back(fs::absolute(argv0, error).parent_path());
  std::vector<fs::path> candidates;
  for (const auto& folder : folders) {
    candidates.push_back(folder / "alembic-squash-full");
    candidates.push_back(
        (folder / ASQ_FULL_FROM_BINDIR / "alembic-squash-full").lexically_normal());
  }
  return candidates;
}

void exec_full_binary(const char* const* argv) {
  std::string looked;
  for (const auto& full : full_binary_candidates(argv[0])) {
    std::error_code error;
    if (!fs::exists(full, error)) {
      looked += (looked.empty() ? "" : ", ") + full.string();
      continue;
    }
    ::execv(full.c_str(), const_cast<char* const*>(argv));
    throw Refused("cannot run " + full.string() + ": " + std::strerror(errno) +
                  " (the commands that may use a database run there; reinstall alembic-squash)");
  }
  throw Refused("cannot run alembic-squash-full: not found (looked for " + looked +
                "); the commands that may use a database run there; reinstall alembic-squash");
}

}  // namespace

const CommandSet& front_commands() {
  static const CommandSet commands{runs_without_database, run_command, exec_full_binary};
  return commands;
}

}  // namespace asq
