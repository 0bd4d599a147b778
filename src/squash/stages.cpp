#include "squash/stages.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <optional>
#include <set>

#include "common/errors.h"
#include "common/json.h"
#include "common/text.h"
#include "db/connection.h"
#include "db/scratch.h"
#include "db/server_facts.h"
#include "interpret/interpreter.h"
#include "interpret/table_keyed.h"
#include "ops/exhaustive.h"
#include "ops/table_changes.h"
#include "pgsim/engine.h"
#include "replay/scratch_replay.h"
#include "squash/files.h"

namespace asq {
namespace {

/// What earlier revisions of the chain said about columns and constraints, for the later ones
/// that leave it out (a plain-string server_default, drop_constraint without type_).
class ChainMemory {
 public:
  explicit ChainMemory(const InterpretOptions& base) : base_(base) {}

  /// Tables are known from here on only if every revision read so far had its parents read
  /// before it in this memory (the chain read from its base), and nothing unmodelled ran.
  void read_parents(bool all_read) {
    if (!all_read) tables_.lose_track();
  }

  InterpretOptions options() const {
    InterpretOptions options = base_;
    options.table_names =
        [this](const std::string& schema) -> std::optional<std::vector<std::string>> {
      std::vector<std::string> before;  // Alembic made its version table before the first revision
      if (base_.version_table.schema == schema) before.push_back(base_.version_table.name);
      return tables_.names(schema, before);
    };
    options.column_type = [this](const QualifiedName& table, const std::string& column) {
      auto it = types_.find({table, column});
      return it == types_.end() ? std::string() : it->second;
    };
    options.constraint_kind = [this](const QualifiedName& table,
                                     const std::string& name) -> std::optional<Constraint::Kind> {
      auto it = constraints_.find({table, name});
      if (it == constraints_.end()) return std::nullopt;
      return it->second;
    };
    options.column_default =
        [this](const QualifiedName& table,
               const std::string& column) -> std::optional<std::optional<std::string>> {
      auto it = defaults_.find({table, column});
      if (it == defaults_.end()) return std::nullopt;
      return it->second;
    };
    return options;
  }

  void learn(const RevisionOps& revision) {
    if (!unmodelled(revision).empty()) tables_.lose_track();
    for (const auto& located : revision.upgrade) {
      tables_.learn(located.op);
      std::visit([this](const auto& op) { learn_op(op); }, located.op);
    }
  }

 private:
  template <typename T>
  void learn_op(const T& op) {
    if constexpr (std::is_same_v<T, CreateTable>) {
      for (const auto& c : op.table.columns) {
        types_[{op.table.name, c.name}] = c.type;
        defaults_[{op.table.name, c.name}] = c.default_value;
      }
      for (const auto& k : op.table.constraints) constraints_[{op.table.name, k.name}] = k.kind;
    } else if constexpr (std::is_same_v<T, AddColumn>) {
      types_[{op.table, op.column.name}] = op.column.type;
      defaults_[{op.table, op.column.name}] = op.column.default_value;
    } else if constexpr (std::is_same_v<T, AlterColumn>) {
      if (op.default_value) defaults_[{op.table, op.column}] = *op.default_value;
      if (op.new_name) defaults_[{op.table, *op.new_name}] = defaults_[{op.table, op.column}];
      if (op.type) types_[{op.table, op.new_name.value_or(op.column)}] = *op.type;
      if (op.new_name) types_[{op.table, *op.new_name}] = types_[{op.table, op.column}];
    } else if constexpr (std::is_same_v<T, AddConstraint>) {
      constraints_[{op.table, op.constraint.name}] = op.constraint.kind;
    } else if constexpr (std::is_same_v<T, RenameTable>) {
      QualifiedName renamed{op.name.schema, op.new_name};
      interp::rename_table(types_, op.name, renamed);
      interp::rename_table(defaults_, op.name, renamed);
      interp::rename_table(constraints_, op.name, renamed);
    } else if constexpr (std::is_same_v<T, DropTable>) {
      interp::forget_table(types_, op.name);
      interp::forget_table(defaults_, op.name);
      interp::forget_table(constraints_, op.name);
    } else if constexpr (std::is_same_v<T, DropColumn>) {
      types_.erase({op.table, op.column});
      defaults_.erase({op.table, op.column});
    } else if constexpr (kOneOf<T, CreateSchema, DropSchema, CreateExtension, DropExtension,
                                CreateEnum, DropEnum, AddEnumValue, CreateSequence, DropSequence,
                                SetSequenceOwner, SetTableComment, CreateIndex, DropIndex,
                                DropConstraint, SetRowSecurity, SetTableStorage, CreateObject,
                                DropObject, SetObjectComment, SetComment, Execute>) {
      // says nothing about a column's type or a constraint's kind
    } else {
      static_assert(kMissedOp<T>, "ChainMemory misses an op kind");
    }
  }

