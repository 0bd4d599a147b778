#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "db/stop_switch.h"
#include "squash/manifest.h"

namespace asq {

/// A file the squash writes into the versions folder.
struct NewFile {
  std::string name;  // relative to the versions folder
  std::string content;
};

/// Everything the commit step does, decided beforehand by the plan.
struct CommitPlan {
  std::string versions_dir;
  std::string archive_root;  // e.g. <versions>/backup
  std::string timestamp;     // UTC, names the backup folder (e.g. 20261121T054500Z)
  std::string created_at;    // ISO 8601 UTC, for the manifest
  std::string tool_version;
  std::vector<std::string> old_files;  // relative names, __pycache__ entries included
  /// sha256 of each old file when the plan read it (same order); checked before anything moves.
  std::vector<std::string> old_hashes;
  std::vector<NewFile> new_files;
  /// Revision files that stay as they are (kept by `--through`): expected in the folder.
  std::vector<std::string> untouched_files;
  std::string database_url;
  std::string version_table_schema;
  std::string version_table;
  bool version_table_existed = true;
  /// How long the commit waits for the version table's lock before it refuses ([database]
  /// lock_timeout, seconds); the lock is taken before any file moves.
  int lock_timeout_ms = 10000;
  /// The live tables (schema, name) locked against DDL (SHARE UPDATE EXCLUSIVE: rows may still
  /// change, ALTER / CREATE INDEX / DROP wait) in the commit's transaction until it ends.
  std::vector<std::pair<std::string, std::string>> lock_against_ddl;
  /// Checks the live schema again once those locks are held, before any file moves; throws
  /// (Refused) when it changed since the plan. Empty: no check.
  std::function<void()> recheck_live;
  /// Called with the name of each step just before it runs ("archive NAME", "write NAME",
  /// "remove NAME", "commit"); tests request a stop there. Empty: nothing is called.
  std::function<void(std::string_view step)> on_step;
  std::vector<std::string> expected_rows;
  std::vector<std::string> new_rows;
};

/// Archives, swaps the files and rewrites the version table (DESIGN.md, step 6). On any failure
/// the files are put back from the archive and the error is rethrown; the manifest's state says
/// how far it got. Returns the backup folder.
/// `stop` is looked at between steps (and cancels the wait for the locks): once requested, the
/// step under way finishes, the files are put back, the transaction rolls back and Interrupted
/// is thrown. A request that comes after COMMIT was sent is too late: the squash finishes.
std::string commit_squash(const CommitPlan& plan, StopSwitch* stop = nullptr);

/// Backup folders under `archive_root` whose journal says a squash did not finish or roll back.
std::vector<std::string> unfinished_squashes(const std::string& archive_root);

}  // namespace asq
