#include "render/sql.h"

#include <cctype>
#include <cstdint>
#include <limits>
#include <stdexcept>

#include "common/text.h"
#include "ops/comments.h"
#include "render/reparsable_sql.h"
#include "render/sql_constraints.h"
#include "schema/identity.h"
#include "sql/identifiers.h"
#include "sql/literals.h"
#include "sql/tokens.h"

namespace asq {
namespace {

/// A name that may arrive already quoted (as PostgreSQL prints it) or bare (as a revision
/// file spells it).
std::string name_as_printed(const std::string& name) {
  if (name.size() >= 2 && name.front() == '"' && name.back() == '"') return name;
  return quote_identifier(name);
}

// --- index keys -----------------------------------------------------------------------------

using sql::Token;

/// A token a name may be made of (a word, quoted name or bare number, as `1` in `t1.1`).
bool is_name_part(const Token& t) { return t.is_name() || t.kind == Token::Kind::kNumber; }

/// The index after the possibly dotted name starting at t[i]; `i` when none.
size_t skip_name(const std::vector<Token>& t, size_t i) {
  if (!is_name_part(t[i])) return i;
  size_t end = i + 1;
  while (t[end].is_symbol(".") && t[end].begin == t[end - 1].end && is_name_part(t[end + 1]) &&
         t[end + 1].begin == t[end].end) {
    end += 2;
  }
  return end;
}

/// The index after the `)` that closes the `(` at t[i]; npos when it does not close.
size_t skip_parenthesised(const std::vector<Token>& t, size_t i) {
  int depth = 0;
  for (; t[i].kind != Token::Kind::kEnd; ++i) {
    if (t[i].is_symbol("(")) ++depth;
    if (t[i].is_symbol(")") && --depth == 0) return i + 1;
  }
  return std::string::npos;
}

/// True when `key` needs no parentheses as an index key: a column, a function call or a
/// parenthesised expression, followed only by words (opclass, COLLATE, ASC/DESC, NULLS ...).
bool is_self_contained_key(const std::vector<Token>& t) {
  size_t i = 0;
  if (t[0].is_symbol("(")) {
    i = skip_parenthesised(t, 0);
  } else {
    i = skip_name(t, 0);
    if (i == 0) return false;
    if (t[i].is_symbol("(") && t[i].begin == t[i - 1].end) i = skip_parenthesised(t, i);
  }
  while (i != std::string::npos && t[i].kind != Token::Kind::kEnd) {
    size_t end = skip_name(t, i);
    if (end == i) return false;
    i = end;
  }
  return i != std::string::npos;
}

std::string index_key(const std::string& key) {
  std::vector<Token> t;
  try {
    t = sql::tokenize(key);
  } catch (const sql::LexError&) {
    return "(" + key + ")";
  }
  if (t.size() == 2 && is_name_part(t[0]) && t[0].begin == 0 && t[0].end == key.size() &&
      key.find('.') == std::string::npos) {
    return name_as_printed(key);
  }
  return is_self_contained_key(t) ? key : "(" + key + ")";
}

// --- columns, constraints, sequences --------------------------------------------------------

std::string upper(std::string text) {
  for (char& c : text) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return text;
}

std::string column_definition(const QualifiedName& table, const Column& column) {
  std::string out = quote_identifier(column.name) + " " + column.type;
  if (!column.collation.empty()) out += " COLLATE " + name_as_printed(column.collation);
  if (column.default_value) out += " DEFAULT " + *column.default_value;
  if (column.generated) out += " GENERATED ALWAYS AS (" + *column.generated + ") STORED";
  if (!column.identity.empty()) {
    out += " GENERATED " + upper(column.identity) + " AS IDENTITY" +
           identity_options_clause(table, column);
  }
  if (!column.nullable && column.identity.empty()) out += " NOT NULL";
  return out;
}

std::string column_comment(const QualifiedName& table, const std::string& column,
                           const std::optional<std::string>& comment) {
  return "COMMENT ON COLUMN " + qualified_name(table) + "." + quote_identifier(column) + " IS " +
         (comment ? quote_literal(*comment) : "NULL");
}

std::string object_comment(const CatalogObject& object) {
  return "COMMENT ON " + object_target(object) + " IS " +
         (object.comment ? quote_literal(*object.comment) : "NULL");
}

std::string table_comment(const QualifiedName& table, const std::optional<std::string>& comment) {
  return "COMMENT ON TABLE " + qualified_name(table) + " IS " +
         (comment ? quote_literal(*comment) : "NULL");
}

std::string comment_target(const SetComment& op) {
  switch (op.target) {
    case SetComment::Target::kSchema:
      return "SCHEMA " + quote_identifier(op.name.name);
    case SetComment::Target::kEnum:
      return "TYPE " + qualified_name(op.name);
    case SetComment::Target::kSequence:
      return "SEQUENCE " + qualified_name(op.name);
    case SetComment::Target::kIndex:
      return "INDEX " + qualified_name(op.name);
    case SetComment::Target::kConstraint:
      return "CONSTRAINT " + quote_identifier(op.name.name) + " ON " +
             qualified_name({op.name.schema, op.table});
  }
  return "";
}

std::string comment_sql(const SetComment& op) {
  return "COMMENT ON " + comment_target(op) + " IS " +
         (op.comment ? quote_literal(*op.comment) : "NULL");
}

/// `statements` followed by the COMMENT ON statements of what `op` creates.
template <typename CreateOp>
std::vector<std::string> with_comments(std::vector<std::string> statements, const CreateOp& op) {
  for (const SetComment& comment : created_comments(op)) statements.push_back(comment_sql(comment));
  return statements;
}

struct IntegerRange {
  std::int64_t min;
  std::int64_t max;
};

IntegerRange range_of(const std::string& data_type) {
  if (data_type == "smallint") return {-32768, 32767};
  if (data_type == "integer") return {-2147483648LL, 2147483647};
  return {std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max()};
}

std::string sequence_options(const Sequence& sequence) {
  IntegerRange range = range_of(sequence.data_type);
  bool ascending = sequence.increment > 0;
  std::int64_t default_min = ascending ? 1 : range.min;
  std::int64_t default_max = ascending ? range.max : -1;
  std::string out = "INCREMENT BY " + std::to_string(sequence.increment) + " START WITH " +
                    std::to_string(sequence.start);
  if (sequence.min_value == default_min || sequence.min_value < range.min) {
    out += " NO MINVALUE";
  } else {
    out += " MINVALUE " + std::to_string(sequence.min_value);
  }
  if (sequence.max_value == default_max || sequence.max_value > range.max) {
    out += " NO MAXVALUE";
  } else {
    out += " MAXVALUE " + std::to_string(sequence.max_value);
  }
  out += " CACHE " + std::to_string(sequence.cache);
  if (sequence.cycle) out += " CYCLE";
  return out;
}

std::string dollar_quoted(const std::string& body) {
  std::string tag = "$asq$";
  for (int n = 1; body.find(tag) != std::string::npos; ++n) tag = "$asq" + std::to_string(n) + "$";
  return tag + "\n" + body + "\n" + tag;
}

std::string create_enum(const EnumType& type) {
  std::vector<std::string> labels;
  for (const auto& value : type.values) labels.push_back(quote_literal(value));
  return "CREATE TYPE " + qualified_name(type.name) + " AS ENUM (" + join(labels) + ")";
}

// --- tables ---------------------------------------------------------------------------------

/// CREATE TABLE: a partition as PARTITION OF its parent with its own constraints only (the
/// parent brings the columns), else columns and constraints, then INHERITS / PARTITION BY.
std::string create_table(const Table& table) {
  std::vector<std::string> elements;
  if (!table.partition_of) {
    for (const auto& column : table.columns)
      elements.push_back(column_definition(table.name, column));
  }
  for (const auto& constraint : table.constraints) {
    elements.push_back(constraint_clause(constraint));
  }
  std::string body;
  if (!elements.empty()) body = "(\n    " + join(elements, ",\n    ") + "\n)";
  std::string create = "CREATE TABLE " + qualified_name(table.name);
  if (table.partition_of) {
    create += " PARTITION OF " + qualified_name(*table.partition_of);
    if (!body.empty()) create += " " + body;
    create += " " + table.partition_bound;
  } else {
    create += " " + (body.empty() ? std::string("()") : body);
  }
  if (!table.inherits.empty()) {
    std::vector<std::string> parents;
    for (const auto& parent : table.inherits) parents.push_back(qualified_name(parent));
    create += " INHERITS (" + join(parents) + ")";
  }
  if (!table.partition_by.empty()) create += " PARTITION BY " + table.partition_by;
  return create;
}

std::vector<std::string> row_security(const QualifiedName& table, bool enabled, bool forced) {
  std::string alter = "ALTER TABLE " + qualified_name(table);
  return {alter + (enabled ? " ENABLE" : " DISABLE") + " ROW LEVEL SECURITY",
          alter + (forced ? " FORCE" : " NO FORCE") + " ROW LEVEL SECURITY"};
}

// --- one function per op --------------------------------------------------------------------

using Statements = std::vector<std::string>;

struct Renderer {
  Statements operator()(const CreateSchema& op) const {
    return {"CREATE SCHEMA " + quote_identifier(op.name)};
  }
  Statements operator()(const DropSchema& op) const {
    return {"DROP SCHEMA " + quote_identifier(op.name)};
  }
  Statements operator()(const CreateExtension& op) const {
    std::string out = "CREATE EXTENSION IF NOT EXISTS " + quote_identifier(op.extension.name);
    if (!op.extension.schema.empty())
      out += " WITH SCHEMA " + quote_identifier(op.extension.schema);
    return {out};
  }
  Statements operator()(const DropExtension& op) const {
    return {"DROP EXTENSION " + quote_identifier(op.name)};
  }
  Statements operator()(const CreateEnum& op) const {
    if (!op.if_not_exists) return with_comments({create_enum(op.type)}, op);
    std::string body =
        "BEGIN\n"
        "  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON "
        "n.oid = t.typnamespace WHERE n.nspname = " +
        quote_literal(op.type.name.schema) +
        " AND t.typname = " + quote_literal(op.type.name.name) + ") THEN\n    " +
        create_enum(op.type) + ";\n  END IF;\nEND";
    return with_comments({"DO " + dollar_quoted(body)}, op);
  }
  Statements operator()(const DropEnum& op) const {
    return {std::string("DROP TYPE ") + (op.if_exists ? "IF EXISTS " : "") +
            qualified_name(op.name)};
  }
  Statements operator()(const AddEnumValue& op) const {
    std::string out =
        "ALTER TYPE " + qualified_name(op.name) + " ADD VALUE " + quote_literal(op.value);
    if (!op.before.empty()) {
      out += " BEFORE " + quote_literal(op.before);
    } else if (!op.after.empty()) {
      out += " AFTER " + quote_literal(op.after);
    }
    return {out};
  }
  Statements operator()(const CreateSequence& op) const {
    std::string out = "CREATE SEQUENCE " + qualified_name(op.sequence.name);
    if (!op.sequence.data_type.empty()) out += " AS " + op.sequence.data_type;
    return with_comments({out + " " + sequence_options(op.sequence)}, op);
  }
  Statements operator()(const DropSequence& op) const {
    return {"DROP SEQUENCE " + qualified_name(op.name)};
  }
  Statements operator()(const SetSequenceOwner& op) const {
    std::string owner = op.table.empty() ? "NONE"
                                         : qualified_name({op.name.schema, op.table}) + "." +
                                               quote_identifier(op.column);
    return {"ALTER SEQUENCE " + qualified_name(op.name) + " OWNED BY " + owner};
  }
  Statements operator()(const CreateTable& op) const {
    const Table& table = op.table;
    Statements out = {create_table(table)};
    Statements rls = row_security(table.name, table.rls_enabled, table.rls_forced);
    if (table.rls_enabled) out.push_back(rls[0]);
    if (table.rls_forced) out.push_back(rls[1]);
    if (!table.storage.empty()) {
      for (auto& s : table_storage({table.name, {}, table.storage})) out.push_back(std::move(s));
    }
    if (table.comment) out.push_back(table_comment(table.name, table.comment));
    for (const auto& column : table.columns) {
      if (column.comment) out.push_back(column_comment(table.name, column.name, column.comment));
    }
    return with_comments(out, op);
  }
  Statements operator()(const DropTable& op) const {
    return {"DROP TABLE " + qualified_name(op.name)};
  }
  Statements operator()(const RenameTable& op) const {
    return {"ALTER TABLE " + qualified_name(op.name) + " RENAME TO " +
            quote_identifier(op.new_name)};
  }
  Statements operator()(const SetTableComment& op) const {
    return {table_comment(op.table, op.comment)};
  }
  Statements operator()(const AddColumn& op) const {
    Statements out = {"ALTER TABLE " + qualified_name(op.table) + " ADD COLUMN " +
                      column_definition(op.table, op.column)};
    if (op.column.comment) {
      out.push_back(column_comment(op.table, op.column.name, op.column.comment));
    }
    return out;
  }
  Statements operator()(const DropColumn& op) const {
    return {"ALTER TABLE " + qualified_name(op.table) + " DROP COLUMN " +
            quote_identifier(op.column)};
  }
  Statements operator()(const AlterColumn& op) const {
    std::string alter =
        "ALTER TABLE " + qualified_name(op.table) + " ALTER COLUMN " + quote_identifier(op.column);
    Statements out;
    if (op.type) {
      out.push_back(alter + " TYPE " + *op.type +
                    (op.using_expression ? " USING " + *op.using_expression : ""));
    }
    if (op.nullable) out.push_back(alter + (*op.nullable ? " DROP NOT NULL" : " SET NOT NULL"));
    if (op.default_value) {
      out.push_back(alter + (*op.default_value ? " SET DEFAULT " + **op.default_value
                                               : std::string(" DROP DEFAULT")));
    }
    for (auto& statement : identity_statements(op)) out.push_back(std::move(statement));
    if (op.comment) out.push_back(column_comment(op.table, op.column, *op.comment));
    if (op.new_name) {
      out.push_back("ALTER TABLE " + qualified_name(op.table) + " RENAME " +
                    quote_identifier(op.column) + " TO " + quote_identifier(*op.new_name));
    }
    return out;
  }
  Statements operator()(const CreateIndex& op) const {
    const Index& index = op.index;
    std::string out = index.unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ";
    if (!index.name.empty()) out += quote_identifier(index.name) + " ";
    out += "ON " + qualified_name(op.table);
    if (!index.method.empty() && index.method != "btree") out += " USING " + index.method;
    std::vector<std::string> keys;
    for (const auto& key : index.keys) keys.push_back(index_key(key));
    out += " (" + join(keys) + ")";
    if (!index.include.empty()) {
      std::vector<std::string> include;
      for (const auto& column : index.include) include.push_back(name_as_printed(column));
      out += " INCLUDE (" + join(include) + ")";
    }
    if (index.nulls_not_distinct) out += " NULLS NOT DISTINCT";
    out += storage_clause(index.storage);
    if (index.where) out += " WHERE " + reparsable_sql(*index.where);
    return with_comments({out}, op);
  }
  Statements operator()(const DropIndex& op) const {
    return {"DROP INDEX " + qualified_name({op.table.schema, op.name})};
  }
  Statements operator()(const AddConstraint& op) const {
    return with_comments(
        {"ALTER TABLE " + qualified_name(op.table) + " ADD " + constraint_clause(op.constraint)},
        op);
  }
  Statements operator()(const DropConstraint& op) const {
    if (op.name.empty()) {
      throw std::invalid_argument("cannot drop an unnamed constraint of table " +
                                  qualified_name(op.table));
    }
    return {"ALTER TABLE " + qualified_name(op.table) + " DROP CONSTRAINT " +
            quote_identifier(op.name)};
  }
  Statements operator()(const SetRowSecurity& op) const {
    return row_security(op.table, op.enabled, op.forced);
  }
  Statements operator()(const SetTableStorage& op) const { return table_storage(op); }
  Statements operator()(const CreateObject& op) const {
    // A routine's body is stored as written: it is not an expression PostgreSQL printed.
    bool routine = op.object.kind == CatalogObject::Kind::kFunction ||
                   op.object.kind == CatalogObject::Kind::kProcedure;
    Statements out = {routine ? op.object.definition : reparsable_sql(op.object.definition)};
    if (op.object.comment) out.push_back(object_comment(op.object));
    return out;
  }
  Statements operator()(const DropObject& op) const { return {drop_statement(op.object)}; }
  Statements operator()(const SetObjectComment& op) const { return {object_comment(op.object)}; }
  Statements operator()(const SetComment& op) const { return {comment_sql(op)}; }
  Statements operator()(const Execute& op) const { return {op.sql}; }
};

}  // namespace

std::vector<std::string> identity_statements(const AlterColumn& op,
                                             std::string (*spell)(const QualifiedName&)) {
  std::string alter =
      "ALTER TABLE " + spell(op.table) + " ALTER COLUMN " + quote_identifier(op.column);
  const Column& e = op.existing;
  std::string type = op.type.value_or(e.type);
  Column after = e;
  if (op.identity_options) after.identity_options = *op.identity_options;
  std::vector<std::string> out;
  if (op.identity && op.identity->empty()) return {alter + " DROP IDENTITY"};
  if (op.identity && e.identity.empty()) {
    return {alter + " ADD GENERATED " + upper(*op.identity) + " AS IDENTITY" +
            identity_options_clause(op.table, after)};
  }
  if (op.identity && *op.identity != e.identity) {
    out.push_back(alter + " SET GENERATED " + upper(*op.identity));
  }
  if (!op.identity_options || e.identity.empty()) return out;
  std::string set = identity_set_clause(type, e.identity_options, *op.identity_options);
  if (!set.empty()) out.push_back(alter + set);
  std::string old_name = identity_sequence_name(op.table.name, e);
  std::string new_name = identity_sequence_name(op.table.name, after);
  if (old_name != new_name) {
    out.push_back("ALTER SEQUENCE " + spell({op.table.schema, old_name}) + " RENAME TO " +
                  quote_identifier(new_name));
  }
  return out;
}

std::vector<std::string> render_sql(const Op& op) { return std::visit(Renderer{}, op); }

namespace {

/// A storage parameter's name as SQL: `fillfactor`, `toast.autovacuum_enabled` (each part
/// quoted as needed).
std::string storage_name(const std::string& key) {
  size_t dot = key.find('.');
  if (dot == std::string::npos) return quote_identifier(key);
  return quote_identifier(key.substr(0, dot)) + "." + quote_identifier(key.substr(dot + 1));
}

std::vector<std::string> storage_items(const std::vector<std::string>& storage) {
  std::vector<std::string> items;
  for (const auto& item : storage) {
    size_t eq = item.find('=');
    std::string value = eq == std::string::npos ? "" : item.substr(eq + 1);
    items.push_back(storage_name(storage_key(item)) + " = " + quote_literal(value));
  }
  return items;
}

}  // namespace

std::string storage_clause(const std::vector<std::string>& storage) {
  if (storage.empty()) return "";
  return " WITH (" + join(storage_items(storage)) + ")";
}

std::vector<std::string> table_storage(const SetTableStorage& op) {
  std::vector<std::string> out;
  if (!op.reset.empty()) {
    std::vector<std::string> names;
    for (const auto& key : op.reset) names.push_back(storage_name(key));
    out.push_back("ALTER TABLE " + qualified_name(op.table) + " RESET (" + join(names) + ")");
  }
  if (!op.set.empty()) {
    out.push_back("ALTER TABLE " + qualified_name(op.table) + " SET (" +
                  join(storage_items(op.set)) + ")");
  }
  return out;
}

std::string terminate_statement(std::string statement) {
  while (!statement.empty() && std::isspace(static_cast<unsigned char>(statement.back()))) {
    statement.pop_back();
  }
  if (sql::ends_in_line_comment(statement)) return statement + "\n;";
  if (!statement.empty() && statement.back() == ';') return statement;
  return statement + ";";
}

}  // namespace asq
