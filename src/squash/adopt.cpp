#include "squash/adopt.h"

#include <algorithm>
#include <filesystem>

#include "cli/database_url.h"
#include "common/errors.h"
#include "db/connection.h"
#include "db/version_table.h"
#include "diff/diff.h"
#include "introspect/introspect.h"
#include "render/sql.h"
#include "revisions/scan.h"
#include "squash/manifest.h"
#include "squash/plan.h"
#include "squash/stages.h"

namespace asq {
namespace {

namespace fs = std::filesystem;

/// The newest committed backup whose squash wrote `file_name`.
std::string find_archive(const std::string& root, const std::string& file_name) {
  std::vector<std::string> found;
  if (fs::is_directory(root)) {
    for (const auto& entry : fs::directory_iterator(root)) {
      if (!fs::exists(entry.path() / "manifest.json")) continue;
      Manifest manifest = read_manifest(entry.path().string());
      if (manifest.state != "committed") continue;
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

/// The archived revisions a database at `from` still needs to reach the replaced head.
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

void run_ops(pqxx::transaction_base& tx, const RevisionOps& revision) {
  for (const auto& located : revision.upgrade) {
    if (located.autocommit) {
      throw Refused(revision.path + ": an autocommit block cannot run inside adopt's transaction");
    }
    for (const auto& statement : render_sql(located.op)) tx.exec(statement);
  }
}

}  // namespace

AdoptSource prepare_adopt(const Config& config, const RevisionGraph& new_graph,
                          const std::string& scratch_server) {
  AdoptSource source;
  const Revision* baseline = nullptr;
  for (const auto& revision : new_graph.revisions()) {
    source.new_ids.insert(revision.id());
    if (!revision.file.replaces.empty()) baseline = &revision;
  }
  if (!baseline) {
    throw UsageError("the versions folder holds no squashed baseline (a revision with "
                     "`replaces = (...)`): squash first, then adopt the other databases");
  }
  source.baseline_id = baseline->id();
  source.replaces = baseline->file.replaces;
  std::string versions = config.version_locations.front();
  source.archive = find_archive(archive_root(config, versions),
                                fs::relative(baseline->file.path, versions).string());
  VersionsScan scan = scan_versions({source.archive + "/files"}, ScanOptions{true, false, {}});
  source.old_graph = RevisionGraph::build(scan.files);
  Config scratch = config;
  scratch.database_url = scratch_server;
  std::vector<int> only_baseline{new_graph.index_of(source.baseline_id)};
  source.baseline_schema =
      replay_chain_in_scratch(scratch, interpret_revisions(new_graph, only_baseline));
  return source;
}

AdoptOutcome adopt_database(const Config& config, const AdoptSource& source,
                            const std::string& url, const AdoptOptions& options) {
  AdoptOutcome outcome;
  outcome.target = redact_url(url);
  try {
    auto connection = connect(url);
    VersionTableState rows =
        read_version_table(*connection, config.version_table_schema, config.version_table);
    outcome.before = rows.rows.empty() ? "(empty)" : rows.rows.front();
    outcome.after = outcome.before;
    if (!rows.rows.empty() && std::all_of(rows.rows.begin(), rows.rows.end(), [&](auto& r) {
          return source.new_ids.count(r) > 0;
        })) {
      outcome.ok = true;
      outcome.result = "already on the new chain";
      return outcome;
    }
    if (rows.rows.size() != 1) {
      outcome.result = "refused: the version table holds " + std::to_string(rows.rows.size()) +
                       " rows; adopt expects one";
      return outcome;
    }
    std::string at = rows.rows.front();
    bool known = std::find(source.replaces.begin(), source.replaces.end(), at) !=
                 source.replaces.end();
    if (!known) {
      if (options.assume.empty()) {
        outcome.result = "refused: '" + at + "' is no revision of the squashed chain; pass "
                         "--assume REV if you know where it is";
        return outcome;
      }
      at = options.assume;
    }
    std::vector<int> missing = missing_revisions(source, at);
    if (!missing.empty() && options.no_migrate) {
      outcome.result = "refused: " + std::to_string(missing.size()) +
                       " revisions behind the replaced head (--no-migrate)";
      return outcome;
    }
    pqxx::work tx(*connection);
    for (const auto& revision : interpret_revisions(source.old_graph, missing)) run_ops(tx, revision);
    IntrospectOptions introspection = introspect_options_of(config);
    Schema schema = introspect(tx, introspection).schema;
    if (!(schema == source.baseline_schema)) {
      DiffResult diff = diff_schemas(source.baseline_schema, schema);
      outcome.result = "refused: its schema differs from " + source.baseline_id + "'s (" +
                       std::to_string(diff.ops.size()) + " changes; `alembic-squash diff` "
                       "shows them); nothing was changed";
      return outcome;
    }
    rewrite_version_rows(tx, config.version_table_schema, config.version_table, rows.rows,
                         {source.baseline_id});
    tx.commit();
    outcome.ok = true;
    outcome.after = source.baseline_id;
    outcome.result = missing.empty() ? "stamped"
                                     : "migrated " + std::to_string(missing.size()) +
                                           " revisions, stamped";
  } catch (const DatabaseError& error) {
    outcome.unreachable = true;
    outcome.result = std::string("unreachable: ") + error.what();
  } catch (const std::exception& error) {
    outcome.result = std::string("failed, nothing was changed: ") + error.what();
  }
  return outcome;
}

}  // namespace asq
