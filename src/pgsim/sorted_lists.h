#pragma once

// The model keeps every list sorted by name, as introspection reads it: lookups, inserts and
// removals on such a list, with PostgreSQL's "already exists" / "does not exist" as ApplyError.

#include <algorithm>
#include <string>
#include <vector>

#include "pgsim/engine.h"

namespace asq::memsql {

/// The key a list is sorted by: an item's name (or the string itself).
template <typename Item>
const auto& key_of(const Item& item) {
  return item.name;
}
inline const std::string& key_of(const std::string& item) { return item; }

/// Where `key` is or would be in `items`.
template <typename Item, typename Key>
auto lower_bound_by(std::vector<Item>& items, const Key& key) {
  return std::lower_bound(items.begin(), items.end(), key,
                          [](const Item& item, const Key& k) { return key_of(item) < k; });
}

/// The item with `key`, or nullptr.
template <typename Item, typename Key>
Item* find_sorted(std::vector<Item>& items, const Key& key) {
  auto it = lower_bound_by(items, key);
  return it != items.end() && key_of(*it) == key ? &*it : nullptr;
}

/// Inserts `item` in order; throws ApplyError("<what> already exists") when its key is there.
template <typename Item>
void insert_sorted(std::vector<Item>& items, Item item, const std::string& what) {
  auto it = lower_bound_by(items, key_of(item));
  if (it != items.end() && key_of(*it) == key_of(item)) {
    throw ApplyError(what + " already exists");
  }
  items.insert(it, std::move(item));
}

/// Removes the item with `key`; throws ApplyError("<what> does not exist") when there is none.
template <typename Item, typename Key>
void erase_sorted(std::vector<Item>& items, const Key& key, const std::string& what) {
  auto it = lower_bound_by(items, key);
  if (it == items.end() || key_of(*it) != key) throw ApplyError(what + " does not exist");
  items.erase(it);
}

/// Sorts `items` by key.
template <typename Item>
void sort_by_name(std::vector<Item>& items) {
  std::sort(items.begin(), items.end(),
            [](const Item& a, const Item& b) { return key_of(a) < key_of(b); });
}

}  // namespace asq::memsql
