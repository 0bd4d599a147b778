#include "pgsim/partitions.h"

#include <algorithm>

#include "common/text.h"
#include "pgsim/engine.h"
#include "pgsim/sql_reader.h"

namespace asq {
namespace {

Table& existing_table(Schema& schema, const QualifiedName& name) {
  Table* table = schema.table(name);
  if (!table) throw ApplyError("table " + name.display() + " does not exist");
  return *table;
}

void insert_by_name(auto& items, auto item) {
  auto at = std::lower_bound(items.begin(), items.end(), item,
                             [](const auto& a, const auto& b) { return a.name < b.name; });
  items.insert(at, std::move(item));
}

/// The child's copy of a parent's constraint: keys get an index of the child's and its name,
/// foreign keys and checks keep the parent's name (unless the child has one by that name).
Constraint constraint_copy(const Schema& schema, const Table& child, Constraint k) {
  auto choose = [&](const std::string& addition, const std::string& label) {
    return choose_relation_name(schema, child.name.schema, child.name.name, addition, label);
  };
  switch (k.kind) {
    case Constraint::Kind::kPrimaryKey:
      k.name = choose("", "pkey");
      break;
    case Constraint::Kind::kUnique:
      k.name = choose(join(k.columns, "_"), "key");
      break;
    case Constraint::Kind::kExclusion:
      throw ApplyError("detaching a partition with an exclusion constraint is not modelled", true);
    case Constraint::Kind::kForeignKey:
      if (std::any_of(child.constraints.begin(), child.constraints.end(),
                      [&](const Constraint& c) { return c.name == k.name; })) {
        throw ApplyError("a partition's foreign key renamed on detach is not modelled", true);
      }
      break;
    case Constraint::Kind::kCheck:
      break;
  }
  return k;
}

}  // namespace

std::vector<Column> columns_with_inherited(const Schema& schema, const Table& table) {
  std::vector<QualifiedName> parents = table.inherits;
  if (table.partition_of) parents.insert(parents.begin(), *table.partition_of);
  std::vector<Column> columns;
  auto add = [&](const Column& column) {
    auto same = std::find_if(columns.begin(), columns.end(),
                             [&](const Column& c) { return c.name == column.name; });
    if (same == columns.end()) {
      columns.push_back(column);
    } else {
      *same = column;
    }
  };
  for (const QualifiedName& name : parents) {
    const Table* parent = schema.table(name);
    if (!parent) throw ApplyError("table " + name.display() + " does not exist");
    for (const Column& column : columns_with_inherited(schema, *parent)) add(column);
  }
  for (const Column& column : table.columns) add(column);
  return columns;
}

std::function<std::string(std::string_view)> column_type_in(const std::vector<Column>& columns) {
  return [&columns](std::string_view name) {
    auto column = std::find_if(columns.begin(), columns.end(),
                               [&](const Column& c) { return c.name == name; });
    return column == columns.end() ? std::string() : column->type;
  };
}

bool has_copies_for_partitions(const Table& parent) {
  return !parent.indexes.empty() ||
         std::any_of(parent.constraints.begin(), parent.constraints.end(), [](auto& k) {
           return k.kind != Constraint::Kind::kCheck && k.kind != Constraint::Kind::kForeignKey;
         });
}

void require_partition_parents(const Schema& schema, const Table& table) {
  if (table.partition_of) {
    const Table* parent = schema.table(*table.partition_of);
    if (!parent) throw ApplyError("table " + table.partition_of->display() + " does not exist");
    if (parent->partition_by.empty()) {
      throw ApplyError("table " + table.partition_of->display() + " is not partitioned");
    }
  }
  for (const QualifiedName& name : table.inherits) {
    const Table* parent = schema.table(name);
    if (!parent) throw ApplyError("table " + name.display() + " does not exist");
    for (const Column& inherited : columns_with_inherited(schema, *parent)) {
      if (table.column(inherited.name)) {
        throw ApplyError("column " + inherited.name + " merged with the one " +
                             table.name.display() + " inherits is not modelled",
                         true);
      }
    }
  }
}

void require_no_partition_index_taken_over(const Schema& schema, const QualifiedName& parent,
                                           const Index& index) {
  for (const Table& t : schema.tables) {
    if (t.partition_of != parent) continue;
    for (Index own : t.indexes) {
      own.name = index.name;
      // As PostgreSQL matches an index to attach: not by its storage parameters or comment.
      own.storage = index.storage;
      own.comment = index.comment;
      if (own == index) {
        throw ApplyError("index " + index.name + " would take over index of partition " +
                             t.name.display() + ": not modelled",
                         true);
      }
    }
  }
}

std::vector<std::string> partition_key_columns(const Table& parent) {
  auto statements = memsql::statements_of(parent.partition_by);
  if (statements.size() != 1) {
    throw ApplyError("table " + parent.name.display() + " is not partitioned");
  }
  memsql::Reader r(parent.partition_by, statements.front());
  r.identifier();                                          // the strategy
  std::vector<std::string> columns = r.identifier_list();  // ApplyError for an expression
  if (!r.done()) r.unmodelled();
  return columns;
}

void attach_partition(Schema& schema, const QualifiedName& parent_name,
                      const QualifiedName& child_name, const std::string& bound) {
  const Table& parent = existing_table(schema, parent_name);
  Table& child = existing_table(schema, child_name);
  if (child.partition_of || !child.inherits.empty()) {
    throw ApplyError(child_name.display() + " is already a child of another table");
  }
  if (!parent.constraints.empty() || !parent.indexes.empty() || parent.partition_of ||
      !parent.inherits.empty()) {
    throw ApplyError("attaching a partition to " + parent_name.display() +
                         ", which has constraints or indexes or a parent, is not modelled",
                     true);
  }
  std::vector<Column> columns = columns_with_inherited(schema, parent);
  if (columns.size() != child.columns.size()) {
    throw ApplyError(child_name.display() + " does not have the columns of " +
                     parent_name.display());
  }
  for (const Column& column : columns) {
    const Column* own = child.column(column.name);
    if (!own || own->type != column.type || own->collation != column.collation ||
        (!column.nullable && own->nullable)) {
      throw ApplyError("column " + column.name + " of " + child_name.display() +
                       " does not match the parent's");
    }
    Column same = *own;
    same.comment = column.comment;
    if (same != column || own->comment) {
      throw ApplyError("attaching " + child_name.display() + ", whose column " + column.name +
                           " differs from the parent's (kept but hidden), is not modelled",
                       true);
    }
  }
  child.columns.clear();  // inherited from now on: the parent brings them
  child.partition_of = parent_name;
  child.partition_bound = bound;
}

void detach_partition(Schema& schema, const QualifiedName& parent_name,
                      const QualifiedName& child_name) {
  const Table parent = existing_table(schema, parent_name);
  Table& child = existing_table(schema, child_name);
  if (child.partition_of != parent_name) {
    throw ApplyError(child_name.display() + " is not a partition of " + parent_name.display());
  }
  if (parent.partition_of || !parent.inherits.empty()) {
    throw ApplyError("detaching a partition of a partition is not modelled", true);
  }
  for (const Column& column : parent.columns) {
    if (!column.identity.empty()) {
      throw ApplyError("detaching a partition of a table with an identity column is not modelled",
                       true);
    }
    Column copy = column;
    copy.comment.reset();  // comments stay with the parent's column
    child.columns.push_back(std::move(copy));
  }
  child.partition_of.reset();
  child.partition_bound.clear();
  for (const Constraint& k : parent.constraints) {
    insert_by_name(child.constraints, constraint_copy(schema, child, k));
  }
  for (Index index : parent.indexes) {
    index.name = choose_relation_name(schema, child.name.schema, child.name.name,
                                      index_name_addition(index.keys, index.include), "idx");
    insert_by_name(child.indexes, std::move(index));
  }
}

}  // namespace asq
