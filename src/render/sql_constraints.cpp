#include "render/sql_constraints.h"

#include <stdexcept>

#include "render/reparsable_sql.h"
#include "sql/identifiers.h"

namespace asq {
namespace {

std::string attributes(const Constraint& c) {
  std::string out;
  if (c.deferrable) out += " DEFERRABLE";
  if (c.initially_deferred) out += " INITIALLY DEFERRED";
  return out;
}

bool is_action(const std::string& action) { return !action.empty() && action != "NO ACTION"; }

}  // namespace

std::string column_list_sql(const std::vector<std::string>& columns) {
  std::string out;
  for (const auto& c : columns) out += (out.empty() ? "" : ", ") + quote_identifier(c);
  return out;
}

std::string constraint_definition(const Constraint& c) {
  using Kind = Constraint::Kind;
  if (!c.definition.empty()) return reparsable_sql(c.definition);
  switch (c.kind) {
    case Kind::kPrimaryKey:
      return "PRIMARY KEY (" + column_list_sql(c.columns) + ")" + attributes(c);
    case Kind::kUnique:
      return "UNIQUE (" + column_list_sql(c.columns) + ")" + attributes(c);
    case Kind::kCheck:
      return "CHECK (" + reparsable_sql(c.expression) + ")";
    case Kind::kForeignKey: {
      std::string out = "FOREIGN KEY (" + column_list_sql(c.columns) + ") REFERENCES " +
                        qualified_name(c.references);
      if (!c.referenced_columns.empty()) out += "(" + column_list_sql(c.referenced_columns) + ")";
      if (is_action(c.on_update)) out += " ON UPDATE " + c.on_update;
      if (is_action(c.on_delete)) out += " ON DELETE " + c.on_delete;
      return out + attributes(c);
    }
    case Kind::kExclusion:
      break;
  }
  throw std::invalid_argument("exclusion constraint '" + c.name + "' has no definition to render");
}

std::string constraint_clause(const Constraint& c) {
  std::string name = c.name.empty() ? "" : "CONSTRAINT " + quote_identifier(c.name) + " ";
  return name + constraint_definition(c);
}

}  // namespace asq
