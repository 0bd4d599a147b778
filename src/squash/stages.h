#pragma once

// The pipeline stages the squash strings together, behind one small interface each:
// files -> Ops (interpreter), Ops -> Schema (scratch replay).

#include <functional>
#include <string>
#include <vector>

#include "common/stage_observer.h"
#include "config/config.h"
#include "db/scratch.h"
#include "interpret/interpreter.h"
#include "introspect/introspect.h"
#include "ops/ops.h"
#include "replay/engine_choice.h"
#include "revisions/graph.h"
#include "schema/model.h"
#include "squash/commit.h"

namespace asq {

/// The introspection options the configuration asks for.
IntrospectOptions introspect_options_of(const Config& config);

/// What the built-in reader takes from the project: squash.toml's `[types]` and the naming
/// convention of env.py's target_metadata (read once per run with the project's Python), and
/// why that convention could not be read ("" when it could, or there is none).
struct ReaderSetup {
  InterpretOptions options;
  std::string warning;
};
const ReaderSetup& reader_setup(const Config& config);

/// The revisions from base to the heads in the order `alembic upgrade heads` applies them.
std::vector<int> upgrade_order(const RevisionGraph& graph);

/// Interprets the given revisions (full parse) into Ops; throws SourceError with file:line.
/// `base` carries what the project tells the reader (reader_setup(config).options).
std::vector<RevisionOps> interpret_revisions(const RevisionGraph& graph,
                                             const std::vector<int>& order,
                                             const InterpretOptions& base = {});

/// Interprets revision files given as text (the files a squash is about to write).
std::vector<RevisionOps> interpret_new_files(const std::vector<NewFile>& files,
                                             const std::string& versions_dir,
                                             const InterpretOptions& base = {});

/// Replays revisions in a scratch database on the configured server and introspects it;
/// `progress` is told how many revisions have run.
/// With `drops`, the scratch database is dropped there in the background.
/// With `left_out_schemas`, what the replay made outside the managed schemas is put there.
Schema replay_chain_in_scratch(const Config& config, const std::vector<RevisionOps>& revisions,
                               const std::function<void(size_t)>& progress = {},
                               ScratchDrops* drops = nullptr,
                               std::vector<std::string>* left_out_schemas = nullptr);

/// The old chain's schema, replayed by the engine the configuration chooses.
struct OldChainReplay {
  Schema schema;
  EngineChoice engine;
  /// The built-in reader's ops were applied by the in-memory engine (every op modelled, no
  /// --scratch-replay), not run in a scratch database.
  bool in_memory = false;
  /// What the built-in reader made of the revisions (empty when the real Alembic replayed).
  std::vector<RevisionOps> revisions;
  /// The schemas the configuration does not manage in which the chain made something (a table
  /// not excluded, a type, a function...), or that it made: a squash would lose them.
  std::vector<std::string> left_out_schemas;
};

/// "schema auth" or "schemas auth, billing".
std::string left_out_schemas_named(const std::vector<std::string>& left_out);

/// Why a squash refuses a chain that makes objects in the schemas `left_out`, which the
/// configuration does not manage, and the line of squash.toml that takes them in.
std::string left_out_schemas_refusal(const Config& config,
                                     const std::vector<std::string>& left_out);

/// One warning per construct the built-in reader saw but could not model (file:line), for
/// the revisions it read (OldChainReplay::revisions).
std::vector<std::string> unmodelled_warnings(const std::vector<RevisionOps>& revisions);

/// Replays the revisions `order` (upgrade order) of the graph: with the built-in reader in
/// memory when the in-memory engine models every op (unless config.scratch_replay or
/// --privileges), else in a scratch database. `target`
/// is where the real Alembic upgrades to: "heads", or the newest revision of `order`. Reports
/// the stages "interpret" and "replay old chain" to `stages`.
OldChainReplay replay_old_chain(const Config& config, const RevisionGraph& graph,
                                const std::vector<int>& order, const std::string& target,
                                StageObserver& stages = no_stages());

}  // namespace asq
