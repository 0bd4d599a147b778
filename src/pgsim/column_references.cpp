#include "pgsim/column_references.h"

#include <algorithm>

#include "pgsim/constraint_names.h"
#include "sql/identifiers.h"

namespace asq::memsql {

bool mentions(const std::string& sql, const std::string& column) {
  bool found = false;
  for_each_identifier(
      sql, [&](size_t, size_t, const std::string& name) { found = found || name == column; });
  return found;
}

std::string renamed_in(const std::string& sql, const std::string& from, const std::string& to) {
  std::string out;
  size_t copied = 0;
  for_each_identifier(sql, [&](size_t begin, size_t length, const std::string& name) {
    if (name != from) return;
    out += sql.substr(copied, begin - copied) + quote_identifier(to);
    copied = begin + length;
  });
  return out + sql.substr(copied);
}

bool contains(const std::vector<std::string>& items, const std::string& item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

bool index_uses(const Index& index, const std::string& column) {
  auto uses = [&](const std::string& sql) { return mentions(sql, column); };
  return std::any_of(index.keys.begin(), index.keys.end(), uses) ||
         std::any_of(index.include.begin(), index.include.end(), uses) ||
         (index.where && uses(*index.where));
}

bool constraint_uses(const Constraint& constraint, const std::string& column) {
  if (contains(constraint.columns, column)) return true;
  return constraint.kind == Constraint::Kind::kCheck && mentions(constraint.expression, column);
}

void rename_in_index(Index& index, const std::string& from, const std::string& to) {
  for (auto& key : index.keys) key = renamed_in(key, from, to);
  for (auto& column : index.include) column = renamed_in(column, from, to);
  if (index.where) index.where = renamed_in(*index.where, from, to);
}

void rename_in_constraint(Constraint& constraint, const std::string& from, const std::string& to) {
  std::replace(constraint.columns.begin(), constraint.columns.end(), from, to);
  if (constraint.kind == Constraint::Kind::kCheck ||
      constraint.kind == Constraint::Kind::kExclusion) {
    constraint.expression = renamed_in(constraint.expression, from, to);
    constraint.definition = renamed_in(constraint.definition, from, to);
  } else {
    constraint.definition = key_definition(constraint);
  }
}

void retarget_foreign_keys(Table& table, const QualifiedName& from, const QualifiedName& to) {
  for (Constraint& k : table.constraints) {
    if (k.kind == Constraint::Kind::kForeignKey && k.references == from) {
      k.references = to;
      k.definition = key_definition(k);
    }
  }
}

bool referenced_from_elsewhere(const Schema& schema, const QualifiedName& table,
                               const std::string& column) {
  for (const Table& other : schema.tables) {
    if (other.name == table) continue;
    for (const Constraint& k : other.constraints) {
      if (k.kind == Constraint::Kind::kForeignKey && k.references == table &&
          (column.empty() || contains(k.referenced_columns, column))) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace asq::memsql
