#include "interpret/op_calls.h"

#include <algorithm>
#include <cctype>

#include "common/text.h"
#include "interpret/args.h"
#include "interpret/partitioning.h"
#include "interpret/sqlalchemy.h"
#include "interpret/tables.h"
#include "sql/data_statements.h"
#include "sql/identifiers.h"
#include "sql/type_names.h"

namespace asq::interp {
namespace {

/// Where batch_op.<name> puts the table (and schema) in the matching op.<name> call.
struct BatchForm {
  int table_index;  // position of the table; -1: keyword only
  const char* schema_keyword;
  const char* table_keyword = "table_name";
};

const std::map<std::string, BatchForm, std::less<>>& batch_forms() {
  static const std::map<std::string, BatchForm, std::less<>> forms = {
      {"add_column", {0, "schema"}},
      {"alter_column", {0, "schema"}},
      {"drop_column", {0, "schema"}},
      {"create_index", {1, "schema"}},
      {"drop_index", {-1, "schema"}},
      {"create_foreign_key", {1, "source_schema", "source_table"}},
      {"create_unique_constraint", {1, "schema"}},
      {"create_check_constraint", {1, "schema"}},
      {"create_primary_key", {1, "schema"}},
      {"drop_constraint", {1, "schema"}},
      {"create_table_comment", {0, "schema"}},
      {"drop_table_comment", {0, "schema"}}};
  return forms;
}

/// postgresql_partition_by= and postgresql_inherits= of op.create_table (None: not given).
/// Returns the notes for key elements the model keeps as written.
std::vector<std::string> read_table_dialect_options(const BoundArguments& b, TableSpec& table) {
  std::vector<std::string> notes;
  for (const auto& [key, arg] : b.extra()) {
    if (arg.value.is_none()) continue;
    if (key == "postgresql_inherits") table.inherits = inherited_tables(arg, b);
    if (key != "postgresql_partition_by") continue;
    // A string only: SQLAlchemy 1.4 tests the option for truth, which sa.text() refuses.
    auto* sql = arg.value.get<std::string>();
    if (!sql) {
      b.fail(arg.at, b.callee() + "(): postgresql_partition_by must be a string, found " +
                         describe(arg.value));
    }
    try {
      PartitionKey partition_key = partition_key_from_sql(*sql);
      table.partition_by = partition_key.text;
      for (const auto& element : partition_key.as_written) {
        notes.push_back("partition key of '" + table.name.name + "': " + element +
                        " is kept as written, not as the server prints it");
      }
    } catch (const SpellingError& error) {
      b.fail(arg.at, b.callee() + "(): postgresql_partition_by: " + error.what());
    }
  }
  return notes;
}

}  // namespace

// ---- op.* ----

Value AlembicCalls::call(const std::string& name, Arguments args, const py::Expr& call) {
  return dispatch(name, std::move(args), call, false);
}

Value AlembicCalls::call_batch(const HostObject& batch, const std::string& name, Arguments args,
                               const py::Expr& call) {
  if (name == "f" || name == "execute" || name == "get_bind" || name == "get_context")
    return dispatch(name, std::move(args), call, false);
  auto form = batch_forms().find(name);
  if (form == batch_forms().end()) {
    context_.fail(call.position, "batch_op." + name + " is not supported by the interpreter");
  }
  if (name == "add_column") {
    for (const auto& [key, arg] : args.keywords) {
      if (key == "insert_before" || key == "insert_after") {
        context_.fail(arg.at,
                      "batch_op.add_column(): " + key +
                          "= needs recreate='always', which PostgreSQL batch mode does not do");
      }
    }
  }
  Argument table{batch.table.name, call.position};
  // Positional where the call's own arguments reach its place (batch_op.drop_constraint('n')),
  // else by name (batch_op.drop_constraint(constraint_name='n', type_='primary')).
  auto at = static_cast<size_t>(form->second.table_index);
  if (form->second.table_index < 0 || args.positional.size() < at) {
    args.keywords.emplace_back(form->second.table_keyword, table);
  } else {
    args.positional.insert(args.positional.begin() + at, table);
  }
  if (name == "create_foreign_key" && args.positional.size() > 5) {
    // batch_create_foreign_key(name, referent_table, local_cols, remote_cols, referent_schema,
    // onupdate, ...): the fifth is no onupdate as in op.create_foreign_key.
    args.keywords.emplace_back("referent_schema", args.positional[5]);
    args.positional.erase(args.positional.begin() + 5);
  }
  args.keywords.emplace_back(form->second.schema_keyword,
                             Argument{batch.table.schema, call.position});
  return dispatch(name, std::move(args), call, true);
}

Value AlembicCalls::dispatch(const std::string& name, Arguments args, const py::Expr& call,
                             bool batch) {
  using Handler = Value (AlembicCalls::*)(OpCall&);
  static const std::map<std::string, Handler, std::less<>> kHandlers = {
      {"add_column", &AlembicCalls::op_add_column},
      {"alter_column", &AlembicCalls::op_alter_column},
      {"batch_alter_table", &AlembicCalls::op_batch_alter_table},
      {"bulk_insert", &AlembicCalls::op_bulk_insert},
      {"create_check_constraint", &AlembicCalls::op_create_constraint},
      {"create_entity", &AlembicCalls::op_entity},
      {"create_foreign_key", &AlembicCalls::op_create_constraint},
      {"create_index", &AlembicCalls::op_create_index},
      {"create_primary_key", &AlembicCalls::op_create_constraint},
      {"create_table", &AlembicCalls::op_create_table},
      {"create_table_comment", &AlembicCalls::op_table_comment},
      {"create_unique_constraint", &AlembicCalls::op_create_constraint},
      {"drop_column", &AlembicCalls::op_drop_column},
      {"drop_constraint", &AlembicCalls::op_drop_constraint},
      {"drop_entity", &AlembicCalls::op_entity},
      {"drop_index", &AlembicCalls::op_drop_index},
      {"drop_table", &AlembicCalls::op_drop_table},
      {"drop_table_comment", &AlembicCalls::op_table_comment},
      {"execute", &AlembicCalls::op_execute},
      {"f", &AlembicCalls::op_f},
      {"get_bind", &AlembicCalls::op_get_bind},
      {"get_context", &AlembicCalls::op_get_bind},
      {"inline_literal", &AlembicCalls::op_inline_literal},
      {"rename_table", &AlembicCalls::op_rename_table},
      {"replace_entity", &AlembicCalls::op_entity},
      {"sync_enum_values", &AlembicCalls::op_sync_enum_values},
  };
  OpCall op{name, std::move(args), call, batch, (batch ? "batch_op." : "op.") + name};
  auto handler = kHandlers.find(name);
  if (handler == kHandlers.end() || (batch && name == "batch_alter_table"))
    context_.fail(call.position, op.callee + " is not supported by the interpreter");
  return (this->*handler->second)(op);
}

BoundArguments AlembicCalls::bind(OpCall& op, const std::vector<std::string_view>& params) {
  return BoundArguments(context_, op.callee, std::move(op.args), params, op.call.position);
}

Value AlembicCalls::op_create_table(OpCall& op) {
  return TableClause{create_table(std::move(op.args), op.call)};
}

Value AlembicCalls::op_add_column(OpCall& op) {
  add_column(std::move(op.args), op.call, op.batch);
  return NoneValue{};
}

Value AlembicCalls::op_alter_column(OpCall& op) {
  alter_column(std::move(op.args), op.call, op.batch);
  return NoneValue{};
}

Value AlembicCalls::op_create_index(OpCall& op) {
  create_index(std::move(op.args), op.call, op.batch);
  return NoneValue{};
}

Value AlembicCalls::op_create_constraint(OpCall& op) {
  create_constraint(op.name, std::move(op.args), op.call, op.batch);
  return NoneValue{};
}

Value AlembicCalls::op_drop_constraint(OpCall& op) {
  drop_constraint(std::move(op.args), op.call, op.batch);
  return NoneValue{};
}

Value AlembicCalls::op_drop_table(OpCall& op) {
  auto b = bind(op, {"table_name", "schema", "**"});
  b.reject_extra({"info", "if_exists"});
  QualifiedName table{b.schema(), b.string("table_name")};
  if (b.flag("if_exists", false)) {
    // Alembic 1.13: DROP TABLE IF EXISTS, a no-op when the table is absent; both engines read
    // the SQL and model that.
    recorder_.emit(Execute{"DROP TABLE IF EXISTS " + qualified_spelling(table)}, op.call.position,
                   op.batch);
  } else {
    recorder_.emit(DropTable{table}, op.call.position, op.batch);
  }
  return NoneValue{};
}

Value AlembicCalls::op_rename_table(OpCall& op) {
  auto b = bind(op, {"old_table_name", "new_table_name", "schema"});
  recorder_.emit(RenameTable{{b.schema(), b.string("old_table_name")}, b.string("new_table_name")},
                 op.call.position, op.batch);
  return NoneValue{};
}

Value AlembicCalls::op_drop_column(OpCall& op) {
  auto b = bind(op, {"table_name", "column_name", "schema", "**"});
  b.reject_extra();
  recorder_.emit(DropColumn{{b.schema(), b.string("table_name")}, b.string("column_name")},
                 op.call.position, op.batch);
  return NoneValue{};
}

Value AlembicCalls::op_drop_index(OpCall& op) {
  auto b = bind(op, {"index_name", "table_name", "schema", "**"});
  // postgresql_where= and the other index options are accepted by Alembic and ignored.
  b.reject_extra({"postgresql_concurrently", "if_exists", "postgresql_where", "postgresql_using",
                  "postgresql_include", "postgresql_ops", "postgresql_with",
                  "postgresql_nulls_not_distinct", "unique"});
  QualifiedName table{b.schema(), b.optional_string("table_name").value_or("")};
  std::string name = recorder_.name_of(
      "ix", b.string("index_name"),
      NameParts{table, b.given("schema") && !op.batch, {}, {}, {}, false}, op.call.position);
  if (b.flag("if_exists", false)) {
    // Alembic 1.12: DROP INDEX IF EXISTS, a no-op when the index is absent; both engines read
    // the SQL and model that.
    recorder_.emit(Execute{"DROP INDEX IF EXISTS " + qualified_spelling({table.schema, name})},
                   op.call.position, op.batch);
  } else {
    recorder_.emit(DropIndex{table, name}, op.call.position, op.batch);
  }
  return NoneValue{};
}

Value AlembicCalls::op_table_comment(OpCall& op) {
  bool create = op.name == "create_table_comment";
  auto b = create ? bind(op, {"table_name", "comment", "existing_comment", "schema"})
                  : bind(op, {"table_name", "existing_comment", "schema"});
  std::optional<std::string> comment = create ? b.optional_string("comment") : std::nullopt;
  recorder_.emit(SetTableComment{{b.schema(), b.string("table_name")}, comment}, op.call.position,
                 op.batch);
  return NoneValue{};
}

Value AlembicCalls::op_execute(OpCall& op) {
  auto b = bind(op, {"sqltext", "execution_options"});
  const Argument* statement = b.find("sqltext");
  if (!statement) b.fail(op.call.position, op.callee + "() is missing argument sqltext");
  execute(*statement, op.callee, false, op.call);
  return NoneValue{};
}

Value AlembicCalls::op_bulk_insert(OpCall& op) {
  auto b = bind(op, {"table", "rows", "multiinsert"});
  const Argument* table = b.find("table");
  const Argument* rows = b.find("rows");
  if (!table || !rows) b.fail(op.call.position, op.callee + "() needs a table and rows");
  auto* clause = table->value.get<TableClause>();
  if (!clause)
    b.fail(table->at, op.callee + "(): expected sa.table(...) or a created table, found " +
                          describe(table->value));
  auto* list = rows->value.get<ListValue>();
  std::string count = list ? std::to_string(list->items.size()) + " rows" : "rows";
  recorder_.note(op.call.position,
                 op.callee + " into '" + clause->name + "': " + count + " (data, not schema)");
  return NoneValue{};
}

Value AlembicCalls::op_f(OpCall& op) {
  std::string name = truncated_name(bind(op, {"name"}).string("name"));
  recorder_.mark_conv(name);
  return name;
}

Namer AlembicCalls::namer_at(const py::Position& at) {
  return [this, at](std::string_view kind, const std::string& given, const NameParts& parts) {
    return recorder_.name_of(kind, given, parts, at);
  };
}

Value AlembicCalls::op_inline_literal(OpCall& op) {
  auto b = bind(op, {"value", "type_"});
  const Argument* value = b.find("value");
  if (!value) b.fail(op.call.position, op.callee + "() needs a value");
  return value->value;
}

Value AlembicCalls::op_get_bind(OpCall& op) {
  bind(op, {});
  auto kind = op.name == "get_bind" ? HostObject::Kind::kBind : HostObject::Kind::kMigrationContext;
  return HostObject{kind, {}, op.call.position};
}

Value AlembicCalls::op_batch_alter_table(OpCall& op) {
  auto b =
      bind(op, {"table_name", "schema", "recreate", "partial_reordering", "copy_from", "table_args",
                "table_kwargs", "reflect_args", "reflect_kwargs", "naming_convention"});
  std::string recreate = b.optional_string("recreate").value_or("auto");
  if (recreate == "always") {
    b.fail_argument("recreate",
                    "recreate='always' (move and copy) is not supported by the interpreter");
  }
  if (recreate != "auto" && recreate != "never")
    b.fail_argument("recreate", "recreate must be 'auto', 'always' or 'never'");
  return HostObject{
      HostObject::Kind::kBatchBlock, {b.schema(), b.string("table_name")}, op.call.position};
}

std::string AlembicCalls::create_table(Arguments args, const py::Expr& call) {
  BoundArguments b(context_, "op.create_table", std::move(args),
                   {"table_name", "*columns", "schema", "comment", "**"}, call.position);
  b.reject_extra(
      {"info", "postgresql_partition_by", "postgresql_inherits", "if_not_exists", "prefixes"});
  // prefixes=["TEMPORARY"]: CREATE TEMPORARY TABLE, gone when the migration's session ends, so
  // no part of the schema; other prefixes (UNLOGGED) make what the model does not carry.
  for (const auto& [key, arg] : b.extra()) {
    if (key != "prefixes" || arg.value.is_none()) continue;
    auto* words = arg.value.get<ListValue>();
    bool temporary = false;
    for (const Value& word : words ? words->items : std::vector<Value>{}) {
      auto* text = word.get<std::string>();
      std::string lowered = ascii_lowered(text ? *text : "");
      if (lowered == "temporary" || lowered == "temp") {
        temporary = true;
      } else {
        b.fail(arg.at,
               "op.create_table(prefixes=...): " + (text ? "'" + *text + "'" : describe(word)) +
                   " tables are not carried by the model (only TEMPORARY ones are read)");
      }
    }
    if (!words) b.fail(arg.at, "op.create_table(): prefixes must be a list of words");
    if (temporary) {
      recorder_.note(call.position,
                     "op.create_table(prefixes=['TEMPORARY']): a temporary table, "
                     "gone when the migration's session ends: no part of the schema");
      return b.string("table_name");
    }
  }
  if (b.flag("if_not_exists", false)) {
    recorder_.note(call.position,
                   "op.create_table(if_not_exists=True): modelled as a plain "
                   "CREATE TABLE (the table must not exist yet)");
  }
  TableSpec table;
  table.name = {b.schema(), b.string("table_name")};
  table.schema_given = b.given("schema");
  table.comment = b.optional_string("comment");
  std::vector<std::string> key_notes = read_table_dialect_options(b, table);
  for (const Argument& item : b.rest()) {
    if (auto* column = item.value.get<ColumnSpec>()) {
      table.columns.push_back(*column);
    } else if (auto* constraint = item.value.get<ConstraintSpec>()) {
      table.constraints.push_back(*constraint);
    } else if (auto* index = item.value.get<IndexSpec>()) {
      table.indexes.push_back(*index);
    } else {
      b.fail(item.at, "op.create_table(): " + describe(item.value) +
                          " is not a column, constraint or index");
    }
  }
  Expansion expansion = expand_create_table(table, context_, namer_at(call.position));
  for (auto& op : expansion.ops) recorder_.emit(std::move(op), call.position);
  for (auto& note : key_notes) recorder_.note(call.position, note);
  for (auto& note : expansion.notes) recorder_.note(call.position, note);
  return table.name.name;
}

void AlembicCalls::add_column(Arguments args, const py::Expr& call, bool batch) {
  BoundArguments b(context_, batch ? "batch_op.add_column" : "op.add_column", std::move(args),
                   {"table_name", "column", "schema"}, call.position);
  const Argument* column = b.find("column");
  auto* spec = column ? column->value.get<ColumnSpec>() : nullptr;
  if (!spec)
    b.fail(column ? column->at : call.position, b.callee() + "(): expected sa.Column(...)");
  Expansion expansion =
      expand_add_column({b.schema(), b.string("table_name")}, b.given("schema") && !batch, *spec,
                        context_, namer_at(call.position));
  for (auto& op : expansion.ops) recorder_.emit(std::move(op), call.position, batch);
  for (auto& note : expansion.notes) recorder_.note(call.position, note);
}

std::optional<std::optional<std::string>> AlembicCalls::default_change(const Argument* argument,
                                                                       const std::string& type) {
  if (!argument) return std::nullopt;
  const Value& value = argument->value;
  if (auto* b = value.get<bool>(); b && !*b) return std::nullopt;
  if (value.is_none()) return std::optional<std::string>();
  if (value.get<ComputedSpec>()) {
    context_.fail(argument->at,
                  "server_default=" + describe(value) + " is not supported by the interpreter");
  }
  auto spec = as_default(value, argument->at, context_);
  if (!spec->is_sql && type.empty()) {
    context_.fail(argument->at,
                  "server_default: the column's type is unknown; pass existing_type=");
  }
  return canonical_default(*spec, type, context_);
}

void AlembicCalls::alter_column(Arguments args, const py::Expr& call, bool batch) {
  BoundArguments b(context_, batch ? "batch_op.alter_column" : "op.alter_column", std::move(args),
                   {"table_name", "column_name", "nullable", "comment", "server_default",
                    "new_column_name", "type_", "existing_type", "existing_server_default",
                    "existing_nullable", "existing_comment", "schema", "**"},
                   call.position);
  // default= and onupdate= are Python-side: Alembic's impl takes them in **kw and ignores them.
  b.reject_extra(
      {"postgresql_using", "autoincrement", "existing_autoincrement", "default", "onupdate"});
  AlterColumn alter;
  alter.table = {b.schema(), b.string("table_name")};
  alter.column = b.string("column_name");
  alter.existing.name = alter.column;
  const Argument* existing = b.find("existing_type");
  if (std::string lacks = existing ? postgres_lacks(existing->value) : ""; !lacks.empty()) {
    // Only a hint to Alembic (no SQL on PostgreSQL names it): set aside, the type the earlier
    // revisions gave the column stands in.
    recorder_.note(existing->at, b.callee() + "(): existing_type " + lacks +
                                     " set aside: PostgreSQL has no such type; the column's known "
                                     "type is used");
    alter.existing.type = recorder_.column_type(alter.table, alter.column);
  } else if (const Argument* type = existing; type && !type->value.is_none()) {
    auto sql_type = as_type(type->value, type->at, context_);
    if (!sql_type) reject_unmapped_app_type(type->value, type->at, b.callee() + "()", context_);
    if (!sql_type)
      b.fail(type->at,
             b.callee() + "(): existing_type must be a type, found " + describe(type->value));
    alter.existing.type = sql_type->spelling;
  } else {
    alter.existing.type = recorder_.column_type(alter.table, alter.column);
  }
  if (const Argument* type = b.find("type_"); type && !type->value.is_none()) {
    auto sql_type = as_type(type->value, type->at, context_);
    if (!sql_type) reject_unmapped_app_type(type->value, type->at, b.callee() + "()", context_);
    if (!sql_type)
      b.fail(type->at, b.callee() + "(): type_ must be a type, found " + describe(type->value));
    alter.type = sql_type->spelling;
  }
  for (const auto& [key, arg] : b.extra()) {
    if (key != "postgresql_using" || arg.value.is_none()) continue;
    alter.using_expression = sql_text(arg.value);
    if (!alter.using_expression)
      b.fail(arg.at, b.callee() + "(): postgresql_using must be SQL text");
    if (!alter.type) b.fail(arg.at, "postgresql_using must be used with the type_ parameter");
  }
  alter.existing.nullable = b.optional_bool("existing_nullable").value_or(true);
  alter.existing.comment = b.optional_string("existing_comment");
  const std::string& type = alter.type ? *alter.type : alter.existing.type;
  const Argument* existing_default = b.find("existing_server_default");
  if (existing_default) {
    if (auto* identity = existing_default->value.get<IdentitySpec>()) {
      alter.existing.identity = identity_kind(*identity);
      alter.existing.identity_options = identity_options_of(*identity, type);
      alter.existing.nullable = false;
    } else if (auto value = default_change(existing_default, alter.existing.type)) {
      alter.existing.default_value = *value;
    }
  }
  alter.nullable = b.optional_bool("nullable");
  const Argument* server_default = b.find("server_default");
  if (auto* identity = server_default ? server_default->value.get<IdentitySpec>() : nullptr) {
    alter_identity(*identity, existing_default, alter, *server_default);
  } else if (server_default && server_default->value.is_none() && existing_default &&
             existing_default->value.get<IdentitySpec>()) {
    alter.identity = "";
  } else {
    alter.default_value = default_change(server_default, type);
  }
  if (const Argument* comment = b.find("comment")) {
    if (comment->value.is_none()) {
      alter.comment = std::optional<std::string>();
    } else if (auto* s = comment->value.get<std::string>()) {
      alter.comment = *s;
    } else if (!comment->value.get<bool>() || *comment->value.get<bool>()) {
      b.fail(comment->at, b.callee() + "(): comment must be a string, None or False");
    }
  }
  alter.new_name = b.optional_string("new_column_name");
  bool changes = alter.type || alter.nullable || alter.default_value || alter.comment ||
                 alter.new_name || alter.identity || alter.identity_options;
  if (changes) recorder_.emit(std::move(alter), call.position, batch);
}

void AlembicCalls::alter_identity(const IdentitySpec& identity, const Argument* existing_default,
                                  AlterColumn& alter, const Argument& server_default) {
  const std::string& type = alter.type ? *alter.type : alter.existing.type;
  alter.identity = identity_kind(identity);
  alter.identity_options = identity_options_of(identity, type);
  if (existing_default) return;  // None: ADD GENERATED; an sa.Identity: alter that one
  // existing_server_default defaults to False, and then Alembic 1.8 alters an identity it
  // assumes the column has, of sa.Identity()'s defaults: SET GENERATED ALWAYS, SET START ...
  // (PostgreSQL refuses them on a column without identity), never ADD GENERATED.
  alter.existing.identity = "by default";
  alter.existing.nullable = false;
  if (*alter.identity == alter.existing.identity && identity.options == IdentityOptions{}) {
    context_.fail(server_default.at,
                  "server_default=sa.Identity() without existing_server_default: Alembic 1.8 "
                  "emits an empty ALTER COLUMN; pass existing_server_default=None to add an "
                  "identity");
  }
}

void AlembicCalls::create_index(Arguments args, const py::Expr& call, bool batch) {
  BoundArguments b(context_, batch ? "batch_op.create_index" : "op.create_index", std::move(args),
                   {"index_name", "table_name", "columns", "schema", "unique", "**"},
                   call.position);
  IndexSpec spec;
  spec.at = call.position;
  spec.unique = b.flag("unique", false);
  const Argument* columns = b.find("columns");
  if (!columns) b.fail(call.position, b.callee() + "() is missing argument columns");
  std::vector<Value> keys;
  if (auto* list = columns->value.get<ListValue>()) {
    keys = list->items;
  } else {
    keys.push_back(columns->value);  // a single name or sa.text()
  }
  for (const Value& key : keys) {
    if (auto* text = key.get<SqlText>()) {
      spec.keys.push_back({text->sql, true});
    } else if (auto name = as_column_name(key)) {
      spec.keys.push_back({*name, false});
    } else {
      b.fail(columns->at,
             b.callee() + "(): expected column names or sa.text(), found " + describe(key));
    }
  }
  apply_index_options(b, spec);
  if (b.flag("if_not_exists", false)) {
    recorder_.note(call.position, b.callee() +
                                      "(if_not_exists=True): modelled as a plain CREATE "
                                      "INDEX (the index must not exist yet)");
  }
  QualifiedName table{b.schema(), b.string("table_name")};
  std::string name = b.optional_string("index_name").value_or("");
  if (name.empty() && (spec.keys.empty() || spec.keys[0].is_expression)) {
    b.fail(call.position, b.callee() + "(): an unnamed index needs a column first");
  }
  std::vector<std::string> key_columns;
  for (const auto& key : spec.keys) {
    if (!key.is_expression) key_columns.push_back(key.text);
  }
  name = recorder_.name_of("ix", name,
                           NameParts{table, b.given("schema") && !batch, key_columns, {}, {}, true},
                           call.position);
  recorder_.emit(CreateIndex{table, index_model(spec, name)}, call.position, batch);
}

void AlembicCalls::execute(const Argument& statement, const std::string& callee,
                           bool has_parameters, const py::Expr& call) {
  if (auto sql = sql_text(statement.value)) {
    if (statement.value.get<std::string>()) sql = compiled_text(*sql);
    bool data = sql::is_data_statement(*sql);
    auto* text = statement.value.get<SqlText>();
    if (has_parameters || (text && text->bound_parameters)) {
      if (!data)
        context_.fail(call.position,
                      callee + "() of DDL with parameters is not supported by the interpreter");
      recorder_.note(call.position,
                     callee + "() of a data statement with parameters (data, not schema)");
      return;
    }
    recorder_.emit(Execute{*sql, data}, call.position);
    return;
  }
  if (auto* opaque = statement.value.get<Opaque>()) {
    if (opaque->runtime) {
      recorder_.unmodelled(statement.at, callee + "(): the SQL depends on " + opaque->description +
                                             ", read from the database");
      return;
    }
    if (!opaque->statement) {
      context_.fail(statement.at, callee + "(): the SQL depends on " + opaque->description +
                                      ", which the interpreter does not know");
    }
    recorder_.note(call.position,
                   callee + "() of " + describe(statement.value) + " (data, not schema)");
    return;
  }
  context_.fail(statement.at, callee + "(): expected SQL text, found " + describe(statement.value) +
                                  values_hint(statement.value, "\"...\""));
}

Value AlembicCalls::enum_method(const SqlType& type, const std::string& name, Arguments args,
                                const py::Expr& call) {
  if (name != "create" && name != "drop") {
    context_.fail(call.position,
                  "method " + name + "() of a type is not supported by the interpreter");
  }
  BoundArguments b(context_, "ENUM." + name, std::move(args), {"bind", "checkfirst"},
                   call.position);
  const Argument* bind = b.find("bind");
  auto* host = bind ? bind->value.get<HostObject>() : nullptr;
  if (!host || host->kind != HostObject::Kind::kBind) {
    b.fail(bind ? bind->at : call.position, "ENUM." + name + "() needs op.get_bind()");
  }
  if (!type.enum_type) {
    b.fail(call.position, type.spelling + " is not a native enum type; it has nothing to " + name);
  }
  bool checkfirst = b.flag("checkfirst", true);
  if (name == "create") {
    recorder_.emit(CreateEnum{*type.enum_type, checkfirst}, call.position);
  } else {
    recorder_.emit(DropEnum{type.enum_type->name, checkfirst}, call.position);
  }
  return NoneValue{};
}

}  // namespace asq::interp
