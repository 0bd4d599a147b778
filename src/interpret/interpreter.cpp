#include "interpret/interpreter.h"

#include <set>

#include "common/text.h"
#include "interpret/app_types.h"
#include "interpret/args.h"
#include "interpret/eval.h"
#include "interpret/op_calls.h"
#include "interpret/plugins.h"
#include "interpret/sqlalchemy.h"
#include "python/parser.h"
#include "sql/type_names.h"

namespace asq {
namespace interp {
namespace {

/// The Host the evaluator calls for SQLAlchemy and Alembic: one per revision file.
class RevisionInterpreter : public Host {
 public:
  RevisionInterpreter(const py::Module& module, std::string_view source, const std::string& path,
                      const InterpretOptions& options)
      : path_(path),
        options_(options),
        context_(path, source),
        recorder_(context_, options),
        alembic_(recorder_, context_),
        evaluator_(module, context_, *this) {}

  RevisionOps run(const std::string& revision) {
    evaluator_.load_module();
    RevisionOps out;
    out.revision = revision;
    out.path = path_;
    out.upgrade = run_function("upgrade");
    for (auto& [where, text] : context_.take_warnings())
      recorder_.note(where, std::string(kNotModelled) + text);
    out.downgrade = run_function("downgrade");
    // The downgrade is never replayed: what it does not model is only a note.
    for (auto& [where, text] : context_.take_warnings())
      recorder_.note(where, "downgrade(): " + text);
    out.notes = recorder_.take_notes();
    return out;
  }

  Value call_symbol(const std::string& callee, Arguments args, const py::Expr& call) override {
    // An application type given without a call (sa.Column("v", JSON)) is that type, as called.
    app_types_in(args);
    if (callee.rfind("op.", 0) == 0) return alembic_.call(callee.substr(3), std::move(args), call);
    if (callee.rfind("sa.orm.", 0) == 0) {
      // The ORM in a data migration (Session(bind=op.get_bind()), declarative_base()): a
      // session's queries read the database.
      return Opaque{"the result of " + callee + "()", false, callee == "sa.orm.Session"};
    }
    if (is_sqlalchemy_symbol(callee))
      return call_sqlalchemy(callee, std::move(args), call, context_);
    if (is_plugin_symbol(callee))
      return make_plugin_object(callee, std::move(args), call, context_);
    if (callee == "alembic.context.get_context" || callee == "alembic.context.get_bind") {
      // The revision file's `from alembic import context`: the same objects as op's.
      return alembic_.call(callee.substr(callee.rfind('.') + 1), std::move(args), call);
    }
    if (callee == "alembic.context.get_x_argument") return x_argument(std::move(args), call);
    if (callee == "alembic.context.is_offline_mode") {
      if (!args.positional.empty() || !args.keywords.empty()) {
        context_.fail(call.position, callee + "() takes no arguments");
      }
      return false;  // the interpreter describes an online upgrade
    }
    if (callee == "op" || callee == "sa" || callee == "postgresql" ||
        callee.rfind("alembic", 0) == 0) {
      context_.fail(call.position, callee + " is not supported by the interpreter");
    }
    if (auto type = options_.app_types.find(callee); type != options_.app_types.end()) {
      return called_app_type(callee, type->second, args, call.position);
    }
    if (gets_the_database(args)) {
      // A helper of the project given the connection (or op) may create functions, triggers,
      // tables: the built-in reader cannot see what it does, the real Alembic can.
      recorder_.unmodelled(call.position, "the project's " + callee +
                                              "() is given the database connection; what it "
                                              "does to the schema is not modelled");
    }
    return Opaque{.description = "the result of " + callee + "()", .callee = callee};
  }

  std::optional<Value> app_value(const std::string& path) override {
    auto mapped = options_.app_values.find(path);
    if (mapped == options_.app_values.end()) return std::nullopt;
    auto cached = app_values_.find(path);
    if (cached != app_values_.end()) return cached->second;
    // A literal squash.toml wrote (config.cpp), read by the same parser as the revisions; its
    // value keeps nothing of the parsed expression.
    py::ExprPtr expr =
        py::parse_expression(mapped->second, "squash.toml [values] \"" + path + "\"");
    return app_values_[path] = evaluator_.evaluate(*expr);
  }

