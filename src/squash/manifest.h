#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
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

/// How far a squash got, as its journal records it.
enum class ManifestState {
  kArchived,      // old files copied into the backup
  kFilesWritten,  // new files written beside them
  kFilesSwapped,  // old files removed
  kCommitted,     // version table rewritten: the squash is done
  kRolledBack,    // a failure undid the file steps
  kRestoring,     // `restore` began rewriting the rows: unfinished until kRestored
  kRestored,      // `restore` put everything back
};

/// "archived", "files-written", "files-swapped", "committed", "rolled-back", "restoring",
/// "restored": the
/// state as manifest.json holds it.
std::string to_string(ManifestState state);
/// The state `text` names; nullopt for any other text.
std::optional<ManifestState> manifest_state_from_string(std::string_view text);

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
  ManifestState state = ManifestState::kArchived;
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
