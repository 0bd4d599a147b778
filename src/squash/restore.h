#pragma once

#include <optional>
#include <string>

#include "squash/manifest.h"

namespace asq {

/// What `restore` did.
struct RestoreResult {
  std::string backup_dir;
  int files_restored = 0;
  int files_removed = 0;
  bool rows_restored = false;
  Manifest manifest;
};

/// The newest backup folder (by name) under `archive_root` whose squash is still in place (not
/// rolled back or restored); nullopt when there is none.
std::optional<std::string> latest_backup(const std::string& archive_root);

/// Undoes a squash from its manifest: puts every old file back byte for byte (checked against
/// its sha256), removes the files the squash wrote (only if unchanged since), and, when the
/// version table holds the squash's rows, puts the old rows back in one transaction (advisory
/// lock, row check). Works from any journal state, so it also finishes an interrupted run.
/// Refuses (Refused) when the version table holds rows that are neither before nor after.
RestoreResult restore_squash(const std::string& backup_dir, const std::string& database_url,
                             const std::string& versions_dir_override);

}  // namespace asq
