// CREATE INDEX written in SQL, for the in-memory engine: methods, operator classes, ordering,
// INCLUDE, NULLS NOT DISTINCT and WHERE (each column key as src/introspect/sql/indexes.sql
// spells it; expression keys and the predicate as written, printed when the index is applied).

#include <algorithm>
#include <map>
#include <utility>

#include "common/text.h"
#include "pgsim/sql_reader.h"
#include "schema/defaults.h"
#include "sql/identifiers.h"
#include "sql/literals.h"

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
  if (next && (next->kind == Token::Kind::kWord || next->kind == Token::Kind::kQuotedWord) &&
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

/// `( name = value, ... )` of WITH, as pg_class.reloptions keeps it: "name=value", names
/// lower-cased (as the parser folds them), a value as written: a word folded, a number or a
/// string's text. Anything else is not modelled.
std::vector<std::string> storage_parameters(Reader& r) {
  std::vector<std::string> out;
  r.expect_symbol("(");
  do {
    std::string name = r.identifier();
    if (r.at_symbol(".")) {
      // toast.autovacuum_enabled: whether it holds depends on the table having a TOAST table,
      // which the engine does not know; another namespace is an error.
      r.unmodelled();
    }
    for (const auto& item : out) {
      if (storage_key(item) == name) r.unmodelled();  // "specified more than once"
    }
    r.expect_symbol("=");
    const Token* value = r.peek();
    auto text = value ? reloption_value(*value) : std::nullopt;
    if (!text) r.unmodelled();
    out.push_back(name + "=" + *text);
    r.skip();
  } while (r.at_symbol(",") && (r.skip(), true));
  r.expect_symbol(")");
  return out;
}

void index_body(Reader& r, Index& index, const Schema& schema) {
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
  if (r.accept({"with"})) index.storage = storage_parameters(r);
  if (r.accept({"where"})) index.where = r.text_until({});  // printed the server's way when applied
  if (!r.done()) r.unmodelled();                            // TABLESPACE
}

}  // namespace asq::memsql

namespace asq {
namespace {

using memsql::Token;

bool is_name(const Token& t) {
  return t.kind == Token::Kind::kWord || t.kind == Token::Kind::kQuotedWord;
}
bool is_symbol(const Token& t, const char* text) {
  return t.kind == Token::Kind::kSymbol && t.text == text;
}

/// The index of the `)` closing the `(` at `open`; tokens.size() when none.
size_t closing(const std::vector<Token>& tokens, size_t open) {
  int depth = 0;
  for (size_t i = open; i < tokens.size(); ++i) {
    if (is_symbol(tokens[i], "(")) ++depth;
    if (is_symbol(tokens[i], ")") && --depth == 0) return i;
  }
  return tokens.size();
}

/// Whether an operator symbol (`+`, `||`, `<`, ...) stands outside parentheses.
bool has_top_level_operator(const std::vector<Token>& tokens) {
  int depth = 0;
  for (const Token& t : tokens) {
    if (is_symbol(t, "(")) ++depth;
    if (is_symbol(t, ")")) --depth;
    bool punctuation = is_symbol(t, "(") || is_symbol(t, ")") || is_symbol(t, ",") ||
                       is_symbol(t, ".") || is_symbol(t, "::");
    if (depth == 0 && t.kind == Token::Kind::kSymbol && !punctuation) return true;
  }
  return false;
}

/// The name ChooseIndexColumnNames gives an index column (FigureIndexColname): a column's
/// name (the key may carry an operator class and ordering), a function's for a call,
/// "expr" for an operator expression. Throws ApplyError (construct) for other expressions
/// (casts, CASE, IS NULL, ...), whose names the engine does not predict.
std::string index_column_name(const std::string& key) {
  std::vector<Token> tokens;
  try {
    auto statements = memsql::statements_of(key);
    if (statements.size() == 1) tokens = statements.front();
  } catch (const ApplyError&) {
  }
  bool parenthesized = false;  // then words after a name are an expression's, not an opclass
  while (tokens.size() >= 2 && is_symbol(tokens.front(), "(") &&
         closing(tokens, 0) == tokens.size() - 1) {
    tokens = std::vector<Token>(tokens.begin() + 1, tokens.end() - 1);
    parenthesized = true;
  }
  if (!tokens.empty() && is_name(tokens[0])) {
    if (tokens.size() == 1 || (!parenthesized && is_name(tokens[1]))) return tokens[0].text;
    size_t call = is_symbol(tokens[1], ".") && tokens.size() > 2 && is_name(tokens[2]) ? 2 : 0;
    if (tokens.size() > call + 1 && is_symbol(tokens[call + 1], "(") &&
        closing(tokens, call + 1) == tokens.size() - 1 && tokens[call].text != "cast") {
      return tokens[call].text;
    }
  }
  if (has_top_level_operator(tokens)) return "expr";
  throw ApplyError("the name PostgreSQL gives an index on `" + key + "` is not modelled", true);
}

}  // namespace

std::string index_name_addition(const std::vector<std::string>& keys,
                                const std::vector<std::string>& include) {
  std::vector<std::string> names;
  auto add = [&](const std::string& key) {
    // A name an earlier column has gets 1, 2, ... (`expr`, `expr1`).
    std::string base = index_column_name(key), name = base;
    for (int n = 1; std::count(names.begin(), names.end(), name) > 0; ++n) {
      name = base + std::to_string(n);
    }
    names.push_back(name);
  };
  for (const auto& key : keys) add(key);
  for (const auto& column : include) add(column);
  return join(names, "_");
}

}  // namespace asq