  /// A call of an application type: its mapping, with `{name}` / `{0}` filled with the call's
  /// whole-number arguments; arguments a mapping without them does not use are noted.
  Value called_app_type(const std::string& callee, const std::string& mapping,
                        const Arguments& args, const py::Position& at) {
    if (mapping.find('{') == std::string::npos) {
      if (!args.positional.empty() || !args.keywords.empty()) {
        recorder_.note(at, callee +
                               "(...): its arguments are not used: squash.toml's "
                               "[types] maps it to " +
                               mapping + " (write {name} or {0} there to use one)");
      }
      return TypeValue{app_type(mapping)};
    }
    std::set<const Argument*> used;
    auto argument = [&](const std::string& key) -> std::optional<std::string> {
      const Argument* found = nullptr;
      if (std::isdigit(static_cast<unsigned char>(key.front()))) {
        size_t index = std::stoul(key);  // at most 3 digits (read_app_types)
        if (index < args.positional.size()) found = &args.positional[index];
      } else {
        for (const auto& [name, arg] : args.keywords) {
          if (name == key) found = &arg;
        }
      }
      if (!found) return std::nullopt;
      used.insert(found);
      auto* number = found->value.get<std::int64_t>();
      if (!number || *number < 0) {
        context_.fail(found->at, callee + "(): {" + key +
                                     "} of squash.toml's [types] needs a "
                                     "whole number, found " +
                                     describe(found->value));
      }
      return std::to_string(*number);
    };
    try {
      Value type =
          TypeValue{app_type(canonical_type_from_sql(fill_app_type(mapping, argument)).spelling)};
      std::string unused;
      for (size_t i = 0; i < args.positional.size(); ++i) {
        if (!used.count(&args.positional[i]))
          unused += (unused.empty() ? "{" : ", {") + std::to_string(i) + "}";
      }
      for (const auto& [name, arg] : args.keywords) {
        if (!used.count(&arg)) unused += (unused.empty() ? "{" : ", {") + name + "}";
      }
      if (!unused.empty()) {
        recorder_.note(at, callee + "(...): arguments " + unused +
                               " are not used: squash.toml's [types] maps it to " + mapping);
      }
      return type;
    } catch (const SpellingError& error) {
      context_.fail(
          at, callee + "(): squash.toml's [types] mapping '" + mapping + "': " + error.what());
    }
  }

  /// type.with_variant(variant, "postgresql"): the variant on PostgreSQL, else the type itself
  /// (SQLAlchemy 1.4 takes one dialect name, 2.0 several).
  Value with_variant(const TypeValue& type, Arguments args, const py::Expr& call) {
    if (args.positional.size() < 2 || !args.keywords.empty()) {
      context_.fail(call.position, "with_variant() takes a type and the dialect names");
    }
    bool postgresql = false;
    for (size_t i = 1; i < args.positional.size(); ++i) {
      auto* name = args.positional[i].value.get<std::string>();
      if (!name) {
        context_.fail(args.positional[i].at, "with_variant(): expected a dialect name, found " +
                                                 describe(args.positional[i].value));
      }
      postgresql = postgresql || *name == "postgresql";
    }
    if (!postgresql) return type;
    const Argument& variant = args.positional[0];
    auto sql_type = as_type(variant.value, variant.at, context_);
    if (!sql_type) reject_unmapped_app_type(variant.value, variant.at, "with_variant()", context_);
    if (!sql_type) {
      context_.fail(variant.at,
                    "with_variant(): expected a type, found " + describe(variant.value));
    }
    return TypeValue{*sql_type};
  }

  /// `value`, a class squash.toml's [types] maps, as the type it maps to.
  void as_app_type(Argument& arg) {
    auto* symbol = arg.value.get<Symbol>();
    if (!symbol) return;
    std::string name = canonical_symbol(symbol->path);
    auto type = options_.app_types.find(name);
    if (type != options_.app_types.end())
      arg.value = called_app_type(name, type->second, {}, arg.at);
  }
  void app_types_in(Arguments& args) {
    for (auto& arg : args.positional) as_app_type(arg);
    for (auto& [key, arg] : args.keywords) as_app_type(arg);
  }

