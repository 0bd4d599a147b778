#include "squash/adopt.h"

#include <algorithm>
#include <exception>
#include <filesystem>
#include <mutex>
#include <optional>
#include <stdexcept>

#include "common/errors.h"
#include "config/database_url.h"
#include "db/connection.h"
#include "db/roles.h"
#include "db/server_facts.h"
#include "db/version_table.h"
#include "diff/diff.h"
#include "introspect/introspect.h"
#include "ops/remap.h"
#include "ops/run_memo.h"
#include "render/sql.h"
#include "replay/locate.h"
#include "revisions/scan.h"
#include "schema/privileges.h"
#include "schema/remap.h"
#include "schema/scope.h"
#include "squash/manifest.h"
#include "squash/stages.h"

namespace asq {

class ArchivedChain {
 public:
  /// Every archived revision in upgrade order (interpreted on the first call, by one thread;
  /// a failure is kept and thrown again to every caller, not read again).
  const std::vector<RevisionOps>& revisions(const Config& config, const RevisionGraph& graph) {
    std::call_once(once_, [&] {
      try {
        revisions_ = interpret_revisions(graph, upgrade_order(graph), reader_setup(config).options);
      } catch (...) {
        error_ = std::current_exception();
      }
    });
    if (error_) std::rethrow_exception(error_);
    return revisions_;
  }

