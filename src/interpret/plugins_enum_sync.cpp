// alembic_postgresql_enum's op.sync_enum_values as the SQL the library runs: PostgreSQL cannot
// remove or reorder enum labels, so the type is renamed to <name>_old, created again with the
// new labels, each affected column converted through text (renamed labels mapped with CASE or
// array_replace), its default dropped and restored, and the old type dropped. Temporary = and
// != operators between the new and the old type keep indexes and checks that compare the
// column with a label valid while the columns are converted.

#include <regex>

#include "interpret/args.h"
#include "interpret/op_calls.h"
#include "interpret/plugins.h"

namespace asq::interp {
namespace {

std::string literal(const std::string& value) {
  std::string out = "'";
  for (char c : value) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

std::string replaced_all(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

struct AffectedColumn {
  std::string schema;  // empty: unqualified
  std::string table;
  std::string column;
  bool array = false;
  std::optional<std::string> existing_default;  // TableReference(existing_server_default=)
  py::Position at;
};

using Renames = std::vector<std::pair<std::string, std::string>>;

std::string using_expression(const AffectedColumn& c, const std::string& new_type,
                             const Renames& renames) {
  std::string column = "\"" + c.column + "\"";
  if (c.array) {
    std::string expression = column + "::text[]";
    for (const auto& [from, to] : renames) {
      expression = "array_replace(" + expression + ", " + literal(from) + ", " + literal(to) + ")";
    }
    return expression + "::" + new_type + "[]";
  }
  if (renames.empty()) return column + "::text::" + new_type;
  std::string cases;
  for (const auto& [from, to] : renames) {
    cases += "WHEN " + column + "::text = " + literal(from) + " THEN " + literal(to) +
             "::" + new_type + " ";
  }
  return "CASE " + cases + "ELSE " + column + "::text::" + new_type + " END";
}

}  // namespace

Value AlembicCalls::op_sync_enum_values(OpCall& op) {
  auto b = bind(
      op, {"enum_schema", "enum_name", "new_values", "affected_columns", "enum_values_to_rename"});
  std::string schema = b.string("enum_schema");
  std::string name = b.string("enum_name");
  std::vector<std::string> values = b.strings("new_values");

  std::vector<AffectedColumn> columns;
  const Argument* affected = b.find("affected_columns");
  auto* list = affected ? affected->value.get<ListValue>() : nullptr;
  if (!list) b.fail(op.call.position, op.callee + "() needs affected_columns, a list");
  for (const Value& item : list->items) {
    AffectedColumn c;
    c.at = affected->at;
    c.schema = schema;
    if (auto* reference = item.get<PluginObject>();
        reference && reference->kind == "TableReference") {
      auto field = [&](const char* key) -> const std::string* {
        auto it = reference->fields.find(key);
        return it == reference->fields.end() ? nullptr : &it->second;
      };
      if (!field("table_name") || !field("column_name"))
        b.fail(reference->at, "TableReference() needs table_name and column_name");
      c.table = *field("table_name");
      c.column = *field("column_name");
      if (auto* s = field("table_schema")) c.schema = *s;
      if (auto* t = field("column_type")) c.array = *t == "ARRAY";
      if (auto* d = field("existing_server_default"); d && !d->empty()) c.existing_default = *d;
      c.at = reference->at;
    } else if (auto* tuple = item.get<ListValue>();
               tuple && tuple->items.size() >= 2 && tuple->items.size() <= 3 &&
               tuple->items[0].get<std::string>() && tuple->items[1].get<std::string>()) {
      c.table = *tuple->items[0].get<std::string>();
      c.column = *tuple->items[1].get<std::string>();
      if (tuple->items.size() == 3) {
        auto* symbol = tuple->items[2].get<Symbol>();
        c.array = symbol && symbol->path.size() >= 6 &&
                  symbol->path.compare(symbol->path.size() - 6, 6, ".ARRAY") == 0;
      }
    } else if (item.get<std::string>()) {
      // alembic-autogenerate-enums registers an op of the same name:
      // sync_enum_values(schema, name, old_values, new_values).
      b.fail(affected->at, op.callee +
                               "(schema, name, old_values, new_values) of alembic-autogenerate-"
                               "enums is not supported by the interpreter");
    } else {
      b.fail(affected->at, op.callee +
                               "(): affected_columns holds TableReference(...) or "
                               "(table, column) tuples, found " +
                               describe(item));
    }
    columns.push_back(std::move(c));
  }

  Renames renames;
  if (const Argument* rename = b.find("enum_values_to_rename");
      rename && !rename->value.is_none()) {
    auto* pairs = rename->value.get<ListValue>();
    if (!pairs) b.fail(rename->at, op.callee + "(): enum_values_to_rename must be a list of pairs");
    for (const Value& pair : pairs->items) {
      auto* p = pair.get<ListValue>();
      if (!p || p->items.size() != 2 || !p->items[0].get<std::string>() ||
          !p->items[1].get<std::string>()) {
        b.fail(rename->at, op.callee + "(): enum_values_to_rename must be a list of pairs");
      }
      renames.emplace_back(*p->items[0].get<std::string>(), *p->items[1].get<std::string>());
    }
  }

  std::string new_type = "\"" + schema + "\".\"" + name + "\"";
  std::string old_name = name + "_old";
  std::string old_type = "\"" + schema + "\".\"" + old_name + "\"";
  std::vector<std::string> sql;
  sql.push_back("ALTER TYPE " + new_type + " RENAME TO " + old_name);
  std::string labels;
  for (const auto& v : values) labels += (labels.empty() ? "" : ", ") + literal(v);
  sql.push_back("CREATE TYPE " + new_type + " AS ENUM (" + labels + ")");
  const std::pair<const char*, const char*> operators[] = {{"=", "new_old_equals"},
                                                           {"!=", "new_old_not_equals"}};
  std::string helper_args = "(new_enum_val " + new_type + ", old_enum_val " + old_type + ")";
  for (const auto& [symbol, function] : operators) {
    sql.push_back("CREATE FUNCTION " + std::string(function) + helper_args +
                  " RETURNS boolean AS $$ SELECT new_enum_val::text " + symbol +
                  " old_enum_val::text $$ LANGUAGE SQL IMMUTABLE");
    sql.push_back("CREATE OPERATOR " + std::string(symbol) + " (leftarg = " + new_type +
                  ", rightarg = " + old_type + ", procedure = " + function + ")");
  }
  for (const auto& c : columns) {
    QualifiedName table{c.schema.empty() ? "public" : c.schema, c.table};
    std::optional<std::string> default_value = c.existing_default;
    if (!default_value) {
      auto known = recorder_.column_default(table, c.column);
      if (!known) {
        context_.fail(c.at, op.callee + "(): the default of " + c.table + "." + c.column +
                                " is not known (unmodelled revision); give it as "
                                "TableReference(..., existing_server_default=...)");
      }
      default_value = *known;
    }
    std::string qualified =
        (c.schema.empty() ? "" : "\"" + c.schema + "\".") + "\"" + c.table + "\"";
    std::string alter = "ALTER TABLE " + qualified + " ALTER COLUMN \"" + c.column + "\" ";
    if (default_value) sql.push_back(alter + "DROP DEFAULT");
    sql.push_back(alter + "TYPE " + new_type + (c.array ? "[]" : "") + " USING " +
                  using_expression(c, new_type, renames));
    if (default_value) {
      std::string restored = *default_value;
      for (const auto& [from, to] : renames)
        restored = replaced_all(restored, literal(from), literal(to));
      restored = replaced_all(restored, "::" + old_name, "::" + name);
      // A label cast to the column's type as an earlier revision named it (renamed since by raw
      // SQL the reader does not follow): the column's type is now this enum.
      static const std::regex label_cast(R"re(^('(?:[^']|'')*')::(?:"?\w+"?\.)?"?(\w+)"?$)re");
      std::smatch label;
      if (std::regex_match(restored, label, label_cast) && label[2].str() != name)
        restored = label[1].str() + "::" + new_type;
      sql.push_back(alter + "SET DEFAULT " + restored);
    }
  }
  for (const auto& [symbol, function] : operators) {
    (void)symbol;
    sql.push_back("DROP FUNCTION " + std::string(function) + helper_args + " CASCADE");
  }
  sql.push_back("DROP TYPE " + old_type);
  for (auto& statement : sql)
    recorder_.emit(Execute{std::move(statement), false}, op.call.position);
  return NoneValue{};
}

}  // namespace asq::interp