  /// context.get_x_argument(as_dictionary=False): the -x arguments given to the tool, as a list
  /// of "KEY=VALUE" or a dict split at the first `=` (the tool refuses an -x without one).
  Value x_argument(Arguments args, const py::Expr& call) {
    bool as_dictionary = false;
    for (const auto& [key, arg] : args.keywords) {
      const bool* flag = arg.value.get<bool>();
      if (key != "as_dictionary" || !flag) {
        context_.fail(arg.at, "context.get_x_argument() takes as_dictionary=True or False");
      }
      as_dictionary = *flag;
    }
    if (!args.positional.empty()) {
      const bool* flag = args.positional[0].value.get<bool>();
      if (args.positional.size() > 1 || !flag) {
        context_.fail(call.position, "context.get_x_argument() takes as_dictionary=True or False");
      }
      as_dictionary = *flag;
    }
    if (!as_dictionary) {
      ListValue list;
      for (const auto& x : options_.x_arguments) list.items.push_back(x);
      return list;
    }
    DictValue dict;  // dict(arg.split("=", 1) ...): a repeated key keeps its place, the last wins
    for (const auto& x : options_.x_arguments) {
      size_t eq = x.find('=');
      std::string key = x.substr(0, eq);
      std::string value = eq == std::string::npos ? std::string() : x.substr(eq + 1);
      auto seen = std::find_if(dict.keys.begin(), dict.keys.end(),
                               [&](const Value& k) { return *k.get<std::string>() == key; });
      if (seen == dict.keys.end()) {
        dict.keys.push_back(key);
        dict.values.push_back(value);
      } else {
        dict.values[seen - dict.keys.begin()] = value;
      }
    }
    return dict;
  }

  /// Whether a call is given op, op.get_bind() or the migration context.
  static bool gets_the_database(const Arguments& args) {
    auto database = [](const Value& value) {
      if (auto* host = value.get<HostObject>()) {
        return host->kind == HostObject::Kind::kBind ||
               host->kind == HostObject::Kind::kMigrationContext;
      }
      auto* symbol = value.get<Symbol>();
      return symbol && (symbol->path == "alembic.op" || symbol->path == "op");
    };
    for (const auto& arg : args.positional) {
      if (database(arg.value)) return true;
    }
    for (const auto& [key, arg] : args.keywords) {
      if (database(arg.value)) return true;
    }
    return false;
  }

  Value call_method(const Value& receiver, const std::string& method, Arguments args,
                    const py::Expr& call) override {
    if (auto* type = receiver.get<TypeValue>()) {
      if (method == "with_variant") return with_variant(*type, std::move(args), call);
      return alembic_.enum_method(type->type, method, std::move(args), call);
    }
    if (auto* host = receiver.get<HostObject>()) {
      using Kind = HostObject::Kind;
      if (host->kind == Kind::kBatchOps) {
        app_types_in(args);  // as for op.* (batch_op.alter_column(type_=UTCDateTime))
        return alembic_.call_batch(*host, method, std::move(args), call);
      }
      if (host->kind == Kind::kBind) return bind_method(method, std::move(args), call);
      if (host->kind == Kind::kInspector) return inspector_method(method, std::move(args), call);
      if (host->kind == Kind::kMigrationContext && method == "autocommit_block") {
        return HostObject{Kind::kAutocommitBlock, {}, call.position};
      }
    }
    if (auto* table = receiver.get<TableClause>()) {
      if (method == "update" || method == "insert" || method == "delete" || method == "select") {
        return Opaque{"sa.table('" + table->name + "')." + method + "()", true};
      }
    }
    if (receiver.get<SqlText>() && method == "execution_options") return receiver;
    if (auto* text = receiver.get<SqlText>();
        text && (method == "bindparams" || method == "params")) {  // params(): a bound copy
      SqlText bound = *text;
      bound.bound_parameters = true;
      return bound;
    }
    context_.fail(call.position, "method " + method + "() of " + describe(receiver) +
                                     " is not supported by the interpreter");
  }

