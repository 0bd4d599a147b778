#pragma once

#include <string>
#include <vector>

#include "db/version_table.h"
#include "revisions/fault.h"
#include "revisions/graph.h"

namespace asq {

/// How the version table relates to the revision files.
struct VersionDiagnosis {
  /// "at-head", "behind", "unknown-revision", "empty", "missing-table", "several-rows".
  std::string state;
  /// Revisions `alembic upgrade heads` would still apply (for "behind").
  int pending = 0;
  std::vector<Fault> faults;
};

/// Compares the version table's rows with the graph. `table` is the qualified table name for
/// messages; `stale_pycache` lets an unknown revision be traced to its deleted file.
VersionDiagnosis diagnose_version_table(const RevisionGraph& graph, const VersionTableState& rows,
                                        const std::string& table,
                                        const std::vector<Fault>& stale_pycache);

}  // namespace asq