  const InterpretOptions& base_;
  TableLedger tables_;
  std::map<std::pair<QualifiedName, std::string>, std::string> types_;
  std::map<std::pair<QualifiedName, std::string>, std::optional<std::string>> defaults_;
  std::map<std::pair<QualifiedName, std::string>, Constraint::Kind> constraints_;
};

/// The old chain replayed by the in-memory engine, when the configuration lets it (nullopt
/// otherwise); the caller looks whether it modelled every op (it agrees with the scratch
/// replay there). Told the extension versions and time zone of the server the scratch replay
/// would run on; without a server they are unknown, and what depends on them is not modelled.
std::optional<MemoryReplay> replay_in_memory_if_allowed(const Config& config,
                                                        const std::vector<RevisionOps>& revisions) {
  if (config.scratch_replay || config.privileges) return std::nullopt;  // owners: scratch only
  MemoryReplayOptions options;
  options.introspect = introspect_options_of(config);
  if (const std::string& url = config.scratch_server(); !url.empty()) {
    auto server = connect(url);
    options.server = server_facts(*server);
  }
  return replay_in_memory(revisions, options);
}

/// Stops a replay that needs a scratch database when no server is configured; `why` says why.
void require_a_server(const Config& config, const std::string& why) {
  if (!config.scratch_server().empty()) return;
  throw UsageError(why +
                   ": pass --database-url (or set [database] scratch_url) to name its server");
}

}  // namespace

IntrospectOptions introspect_options_of(const Config& config) {
  IntrospectOptions options;
  options.schemas = config.schemas;
  options.version_table_schema = config.version_table_schema;
  options.version_table = config.version_table;
  options.exclude_tables = config.exclude_tables;
  options.privileges = config.privileges;
  return options;
}

const ReaderSetup& reader_setup(const Config& config) {
  // Made once per project and [types] in a run: probing env.py's target_metadata starts Python.
  // adopt's worker threads ask at the same time; entries are never removed, so references last.
  static std::mutex guard;
  static std::map<std::string, ReaderSetup> setups;
  std::lock_guard lock(guard);
  AlembicRun run = alembic_run_of(config);
  std::string key = run.python + '\n' + run.project_root + '\n' + run.target_metadata;
  for (const auto& line : run.env_imports) key += '\n' + line;
  for (const auto& path : run.sys_path) key += '\n' + path;
  key += "\nversion table " + config.version_table_schema + "." + config.version_table;
  for (const auto& [name, type] : config.types) key += '\n' + name + '=' + type.sql;
  for (const auto& [name, value] : config.values) key += "\nvalue " + name + '=' + value.python;
  auto found = setups.find(key);
  if (found != setups.end()) return found->second;
  ReaderSetup setup;
  setup.options.app_types = read_app_types(config.types);
  setup.options.version_table = {config.version_table_schema, config.version_table};
  for (const auto& [name, value] : config.values) setup.options.app_values[name] = value.python;
  setup.options.x_arguments = config.x_arguments;
  NamingProbe probe = probe_naming_convention(run);
  setup.options.naming = std::move(probe.convention);
  setup.warning = std::move(probe.warning);
  return setups.emplace(key, std::move(setup)).first->second;
}

std::vector<int> upgrade_order(const RevisionGraph& graph) {
  std::vector<int> order = graph.history();
  std::reverse(order.begin(), order.end());
  return order;
}

std::vector<RevisionOps> interpret_revisions(const RevisionGraph& graph,
                                             const std::vector<int>& order,
                                             const InterpretOptions& base) {
  std::vector<RevisionOps> out;
  ChainMemory memory(base);
  std::set<int> read;
  for (int index : order) {
    const Revision& revision = graph.revisions()[index];
    memory.read_parents(std::all_of(revision.down.begin(), revision.down.end(),
                                    [&](int parent) { return read.count(parent) > 0; }) &&
                        revision.dependencies.empty());
    read.insert(index);
    const RevisionFile& file = revision.file;
    std::string source = read_whole_file(file.path);
    out.push_back(interpret_revision_source(source, file.path, memory.options()));
    memory.learn(out.back());
  }
  return out;
}

std::vector<RevisionOps> interpret_new_files(const std::vector<NewFile>& files,
                                             const std::string& versions_dir,
                                             const InterpretOptions& base) {
  std::vector<RevisionOps> out;
  ChainMemory memory(base);
  for (const auto& file : files) {
    out.push_back(
        interpret_revision_source(file.content, versions_dir + "/" + file.name, memory.options()));
    memory.learn(out.back());
  }
  return out;
}

std::vector<std::string> unmodelled_warnings(const std::vector<RevisionOps>& revisions) {
  std::vector<std::string> warnings;
  for (const auto& revision : revisions) {
    for (const auto& [where, what] : unmodelled(revision)) {
      warnings.push_back(where.file + ":" + std::to_string(where.line) + ": " + what +
                         " (not modelled by the built-in reader)");
    }
  }
  return warnings;
}

Schema replay_chain_in_scratch(const Config& config, const std::vector<RevisionOps>& revisions,
                               const std::function<void(size_t)>& progress, ScratchDrops* drops,
                               std::vector<std::string>* left_out_schemas) {
  const std::string& server = config.scratch_server();
  drop_stale_scratch_databases(server);  // left by runs that were killed
  ReplayOptions options;
  options.introspect = introspect_options_of(config);
  options.progress = progress;
  options.drops = drops;
  options.left_out_schemas = left_out_schemas;
  return replay_in_scratch(server, revisions, options);
}

std::string left_out_schemas_named(const std::vector<std::string>& left_out) {
  return (left_out.size() == 1 ? "schema " : "schemas ") + join(left_out, ", ");
}

std::string left_out_schemas_refusal(const Config& config,
                                     const std::vector<std::string>& left_out) {
  // TOML arrays of basic strings, which read JSON's string escapes alike.
  auto array = [](const std::vector<std::string>& names) {
    std::string out;
    for (const auto& name : names) {
      if (!out.empty()) out += ", ";
      append_json_string(out, name);
    }
    return "[" + out + "]";
  };
  std::vector<std::string> all = config.schemas;
  all.insert(all.end(), left_out.begin(), left_out.end());
  return "the chain makes objects in " + left_out_schemas_named(left_out) +
         ", which the squash leaves out ([squash] schemas = " + array(config.schemas) +
         "): the new baseline would not make them, so the new files could not rebuild this "
         "database; take them in with [squash] schemas = " +
         array(all) + " in squash.toml";
}

OldChainReplay replay_old_chain(const Config& config, const RevisionGraph& graph,
                                const std::vector<int>& order, const std::string& target,
                                StageObserver& stages) {
  std::string revisions = counted(order.size(), "revision", "revisions");
  Stage interpret(stages, "interpret", order.size());
  const ReaderSetup& reader = reader_setup(config);
  ChainReading reading = read_chain(graph, order, [&](const std::vector<int>& some) {
    return interpret_revisions(graph, some, reader.options);
  });
  AlembicRun run = alembic_run_of(config);
  OldChainReplay out;
  out.engine = choose_engine(config.replay_engine, reading, [&run] { return probe_alembic(run); });
  interpret.done(revisions);
  Stage replay(stages, "replay old chain", order.size());
  if (out.engine.engine == ReplayEngine::kBuiltin) {
    std::optional<MemoryReplay> memory = replay_in_memory_if_allowed(config, reading.revisions);
    if (memory && memory->modelled()) {
      out.schema = std::move(memory->schema);
      out.left_out_schemas = std::move(memory->left_out_schemas);
      out.in_memory = true;
      replay.advance(reading.revisions.size());
      out.revisions = std::move(reading.revisions);
      replay.done(revisions + " (in memory)");
      return out;
    }
    if (!memory) {
      require_a_server(
          config, "--scratch-replay (or --privileges) replays the chain in a scratch database");
    } else {
      const Unmodelled& first = memory->unmodelled.front();
      size_t more = memory->unmodelled.size() - 1;
      require_a_server(config, "the in-memory engine does not model " + first.where.file + ":" +
                                   std::to_string(first.where.line) + " (" + first.what + ")" +
                                   (more ? " and " + counted(more, "other op", "other ops") : "") +
                                   ", so the chain is replayed in a scratch database");
    }
    out.schema = replay_chain_in_scratch(
        config, reading.revisions, [&](size_t done) { replay.advance(done); }, nullptr,
        &out.left_out_schemas);
    out.revisions = std::move(reading.revisions);
    replay.done(revisions);
    return out;
  }
  require_a_server(config, "the real Alembic replays the chain in a scratch database");
  const std::string& server = config.scratch_server();
  drop_stale_scratch_databases(server);
  out.schema = replay_with_alembic(server, run, target, introspect_options_of(config),
                                   &out.left_out_schemas);
  replay.done(revisions + " (the real Alembic)");
  return out;
}

}  // namespace asq
