#pragma once

#include <string>
#include <vector>

#include "revisions/fault.h"
#include "revisions/revision_file.h"

namespace asq {

/// How to read a versions folder.
struct ScanOptions {
  /// Parse function bodies too (finds every syntax error; `history` only needs the header).
  bool full_parse = false;
  /// Descend into sub-folders (alembic.ini's `recursive_version_locations`).
  bool recursive = false;
  /// Folders to leave out when recursive (e.g. the archive folder), as absolute paths.
  std::vector<std::string> exclude;
};

/// Every revision file of one or more version locations, in the order Alembic loads them
/// (each folder's directory order, folders in the given order), and the faults of single files.
struct VersionsScan {
  std::vector<RevisionFile> files;
  /// The path of each file in `files`, in the same order (kept when `files` moves into a graph).
  std::vector<std::string> paths;
  std::vector<Fault> faults;
  /// Files that could not be parsed (also listed in faults as "syntax-error").
  std::vector<std::string> unreadable;
};

/// Reads the folders. A missing folder is a fault, not an exception; files are read in parallel.
VersionsScan scan_versions(const std::vector<std::string>& locations, const ScanOptions& options);

/// Faults for `__pycache__/*.pyc` entries whose source file no longer exists in `location`.
std::vector<Fault> find_stale_pycache(const std::string& location);

}  // namespace asq
