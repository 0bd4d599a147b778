#pragma once

#include <map>
#include <memory>
#include <pqxx/pqxx>
#include <set>
#include <string>
#include <vector>

#include "config/config.h"
#include "db/stop_switch.h"
#include "ops/ops.h"
#include "revisions/graph.h"
#include "schema/model.h"

namespace asq {

/// The archived chain's revisions interpreted from base to head, read once on first need and
/// shared by every target (each revision read with what the earlier ones said of a column: its
/// type, its default, a constraint's kind).
class ArchivedChain;

/// What adopting other databases needs to know of the squash, read once for all targets.
struct AdoptSource {
  std::string baseline_id;
  std::vector<std::string> replaces;  // the archived revisions, base first
  std::string archive;                // backup folder holding them
  RevisionGraph old_graph;            // the archived chain
  Schema baseline_schema;             // what the baseline builds (scratch replay)
  std::set<std::string> new_ids;      // every revision of the new chain
  std::shared_ptr<ArchivedChain> archived;
};

/// Finds the baseline (`replaces = (...)`) in the new chain and its archive; replays the
/// baseline on `scratch_server`. Throws UsageError when the folder holds no squashed baseline.
AdoptSource prepare_adopt(const Config& config, const RevisionGraph& new_graph,
                          const std::string& scratch_server);

/// One database to bring onto the new chain, or one tenant schema of it.
struct AdoptTarget {
  std::string url;  // libpq URL
  /// Schema-per-tenant: the tenant's schema, holding its objects and its own version table.
  /// Empty: the configured layout (version_table_schema, schemas).
  std::string tenant;

  /// The redacted URL, `#tenant` appended for a tenant.
  std::string label() const;
};

/// How to treat the targets.
struct AdoptOptions {
  std::string assume;       // revision to take a target with an unknown version row to be at
  bool no_migrate = false;  // refuse targets behind the replaced head instead of migrating them
  bool dry_run = false;     // do everything, then roll each target's transaction back
};

/// What happened (or, in a dry run, would happen) to one target.
struct AdoptOutcome {
  std::string target;  // AdoptTarget::label()
  std::string before;
  std::string after;
  bool ok = false;
  bool unreachable = false;
  bool interrupted = false;
  std::string result;  // "stamped", "migrated N revisions, stamped", "would stamp", the reason...
  std::vector<Op> differences;  // baseline -> target, when its schema differs
  /// For a version row nothing knows: the archived revision whose schema equals the target's
  /// (found by replaying the archived chain), the one --assume should name; "" when none.
  std::string located;
};

/// What a caller that adopts many targets keeps from one to the next.
struct TargetReuse {
  /// A connection to the target's URL to use instead of opening one (left open for the next
  /// target of the same URL; reset after a failure). Null: adopt_target opens its own.
  std::unique_ptr<pqxx::connection>* connection = nullptr;
  /// The tenant's schema from snapshot_tenants, taken before the target's transaction: used
  /// when the tenant is at the replaced head (nothing to migrate) instead of reading it again.
  const Schema* snapshot = nullptr;
};

/// Brings one target onto the new chain in ONE transaction: takes the advisory lock, runs the
/// archived upgrades it is missing (unless no_migrate), checks its schema equals the baseline's,
/// rewrites its version table (row check), commits (or, dry_run, rolls back). A request on
/// `stop` cancels the running statement and rolls the transaction back. Never throws for a
/// target's problem: the outcome says it.
AdoptOutcome adopt_target(const Config& config, const AdoptSource& source,
                          const AdoptTarget& target, const AdoptOptions& options, StopSwitch& stop,
                          const TargetReuse& reuse = {});

/// Schema-per-tenant: the schemas of `tenants`, all of one database, read in ONE introspection
/// (one per tenant would scan the whole database's catalogs each time: the cost of a fleet
/// would grow with the square of its tenants), each moved to the baseline's schema as
/// adopt_target compares it. A tenant whose schema does not exist maps to an empty schema.
std::map<std::string, Schema> snapshot_tenants(pqxx::connection& connection, const Config& config,
                                               const std::vector<std::string>& tenants);

/// The outcome of a target that was not started because a stop was requested.
AdoptOutcome not_started(const AdoptTarget& target);

}  // namespace asq
