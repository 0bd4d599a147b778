#include "schema/model.h"

#include <algorithm>

#include "schema/types.h"

namespace asq {
namespace {

template <typename Item>
auto find_by(std::vector<Item>& items, const std::string& name) {
  return std::find_if(items.begin(), items.end(), [&](const Item& i) { return i.name == name; });
}

}  // namespace

std::string QualifiedName::display() const {
  return schema == "public" ? quote_identifier(name)
                            : quote_identifier(schema) + "." + quote_identifier(name);
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
