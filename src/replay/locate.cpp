#include "replay/locate.h"

#include <algorithm>
#include <set>

#include "db/scratch.h"
#include "ops/exhaustive.h"
#include "replay/scratch_replay.h"

namespace asq {
namespace {

std::string text_of(const std::string& key) { return key; }
std::string text_of(const QualifiedName& name) { return name.schema + "." + name.name; }

const auto by_name = [](const auto& item) -> const auto& { return item.name; };
const auto keep_all = [](const auto&) { return true; };

/// Walks two lists sorted by `key` and calls `differ(key)` for every key that only one holds
/// or whose items are not equal. Items of `a` that `keep` rejects do not count.
template <typename Item, typename Key, typename Keep, typename Differ>
void for_each_difference(const std::vector<Item>& a, const std::vector<Item>& b, Key key, Keep keep,
                         Differ differ) {
  auto ia = a.begin(), ib = b.begin();
  auto skip = [&] {
    while (ia != a.end() && !keep(*ia)) ++ia;
  };
  for (skip(); ia != a.end() || ib != b.end(); skip()) {
    if (ib == b.end() || (ia != a.end() && key(*ia) < key(*ib))) {
      differ(key(*ia++));
    } else if (ia == a.end() || key(*ib) < key(*ia)) {
      differ(key(*ib++));
    } else {
      if (!(*ia == *ib)) differ(key(*ia));
      ++ia, ++ib;
    }
  }
}

/// Everything but the tables that differs between `a` (only what is in a schema `managed`
/// accepts counts) and `b`: `schema x`, `extension x`, `type s.x`, `sequence s.x`, object keys.
template <typename Managed>
void add_other_differences(const Schema& a, const Schema& b, Managed managed,
                           std::vector<std::string>& out) {
  auto in_managed = [&](const auto& item) { return managed(item.name.schema); };
  auto add = [&](const std::string& kind) {
    return [&out, kind](const auto& key) { out.push_back(kind + " " + text_of(key)); };
  };
  std::vector<std::string> schemas;
  std::copy_if(a.schemas.begin(), a.schemas.end(), std::back_inserter(schemas),
               [&](const std::string& name) { return managed(name); });
  std::vector<std::string> only;
  std::set_symmetric_difference(schemas.begin(), schemas.end(), b.schemas.begin(), b.schemas.end(),
                                std::back_inserter(only));
  for (const auto& name : only) out.push_back("schema " + name);
  for_each_difference(a.extensions, b.extensions, by_name, keep_all, add("extension"));
  for_each_difference(a.enums, b.enums, by_name, in_managed, add("type"));
  for_each_difference(a.sequences, b.sequences, by_name, in_managed, add("sequence"));
  for_each_difference(
      a.objects, b.objects, [](const CatalogObject& o) { return object_key(o); },
      [&](const CatalogObject& o) { return o.name.schema.empty() || in_managed(o); },
      [&](const std::string& key) { out.push_back(key); });
}

/// What an op may change, for the incremental comparison: one table, or whole kinds.
struct Touched {
  std::vector<QualifiedName> tables;
  bool all_tables = false;
  bool other_kinds = false;  // schemas, extensions, enums, sequences
};

void touched_by(const Op& op, Touched& touched) {
  std::visit(
      [&](const auto& o) {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<T, CreateTable>) {
          touched.tables.push_back(o.table.name);
        } else if constexpr (std::is_same_v<T, DropTable>) {
          touched.tables.push_back(o.name);
          touched.other_kinds = true;  // owned sequences go with it
        } else if constexpr (kOneOf<T, SetTableComment, AddColumn, AddConstraint, CreateIndex,
                                    DropConstraint, SetRowSecurity, SetTableStorage>) {
          touched.tables.push_back(o.table);
        } else if constexpr (std::is_same_v<T, DropColumn>) {
          touched.tables.push_back(o.table);
          touched.other_kinds = true;
        } else if constexpr (std::is_same_v<T, AlterColumn>) {
          touched.tables.push_back(o.table);
          if (o.new_name) touched.all_tables = touched.other_kinds = true;
        } else if constexpr (kOneOf<T, RenameTable, DropIndex, Execute>) {
          touched.all_tables = touched.other_kinds = true;
        } else if constexpr (kOneOf<T, CreateSchema, DropSchema, CreateExtension, DropExtension,
                                    CreateEnum, DropEnum, AddEnumValue, CreateSequence,
                                    DropSequence, SetSequenceOwner, CreateObject, DropObject,
                                    SetObjectComment, SetComment>) {
          touched.other_kinds = true;
        } else {
          static_assert(kMissedOp<T>, "touched_by misses an op kind");
        }
      },
      op);
}

const Table* find_table(const Schema& schema, const QualifiedName& name) {
  auto it = std::lower_bound(schema.tables.begin(), schema.tables.end(), name,
                             [](const Table& t, const QualifiedName& n) { return t.name < n; });
  return it != schema.tables.end() && it->name == name ? &*it : nullptr;
}

/// The schema after each revision compared with live, object by object; only what a
/// revision's ops may have changed is compared again.
class Comparison {
 public:
  Comparison(const Schema& live, const IntrospectOptions& options)
      : live_(live), options_(options) {}