 private:
  std::once_flag once_;
  std::vector<RevisionOps> revisions_;
  std::exception_ptr error_;
};

namespace {

namespace fs = std::filesystem;

/// The schema the revision files' unqualified names land in, and so the baseline's: a tenant
/// is compared with the baseline and migrated by moving this schema onto the tenant's.
constexpr const char* kHomeSchema = "public";

/// The newest committed backup whose squash wrote `file_name`.
std::string find_archive(const std::string& root, const std::string& file_name) {
  std::vector<std::string> found;
  if (fs::is_directory(root)) {
    for (const auto& entry : fs::directory_iterator(root)) {
      if (!fs::exists(entry.path() / "manifest.json")) continue;
      Manifest manifest = read_manifest(entry.path().string());
      if (manifest.state != ManifestState::kCommitted) continue;
      for (const auto& file : manifest.new_files) {
        if (file.name == file_name) found.push_back(entry.path().string());
      }
    }
  }
  if (found.empty()) {
    throw UsageError("no committed squash archive under " + root + " wrote " + file_name +
                     "; adopt needs the archived revisions");
  }
  std::sort(found.begin(), found.end());
  return found.back();
}

/// Where one target keeps its version table and its objects.
struct TargetLayout {
  std::string version_schema;
  IntrospectOptions introspection;
  std::string tenant;  // empty: the configured layout
  /// Moves the revision files' objects into the tenant's schema (tenants only).
  std::optional<SchemaRenamer> to_tenant;
};

TargetLayout layout_of(const Config& config, const AdoptTarget& target) {
  TargetLayout layout{config.version_table_schema, introspect_options_of(config), target.tenant,
                      std::nullopt};
  if (!target.tenant.empty()) {
    layout.version_schema = target.tenant;
    layout.introspection.schemas = {target.tenant};
    layout.introspection.version_table_schema = target.tenant;
    layout.to_tenant.emplace(kHomeSchema, target.tenant);
  }
  return layout;
}

bool is_replaced(const AdoptSource& source, const std::string& revision) {
  return std::find(source.replaces.begin(), source.replaces.end(), revision) !=
         source.replaces.end();
}

/// Where a target starts from: the archived revision it is at, or why it is refused.
struct StartPoint {
  std::string revision;
  std::string refusal;
};

/// A target whose version row no archived revision defines: taken to be at --assume, else
/// refused. (Where locating the revision by the target's schema belongs.)
StartPoint start_of_unknown(const AdoptSource& source, const std::string& row,
                            const AdoptOptions& options) {
  if (options.assume.empty()) {
    return {"", "refused: '" + row +
                    "' is no revision of the squashed chain; pass --assume REV "
                    "if you know where it is"};
  }
  if (!is_replaced(source, options.assume)) {
    return {"", "refused: --assume " + options.assume + " is no revision of the squashed chain (" +
                    source.replaces.front() + " .. " + source.replaces.back() + ")"};
  }
  return {options.assume, ""};
}

StartPoint start_of(const AdoptSource& source, const std::string& row,
                    const AdoptOptions& options) {
  if (is_replaced(source, row)) return {row, ""};
  return start_of_unknown(source, row, options);
}

/// The archived revisions a database at `from` still needs to reach the replaced head, in
/// upgrade order.
std::vector<int> missing_revisions(const AdoptSource& source, const std::string& from) {
  const RevisionGraph& graph = source.old_graph;
  std::vector<bool> done = graph.ancestors(graph.index_of(from));
  std::vector<bool> wanted = graph.ancestors(graph.index_of(source.replaces.back()));
  std::vector<int> out;
  for (int index : upgrade_order(graph)) {
    if (wanted[index] && !done[index]) out.push_back(index);
  }
  return out;
}

/// The missing revisions' Ops, read with the whole archived chain (not on their own: what an
/// earlier revision said of a column, its default or type, shapes what a later one does).
/// When a revision of the chain cannot be read, the missing ones are read on their own (as
/// before the chain was read whole); `own` holds them then.
std::vector<const RevisionOps*> missing_ops(const Config& config, const AdoptSource& source,
                                            const std::vector<int>& missing,
                                            std::vector<RevisionOps>& own) {
  std::set<std::string> wanted;
  for (int index : missing) wanted.insert(source.old_graph.revisions()[index].id());
  std::vector<const RevisionOps*> out;
  try {
    for (const auto& revision : source.archived->revisions(config, source.old_graph)) {
      if (wanted.count(revision.revision)) out.push_back(&revision);
    }
    return out;
  } catch (const SourceError&) {
    own = interpret_revisions(source.old_graph, missing, reader_setup(config).options);
  }
  for (const auto& revision : own) out.push_back(&revision);
  return out;
}

std::string describe_rows(const VersionTableState& state) {
  if (state.rows.empty()) return "(empty)";
  std::string out;
  for (const auto& row : state.rows) out += (out.empty() ? "" : ", ") + row;
  return out;
}

bool already_adopted(const AdoptSource& source, const VersionTableState& state) {
  return !state.rows.empty() && std::all_of(state.rows.begin(), state.rows.end(),
                                            [&](auto& r) { return source.new_ids.count(r) > 0; });
}

/// Why the version table itself rules the target out, or "".
std::string version_table_refusal(const VersionTableState& state, const std::string& qualified) {
  if (!state.exists) return "refused: there is no version table " + qualified;
  if (state.rows.size() != 1) {
    return "refused: the version table holds " + std::to_string(state.rows.size()) +
           " rows; adopt expects one";
  }
  return "";
}

void check_stop(const StopSwitch& stop) {
  if (stop.requested()) throw Interrupted();
}

void run_upgrade(pqxx::transaction_base& tx, const RevisionOps& revision,
                 const TargetLayout& layout, RunMemo& run) {
  for (const auto& located : revision.upgrade) {
    if (run.leaves_out(located.op)) continue;
    if (located.autocommit) {
      throw Refused(revision.path + ": an autocommit block cannot run inside adopt's transaction");
    }
    Op op = layout.to_tenant ? remap_schema(located.op, *layout.to_tenant) : located.op;
    for (const auto& statement : render_sql(op)) tx.exec(statement);
  }
}

/// The target's schema as the baseline spells it (a tenant's moved back to the home schema).
Schema schema_of(pqxx::transaction_base& tx, const TargetLayout& layout) {
  Schema schema = introspect(tx, layout.introspection).schema;
  if (layout.tenant.empty()) return schema;
  return remap_schema(std::move(schema), layout.tenant, kHomeSchema);
}

/// Where in the archived chain a target with an unknown version row is: replays the archived
/// chain (in memory when it can) and compares each revision's schema with the target's.
/// Returns the sentence to add to the refusal; sets `located` on an exact match.
std::string locate_in_archive(const Config& config, const AdoptSource& source,
                              pqxx::connection& connection, const TargetLayout& layout,
                              const std::string& scratch_server, std::string& located) {
  try {
    std::vector<int> order = upgrade_order(source.old_graph);
    const std::vector<RevisionOps>& revisions =
        source.archived->revisions(config, source.old_graph);
    LocateOptions options;
    options.replay.introspect = introspect_options_of(config);
    options.replay.server = server_facts(connection);
    options.scratch_server = scratch_server;
    Schema live;
    {
      pqxx::read_transaction tx(connection);
      live = schema_of(tx, layout);
    }
    LocateResult found = locate(source.old_graph, order, revisions, live, options);
    if (!found.exact.empty()) {
      located = found.exact.back();
      return "; its schema matches " + located + " exactly: adopt it with --assume " + located;
    }
    if (found.close()) {
      return "; no archived revision matches exactly; closest: " + found.nearest.back() + " (" +
             std::to_string(found.nearest_difference.ops.size()) + " differences)";
    }
    return "; no archived revision is close to its schema";
  } catch (const std::exception& error) {
    return std::string("; locating it failed: ") + error.what();
  }
}

/// Inside `tx`: runs the missing upgrades (in the tenant's schema for a tenant), compares the
/// schema with the baseline's and, when equal, rewrites the version table (advisory lock, row
/// check). Returns the differences, baseline -> target; empty when it stamped. `snapshot`: the
/// target's schema read before the transaction, used when nothing is migrated.
std::vector<Op> migrate_check_stamp(pqxx::transaction_base& tx, const Config& config,
                                    const AdoptSource& source, const TargetLayout& layout,
                                    const VersionTableState& rows, const std::vector<int>& missing,
                                    const Schema* snapshot, const StopSwitch& stop) {
  if (!layout.tenant.empty() && !missing.empty()) {
    // Raw SQL in the revisions names objects unqualified, as under the tenant's env.py.
    tx.exec("SET LOCAL search_path TO " + tx.quote_name(layout.tenant));
  }
  std::vector<RevisionOps> own;
  RunMemo run;
  for (const RevisionOps* revision : missing_ops(config, source, missing, own)) {
    check_stop(stop);
    run_upgrade(tx, *revision, layout, run);
  }
  check_stop(stop);
  bool use_snapshot = missing.empty() && snapshot;  // nothing ran since it was taken
  Schema read = use_snapshot ? Schema{} : schema_of(tx, layout);
  const Schema& schema = use_snapshot ? *snapshot : read;
  if (!(schema == source.baseline_schema)) return diff_schemas(source.baseline_schema, schema).ops;
  rewrite_version_rows(tx, layout.version_schema, config.version_table, rows.rows,
                       {source.baseline_id});
  return {};
}

std::string done_text(size_t migrated, bool dry_run) {
  std::string count = std::to_string(migrated) + " revisions";
  if (dry_run) return migrated == 0 ? "would stamp" : "would migrate " + count + " and stamp";
  return migrated == 0 ? "stamped" : "migrated " + count + ", stamped";
}

/// The transaction of one target, from the version rows read to commit (or rollback).
void run_transaction(pqxx::connection& connection, const Config& config, const AdoptSource& source,
                     const TargetLayout& layout, const VersionTableState& rows,
                     const std::vector<int>& missing, const AdoptOptions& options,
                     const Schema* snapshot, StopSwitch& stop, AdoptOutcome& outcome) {
  pqxx::work tx(connection);
  {
    StopAttachment attached(stop, connection);
    outcome.differences =
        migrate_check_stamp(tx, config, source, layout, rows, missing, snapshot, stop);
  }
  if (!outcome.differences.empty()) {
    outcome.result = "refused: its schema differs from " + source.baseline_id + "'s (" +
                     std::to_string(outcome.differences.size()) + " changes); nothing was changed";
    return;  // the transaction rolls back
  }
  check_stop(stop);
  outcome.ok = true;
  outcome.result = done_text(missing.size(), options.dry_run);
  if (options.dry_run) {
    tx.abort();
  } else {
    tx.commit();
  }
  outcome.after = source.baseline_id;  // in a dry run: what it would be
}

}  // namespace

std::string AdoptTarget::label() const {
  return redact_url(url) + (tenant.empty() ? "" : "#" + tenant);
}

AdoptSource prepare_adopt(const Config& config, const RevisionGraph& new_graph,
                          const std::string& scratch_server) {
  AdoptSource source;
  const Revision* baseline = nullptr;
  for (const auto& revision : new_graph.revisions()) {
    source.new_ids.insert(revision.id());
    if (!revision.file.replaces.empty()) baseline = &revision;
  }
  if (!baseline) {
    throw UsageError(
        "the versions folder holds no squashed baseline (a revision with "
        "`replaces = (...)`): squash first, then adopt the other databases");
  }
  source.baseline_id = baseline->id();
  source.replaces = baseline->file.replaces;
  std::string versions = config.version_locations.front();
  source.archive = find_archive(archive_root(config, versions),
                                fs::relative(baseline->file.path, versions).string());
  VersionsScan scan = scan_versions({source.archive + "/files"}, ScanOptions{true, false, {}});
  source.old_graph = RevisionGraph::build(scan.files, config.file_template);
  source.archived = std::make_shared<ArchivedChain>();
  Config scratch = config;
  scratch.database_url = scratch_server;
  std::vector<int> only_baseline{new_graph.index_of(source.baseline_id)};
  source.baseline_schema =
      replay_chain_in_scratch(scratch, interpret_revisions(new_graph, only_baseline));
  return source;
}

AdoptOutcome adopt_target(const Config& config, const AdoptSource& source,
                          const AdoptTarget& target, const AdoptOptions& options, StopSwitch& stop,
                          const TargetReuse& reuse) {
  AdoptOutcome outcome;
  outcome.target = target.label();
  std::unique_ptr<pqxx::connection> own;
  std::unique_ptr<pqxx::connection>& connection = reuse.connection ? *reuse.connection : own;
  try {
    check_stop(stop);
    if (!connection || !connection->is_open()) connection = connect(target.url);
    TargetLayout layout = layout_of(config, target);
    VersionTableState rows =
        read_version_table(*connection, layout.version_schema, config.version_table);
    outcome.before = outcome.after = describe_rows(rows);
    if (already_adopted(source, rows)) {
      outcome.ok = true;
      outcome.result = "already on the new chain";
      return outcome;
    }
    if (config.privileges) {
      pqxx::read_transaction tx(*connection);
      require_roles(tx, source.baseline_schema, "this server", "the baseline's owners and grants");
    }
    outcome.result =
        version_table_refusal(rows, layout.version_schema + "." + config.version_table);
    if (!outcome.result.empty()) return outcome;
    StartPoint start = start_of(source, rows.rows.front(), options);
    outcome.result = start.refusal;
    if (!outcome.result.empty()) {
      if (options.assume.empty()) {
        std::string scratch = config.scratch_url.empty() ? target.url : config.scratch_url;
        outcome.result +=
            locate_in_archive(config, source, *connection, layout, scratch, outcome.located);
      }
      return outcome;
    }
    std::vector<int> missing = missing_revisions(source, start.revision);
    if (!missing.empty() && options.no_migrate) {
      outcome.result = "refused: " + std::to_string(missing.size()) +
                       " revisions behind the replaced head (--no-migrate)";
      return outcome;
    }
    run_transaction(*connection, config, source, layout, rows, missing, options,
                    target.tenant.empty() ? nullptr : reuse.snapshot, stop, outcome);
    // The archived upgrades' raw SQL may leave session state behind (a temporary table, SET
    // ROLE, a setting): the next target starts on a new connection, as under Alembic.
    if (!missing.empty()) connection.reset();
  } catch (const pqxx::in_doubt_error& error) {
    connection.reset();
    outcome.ok = false;
    outcome.result = std::string(
                         "in doubt: the connection broke during COMMIT; read the "
                         "version table to see whether it was adopted: ") +
                     error.what();
  } catch (const std::exception& error) {
    connection.reset();  // whatever broke, the next target starts on a new connection
    outcome.ok = false;
    outcome.after = outcome.before;
    if (stop.requested()) {
      outcome.interrupted = true;
      outcome.result = "interrupted: rolled back, nothing was changed";
    } else if (dynamic_cast<const DatabaseError*>(&error)) {
      outcome.unreachable = true;
      outcome.result = std::string("unreachable: ") + error.what();
    } else {
      outcome.result = std::string("failed, nothing was changed: ") + error.what();
    }
  }
  return outcome;
}

std::map<std::string, Schema> snapshot_tenants(pqxx::connection& connection, const Config& config,
                                               const std::vector<std::string>& tenants) {
  IntrospectOptions all = introspect_options_of(config);
  all.schemas = tenants;
  all.version_table_in_every_schema = true;
  Schema snapshot = introspect(connection, all).schema;
  for (const auto& object : snapshot.objects) {
    if (object.name.schema.empty()) {
      throw std::runtime_error("the database has an event trigger (" + object.name.name +
                               "), which belongs to no schema: one reading of every tenant "
                               "cannot tell whose it is");
    }
  }
  // One pass hands each object to its schema's part (filtering the whole snapshot once per
  // tenant would grow with the square of the tenants); extensions, read in any schema, go to
  // every part. as_introspected then keeps what reading the tenant alone reads.
  std::map<std::string, Schema> parts;
  for (const auto& tenant : tenants) {
    Schema& part = parts[tenant];
    part.extensions = snapshot.extensions;
    if (std::count(snapshot.schemas.begin(), snapshot.schemas.end(), tenant)) {
      part.schemas = {tenant};
    }
    if (auto comment = snapshot.schema_comments.find(tenant);
        comment != snapshot.schema_comments.end()) {
      part.schema_comments.insert(*comment);
    }
  }
  auto hand_out = [&](auto& items, auto member, auto schema_of_item) {
    for (auto& item : items) {
      if (auto part = parts.find(schema_of_item(item)); part != parts.end()) {
        (part->second.*member).push_back(std::move(item));
      }
    }
  };
  auto named = [](const auto& item) { return item.name.schema; };
  hand_out(snapshot.enums, &Schema::enums, named);
  hand_out(snapshot.sequences, &Schema::sequences, named);
  hand_out(snapshot.tables, &Schema::tables, named);
  hand_out(snapshot.objects, &Schema::objects, named);
  hand_out(snapshot.privileges, &Schema::privileges,
           [](const Privileges& p) { return privilege_schema(p.target); });
  std::map<std::string, Schema> out;
  for (auto& [tenant, part] : parts) {
    IntrospectOptions one = layout_of(config, {"", tenant}).introspection;
    out[tenant] = remap_schema(as_introspected(std::move(part), one), tenant, kHomeSchema);
  }
  return out;
}

AdoptOutcome not_started(const AdoptTarget& target) {
  AdoptOutcome outcome;
  outcome.target = target.label();
  outcome.before = outcome.after = "-";
  outcome.interrupted = true;
  outcome.result = "not started (interrupted)";
  return outcome;
}

}  // namespace asq
