#include "schema/model.h"

#include <algorithm>

namespace asq {
namespace {

bool needs_quotes(const std::string& name) {
  if (name.empty() || !(std::islower(static_cast<unsigned char>(name[0])) || name[0] == '_'))
    return true;
  return !std::all_of(name.begin(), name.end(), [](unsigned char c) {
    return std::islower(c) || std::isdigit(c) || c == '_' || c == '$';
  });
}

std::string quoted(const std::string& name) {
  if (!needs_quotes(name)) return name;
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

template <typename Item>
auto find_by(std::vector<Item>& items, const std::string& name) {
  return std::find_if(items.begin(), items.end(), [&](const Item& i) { return i.name == name; });
}

}  // namespace

std::string QualifiedName::display() const {
  return schema == "public" ? quoted(name) : quoted(schema) + "." + quoted(name);
}

const Column* Table::column(const std::string& column_name) const {
  auto it = std::find_if(columns.begin(), columns.end(),
                         [&](auto& c) { return c.name == column_name; });
  return it == columns.end() ? nullptr : &*it;
}

Column* Table::column(const std::string& column_name) {
  auto it = find_by(columns, column_name);
  return it == columns.end() ? nullptr : &*it;
}

const Table* Schema::table(const QualifiedName& name) const {
  auto it = std::find_if(tables.begin(), tables.end(), [&](auto& t) { return t.name == name; });
  return it == tables.end() ? nullptr : &*it;
}

Table* Schema::table(const QualifiedName& name) {
  auto it = std::find_if(tables.begin(), tables.end(), [&](auto& t) { return t.name == name; });
  return it == tables.end() ? nullptr : &*it;
}

}  // namespace asq
