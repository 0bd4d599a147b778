#include "interpret/sqlalchemy.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "common/text.h"
#include "interpret/args.h"
#include "sql/identifiers.h"
#include "sql/literals.h"
#include "sql/type_names.h"

namespace asq::interp {

void unmodelled_constraint_options(const BoundArguments& bound) {
  for (const auto& [key, arg] : bound.extra()) {
    if (key != "postgresql_include" && key != "postgresql_nulls_not_distinct") continue;
    if (arg.value.is_none() || (arg.value.get<bool>() && !*arg.value.get<bool>())) continue;
    bound.context().warn(arg.at, bound.callee() + "(): " + key +
                                     "= on a constraint is not modelled; the revision is read "
                                     "without it");
  }
}

namespace {

bool starts_with(const std::string& text, std::string_view prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

TypeArgument type_argument(const Argument& arg, const std::string& callee,
                           const SourceContext& context) {
  const Value& v = arg.value;
  if (v.is_none()) return std::monostate{};
  if (auto* b = v.get<bool>()) return *b;
  if (auto* i = v.get<std::int64_t>()) return *i;
  if (auto* d = v.get<double>()) return *d;
  if (auto* s = v.get<std::string>()) return *s;
  if (auto type = as_type(v, arg.at, context)) return *type;
  // sqlalchemy_utils types take Python objects (choices, keys, engines) that change nothing in
  // the column's type.
  // PickleType(pickler=dill, comparator=...) likewise: they pickle, the column is bytea.
  if (starts_with(callee, "sqlalchemy_utils.") || callee == "sa.PickleType")
    return std::monostate{};
  if (callee == "sa.Enum" || callee == "postgresql.ENUM") {
    // Labels the application computes (Status.to_string(Status.X)): no type to map.
    context.fail(arg.at, callee + "(): a label must be a string the reader can see, found " +
                             describe(v) + values_hint(v));
  }
  reject_unmapped_app_type(v, arg.at, callee + "()", context);
  context.fail(arg.at, callee + "(): cannot use " + describe(v) + " as an argument");
}

Value make_type(const std::string& callee, Arguments args, const py::Expr& call,
                const SourceContext& context) {
  TypeCall type_call{callee, {}, {}};
  if ((callee == "sa.Enum" || callee == "postgresql.ENUM") && !args.positional.empty()) {
    if (auto* enum_class = args.positional.front().value.get<EnumClass>()) {
      // SQLAlchemy's Enum of a Python enum class: the members' names are the labels, and the
      // type is named after the class, lower-cased, unless name= says otherwise.
      if (args.positional.size() > 1) {
        context.fail(args.positional[1].at, callee + "(): labels after an enum class");
      }
      bool named = false;
      for (const auto& [key, arg] : args.keywords) {
        if (key == "values_callable") {
          context.fail(arg.at,
                       callee + "(values_callable=...) is not supported by the interpreter");
        }
        named = named || key == "name";
      }
      py::Position at = args.positional.front().at;
      std::string lowered = ascii_lowered(enum_class->name);
      std::vector<std::string> names = enum_class->names;
      args.positional.clear();
      for (auto& name : names) args.positional.push_back({std::move(name), at});
      if (!named) args.keywords.emplace_back("name", Argument{lowered, at});
    }
  }
  for (const auto& arg : args.positional)
    type_call.args.push_back(type_argument(arg, callee, context));
  for (const auto& [key, arg] : args.keywords) {
    type_call.kwargs.emplace_back(key, type_argument(arg, callee, context));
  }
  try {
    return TypeValue{sqlalchemy_type(type_call)};
  } catch (const SpellingError& error) {
    context.fail(call.position, error.what());
  }
}

/// Deferrability and the name shared by every constraint constructor.
void constraint_options(const BoundArguments& bound, Constraint& constraint) {
  constraint.name = bound.optional_string("name").value_or("");
  constraint.deferrable = bound.flag("deferrable", false);
  if (auto initially = bound.optional_string("initially")) {
    std::string word = upper(*initially);
    if (word != "DEFERRED" && word != "IMMEDIATE") {
      bound.fail_argument("initially", "initially must be DEFERRED or IMMEDIATE");
    }
    constraint.initially_deferred = word == "DEFERRED";
  }
}

void foreign_key_options(const BoundArguments& bound, Constraint& constraint) {
  constraint_options(bound, constraint);
  for (const char* key : {"ondelete", "onupdate"}) {
    auto action = bound.optional_string(key);
    if (!action) continue;
    std::string word = upper(*action);
    static const std::set<std::string, std::less<>> actions = {"CASCADE", "SET NULL", "SET DEFAULT",
                                                               "RESTRICT", "NO ACTION"};
    if (!actions.count(word))
      bound.fail_argument(
          key, std::string(key) + " '" + *action + "' is not an action PostgreSQL knows");
    (std::string_view(key) == "ondelete" ? constraint.on_delete : constraint.on_update) = word;
  }
  if (bound.given("match"))
    bound.fail_argument("match", "match= is not supported by the interpreter");
  bound.reject_extra();
}

std::vector<std::string> column_names(const std::vector<Argument>& args,
                                      const BoundArguments& bound) {
  std::vector<std::string> out;
  for (const auto& arg : args) {
    auto name = as_column_name(arg.value);
    if (!name)
      bound.fail(arg.at,
                 bound.callee() + "(): expected a column name, found " + describe(arg.value));
    out.push_back(*name);
  }
  return out;
}

std::vector<std::string> name_list(const BoundArguments& bound, std::string_view param) {
  const Argument* arg = bound.find(param);
  if (!arg) bound.fail(bound.at(), bound.callee() + "() is missing argument " + std::string(param));
  auto* list = arg->value.get<ListValue>();
  if (!list) bound.fail(arg->at, bound.callee() + "(): " + std::string(param) + " must be a list");
  std::vector<Argument> items;
  for (const Value& v : list->items) items.push_back({v, arg->at});
  return column_names(items, bound);
}

Value make_column(Arguments args, const py::Expr& call, const SourceContext& context) {
  ColumnSpec spec;
  spec.at = call.position;
  auto& positional = args.positional;
  size_t i = 0;
  if (i < positional.size() && positional[i].value.get<std::string>()) {
    spec.name = *positional[i++].value.get<std::string>();
  }
  if (i < positional.size()) {
    if (auto type = as_type(positional[i].value, positional[i].at, context, true)) {
      spec.type = std::move(type);
      ++i;
    } else if (positional[i].value.get<Opaque>() || positional[i].value.get<Symbol>()) {
      reject_unmapped_app_type(positional[i].value, positional[i].at,
                               "sa.Column('" + spec.name + "')", context);
      context.fail(positional[i].at, "sa.Column('" + spec.name +
                                         "'): " + describe(positional[i].value) +
                                         " is not a type the interpreter knows");
    }
  }
  for (; i < positional.size(); ++i) {
    const Value& item = positional[i].value;
    if (auto* fk = item.get<ForeignKeySpec>()) {
      spec.foreign_keys.push_back(*fk);
    } else if (auto* identity = item.get<IdentitySpec>()) {
      spec.identity = *identity;
    } else if (auto* computed = item.get<ComputedSpec>()) {
      spec.computed = *computed;
    } else if (auto* check = item.get<ConstraintSpec>();
               check && check->constraint.kind == Constraint::Kind::kCheck) {
      spec.checks.push_back(*check);
    } else {
      context.fail(positional[i].at, "sa.Column(): " + describe(item) + " is not supported here");
    }
  }
  BoundArguments bound(context, "sa.Column", {{}, std::move(args.keywords)},
                       {"name", "type_", "primary_key", "nullable", "default", "server_default",
                        "server_onupdate", "onupdate", "index", "unique", "autoincrement",
                        "comment", "key", "doc", "info", "quote", "system"},
                       call.position);
  if (auto name = bound.optional_string("name")) spec.name = *name;
  if (const Argument* type = bound.find("type_")) {
    spec.type = as_type(type->value, type->at, context, true);
    if (!spec.type) reject_unmapped_app_type(type->value, type->at, "sa.Column()", context);
  }
  if (spec.name.empty()) context.fail(call.position, "sa.Column() needs a name");
  if (!spec.type) {
    context.fail(
        call.position,
        "sa.Column('" + spec.name + "') needs a type the interpreter knows" +
            (spec.foreign_keys.empty() ? ""
                                       : " (types taken from a foreign key are not supported)"));
  }
  spec.primary_key = bound.flag("primary_key", false);
  spec.nullable = bound.optional_bool("nullable");
  spec.client_default = bound.given("default");
  if (const Argument* server_default = bound.find("server_default")) {
    spec.server_default = as_default(server_default->value, server_default->at, context);
  }
  spec.index = bound.flag("index", false);
  spec.unique = bound.flag("unique", false);
  if (const Argument* autoincrement = bound.find("autoincrement")) {
    if (auto* b = autoincrement->value.get<bool>()) {
      spec.autoincrement = *b ? "true" : "false";
    } else if (auto* s = autoincrement->value.get<std::string>();
               s && (*s == "auto" || *s == "ignore_fk")) {
      spec.autoincrement = *s;
    } else {
      context.fail(autoincrement->at,
                   "sa.Column(): autoincrement must be True, False, 'auto' or 'ignore_fk'");
    }
  }
  spec.comment = bound.optional_string("comment");
  if (bound.flag("system", false))
    context.fail(call.position, "sa.Column(system=True) is not supported by the interpreter");
  if (spec.identity) {
    if (spec.autoincrement == "false")
      context.fail(call.position, "a column with sa.Identity cannot be autoincrement=False");
    if (spec.server_default)
      context.fail(call.position, "a column with sa.Identity cannot have a server_default");
    if (!spec.nullable) spec.nullable = false;
  }
  return spec;
}

Value make_foreign_key(Arguments args, const py::Expr& call, const SourceContext& context) {
  BoundArguments bound(context, "sa.ForeignKey", std::move(args),
                       {"column", "_constraint", "use_alter", "name", "onupdate", "ondelete",
                        "deferrable", "initially", "link_to_name", "match", "info", "**"},
                       call.position);
  ForeignKeySpec fk;
  fk.at = call.position;
  fk.constraint.kind = Constraint::Kind::kForeignKey;
  fk.target = bound.string("column");
  fk.use_alter = bound.flag("use_alter", false);
  foreign_key_options(bound, fk.constraint);
  return fk;
}

Value make_constraint(const std::string& callee, Arguments args, const py::Expr& call,
                      const SourceContext& context) {
  ConstraintSpec spec;
  spec.at = call.position;
  if (callee == "sa.ForeignKeyConstraint") {
    BoundArguments bound(context, callee, std::move(args),
                         {"columns", "refcolumns", "name", "onupdate", "ondelete", "deferrable",
                          "initially", "use_alter", "link_to_name", "match", "table", "info", "**"},
                         call.position);
    spec.constraint.kind = Constraint::Kind::kForeignKey;
    spec.constraint.columns = name_list(bound, "columns");
    spec.targets = name_list(bound, "refcolumns");
    if (spec.targets.size() != spec.constraint.columns.size()) {
      bound.fail(call.position, callee + "(): columns and refcolumns differ in length");
    }
    spec.use_alter = bound.flag("use_alter", false);
    foreign_key_options(bound, spec.constraint);
    return spec;
  }
  if (callee == "sa.CheckConstraint") {
    BoundArguments bound(context, callee, std::move(args),
                         {"sqltext", "name", "deferrable", "initially", "table", "info", "**"},
                         call.position);
    spec.constraint.kind = Constraint::Kind::kCheck;
    const Argument* sqltext = bound.find("sqltext");
    auto sql = sqltext ? sql_text(sqltext->value) : std::nullopt;
    if (!sql)
      bound.fail(sqltext ? sqltext->at : call.position,
                 callee + "(): the condition must be a string or sa.text()");
    spec.sql = *sql;
    constraint_options(bound, spec.constraint);
    bound.reject_extra();
    return spec;
  }
  BoundArguments bound(context, callee, std::move(args),
                       {"*columns", "name", "deferrable", "initially", "info", "**"},
                       call.position);
  spec.constraint.kind =
      callee == "sa.UniqueConstraint" ? Constraint::Kind::kUnique : Constraint::Kind::kPrimaryKey;
  spec.constraint.columns = column_names(bound.rest(), bound);
  constraint_options(bound, spec.constraint);
  unmodelled_constraint_options(bound);
  bound.reject_extra({"postgresql_include", "postgresql_nulls_not_distinct"});
  return spec;
}

Value make_index(Arguments args, const py::Expr& call, const SourceContext& context) {
  BoundArguments bound(context, "sa.Index", std::move(args),
                       {"name", "*expressions", "unique", "quote", "info", "**"}, call.position);
  IndexSpec spec;
  spec.at = call.position;
  spec.name = bound.optional_string("name");
  spec.unique = bound.flag("unique", false);
  for (const auto& arg : bound.rest()) {
    if (auto* text = arg.value.get<SqlText>()) {
      spec.keys.push_back({text->sql, true});
    } else if (auto name = as_column_name(arg.value)) {
      spec.keys.push_back({*name, false});
    } else {
      bound.fail(arg.at,
                 "sa.Index(): expected a column name or sa.text(), found " + describe(arg.value));
    }
  }
  apply_index_options(bound, spec);
  return spec;
}

Value make_identity(Arguments args, const py::Expr& call, const SourceContext& context) {
  BoundArguments bound(context, "sa.Identity", std::move(args),
                       {"always", "on_null", "start", "increment", "minvalue", "maxvalue",
                        "nominvalue", "nomaxvalue", "cycle", "cache", "order"},
                       call.position);
  IdentitySpec spec;
  spec.always = bound.flag("always", false);
  auto number = [&bound](const char* option) -> std::optional<std::int64_t> {
    const Argument* arg = bound.find(option);
    if (!arg || arg->value.is_none()) return std::nullopt;
    if (auto* i = arg->value.get<std::int64_t>()) return *i;
    bound.fail_argument(option,
                        std::string(option) + " must be an integer, found " + describe(arg->value));
  };
  // nominvalue= and nomaxvalue= ask for what PostgreSQL does anyway; on_null= and order= are
  // Oracle's (Alembic ignores them on PostgreSQL).
  spec.options.start = number("start");
  spec.options.increment = number("increment");
  spec.options.min_value = number("minvalue");
  spec.options.max_value = number("maxvalue");
  spec.options.cache = number("cache");
  spec.options.cycle = bound.optional_bool("cycle").value_or(false);
  return spec;
}

Value make_computed(Arguments args, const py::Expr& call, const SourceContext& context) {
  BoundArguments bound(context, "sa.Computed", std::move(args), {"sqltext", "persisted"},
                       call.position);
  const Argument* sqltext = bound.find("sqltext");
  auto sql = sqltext ? sql_text(sqltext->value) : std::nullopt;
  if (!sql)
    bound.fail(call.position, "sa.Computed(): the expression must be a string or sa.text()");
  if (bound.optional_bool("persisted") == false) {
    bound.fail_argument("persisted",
                        "PostgreSQL has no virtual generated columns (persisted=False)");
  }
  return ComputedSpec{*sql};
}

std::string sql_literal(const Argument& arg, const std::string& callee,
                        const SourceContext& context) {
  const Value& v = arg.value;
  if (v.is_none()) return "NULL";
  if (auto* b = v.get<bool>()) return *b ? "true" : "false";
  if (auto* i = v.get<std::int64_t>()) return std::to_string(*i);
  if (auto* s = v.get<std::string>()) {
    std::string out = "'";
    for (char c : *s) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
  }
  if (auto* t = v.get<SqlText>()) return t->sql;
  context.fail(arg.at, callee + "(): cannot render " + describe(v) + " as SQL");
}

Value make_function(const std::string& callee, Arguments args, const py::Expr& call,
                    const SourceContext& context) {
  std::string name = callee.substr(std::string("sa.func.").size());
  if (!args.keywords.empty())
    context.fail(args.keywords.front().second.at, callee + "() takes no keywords here");
  static const std::set<std::string, std::less<>> ansi = {
      "current_date", "current_time",   "current_timestamp", "current_user",
      "localtime",    "localtimestamp", "session_user",      "user"};
  std::string lowered = name;
  for (char& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ansi.count(lowered) && args.positional.empty()) return SqlText{upper(name)};
  std::string sql = name + "(";
  for (size_t i = 0; i < args.positional.size(); ++i) {
    sql += (i ? ", " : "") + sql_literal(args.positional[i], callee, context);
  }
  (void)call;
  return SqlText{sql + ")"};
}

/// One postgresql_with item as pg_class.reloptions keeps it: SQLAlchemy writes `name = value`
/// with Python's str() of each, which PostgreSQL reads (reloption_written). nullopt for what is
/// not a name and a number, bool or word.
std::optional<std::string> storage_parameter(const Value& key, const Value& value) {
  auto* name = key.get<std::string>();
  bool plain = value.get<bool>() || value.get<std::int64_t>() || value.get<double>() ||
               value.get<std::string>();
  auto text = plain ? to_str(value) : std::nullopt;
  if (!name || !text) return std::nullopt;
  return reloption_written(*name, *text);
}

}  // namespace

void apply_index_options(const BoundArguments& bound, IndexSpec& spec) {
  for (const auto& [key, arg] : bound.extra()) {
    const Value& v = arg.value;
    if (key == "postgresql_using") {
      auto* s = v.get<std::string>();
      if (!s) bound.fail(arg.at, bound.callee() + "(): postgresql_using must be a string");
      spec.method = *s;
      for (char& c : spec.method)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (key == "postgresql_where") {
      if (v.is_none()) continue;
      spec.where = sql_text(v);
      if (!spec.where) bound.fail(arg.at, bound.callee() + "(): postgresql_where must be SQL text");
    } else if (key == "postgresql_include") {
      if (v.is_none()) continue;
      auto* list = v.get<ListValue>();
      if (!list)
        bound.fail(arg.at,
                   bound.callee() + "(): postgresql_include must be a list of column names");
      for (const Value& item : list->items) {
        auto name = as_column_name(item);
        if (!name)
          bound.fail(arg.at, bound.callee() + "(): postgresql_include must hold column names");
        spec.include.push_back(*name);
      }
    } else if (key == "postgresql_ops") {
      if (v.is_none()) continue;
      auto* dict = v.get<DictValue>();
      if (!dict) bound.fail(arg.at, bound.callee() + "(): postgresql_ops must be a dict");
      for (size_t i = 0; i < dict->keys.size(); ++i) {
        auto* column = dict->keys[i].get<std::string>();
        auto* opclass = dict->values[i].get<std::string>();
        if (!column || !opclass)
          bound.fail(arg.at,
                     bound.callee() + "(): postgresql_ops must map names to operator classes");
        spec.opclasses.emplace_back(*column, *opclass);
      }
    } else if (key == "postgresql_nulls_not_distinct") {
      auto* b = v.get<bool>();
      if (!b)
        bound.fail(arg.at,
                   bound.callee() + "(): postgresql_nulls_not_distinct must be True or False");
      spec.nulls_not_distinct = *b;
    } else if (key == "postgresql_with") {
      if (v.is_none()) continue;
      auto* dict = v.get<DictValue>();
      if (!dict) bound.fail(arg.at, bound.callee() + "(): postgresql_with must be a dict");
      for (size_t i = 0; i < dict->keys.size(); ++i) {
        auto parameter = storage_parameter(dict->keys[i], dict->values[i]);
        if (!parameter) {
          bound.fail(arg.at, bound.callee() +
                                 "(): postgresql_with must map names to numbers, True/False or "
                                 "words, found " +
                                 describe(dict->keys[i]) + ": " + describe(dict->values[i]));
        }
        spec.storage.push_back(*parameter);
      }
    }
  }
  std::vector<std::string_view> known = {"postgresql_using",
                                         "postgresql_with",
                                         "postgresql_where",
                                         "postgresql_include",
                                         "postgresql_ops",
                                         "postgresql_nulls_not_distinct",
                                         "postgresql_concurrently",
                                         "info",
                                         "quote"};
  if (bound.callee() != "sa.Index") known.push_back("if_not_exists");  // op.create_index
  bound.reject_extra(known);
}

bool is_sqlalchemy_symbol(const std::string& callee) {
  return starts_with(callee, "sa.") || starts_with(callee, "postgresql.") ||
         starts_with(callee, "sqlmodel.") || starts_with(callee, "sqlalchemy_utils.") ||
         (starts_with(callee, "pgvector.") && is_sqlalchemy_type(callee));
}

Value call_sqlalchemy(const std::string& callee, Arguments args, const py::Expr& call,
                      const SourceContext& context) {
  if (is_sqlalchemy_type(callee)) return make_type(callee, std::move(args), call, context);
  if (callee == "sa.Column") return make_column(std::move(args), call, context);
  if (callee == "sa.ForeignKey") return make_foreign_key(std::move(args), call, context);
  if (callee == "sa.ForeignKeyConstraint" || callee == "sa.CheckConstraint" ||
      callee == "sa.UniqueConstraint" || callee == "sa.PrimaryKeyConstraint") {
    return make_constraint(callee, std::move(args), call, context);
  }
  if (callee == "sa.Index") return make_index(std::move(args), call, context);
  if (callee == "sa.Identity") return make_identity(std::move(args), call, context);
  if (callee == "sa.Computed") return make_computed(std::move(args), call, context);
  if (starts_with(callee, "sa.func.")) {
    // Over a model's column or a value the reader does not know: an expression of a query in a
    // data migration (sa.func.max(Metric.step)); rendered, it would be no SQL of the revision.
    for (const auto& arg : args.positional) {
      auto* symbol = arg.value.get<Symbol>();
      if (arg.value.get<Opaque>() ||
          (symbol && !is_sqlalchemy_symbol(canonical_symbol(symbol->path))))
        return Opaque{callee + "(" + describe(arg.value) + ")", false, is_runtime(arg.value)};
    }
    return make_function(callee, std::move(args), call, context);
  }
  if (callee == "sa.text" || callee == "sa.literal_column") {
    if (!args.positional.empty() && is_runtime(args.positional[0].value))
      return args.positional[0].value;
    BoundArguments bound(context, callee, std::move(args), {"text", "**"}, call.position);
    bound.reject_extra({"bind", "type_"});
    std::string text = bound.string("text");
    return SqlText{callee == "sa.text" ? compiled_text(text) : text};
  }
  if (callee == "sa.DDL") {
    BoundArguments bound(context, callee, std::move(args), {"statement", "context", "bind"},
                         call.position);
    if (bound.given("context"))
      bound.fail_argument("context", "context= is not supported by the interpreter");
    std::string statement = bound.string("statement");
    if (statement.find('%') != std::string::npos) {
      bound.fail_argument("statement",
                          "sa.DDL() with % substitutions is not supported by the interpreter");
    }
    return SqlText{statement};
  }
  if (callee == "sa.CreateSchema" || callee == "sa.ddl.CreateSchema" || callee == "sa.DropSchema" ||
      callee == "sa.ddl.DropSchema") {
    // SQLAlchemy 1.4's DDL elements: CreateSchema(name, quote=None), DropSchema(name,
    // quote=None, cascade=False); the name quoted as PostgreSQL needs it.
    bool create = callee.ends_with("CreateSchema");
    std::vector<std::string_view> params = {"name", "quote"};
    if (!create) params.push_back("cascade");
    BoundArguments bound(context, callee, std::move(args), params, call.position);
    if (bound.given("quote"))
      bound.fail_argument("quote", "quote= is not supported by the interpreter");
    std::string sql =
        (create ? "CREATE SCHEMA " : "DROP SCHEMA ") + quote_identifier(bound.string("name"));
    if (!create && bound.flag("cascade", false)) sql += " CASCADE";
    return SqlText{sql};
  }
  if (callee == "sa.true" || callee == "sa.false" || callee == "sa.null") {
    if (!args.positional.empty() || !args.keywords.empty())
      context.fail(call.position, callee + "() takes no arguments");
    return SqlText{callee == "sa.true" ? "true" : callee == "sa.false" ? "false" : "NULL"};
  }
  if (callee == "sa.table" || callee == "sa.Table") {
    if (args.positional.empty() || !args.positional[0].value.get<std::string>()) {
      context.fail(call.position, callee + "() needs a table name");
    }
    return TableClause{*args.positional[0].value.get<std::string>()};
  }
  static const std::set<std::string, std::less<>> data_builders = {
      "sa.column",         "sa.select",   "sa.insert",    "sa.update",     "sa.delete",
      "sa.and_",           "sa.or_",      "sa.not_",      "sa.literal",    "sa.bindparam",
      "sa.cast",           "sa.case",     "sa.exists",    "sa.tuple_",     "sa.MetaData",
      "postgresql.insert", "sa.distinct", "sa.desc",      "sa.asc",        "sa.union",
      "sa.union_all",      "sa.join",     "sa.outerjoin", "sa.nullsfirst", "sa.nullslast"};
  static const std::set<std::string, std::less<>> statements = {
      "sa.select", "sa.insert", "sa.update", "sa.delete", "postgresql.insert"};
  if (data_builders.count(callee)) return Opaque{callee + "(...)", statements.count(callee) > 0};
  // Reflection (`if "t" in inspector.get_table_names(): op.drop_table("t")`): what it answers is
  // read from the database when the migration runs, so what depends on it is unmodelled.
  static const std::set<std::string, std::less<>> inspectors = {
      "sa.inspect", "sa.engine.reflection.Inspector.from_engine", "sa.Inspector.from_engine",
      "sa.engine.Inspector.from_engine"};
  if (inspectors.count(callee)) return HostObject{HostObject::Kind::kInspector, {}, call.position};
  context.fail(call.position, callee + " is not supported by the interpreter");
}

namespace {

/// What to write instead of a type PostgreSQL lacks.
std::string lacking_instead(const std::string& word) {
  if (word == "DATETIME") return "sa.DateTime()";
  if (word == "NVARCHAR" || word == "CLOB") return "sa.String()";
  return "sa.LargeBinary()";
}

}  // namespace

std::string postgres_lacks(const Value& value) {
  if (auto* type = value.get<TypeValue>()) return type->type.postgres_lacks;
  if (auto* symbol = value.get<Symbol>()) {
    std::string callee = canonical_symbol(symbol->path);
    if (!is_sqlalchemy_type(callee)) return "";
    try {
      return sqlalchemy_type({callee, {}, {}}).postgres_lacks;
    } catch (const SpellingError&) {
      return "";
    }
  }
  return "";
}

std::string lacking_type_message(const std::string& word) {
  if (word.find('.') != std::string::npos) {
    return word +
           " is a type of another database, which PostgreSQL does not have (use a "
           "PostgreSQL type, or .with_variant() for the other database)";
  }
  return "PostgreSQL has no type " + word + ": Alembic would emit " + word +
         " here, which PostgreSQL rejects (use the PostgreSQL type, e.g. " + lacking_instead(word) +
         ")";
}

std::optional<SqlType> as_type(const Value& value, const py::Position& at,
                               const SourceContext& context, bool allow_lacking) {
  if (std::string word = postgres_lacks(value); !word.empty() && !allow_lacking) {
    context.fail(at, lacking_type_message(word));
  }
  if (auto* type = value.get<TypeValue>()) return type->type;
  if (auto* symbol = value.get<Symbol>()) {
    std::string callee = canonical_symbol(symbol->path);
    if (!is_sqlalchemy_type(callee)) return std::nullopt;
    try {
      return sqlalchemy_type({callee, {}, {}});
    } catch (const SpellingError& error) {
      context.fail(at, error.what());
    }
  }
  return std::nullopt;
}

void reject_unmapped_app_type(const Value& value, const py::Position& at, const std::string& what,
                              const SourceContext& context) {
  auto* opaque = value.get<Opaque>();
  if (!opaque || opaque->callee.empty() || is_sqlalchemy_symbol(opaque->callee)) return;
  context.fail(at,
               what + ": " + opaque->callee +
                   " is a type squash.toml does not map (unmodelled revision); add the line \"" +
                   opaque->callee + "\" = \"<its PostgreSQL type>\" under [types] in squash.toml");
}

std::optional<DefaultSpec> as_default(const Value& value, const py::Position& at,
                                      const SourceContext& context) {
  if (value.is_none()) return std::nullopt;
  if (auto* s = value.get<std::string>()) return DefaultSpec{false, *s, at};
  if (auto* t = value.get<SqlText>()) return DefaultSpec{true, t->sql, at};
  context.fail(at, "server_default " + describe(value) + " is not supported by the interpreter");
}

std::optional<std::string> as_column_name(const Value& value) {
  if (auto* s = value.get<std::string>()) return *s;
  if (auto* column = value.get<ColumnSpec>()) return column->name;
  return std::nullopt;
}

std::string compiled_text(std::string_view text) {
  auto is_word = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' ||
           static_cast<unsigned char>(c) >= 0x80;
  };
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == ':') {
      size_t end = i + 2;
      while (end < text.size() && is_word(text[end])) ++end;
      if (end == text.size() || text[end] != ':') continue;  // the backslash goes
    }
    out += text[i];
  }
  return out;
}

}  // namespace asq::interp
