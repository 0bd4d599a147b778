#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/stage_observer.h"
#include "config/config.h"
#include "db/lock_settings.h"
#include "db/scratch.h"
#include "db/version_table.h"
#include "diff/diff.h"
#include "ops/ops.h"
#include "replay/engine_choice.h"
#include "revisions/graph.h"
#include "revisions/scan.h"
#include "revisions/version_diagnosis.h"
#include "schema/model.h"
#include "squash/commit.h"

namespace asq {

/// What the user asked of `plan` / `squash`.
struct SquashOptions {
  /// Id of the sync revision; when empty, 12 hex digits derived from what the squash replaces
  /// and the live schema, so `plan` and `squash` on the same inputs name the same id.
  std::string revision_id;
  std::string message;  // of the sync revision; squash.toml's sync_message when empty
  std::string date;     // Create Date of the new files; now (UTC) when empty
  std::string through;  // squash only base..REV (`--through REV`); empty: everything
  /// Values for existing rows of the sync revision's new NOT NULL columns (--fill, [fill]).
  FillValues fills;
  /// Asked for each fill `fills` lacks (a person on a terminal); nothing: leave it missing.
  std::function<std::optional<std::string>(const Fill&)> ask;
};

/// Everything `squash` would do, decided without changing anything.
struct SquashPlan {
  std::vector<std::string> replaced;    // revision ids, base first
  std::vector<std::string> kept;        // with --through: the revisions after REV that stay
  std::vector<std::string> repointed;   // kept revisions whose parent becomes the new chain
  std::vector<std::string> old_files;   // relative to the versions folder, __pycache__ included
  std::vector<std::string> old_hashes;  // sha256 of each, as read by the plan
  std::vector<std::string> untouched_files;  // kept revision files that do not change
  VersionTableState rows;
  VersionDiagnosis version_state;
  Schema chain;                  // what the old chain builds (scratch replay)
  EngineChoice chain_engine;     // which engine replayed it, and why
  bool chain_in_memory = false;  // the in-memory engine built it (no scratch database)
  Schema live;
  DiffResult baseline;        // nothing -> chain
  DiffResult drift;           // chain -> live
  DiffResult drift_back;      // live -> chain
  std::string sync_revision;  // empty when there is no drift
  /// The sync revision's new NOT NULL columns; those without `given` hold only a suggestion,
  /// and a squash refuses until each has a value.
  std::vector<Fill> fills;
  std::vector<NewFile> new_files;
  /// The names of the new files the squash generates (the baseline and the sync revision; not
  /// the kept files it re-points): what alembic.ini's post_write_hooks run on.
  std::vector<std::string> generated_files;
  /// The new chain up to where the database is, in upgrade order: what verify replays.
  std::vector<NewFile> verify_chain;
  std::vector<std::string> new_rows;
  std::vector<std::string> warnings;
  std::vector<std::pair<SourceLocation, std::string>> notes;  // from the interpreter
  /// The live server's lock table settings (squash/lock_budget.h weighs the plan against them).
  LockSettings lock_settings;
};

/// Builds the plan: checks the graph and the version table (refusing what is unsafe), replays
/// the chain, introspects live, diffs, renders the new files. Changes nothing. Reports the
/// stages "introspect live", "interpret", "replay old chain", "diff" and "render".
SquashPlan make_squash_plan(const Config& config, const RevisionGraph& graph,
                            const VersionsScan& scan, const SquashOptions& options,
                            StageObserver& stages = no_stages());

/// The fills of `plan` still without a value.
std::vector<Fill> missing_fills(const SquashPlan& plan);

/// Replays the plan's NEW files in a scratch database; returns the difference to live (empty
/// when the squash is right). Reports the stage "verify replay". With `drops`, the scratch
/// database is dropped there in the background (the result does not depend on it).
DiffResult verify_squash_plan(const Config& config, const SquashPlan& plan,
                              StageObserver& stages = no_stages(), ScratchDrops* drops = nullptr);

}  // namespace asq
