#pragma once

// The one shape of every `--json` document (docs/json/alembic-squash.schema.json): an object on
// stdout with the command's name and exit code; an error is such an object too.

#include <string>

#include "cli/context.h"
#include "common/json.h"

namespace asq {

/// Writes `json` to stdout with "command" and "exit_code" added.
/// Returns `exit_code`.
int write_json(const CommandContext& context, Json json, int exit_code);

/// The document of a command that stopped: {command, exit_code, error: {kind, message}}; kind is
/// "usage", "input" (a file:line error), "database", "refused" or "stopped". `command` is null when
/// unknown.
Json error_json(const std::string& command, int exit_code, const std::string& kind,
                const std::string& message);

/// Whether the command line asks for --json (read before parsing, so that a bad command line
/// is reported as JSON too).
bool wants_json(int argc, const char* const* argv);

}  // namespace asq
