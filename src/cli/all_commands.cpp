#include <pqxx/pqxx>

#include "cli/app.h"
#include "cli/commands.h"
#include "common/errors.h"
#include "config/url_check.h"

namespace asq {
namespace {

int dispatch(const CommandContext& context) {
  const std::string& command = context.invocation.command;
  if (command == "history") return run_history(context);
  if (command == "heads") return run_heads(context);
  // Every other command may connect: libpq's own refusals of the URLs are usage errors first.
  check_urls(context.config);
  if (command == "doctor") return run_doctor(context);
  if (command == "snapshot") return run_snapshot(context);
  if (command == "restore") return run_restore(context);
  if (command == "diff") return run_diff(context);
  if (command == "plan") return run_plan(context);
  if (command == "squash") return run_squash(context);
  if (command == "verify") return run_verify(context);
  if (command == "adopt") return run_adopt(context);
  throw UsageError("unknown command '" + command + "'");
}

bool runs_every_command(const std::string&) { return true; }

int run_command(const CommandContext& context) {
  try {
    return dispatch(context);
  } catch (const pqxx::failure& error) {
    throw DriverError(error.what());
  }
}

}  // namespace

const CommandSet& all_commands() {
  static const CommandSet commands{runs_every_command, run_command, nullptr};
  return commands;
}

}  // namespace asq
