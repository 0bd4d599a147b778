#pragma once

// Where in history is this database? The chain is replayed once, and the schema after every
// revision is compared with the live one: the revisions whose schema equals it, or the nearest
// ones and how far they are. In memory when every op of the chain is modelled (fast: 2,000
// revisions in well under a second), else in a scratch database, revision by revision.

#include <string>
#include <vector>

#include "diff/diff.h"
#include "pgsim/engine.h"
#include "revisions/graph.h"
#include "schema/model.h"

namespace asq {

struct LocateResult {
  /// "memory" or "scratch".
  std::string engine;
  /// Why the scratch engine was needed: what the in-memory engine does not model.
  std::vector<Unmodelled> unmodelled;
  /// Revisions whose schema equals live, oldest first.
  std::vector<std::string> exact;
  /// Without an exact match: the revisions at the smallest distance (oldest first), the
  /// number of objects (tables, types, sequences, extensions, schemas) that differ there, and
  /// the ops that would turn the newest of them into live.
  std::vector<std::string> nearest;
  size_t nearest_objects = 0;
  DiffResult nearest_difference;
  /// Objects of the live schema; "close" means the nearest differs in at most a quarter of
  /// them (and at least one).
  size_t live_objects = 0;
  bool close() const {
    return !exact.empty() ||
           (!nearest.empty() && nearest_objects <= std::max<size_t>(1, live_objects / 4));
  }
};

struct LocateOptions {
  MemoryReplayOptions replay;
  /// Server for the scratch fallback ("" forbids it: unmodelled chains then throw ApplyError).
  std::string scratch_server;
  /// Use the scratch engine even when everything is modelled.
  bool force_scratch = false;
};

/// Compares `live` with the schema after each revision of `order` (upgrade order; `revisions`
/// are their interpreted ops, in the same order).
LocateResult locate(const RevisionGraph& graph, const std::vector<int>& order,
                    const std::vector<RevisionOps>& revisions, const Schema& live,
                    const LocateOptions& options);

/// The objects (`table public.user`, `type public.status`, ...) that differ between two schemas.
std::vector<std::string> differing_objects(const Schema& a, const Schema& b);

}  // namespace asq