  Value attribute(const Value& object, const std::string& name, const py::Expr& at) override {
    using Kind = HostObject::Kind;
    if (auto* host = object.get<HostObject>()) {
      if (host->kind == Kind::kInspector)
        return Opaque{"the database inspected." + name, false, true};
      if ((host->kind == Kind::kBind || host->kind == Kind::kMigrationContext) &&
          name == "dialect") {
        return HostObject{Kind::kDialect, {}, at.position};
      }
      if (host->kind == Kind::kDialect && name == "name") return std::string("postgresql");
      // bind.engine (a Connection's Engine) answers as the bind does; Engine.name is the
      // dialect's. A Connection has no name: Python raises AttributeError there.
      if (host->kind == Kind::kBind && name == "engine") {
        HostObject engine = *host;
        engine.engine = true;
        return engine;
      }
      if (host->kind == Kind::kBind && name == "name") {
        if (host->engine) return std::string("postgresql");
        context_.fail(at.position,
                      "a connection has no attribute 'name' (Python raises AttributeError here "
                      "when Alembic runs it); the database's name is op.get_bind().dialect.name");
      }
      if (host->kind == Kind::kDialect && name == "default_schema_name") {
        return Opaque{"the connection's default schema", false, true};  // env.py may set it
      }
      if (host->kind == Kind::kMigrationContext && (name == "connection" || name == "bind")) {
        return HostObject{Kind::kBind, {}, at.position};  // MigrationContext.connection / .bind
      }
      if (host->kind == Kind::kMigrationContext && name == "as_sql") {
        return false;  // as context.is_offline_mode(): the interpreter describes an online upgrade
      }
    }
    if (auto* table = object.get<TableClause>(); table && name == "c") {
      return Opaque{"the columns of sa.table('" + table->name + "')"};
    }
    if (auto* column = object.get<ColumnSpec>(); column && name == "name") return column->name;
    if (auto* text = object.get<SqlText>(); text && name == "text") return text->sql;
    if (auto* type = object.get<TypeValue>(); type && type->type.enum_type) {
      if (name == "name") return type->type.enum_type->name.name;
      if (name == "enums") {
        ListValue values;
        for (const auto& v : type->type.enum_type->values) values.items.push_back(v);
        return values;
      }
    }
    context_.fail(at.position, "attribute '" + name + "' of " + describe(object) +
                                   " is not supported by the interpreter");
  }

  void data_dependent(const py::Position& at, const std::string& why,
                      const std::function<void()>& body, DataCause cause) override {
    recorder_.note(
        at, why +
                (cause == DataCause::kDatabase        ? ": runs as the data says"
                 : cause == DataCause::kUnknownValues ? ": runs as its items say"
                                                      : ": runs unless an exception stops it") +
                " (data, not schema)");
    recorder_.begin_data_dependent(why, cause);
    try {
      body();
    } catch (const SourceError& error) {
      // What the block cannot do without the rows (a name read from a row, ...).
      recorder_.end_data_dependent();
      context_.warn_at(error.where(), "in " + why + ": " + error.message());
      return;
    } catch (...) {
      recorder_.end_data_dependent();
      throw;
    }
    recorder_.end_data_dependent();
  }

  void with(const Value& context, const py::Expr& at,
            const std::function<void(const Value&)>& body) override {
    auto* host = context.get<HostObject>();
    if (host && host->kind == HostObject::Kind::kBatchBlock) {
      recorder_.begin_batch();
      try {
        body(HostObject{HostObject::Kind::kBatchOps, host->table, at.position});
      } catch (...) {
        recorder_.discard_batch();
        throw;
      }
      recorder_.end_batch();
      return;
    }
    if (host && host->kind == HostObject::Kind::kAutocommitBlock) {
      bool previous = recorder_.autocommit();
      recorder_.set_autocommit(true);
      try {
        body(NoneValue{});
      } catch (...) {
        recorder_.set_autocommit(previous);
        throw;
      }
      recorder_.set_autocommit(previous);
      return;
    }
    if (is_runtime(context)) {  // with op.get_bind().begin(): ...
      body(context);
      return;
    }
    auto* opaque = context.get<Opaque>();
    if (opaque && opaque->callee == "contextlib.suppress") {
      // An exception it names stops the block anywhere, and the migration goes on.
      data_dependent(
          at.position, "a with contextlib.suppress() block",
          [&] {
            try {
              body(NoneValue{});
            } catch (const PythonRaise&) {
            }
          },
          DataCause::kCaughtException);
      return;
    }
    if (opaque && !opaque->callee.empty() && !is_sqlalchemy_symbol(opaque->callee)) {
      // The project's own context manager (given the database, the call was noted as not
      // modelled already): the block is read as written.
      recorder_.note(at.position, "with " + opaque->callee +
                                      "(): the block is read as written; what the context "
                                      "manager does on entering and leaving is not seen");
      body(Opaque{"the value of with " + opaque->callee + "()", false, opaque->runtime});
      return;
    }
    context_.fail(at.position,
                  "with " + describe(context) + " is not supported by the interpreter");
  }

