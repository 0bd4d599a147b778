#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

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

/// Where the full binary is: next to this one (the build folder), else where the install puts
/// it relative to the bin folder (ASQ_FULL_FROM_BINDIR, e.g. ../libexec/alembic-squash).
fs::path full_binary() {
  std::error_code error;
  fs::path self = fs::read_symlink("/proc/self/exe", error);
  if (error)
    throw Refused("cannot tell where alembic-squash is (/proc/self/exe): " + error.message());
  fs::path here = self.parent_path();
  fs::path beside = here / "alembic-squash-full";
  if (fs::exists(beside, error)) return beside;
  return (here / ASQ_FULL_FROM_BINDIR / "alembic-squash-full").lexically_normal();
}

void exec_full_binary(const char* const* argv) {
  fs::path full = full_binary();
  ::execv(full.c_str(), const_cast<char* const*>(argv));
  throw Refused("cannot run " + full.string() + ": " + std::strerror(errno) +
                " (the commands that use a database run there; reinstall alembic-squash)");
}

}  // namespace

const CommandSet& front_commands() {
  static const CommandSet commands{runs_without_database, run_command, exec_full_binary};
  return commands;
}

}  // namespace asq
