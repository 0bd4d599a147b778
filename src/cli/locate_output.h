#pragma once

// Locate for the commands (doctor, adopt): which revision a database's schema is at, how it
// was found, and the command that fixes its version table.

#include <ostream>
#include <string>

#include "cli/context.h"
#include "common/json.h"
#include "replay/locate.h"

namespace asq {

struct LocateReport {
  bool ran = false;
  std::string skipped;  // why locate did not run
  LocateResult result;
  size_t revisions = 0;
  long milliseconds = 0;         // all of it: interpret, introspect, replay and compare
  long replay_milliseconds = 0;  // replay and compare only
  /// The command that makes the version table name the located revision ("" when none).
  std::string fix;
};

/// Locates the database at `url` in the loaded history. `unknown_row` says the version table
/// names a revision no file defines (the fix then purges it). Never throws for a chain it
/// cannot replay: the report says why it was skipped.
LocateReport locate_database(const CommandContext& context, const LoadedHistory& loaded,
                             const std::string& url, bool unknown_row);

/// The report for people: what matches, or what is nearest and the difference, and the fix.
void print_locate(std::ostream& out, const LocateReport& report);

Json locate_json(const LocateReport& report);

/// What the in-memory engine does not model, as a JSON array of {file, line, revision, what}.
Json unmodelled_json(const std::vector<Unmodelled>& unmodelled);

}  // namespace asq
