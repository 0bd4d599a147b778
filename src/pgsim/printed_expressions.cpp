#include "pgsim/printed_expressions.h"

#include <vector>

#include "pgsim/engine.h"
#include "pgsim/partitions.h"
#include "schema/column_types.h"
#include "sql/identifiers.h"

namespace asq::memsql {

std::optional<PrintedExpression> printed_on(std::string_view sql, const Table& table,
                                            const Schema& schema, ExpressionStyle style) {
  std::vector<Column> columns = columns_with_inherited(schema, table);
  auto is_enum = [&](const std::string& type) { return enum_of(type, schema.enums) != nullptr; };
  return print_expression(sql, table_columns(column_type_in(columns), is_enum, schema.extensions),
                          style);
}

std::string printed_form(const std::string& what, const std::string& expression, const Table& table,
                         const Schema& schema, ExpressionStyle style) {
  std::optional<PrintedExpression> printed = printed_on(expression, table, schema, style);
  if (!printed) {
    throw ApplyError(what + " `" + expression +
                         "` not modelled in memory (the server prints it in its own form)",
                     true);
  }
  return printed->text;
}

void print_check(Constraint& k, const Table& table, const Schema& schema) {
  const std::string not_valid = " NOT VALID";
  bool unvalidated = k.definition.ends_with(not_valid);
  k.expression = printed_form("check", k.expression, table, schema, ExpressionStyle::kPlain);
  k.definition = "CHECK (" + k.expression + ")" + (unvalidated ? not_valid : "");
}

void print_expressions(Table& table, const Schema& schema) {
  for (Column& c : table.columns) {
    if (c.generated) {
      c.generated = printed_form("generated column " + c.name, *c.generated, table, schema,
                                 ExpressionStyle::kPlain);
    }
  }
  for (Constraint& k : table.constraints) {
    if (k.kind == Constraint::Kind::kCheck) print_check(k, table, schema);
  }
}

std::string printed_key(const std::string& key, const Table& table, const Schema& schema) {
  if (key.find('(') == std::string::npos) return key;
  std::optional<PrintedExpression> printed =
      printed_on(key, table, schema, ExpressionStyle::kPretty);
  if (!printed) {
    throw ApplyError(
        "index key `" + key + "` not modelled in memory (the server prints it in its own form)",
        true);
  }
  if (!printed->column.empty()) return quote_identifier(printed->column);
  return printed->function_like ? printed->text : "(" + printed->text + ")";
}

void print_expressions(Index& index, const Table& table, const Schema& schema) {
  for (auto& key : index.keys) key = printed_key(key, table, schema);
  if (index.where) {
    index.where =
        printed_form("index predicate", *index.where, table, schema, ExpressionStyle::kPretty);
  }
}

}  // namespace asq::memsql
