// CREATE INDEX written in SQL, for the in-memory engine: methods, operator classes, ordering,
// INCLUDE, NULLS NOT DISTINCT and WHERE in the form introspection reads them (each key as
// src/introspect/sql/indexes.sql spells it, the predicate as pg_get_expr prints it pretty).

#include <algorithm>
#include <map>
#include <utility>

#include "common/text.h"
#include "replay/memory_partitions.h"
#include "replay/memory_sql_reader.h"
#include "schema/defaults.h"
#include "schema/types.h"

namespace asq::memsql {
namespace {

/// An operator class that is not the default of its method, and the extension that brings it
/// ("" for those of pg_catalog, printed without a schema).
struct OperatorClass {
  std::string method;
  std::string extension;
};

const std::map<std::string, OperatorClass>& known_operator_classes() {
  static const std::map<std::string, OperatorClass> classes = {
      {"text_pattern_ops", {"btree", ""}},   {"varchar_pattern_ops", {"btree", ""}},
      {"bpchar_pattern_ops", {"btree", ""}}, {"jsonb_path_ops", {"gin", ""}},
      {"gin_trgm_ops", {"gin", "pg_trgm"}},  {"gist_trgm_ops", {"gist", "pg_trgm"}}};
  return classes;
}

/// ` opclass` as introspection prints it after the column; ApplyError (construct) for one
/// the engine does not know.
std::string operator_class(Reader& r, const std::string& schema_name, const std::string& name,
                           const std::string& method, const Schema& schema) {
  auto known = known_operator_classes().find(name);
  if (known == known_operator_classes().end() || known->second.method != method) r.unmodelled();
  if (known->second.extension.empty()) {
    if (!schema_name.empty() && schema_name != "pg_catalog") r.unmodelled();
    return " " + name;
  }
  auto extension =
      std::find_if(schema.extensions.begin(), schema.extensions.end(),
                   [&](const Extension& e) { return e.name == known->second.extension; });
  if (extension == schema.extensions.end() ||
      (!schema_name.empty() && schema_name != extension->schema)) {
    throw ApplyError("operator class " + name + " does not exist for access method " + method);
  }
  return " " + quote_identifier(extension->schema) + "." + name;
}

/// ASC / DESC and NULLS FIRST / LAST, printed only where they differ from the default.
std::string ordering(Reader& r, const std::string& method) {
  bool descending = false, explicit_order = false;
  if (r.accept({"asc"})) {
    explicit_order = true;
  } else if (r.accept({"desc"})) {
    descending = explicit_order = true;
  }
  bool nulls_first = descending;
  if (r.accept({"nulls", "first"})) {
    nulls_first = explicit_order = true;
  } else if (r.accept({"nulls", "last"})) {
    nulls_first = false;
    explicit_order = true;
  }
  if (explicit_order && method != "btree") {
    throw ApplyError("access method " + method + " does not support ASC/DESC options");
  }
  if (descending) return nulls_first ? " DESC" : " DESC NULLS LAST";
  return nulls_first ? " NULLS FIRST" : "";
}

/// One key: a column with its operator class and ordering, or an expression as written (which
/// the engine then names as not modelled).
std::string index_key(Reader& r, const std::string& method, const Schema& schema) {
  if (r.at_symbol("(")) return "(" + r.parenthesized() + ")";
  Reader probe = r;
  probe.identifier();
  if (probe.at_symbol("(") || probe.at_symbol(".")) return r.text_until({});  // a function call
  std::string key = quote_identifier(r.identifier());
  if (r.at("collate")) r.unmodelled();
  const Token* next = r.peek();
  if (next && (next->kind == Token::Kind::kWord || next->kind == Token::Kind::kQuoted) &&
      !r.at("asc") && !r.at("desc") && !r.at("nulls")) {
    std::string schema_name, name = r.identifier();
    if (r.at_symbol(".")) {
      r.skip();
      schema_name = std::exchange(name, r.identifier());
    }
    key += operator_class(r, schema_name, name, method, schema);
  }
  return key + ordering(r, method);
}

std::vector<std::string> quoted_identifier_list(Reader& r) {
  std::vector<std::string> names = r.identifier_list();
  for (auto& name : names) name = quote_identifier(name);
  return names;
}

}  // namespace

void index_body(Reader& r, Index& index, const Schema& schema, const Table& table) {
  if (r.accept({"using"})) index.method = r.identifier();
  r.expect_symbol("(");
  do {
    index.keys.push_back(index_key(r, index.method, schema));
  } while (r.at_symbol(",") && (r.skip(), true));
  r.expect_symbol(")");
  if (r.accept({"include"})) index.include = quoted_identifier_list(r);
  if (r.accept({"nulls", "not", "distinct"})) {
    index.nulls_not_distinct = true;
  } else {
    r.accept({"nulls", "distinct"});
  }
  if (r.accept({"where"})) {
    std::vector<Column> columns = columns_with_inherited(schema, table);
    auto predicate = printed_index_predicate(r.text_until({}), column_type_in(columns));
    if (!predicate) r.unmodelled();
    index.where = *predicate;
  }
  if (!r.done()) r.unmodelled();  // WITH (...), TABLESPACE
}

}  // namespace asq::memsql

namespace asq {
namespace {

/// The name ChooseIndexColumnNames gives an index column: the column's, or "expr".
std::string index_column_name(const std::string& key) {
  std::vector<memsql::Token> tokens;
  try {
    auto statements = memsql::statements_of(key);
    if (statements.size() == 1) tokens = statements.front();
  } catch (const ApplyError&) {
  }
  using Kind = memsql::Token::Kind;
  bool column = !tokens.empty() &&
                (tokens[0].kind == Kind::kWord || tokens[0].kind == Kind::kQuoted) &&
                (tokens.size() == 1 || tokens[1].kind != Kind::kSymbol);  // not a call
  return column ? tokens.front().text : "expr";
}

}  // namespace

std::string index_name_addition(const std::vector<std::string>& keys,
                                const std::vector<std::string>& include) {
  std::vector<std::string> names;
  for (const auto& key : keys) names.push_back(index_column_name(key));
  for (const auto& column : include) names.push_back(index_column_name(column));
  return join(names, "_");
}

std::optional<std::string> printed_index_predicate(
    std::string_view sql, const std::function<std::string(std::string_view)>& column_type) {
  std::optional<std::string> canonical = canonical_expression(sql, column_type);
  if (!canonical || canonical->size() < 2 || canonical->front() != '(' ||
      canonical->back() != ')') {
    return std::nullopt;
  }
  std::string inner = canonical->substr(1, canonical->size() - 2);
  if (inner.find_first_of("()") != std::string::npos) return std::nullopt;  // nested
  return inner;
}

}  // namespace asq
