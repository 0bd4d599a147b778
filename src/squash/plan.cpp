#include "squash/plan.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "common/errors.h"
#include "common/sha256.h"
#include "db/connection.h"
#include "db/roles.h"
#include "introspect/introspect.h"
#include "render/alembic.h"
#include "squash/files.h"
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

/// Decides what the version table's state allows.
void check_version_table(const SquashPlan& plan, std::vector<std::string>& warnings) {
  const std::string& state = plan.version_state.state;
  if (state == "behind") {
    throw Refused("the database is " + std::to_string(plan.version_state.pending) +
                  " revision(s) behind the head: run `alembic upgrade head` first, then squash");
  }
  if (state == "several-rows") {
    throw Refused(
        "the version table holds several rows on one line of history; "
        "`alembic-squash doctor` says which to delete");
  }
  if (state == "unknown-revision") {
    warnings.push_back("the version table names a revision no file defines (" +
                       plan.rows.rows.front() +
                       "): the live schema is taken as the truth and the drift from the head "
                       "goes into the sync revision");
  }
  if (state == "empty" || state == "missing-table") {
    warnings.push_back("the version table is " +
                       std::string(state == "empty" ? "empty" : "missing") +
                       ": it will be created/stamped at the new head");
  }
}

/// Where the database is for `--through`: REV itself or a kept revision after it.
int database_position(const RevisionGraph& graph, const HistoryCut& cut, const SquashPlan& plan) {
  const std::string& rev = graph.revisions()[cut.through].id();
  if (plan.rows.rows.size() != 1 || plan.version_state.state == "unknown-revision") {
    throw Refused("--through needs the database at " + rev +
                  " or after it; its version table "
                  "is [" +
                  plan.version_state.state + "]. Nothing was changed");
  }
  int current = graph.index_of(graph.resolve(plan.rows.rows.front()).ids.front());
  bool kept = std::find(cut.kept.begin(), cut.kept.end(), current) != cut.kept.end();
  if (current != cut.through && !kept) {
    throw Refused("the database is at " + graph.revisions()[current].id() + ", before " + rev +
                  ": run `alembic upgrade " + rev + "` first. Nothing was changed");
  }
  return current;
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

std::string slug(const std::string& message) {
  std::string out;
  bool gap = false;
  for (unsigned char c : message) {
    if (std::isalnum(c) || c == '_') {
      if (gap && !out.empty()) out += '_';
      out += static_cast<char>(std::tolower(c));
      gap = false;
    } else {
      gap = true;
    }
  }
  return out.substr(0, 40);
}

/// Every file the squash archives and removes: the revision files and their bytecode (also the
/// stale bytecode of revisions already gone).
std::vector<std::string> files_to_archive(const std::string& versions, const VersionsScan& scan,
                                          const HistoryCut& cut,
                                          const std::map<int, std::string>& rewritten,
                                          const RevisionGraph& graph) {
  std::vector<std::string> names;
  if (cut.through < 0) {
    for (const auto& file : scan.files) names.push_back(fs::relative(file.path, versions).string());
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

}  // namespace

std::vector<int> upgrade_order(const RevisionGraph& graph) {
  std::vector<int> order = graph.history();
  std::reverse(order.begin(), order.end());
  return order;
}

SquashPlan make_squash_plan(const Config& config, const RevisionGraph& graph,
                            const VersionsScan& scan, const SquashOptions& options) {
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
  refuse_broken_graph(graph, scan);
  SquashPlan plan;
  auto connection = connect(config.database_url);
  plan.rows = read_version_table(*connection, config.version_table_schema, config.version_table);
  plan.version_state = diagnose_version_table(
      graph, plan.rows, config.version_table_schema + "." + config.version_table, {});
  HistoryCut cut = cut_history(graph, upgrade_order(graph), options.through);
  int current = cut.through < 0 ? -1 : database_position(graph, cut, plan);
  if (cut.through < 0) check_version_table(plan, plan.warnings);
  bool past_through = current >= 0 && current != cut.through;

  for (int index : cut.replaced) plan.replaced.push_back(graph.revisions()[index].id());
  for (int index : cut.kept) plan.kept.push_back(graph.revisions()[index].id());
  std::vector<RevisionOps> revisions =
      interpret_revisions(graph, cut.replaced, read_app_types(config.types));
  for (const auto& revision : revisions) {
    for (const auto& note : revision.notes) plan.notes.push_back(note);
  }
  Introspection live = introspect(*connection, introspect_options_of(config));
  refuse_unsupported(live.unsupported);
  plan.live = std::move(live.schema);
  if (config.privileges) require_roles_where_built(config, plan.live, *connection);
  plan.chain = replay_chain_in_scratch(config, revisions);
  std::vector<int> kept_applied;  // kept revisions the database has already run
  if (past_through) {
    std::vector<bool> below = graph.ancestors(current);
    for (int index : cut.kept) {
      if (below[index]) kept_applied.push_back(index);
    }
    std::vector<int> to_current = cut.replaced;
    to_current.insert(to_current.end(), kept_applied.begin(), kept_applied.end());
    Schema expected = replay_chain_in_scratch(
        config, interpret_revisions(graph, to_current, read_app_types(config.types)));
    if (!(expected == plan.live)) {
      throw Refused("the database is past " + options.through + ", at " +
                    graph.revisions()[current].id() +
                    ", but its schema differs from what the "
                    "files build up to there; `alembic-squash diff chain@" +
                    graph.revisions()[current].id() + " live` shows how. Nothing was changed");
    }
  }

  plan.baseline = diff_schemas(Schema{}, plan.chain);
  DiffResult baseline_down = diff_schemas(plan.chain, Schema{});
  if (!past_through) {
    plan.drift = diff_schemas(plan.chain, plan.live);
    plan.drift_back = diff_schemas(plan.live, plan.chain);
  }

  std::vector<EnumType> enums = plan.chain.enums;
  enums.insert(enums.end(), plan.live.enums.begin(), plan.live.enums.end());
  RevisionSpec baseline{config.baseline_id, std::nullopt,      "initial schema",  options.date,
                        plan.replaced,      plan.baseline.ops, baseline_down.ops, enums};
  plan.new_files.push_back({config.baseline_id + ".py", render_revision(baseline)});
  std::string head = config.baseline_id;
  if (!plan.drift.ops.empty()) {
    std::string message = options.message.empty() ? config.sync_message : options.message;
    plan.sync_revision = options.revision_id;
    RevisionSpec sync{plan.sync_revision, config.baseline_id,  message, options.date, {},
                      plan.drift.ops,     plan.drift_back.ops, enums};
    plan.new_files.push_back(
        {plan.sync_revision + "_" + slug(message) + ".py", render_revision(sync)});
    head = plan.sync_revision;
  }
  plan.verify_chain = plan.new_files;
  std::map<int, std::string> rewritten;
  if (cut.through >= 0) {
    const std::string& rev = graph.revisions()[cut.through].id();
    for (int index : cut.kept) {
      const Revision& kept = graph.revisions()[index];
      if (std::find(kept.down.begin(), kept.down.end(), cut.through) == kept.down.end()) continue;
      rewritten[index] = repoint_revision(read_whole_file(kept.file.path), kept.file, rev, head);
      plan.new_files.push_back({fs::relative(kept.file.path, versions).string(), rewritten[index]});
      plan.repointed.push_back(kept.id());
    }
    for (int index : kept_applied) {
      const RevisionFile& file = graph.revisions()[index].file;
      plan.verify_chain.push_back(
          {fs::relative(file.path, versions).string(),
           rewritten.count(index) ? rewritten[index] : read_whole_file(file.path)});
    }
  }
  plan.new_rows = past_through ? plan.rows.rows : std::vector<std::string>{head};
  plan.old_files = files_to_archive(versions, scan, cut, rewritten, graph);
  for (int index : cut.kept) {
    if (!rewritten.count(index)) {
      plan.untouched_files.push_back(
          fs::relative(graph.revisions()[index].file.path, versions).string());
    }
  }
  for (const auto& name : plan.old_files) {
    plan.old_hashes.push_back(sha256_hex(read_whole_file(versions + "/" + name)));
  }
  for (const auto& file : plan.new_files) {
    if (fs::exists(versions + "/" + file.name) &&
        std::find(plan.old_files.begin(), plan.old_files.end(), file.name) ==
            plan.old_files.end()) {
      throw Refused(file.name +
                    " already exists in the versions folder (squashed before?); "
                    "nothing was changed");
    }
  }
  return plan;
}

DiffResult verify_squash_plan(const Config& config, const SquashPlan& plan) {
  Schema rebuilt;
  try {
    std::vector<RevisionOps> revisions =
        interpret_new_files(plan.verify_chain, config.version_locations.front());
    rebuilt = replay_chain_in_scratch(config, revisions);
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
  return difference;
}

}  // namespace asq
