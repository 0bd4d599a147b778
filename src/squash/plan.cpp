#include "squash/plan.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "common/errors.h"
#include "common/sha256.h"
#include "db/connection.h"
#include "db/roles.h"
#include "db/scratch.h"
#include "interpret/interpreter.h"
#include "introspect/introspect.h"
#include "render/alembic.h"
#include "render/script_template.h"
#include "schema/json.h"
#include "squash/files.h"
#include "squash/lock_budget.h"
#include "squash/stages.h"
#include "squash/through.h"

namespace asq {
namespace {

namespace fs = std::filesystem;

/// Graph faults that make any squash unsafe.
void refuse_broken_graph(const RevisionGraph& graph, const VersionsScan& scan) {
  static const std::set<std::string> kFatal = {"duplicate-revision",     "cycle",
                                               "missing-parent",         "missing-dependency",
                                               "illegal-revision-id",    "duplicate-branch-label",
                                               "not-a-revision",         "unreadable-variable",
                                               "missing-versions-folder"};
  for (const auto* faults : {&scan.faults, &graph.faults()}) {
    for (const auto& fault : *faults) {
      if (!kFatal.count(fault.code)) continue;
      std::string where = fault.where.file.empty() ? "" : fault.where.file + ": ";
      throw Refused(where + fault.message + " (" + fault.fix +
                    "); `alembic-squash doctor` "
                    "lists every fault");
    }
  }
  if (graph.revisions().empty()) throw Refused("the versions folder holds no revisions");
}

/// Where the database stands in the history the squash cuts.
struct Position {
  int current = -1;               // with --through: the revision the database is at
  bool past_through = false;      // at a kept revision after REV
  std::vector<int> kept_applied;  // kept revisions the database has already run
  std::vector<std::string> warnings;
};

/// Without --through: what the version table's state allows (refusals, or warnings).
std::vector<std::string> version_table_warnings(const VersionTableState& rows,
                                                const VersionDiagnosis& diagnosis) {
  switch (diagnosis.state) {
    case VersionState::kAtHead:
      return {};
    case VersionState::kBehind:
      throw Refused("the database is " + std::to_string(diagnosis.pending) +
                    " revision(s) behind the head: run `alembic upgrade head` first, then squash");
    case VersionState::kSeveralRows:
      throw Refused(
          "the version table holds several rows on one line of history; "
          "`alembic-squash doctor` says which to delete");
    case VersionState::kUnknownRevision:
      return {"the version table names a revision no file defines (" + rows.rows.front() +
              "): the live schema is taken as the truth and the drift from the head "
              "goes into the sync revision"};
    case VersionState::kEmpty:
    case VersionState::kMissingTable:
      return {"the version table is " +
              std::string(diagnosis.state == VersionState::kEmpty ? "empty" : "missing") +
              ": it will be created/stamped at the new head"};
  }
  return {};
}

/// With --through: the database must be at REV itself or at a kept revision after it.
Position through_position(const RevisionGraph& graph, const HistoryCut& cut,
                          const VersionTableState& rows, const VersionDiagnosis& diagnosis) {
  const std::string& rev = graph.revisions()[cut.through].id();
  if (rows.rows.size() != 1 || diagnosis.state == VersionState::kUnknownRevision) {
    throw Refused("--through needs the database at " + rev +
                  " or after it; its version table "
                  "is [" +
                  to_string(diagnosis.state) + "]. Nothing was changed");
  }
  Position position;
  position.current = graph.index_of(graph.resolve(rows.rows.front()).ids.front());
  bool kept = std::find(cut.kept.begin(), cut.kept.end(), position.current) != cut.kept.end();
  if (position.current != cut.through && !kept) {
    throw Refused("the database is at " + graph.revisions()[position.current].id() + ", before " +
                  rev + ": run `alembic upgrade " + rev + "` first. Nothing was changed");
  }
  position.past_through = position.current != cut.through;
  if (position.past_through) {
    std::vector<bool> below = graph.ancestors(position.current);
    for (int index : cut.kept) {
      if (below[index]) position.kept_applied.push_back(index);
    }
  }
  return position;
}

/// Where the database is, refusing a state the squash cannot start from.
Position database_position(const RevisionGraph& graph, const HistoryCut& cut,
                           const VersionTableState& rows, const VersionDiagnosis& diagnosis) {
  if (cut.through >= 0) return through_position(graph, cut, rows, diagnosis);
  Position position;
  position.warnings = version_table_warnings(rows, diagnosis);
  return position;
}

/// A baseline would silently lose what the model cannot carry: refuse instead.
void refuse_unsupported(const std::vector<std::string>& objects) {
  if (objects.empty()) return;
  std::string list;
  for (size_t i = 0; i < objects.size() && i < 8; ++i) list += "\n  " + objects[i];
  if (objects.size() > 8) list += "\n  ... and " + std::to_string(objects.size() - 8) + " more";
  throw Refused(
      "the live database holds objects this version cannot carry into a baseline "
      "yet, so a squash would lose them; nothing was changed:" +
      list);
}

/// Names and writes the new revision files as `alembic revision` would in this project: by
/// alembic.ini's file_template, from the project's script.py.mako when it has one.
class NewFileWriter {
 public:
  NewFileWriter(const Config& config, const std::string& date) : config_(config) {
    auto fields = date_fields(date);
    if (fields) date_ = *fields;
    std::string path = config.script_location + "/script.py.mako";
    if (!config.script_location.empty() && fs::is_regular_file(path)) {
      template_.emplace(ScriptTemplate::load(path));
    }
  }

