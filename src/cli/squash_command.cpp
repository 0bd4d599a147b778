#include <algorithm>
#include <filesystem>
#include <string>

#include "cli/commands.h"
#include "cli/fills.h"
#include "cli/json_output.h"
#include "cli/plan_output.h"
#include "cli/revision_format.h"
#include "cli/schema_source.h"
#include "cli/stage_report.h"
#include "cli/stop_signals.h"
#include "common/errors.h"
#include "db/connection.h"
#include "squash/commit.h"
#include "squash/lock_budget.h"
#include "squash/write_hooks.h"

namespace asq {
namespace {

bool confirmed(const CommandContext& context) {
  if (context.invocation.has("yes")) return true;
  if (!context.in) {
    throw Refused("no terminal to confirm on: pass --yes to squash without a question");
  }
  context.err << "squash now? [y/N] " << std::flush;
  std::string answer;
  std::getline(*context.in, answer);
  return answer == "y" || answer == "Y" || answer == "yes";
}

CommitPlan commit_plan(const CommandContext& context, const SquashPlan& plan) {
  const Config& config = context.config;
  CommitPlan commit;
  commit.versions_dir = config.version_locations.front();
  commit.archive_root = archive_root(config, commit.versions_dir);
  commit.timestamp = utc_stamp(true);
  commit.created_at = utc_stamp(false);
  commit.tool_version = ASQ_VERSION;
  commit.old_files = plan.old_files;
  commit.old_hashes = plan.old_hashes;
  commit.new_files = plan.new_files;
  commit.untouched_files = plan.untouched_files;
  commit.database_url = config.database_url;
  commit.version_table_schema = config.version_table_schema;
  commit.version_table = config.version_table;
  commit.version_table_existed = plan.rows.exists;
  commit.lock_timeout_ms = config.lock_timeout_seconds * 1000;
  commit.expected_rows = plan.rows.rows;
  commit.new_rows = plan.new_rows;
  return commit;
}

/// The generated files as alembic.ini's post_write_hooks leave them, in the plan's lists, so
/// the verification replays what the commit writes.
void run_hooks_on(const CommandContext& context, SquashPlan& plan, StageReport& stages) {
  const Config& config = context.config;
  if (config.post_write_hooks.empty()) return;
  Stage hooking(stages, "post-write hooks");
  std::vector<NewFile> generated;
  for (const auto& file : plan.new_files) {
    if (std::find(plan.generated_files.begin(), plan.generated_files.end(), file.name) !=
        plan.generated_files.end()) {
      generated.push_back(file);
    }
  }
  std::vector<NewFile> hooked =
      run_write_hooks(config, generated, config.version_locations.front());
  for (const NewFile& done : hooked) {
    for (auto* list : {&plan.new_files, &plan.verify_chain}) {
      for (NewFile& file : *list) {
        if (file.name == done.name) file.content = done.content;
      }
    }
  }
  hooking.done(counted(config.post_write_hooks.size(), "hook", "hooks") + " on " +
               counted(hooked.size(), "file", "files"));
}

}  // namespace

int run_squash(const CommandContext& context) {
  const Config& config = context.config;
  SquashOptions options = squash_options(context);  // bad --date / --revision-id: exit 2 first
  if (context.in && !context.invocation.json && !context.invocation.has("yes")) {
    options.ask = [&](const Fill& fill) { return ask_fill(*context.in, context.err, fill); };
  }
  refuse_unfinished_squash(context);
  if (config.database_url.empty()) {
    throw UsageError("squash needs the live database: pass --database-url or set DATABASE_URL");
  }
  auto run_lock = connect(config.database_url);  // held until the command ends
  {
    pqxx::nontransaction tx(*run_lock);
    if (!tx.exec("SELECT pg_try_advisory_lock(hashtext('alembic-squash run'))")[0][0].as<bool>()) {
      throw Refused("another alembic-squash squash is running against this database");
    }
  }
  StageReport stages(context);
  LoadedHistory loaded = load_history(context, true, stages);
  report_load_faults(context, loaded);
  SquashPlan plan = make_squash_plan(config, loaded.graph, loaded.scan, options, stages);
  refuse_missing_fills(plan);
  run_hooks_on(context, plan, stages);
  bool human = !context.invocation.json && context.invocation.verbosity >= 0;
  if (human) print_plan(context, plan);
  ScratchDrops scratch_drops;  // the verify's scratch database goes while the run goes on
  DiffResult difference = verify_squash_plan(config, plan, stages, &scratch_drops);
  // Printed after the replay, so that a progress line on the terminal cannot overwrite it.
  if (human) context.out << "\nverifying: the new files replayed in a scratch database... ";
  if (!difference.ops.empty() || !difference.hazards.empty()) {
    if (human) context.out << "DIFFERENT\n";
    print_diff(context.err, difference, false, context.colour_err);
    throw Refused(
        "the new files do not rebuild the live schema (differences above); nothing "
        "was changed");
  }
  if (human) context.out << "equal to live\n";
  if (!confirmed(context)) {
    context.out << "not squashed; nothing was changed\n";
    return kExitRefused;
  }
  CommitPlan commit = commit_plan(context, plan);
  // All live tables when they fit in a quarter of the server's lock table (the plan warned
  // otherwise); the live schema is checked again either way.
  for (const auto& table : commit_locks(plan.live, plan.lock_settings).tables) {
    commit.lock_against_ddl.emplace_back(table.schema, table.name);
  }
  commit.recheck_live = [&] {  // DDL on those tables waits for the commit from here on
    if (!(load_schema_source(context, "live") == plan.live)) {
      throw Refused(
          "the live schema changed since the plan (someone migrated?); nothing was "
          "changed. Run squash again to plan from the new state");
    }
  };
  Stage committing(stages, "commit");
  StopSwitch stop;
  std::string backup;
  {
    StopOnSignals signals(stop);  // SIGINT / SIGTERM: the commit undoes the step under way
    backup = commit_squash(commit, &stop);
  }
  if (stop.requested()) {
    context.err << "interrupted after the version table was committed: the squash was finished, "
                   "not undone\n";
  }
  scratch_drops.wait();  // timed with the commit, which it overlapped
  committing.done(counted(plan.old_files.size(), "file", "files") + " archived");
  stages.total();
  if (context.invocation.json) {
    Json json = plan_json(context, plan);
    json["backup"] = context.display(backup);
    json["verified"] = true;
    return write_json(context, std::move(json), kExitOk);
  }
  if (human) {
    context.out << "squashed: old files and manifest in " << context.display(backup)
                << "; version table now " << plan.new_rows.front() << "\n\n";
    LoadedHistory after = load_history(context, false);
    for (int index : after.graph.history()) {
      context.out << revision_line(after.graph, index, {}) << "\n";
    }
    context.out << "\nundo with: alembic-squash restore " << context.display(backup) << "\n";
  }
  return kExitOk;
}

}  // namespace asq
