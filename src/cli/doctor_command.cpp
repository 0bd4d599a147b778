#include <unistd.h>

#include <filesystem>
#include <map>

#include "cli/commands.h"
#include "cli/json_output.h"
#include "cli/locate_output.h"
#include "cli/revision_format.h"
#include "common/errors.h"
#include "config/database_url.h"
#include "db/connection.h"
#include "db/lock_settings.h"
#include "db/roles.h"
#include "db/server_facts.h"
#include "pgsim/engine.h"
#include "revisions/version_diagnosis.h"
#include "squash/commit.h"
#include "squash/lock_budget.h"
#include "squash/plan.h"
#include "squash/stages.h"

namespace asq {
namespace {

namespace fs = std::filesystem;

/// Problems of the configuration itself.
std::vector<Fault> config_faults(const Config& config) {
  std::vector<Fault> faults;
  if (config.recursive_version_locations) {
    for (const auto& location : config.version_locations) {
      std::string archive = archive_root(config, location);
      if (fs::exists(archive)) {
        faults.push_back({Fault::Severity::kWarning,
                          "archive-inside-versions",
                          {archive, 0, 0},
                          "recursive_version_locations is on and the archive folder is inside "
                          "the versions folder: Alembic would load the archived revisions too",
                          "set [squash] archive_dir in squash.toml to a folder outside " + location,
                          {}});
      }
    }
  }
  return faults;
}

/// Whether this user may create and remove files in `folder`, or, when it does not exist yet,
/// create it (in its nearest existing parent).
bool writable(fs::path folder) {
  std::error_code ignored;
  while (!fs::exists(folder, ignored) && folder.has_parent_path() &&
         folder.parent_path() != folder) {
    folder = folder.parent_path();
  }
  return access(folder.c_str(), W_OK | X_OK) == 0;
}

/// What squash will need and does not have: write access to the versions folder and the
/// archive folder. Warnings: the chain is healthy all the same.
std::vector<Fault> file_access_faults(const CommandContext& context) {
  std::vector<Fault> faults;
  for (const auto& location : context.config.version_locations) {
    if (!fs::is_directory(location)) continue;  // reported as missing-versions-folder
    if (!writable(location)) {
      faults.push_back({Fault::Severity::kWarning,
                        "versions-not-writable",
                        {location, 0, 0},
                        "this user may not write the versions folder: squash writes the new "
                        "files there and removes the old ones, and would refuse",
                        "run squash as a user who may write " + context.display(location),
                        {}});
    }
    std::string archive = archive_root(context.config, location);
    if (!writable(archive)) {
      faults.push_back({Fault::Severity::kWarning,
                        "archive-not-writable",
                        {archive, 0, 0},
                        "this user may not write the archive folder, where squash keeps the old "
                        "files and the manifest",
                        "make it writable, or set [squash] archive_dir (or --archive-dir) to a "
                        "folder this user may write",
                        {}});
    }
  }
  return faults;
}

/// Whether a scratch database can be created where plan, squash and verify prove the files:
/// the live server, or scratch_url. A warning when not, with the fix.
std::vector<Fault> scratch_faults(const CommandContext& context) {
  const Config& config = context.config;
  bool own_server = !config.scratch_url.empty();
  std::string server = own_server ? config.scratch_url : config.database_url;
  std::string where = (own_server ? "the scratch server (" : "the live server (") +
                      describe_endpoint(server) + (own_server ? ", scratch_url)" : ")");
  std::unique_ptr<pqxx::connection> connection;
  try {
    connection = connect(server);
  } catch (const DatabaseError& error) {
    return {{Fault::Severity::kWarning,
             "scratch-server-unreachable",
             {},
             "plan, squash and verify create a scratch database on " + where +
                 ", which cannot be reached: " + error.what(),
             "fix scratch_url in squash.toml (or --scratch-url), or leave it empty to use the "
             "live server",
             {}}};
  }
  if (may_create_databases(*connection)) return {};
  std::string role = connection->username();
  return {{Fault::Severity::kWarning,
           "cannot-create-scratch-database",
           {},
           "the role " + role + " may not create databases on " + where +
               ": plan, squash and verify prove the new files in a scratch database there and "
               "would refuse (exit 5)",
           "`ALTER ROLE " + connection->quote_name(role) +
               " CREATEDB` (as a superuser), or set [database] scratch_url (or --scratch-url) to "
               "a server where a role may create databases",
           {}}};
}

struct DatabaseCheck {
  bool checked = false;
  VersionTableState rows;
  VersionDiagnosis diagnosis;
  LocateReport located;
};

/// `doctor --replay`: the chain replayed in memory; what the engine does not model.
struct ReplayCheck {
  bool ran = false;
  std::string skipped;
  size_t revisions = 0;
  std::vector<Unmodelled> unmodelled;
  /// What the reader set aside (data migrations, unreadable downgrades) or did not model: the
  /// place ("file:line") and the text of each.
  std::vector<std::pair<std::string, std::string>> notes;
};

ReplayCheck check_replay(const CommandContext& context, const LoadedHistory& loaded) {
  ReplayCheck check;
  if (!context.invocation.has("replay")) return check;
  std::vector<RevisionOps> revisions;
  try {
    revisions = interpret_revisions(loaded.graph, upgrade_order(loaded.graph),
                                    reader_setup(context.config).options);
  } catch (const SourceError& e) {
    check.skipped = std::string("the chain cannot be read: ") + e.what();
    return check;
  }
  MemoryReplayOptions options;
  options.introspect = introspect_options_of(context.config);
  if (!context.config.database_url.empty() && !context.invocation.has("no-database")) {
    auto connection = connect(context.config.database_url);
    options.server = server_facts(*connection);
  }
  check.ran = true;
  check.revisions = revisions.size();
  for (const RevisionOps& revision : revisions) {
    for (const auto& [where, note] : revision.notes) {
      check.notes.emplace_back(context.display(where.file) + ":" + std::to_string(where.line),
                               note);
    }
  }
  check.unmodelled = replay_in_memory(revisions, options).unmodelled;
  return check;
}

void print_replay(std::ostream& out, const ReplayCheck& check) {
  if (!check.ran) {
    if (!check.skipped.empty()) out << "replay: skipped: " << check.skipped << "\n";
    return;
  }
  // The same note in many places (an application type's unused arguments in 37 files) is said
  // once, where it is first seen, with the count of the others; --json lists every one.
  std::map<std::string, size_t> seen;
  for (const auto& [place, text] : check.notes) ++seen[text];
  for (const auto& [place, text] : check.notes) {
    size_t& count = seen[text];
    if (count == 0) continue;
    out << "note: " << place << ": " << text;
    if (count > 1) out << " (and " << count - 1 << " more like it)";
    out << "\n";
    count = 0;
  }
  if (check.unmodelled.empty()) {
    out << "replay: the in-memory engine models every op of the " << check.revisions
        << " revisions\n";
    return;
  }
  out << "replay: " << check.unmodelled.size()
      << " op(s) the in-memory engine does not model; doctor (finding the database's revision), "
         "plan and squash replay this chain in a scratch database instead:\n";
  for (const Unmodelled& u : check.unmodelled) {
    out << "  " << u.where.file << ":" << u.where.line << ": " << u.what << "\n";
  }
}

Json replay_json(const ReplayCheck& check) {
  Json json;
  json["ran"] = check.ran;
  if (!check.skipped.empty()) json["skipped"] = check.skipped;
  json["revisions"] = check.revisions;
  json["unmodelled"] = unmodelled_json(check.unmodelled);
  json["notes"] = Json::Array{};
  for (const auto& [place, text] : check.notes) json["notes"].push_back(place + ": " + text);
  return json;
}

/// A squash or restore cut short (kill -9): the files and rows are half swapped, and only
/// `restore` puts them back; a `stamp` would make it worse.
std::vector<Fault> unfinished_faults(const CommandContext& context) {
  std::vector<Fault> faults;
  for (const auto& location : context.config.version_locations) {
    for (const auto& backup : unfinished_squashes(archive_root(context.config, location))) {
      std::string dir = context.display(backup);
      faults.push_back({Fault::Severity::kError,
                        "unfinished-squash",
                        {backup + "/manifest.json", 0, 0},
                        "an earlier squash did not finish: run `alembic-squash restore " + dir +
                            "` (its journal says '" + to_string(read_manifest(backup).state) + "')",
                        "alembic-squash restore " + dir +
                            " puts the old files and version-table rows back; do not stamp",
                        {}});
    }
  }
  return faults;
}

DatabaseCheck check_database(const CommandContext& context, const LoadedHistory& loaded,
                             bool half_swapped) {
  DatabaseCheck check;
  const Config& config = context.config;
  if (config.database_url.empty() || context.invocation.has("no-database")) return check;
  auto connection = connect(config.database_url);
  check.checked = true;
  check.rows = read_version_table(*connection, config.version_table_schema, config.version_table);
  std::vector<Fault> stale;
  for (const auto& fault : loaded.faults) {
    if (fault.code == "stale-pycache") stale.push_back(fault);
  }
  check.diagnosis = diagnose_version_table(
      loaded.graph, check.rows, config.version_table_schema + "." + config.version_table, stale);
  VersionState state = check.diagnosis.state;
  if (half_swapped) return check;  // the files say nothing true about the rows until restore
  long long relations = count_relations(*connection, config.schemas, config.version_table_schema,
                                        config.version_table);
  if (auto locks = upgrade_lock_warning(relations, read_lock_settings(*connection))) {
    std::string message = locks->message;
    message.replace(0, std::string("the new files").size(), "a baseline of this database would");
    check.diagnosis.faults.push_back(
        {Fault::Severity::kWarning, "lock-headroom", {}, message, locks->fix, {}});
  }
  if (state == VersionState::kUnknownRevision || state == VersionState::kEmpty ||
      state == VersionState::kMissingTable) {
    check.located = locate_database(context, loaded, config.database_url,
                                    state == VersionState::kUnknownRevision);
  }
  return check;
}

void print_human(const CommandContext& context, const LoadedHistory& loaded,
                 const DatabaseCheck& db, const ReplayCheck& replay,
                 const std::vector<Fault>& faults) {
  std::ostream& out = context.out;
  const RevisionGraph& graph = loaded.graph;
  std::string heads;
  for (int head : graph.heads())
    heads += (heads.empty() ? "" : ", ") + graph.revisions()[head].id();
  for (const auto& location : context.config.version_locations) {
    out << "versions: " << context.display(location) << "\n";
  }
  out << "revisions: " << graph.revisions().size() << ", head"
      << (graph.heads().size() == 1 ? "" : "s") << ": " << (heads.empty() ? "none" : heads) << "\n";
  if (db.checked) {
    std::string rows;
    for (const auto& row : db.rows.rows) rows += (rows.empty() ? "" : ", ") + row;
    out << "database: " << redact_url(context.config.database_url) << "\n"
        << "version table: " << context.config.version_table_schema << "."
        << context.config.version_table << " = "
        << (!db.rows.exists ? "(no table)"
            : rows.empty()  ? "(empty)"
                            : rows)
        << " [" << to_string(db.diagnosis.state) << "]\n";
    print_locate(out, db.located);
  } else {
    out << "database: not checked (no database URL"
        << (context.invocation.has("no-database") ? ", --no-database" : "") << ")\n";
  }
  print_replay(out, replay);
  if (faults.empty()) {
    out << "\nhealthy: no faults found\n";
    return;
  }
  out << "\n";
  int errors = 0, warnings = 0;
  for (const auto& fault : faults) {
    print_fault(context, out, fault);
    (fault.severity == Fault::Severity::kError ? errors : warnings)++;
  }
  out << "\n"
      << errors << " error" << (errors == 1 ? "" : "s") << ", " << warnings << " warning"
      << (warnings == 1 ? "" : "s") << "\n";
}

Json json_report(const CommandContext& context, const LoadedHistory& loaded,
                 const DatabaseCheck& db, const ReplayCheck& replay,
                 const std::vector<Fault>& faults) {
  Json json;
  json["versions"] = Json::Array{};
  for (const auto& l : context.config.version_locations)
    json["versions"].push_back(context.display(l));
  json["revisions"] = loaded.graph.revisions().size();
  json["heads"] = heads_json(context, loaded.graph);
  if (db.checked) {
    Json& d = json["database"];
    d["url"] = redact_url(context.config.database_url);
    d["version_table"] = context.config.version_table_schema + "." + context.config.version_table;
    d["table_exists"] = db.rows.exists;
    d["rows"] = Json::strings(db.rows.rows);
    d["state"] = to_string(db.diagnosis.state);
    d["pending"] = db.diagnosis.pending;
    d["locate"] = locate_json(db.located);
  } else {
    json["database"] = nullptr;
  }
  if (replay.ran || !replay.skipped.empty()) json["replay"] = replay_json(replay);
  json["faults"] = Json::Array{};
  for (const auto& fault : faults) json["faults"].push_back(fault_json(context, fault));
  json["healthy"] = !has_errors(faults);
  return json;
}

}  // namespace

int run_doctor(const CommandContext& context) {
  LoadedHistory loaded = load_history(context, true);
  std::vector<Fault> unfinished = unfinished_faults(context);
  std::vector<Fault> faults = config_faults(context.config);
  faults.insert(faults.end(), unfinished.begin(), unfinished.end());
  for (const auto& fault : loaded.faults) faults.push_back(fault);
  DatabaseCheck db = check_database(context, loaded, !unfinished.empty());
  if (unfinished.empty()) {
    for (const auto& fault : db.diagnosis.faults) faults.push_back(fault);
  }
  for (const auto& fault : file_access_faults(context)) faults.push_back(fault);
  if (db.checked) {
    for (const auto& fault : scratch_faults(context)) faults.push_back(fault);
  }
  ReplayCheck replay = check_replay(context, loaded);
  bool strict = context.invocation.has("strict");
  int code = has_errors(faults) || (strict && !faults.empty()) ? kExitFaults : kExitOk;
  if (context.invocation.json) {
    return write_json(context, json_report(context, loaded, db, replay, faults), code);
  } else if (context.invocation.verbosity < 0) {  // the faults alone
    for (const auto& fault : faults) print_fault(context, context.out, fault);
  } else {
    print_human(context, loaded, db, replay, faults);
  }
  return code;
}

}  // namespace asq
