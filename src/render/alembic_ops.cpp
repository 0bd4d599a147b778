#include "render/alembic_ops.h"

#include <algorithm>
#include <stdexcept>

#include "ops/comments.h"
#include "render/alembic_constraints.h"
#include "render/alembic_python.h"
#include "render/alembic_serial.h"
#include "render/reparsable_sql.h"
#include "render/sql.h"
#include "sql/identifiers.h"
#include "sql/literals.h"

namespace asq {
namespace {

using Args = std::vector<std::pair<std::string, PyExpr>>;
using Kind = Constraint::Kind;

void add_schema(Args& args, const QualifiedName& name, const char* keyword = "schema") {
  if (name.schema != "public") args.push_back({keyword, py_str(name.schema)});
}

std::string py_bool(bool value) { return value ? "True" : "False"; }

std::string statement(const PyExpr& expr, int indent) {
  return std::string(indent, ' ') + render_expr(expr, indent);
}

/// A statement given on one line, laid out as black lays it out.
std::string line(const std::string& text, int indent) {
  return std::string(indent, ' ') + black_layout(text, indent);
}

bool is_integer(const std::string& type) {
  return type == "smallint" || type == "integer" || type == "bigint";
}

/// An index key that is a column name (as pg_get_indexdef prints one), unquoted.
std::optional<std::string> key_column(const std::string& key) {
  if (key.size() >= 2 && key.front() == '"' && key.back() == '"') {
    std::string name;
    for (size_t i = 1; i + 1 < key.size(); ++i) {
      if (key[i] == '"') {
        if (key[i + 1] != '"' || i + 2 == key.size()) return std::nullopt;
        ++i;
      }
      name += key[i];
    }
    return name;
  }
  if (quote_identifier(key) == key) return key;
  return std::nullopt;
}

std::string sequence_sql(const Sequence& s) {
  return "CREATE SEQUENCE " + qualified_spelling(s.name) + " AS " + s.data_type + " START WITH " +
         std::to_string(s.start) + " INCREMENT BY " + std::to_string(s.increment) + " MINVALUE " +
         std::to_string(s.min_value) + " MAXVALUE " + std::to_string(s.max_value) + " CACHE " +
         std::to_string(s.cache) + (s.cycle ? " CYCLE" : "");
}

std::string add_value_sql(const AddEnumValue& a) {
  std::string sql =
      "ALTER TYPE " + qualified_spelling(a.name) + " ADD VALUE " + sql_literal(a.value);
  if (!a.before.empty()) sql += " BEFORE " + sql_literal(a.before);
  if (!a.after.empty()) sql += " AFTER " + sql_literal(a.after);
  return sql;
}

PyExpr enum_call(const QualifiedName& name, const std::vector<std::string>& labels,
                 const std::string& method, bool checkfirst) {
  Args args;
  for (const auto& label : labels) args.push_back({"", py_str(label)});
  args.push_back({"name", py_str(name.name)});
  if (name.schema != "public") args.push_back({"schema", py_str(name.schema)});
  return py_call("postgresql.ENUM", std::move(args),
                 "." + method + "(op.get_bind(), checkfirst=" + py_bool(checkfirst) + ")");
}

std::string drop_constraint_type(Kind kind) {
  switch (kind) {
    case Kind::kPrimaryKey:
      return "primary";
    case Kind::kForeignKey:
      return "foreignkey";
    case Kind::kUnique:
      return "unique";
    case Kind::kCheck:
      return "check";
    case Kind::kExclusion:
      return "";
  }
  return "";
}

}  // namespace

PyExpr AlembicOpWriter::type(const std::string& canonical, const std::string& collation) {
  std::optional<PyExpr> t = python_type(canonical, collation, enums_);
  if (!t) throw std::logic_error("type without a SQLAlchemy class: " + canonical);
  return *t;
}

bool AlembicOpWriter::spelled(const Column& column) const {
  // sa.Identity cannot name its sequence.
  return python_type(column.type, column.collation, enums_).has_value() &&
         column.identity_options.sequence_name.empty();
}

std::vector<std::string> AlembicOpWriter::as_sql(const Op& op, int indent) {
  std::vector<std::string> out;
  for (const auto& statement : render_sql(op)) out.push_back(line(op_execute(statement), indent));
  return out;
}

template <typename CreateOp>
std::vector<std::string> AlembicOpWriter::with_comments(std::vector<std::string> out,
                                                        const CreateOp& op, int indent) {
  for (const SetComment& comment : created_comments(op)) {
    for (std::string& line : as_sql(comment, indent)) out.push_back(std::move(line));
  }
  return out;
}

bool AlembicOpWriter::written_as_call(const Table& t) const {
  bool has_parents = t.partition_of || !t.inherits.empty() || !t.partition_by.empty();
  return !has_parents && std::all_of(t.columns.begin(), t.columns.end(),
                                     [&](const Column& c) { return spelled(c); });
}

std::string AlembicOpWriter::body(const std::vector<Op>& ops, const std::vector<Op>& reverse) {
  SerialColumns serials =
      sqlalchemy_serials(ops, [&](const Table& t) { return written_as_call(t); });
  serials_ = serials.columns;
  for (size_t i : dropped_with_their_table(ops, reverse)) serials.skipped.insert(i);
  std::string out;
  bool in_block = false;
  for (size_t i = 0; i < ops.size(); ++i) {
    if (serials.skipped.count(i)) continue;
    const Op& op = ops[i];
    bool add_value = std::holds_alternative<AddEnumValue>(op);
    if (add_value && !in_block) out += "    with op.get_context().autocommit_block():\n";
    in_block = add_value;
    for (const auto& s : statements(op, add_value ? 8 : 4)) out += s + "\n";
  }
  return out.empty() ? "    pass\n" : out;
}

std::vector<std::string> AlembicOpWriter::statements(const Op& op, int indent) {
  return std::visit([&](const auto& o) { return write(o, indent); }, op);
}

std::vector<std::string> AlembicOpWriter::write(const CreateTable& op, int indent) {
  const Table& t = op.table;
  if (!written_as_call(t)) return as_sql(op, indent);
  std::vector<std::string> integer_key;
  for (const Constraint& c : t.constraints) {
    if (c.kind == Kind::kPrimaryKey) integer_key = c.columns;
  }
  Args args{{"", py_str(t.name.name)}};
  for (const Column& c : t.columns) {
    if (serials_.count({t.name, c.name})) {
      Column serial = c;  // SQLAlchemy makes it SERIAL: the sequence and its default
      serial.default_value.reset();
      args.push_back({"", column_item(serial, false)});
      continue;
    }
    bool key = std::find(integer_key.begin(), integer_key.end(), c.name) != integer_key.end();
    args.push_back({"", column_item(c, key && is_integer(c.type))});
  }
  std::vector<std::string> after;
  for (const Constraint& c : t.constraints) {
    if (expressible(c)) {
      args.push_back({"", constraint_item(c)});
    } else {
      after.push_back(line(op_execute(add_constraint_sql(t.name, c)), indent));
    }
  }
  add_schema(args, t.name);
  if (t.comment) args.push_back({"comment", py_str(*t.comment)});
  PyExpr call = py_call("op.create_table", std::move(args));
  // Always one argument per line (a magic trailing comma): a table reads as a column list.
  call.one_per_line = true;
  std::vector<std::string> out{statement(call, indent)};
  out.insert(out.end(), after.begin(), after.end());
  if (t.rls_enabled || t.rls_forced) {
    std::vector<std::string> rls =
        as_sql(SetRowSecurity{t.name, t.rls_enabled, t.rls_forced}, indent);
    if (t.rls_enabled) out.push_back(rls[0]);
    if (t.rls_forced) out.push_back(rls[1]);
  }
  if (!t.storage.empty()) {
    for (auto& s : as_sql(SetTableStorage{t.name, {}, t.storage}, indent)) {
      out.push_back(std::move(s));
    }
  }
  return with_comments(std::move(out), op, indent);
}

namespace {

/// sa.Identity(always=..., start=..., ...) with the options that are set.
PyExpr identity_item(const Column& c) {
  const IdentityOptions& o = c.identity_options;
  Args args{{"always", py_bool(c.identity == "always")}};
  auto number = [&args](const char* name, const std::optional<std::int64_t>& value) {
    if (value) args.push_back({name, std::to_string(*value)});
  };
  number("start", o.start);
  number("increment", o.increment);
  number("minvalue", o.min_value);
  number("maxvalue", o.max_value);
  if (o.cycle) args.push_back({"cycle", "True"});
  number("cache", o.cache);
  return py_call("sa.Identity", std::move(args));
}

}  // namespace

PyExpr AlembicOpWriter::column_item(const Column& c, bool no_autoincrement) {
  Args args{{"", py_str(c.name)}, {"", type(c.type, c.collation)}};
  if (!c.identity.empty()) {
    args.push_back({"", identity_item(c)});
  }
  if (c.generated) {
    args.push_back({"", py_call("sa.Computed",
                                {{"", py_str(text_safe(*c.generated))}, {"persisted", "True"}})});
  }
  if (no_autoincrement && c.identity.empty()) args.push_back({"autoincrement", "False"});
  if (c.default_value) args.push_back({"server_default", sa_text(*c.default_value)});
  args.push_back({"nullable", py_bool(c.nullable)});
  if (c.comment) args.push_back({"comment", py_str(*c.comment)});
  return py_call("sa.Column", std::move(args));
}

std::vector<std::string> AlembicOpWriter::write(const AddConstraint& op, int indent) {
  return with_comments(constraint_statements(op, indent), op, indent);
}

std::vector<std::string> AlembicOpWriter::constraint_statements(const AddConstraint& op,
                                                                int indent) {
  const Constraint& c = op.constraint;
  if (!expressible(c)) return {line(op_execute(add_constraint_sql(op.table, c)), indent)};
  Args args{{"", py_name(c.name)}, {"", py_str(op.table.name)}};
  std::string function;
  switch (c.kind) {
    case Kind::kForeignKey:
      function = "op.create_foreign_key";
      args.push_back({"", py_str(c.references.name)});
      args.push_back({"", py_list(c.columns)});
      args.push_back({"", py_list(c.referenced_columns)});
      if (c.on_update != "NO ACTION") args.push_back({"onupdate", py_str(c.on_update)});
      if (c.on_delete != "NO ACTION") args.push_back({"ondelete", py_str(c.on_delete)});
      add_deferrable(args, c);
      add_schema(args, op.table, "source_schema");
      add_schema(args, c.references, "referent_schema");
      return {statement(py_call(function, std::move(args)), indent)};
    case Kind::kPrimaryKey:
      if (c.deferrable) return {line(op_execute(add_constraint_sql(op.table, c)), indent)};
      function = "op.create_primary_key";
      args.push_back({"", py_list(c.columns)});
      break;
    case Kind::kUnique:
      function = "op.create_unique_constraint";
      args.push_back({"", py_list(c.columns)});
      add_deferrable(args, c);
      break;
    case Kind::kCheck:
      function = "op.create_check_constraint";
      args.push_back({"", py_str(text_safe(reparsable_sql(check_expression(c))))});
      break;
    case Kind::kExclusion:
      break;
  }
  add_schema(args, op.table);
  return {statement(py_call(function, std::move(args)), indent)};
}

std::vector<std::string> AlembicOpWriter::write(const AlterColumn& op, int indent) {
  const Column& e = op.existing;
  if (op.type && !python_type(*op.type, "", enums_)) return as_sql(op, indent);
  std::string column_sql = "ALTER TABLE " + qualified_spelling(op.table) + " ALTER COLUMN " +
                           quote_identifier(op.column);
  std::vector<std::string> out;
  // An identity goes before the other changes and comes after them, as in the SQL rendering.
  bool drops_identity = op.identity && op.identity->empty();
  if (drops_identity) {
    for (const auto& statement : identity_statements(op, qualified_spelling)) {
      out.push_back(line(op_execute(statement), indent));
    }
  }
  // Alembic pastes postgresql_using into the statement unescaped, so psycopg2 would read a
  // `%` in it as a placeholder: such a type change is written as SQL.
  bool type_as_sql =
      op.type && op.using_expression && op.using_expression->find('%') != std::string::npos;
  if (type_as_sql) {
    out.push_back(line(
        op_execute(column_sql + " TYPE " + *op.type + " USING " + *op.using_expression), indent));
  }
  if ((op.type && !type_as_sql) || op.nullable || op.default_value || op.comment || op.new_name) {
    Args args{{"", py_str(op.table.name)}, {"", py_str(op.column)}};
    std::optional<PyExpr> existing_type =
        python_type(type_as_sql ? *op.type : e.type, type_as_sql ? "" : e.collation, enums_);
    if (existing_type) args.push_back({"existing_type", *existing_type});
    if (op.type && !type_as_sql) args.push_back({"type_", type(*op.type)});
    if (op.using_expression && !type_as_sql) {
      args.push_back({"postgresql_using", py_str(*op.using_expression)});
    }
    args.push_back({"existing_nullable", py_bool(e.nullable)});
    if (op.nullable) args.push_back({"nullable", py_bool(*op.nullable)});
    if (e.default_value) args.push_back({"existing_server_default", sa_text(*e.default_value)});
    if (op.default_value) {
      args.push_back({"server_default", *op.default_value ? sa_text(**op.default_value) : "None"});
    }
    if (op.comment) {
      if (e.comment) args.push_back({"existing_comment", py_str(*e.comment)});
      args.push_back({"comment", *op.comment ? py_str(**op.comment) : "None"});
    }
    if (op.new_name) args.push_back({"new_column_name", py_str(*op.new_name)});
    add_schema(args, op.table);
    out.push_back(statement(py_call("op.alter_column", std::move(args)), indent));
  }
  if (!drops_identity) {
    for (const auto& statement : identity_statements(op, qualified_spelling)) {
      out.push_back(line(op_execute(statement), indent));
    }
  }
  return out;
}

std::vector<std::string> AlembicOpWriter::write(const CreateIndex& op, int indent) {
  return with_comments(index_statements(op, indent), op, indent);
}

std::vector<std::string> AlembicOpWriter::index_statements(const CreateIndex& op, int indent) {
  const Index& i = op.index;
  if (i.nulls_not_distinct || i.name.empty() || !i.storage.empty()) {
    std::string keys;
    for (const auto& k : i.keys) keys += (keys.empty() ? "" : ", ") + k;
    std::string sql = std::string("CREATE ") + (i.unique ? "UNIQUE " : "") + "INDEX " +
                      quote_identifier(i.name) + " ON " + qualified_spelling(op.table) + " USING " +
                      i.method + " (" + keys + ")";
    if (!i.include.empty()) sql += " INCLUDE (" + column_list_sql(i.include) + ")";
    if (i.nulls_not_distinct) sql += " NULLS NOT DISTINCT";
    sql += storage_clause(i.storage);
    if (i.where) sql += " WHERE (" + reparsable_sql(*i.where) + ")";
    return {line(op_execute(sql), indent)};
  }
  std::string keys = "[";
  for (const auto& k : i.keys) {
    std::optional<std::string> column = key_column(k);
    keys += (keys.size() > 1 ? ", " : "") + (column ? py_str(*column) : sa_text(k));
  }
  keys += "]";
  Args args{{"", py_name(i.name)},
            {"", py_str(op.table.name)},
            {"", keys},
            {"unique", py_bool(i.unique)}};
  add_schema(args, op.table);
  if (i.method != "btree") args.push_back({"postgresql_using", py_str(i.method)});
  if (!i.include.empty()) args.push_back({"postgresql_include", py_list(i.include)});
  if (i.where) args.push_back({"postgresql_where", sa_text(reparsable_sql(*i.where))});
  return {statement(py_call("op.create_index", std::move(args)), indent)};
}

std::vector<std::string> AlembicOpWriter::sql(const std::string& text, int indent) {
  return {line(op_execute(text), indent)};
}

std::vector<std::string> AlembicOpWriter::call(const char* function, const QualifiedName& table,
                                               Args rest, int indent) {
  Args args{{"", py_str(table.name)}};
  args.insert(args.end(), rest.begin(), rest.end());
  add_schema(args, table);
  return {statement(py_call(function, std::move(args)), indent)};
}

std::vector<std::string> AlembicOpWriter::write(const CreateSchema& o, int indent) {
  return sql("CREATE SCHEMA " + quote_identifier(o.name), indent);
}

std::vector<std::string> AlembicOpWriter::write(const DropSchema& o, int indent) {
  return sql("DROP SCHEMA " + quote_identifier(o.name), indent);
}

std::vector<std::string> AlembicOpWriter::write(const CreateExtension& o, int indent) {
  return sql("CREATE EXTENSION IF NOT EXISTS " + quote_identifier(o.extension.name) +
                 " WITH SCHEMA " + quote_identifier(o.extension.schema),
             indent);
}

std::vector<std::string> AlembicOpWriter::write(const DropExtension& o, int indent) {
  return sql("DROP EXTENSION IF EXISTS " + quote_identifier(o.name), indent);
}

std::vector<std::string> AlembicOpWriter::write(const CreateEnum& o, int indent) {
  enums_[o.type.name] = o.type.values;
  return with_comments(
      {statement(enum_call(o.type.name, o.type.values, "create", o.if_not_exists), indent)}, o,
      indent);
}

std::vector<std::string> AlembicOpWriter::write(const DropEnum& o, int indent) {
  enums_.erase(o.name);
  return {statement(enum_call(o.name, {}, "drop", o.if_exists), indent)};
}

std::vector<std::string> AlembicOpWriter::write(const AddEnumValue& o, int indent) {
  auto& labels = enums_[o.name];
  auto at = labels.end();
  if (!o.after.empty()) {
    at = std::find(labels.begin(), labels.end(), o.after);
    if (at != labels.end()) ++at;
  } else if (!o.before.empty()) {
    at = std::find(labels.begin(), labels.end(), o.before);
  }
  labels.insert(at, o.value);
  return sql(add_value_sql(o), indent);
}

std::vector<std::string> AlembicOpWriter::write(const CreateSequence& o, int indent) {
  return with_comments(sql(sequence_sql(o.sequence), indent), o, indent);
}

std::vector<std::string> AlembicOpWriter::write(const DropSequence& o, int indent) {
  return sql("DROP SEQUENCE " + qualified_spelling(o.name), indent);
}

std::vector<std::string> AlembicOpWriter::write(const SetSequenceOwner& o, int indent) {
  std::string owner = o.table.empty() ? "NONE"
                                      : qualified_spelling({o.name.schema, o.table}) + "." +
                                            quote_identifier(o.column);
  return sql("ALTER SEQUENCE " + qualified_spelling(o.name) + " OWNED BY " + owner, indent);
}

std::vector<std::string> AlembicOpWriter::write(const DropTable& o, int indent) {
  return call("op.drop_table", o.name, {}, indent);
}

std::vector<std::string> AlembicOpWriter::write(const RenameTable& o, int indent) {
  return call("op.rename_table", o.name, {{"", py_str(o.new_name)}}, indent);
}

std::vector<std::string> AlembicOpWriter::write(const SetTableComment& o, int indent) {
  if (!o.comment) return call("op.drop_table_comment", o.table, {}, indent);
  return call("op.create_table_comment", o.table, {{"", py_str(*o.comment)}}, indent);
}

std::vector<std::string> AlembicOpWriter::write(const AddColumn& o, int indent) {
  if (!spelled(o.column)) return as_sql(o, indent);
  return call("op.add_column", o.table, {{"", column_item(o.column, false)}}, indent);
}

std::vector<std::string> AlembicOpWriter::write(const DropColumn& o, int indent) {
  return call("op.drop_column", o.table, {{"", py_str(o.column)}}, indent);
}

std::vector<std::string> AlembicOpWriter::write(const DropIndex& o, int indent) {
  Args args{{"", py_name(o.name)}, {"table_name", py_str(o.table.name)}};
  add_schema(args, o.table);
  return {statement(py_call("op.drop_index", std::move(args)), indent)};
}

std::vector<std::string> AlembicOpWriter::write(const DropConstraint& o, int indent) {
  Args args{{"", py_name(o.name)}, {"", py_str(o.table.name)}};
  std::string kind = drop_constraint_type(o.kind);
  if (!kind.empty()) args.push_back({"type_", py_str(kind)});
  add_schema(args, o.table);
  return {statement(py_call("op.drop_constraint", std::move(args)), indent)};
}

std::vector<std::string> AlembicOpWriter::write(const SetRowSecurity& o, int indent) {
  return as_sql(o, indent);
}

std::vector<std::string> AlembicOpWriter::write(const SetTableStorage& o, int indent) {
  return as_sql(o, indent);
}

/// The definition as a block that keeps the server's layout; its comment as one more line.
std::vector<std::string> AlembicOpWriter::write(const CreateObject& o, int indent) {
  std::vector<std::string> statements = render_sql(o);
  std::vector<std::string> out{std::string(indent, ' ') +
                               op_execute_block(statements.front(), indent)};
  for (size_t i = 1; i < statements.size(); ++i) {
    out.push_back(line(op_execute(statements[i]), indent));
  }
  return out;
}

std::vector<std::string> AlembicOpWriter::write(const DropObject& o, int indent) {
  return as_sql(o, indent);
}

std::vector<std::string> AlembicOpWriter::write(const SetObjectComment& o, int indent) {
  return as_sql(o, indent);
}

std::vector<std::string> AlembicOpWriter::write(const SetComment& o, int indent) {
  return as_sql(o, indent);
}

std::vector<std::string> AlembicOpWriter::write(const Execute& o, int indent) {
  return sql(o.sql, indent);
}

}  // namespace asq
