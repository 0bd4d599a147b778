#pragma once

#include <string>
#include <vector>

#include "common/json.h"

namespace asq {

/// One file the squash archived or wrote, relative to the versions folder.
struct ManifestFile {
  std::string name;
  std::string sha256;
  std::uint64_t size = 0;
  bool operator==(const ManifestFile&) const = default;
};

/// Everything needed to undo a squash exactly; also its journal (`state`).
struct Manifest {
  std::string tool_version;
  std::string created_at;
  std::string versions_dir;
  std::vector<ManifestFile> old_files;
  std::vector<ManifestFile> new_files;
  std::string version_table;  // schema.table
  bool version_table_existed = true;
  std::vector<std::string> rows_before;
  std::vector<std::string> rows_after;
  /// "archived", "files-written", "files-swapped", "committed", "rolled-back", "restoring",
  /// "restored".
  std::string state;
  bool operator==(const Manifest&) const = default;
};

Json manifest_to_json(const Manifest& manifest);
/// Reads a manifest; throws SourceError naming `file` when a member is missing.
Manifest manifest_from_json(const Json& json, const std::string& file);

/// Writes `manifest.json` into `dir` atomically (temp file, fsync, rename, fsync of the folder).
void write_manifest(const std::string& dir, const Manifest& manifest);
/// Reads `dir/manifest.json`.
Manifest read_manifest(const std::string& dir);

}  // namespace asq
