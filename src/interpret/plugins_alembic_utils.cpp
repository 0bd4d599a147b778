// alembic_utils: PGExtension, PGFunction, PGView, PGMaterializedView, PGTrigger and PGPolicy,
// and the three operations on them, as the SQL the library emits (alembic_utils' own sources).
// The library passes its SQL through sqlalchemy.text() after escaping every colon that is not
// part of `::`, `:=` or an already escaped `\:`; the net effect is that `\:` becomes `:`.

#include <algorithm>
#include <regex>
#include <sstream>

#include "common/text.h"
#include "interpret/args.h"
#include "interpret/op_calls.h"
#include "interpret/plugins.h"

namespace asq::interp {
namespace {

struct EntityClass {
  const char* kind;
  std::vector<std::string_view> params;
};

const std::vector<EntityClass>& entity_classes() {
  static const std::vector<EntityClass> classes = {
      {"PGExtension", {"schema", "signature"}},
      {"PGFunction", {"schema", "signature", "definition"}},
      {"PGView", {"schema", "signature", "definition"}},
      {"PGMaterializedView", {"schema", "signature", "definition", "with_data"}},
      {"PGTrigger", {"schema", "signature", "on_entity", "definition", "is_constraint"}},
      {"PGPolicy", {"schema", "signature", "on_entity", "definition"}},
      // alembic_postgresql_enum
      {"TableReference",
       {"table_name", "column_name", "table_schema", "column_type", "existing_server_default"}},
  };
  return classes;
}

std::string last_component(const std::string& path) {
  size_t dot = path.rfind('.');
  return dot == std::string::npos ? path : path.substr(dot + 1);
}

std::string without(std::string text, char c) {
  text.erase(std::remove(text.begin(), text.end(), c), text.end());
  return text;
}

/// `public` -> `"public"`, `public.t` -> `"public"."t"`.
std::string quoted(const std::string& name) {
  std::string out;
  size_t start = 0;
  while (true) {
    size_t dot = name.find('.', start);
    out += "\"" + without(name.substr(start, dot - start), '"') + "\"";
    if (dot == std::string::npos) return out;
    out += ".";
    start = dot + 1;
  }
}

/// What sqlalchemy.text() leaves of the library's escaped SQL.
std::string unescaped(const std::string& sql) {
  std::string out;
  for (size_t i = 0; i < sql.size(); ++i) {
    if (sql[i] == '\\' && i + 1 < sql.size() && sql[i + 1] == ':') continue;
    out += sql[i];
  }
  return out;
}

/// The entity as the library normalizes it on construction.
struct Entity {
  std::string kind;
  std::string schema;
  std::string signature;
  std::string definition;
  std::string on_entity;  // triggers and policies: schema-qualified
  bool with_data = true;
  bool is_constraint = false;

