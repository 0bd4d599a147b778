// The orderings and name resolution of RevisionGraph, following Alembic's RevisionMap.

#include <algorithm>

#include "revisions/graph.h"

namespace asq {

std::vector<int> RevisionGraph::history() const {
  size_t n = revisions_.size();
  std::vector<int> targets = real_heads();
  std::vector<bool> todo(n, false);
  size_t remaining = 0;
  for (int head : targets) {
    std::vector<bool> reach = ancestors(head);
    for (size_t i = 0; i < n; ++i) {
      if (reach[i] && !todo[i]) {
        todo[i] = true;
        ++remaining;
      }
    }
  }
  // Alembic's _topological_sort: walk down from the heads, in load order, and never emit a
  // revision while another head still has it as an ancestor.
  std::vector<int> current = targets;  // already in load order
  std::vector<std::vector<bool>> ancestors_of;
  for (int head : current) ancestors_of.push_back(ancestors(head));
  std::vector<int> output;
  output.reserve(remaining);
  size_t pick = 0;
  while (!current.empty()) {
    int candidate = current[pick];
    bool blocked = false;
    for (size_t other = 0; other < ancestors_of.size(); ++other) {
      if (other != pick && ancestors_of[other][candidate]) {
        pick = other;
        blocked = true;
        break;
      }
    }
    if (blocked) continue;
    if (todo[candidate]) {
      output.push_back(candidate);
      todo[candidate] = false;
    }
    const Revision& revision = revisions_[candidate];
    std::vector<int> down = revision.down;
    for (int d : revision.normalized_dependencies) {
      if (std::find(down.begin(), down.end(), d) == down.end()) down.push_back(d);
    }
    std::vector<int> to_add;
    for (int d : down) {
      if (todo[d] && std::find(current.begin(), current.end(), d) == current.end())
        to_add.push_back(d);
    }
    if (to_add.empty()) {
      current.erase(current.begin() + static_cast<long>(pick));
      ancestors_of.erase(ancestors_of.begin() + static_cast<long>(pick));
      pick = pick > 0 ? pick - 1 : 0;
    } else if (revision.normalized_dependencies.empty() && revision.down.size() == 1) {
      current[pick] = to_add.front();
      ancestors_of[pick][candidate] = false;
    } else {
      current[pick] = to_add.front();
      ancestors_of[pick] = ancestors(to_add.front());
      for (size_t k = 1; k < to_add.size(); ++k) {
        current.push_back(to_add[k]);
        ancestors_of.push_back(ancestors(to_add[k]));
      }
    }
  }
  return output;
}

std::optional<int> RevisionGraph::resolve_one(std::string_view name, std::string& error) const {
  std::string key(name);
  if (auto it = by_id_.find(key); it != by_id_.end()) return it->second;
  if (auto it = by_label_.find(key); it != by_label_.end()) return it->second;
  std::vector<std::string> matches;
  std::vector<int> indexes;
  auto consider = [&](const std::string& candidate, int index) {
    if (candidate.size() > 3 && candidate.rfind(key, 0) == 0 &&
        std::find(indexes.begin(), indexes.end(), index) == indexes.end()) {
      matches.push_back(candidate);
      indexes.push_back(index);
    }
  };
  for (const auto& revision : revisions_) consider(revision.id(), by_id_.at(revision.id()));
  for (const auto& [label, index] : by_label_) consider(label, index);
  if (matches.size() == 1) return indexes.front();
  if (matches.empty()) {
    error = "No such revision or branch '" + key + "'";
    if (key.size() < 4)
      error +=
          "; please ensure at least four characters are present for partial revision "
          "identifier matches";
  } else {
    std::sort(matches.begin(), matches.end());
    error = "Multiple revisions start with '" + key + "': ";
    for (size_t i = 0; i < matches.size() && i < 3; ++i)
      error += (i ? ", '" : "'") + matches[i] + "'";
    error += "...";
  }
  return std::nullopt;
}

Resolution RevisionGraph::resolve(std::string_view name) const {
  Resolution result;
  std::string label;
  std::string_view rest = name;
  if (size_t at = name.find('@'); at != std::string_view::npos) {
    label = std::string(name.substr(0, at));
    rest = name.substr(at + 1);
  }
  std::vector<bool> lineage;
  if (!label.empty()) {
    std::optional<int> branch = resolve_one(label, result.error);
    if (!branch) {
      result.error = "No such branch: '" + label + "'";
      return result;
    }
    lineage = ancestors(*branch);
    for (int d : descendants_dfs(*branch)) lineage[d] = true;
  }
  auto on_branch = [&](int index) { return lineage.empty() || lineage[index]; };
  if (rest == "heads" || rest == "head") {
    std::vector<int> tips = label.empty() && rest == "heads" ? real_heads() : heads();
    for (int tip : tips) {
      if (on_branch(tip)) result.ids.push_back(revisions_[tip].id());
    }
    if (rest == "head" && result.ids.size() > 1) {
      std::string list;
      for (const auto& id : result.ids) list += (list.empty() ? "" : ", ") + id;
      result.error =
          "Multiple heads are present for given argument '" + std::string(name) + "'; " + list;
      result.ids.clear();
    }
    return result;
  }
  if (rest == "base" || rest.empty()) return result;
  std::optional<int> index = resolve_one(rest, result.error);
  if (!index) return result;
  if (!on_branch(*index)) {
    result.error =
        "Revision " + revisions_[*index].id() + " is not a member of branch '" + label + "'";
    return result;
  }
  result.ids.push_back(revisions_[*index].id());
  return result;
}

}  // namespace asq
