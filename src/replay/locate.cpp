#include "replay/locate.h"

#include <algorithm>
#include <map>
#include <set>

#include "db/scratch.h"
#include "replay/scratch_replay.h"

namespace asq {
namespace {

std::string name_of(const std::string& name) { return name; }
std::string name_of(const QualifiedName& name) { return name.schema + "." + name.name; }

/// Objects (views, functions, triggers, ...) that differ, by key.
void add_object_differences(const std::vector<CatalogObject>& a,
                            const std::vector<CatalogObject>& b, std::vector<std::string>& out) {
  std::map<std::string, const CatalogObject*> theirs;
  for (const auto& object : b) theirs[object_key(object)] = &object;
  for (const auto& object : a) {
    auto it = theirs.find(object_key(object));
    if (it == theirs.end() || !(*it->second == object)) out.push_back(object_key(object));
    if (it != theirs.end()) theirs.erase(it);
  }
  for (const auto& [key, object] : theirs) out.push_back(key);
}

/// Appends `<kind> <name>` for every item that is in one sorted list and not equal in the other.
template <typename Item>
void add_differences(const std::vector<Item>& a, const std::vector<Item>& b,
                     const std::string& kind, std::vector<std::string>& out) {
  auto ia = a.begin(), ib = b.begin();
  while (ia != a.end() || ib != b.end()) {
    if (ib == b.end() || (ia != a.end() && ia->name < ib->name)) {
      out.push_back(kind + " " + name_of(ia++->name));
    } else if (ia == a.end() || ib->name < ia->name) {
      out.push_back(kind + " " + name_of(ib++->name));
    } else {
      if (!(*ia == *ib)) out.push_back(kind + " " + name_of(ia->name));
      ++ia, ++ib;
    }
  }
}

void add_schema_differences(const std::vector<std::string>& a, const std::vector<std::string>& b,
                            std::vector<std::string>& out) {
  std::vector<std::string> only;
  std::set_symmetric_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(only));
  for (const auto& name : only) out.push_back("schema " + name);
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
        } else if constexpr (std::is_same_v<T, SetTableComment> || std::is_same_v<T, AddColumn> ||
                             std::is_same_v<T, AddConstraint> || std::is_same_v<T, CreateIndex>) {
          touched.tables.push_back(o.table);
        } else if constexpr (std::is_same_v<T, DropColumn>) {
          touched.tables.push_back(o.table);
          touched.other_kinds = true;
        } else if constexpr (std::is_same_v<T, AlterColumn>) {
          touched.tables.push_back(o.table);
          if (o.new_name) touched.all_tables = touched.other_kinds = true;
        } else if constexpr (std::is_same_v<T, DropConstraint> ||
                             std::is_same_v<T, SetRowSecurity>) {
          touched.tables.push_back(o.table);
        } else if constexpr (std::is_same_v<T, RenameTable> || std::is_same_v<T, DropIndex> ||
                             std::is_same_v<T, Execute>) {
          touched.all_tables = touched.other_kinds = true;
        } else {
          touched.other_kinds = true;
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
    Schema filtered = as_introspected(state, options_);
    table_mismatch_.clear();
    for (const auto& key : differing_tables(filtered.tables, live_.tables)) {
      table_mismatch_.insert(key);
    }
    other_mismatch_ = differing_other_kinds(state);
  }
  void update(const Schema& state, const Touched& touched) {
    if (touched.all_tables) {
      reset(state);
      return;
    }
    for (const QualifiedName& name : touched.tables) {
      const Table* mine = managed(name) ? find_table(state, name) : nullptr;
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
  bool managed(const QualifiedName& name) const {
    Schema probe;
    probe.tables.push_back(Table{name});
    return !as_introspected(std::move(probe), options_).tables.empty();
  }
  static std::vector<QualifiedName> differing_tables(const std::vector<Table>& a,
                                                     const std::vector<Table>& b) {
    std::vector<QualifiedName> names;
    auto ia = a.begin(), ib = b.begin();
    while (ia != a.end() || ib != b.end()) {
      if (ib == b.end() || (ia != a.end() && ia->name < ib->name)) {
        names.push_back(ia++->name);
      } else if (ia == a.end() || ib->name < ia->name) {
        names.push_back(ib++->name);
      } else {
        if (!(*ia == *ib)) names.push_back(ia->name);
        ++ia, ++ib;
      }
    }
    return names;
  }
  /// Schemas, extensions, types and sequences that differ (state unfiltered: only objects of
  /// the managed schemas count, as introspection would see them).
  size_t differing_other_kinds(const Schema& state) const {
    bool all_managed = [&] {
      for (const auto& e : state.enums)
        if (!contains(options_.schemas, e.name.schema)) return false;
      for (const auto& q : state.sequences)
        if (!contains(options_.schemas, q.name.schema)) return false;
      for (const auto& n : state.schemas)
        if (!contains(options_.schemas, n)) return false;
      return true;
    }();
    std::vector<std::string> out;
    add_object_differences(state.objects, live_.objects, out);
    add_differences(state.extensions, live_.extensions, "extension", out);
    if (all_managed) {
      add_schema_differences(state.schemas, live_.schemas, out);
      add_differences(state.enums, live_.enums, "type", out);
      add_differences(state.sequences, live_.sequences, "sequence", out);
    } else {
      Schema filtered =
          as_introspected(Schema{state.schemas, {}, state.enums, state.sequences, {}}, options_);
      add_schema_differences(filtered.schemas, live_.schemas, out);
      add_differences(filtered.enums, live_.enums, "type", out);
      add_differences(filtered.sequences, live_.sequences, "sequence", out);
    }
    return out.size();
  }
  static bool contains(const std::vector<std::string>& items, const std::string& item) {
    return std::find(items.begin(), items.end(), item) != items.end();
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
  for (size_t i = 0; i < order.size(); ++i) {
    if (continues_previous(graph, order, i)) {
      apply_revision(state, revisions[i], options.extensions, result.unmodelled);
      Touched touched;
      for (const LocatedOp& op : revisions[i].upgrade) touched_by(op.op, touched);
      if (i == 0) {
        comparison.reset(state);
      } else {
        comparison.update(state, touched);
      }
    } else {
      state = Schema{};
      std::vector<Unmodelled> ignored;  // already collected where first applied
      for (size_t j : ancestors_in_order(graph, order, i)) {
        apply_revision(state, revisions[j], options.extensions,
                       j == i ? result.unmodelled : ignored);
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
  for (size_t i = 0; i < order.size(); ++i) {
    if (!scratch || !continues_previous(graph, order, i)) {
      scratch = std::make_unique<ScratchDatabase>(options.scratch_server);
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
  add_schema_differences(a.schemas, b.schemas, out);
  add_differences(a.extensions, b.extensions, "extension", out);
  add_differences(a.enums, b.enums, "type", out);
  add_differences(a.sequences, b.sequences, "sequence", out);
  add_differences(a.tables, b.tables, "table", out);
  add_object_differences(a.objects, b.objects, out);
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
