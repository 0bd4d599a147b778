#pragma once

// Maps keyed by (table, name of a column or constraint), as the reader's memories keep what it
// learnt: a table's entries sort together, so dropping or renaming the table moves one range.

#include <string>
#include <utility>

#include "sql/qualified_name.h"

namespace asq::interp {

/// Erases every entry of `table`.
template <typename Map>
void forget_table(Map& map, const QualifiedName& table) {
  auto first = map.lower_bound({table, std::string()});
  auto last = first;
  while (last != map.end() && last->first.first == table) ++last;
  map.erase(first, last);
}

/// The entries of `from` become those of `to` (op.rename_table keeps columns and constraints);
/// what was known of `to` before is forgotten.
template <typename Map>
void rename_table(Map& map, const QualifiedName& from, const QualifiedName& to) {
  forget_table(map, to);
  Map moved;
  for (auto it = map.lower_bound({from, std::string()});
       it != map.end() && it->first.first == from;) {
    moved.emplace(std::make_pair(to, it->first.second), std::move(it->second));
    it = map.erase(it);
  }
  map.merge(moved);
}

}  // namespace asq::interp
