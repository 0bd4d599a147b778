// Tables, columns, constraints and indexes: the part of a diff that needs the dependency order
// (foreign keys between new tables) and PostgreSQL's rules on what blocks what.

#include <algorithm>
#include <set>

#include "diff/dependency_order.h"
#include "diff/diff_context.h"
#include "diff/merge.h"
#include "schema/column_types.h"
#include "sql/identifiers.h"

namespace asq {
namespace {

using Kind = Constraint::Kind;
using ConstraintKey = std::pair<QualifiedName, std::string>;

std::string object_name(const QualifiedName& table) {
  return table.schema == "public" ? table.name : table.schema + "." + table.name;
}

std::string object_name(const QualifiedName& table, const std::string& part) {
  return object_name(table) + "." + part;
}

bool same_set(std::vector<std::string> a, std::vector<std::string> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

bool is_key_on(const Constraint& key, const std::vector<std::string>& columns) {
  return (key.kind == Kind::kPrimaryKey || key.kind == Kind::kUnique) &&
         same_set(key.columns, columns);
}

bool is_key_on(const Index& index, const std::vector<std::string>& columns) {
  return index.unique && !index.where && same_set(index.keys, columns);
}

/// Whether `before` has a key on `columns` that `after` has unchanged (but for its comment).
template <typename T>
bool has_stable_key(const std::vector<T>& before, const std::vector<T>& after,
                    const std::vector<std::string>& columns) {
  return std::any_of(before.begin(), before.end(), [&](const T& key) {
    return is_key_on(key, columns) && std::any_of(after.begin(), after.end(), [&](const T& kept) {
             return !differs_beyond_comment(key, kept);
           });
  });
}

/// A column whose type changes in this diff (its enum type recreated counts).
bool retyped(const DiffContext& c, const Column* a, const Column* b) {
  if (!a || !b || a->type != b->type) return true;
  const EnumType* e = enum_of(b->type, c.to.enums);
  return e && c.recreated_enums.count(e->name) > 0;
}

/// Whether a foreign key to `target` (columns `columns`) can stay while the diff runs: the
/// table exists on both sides, the key it uses is unchanged and so are the column types.
bool target_key_stable(const DiffContext& c, const QualifiedName& target,
                       const std::vector<std::string>& columns) {
  const Table* before = c.from.table(target);
  const Table* after = c.to.table(target);
  if (!before || !after) return false;
  for (const auto& name : columns) {
    if (retyped(c, before->column(name), after->column(name))) return false;
  }
  return has_stable_key(before->constraints, after->constraints, columns) ||
         has_stable_key(before->indexes, after->indexes, columns);
}

/// A foreign key of a kept table that must be dropped and added again although it is the same
/// on both sides: the key it points at or the type of one of its columns changes under it.
bool needs_rebuild(const DiffContext& c, const Table& before, const Table& after,
                   const Constraint& fk) {
  if (!target_key_stable(c, fk.references, fk.referenced_columns)) return true;
  return std::any_of(fk.columns.begin(), fk.columns.end(), [&](const std::string& name) {
    return retyped(c, before.column(name), after.column(name));
  });
}

/// The order to create `tables` in (all new in this diff, or all dropped, mirrored), and the
/// foreign keys that cannot be part of CREATE TABLE: their target is created later (a cycle)
/// or is an existing table whose key changes.
struct CreationPlan {
  std::vector<const Table*> order;
  std::set<ConstraintKey> deferred;
};

std::string node_key(const QualifiedName& name) { return name.schema + '\x1f' + name.name; }

/// The tables `table` is a partition or an inheritance child of: they come first.
std::vector<QualifiedName> parents_of(const Table& table) {
  std::vector<QualifiedName> out = table.inherits;
  if (table.partition_of) out.push_back(*table.partition_of);
  return out;
}

/// Whether `table`'s primary key or one of its unique constraints has exactly `columns` (any
/// order; none: the primary key): what a foreign key written inside CREATE TABLE can use. A
/// unique index alone is created after the tables, so a key that needs it waits for it.
bool key_made_with_table(const Table& table, const std::vector<std::string>& columns) {
  std::vector<std::string> wanted = columns;
  std::sort(wanted.begin(), wanted.end());
  for (const Constraint& k : table.constraints) {
    if (k.kind != Kind::kPrimaryKey && k.kind != Kind::kUnique) continue;
    if (wanted.empty() && k.kind == Kind::kPrimaryKey) return true;
    std::vector<std::string> have = k.columns;
    std::sort(have.begin(), have.end());
    if (have == wanted) return true;
  }
  return false;
}

CreationPlan plan_creation(const DiffContext& c, const std::vector<const Table*>& tables) {
  std::map<std::string, const Table*> by_key;
  for (const Table* t : tables) by_key[node_key(t->name)] = t;
  CreationPlan plan;
  std::vector<Dependency> needs;
  for (const Table* t : tables) {
    for (const QualifiedName& parent : parents_of(*t)) {
      needs.push_back({node_key(t->name), node_key(parent), false});
    }
    for (const Constraint& fk : t->constraints) {
      if (fk.kind != Kind::kForeignKey) continue;
      auto target = by_key.find(node_key(fk.references));
      if (target != by_key.end() && !key_made_with_table(*target->second, fk.referenced_columns)) {
        plan.deferred.insert({t->name, fk.name});  // its key is a unique index, made later
        continue;
      }
      if (fk.references == t->name) continue;
      if (target != by_key.end()) {
        needs.push_back({node_key(t->name), node_key(fk.references), true});
      } else if (!target_key_stable(c, fk.references, fk.referenced_columns)) {
        plan.deferred.insert({t->name, fk.name});
      }
    }
  }
  std::vector<std::string> keys;
  for (const auto& [key, table] : by_key) keys.push_back(key);
  DependencyOrder order = order_by_dependencies(keys, needs);
  for (const auto& key : order.order) plan.order.push_back(by_key[key]);
  for (const Dependency& broken : order.broken) {
    const Table* t = by_key[broken.node];
    for (const Constraint& fk : t->constraints) {
      if (fk.kind == Kind::kForeignKey && node_key(fk.references) == broken.prerequisite) {
        plan.deferred.insert({t->name, fk.name});
      }
    }
  }
  return plan;
}

Table without_deferred(const Table& table, const std::set<ConstraintKey>& deferred) {
  Table out = table;
  out.indexes.clear();
  std::erase_if(out.constraints, [&](const Constraint& k) {
    return deferred.count({table.name, k.name}) > 0;
  });
  return out;
}

/// The value to suggest for a new NOT NULL column: the smallest key of the table a
/// single-column foreign key points at, else a value of the type.
std::optional<std::string> suggested_fill(const DiffContext& c, const Table& table,
                                          const Column& column) {
  for (const Constraint& fk : table.constraints) {
    if (fk.kind == Kind::kForeignKey && fk.columns == std::vector<std::string>{column.name} &&
        fk.referenced_columns.size() == 1) {
      std::string key = quote_identifier(fk.referenced_columns[0]);
      return "(SELECT " + key + " FROM " + qualified_spelling(fk.references) + " ORDER BY " + key +
             " LIMIT 1)";
    }
  }
  return fill_value(column.type, c.to.enums);
}

void add_column(DiffContext& c, const Table& table, const Column& column) {
  const QualifiedName& t = table.name;
  if (column.nullable || column.default_value || !column.identity.empty() || column.generated) {
    c.ops.add(Phase::kColumns, AddColumn{t, column});
    return;
  }
  Fill fill{object_name(t, column.name),      t,           column.name, column.type,
            suggested_fill(c, table, column), std::nullopt};
  if (auto given = c.fill_values.find(fill.key); given != c.fill_values.end()) {
    fill.given = given->second;
  }
  c.fills.push_back(fill);
  std::optional<std::string> value = fill.given ? fill.given : fill.suggestion;
  if (!value) {
    c.ops.add(Phase::kColumns, AddColumn{t, column});
    c.hazard("not_null", object_name(t, column.name),
             "new NOT NULL column without a default or a value to fill it with: fails when the "
             "table has rows");
    return;
  }
  Column nullable = column;
  nullable.nullable = true;
  c.ops.add(Phase::kColumns, AddColumn{t, nullable});
  c.ops.add(Phase::kColumns, Execute{"UPDATE " + qualified_spelling(t) + " SET " +
                                         quote_identifier(column.name) + " = " + *value,
                                     true});
  AlterColumn set_not_null{t, column.name, nullable};
  set_not_null.nullable = false;
  c.ops.add(Phase::kColumns, std::move(set_not_null));
  c.hazard("not_null_backfill", object_name(t, column.name),
           "new NOT NULL column is added nullable, filled with " + *value +
               " on existing rows, then set NOT NULL");
}

bool engaged(const AlterColumn& a) {
  return a.new_name || a.type || a.nullable || a.default_value || a.comment || a.identity ||
         a.identity_options;
}

/// The change that gives column `a` the identity column `b` has: its kind, and its sequence
/// options where they differ (for an identity `a` lacks, those other than the defaults).
AlterColumn set_identity(const QualifiedName& t, const Column& a, const Column& b) {
  Column now = b;
  now.identity = a.identity;
  now.identity_options = a.identity.empty() ? IdentityOptions{} : a.identity_options;
  AlterColumn alter{t, a.name, now};
  if (a.identity != b.identity) alter.identity = b.identity;
  if (now.identity_options != b.identity_options) alter.identity_options = b.identity_options;
  return alter;
}

void alter_column(DiffContext& c, const Table& table, const Column& a, const Column& b) {
  const QualifiedName& t = table.name;
  std::string object = object_name(t, b.name);
  const EnumType* recreated = enum_of(b.type, c.to.enums);
  bool converted = recreated && c.recreated_enums.count(recreated->name) && a.type == b.type;
  bool retype = a.type != b.type || converted;
  std::optional<std::string> using_expression;
  if (converted) {
    using_expression =
        quote_identifier(b.name) + (b.type.ends_with("[]") ? "::text[]::" : "::text::") + b.type;
  } else if (retype && needs_using(a.type, b.type)) {
    using_expression = quote_identifier(b.name) + "::" + b.type;
  }
  Column current = a;
  if (converted) {
    const QualifiedName& old_name = c.recreated_enums.at(recreated->name);
    current.type = quote_identifier(old_name.schema) + "." + quote_identifier(old_name.name) +
                   (b.type.ends_with("[]") ? "[]" : "");
  }
  auto emit = [&](AlterColumn alter) {
    if (!engaged(alter)) return;
    c.ops.add(Phase::kColumns, alter);
  };
  if (!a.identity.empty() && b.identity.empty()) {
    AlterColumn drop_identity{t, a.name, current};
    drop_identity.identity = "";
    emit(drop_identity);
    current.identity.clear();
    current.identity_options = {};
  }
  if (retype && using_expression && current.default_value) {
    AlterColumn drop_default{t, a.name, current};
    drop_default.default_value = std::optional<std::string>();
    emit(drop_default);
    current.default_value.reset();
  }
  if (a.collation != b.collation || (retype && !b.collation.empty())) {
    std::string collation = b.collation.empty() ? "pg_catalog.\"default\"" : b.collation;
    c.ops.add(Phase::kColumns,
              Execute{"ALTER TABLE " + qualified_spelling(t) + " ALTER COLUMN " +
                      quote_identifier(a.name) + " TYPE " + b.type + " COLLATE " + collation +
                      (using_expression ? " USING " + *using_expression : "")});
    current.type = b.type;
    current.collation = b.collation;
  }
  AlterColumn alter{t, a.name, current};
  if (current.type != b.type) {
    alter.type = b.type;
    alter.using_expression = using_expression;
  }
  if (retype && !converted) {
    TypeChange change = classify_type_change(a.type, b.type);
    if (change == TypeChange::kNarrowing) {
      c.hazard("type_narrowing", object,
               "type " + a.type + " -> " + b.type + ": values that do not fit fail the change");
    } else if (change == TypeChange::kOther) {
      c.hazard("type_change", object,
               "type " + a.type + " -> " + b.type + ": the cast may fail or change values");
    }
  }
  if (current.nullable != b.nullable) {
    alter.nullable = b.nullable;
    if (!b.nullable) {
      c.hazard("not_null", object, "column becomes NOT NULL: fails when a row holds NULL");
    }
  }
  if (current.default_value != b.default_value) alter.default_value = b.default_value;
  if (current.comment != b.comment) alter.comment = b.comment;
  emit(alter);
  if (!b.identity.empty()) emit(set_identity(t, a, b));
}

/// Columns whose generation expression changes: PostgreSQL cannot alter it, so they are
/// dropped and added again.
void diff_columns(DiffContext& c, const Table& before, const Table& after,
                  std::set<std::string>& recreated) {
  std::vector<const Column*> added;
  std::vector<std::string> kept;
  for (const auto& m : merge_by_name(before.columns, after.columns)) {
    if (m.removed()) {
      c.ops.add(Phase::kDropColumns, DropColumn{before.name, m.from->name});
      c.hazard("drop_column", object_name(before.name, m.from->name),
               "column is dropped with its data");
    } else if (m.added()) {
      added.push_back(m.to);
    } else if (m.from->generated != m.to->generated) {
      recreated.insert(m.to->name);
      c.ops.add(Phase::kColumns, DropColumn{before.name, m.from->name});
      added.push_back(m.to);
      c.hazard("generated_change", object_name(before.name, m.to->name),
               "generation expression changes: the column is dropped and added again");
    } else {
      kept.push_back(m.to->name);
      const EnumType* e = enum_of(m.to->type, c.to.enums);
      if (m.changed() || (e && c.recreated_enums.count(e->name))) {
        alter_column(c, after, *m.from, *m.to);
      }
    }
  }
  auto position = [&](const std::string& name) {
    return std::find_if(after.columns.begin(), after.columns.end(),
                        [&](auto& col) { return col.name == name; }) -
           after.columns.begin();
  };
  std::sort(added.begin(), added.end(),
            [&](auto* x, auto* y) { return position(x->name) < position(y->name); });
  for (const Column* column : added) add_column(c, after, *column);

  std::vector<std::string> result;
  for (const Column& column : before.columns) {
    if (std::find(kept.begin(), kept.end(), column.name) != kept.end()) {
      result.push_back(column.name);
    }
  }
  for (const Column* column : added) result.push_back(column->name);
  std::vector<std::string> wanted;
  for (const Column& column : after.columns) wanted.push_back(column.name);
  if (result != wanted) {
    c.hazard("column_order", object_name(after.name),
             "columns come out in a different order than in the target (new columns are "
             "appended)");
  }
}

bool touches(const std::set<std::string>& columns, const std::vector<std::string>& names) {
  return std::any_of(names.begin(), names.end(), [&](auto& n) { return columns.count(n) > 0; });
}

void diff_constraints(DiffContext& c, const Table& before, const Table& after,
                      const std::set<std::string>& recreated) {
  const QualifiedName& t = after.name;
  for (const auto& m : merge_by_name(before.constraints, after.constraints)) {
    bool changed = m.both() && differs_beyond_comment(*m.from, *m.to);
    bool rebuild = m.both() && !changed &&
                   (touches(recreated, m.from->columns) ||
                    (m.to->kind == Kind::kForeignKey && needs_rebuild(c, before, after, *m.to)));
    if (m.both() && !changed && !rebuild)
      diff_comment(c, Phase::kAddConstraints, *m.from, *m.to, t);
    if (m.removed() || changed || rebuild) {
      Phase phase =
          m.from->kind == Kind::kForeignKey ? Phase::kDropForeignKeys : Phase::kDropConstraints;
      c.ops.add(phase, DropConstraint{t, m.from->name, m.from->kind});
    }
    if (m.added() || changed || rebuild) {
      Phase phase =
          m.to->kind == Kind::kForeignKey ? Phase::kAddForeignKeys : Phase::kAddConstraints;
      c.ops.add(phase, AddConstraint{t, *m.to});
    }
    if (m.added() || changed) {
      c.hazard("new_constraint", object_name(t, m.to->name),
               "constraint is added to an existing table: fails when rows violate it");
    }
  }
}

void diff_indexes(DiffContext& c, const Table& before, const Table& after,
                  const std::set<std::string>& recreated) {
  for (const auto& m : merge_by_name(before.indexes, after.indexes)) {
    bool rebuild =
        m.both() && (differs_beyond_comment(*m.from, *m.to) || touches(recreated, m.from->keys));
    if (m.both() && !rebuild) diff_comment(c, Phase::kCreateIndexes, *m.from, *m.to, after.name);
    if (m.removed() || rebuild) {
      c.ops.add(Phase::kDropIndexes, DropIndex{before.name, m.from->name});
    }
    if (m.added() || rebuild) c.ops.add(Phase::kCreateIndexes, CreateIndex{after.name, *m.to});
  }
}

/// Partitioning and inheritance of a kept table: a partition is detached and attached again
/// with its new bound; inheritance is dropped and added per parent. The partition key itself
/// cannot change in place.
void diff_parents(DiffContext& c, const Table& before, const Table& after) {
  std::string table = qualified_spelling(after.name);
  if (before.partition_by != after.partition_by) {
    throw DiffError("the partitioning of table " + table + " changes (" +
                    (before.partition_by.empty() ? "none" : before.partition_by) + " -> " +
                    (after.partition_by.empty() ? "none" : after.partition_by) +
                    "): PostgreSQL cannot alter it in place; recreate the table in a revision");
  }
  if (before.partition_of != after.partition_of ||
      before.partition_bound != after.partition_bound) {
    if (before.partition_of) {
      c.ops.add(Phase::kColumns, Execute{"ALTER TABLE " + qualified_spelling(*before.partition_of) +
                                         " DETACH PARTITION " + table});
    }
    if (after.partition_of) {
      c.ops.add(Phase::kAddConstraints,
                Execute{"ALTER TABLE " + qualified_spelling(*after.partition_of) +
                        " ATTACH PARTITION " + table + " " + after.partition_bound});
    }
  }
  for (const QualifiedName& parent : before.inherits) {
    if (std::find(after.inherits.begin(), after.inherits.end(), parent) == after.inherits.end()) {
      c.ops.add(Phase::kColumns,
                Execute{"ALTER TABLE " + table + " NO INHERIT " + qualified_spelling(parent)});
    }
  }
  for (const QualifiedName& parent : after.inherits) {
    if (std::find(before.inherits.begin(), before.inherits.end(), parent) ==
        before.inherits.end()) {
      c.ops.add(Phase::kAddConstraints,
                Execute{"ALTER TABLE " + table + " INHERIT " + qualified_spelling(parent)});
    }
  }
}

/// The RESET and SET that turn `before` into exactly `after`, order included: the keys
/// `after` lacks are reset; what follows the longest run both start with is set again, in
/// `after`'s order (SET moves a parameter to the end).
SetTableStorage storage_change(const QualifiedName& table, const std::vector<std::string>& before,
                               const std::vector<std::string>& after) {
  SetTableStorage op{table, {}, {}};
  std::set<std::string> kept;
  for (const auto& item : after) kept.insert(storage_key(item));
  std::vector<std::string> remaining;
  for (const auto& item : before) {
    if (kept.count(storage_key(item))) {
      remaining.push_back(item);
    } else {
      op.reset.push_back(storage_key(item));
    }
  }
  // The table's own and its TOAST table's are kept apart: compare each part's prefix.
  auto own = [](const std::string& item) { return item.rfind("toast.", 0) != 0; };
  for (bool mine : {true, false}) {
    std::vector<std::string> from, to;
    for (const auto& item : remaining) {
      if (own(item) == mine) from.push_back(item);
    }
    for (const auto& item : after) {
      if (own(item) == mine) to.push_back(item);
    }
    size_t same = 0;
    while (same < from.size() && same < to.size() && from[same] == to[same]) ++same;
    op.set.insert(op.set.end(), to.begin() + static_cast<std::ptrdiff_t>(same), to.end());
  }
  return op;
}

void diff_kept_table(DiffContext& c, const Table& before, const Table& after) {
  diff_parents(c, before, after);
  if (before.rls_enabled != after.rls_enabled || before.rls_forced != after.rls_forced) {
    c.ops.add(Phase::kColumns, SetRowSecurity{after.name, after.rls_enabled, after.rls_forced});
  }
  if (before.storage != after.storage) {
    c.ops.add(Phase::kColumns, storage_change(after.name, before.storage, after.storage));
  }
  std::set<std::string> recreated;
  diff_columns(c, before, after, recreated);
  if (before.comment != after.comment) {
    c.ops.add(Phase::kColumns, SetTableComment{after.name, after.comment});
  }
  diff_constraints(c, before, after, recreated);
  diff_indexes(c, before, after, recreated);
}

}  // namespace

void diff_tables(DiffContext& c) {
  auto merged = merge_by_name(c.from.tables, c.to.tables);
  std::vector<const Table*> created, dropped;
  for (const auto& m : merged) {
    if (m.added()) created.push_back(m.to);
    if (m.removed()) dropped.push_back(m.from);
  }
  CreationPlan create = plan_creation(c, created);
  CreationPlan drop = plan_creation(c, dropped);
  for (const Table* t : create.order) {
    c.ops.add(Phase::kCreateTables, CreateTable{without_deferred(*t, create.deferred)});
  }
  for (const Table* t : drop.order) c.ops.add(Phase::kDropTables, DropTable{t->name});
  for (const auto& m : merged) {
    if (m.added()) {
      for (const Index& index : m.to->indexes) {
        c.ops.add(Phase::kCreateIndexes, CreateIndex{m.to->name, index});
      }
      for (const Constraint& k : m.to->constraints) {
        if (create.deferred.count({m.to->name, k.name})) {
          c.ops.add(Phase::kAddForeignKeys, AddConstraint{m.to->name, k});
        }
      }
    } else if (m.removed()) {
      for (const Constraint& k : m.from->constraints) {
        if (drop.deferred.count({m.from->name, k.name})) {
          c.ops.add(Phase::kDropForeignKeys, DropConstraint{m.from->name, k.name, k.kind});
        }
      }
      c.hazard("drop_table", object_name(m.from->name), "table is dropped with its data");
    } else {
      diff_kept_table(c, *m.from, *m.to);
    }
  }
}

}  // namespace asq