  /// Compares everything (a new state).
  void reset(const Schema& state) {
    table_mismatch_.clear();
    for_each_difference(
        state.tables, live_.tables, by_name,
        [&](const Table& t) { return introspected_table(t.name, options_); },
        [&](const QualifiedName& name) { table_mismatch_.insert(name); });
    other_mismatch_ = differing_other_kinds(state);
  }
  void update(const Schema& state, const Touched& touched) {
    if (touched.all_tables) {
      reset(state);
      return;
    }
    for (const QualifiedName& name : touched.tables) {
      const Table* mine = introspected_table(name, options_) ? find_table(state, name) : nullptr;
      const Table* theirs = find_table(live_, name);
      bool same = (!mine && !theirs) || (mine && theirs && *mine == *theirs);
      if (same) {
        table_mismatch_.erase(name);
      } else {
        table_mismatch_.insert(name);
      }
    }
    if (touched.other_kinds) other_mismatch_ = differing_other_kinds(state);
  }
  size_t distance() const { return table_mismatch_.size() + other_mismatch_; }

 private:
  size_t differing_other_kinds(const Schema& state) const {
    std::vector<std::string> out;
    add_other_differences(
        state, live_, [&](const std::string& name) { return introspected_schema(name, options_); },
        out);
    return out.size();
  }

  const Schema& live_;
  const IntrospectOptions& options_;
  std::set<QualifiedName> table_mismatch_;
  size_t other_mismatch_ = 0;
};

size_t object_count(const Schema& s) {
  return s.schemas.size() + s.extensions.size() + s.enums.size() + s.sequences.size() +
         s.tables.size() + s.objects.size();
}

/// Keeps the best candidates while the states go by.
class Candidates {
 public:
  void offer(const std::string& revision, size_t distance) {
    if (distance == 0) {
      exact_.push_back(revision);
    } else if (nearest_.empty() || distance < best_) {
      best_ = distance;
      nearest_ = {revision};
    } else if (distance == best_) {
      nearest_.push_back(revision);
    }
  }
  void fill(LocateResult& result) const {
    result.exact = exact_;
    if (exact_.empty()) {
      result.nearest = nearest_;
      result.nearest_objects = best_;
    }
  }
  const std::vector<std::string>& exact() const { return exact_; }
  const std::vector<std::string>& nearest() const { return nearest_; }

