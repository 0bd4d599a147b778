// The in-memory engine's model of functions, procedures, triggers, event triggers, domains,
// composite types and policies written in SQL: the statement hook, the sorted object list and
// the type spellings they share. The kinds themselves are in functions.cpp,
// triggers.cpp, types.cpp and policies.cpp.

#include "pgsim/objects.h"

#include <algorithm>
#include <set>

#include "sql/identifiers.h"
#include "sql/type_names.h"

namespace asq::memsql {
namespace {

auto position_of(Schema& schema, const std::string& key) {
  return std::lower_bound(
      schema.objects.begin(), schema.objects.end(), key,
      [](const CatalogObject& object, const std::string& k) { return object_key(object) < k; });
}

/// The types a function may take or return that are no types a column may have.
const std::set<std::string>& pseudo_types() {
  static const std::set<std::string> types = {"any",
                                              "anyelement",
                                              "anyarray",
                                              "anynonarray",
                                              "anyenum",
                                              "anyrange",
                                              "anymultirange",
                                              "anycompatible",
                                              "anycompatiblearray",
                                              "anycompatiblenonarray",
                                              "anycompatiblerange",
                                              "anycompatiblemultirange",
                                              "cstring",
                                              "internal",
                                              "record",
                                              "trigger",
                                              "event_trigger",
                                              "void",
                                              "pg_ddl_command"};
  return types;
}

/// `spelling` without type modifiers, as format_type prints a type without its typmod:
/// `character varying(20)` -> `character varying`, `numeric(10,2)[]` -> `numeric[]`,
/// `interval day to second(3)` -> `interval`.
std::string without_typmod(Reader& r, const std::string& spelling) {
  std::string array = spelling.ends_with("[]") ? "[]" : "";
  if (spelling.starts_with("interval")) return "interval" + array;
  if (spelling.find('"') != std::string::npos && spelling.find('(') != std::string::npos) {
    r.unmodelled();
  }
  return without_type_modifiers(spelling);
}

}  // namespace

CatalogObject* find_object(Schema& schema, CatalogObject::Kind kind, const QualifiedName& name,
                           const std::string& signature) {
  CatalogObject probe;
  probe.kind = kind;
  probe.name = name;
  probe.signature = signature;
  std::string key = object_key(probe);
  auto it = position_of(schema, key);
  return it != schema.objects.end() && object_key(*it) == key ? &*it : nullptr;
}

CatalogObject object_on_table(CatalogObject::Kind kind, const QualifiedName& table,
                              const std::string& name, std::string definition) {
  CatalogObject object;
  object.kind = kind;
  object.name = {table.schema, name};
  object.signature = qualified_spelling(table);
  object.definition = std::move(definition);
  return object;
}

void put_object(Schema& schema, CatalogObject object, bool replace) {
  std::string key = object_key(object);
  auto it = position_of(schema, key);
  if (it != schema.objects.end() && object_key(*it) == key) {
    if (!replace) throw ApplyError(key + " already exists");
    object.comment = it->comment;  // CREATE OR REPLACE keeps the comment
    *it = std::move(object);
    return;
  }
  schema.objects.insert(it, std::move(object));
}

void remove_object(Schema& schema, const CatalogObject& object) {
  std::string key = object_key(object);
  auto it = position_of(schema, key);
  if (it == schema.objects.end() || object_key(*it) != key) {
    throw ApplyError(key + " does not exist");
  }
  schema.objects.erase(it);
}

std::vector<CatalogObject> objects_of_kind(const Schema& schema, CatalogObject::Kind kind) {
  std::vector<CatalogObject> objects;
  std::copy_if(schema.objects.begin(), schema.objects.end(), std::back_inserter(objects),
               [&](const CatalogObject& o) { return o.kind == kind; });
  return objects;
}

OwnedReader::OwnedReader(std::string sql)
    : sql_(std::move(sql)), tokens_(), reader_(sql_, tokens_) {
  auto statements = statements_of(sql_);
  if (statements.size() != 1) throw ApplyError("cannot read back: " + sql_);
  tokens_ = std::move(statements.front());
}

std::string canonical_type(Reader& r, const std::string& text, bool typmod) {
  std::string lowered = text;
  std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (pseudo_types().count(lowered)) return lowered;
  std::string spelling;
  try {
    SqlTextType type = canonical_type_from_sql(text);
    if (type.serial) r.unmodelled();
    spelling = type.spelling;
  } catch (const SpellingError&) {
    r.unmodelled();
  }
  return typmod ? spelling : without_typmod(r, spelling);
}

bool is_object_type(const Schema& schema, const std::string& type) {
  return std::any_of(schema.objects.begin(), schema.objects.end(), [&](const CatalogObject& o) {
    return is_type_kind(o.kind) && qualified_spelling(o.name) == type;
  });
}

bool apply_object_statement(Reader& r, Schema& schema) {
  return apply_function_statement(r, schema) || apply_trigger_statement(r, schema) ||
         apply_event_trigger_statement(r, schema) || apply_type_statement(r, schema) ||
         apply_policy_statement(r, schema);
}

}  // namespace asq::memsql
