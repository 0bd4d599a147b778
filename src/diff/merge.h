#pragma once

// The one sorted merge that every object kind shares (schemas, extensions, enum types,
// sequences, tables, columns, constraints, indexes): both lists are walked in key order and
// each key comes out once, with the item on each side that has it.

#include <algorithm>
#include <vector>

namespace asq {

/// One key of a merge: the item in `from`, in `to`, or both.
template <typename T>
struct Matched {
  const T* from = nullptr;
  const T* to = nullptr;

  bool added() const { return from == nullptr; }
  bool removed() const { return to == nullptr; }
  bool both() const { return from != nullptr && to != nullptr; }
  bool changed() const { return both() && !(*from == *to); }
};

/// Matches the items of `from` and `to` by `key_of(item)`, in ascending key order (the input
/// order does not matter; equal keys on one side are matched in their input order).
template <typename T, typename KeyOf>
std::vector<Matched<T>> merge_by_key(const std::vector<T>& from, const std::vector<T>& to,
                                     KeyOf key_of) {
  auto sorted = [&](const std::vector<T>& items) {
    std::vector<const T*> out;
    out.reserve(items.size());
    for (const T& item : items) out.push_back(&item);
    std::stable_sort(out.begin(), out.end(),
                     [&](const T* a, const T* b) { return key_of(*a) < key_of(*b); });
    return out;
  };
  std::vector<const T*> left = sorted(from);
  std::vector<const T*> right = sorted(to);
  std::vector<Matched<T>> out;
  out.reserve(std::max(left.size(), right.size()));
  size_t i = 0, j = 0;
  while (i < left.size() || j < right.size()) {
    if (j == right.size() || (i < left.size() && key_of(*left[i]) < key_of(*right[j]))) {
      out.push_back({left[i++], nullptr});
    } else if (i == left.size() || key_of(*right[j]) < key_of(*left[i])) {
      out.push_back({nullptr, right[j++]});
    } else {
      out.push_back({left[i++], right[j++]});
    }
  }
  return out;
}

/// merge_by_key on the `name` member, which every named object of the model has.
template <typename T>
std::vector<Matched<T>> merge_by_name(const std::vector<T>& from, const std::vector<T>& to) {
  return merge_by_key(from, to, [](const T& item) { return item.name; });
}

}  // namespace asq