 private:
  /// Methods of sa.inspect(op.get_bind()): the tables of a schema as the revisions before made
  /// them (an upgrade from an empty database, as the scratch replay runs), where the reader knows
  /// them; anything else it answers is read from the database when the migration runs.
  Value inspector_method(const std::string& method, Arguments args, const py::Expr& call) {
    Value unknown = Opaque{"the database inspected." + method + "(...)", false, true};
    if (method != "get_table_names" && method != "has_table") return unknown;
    std::vector<std::string_view> params = {"schema"};
    if (method == "has_table") params = {"table_name", "schema"};
    params.push_back("**");
    BoundArguments b(context_, "inspector." + method, std::move(args), params, call.position);
    const Argument* table = b.find("table_name");
    if (method == "has_table" && (!table || !table->value.get<std::string>())) return unknown;
    std::string schema = b.schema();
    std::optional<std::vector<std::string>> names = recorder_.table_names(schema);
    if (!names) return unknown;
    if (method == "has_table") {
      std::string table = b.string("table_name");
      return std::find(names->begin(), names->end(), table) != names->end();
    }
    ListValue out;
    for (auto& name : *names) out.items.push_back(std::move(name));
    return out;
  }

  /// Methods of op.get_bind(): statements run (data or DDL), their results are values read from
  /// the database, transaction control is data handling.
  Value bind_method(const std::string& method, Arguments args, const py::Expr& call) {
    const std::string callee = "op.get_bind()." + method;
    if (method == "execute" || method == "exec_driver_sql" || method == "scalar" ||
        method == "scalars") {
      if (args.positional.empty()) context_.fail(call.position, method + "() needs a statement");
      bool parameters = args.positional.size() > 1 || !args.keywords.empty();
      alembic_.execute(args.positional[0], callee, parameters, call);
      return Opaque{"the result of a query", false, true};
    }
    if (method == "commit" || method == "begin" || method == "rollback" || method == "close" ||
        method == "begin_nested" || method == "execution_options") {
      recorder_.note(call.position, callee + "(): transaction handling (data, not schema)");
      return Opaque{"the result of " + callee + "()", false, true};
    }
    context_.fail(call.position, "method " + method +
                                     "() of op.get_bind() is not supported by "
                                     "the interpreter");
  }

  std::vector<LocatedOp> run_function(const std::string& name) {
    const py::FunctionDef* def = evaluator_.function(name);
    if (!def) {
      if (name == "upgrade") throw SourceError({path_, 0, 0}, "no upgrade() function");
      recorder_.note(py::Position{0, 0}, "no " + name + "() function");
      return {};
    }
    try {
      call(name, *def);
    } catch (const SourceError& error) {
      // A squash never runs the old downgrades (the baseline writes its own): one that cannot
      // be read is set aside, as real histories' downgrades often cannot run either.
      if (name != "downgrade") throw;
      recorder_.discard_batch();
      recorder_.set_autocommit(false);
      recorder_.take_ops();
      recorder_.note(error.where(),
                     "downgrade() is set aside (a squash does not need it): " + error.message());
      return {};
    }
    recorder_.set_autocommit(false);
    return recorder_.take_ops();
  }

  void call(const std::string& name, const py::FunctionDef& def) {
    for (const auto& p : def.parameters) {
      if (!p.default_value && p.kind == py::Parameter::Kind::kPlain) {
        context_.fail(p.position, name + "() with parameters is not supported by the interpreter");
      }
    }
    try {
      evaluator_.call_function(def, {0, 0});
    } catch (const PythonRaise& raised) {
      recorder_.note(raised.at, name + "() raises: " + std::string(trim(raised.statement)));
    }
  }

  std::string path_;
  const InterpretOptions& options_;
  SourceContext context_;
  Recorder recorder_;
  AlembicCalls alembic_;
  Evaluator evaluator_;
  std::map<std::string, Value> app_values_;  // [values] read so far
};

}  // namespace
}  // namespace interp

RevisionOps interpret_revision(const py::Module& module, std::string_view source,
                               const RevisionFile& file, const InterpretOptions& options) {
  const std::string& path = file.path.empty() ? module.file : file.path;
  interp::RevisionInterpreter interpreter(module, source, path, options);
  return interpreter.run(file.revision);
}

RevisionOps interpret_revision_source(std::string_view source, const std::string& path,
                                      const InterpretOptions& options) {
  py::Module module = py::parse_module(source, path);
  ReadResult read = read_revision_module(module, source, path);
  RevisionFile file;
  if (read.revision) file = *read.revision;
  file.path = path;
  return interpret_revision(module, source, file, options);
}

std::vector<std::pair<SourceLocation, std::string>> unmodelled(const RevisionOps& ops) {
  std::vector<std::pair<SourceLocation, std::string>> out;
  for (const auto& [where, note] : ops.notes) {
    if (note.rfind(kNotModelled, 0) == 0) out.emplace_back(where, note.substr(kNotModelled.size()));
  }
  return out;
}

}  // namespace asq