 private:
  std::vector<std::string> exact_;
  std::vector<std::string> nearest_;
  size_t best_ = 0;
};

/// Indexes into `order` of the revisions that are ancestors of order[i] (itself included).
std::vector<size_t> ancestors_in_order(const RevisionGraph& graph, const std::vector<int>& order,
                                       size_t i) {
  std::vector<bool> ancestor = graph.ancestors(order[i]);
  std::vector<size_t> out;
  for (size_t j = 0; j <= i; ++j) {
    if (ancestor[order[j]]) out.push_back(j);
  }
  return out;
}

/// Whether order[i] continues the state built for order[i - 1]: its only ancestor besides
/// those of order[i - 1] is itself.
bool continues_previous(const RevisionGraph& graph, const std::vector<int>& order, size_t i) {
  if (i == 0) return graph.revisions()[order[0]].down.empty();
  const Revision& revision = graph.revisions()[order[i]];
  return revision.down.size() == 1 && revision.down[0] == order[i - 1] &&
         revision.dependencies.empty();
}

LocateResult locate_in_memory(const RevisionGraph& graph, const std::vector<int>& order,
                              const std::vector<RevisionOps>& revisions, const Schema& live,
                              const MemoryReplayOptions& options, Candidates& candidates) {
  LocateResult result;
  result.engine = "memory";
  Comparison comparison(live, options.introspect);
  Schema state;
  RunMemo run;  // one `alembic upgrade` from the base to each revision
  for (size_t i = 0; i < order.size(); ++i) {
    if (continues_previous(graph, order, i)) {
      apply_revision(state, revisions[i], options.server, result.unmodelled, run,
                     options.introspect.privileges);
      Touched touched;
      for (const LocatedOp& op : revisions[i].upgrade) touched_by(op.op, touched);
      if (i == 0) {
        comparison.reset(state);
      } else {
        comparison.update(state, touched);
      }
    } else {
      state = Schema{};
      run = RunMemo{};
      std::vector<Unmodelled> ignored;  // already collected where first applied
      for (size_t j : ancestors_in_order(graph, order, i)) {
        apply_revision(state, revisions[j], options.server, j == i ? result.unmodelled : ignored,
                       run, options.introspect.privileges);
      }
      comparison.reset(state);
    }
    if (!result.unmodelled.empty()) return result;
    candidates.offer(revisions[i].revision, comparison.distance());
  }
  return result;
}

LocateResult locate_in_scratch(const RevisionGraph& graph, const std::vector<int>& order,
                               const std::vector<RevisionOps>& revisions, const Schema& live,
                               const LocateOptions& options, Candidates& candidates) {
  LocateResult result;
  result.engine = "scratch";
  ReplayOptions replay;
  replay.introspect = options.replay.introspect;
  std::unique_ptr<ScratchDatabase> scratch;
  RunMemo run;  // one `alembic upgrade` from the base, as in memory
  replay.run = &run;
  for (size_t i = 0; i < order.size(); ++i) {
    if (!scratch || !continues_previous(graph, order, i)) {
      scratch = std::make_unique<ScratchDatabase>(options.scratch_server);
      run = RunMemo{};
      std::vector<RevisionOps> before;
      for (size_t j : ancestors_in_order(graph, order, i)) {
        if (j != i) before.push_back(revisions[j]);
      }
      run_upgrades(scratch->connection(), before, replay);
    }
    run_upgrades(scratch->connection(), {revisions[i]}, replay);
    Schema state = introspect(scratch->connection(), replay.introspect).schema;
    candidates.offer(revisions[i].revision, differing_objects(state, live).size());
  }
  return result;
}

/// The schema at `revision` (memory engine when it can, else scratch).
Schema schema_at(const RevisionGraph& graph, const std::vector<int>& order,
                 const std::vector<RevisionOps>& revisions, const std::string& revision,
                 const LocateOptions& options, bool in_memory) {
  size_t i = 0;
  while (revisions[i].revision != revision) ++i;
  std::vector<RevisionOps> chain;
  for (size_t j : ancestors_in_order(graph, order, i)) chain.push_back(revisions[j]);
  if (in_memory) return replay_in_memory(chain, options.replay).schema;
  ReplayOptions replay;
  replay.introspect = options.replay.introspect;
  return replay_in_scratch(options.scratch_server, chain, replay);
}

}  // namespace

std::vector<std::string> differing_objects(const Schema& a, const Schema& b) {
  std::vector<std::string> out;
  add_other_differences(a, b, keep_all, out);
  for_each_difference(a.tables, b.tables, by_name, keep_all,
                      [&](const QualifiedName& name) { out.push_back("table " + text_of(name)); });
  return out;
}

LocateResult locate(const RevisionGraph& graph, const std::vector<int>& order,
                    const std::vector<RevisionOps>& revisions, const Schema& live,
                    const LocateOptions& options) {
  Candidates candidates;
  LocateResult result;
  if (!options.force_scratch) {
    result = locate_in_memory(graph, order, revisions, live, options.replay, candidates);
  }
  if (options.force_scratch || !result.unmodelled.empty()) {
    if (options.scratch_server.empty()) {
      throw ApplyError(result.unmodelled.empty() ? "no scratch server to replay in"
                                                 : result.unmodelled.front().what);
    }
    std::vector<Unmodelled> unmodelled = std::move(result.unmodelled);
    candidates = Candidates{};
    result = locate_in_scratch(graph, order, revisions, live, options, candidates);
    result.unmodelled = std::move(unmodelled);
  }
  candidates.fill(result);
  result.live_objects = object_count(live);
  if (result.exact.empty() && !result.nearest.empty()) {
    Schema nearest = schema_at(graph, order, revisions, result.nearest.back(), options,
                               result.engine == "memory");
    result.nearest_difference = diff_schemas(nearest, live);
  }
  return result;
}

}  // namespace asq
