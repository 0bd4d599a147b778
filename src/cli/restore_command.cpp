#include "cli/commands.h"
#include "cli/json_output.h"
#include "common/errors.h"
#include "config/database_url.h"
#include "squash/restore.h"

namespace asq {
namespace {

/// No squash under the archive folder is still in place: said, not an error of usage.
int nothing_to_undo(const CommandContext& context, const std::string& archive) {
  if (context.invocation.json) {
    Json json;
    json["restored"] = false;
    json["archive"] = context.display(archive);
    json["reason"] = "nothing to undo";
    return write_json(context, std::move(json), kExitNothingToUndo);
  } else {
    context.err << "alembic-squash: nothing to undo: no squash under " << context.display(archive)
                << " is still in place (backups that were rolled back or restored are "
                   "skipped); name a backup folder to restore that one\n";
  }
  return kExitNothingToUndo;
}

}  // namespace

int run_restore(const CommandContext& context) {
  const Config& config = context.config;
  std::string backup;
  if (!context.invocation.arguments.empty()) {
    backup = context.invocation.arguments.front();
  } else {
    if (config.version_locations.empty()) {
      throw UsageError("no versions folder configured: name the backup folder to restore");
    }
    std::string archive = archive_root(config, config.version_locations.front());
    std::optional<std::string> latest = latest_backup(archive);
    if (!latest) return nothing_to_undo(context, archive);
    backup = *latest;
  }
  bool files_only = context.invocation.has("files-only");
  if (config.database_url.empty() && !files_only) {
    throw UsageError(
        "restore needs the database to put the old version-table rows back: pass "
        "--database-url (or --files-only to restore the files alone)");
  }
  std::string versions = config.version_locations.empty() ? "" : config.version_locations.front();
  RestoreResult result = restore_squash(backup, files_only ? "" : config.database_url, versions);
  if (context.invocation.json) {
    Json json;
    json["restored"] = true;
    json["backup"] = context.display(result.backup_dir);
    json["files_restored"] = result.files_restored;
    json["files_removed"] = result.files_removed;
    json["rows_restored"] = result.rows_restored;
    json["rows"] = Json::strings(result.manifest.rows_before);
    return write_json(context, std::move(json), kExitOk);
  }
  if (context.invocation.verbosity < 0) return kExitOk;
  std::string rows;
  for (const auto& row : result.manifest.rows_before) rows += (rows.empty() ? "" : ", ") + row;
  context.out << "restored from " << context.display(result.backup_dir) << ": "
              << result.files_restored << " files put back, " << result.files_removed
              << " generated files removed\n";
  if (result.rows_restored) {
    context.out << "version table " << result.manifest.version_table << " = "
                << (rows.empty() ? "(empty)" : rows) << " again\n";
  } else if (files_only || config.database_url.empty()) {
    context.out << "version table not touched ("
                << (files_only ? "--files-only" : "no database URL configured") << ")\n";
  } else {
    context.out << "version table already held the old rows\n";
  }
  return kExitOk;
}

}  // namespace asq
