#include "render/alembic_constraints.h"

#include <stdexcept>

#include "render/reparsable_sql.h"
#include "render/sql_constraints.h"
#include "sql/identifiers.h"

namespace asq {
namespace {

using Args = std::vector<std::pair<std::string, PyExpr>>;
using Kind = Constraint::Kind;

/// `schema.table.column` as ForeignKeyConstraint takes it; public is left out.
std::string reference_spec(const QualifiedName& table, const std::string& column) {
  return (table.schema == "public" ? "" : table.schema + ".") + table.name + "." + column;
}

}  // namespace

std::string check_expression(const Constraint& c) {
  if (!c.expression.empty()) return c.expression;
  const std::string& d = c.definition;
  if (d.starts_with("CHECK (") && d.ends_with(")")) return d.substr(7, d.size() - 8);
  return d;
}

bool expressible(const Constraint& c) {
  auto has = [&](const char* part) { return c.definition.find(part) != std::string::npos; };
  switch (c.kind) {
    case Kind::kPrimaryKey:
    case Kind::kUnique:
      return !has("NULLS NOT DISTINCT") && !has(" INCLUDE (") && !has(" USING INDEX ") &&
             !has(" WITH (") && !c.name.empty();
    case Kind::kForeignKey:
      return !has(" MATCH ") && !has("NOT VALID") && !has("SET NULL (") && !has("SET DEFAULT (") &&
             !c.name.empty();
    case Kind::kCheck:
      return !c.name.empty() &&
             (c.definition.empty() || c.definition == "CHECK (" + check_expression(c) + ")");
    case Kind::kExclusion:
      return false;
  }
  return false;
}

void add_deferrable(std::vector<std::pair<std::string, PyExpr>>& args, const Constraint& c) {
  if (!c.deferrable) return;
  args.push_back({"deferrable", "True"});
  if (c.initially_deferred) args.push_back({"initially", py_str("DEFERRED")});
}

PyExpr constraint_item(const Constraint& c) {
  Args args;
  switch (c.kind) {
    case Kind::kPrimaryKey:
    case Kind::kUnique:
      for (const auto& column : c.columns) args.push_back({"", py_str(column)});
      args.push_back({"name", py_name(c.name)});
      add_deferrable(args, c);
      return py_call(c.kind == Kind::kUnique ? "sa.UniqueConstraint" : "sa.PrimaryKeyConstraint",
                     std::move(args));
    case Kind::kCheck:
      return py_call("sa.CheckConstraint",
                     {{"", py_str(text_safe(reparsable_sql(check_expression(c))))},
                      {"name", py_name(c.name)}});
    case Kind::kForeignKey: {
      std::vector<std::string> targets;
      for (const auto& column : c.referenced_columns) {
        targets.push_back(reference_spec(c.references, column));
      }
      args = {{"", py_list(c.columns)}, {"", py_list(targets)}, {"name", py_name(c.name)}};
      if (c.on_update != "NO ACTION") args.push_back({"onupdate", py_str(c.on_update)});
      if (c.on_delete != "NO ACTION") args.push_back({"ondelete", py_str(c.on_delete)});
      add_deferrable(args, c);
      return py_call("sa.ForeignKeyConstraint", std::move(args));
    }
    case Kind::kExclusion:
      break;
  }
  throw std::logic_error("exclusion constraints are added through op.execute");
}

std::string add_constraint_sql(const QualifiedName& table, const Constraint& c) {
  return "ALTER TABLE " + qualified_spelling(table) + " ADD " + constraint_clause(c);
}

}  // namespace asq