  std::string name() const { return quoted(schema) + ".\"" + signature + "\""; }
};

Entity entity_of(const PluginObject& object) {
  auto field = [&](const char* name) {
    auto it = object.fields.find(name);
    return it == object.fields.end() ? std::string() : it->second;
  };
  Entity e;
  e.kind = object.kind;
  e.schema = without(field("schema"), '"');
  std::string signature = without(field("signature"), '"');
  std::istringstream words(signature);
  for (std::string word; words >> word;) e.signature += (e.signature.empty() ? "" : " ") + word;
  e.definition = std::string(trim(field("definition")));
  while (!e.definition.empty() && e.definition.back() == ';') e.definition.pop_back();
  e.definition = std::string(trim(e.definition));
  e.on_entity = without(field("on_entity"), '"');
  if (!e.on_entity.empty() && e.on_entity.find('.') == std::string::npos)
    e.on_entity = "public." + e.on_entity;
  e.with_data = field("with_data") != "False";
  e.is_constraint = field("is_constraint") == "True";
  return e;
}

/// `name(args)` of a function signature.
std::pair<std::string, std::string> function_parts(const std::string& signature) {
  size_t open = signature.find('(');
  size_t close = signature.rfind(')');
  std::string name(trim(signature.substr(0, open)));
  if (open == std::string::npos || close == std::string::npos || close < open) return {name, ""};
  return {name, signature.substr(open + 1, close - open - 1)};
}

/// The argument list DROP FUNCTION takes: each argument without its DEFAULT part.
std::string drop_arguments(const std::string& arguments) {
  static const std::regex default_part(R"(\s+default\s+[\s\S]*|\s*=[\s\S]*)", std::regex::icase);
  std::string out;
  size_t start = 0;
  while (start <= arguments.size()) {
    size_t comma = arguments.find(',', start);
    std::string argument(trim(arguments.substr(start, comma - start)));
    if (!argument.empty()) {
      out += (out.empty() ? "" : ", ") + std::regex_replace(argument, default_part, "");
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

std::string create_sql(const Entity& e, const SourceContext& context, const py::Position& at) {
  if (e.kind == "PGExtension") {
    return "CREATE EXTENSION \"" + e.signature + "\" WITH SCHEMA " + quoted(e.schema);
  }
  if (e.kind == "PGFunction") {
    auto [name, arguments] = function_parts(e.signature);
    return "CREATE FUNCTION " + quoted(e.schema) + ".\"" + name + "\"(" + arguments + ") " +
           e.definition;
  }
  if (e.kind == "PGView") return "CREATE VIEW " + e.name() + " AS " + e.definition;
  if (e.kind == "PGMaterializedView") {
    return "CREATE MATERIALIZED VIEW " + e.name() + " AS " + e.definition +
           (e.with_data ? " WITH DATA" : " WITH NO DATA");
  }
  if (e.kind == "PGTrigger") {
    static const std::regex shape(R"(^([\s\S]*?)\s+ON\s+(\S+)\s+([\s\S]*)$)", std::regex::icase);
    std::smatch match;
    if (!std::regex_match(e.definition, match, shape)) {
      context.fail(at,
                   "PGTrigger '" + e.signature +
                       "': the definition is not '<BEFORE|AFTER> <events> ON <table> <action>'");
    }
    std::string table = e.on_entity.substr(e.on_entity.find('.') + 1);
    return std::string("CREATE ") + (e.is_constraint ? "CONSTRAINT TRIGGER" : "TRIGGER") + " \"" +
           e.signature + "\" " + match[1].str() + " ON " + e.schema + "." + table + " " +
           match[3].str();
  }
  return "CREATE POLICY " + e.signature + " ON " + e.on_entity + " " + e.definition;
}

std::string drop_sql(const Entity& e, bool cascade) {
  std::string tail = cascade ? " CASCADE" : "";
  if (e.kind == "PGExtension") return "DROP EXTENSION \"" + e.signature + "\"" + tail;
  if (e.kind == "PGFunction") {
    auto [name, arguments] = function_parts(e.signature);
    return "DROP FUNCTION " + quoted(e.schema) + ".\"" + name + "\"(" + drop_arguments(arguments) +
           ")" + tail;
  }
  if (e.kind == "PGView") return "DROP VIEW " + e.name() + tail;
  if (e.kind == "PGMaterializedView") return "DROP MATERIALIZED VIEW " + e.name() + tail;
  if (e.kind == "PGTrigger") {
    return "DROP TRIGGER \"" + e.signature + "\" ON " + e.on_entity + tail;
  }
  return "DROP POLICY " + e.signature + " ON " + e.on_entity;
}

std::vector<std::string> replace_sql(const Entity& e, const SourceContext& context,
                                     const py::Position& at) {
  if (e.kind == "PGExtension") {
    context.fail(at, "op.replace_entity(): an extension cannot be replaced");
  }
  if (e.kind == "PGFunction") {
    std::string create = create_sql(e, context, at);
    return {"CREATE OR REPLACE" + create.substr(std::string("CREATE").size())};
  }
  if (e.kind == "PGView") {
    // The library runs CREATE OR REPLACE VIEW in a DO block that falls back to DROP VIEW +
    // CREATE VIEW when PostgreSQL refuses the replacement; both end with this definition.
    // Replayed here as CREATE OR REPLACE alone: where the fallback would be needed, the replay
    // stops with PostgreSQL's error instead of guessing.
    return {"CREATE OR REPLACE VIEW " + e.name() + " AS " + e.definition};
  }
  if (e.kind == "PGMaterializedView") {
    return {"DROP MATERIALIZED VIEW IF EXISTS " + e.name(), create_sql(e, context, at)};
  }
  if (e.kind == "PGTrigger") {
    return {"DROP TRIGGER IF EXISTS \"" + e.signature + "\" ON " + e.on_entity,
            create_sql(e, context, at)};
  }
  return {"DROP POLICY IF EXISTS " + e.signature + " ON " + e.on_entity,
          create_sql(e, context, at)};
}

}  // namespace

bool is_plugin_symbol(const std::string& callee) {
  return callee.rfind("alembic_utils.", 0) == 0 || callee.rfind("alembic_postgresql_enum.", 0) == 0;
}

Value make_plugin_object(const std::string& callee, Arguments args, const py::Expr& call,
                         const SourceContext& context) {
  std::string kind = last_component(callee);
  for (const auto& entity_class : entity_classes()) {
    if (kind != entity_class.kind) continue;
    BoundArguments bound(context, kind, std::move(args), entity_class.params, call.position);
    PluginObject object{kind, {}, call.position};
    for (std::string_view param : entity_class.params) {
      const Argument* arg = bound.find(param);
      if (!arg) continue;
      std::string name(param);
      if (arg->value.is_none()) {
        object.fields[name] = "";  // TableReference(table_schema=None): no schema prefix
      } else if (auto* b = arg->value.get<bool>()) {
        object.fields[name] = *b ? "True" : "False";
      } else if (auto* symbol = arg->value.get<Symbol>()) {
        object.fields[name] = last_component(symbol->path);
      } else if (auto text = sql_text(arg->value)) {
        object.fields[name] = *text;
      } else {
        bound.fail(arg->at,
                   kind + "(): " + name + " must be a string, found " + describe(arg->value));
      }
    }
    for (const char* required : {"schema", "signature"}) {
      if (kind != "TableReference" && !object.fields.count(required))
        bound.fail(call.position, kind + "() is missing argument " + required);
    }
    return object;
  }
  context.fail(call.position, callee + " is not supported by the interpreter");
}

Value AlembicCalls::op_entity(OpCall& op) {
  auto b = op.name == "drop_entity" ? bind(op, {"target", "cascade"}) : bind(op, {"target"});
  const Argument* target = b.find("target");
  auto* object = target ? target->value.get<PluginObject>() : nullptr;
  if (!object || object->kind == "TableReference") {
    b.fail(target ? target->at : op.call.position,
           op.callee + "(): expected an alembic_utils entity (PGFunction(...), PGView(...), ...)" +
               (target ? ", found " + describe(target->value) : std::string()));
  }
  Entity entity = entity_of(*object);
  std::vector<std::string> statements;
  if (op.name == "create_entity") {
    statements = {create_sql(entity, context_, op.call.position)};
  } else if (op.name == "drop_entity") {
    statements = {drop_sql(entity, b.flag("cascade", false))};
  } else {
    statements = replace_sql(entity, context_, op.call.position);
  }
  for (const auto& sql : statements) {
    recorder_.emit(Execute{unescaped(sql), false}, op.call.position);
  }
  return NoneValue{};
}

}  // namespace asq::interp