  /// The file of `spec`. Without a file_template in alembic.ini the baseline keeps its plain
  /// name `<baseline_id>.py` (its id already says what it is).
  NewFile file(const RevisionSpec& spec, bool baseline) const {
    std::string name = baseline && config_.naming.is_default()
                           ? spec.revision + ".py"
                           : revision_file_name(config_.naming, spec.revision, spec.message, date_);
    return {name, template_ ? template_->render(spec) : render_revision(spec)};
  }

 private:
  const Config& config_;
  DateFields date_;
  std::optional<ScriptTemplate> template_;
};

/// Every file the squash archives and removes: the revision files and their bytecode (also the
/// stale bytecode of revisions already gone).
std::vector<std::string> files_to_archive(const std::string& versions, const VersionsScan& scan,
                                          const HistoryCut& cut,
                                          const std::map<int, std::string>& rewritten,
                                          const RevisionGraph& graph) {
  std::vector<std::string> names;
  if (cut.through < 0) {
    for (const auto& path : scan.paths) names.push_back(fs::relative(path, versions).string());
  } else {
    for (int index : cut.replaced) {
      names.push_back(fs::relative(graph.revisions()[index].file.path, versions).string());
    }
    for (const auto& [index, text] : rewritten) {
      names.push_back(fs::relative(graph.revisions()[index].file.path, versions).string());
    }
  }
  for (const auto& entry : fs::directory_iterator(versions)) {
    auto extension = entry.path().extension();
    if (entry.is_regular_file() && (extension == ".pyc" || extension == ".pyo")) {
      names.push_back(entry.path().filename().string());  // what `sourceless = true` loads
    }
  }
  std::string cache = versions + "/__pycache__";
  if (fs::is_directory(cache)) {
    for (const auto& entry : fs::directory_iterator(cache)) {
      if (entry.path().extension() == ".pyc") {
        names.push_back("__pycache__/" + entry.path().filename().string());
      }
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

/// The roles live's owners and grants name must exist where the new files are verified, before
/// the chain is replayed there.
void require_roles_where_built(const Config& config, const Schema& live,
                               pqxx::connection& live_connection) {
  std::unique_ptr<pqxx::connection> scratch;
  if (!config.scratch_url.empty()) scratch = connect(config.scratch_url);
  pqxx::read_transaction tx(scratch ? *scratch : live_connection);
  require_roles(tx, live, scratch ? "the scratch server" : "the live server",
                "the live schema's owners and grants");
}

/// The one versions folder a squash works on, after the configuration checks.
const std::string& folder_to_squash(const Config& config) {
  if (config.version_locations.size() != 1) {
    throw Refused("squash works on one versions folder; this configuration has " +
                  std::to_string(config.version_locations.size()));
  }
  if (config.database_url.empty()) {
    throw UsageError("squash needs the live database: pass --database-url or set DATABASE_URL");
  }
  const std::string& versions = config.version_locations.front();
  std::string archive = fs::weakly_canonical(archive_root(config, versions)).string();
  std::string inside = fs::weakly_canonical(versions).string() + "/";
  if (config.recursive_version_locations && archive.rfind(inside, 0) == 0) {
    throw Refused("recursive_version_locations is on and the archive " + archive +
                  " is inside the versions folder: Alembic would load the archived revisions. "
                  "Set [squash] archive_dir in squash.toml to a folder outside it");
  }
  return versions;
}

std::vector<std::string> ids_of(const RevisionGraph& graph, const std::vector<int>& indexes) {
  std::vector<std::string> ids;
  for (int index : indexes) ids.push_back(graph.revisions()[index].id());
  return ids;
}

/// What the interpreter saw but did not turn into schema changes, revision by revision.
std::vector<std::pair<SourceLocation, std::string>> notes_of(
    const std::vector<RevisionOps>& revisions) {
  std::vector<std::pair<SourceLocation, std::string>> notes;
  for (const auto& revision : revisions) {
    for (const auto& note : revision.notes) {
      if (note.second.rfind(kNotModelled, 0) != 0) notes.push_back(note);
    }
  }
  return notes;
}

/// The live schema, refusing objects a baseline cannot carry and roles missing where the new
/// files are verified.
Schema introspect_live(const Config& config, pqxx::connection& connection) {
  Introspection live = introspect(connection, introspect_options_of(config));
  refuse_unsupported(live.unsupported);
  if (config.privileges) require_roles_where_built(config, live.schema, connection);
  return std::move(live.schema);
}

/// Past --through, the files up to where the database is must build what live holds.
void refuse_drift_past_through(const Config& config, const RevisionGraph& graph,
                               const HistoryCut& cut, const Position& position, const Schema& live,
                               const std::string& through) {
  std::vector<int> to_current = cut.replaced;
  to_current.insert(to_current.end(), position.kept_applied.begin(), position.kept_applied.end());
  const std::string& current = graph.revisions()[position.current].id();
  Schema expected = replay_old_chain(config, graph, to_current, current).schema;
  if (!(expected == live)) {
    throw Refused("the database is past " + through + ", at " + current +
                  ", but its schema differs from what the "
                  "files build up to there; `alembic-squash diff chain@" +
                  current + " live` shows how. Nothing was changed");
  }
}

/// The diffs the new files carry.
struct PlannedDiffs {
  DiffResult baseline;       // nothing -> chain
  DiffResult baseline_down;  // chain -> nothing
  DiffResult drift;          // chain -> live; empty past --through
  DiffResult drift_back;     // live -> chain
};

/// The diffs; a fill the options lack is asked for (when someone can answer) and the drift
/// diffed again with the answers.
PlannedDiffs diff_chain_and_live(const Schema& chain, const Schema& live, bool past_through,
                                 const SquashOptions& options) {
  PlannedDiffs diffs;
  diffs.baseline = diff_schemas(Schema{}, chain);
  diffs.baseline_down = diff_schemas(chain, Schema{});
  if (past_through) return diffs;
  diffs.drift = diff_schemas(chain, live, options.fills);
  diffs.drift_back = diff_schemas(live, chain);
  if (!options.ask) return diffs;
  FillValues answered = options.fills;
  bool asked = false;
  for (const Fill& fill : diffs.drift.fills) {
    if (fill.given) continue;
    if (auto answer = options.ask(fill)) answered[fill.key] = *answer, asked = true;
  }
  if (asked) diffs.drift = diff_schemas(chain, live, answered);
  return diffs;
}

/// The sync revision's id when none is given: what is squashed and what live is, hashed, so
/// the same inputs always name the same file.
std::string derived_sync_id(const std::vector<std::string>& replaced, const Schema& live) {
  std::string inputs = "alembic-squash sync revision\n";
  for (const auto& id : replaced) inputs += id + "\n";
  inputs += schema_to_json(live).dump(-1);
  return sha256_hex(inputs).substr(0, 12);
}

/// The baseline and, when there is drift, the sync revision after it.
struct NewRevisions {
  std::vector<NewFile> files;
  std::string sync_revision;  // empty without drift
  std::string head;           // the new chain's head
};

NewRevisions render_new_revisions(const Config& config, const SquashOptions& options,
                                  const std::vector<std::string>& replaced, const Schema& chain,
                                  const Schema& live, const PlannedDiffs& diffs) {
  std::vector<EnumType> enums = chain.enums;
  enums.insert(enums.end(), live.enums.begin(), live.enums.end());
  NewRevisions out;
  NewFileWriter writer(config, options.date);
  RevisionSpec baseline{
      config.baseline_id, std::nullopt,       "initial schema",        options.date,
      replaced,           diffs.baseline.ops, diffs.baseline_down.ops, enums};
  out.files.push_back(writer.file(baseline, true));
  out.head = config.baseline_id;
  if (!diffs.drift.ops.empty()) {
    std::string message = options.message.empty() ? config.sync_message : options.message;
    out.sync_revision = options.revision_id;
    RevisionSpec sync{out.sync_revision, config.baseline_id,   message, options.date, {},
                      diffs.drift.ops,   diffs.drift_back.ops, enums};
    out.files.push_back(writer.file(sync, false));
    out.head = out.sync_revision;
  }
  return out;
}

/// With --through: the kept revisions whose parent was REV, re-pointed to the new head.
struct Repointing {
  std::map<int, std::string> rewritten;  // revision index -> its new text
  std::vector<NewFile> files;            // the rewritten files, upgrade order
  std::vector<std::string> ids;
  std::vector<NewFile> applied;  // kept revisions the database has run, as verify replays them
};

Repointing repoint_kept(const RevisionGraph& graph, const HistoryCut& cut, const Position& position,
                        const std::string& versions, const std::string& head) {
  Repointing out;
  if (cut.through < 0) return out;
  const std::string& rev = graph.revisions()[cut.through].id();
  for (int index : cut.kept) {
    const Revision& kept = graph.revisions()[index];
    if (std::find(kept.down.begin(), kept.down.end(), cut.through) == kept.down.end()) continue;
    out.rewritten[index] = repoint_revision(read_whole_file(kept.file.path), kept.file, rev, head);
    out.files.push_back({fs::relative(kept.file.path, versions).string(), out.rewritten[index]});
    out.ids.push_back(kept.id());
  }
  for (int index : position.kept_applied) {
    const RevisionFile& file = graph.revisions()[index].file;
    auto rewritten = out.rewritten.find(index);
    out.applied.push_back(
        {fs::relative(file.path, versions).string(),
         rewritten != out.rewritten.end() ? rewritten->second : read_whole_file(file.path)});
  }
  return out;
}

/// Kept revision files the squash leaves as they are.
std::vector<std::string> untouched_files(const RevisionGraph& graph, const HistoryCut& cut,
                                         const std::map<int, std::string>& rewritten,
                                         const std::string& versions) {
  std::vector<std::string> names;
  for (int index : cut.kept) {
    if (!rewritten.count(index)) {
      names.push_back(fs::relative(graph.revisions()[index].file.path, versions).string());
    }
  }
  return names;
}

std::vector<std::string> hashes_of(const std::string& versions,
                                   const std::vector<std::string>& names) {
  std::vector<std::string> hashes;
  for (const auto& name : names)
    hashes.push_back(sha256_hex(read_whole_file(versions + "/" + name)));
  return hashes;
}

/// A new file must not replace a file the squash does not archive.
void refuse_overwrites(const std::string& versions, const std::vector<NewFile>& new_files,
                       const std::vector<std::string>& old_files) {
  for (const auto& file : new_files) {
    if (fs::exists(versions + "/" + file.name) &&
        std::find(old_files.begin(), old_files.end(), file.name) == old_files.end()) {
      throw Refused(file.name +
                    " already exists in the versions folder (squashed before?); "
                    "nothing was changed");
    }
  }
}

template <typename T>
std::vector<T> joined(std::vector<T> first, const std::vector<T>& second) {
  first.insert(first.end(), second.begin(), second.end());
  return first;
}

}  // namespace

SquashPlan make_squash_plan(const Config& config, const RevisionGraph& graph,
                            const VersionsScan& scan, const SquashOptions& options,
                            StageObserver& stages) {
  const std::string& versions = folder_to_squash(config);
  refuse_broken_graph(graph, scan);
  auto connection = connect(config.database_url);
  SquashPlan plan;
  plan.rows = read_version_table(*connection, config.version_table_schema, config.version_table);
  plan.version_state = diagnose_version_table(
      graph, plan.rows, config.version_table_schema + "." + config.version_table, {});
  HistoryCut cut = cut_history(graph, upgrade_order(graph), options.through);
  Position position = database_position(graph, cut, plan.rows, plan.version_state);
  plan.warnings = position.warnings;
  plan.replaced = ids_of(graph, cut.replaced);
  plan.kept = ids_of(graph, cut.kept);

  Stage introspecting(stages, "introspect live");
  plan.live = introspect_live(config, *connection);
  introspecting.done(counted(plan.live.tables.size(), "table", "tables"));
  plan.lock_settings = read_lock_settings(*connection);
  std::string target = cut.through < 0 ? "heads" : graph.revisions()[cut.through].id();
  OldChainReplay chain = replay_old_chain(config, graph, cut.replaced, target, stages);
  if (!chain.left_out_schemas.empty()) {
    throw Refused(left_out_schemas_refusal(config, chain.left_out_schemas));
  }
  plan.notes = notes_of(chain.revisions);
  for (auto& warning : unmodelled_warnings(chain.revisions)) plan.warnings.push_back(warning);
  if (chain.engine.engine == ReplayEngine::kBuiltin && !reader_setup(config).warning.empty()) {
    plan.warnings.push_back(reader_setup(config).warning);
  }
  plan.chain = std::move(chain.schema);
  plan.chain_engine = std::move(chain.engine);
  plan.chain_in_memory = chain.in_memory;
  if (chain.in_memory) {  // the verify replay still needs one
    require_scratch_databases(config.scratch_server());
  }
  if (position.past_through) {
    refuse_drift_past_through(config, graph, cut, position, plan.live, options.through);
  }

  Stage diffing(stages, "diff");
  PlannedDiffs diffs = diff_chain_and_live(plan.chain, plan.live, position.past_through, options);
  diffing.done(counted(diffs.drift.ops.size(), "change", "changes") + " of drift");
  plan.baseline = diffs.baseline;
  plan.drift = diffs.drift;
  plan.drift_back = diffs.drift_back;
  plan.fills = diffs.drift.fills;
  for (const auto& [key, value] : options.fills) {
    bool used = std::any_of(plan.fills.begin(), plan.fills.end(),
                            [&](const Fill& fill) { return fill.key == key; });
    if (!used) {
      plan.warnings.push_back("fill " + key +
                              " is not used: the sync revision adds no NOT NULL column " + key);
    }
  }
  SquashOptions named = options;
  if (named.revision_id.empty()) named.revision_id = derived_sync_id(plan.replaced, plan.live);
  if (graph.index_of(named.revision_id) >= 0 &&
      std::find(plan.replaced.begin(), plan.replaced.end(), named.revision_id) ==
          plan.replaced.end()) {
    throw Refused("the sync revision id " + named.revision_id +
                  " is taken by a revision the squash keeps: pass another with --revision-id");
  }
  Stage rendering(stages, "render");
  NewRevisions rendered =
      render_new_revisions(config, named, plan.replaced, plan.chain, plan.live, diffs);
  plan.sync_revision = rendered.sync_revision;
  Repointing repointed = repoint_kept(graph, cut, position, versions, rendered.head);
  plan.repointed = repointed.ids;
  plan.new_files = joined(rendered.files, repointed.files);
  for (const auto& file : rendered.files) plan.generated_files.push_back(file.name);
  plan.verify_chain = joined(rendered.files, repointed.applied);
  plan.new_rows = position.past_through ? plan.rows.rows : std::vector<std::string>{rendered.head};

  plan.old_files = files_to_archive(versions, scan, cut, repointed.rewritten, graph);
  plan.untouched_files = untouched_files(graph, cut, repointed.rewritten, versions);
  plan.old_hashes = hashes_of(versions, plan.old_files);
  refuse_overwrites(versions, plan.new_files, plan.old_files);
  for (auto& warning : lock_warnings(plan.live, plan.lock_settings)) {
    plan.warnings.push_back(std::move(warning));
  }
  rendering.done(counted(plan.new_files.size(), "file", "files"));
  return plan;
}

std::vector<Fill> missing_fills(const SquashPlan& plan) {
  std::vector<Fill> missing;
  for (const Fill& fill : plan.fills) {
    if (!fill.given) missing.push_back(fill);
  }
  return missing;
}

DiffResult verify_squash_plan(const Config& config, const SquashPlan& plan, StageObserver& stages,
                              ScratchDrops* drops) {
  Schema rebuilt;
  Stage verifying(stages, "verify replay", plan.verify_chain.size());
  try {
    std::vector<RevisionOps> revisions = interpret_new_files(
        plan.verify_chain, config.version_locations.front(), reader_setup(config).options);
    rebuilt = replay_chain_in_scratch(
        config, revisions, [&](size_t done) { verifying.advance(done); }, drops);
  } catch (const SourceError& error) {
    throw Refused(std::string("the files the squash would write do not replay (nothing was "
                              "written): ") +
                  error.what());
  }
  DiffResult difference = diff_schemas(rebuilt, plan.live);
  if (difference.ops.empty() && !(rebuilt == plan.live)) {
    difference.hazards.push_back({"model", "schema",
                                  "the rebuilt schema differs from live in a detail the diff "
                                  "does not express; compare `snapshot` outputs"});
  }
  verifying.done(counted(plan.verify_chain.size(), "file", "files"));
  return difference;
}

}  // namespace asq
