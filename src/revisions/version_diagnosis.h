#pragma once

#include <string>
#include <vector>

#include "db/version_table.h"
#include "revisions/fault.h"
#include "revisions/graph.h"

namespace asq {

/// Where the version table's rows put the database in the revision files' history.
enum class VersionState { kAtHead, kBehind, kUnknownRevision, kEmpty, kMissingTable, kSeveralRows };

/// "at-head", "behind", "unknown-revision", "empty", "missing-table", "several-rows": the state
/// as doctor and plan print it and put it in their JSON.
std::string to_string(VersionState state);

/// How the version table relates to the revision files.
struct VersionDiagnosis {
  VersionState state = VersionState::kAtHead;
  /// Revisions `alembic upgrade heads` would still apply (for kBehind).
  int pending = 0;
  std::vector<Fault> faults;
};

/// Compares the version table's rows with the graph. `table` is the qualified table name for
/// messages; `stale_pycache` lets an unknown revision be traced to its deleted file.
VersionDiagnosis diagnose_version_table(const RevisionGraph& graph, const VersionTableState& rows,
                                        const std::string& table,
                                        const std::vector<Fault>& stale_pycache);

}  // namespace asq
