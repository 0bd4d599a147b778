#pragma once

#include <ostream>
#include <string>

#include "cli/options.h"
#include "common/json.h"
#include "common/stage_observer.h"
#include "config/config.h"
#include "revisions/fault.h"
#include "revisions/graph.h"
#include "revisions/scan.h"

namespace asq {

/// Everything a command runs with; nothing global.
struct CommandContext {
  const Invocation& invocation;
  const Config& config;
  std::ostream& out;
  std::ostream& err;
  std::string working_dir;
  /// Where answers to questions come from; null when nobody can answer (no terminal).
  std::istream* in = nullptr;
  /// Standard error is a terminal: progress lines may be drawn there.
  bool err_is_terminal = false;
  /// Errors, warnings and hazards are coloured on standard output / standard error.
  bool colour_out = false;
  bool colour_err = false;

  /// Whether what goes to `stream` (out or err) is coloured.
  bool colour_on(const std::ostream& stream) const {
    return &stream == &out ? colour_out : &stream == &err ? colour_err : false;
  }

  /// `path` relative to the working directory when it lies below it.
  std::string display(const std::string& path) const;
  /// The same context with other settings (`config` must outlive it).
  CommandContext with_config(const Config& other) const {
    return {invocation, other, out, err, working_dir, in, err_is_terminal, colour_out, colour_err};
  }
};

/// A scanned versions folder and its graph; `faults` holds the faults of both.
struct LoadedHistory {
  VersionsScan scan;  // its `files` moved into `graph`; `scan.paths` still lists them
  RevisionGraph graph;
  std::vector<Fault> faults;
};

/// Scans the configured version locations and builds the graph (the stage "scan"). Throws
/// UsageError when no versions folder is configured.
LoadedHistory load_history(const CommandContext& context, bool full_parse,
                           StageObserver& stages = no_stages());

/// Prints the faults of a load on stderr (unless --json or -q); throws UsageError when a
/// revision file cannot be parsed, as Alembic would fail too.
void report_load_faults(const CommandContext& context, const LoadedHistory& loaded);
/// The faults of a load as a JSON array.
Json faults_json(const CommandContext& context, const LoadedHistory& loaded);

/// Prints one fault for people: `file:line: error: message`, the excerpt, then `  fix: ...`.
void print_fault(const CommandContext& context, std::ostream& out, const Fault& fault);
/// A fault as JSON.
Json fault_json(const CommandContext& context, const Fault& fault);

}  // namespace asq
