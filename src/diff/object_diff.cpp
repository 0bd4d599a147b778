// Views, functions, triggers, policies, domains, ...: which ones go, come or are rebuilt, and in
// what order, from their dependencies (pg_depend, carried as CatalogObject::depends_on) and from
// what the tables use (types of columns, functions in defaults, checks, indexes).

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "diff/dependency_order.h"
#include "diff/diff_context.h"
#include "diff/merge.h"
#include "diff/object_needs.h"

namespace asq {
namespace {

using Kind = CatalogObject::Kind;
using ObjectMap = std::map<std::string, const CatalogObject*>;

ObjectMap by_key(const std::vector<CatalogObject>& objects) {
  ObjectMap out;
  for (const CatalogObject& o : objects) out[object_key(o)] = &o;
  return out;
}

bool is_routine(Kind kind) { return kind == Kind::kFunction || kind == Kind::kProcedure; }

/// What `object` needs among `objects`: a routine's need of anything but a type is breakable,
/// because a function body is not checked against what it reads when it is created (plpgsql;
/// SQL bodies with check_function_bodies off), while its argument and result types must exist.
std::vector<Dependency> needs_among(const std::vector<const CatalogObject*>& objects,
                                    const ObjectMap& all) {
  std::vector<Dependency> out;
  for (const CatalogObject* o : objects) {
    for (const std::string& need : o->depends_on) {
      auto it = all.find(need);
      bool type = it != all.end() && is_type_kind(it->second->kind);
      out.push_back({object_key(*o), need, is_routine(o->kind) && !type});
    }
  }
  return out;
}

/// `objects` in an order where each comes after what it needs (ties by key).
std::vector<const CatalogObject*> creation_order(const std::vector<const CatalogObject*>& objects,
                                                 const ObjectMap& all) {
  std::map<std::string, const CatalogObject*> keyed;
  for (const CatalogObject* o : objects) keyed[object_key(*o)] = o;
  std::vector<std::string> keys;
  for (const auto& [key, o] : keyed) keys.push_back(key);
  std::vector<const CatalogObject*> out;
  for (const std::string& key : order_by_dependencies(keys, needs_among(objects, all)).order) {
    out.push_back(keyed.at(key));
  }
  return out;
}

/// Relations whose columns change (dropped, retyped, regenerated, recollated) or that go: the
/// views and functions over them are rebuilt around the change, as PostgreSQL refuses to alter
/// a column a view uses.
std::set<std::string> reshaped_relations(const DiffContext& c) {
  std::set<std::string> out;
  for (const auto& m : merge_by_name(c.from.tables, c.to.tables)) {
    if (m.removed()) out.insert(relation_key(m.from->name));
    if (!m.both()) continue;
    for (const Column& before : m.from->columns) {
      const Column* after = m.to->column(before.name);
      if (!after || after->type != before.type || after->generated != before.generated ||
          after->collation != before.collation) {
        out.insert(relation_key(m.from->name));
      }
    }
  }
  for (const auto& [type, old_name] : c.recreated_enums) out.insert(type_key(type));
  return out;
}

/// The objects of `from` that depend, directly or not, on one of `keys`.
std::set<std::string> dependents_of(const std::vector<CatalogObject>& from,
                                    std::set<std::string> keys) {
  std::set<std::string> out;
  bool grew = true;
  while (grew) {
    grew = false;
    for (const CatalogObject& o : from) {
      std::string key = object_key(o);
      if (out.count(key)) continue;
      bool hit = std::any_of(o.depends_on.begin(), o.depends_on.end(),
                             [&](const std::string& need) { return keys.count(need) > 0; });
      if (!hit) continue;
      out.insert(key);
      keys.insert(key);
      grew = true;
    }
  }
  return out;
}

/// The changes of one diff: what is dropped (with `from`'s definition), created (with `to`'s),
/// replaced in place, and commented.
struct ObjectChanges {
  std::vector<const CatalogObject*> dropped;
  std::vector<const CatalogObject*> created;
  std::vector<const CatalogObject*> replaced;
  std::vector<const CatalogObject*> commented;
};

bool same_but_comment(CatalogObject a, const CatalogObject& b) {
  a.comment = b.comment;
  return a == b;
}

/// Tables that stay: a routine they use is replaced in place (CREATE OR REPLACE, which is how
/// pg_get_functiondef prints it), as it cannot be dropped under their defaults and checks.
std::vector<Table> kept_tables(const DiffContext& c) {
  std::vector<Table> out;
  for (const auto& m : merge_by_name(c.from.tables, c.to.tables)) {
    if (m.both()) out.push_back(*m.from);
  }
  return out;
}

ObjectChanges classify(const DiffContext& c, const ObjectMap& from, const ObjectMap& to) {
  std::set<std::string> kept_needs = needed_by_tables(kept_tables(c), c.from.objects);
  ObjectChanges changes;
  std::set<std::string> seeds = reshaped_relations(c);
  for (const auto& m : merge_by_key(c.from.objects, c.to.objects, object_key)) {
    if (m.removed()) seeds.insert(object_key(*m.from));
    if (!m.changed()) continue;
    std::string key = object_key(*m.to);
    if (same_but_comment(*m.from, *m.to)) {
      changes.commented.push_back(m.to);
    } else if (is_routine(m.to->kind) && kept_needs.count(key)) {
      changes.replaced.push_back(m.to);
    } else {
      seeds.insert(key);
    }
  }
  std::set<std::string> rebuilt = dependents_of(c.from.objects, seeds);
  for (const std::string& key : seeds) {
    if (from.count(key)) rebuilt.insert(key);
  }
  for (const auto& [key, object] : from) {
    if (rebuilt.count(key)) changes.dropped.push_back(object);
  }
  for (const auto& [key, object] : to) {
    if (!from.count(key) || rebuilt.count(key)) changes.created.push_back(object);
  }
  return changes;
}

/// An object that tables need is created before them, so it cannot need a table of this diff.
void require_no_new_table(const CatalogObject& o, const std::set<std::string>& new_tables) {
  for (const std::string& need : o.depends_on) {
    if (new_tables.count(need)) {
      throw DiffError(object_key(o) + " is used by the columns of a table and itself needs " +
                      need + ", created in the same step: no order of the two can work");
    }
  }
}

void hazard_for_drop(DiffContext& c, const CatalogObject& o, bool recreated) {
  if (recreated || o.kind != Kind::kMaterializedView) return;
  c.hazard("drop_materialized_view", object_key(o), "materialized view is dropped with its data");
}

/// A LANGUAGE sql routine: PostgreSQL checks its body when it is created, and the body may name
/// a view or table that is created after it (pg_depend does not record what a body uses).
bool body_checked_at_creation(const CatalogObject& o) {
  return is_routine(o.kind) && o.definition.find("\n LANGUAGE sql\n") != std::string::npos;
}

/// Turns the body check off for the rest of the transaction, as pg_dump does for a restore, so
/// that SQL routines can be created in dependency order of what pg_depend knows.
void allow_forward_references(DiffContext& c, Phase first_phase) {
  c.ops.add(first_phase, Execute{"SET LOCAL check_function_bodies = off"});
}

}  // namespace

void diff_objects(DiffContext& c) {
  ObjectMap from = by_key(c.from.objects);
  ObjectMap to = by_key(c.to.objects);
  ObjectChanges changes = classify(c, from, to);

  std::set<std::string> used_before = needed_by_tables(c.from.tables, c.from.objects);
  for (const CatalogObject* o : creation_order(changes.dropped, from)) {
    bool late = used_before.count(object_key(*o)) > 0;
    c.ops.add(late ? Phase::kDropObjectsAfterTables : Phase::kDropObjects, DropObject{*o});
    hazard_for_drop(c, *o, to.count(object_key(*o)) > 0);
  }

  std::set<std::string> used_after = needed_by_tables(c.to.tables, c.to.objects);
  std::set<std::string> new_tables;
  for (const auto& m : merge_by_name(c.from.tables, c.to.tables)) {
    if (m.added()) new_tables.insert(relation_key(m.to->name));
  }
  std::vector<const CatalogObject*> created = creation_order(changes.created, to);
  auto early = [&](const CatalogObject* o) { return used_after.count(object_key(*o)) > 0; };
  std::optional<Phase> first_sql_routine;
  for (const CatalogObject* o : created) {
    if (!body_checked_at_creation(*o)) continue;
    if (early(o)) first_sql_routine = Phase::kObjectsBeforeTables;
    if (!first_sql_routine) first_sql_routine = Phase::kObjects;
  }
  for (const CatalogObject* o : changes.replaced) {
    if (body_checked_at_creation(*o) && !first_sql_routine) first_sql_routine = Phase::kObjects;
  }
  if (first_sql_routine) allow_forward_references(c, *first_sql_routine);
  for (const CatalogObject* o : created) {
    if (early(o)) require_no_new_table(*o, new_tables);
    c.ops.add(early(o) ? Phase::kObjectsBeforeTables : Phase::kObjects, CreateObject{*o});
  }
  for (const CatalogObject* o : changes.replaced) c.ops.add(Phase::kObjects, CreateObject{*o});
  for (const CatalogObject* o : changes.commented) {
    c.ops.add(Phase::kObjects, SetObjectComment{*o});
  }
}

}  // namespace asq
