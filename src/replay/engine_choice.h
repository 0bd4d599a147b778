#pragma once

// Which engine replays the old chain. The built-in reader is fast and needs no Python, but
// reads only what it models; the real Alembic reads everything the user's environment can
// run. `auto` takes the built-in one when it reads every revision and otherwise the real one,
// and says which and why.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/source_error.h"
#include "config/config.h"
#include "ops/ops.h"
#include "replay/alembic_replay.h"
#include "revisions/graph.h"

namespace asq {

/// A revision the built-in reader cannot read, and its first reason.
struct UnreadRevision {
  std::string revision;
  SourceLocation where;
  std::string message;
};

/// What the built-in reader made of a chain.
struct ChainReading {
  /// The ops of every revision, in the order asked for; complete only when `unread` is empty.
  std::vector<RevisionOps> revisions;
  /// The revisions it cannot read, in upgrade order (at most kMaxUnread).
  std::vector<UnreadRevision> unread;
  /// The first error, exactly as the built-in engine reports it.
  std::optional<SourceError> error;
};

/// Interprets revisions of a graph (given as indexes, upgrade order) into ops; throws
/// SourceError at the first construct it cannot read.
using ChainInterpreter = std::function<std::vector<RevisionOps>(const std::vector<int>& order)>;

/// How many unread revisions read_chain looks for before it stops.
inline constexpr size_t kMaxUnread = 10;

/// Reads `order` with `interpret`. When a revision cannot be read, the rest are read without
/// it to find the next ones (up to kMaxUnread).
ChainReading read_chain(const RevisionGraph& graph, const std::vector<int>& order,
                        const ChainInterpreter& interpret);

/// The engine that replays, and why.
struct EngineChoice {
  ReplayEngine setting = ReplayEngine::kAuto;
  /// kBuiltin or kAlembic: the one that runs.
  ReplayEngine engine = ReplayEngine::kBuiltin;
  /// What the built-in reader could not read (when auto chose the real Alembic).
  std::vector<UnreadRevision> unread;
  /// The real Alembic that runs ("Alembic 1.8.1, SQLAlchemy 1.4.46, python3").
  std::string alembic;
};

/// Decides. `probe` is asked only when the real Alembic may be needed. Throws, changing
/// nothing: with `builtin`, the reader's first error as it always did; with `alembic`, a
/// UsageError when the real Alembic cannot run; with `auto`, when neither engine can, the
/// reader's first error naming the revisions it cannot read and why Alembic cannot run.
EngineChoice choose_engine(ReplayEngine setting, const ChainReading& reading,
                           const std::function<AlembicProbe()>& probe);

/// One line for people: `replay engine: ... (why)`. `display` shortens file paths.
std::string describe_choice(const EngineChoice& choice,
                            const std::function<std::string(const std::string&)>& display);

}  // namespace asq
