// op.create_foreign_key / create_unique_constraint / create_check_constraint /
// create_primary_key / drop_constraint, and their batch_op forms.

#include <cctype>
#include <map>

#include "interpret/args.h"
#include "interpret/op_calls.h"
#include "interpret/sqlalchemy.h"
#include "interpret/tables.h"

namespace asq::interp {
namespace {

std::string lowered(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

void AlembicCalls::create_constraint(const std::string& name, Arguments args, const py::Expr& call,
                                     bool batch) {
  const std::string callee = (batch ? "batch_op." : "op.") + name;
  Constraint constraint;
  QualifiedName table;
  bool schema_given = false;
  if (name == "create_foreign_key") {
    BoundArguments b(context_, callee, std::move(args),
                     {"constraint_name", "source_table", "referent_table", "local_cols",
                      "remote_cols", "onupdate", "ondelete", "deferrable", "initially", "match",
                      "source_schema", "referent_schema", "**"},
                     call.position);
    // use_alter= only orders metadata.create_all(); ADD CONSTRAINT is the same with it.
    b.reject_extra({"use_alter"});
    if (b.given("match")) b.fail_argument("match", "match= is not supported by the interpreter");
    table = {b.schema("source_schema"), b.string("source_table")};
    schema_given = b.given("source_schema") && !batch;
    constraint.kind = Constraint::Kind::kForeignKey;
    constraint.name = b.optional_string("constraint_name").value_or("");
    constraint.columns = b.strings("local_cols");
    constraint.references = {b.schema("referent_schema"), b.string("referent_table")};
    constraint.referenced_columns = b.strings("remote_cols");
    for (const char* key : {"ondelete", "onupdate"}) {
      if (auto action = b.optional_string(key)) {
        std::string word = *action;
        for (char& c : word) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (word != "CASCADE" && word != "SET NULL" && word != "SET DEFAULT" &&
            word != "RESTRICT" && word != "NO ACTION") {
          b.fail_argument(
              key, std::string(key) + " '" + *action + "' is not an action PostgreSQL knows");
        }
        (std::string_view(key) == "ondelete" ? constraint.on_delete : constraint.on_update) = word;
      }
    }
    constraint.deferrable = b.flag("deferrable", false);
    if (auto initially = b.optional_string("initially"))
      constraint.initially_deferred = lowered(*initially) == "deferred";
    if (constraint.columns.size() != constraint.referenced_columns.size()) {
      b.fail(call.position, callee + "(): local_cols and remote_cols differ in length");
    }
  } else if (name == "create_check_constraint") {
    BoundArguments b(context_, callee, std::move(args),
                     {"constraint_name", "table_name", "condition", "schema", "**"}, call.position);
    b.reject_extra({"deferrable", "initially"});
    table = {b.schema(), b.string("table_name")};
    schema_given = b.given("schema") && !batch;
    constraint.name = b.optional_string("constraint_name").value_or("");
    const Argument* condition = b.find("condition");
    auto sql = condition ? sql_text(condition->value) : std::nullopt;
    if (!sql)
      b.fail(condition ? condition->at : call.position,
             callee + "(): the condition must be a string or sa.text()");
    constraint = check_constraint(constraint, *sql, [&](std::string_view column) {
      return recorder_.column_type(table, std::string(column));
    });
  } else {
    bool unique = name == "create_unique_constraint";
    BoundArguments b(context_, callee, std::move(args),
                     {"constraint_name", "table_name", "columns", "schema", "**"}, call.position);
    if (unique) unmodelled_constraint_options(b);
    b.reject_extra(unique ? std::vector<std::string_view>{"deferrable", "initially",
                                                          "postgresql_include",
                                                          "postgresql_nulls_not_distinct"}
                          : std::vector<std::string_view>{});
    table = {b.schema(), b.string("table_name")};
    schema_given = b.given("schema") && !batch;
    constraint.kind = unique ? Constraint::Kind::kUnique : Constraint::Kind::kPrimaryKey;
    constraint.name = b.optional_string("constraint_name").value_or("");
    constraint.columns = b.strings("columns");
    for (const auto& [key, arg] : b.extra()) {
      if (key == "deferrable")
        constraint.deferrable = arg.value.get<bool>() && *arg.value.get<bool>();
      if (key == "initially" && arg.value.get<std::string>()) {
        constraint.initially_deferred = lowered(*arg.value.get<std::string>()) == "deferred";
      }
    }
  }
  NameParts parts{table, schema_given, constraint.columns, {}, {}, true};
  if (constraint.kind == Constraint::Kind::kForeignKey) {
    parts.referred_table = constraint.references;
    parts.referred_columns = constraint.referenced_columns;
  }
  if (constraint.kind == Constraint::Kind::kCheck) parts.columns.clear();  // text: none
  constraint.name =
      recorder_.name_of(convention_key(constraint.kind), constraint.name, parts, call.position);
  recorder_.emit(AddConstraint{table, constraint}, call.position, batch);
}

void AlembicCalls::drop_constraint(Arguments args, const py::Expr& call, bool batch) {
  BoundArguments b(context_, batch ? "batch_op.drop_constraint" : "op.drop_constraint",
                   std::move(args), {"constraint_name", "table_name", "type_", "schema"},
                   call.position);
  DropConstraint drop;
  drop.table = {b.schema(), b.string("table_name")};
  drop.name = b.string("constraint_name");
  bool schema_given = b.given("schema") && !batch;
  if (auto type = b.optional_string("type_")) {
    static const std::map<std::string, Constraint::Kind, std::less<>> kinds = {
        {"foreignkey", Constraint::Kind::kForeignKey},
        {"primary", Constraint::Kind::kPrimaryKey},
        {"unique", Constraint::Kind::kUnique},
        {"check", Constraint::Kind::kCheck}};
    auto it = kinds.find(*type);
    if (it == kinds.end()) {
      b.fail_argument("type_", "type_ must be 'foreignkey', 'primary', 'unique', 'check' or None");
    }
    drop.kind = it->second;
    // Alembic drops a constraint of the given type_ by a name the naming convention makes;
    // without type_ the name is used as it is.
    drop.name =
        recorder_.name_of(convention_key(drop.kind), drop.name,
                          NameParts{drop.table, schema_given, {}, {}, {}, false}, call.position);
  } else if (auto kind = recorder_.constraint_kind(drop.table, drop.name)) {
    drop.kind = *kind;
  } else {
    auto ends_with = [&](std::string_view suffix) {
      return drop.name.size() > suffix.size() &&
             drop.name.compare(drop.name.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    auto starts_with = [&](std::string_view prefix) { return drop.name.rfind(prefix, 0) == 0; };
    if (ends_with("_pkey") || starts_with("pk_")) {
      drop.kind = Constraint::Kind::kPrimaryKey;
    } else if (ends_with("_key") || starts_with("uq_")) {
      drop.kind = Constraint::Kind::kUnique;
    } else if (ends_with("_check") || starts_with("ck_")) {
      drop.kind = Constraint::Kind::kCheck;
    } else if (ends_with("_excl")) {
      drop.kind = Constraint::Kind::kExclusion;
    } else {
      drop.kind = Constraint::Kind::kForeignKey;
      if (!ends_with("_fkey") && !starts_with("fk_")) {
        recorder_.note(call.position, b.callee() + "('" + drop.name +
                                          "') without type_: the kind of constraint is unknown "
                                          "(taken as a foreign key; PostgreSQL drops it by name)");
      }
    }
  }
  recorder_.emit(std::move(drop), call.position, batch);
}

}  // namespace asq::interp
