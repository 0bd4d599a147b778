#include "diff/object_needs.h"

#include <map>

#include "sql/identifiers.h"

namespace asq {
namespace {

/// The SQL text of a table in which a type or function may be named.
std::vector<std::string> texts_of(const Table& table) {
  std::vector<std::string> out;
  for (const Column& c : table.columns) {
    if (c.default_value) out.push_back(*c.default_value);
    if (c.generated) out.push_back(*c.generated);
  }
  for (const Constraint& k : table.constraints) {
    out.push_back(k.expression);
    out.push_back(k.definition);
  }
  for (const Index& i : table.indexes) {
    out.insert(out.end(), i.keys.begin(), i.keys.end());
    if (i.where) out.push_back(*i.where);
  }
  return out;
}

bool has_column_of_type(const Table& table, const std::string& type) {
  for (const Column& c : table.columns) {
    if (c.type == type || c.type == type + "[]") return true;
  }
  return false;
}

bool names_function(const std::vector<std::string>& texts, const std::string& call) {
  for (const std::string& text : texts) {
    if (text.find(call) != std::string::npos) return true;
  }
  return false;
}

bool used_by(const Table& table, const std::vector<std::string>& texts, const CatalogObject& o) {
  std::string spelled = qualified_spelling(o.name);
  if (is_type_kind(o.kind)) return has_column_of_type(table, spelled);
  if (o.kind == CatalogObject::Kind::kFunction) return names_function(texts, spelled + "(");
  return false;
}

}  // namespace

std::set<std::string> needed_by_tables(const std::vector<Table>& tables,
                                       const std::vector<CatalogObject>& objects) {
  std::map<std::string, const CatalogObject*> by_key;
  for (const CatalogObject& o : objects) by_key[object_key(o)] = &o;
  std::set<std::string> out;
  std::vector<std::string> pending;
  for (const Table& table : tables) {
    std::vector<std::string> texts = texts_of(table);
    for (const CatalogObject& o : objects) {
      std::string key = object_key(o);
      if (!out.count(key) && used_by(table, texts, o)) {
        out.insert(key);
        pending.push_back(key);
      }
    }
  }
  while (!pending.empty()) {
    std::string key = pending.back();
    pending.pop_back();
    for (const std::string& need : by_key.at(key)->depends_on) {
      if (by_key.count(need) && out.insert(need).second) pending.push_back(need);
    }
  }
  return out;
}

}  // namespace asq
