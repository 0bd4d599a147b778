#pragma once

#include <set>
#include <string>
#include <vector>

#include "cli/config.h"
#include "revisions/graph.h"
#include "schema/model.h"

namespace asq {

/// What adopting other databases needs to know of the squash, read once for all targets.
struct AdoptSource {
  std::string baseline_id;
  std::vector<std::string> replaces;  // the archived revisions, base first
  std::string archive;                // backup folder holding them
  RevisionGraph old_graph;            // the archived chain
  Schema baseline_schema;             // what the baseline builds (scratch replay)
  std::set<std::string> new_ids;      // every revision of the new chain
};

/// Finds the baseline (`replaces = (...)`) in the new chain and its archive; replays the
/// baseline on `scratch_server`. Throws UsageError when the folder holds no squashed baseline.
AdoptSource prepare_adopt(const Config& config, const RevisionGraph& new_graph,
                          const std::string& scratch_server);

/// How to treat a target.
struct AdoptOptions {
  std::string assume;      // revision to take a target with an unknown version row to be at
  bool no_migrate = false;  // refuse targets behind the replaced head instead of migrating them
};

/// What happened to one target.
struct AdoptOutcome {
  std::string target;  // redacted URL
  std::string before;
  std::string after;
  bool ok = false;
  bool unreachable = false;
  std::string result;  // "stamped", "migrated N and stamped", "already adopted", or the reason
};

/// Brings one database onto the new chain in ONE transaction: runs the archived upgrades it is
/// missing (unless no_migrate), checks its schema equals the baseline's, rewrites its version
/// table (advisory lock, row check). Never throws for a target's problem: the outcome says it.
AdoptOutcome adopt_database(const Config& config, const AdoptSource& source,
                            const std::string& url, const AdoptOptions& options);

}  // namespace asq
