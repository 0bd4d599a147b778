// Functions and procedures written in SQL, kept as pg_get_functiondef prints them: the header
// rebuilt in canonical form (argument types without modifiers, defaults as the server prints
// them, the options that differ from the defaults in the server's order) and the body verbatim
// between $function$ (or $procedure$) tags.

#include <algorithm>
#include <cstdio>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/text.h"
#include "pgsim/objects.h"
#include "schema/defaults.h"
#include "sql/identifiers.h"
#include "sql/literals.h"
#include "sql/type_names.h"

namespace asq::memsql {
namespace {

struct Argument {
  std::string mode;  // "", "in", "out", "inout" or "variadic"
  std::string name;
  std::string type;  // canonical, without modifiers
  std::optional<std::string> default_value;
  bool input() const { return mode != "out"; }
};

struct Setting {
  std::string name;
  std::vector<std::string> values;
};

struct Function {
  bool procedure = false;
  QualifiedName name;
  std::vector<Argument> arguments;
  std::vector<Argument> table_columns;  // RETURNS TABLE (...)
  std::string returns;                  // as written; "" when not
  bool setof = false;
  std::string language;
  std::string volatility;  // "", "IMMUTABLE", "STABLE"
  std::string parallel;    // "", "SAFE", "RESTRICTED"
  bool strict = false;
  bool security_definer = false;
  bool leakproof = false;
  std::optional<double> cost;
  std::optional<double> rows;
  std::vector<Setting> settings;
  std::string body;
};

/// Settings whose values the server keeps as a list of names (GUC_LIST_QUOTE).
bool is_list_setting(const std::string& name) {
  static const std::set<std::string> lists = {
      "search_path", "temp_tablespaces", "session_preload_libraries", "shared_preload_libraries",
      "local_preload_libraries"};
  return lists.count(name) > 0;
}

/// Words that end a type in a function header.
const std::set<std::string> kOptionWords = {
    "language", "immutable", "stable",    "volatile",  "strict",   "called", "returns",
    "security", "external",  "leakproof", "not",       "parallel", "cost",   "rows",
    "set",      "as",        "window",    "transform", "support",  "return", "begin"};

// ---- reading ----

/// `name type` or `type` (a type alone parses as one; otherwise the first word is the name).
Argument name_and_type(Reader& r, const std::string& text) {
  Argument argument;
  try {
    canonical_type_from_sql(text);
    argument.type = canonical_type(r, text, false);
    return argument;
  } catch (const SpellingError&) {
  }
  size_t end = 0;
  if (text.front() == '"') {
    for (end = 1; end < text.size(); ++end) {
      if (text[end] == '"' && (end + 1 >= text.size() || text[end + 1] != '"')) break;
      if (text[end] == '"')
        argument.name += text[++end];
      else
        argument.name += text[end];
    }
    ++end;
  } else {
    end = text.find_first_of(" \t\n");
    if (end == std::string::npos) r.unmodelled();
    argument.name = text.substr(0, end);
    std::transform(argument.name.begin(), argument.name.end(), argument.name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  }
  argument.type = canonical_type(r, text.substr(end), false);
  return argument;
}

std::string canonical_default(Reader& r, const std::string& text, const std::string& type) {
  try {
    std::optional<std::string> value = default_from_sql(text, type);
    if (!value) r.unmodelled();  // DEFAULT NULL prints as a typed NULL
    return *value;
  } catch (const SpellingError&) {
    r.unmodelled();
  }
}

/// `( [mode] [name] type [DEFAULT expr | = expr], ... )`.
std::vector<Argument> read_arguments(Reader& r) {
  std::vector<Argument> arguments;
  r.expect_symbol("(");
  while (!r.at_symbol(")")) {
    std::string mode;
    for (const char* word : {"in", "out", "inout", "variadic"}) {
      if (mode.empty() && r.accept({word})) mode = word;
    }
    std::string text = r.text_until({"default"});
    std::string default_text;
    if (size_t equals = text.find('='); equals != std::string::npos) {
      default_text = text.substr(equals + 1);
      text = text.substr(0, equals);
    } else if (r.accept({"default"})) {
      default_text = r.text_until({});
    }
    Argument argument = name_and_type(r, text);
    argument.mode = mode;
    if (!default_text.empty()) {
      argument.default_value = canonical_default(r, default_text, argument.type);
    }
    arguments.push_back(argument);
    if (!r.at_symbol(")")) r.expect_symbol(",");
  }
  r.expect_symbol(")");
  return arguments;
}

std::vector<std::string> input_types(const std::vector<Argument>& arguments) {
  std::vector<std::string> types;
  for (const Argument& a : arguments) {
    if (a.input()) types.push_back(a.type);
  }
  return types;
}

double option_number(Reader& r) {
  std::string text = r.number();
  try {
    return std::stod(text);
  } catch (const std::exception&) {
    r.unmodelled();
  }
}

/// One value of SET name TO value, ... as the server keeps it.
std::string setting_value(Reader& r) {
  bool negative = r.at_symbol("-");
  if (negative) r.expect_symbol("-");
  const Token* token = r.peek();
  if (!token || token->kind == Token::Kind::kSymbol) r.unmodelled();
  if (token->kind == Token::Kind::kWord && token->text == "default") r.unmodelled();
  if (negative && token->kind != Token::Kind::kNumber) r.unmodelled();
  std::string value = token->text;
  r.skip();
  if (token->kind == Token::Kind::kNumber &&
      value.find_first_not_of("0123456789") == std::string::npos && value.size() < 10) {
    value = std::to_string(std::stoll(value));  // an integer is printed with %d
  }
  return (negative ? "-" : "") + value;
}

Setting read_setting(Reader& r) {
  Setting setting{r.identifier(), {}};
  while (r.at_symbol(".")) {
    r.expect_symbol(".");
    setting.name += "." + r.identifier();
  }
  if (r.at("from")) r.unmodelled();  // FROM CURRENT: the value of the moment
  if (!r.accept({"to"})) r.expect_symbol("=");
  do {
    setting.values.push_back(setting_value(r));
  } while (r.at_symbol(",") && (r.expect_symbol(","), true));
  if (setting.values.size() > 1 && !is_list_setting(setting.name)) r.unmodelled();
  if (is_list_setting(setting.name) &&
      std::count(setting.values.begin(), setting.values.end(), "")) {
    r.unmodelled();
  }
  return setting;
}

void read_returns(Reader& r, Function& f) {
  if (r.accept({"table"})) {
    r.expect_symbol("(");
    while (!r.at_symbol(")")) {
      f.table_columns.push_back(name_and_type(r, r.text_until({})));
      if (f.table_columns.back().name.empty()) r.unmodelled();
      if (!r.at_symbol(")")) r.expect_symbol(",");
    }
    r.expect_symbol(")");
    f.setof = true;
    return;
  }
  f.setof = r.accept({"setof"});
  f.returns = canonical_type(r, r.text_until(kOptionWords), false);
}

/// One option of the header; false when none comes next.
bool read_option(Reader& r, Function& f) {
  if (r.accept({"language"})) {
    f.language = r.peek() && r.peek()->kind == Token::Kind::kString ? r.string() : r.identifier();
    if (f.language != "sql" && f.language != "plpgsql") r.unmodelled();  // COST, AS differ
  } else if (r.accept({"immutable"})) {
    f.volatility = "IMMUTABLE";
  } else if (r.accept({"stable"})) {
    f.volatility = "STABLE";
  } else if (r.accept({"volatile"})) {
    f.volatility = "";
  } else if (r.accept({"strict"}) || r.accept({"returns", "null", "on", "null", "input"})) {
    f.strict = true;
  } else if (r.accept({"called", "on", "null", "input"})) {
    f.strict = false;
  } else if (r.accept({"external"}) || r.at("security")) {
    r.expect({"security"});
    f.security_definer = r.accept({"definer"}) || (r.expect({"invoker"}), false);
  } else if (r.accept({"leakproof"})) {
    f.leakproof = true;
  } else if (r.accept({"not", "leakproof"})) {
    f.leakproof = false;
  } else if (r.accept({"parallel"})) {
    f.parallel = r.accept({"safe"})         ? "SAFE"
                 : r.accept({"restricted"}) ? "RESTRICTED"
                                            : (r.expect({"unsafe"}), "");
  } else if (r.accept({"cost"})) {
    f.cost = option_number(r);
  } else if (r.accept({"rows"})) {
    f.rows = option_number(r);
  } else if (r.accept({"set"})) {
    f.settings.push_back(read_setting(r));
  } else if (r.accept({"as"})) {
    f.body = r.string();  // AS 'file', 'symbol' (C functions) and E'' are left to the scratch
  } else {
    return false;  // WINDOW, TRANSFORM, SUPPORT, RETURN, BEGIN ATOMIC: not modelled
  }
  return true;
}

/// The rest of CREATE FUNCTION / PROCEDURE after the keyword.
Function read_function(Reader& r, bool procedure) {
  Function f;
  f.procedure = procedure;
  f.name = r.qualified();
  f.arguments = read_arguments(r);
  if (r.accept({"returns"})) read_returns(r, f);
  while (!r.done()) {
    if (!read_option(r, f)) r.unmodelled();
  }
  if (f.language.empty() || f.body.empty()) r.unmodelled();
  return f;
}

/// A function as the model printed it.
Function read_back(const CatalogObject& object) {
  OwnedReader owned(object.definition);
  Reader& r = owned.reader();
  r.expect({"create", "or", "replace"});
  bool procedure = r.accept({"procedure"});
  if (!procedure) r.expect({"function"});
  return read_function(r, procedure);
}

// ---- what PostgreSQL refuses ----

void check(const Function& f) {
  auto refuse = [&](const std::string& why) {
    throw ApplyError(why + " (" + f.name.display() + ")");
  };
  bool defaults = false;
  for (const Argument& a : f.arguments) {
    if (a.default_value && !a.input()) refuse("only input parameters can have default values");
    if (a.input() && defaults && !a.default_value) {
      refuse("input parameters after one with a default value must also have defaults");
    }
    defaults = defaults || a.default_value.has_value();
  }
  if (f.procedure && (!f.returns.empty() || !f.table_columns.empty() || !f.volatility.empty() ||
                      f.strict || f.leakproof || f.cost || f.rows || !f.parallel.empty())) {
    refuse("invalid attribute in procedure definition");
  }
  bool outputs = std::any_of(f.arguments.begin(), f.arguments.end(), [](const Argument& a) {
    return a.mode == "out" || a.mode == "inout";
  });
  if (!f.procedure && f.returns.empty() && f.table_columns.empty() && !outputs) {
    refuse("function result type must be specified");
  }
  if (f.rows && !f.setof) refuse("ROWS is not applicable when function does not return a set");
}

// ---- printing ----

std::string argument_list(const Function& f, bool defaults) {
  std::vector<std::string> printed;
  for (const Argument& a : f.arguments) {
    std::string mode = a.mode.empty() || a.mode == "in" ? (f.procedure ? "IN " : "") : "";
    if (a.mode == "out") mode = "OUT ";
    if (a.mode == "inout") mode = "INOUT ";
    if (a.mode == "variadic") mode = "VARIADIC ";
    std::string text = mode + (a.name.empty() ? "" : quote_identifier(a.name) + " ") + a.type;
    if (defaults && a.default_value) text += " DEFAULT " + *a.default_value;
    printed.push_back(text);
  }
  return join(printed);
}

std::string result_type(const Function& f) {
  if (!f.table_columns.empty()) {
    std::vector<std::string> columns;
    for (const Argument& c : f.table_columns) {
      columns.push_back(quote_identifier(c.name) + " " + c.type);
    }
    return "TABLE(" + join(columns) + ")";
  }
  std::vector<std::string> outputs;
  for (const Argument& a : f.arguments) {
    if (a.mode == "out" || a.mode == "inout") outputs.push_back(a.type);
  }
  std::string type = outputs.empty() ? f.returns : outputs.size() == 1 ? outputs[0] : "record";
  return (f.setof ? "SETOF " : "") + type;
}

/// A float4 catalog value the way the server prints it (%g).
std::string float4_text(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", static_cast<double>(static_cast<float>(value)));
  return text;
}

std::string options_line(const Function& f) {
  std::string line;
  if (!f.volatility.empty()) line += " " + f.volatility;
  if (!f.parallel.empty()) line += " PARALLEL " + f.parallel;
  if (f.strict) line += " STRICT";
  if (f.security_definer) line += " SECURITY DEFINER";
  if (f.leakproof) line += " LEAKPROOF";
  if (f.cost && float4_text(*f.cost) != "100") line += " COST " + float4_text(*f.cost);
  if (f.rows && float4_text(*f.rows) != "1000") line += " ROWS " + float4_text(*f.rows);
  return line.empty() ? "" : line + "\n";
}

std::string setting_line(const Setting& setting) {
  std::vector<std::string> values;
  for (const std::string& value : setting.values) values.push_back(sql_literal(value));
  return " SET " + quote_identifier(setting.name) + " TO " + join(values) + "\n";
}

std::string definition(const Function& f) {
  std::string word = f.procedure ? "procedure" : "function";
  std::string out = std::string("CREATE OR REPLACE ") + (f.procedure ? "PROCEDURE " : "FUNCTION ") +
                    qualified_spelling(f.name) + "(" + argument_list(f, true) + ")\n";
  if (!f.procedure) out += " RETURNS " + result_type(f) + "\n";
  out += " LANGUAGE " + quote_identifier(f.language) + "\n" + options_line(f);
  for (const Setting& setting : f.settings) out += setting_line(setting);
  std::string tag = "$" + word;
  while (f.body.find(tag) != std::string::npos) tag += "x";
  tag += "$";
  return out + "AS " + tag + f.body + tag;
}

CatalogObject object_of(const Function& f) {
  CatalogObject object;
  object.kind = f.procedure ? CatalogObject::Kind::kProcedure : CatalogObject::Kind::kFunction;
  object.name = f.name;
  object.signature = argument_list(f, false);
  object.definition = definition(f);
  return object;
}

// ---- finding overloads ----

bool is_routine(const CatalogObject& o) {
  return o.kind == CatalogObject::Kind::kFunction || o.kind == CatalogObject::Kind::kProcedure;
}

std::vector<Argument> signature_arguments(const CatalogObject& object) {
  OwnedReader owned("(" + object.signature + ")");
  return read_arguments(owned.reader());
}

/// The routines named `name` (with these input types, when given).
std::vector<CatalogObject> routines(const Schema& schema, const QualifiedName& name,
                                    const std::optional<std::vector<std::string>>& inputs) {
  std::vector<CatalogObject> found;
  for (const CatalogObject& o : schema.objects) {
    if (is_routine(o) && o.name == name &&
        (!inputs || input_types(signature_arguments(o)) == *inputs)) {
      found.push_back(o);
    }
  }
  return found;
}

void create_routine(Reader& r, Schema& schema, bool replace, bool procedure) {
  Function f = read_function(r, procedure);
  check(f);
  CatalogObject object = object_of(f);
  auto existing = routines(schema, f.name, input_types(f.arguments));
  if (!existing.empty()) {
    if (!replace) throw ApplyError(object_target(object) + " already exists");
    const CatalogObject& old = existing.front();
    if (old.kind != object.kind)
      throw ApplyError("cannot change routine kind of " + f.name.display());
    if (old.signature != object.signature) r.unmodelled();  // refused or renamed parameters
    if (!procedure && result_type(read_back(old)) != result_type(f)) {
      throw ApplyError("cannot change return type of existing function " + f.name.display());
    }
  }
  put_object(schema, object, replace);
}

void drop_routines(Reader& r, Schema& schema, const char* kind) {
  bool quiet = r.accept({"if", "exists"});
  std::vector<CatalogObject> dropped;
  do {
    auto routine = named_routine(r, schema, kind);
    if (!routine && !quiet) throw ApplyError(std::string(kind) + " does not exist");
    if (routine) dropped.push_back(*routine);
  } while (r.at_symbol(",") && (r.expect_symbol(","), true));
  if (r.at("cascade")) r.unmodelled();
  r.accept({"restrict"});
  if (!r.done()) r.unmodelled();
  for (const CatalogObject& routine : dropped) {
    bool called = trigger_calls(schema, routine.name) || event_trigger_calls(schema, routine.name);
    if (called && signature_arguments(routine).empty()) {
      throw ApplyError("triggers depend on " + object_target(routine));
    }
    remove_object(schema, routine);
  }
}

void alter_routine(Reader& r, Schema& schema, const char* kind) {
  auto routine = named_routine(r, schema, kind);
  if (!r.accept({"rename", "to"})) r.unmodelled();  // options, owner, schema: not modelled
  if (!routine) throw ApplyError(std::string(kind) + " does not exist");
  Function f = read_back(*routine);
  f.name.name = r.identifier();
  if (!r.done()) r.unmodelled();
  if (!routines(schema, f.name, input_types(f.arguments)).empty()) {
    throw ApplyError(object_target(object_of(f)) + " already exists");
  }
  remove_object(schema, *routine);
  CatalogObject renamed = object_of(f);
  renamed.comment = routine->comment;
  put_object(schema, renamed);
  if (signature_arguments(*routine).empty()) {
    rename_function_in_triggers(schema, routine->name, f.name);
    rename_function_in_event_triggers(schema, routine->name, f.name);
  }
}

}  // namespace

std::optional<CatalogObject> named_routine(Reader& r, const Schema& schema, const char* kind) {
  QualifiedName name = r.qualified();
  std::optional<std::vector<std::string>> inputs;
  if (r.at_symbol("(")) inputs = input_types(read_arguments(r));
  auto found = routines(schema, name, inputs);
  if (found.size() > 1)
    throw ApplyError(std::string(kind) + " name " + name.display() + " is not unique");
  if (found.empty()) return std::nullopt;
  return found.front();
}

bool apply_function_statement(Reader& r, Schema& schema) {
  for (bool procedure : {false, true}) {
    const char* word = procedure ? "procedure" : "function";
    if (r.accept({"create", word})) return create_routine(r, schema, false, procedure), true;
    if (r.accept({"create", "or", "replace", word})) {
      return create_routine(r, schema, true, procedure), true;
    }
    if (r.accept({"drop", word})) return drop_routines(r, schema, word), true;
    if (r.accept({"alter", word})) return alter_routine(r, schema, word), true;
  }
  return false;
}

void require_trigger_function(const Schema& schema, const QualifiedName& name,
                              bool written_qualified) {
  if (!routines(schema, name, std::vector<std::string>{}).empty()) return;
  if (written_qualified) throw ApplyError("function " + name.display() + "() does not exist");
  throw ApplyError("function " + name.name +
                       "() not modelled in memory: the chain does not create it (a built-in?)",
                   true);
}

bool next_name_is_qualified(const Reader& r) {
  Reader probe = r;
  probe.identifier();
  return probe.at_symbol(".");
}

}  // namespace asq::memsql
