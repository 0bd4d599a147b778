// Event triggers written in SQL, kept as event_triggers.sql prints them (the CREATE, then the
// ALTER that restores a state other than enabled).

#include <algorithm>
#include <string>
#include <vector>

#include "common/text.h"
#include "pgsim/objects.h"
#include "sql/identifiers.h"
#include "sql/literals.h"

namespace asq::memsql {
namespace {

using Kind = CatalogObject::Kind;

struct EventTrigger {
  std::string name;
  std::string event;
  std::vector<std::string> tags;
  QualifiedName function;
  bool function_qualified = false;  // as written
  std::string state;                // "" (enabled), "DISABLE", "ENABLE REPLICA", "ENABLE ALWAYS"
};

EventTrigger read_event_trigger(Reader& r) {
  EventTrigger e;
  e.name = r.identifier();
  r.expect({"on"});
  e.event = r.identifier();
  if (r.accept({"when"})) {
    r.expect({"tag", "in"});
    r.expect_symbol("(");
    do {
      std::string tag = r.string();
      std::transform(tag.begin(), tag.end(), tag.begin(),
                     [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
      e.tags.push_back(tag);
    } while (r.at_symbol(",") && (r.expect_symbol(","), true));
    r.expect_symbol(")");
    if (r.at("and")) r.unmodelled();
  }
  r.expect({"execute"});
  if (!r.accept({"function"})) r.expect({"procedure"});
  e.function_qualified = next_name_is_qualified(r);
  e.function = r.qualified();
  r.expect_symbol("(");
  r.expect_symbol(")");
  if (!r.done()) r.unmodelled();
  return e;
}

CatalogObject object_of(const EventTrigger& e) {
  std::string text =
      "CREATE EVENT TRIGGER " + quote_identifier(e.name) + " ON " + quote_identifier(e.event);
  if (!e.tags.empty()) {
    std::vector<std::string> tags;
    for (const auto& tag : e.tags) tags.push_back(sql_literal(tag));
    text += "\n  WHEN TAG IN (" + join(tags) + ")";
  }
  text += "\n  EXECUTE FUNCTION " + qualified_spelling(e.function) + "()";
  if (!e.state.empty()) {
    text += ";\nALTER EVENT TRIGGER " + quote_identifier(e.name) + " " + e.state;
  }
  CatalogObject object;
  object.kind = Kind::kEventTrigger;
  object.name = {"", e.name};
  object.definition = text;
  return object;
}

EventTrigger read_back_event_trigger(const CatalogObject& object) {
  size_t state = object.definition.find(";\n");
  OwnedReader owned(object.definition.substr(0, state));
  Reader& r = owned.reader();
  r.expect({"create", "event", "trigger"});
  EventTrigger e = read_event_trigger(r);
  if (state != std::string::npos) {
    std::string alter = "ALTER EVENT TRIGGER " + quote_identifier(e.name) + " ";
    e.state = object.definition.substr(state + 2 + alter.size());
  }
  return e;
}

void create_event_trigger(Reader& r, Schema& schema) {
  EventTrigger e = read_event_trigger(r);
  static const std::vector<std::string> events = {"ddl_command_start", "ddl_command_end",
                                                  "sql_drop", "table_rewrite"};
  if (std::find(events.begin(), events.end(), e.event) == events.end()) {
    throw ApplyError("unrecognized event name " + e.event);
  }
  require_trigger_function(schema, e.function, e.function_qualified);
  put_object(schema, object_of(e));
}

void alter_event_trigger(Reader& r, Schema& schema) {
  std::string name = r.identifier();
  CatalogObject* found = find_object(schema, Kind::kEventTrigger, {"", name});
  if (!found) throw ApplyError("event trigger " + name + " does not exist");
  CatalogObject old = *found;
  EventTrigger e = read_back_event_trigger(old);
  if (r.accept({"disable"})) {
    e.state = "DISABLE";
  } else if (r.accept({"enable", "replica"})) {
    e.state = "ENABLE REPLICA";
  } else if (r.accept({"enable", "always"})) {
    e.state = "ENABLE ALWAYS";
  } else if (r.accept({"enable"})) {
    e.state = "";
  } else if (r.accept({"rename", "to"})) {
    e.name = r.identifier();
  } else {
    r.unmodelled();  // OWNER TO
  }
  if (!r.done()) r.unmodelled();
  remove_object(schema, old);
  CatalogObject changed = object_of(e);
  changed.comment = old.comment;
  put_object(schema, changed);
}

void drop_event_trigger(Reader& r, Schema& schema) {
  bool quiet = r.accept({"if", "exists"});
  std::string name = r.identifier();
  if (r.at("cascade")) r.unmodelled();
  r.accept({"restrict"});
  if (!r.done()) r.unmodelled();
  CatalogObject* found = find_object(schema, Kind::kEventTrigger, {"", name});
  if (!found && !quiet) throw ApplyError("event trigger " + name + " does not exist");
  if (found) remove_object(schema, CatalogObject(*found));
}

}  // namespace

bool apply_event_trigger_statement(Reader& r, Schema& schema) {
  if (r.accept({"create", "event", "trigger"})) return create_event_trigger(r, schema), true;
  if (r.accept({"alter", "event", "trigger"})) return alter_event_trigger(r, schema), true;
  if (r.accept({"drop", "event", "trigger"})) return drop_event_trigger(r, schema), true;
  return false;
}

bool event_trigger_calls(const Schema& schema, const QualifiedName& function) {
  auto triggers = objects_of_kind(schema, Kind::kEventTrigger);
  return std::any_of(triggers.begin(), triggers.end(), [&](const CatalogObject& object) {
    return read_back_event_trigger(object).function == function;
  });
}

void rename_function_in_event_triggers(Schema& schema, const QualifiedName& from,
                                       const QualifiedName& to) {
  for (const CatalogObject& object : objects_of_kind(schema, Kind::kEventTrigger)) {
    EventTrigger e = read_back_event_trigger(object);
    if (e.function != from) continue;
    e.function = to;
    remove_object(schema, object);
    CatalogObject changed = object_of(e);
    changed.comment = object.comment;
    put_object(schema, changed);
  }
}

}  // namespace asq::memsql
