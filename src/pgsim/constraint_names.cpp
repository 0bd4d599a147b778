#include "pgsim/constraint_names.h"

#include <algorithm>
#include <vector>

#include "common/text.h"
#include "pgsim/column_references.h"
#include "pgsim/engine.h"
#include "pgsim/partitions.h"
#include "schema/defaults.h"
#include "sql/identifiers.h"

namespace asq::memsql {
namespace {

constexpr size_t kMaxIdentifier = 63;  // NAMEDATALEN - 1

std::string quoted_list(const std::vector<std::string>& names) {
  std::vector<std::string> quoted;
  for (const auto& name : names) quoted.push_back(quote_identifier(name));
  return "(" + join(quoted, ", ") + ")";
}

/// `object_name(name1, name2, label)`, with 1, 2, ... appended to the label while `taken`.
template <typename Taken>
std::string numbered_name(const std::string& name1, const std::string& name2,
                          const std::string& label, Taken taken) {
  std::string name = object_name(name1, name2, label);
  for (int pass = 1; taken(name); ++pass)
    name = object_name(name1, name2, label + std::to_string(pass));
  return name;
}

}  // namespace

bool name_taken(const Schema& schema, const std::string& namespace_, const std::string& name) {
  for (const Table& t : schema.tables) {
    if (t.name.schema != namespace_) continue;
    if (t.name.name == name) return true;
    for (const Constraint& k : t.constraints) {
      if (k.name == name) return true;
    }
    for (const Index& i : t.indexes) {
      if (i.name == name) return true;
    }
  }
  return std::any_of(schema.sequences.begin(), schema.sequences.end(), [&](const Sequence& s) {
    return s.name.schema == namespace_ && s.name.name == name;
  });
}

std::string chosen_name(const Schema& schema, const Table& table, const Constraint& k) {
  std::string addition, label;
  switch (k.kind) {
    case Constraint::Kind::kPrimaryKey:
      label = "pkey";
      break;
    case Constraint::Kind::kUnique:
      label = "key", addition = join(k.columns, "_");
      break;
    case Constraint::Kind::kForeignKey:
      label = "fkey", addition = join(k.columns, "_");
      break;
    case Constraint::Kind::kCheck:
      label = "check";
      if (k.columns.size() == 1) addition = k.columns.front();
      break;
    case Constraint::Kind::kExclusion:
      label = "excl", addition = join(k.columns, "_");
      break;
  }
  if (addition.size() > kMaxIdentifier) addition.resize(kMaxIdentifier);
  return numbered_name(table.name.name, addition, label, [&](const std::string& name) {
    return name_taken(schema, table.name.schema, name) ||
           std::any_of(table.constraints.begin(), table.constraints.end(),
                       [&](const Constraint& other) { return other.name == name; });
  });
}

std::string key_definition(const Constraint& k) {
  std::string definition;
  switch (k.kind) {
    case Constraint::Kind::kPrimaryKey:
      definition = "PRIMARY KEY " + quoted_list(k.columns);
      break;
    case Constraint::Kind::kUnique:
      definition = "UNIQUE " + quoted_list(k.columns);
      break;
    case Constraint::Kind::kForeignKey:
      definition = "FOREIGN KEY " + quoted_list(k.columns) + " REFERENCES " +
                   qualified_spelling(k.references) + quoted_list(k.referenced_columns);
      if (k.on_update != "NO ACTION") definition += " ON UPDATE " + k.on_update;
      if (k.on_delete != "NO ACTION") definition += " ON DELETE " + k.on_delete;
      break;
    default:
      return k.definition;
  }
  if (k.deferrable) definition += " DEFERRABLE";
  if (k.initially_deferred) definition += " INITIALLY DEFERRED";
  if (k.definition.ends_with(" NOT VALID")) definition += " NOT VALID";  // until validated
  return definition;
}

Constraint completed(const Schema& schema, const Table& table, Constraint k) {
  if (k.kind == Constraint::Kind::kCheck && k.columns.empty()) {
    std::vector<Column> columns = columns_with_inherited(schema, table);
    auto has_column = [&](const std::string& name) {
      return std::any_of(columns.begin(), columns.end(),
                         [&](const Column& c) { return c.name == name; });
    };
    // In the order the expression first names them, as the server records them.
    for_each_identifier(k.expression, [&](size_t, size_t, const std::string& name) {
      if (has_column(name) && !contains(k.columns, name)) k.columns.push_back(name);
    });
  }
  if (k.name.empty()) k.name = chosen_name(schema, table, k);
  if (k.definition.empty() || k.kind == Constraint::Kind::kForeignKey) {
    k.definition = key_definition(k);
  }
  return k;
}

}  // namespace asq::memsql

namespace asq {

std::string choose_relation_name(const Schema& schema, const std::string& schema_name,
                                 const std::string& name1, std::string name2,
                                 const std::string& label) {
  if (name2.size() > memsql::kMaxIdentifier) name2.resize(memsql::kMaxIdentifier);
  return memsql::numbered_name(name1, name2, label, [&](const std::string& name) {
    return memsql::name_taken(schema, schema_name, name);
  });
}

}  // namespace asq
