#include "schema/model.h"

#include <algorithm>

namespace asq {
namespace {

template <typename Item>
auto find_by(std::vector<Item>& items, const std::string& name) {
  return std::find_if(items.begin(), items.end(), [&](const Item& i) { return i.name == name; });
}

}  // namespace

const Column* Table::column(const std::string& column_name) const {
  auto it =
      std::find_if(columns.begin(), columns.end(), [&](auto& c) { return c.name == column_name; });
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

std::optional<std::string> schema_comment(const Schema& schema, const std::string& name) {
  auto it = schema.schema_comments.find(name);
  if (it != schema.schema_comments.end()) return it->second;
  if (name == "public") return kPublicSchemaComment;
  return std::nullopt;
}

void set_schema_comment(Schema& schema, const std::string& name,
                        const std::optional<std::string>& comment) {
  std::string text = comment.value_or("");
  bool plain = name == "public" ? text == kPublicSchemaComment : text.empty();
  if (plain) {
    schema.schema_comments.erase(name);
  } else {
    schema.schema_comments[name] = text;
  }
}

std::string storage_key(const std::string& item) { return item.substr(0, item.find('=')); }

void apply_storage(std::vector<std::string>& storage, const std::vector<std::string>& reset,
                   const std::vector<std::string>& set) {
  auto named = [](const std::vector<std::string>& items, const std::string& key) {
    return std::any_of(items.begin(), items.end(),
                       [&](const std::string& item) { return storage_key(item) == key; });
  };
  std::erase_if(storage, [&](const std::string& item) {
    std::string key = storage_key(item);
    return std::find(reset.begin(), reset.end(), key) != reset.end() || named(set, key);
  });
  storage.insert(storage.end(), set.begin(), set.end());
  std::stable_partition(storage.begin(), storage.end(),
                        [](const std::string& item) { return item.rfind("toast.", 0) != 0; });
}

}  // namespace asq
