#include "diff/dependency_order.h"

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <set>

#include "diff/diff.h"

namespace asq {
namespace {

/// The graph of unmet needs among the nodes not yet placed: node index -> prerequisite index ->
/// breakable (false as soon as one of the parallel needs is not).
using Needs = std::vector<std::map<size_t, bool>>;

/// Strongly connected components of the remaining nodes (Tarjan), each sorted, listed by their
/// smallest member.
std::vector<std::vector<size_t>> components(const Needs& needs, const std::vector<bool>& placed) {
  size_t n = needs.size();
  std::vector<int> index(n, -1), low(n, 0);
  std::vector<bool> on_stack(n, false);
  std::vector<size_t> stack;
  std::vector<std::vector<size_t>> out;
  int counter = 0;
  std::function<void(size_t)> visit = [&](size_t v) {
    index[v] = low[v] = counter++;
    stack.push_back(v);
    on_stack[v] = true;
    for (const auto& [w, breakable] : needs[v]) {
      if (index[w] < 0) {
        visit(w);
        low[v] = std::min(low[v], low[w]);
      } else if (on_stack[w]) {
        low[v] = std::min(low[v], index[w]);
      }
    }
    if (low[v] != index[v]) return;
    std::vector<size_t> component;
    size_t w;
    do {
      w = stack.back();
      stack.pop_back();
      on_stack[w] = false;
      component.push_back(w);
    } while (w != v);
    std::sort(component.begin(), component.end());
    out.push_back(std::move(component));
  };
  for (size_t v = 0; v < n; ++v) {
    if (!placed[v] && index[v] < 0) visit(v);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string describe_cycle(const Needs& needs, const std::vector<size_t>& component,
                           const std::vector<std::string>& nodes) {
  std::set<size_t> members(component.begin(), component.end());
  std::vector<size_t> path{component.front()};
  std::set<size_t> seen{component.front()};
  while (true) {
    size_t next = 0;
    for (const auto& [w, breakable] : needs[path.back()]) {
      if (members.count(w)) {
        next = w;
        break;
      }
    }
    if (seen.count(next)) {
      path.erase(path.begin(), std::find(path.begin(), path.end(), next));
      path.push_back(next);
      break;
    }
    seen.insert(next);
    path.push_back(next);
  }
  std::string text;
  for (size_t v : path) text += (text.empty() ? "" : " -> ") + nodes[v];
  return text;
}

}  // namespace

DependencyOrder order_by_dependencies(std::vector<std::string> nodes,
                                      const std::vector<Dependency>& dependencies) {
  std::sort(nodes.begin(), nodes.end());
  nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
  auto position = [&](const std::string& name) -> std::optional<size_t> {
    auto it = std::lower_bound(nodes.begin(), nodes.end(), name);
    if (it == nodes.end() || *it != name) return std::nullopt;
    return static_cast<size_t>(it - nodes.begin());
  };
  Needs needs(nodes.size());
  std::vector<std::set<size_t>> dependents(nodes.size());
  for (const Dependency& d : dependencies) {
    auto node = position(d.node);
    auto prerequisite = position(d.prerequisite);
    if (!node || !prerequisite || *node == *prerequisite) continue;
    auto [it, inserted] = needs[*node].emplace(*prerequisite, d.breakable);
    if (!inserted) it->second = it->second && d.breakable;
    dependents[*prerequisite].insert(*node);
  }

  DependencyOrder result;
  std::vector<bool> placed(nodes.size(), false);
  std::set<size_t> ready;
  for (size_t v = 0; v < nodes.size(); ++v) {
    if (needs[v].empty()) ready.insert(v);
  }
  size_t remaining = nodes.size();
  while (remaining > 0) {
    if (ready.empty()) {
      std::optional<size_t> chosen;
      std::vector<std::vector<size_t>> stuck = components(needs, placed);
      std::vector<size_t> first_cycle;
      for (const auto& component : stuck) {
        std::set<size_t> members(component.begin(), component.end());
        bool closed = std::all_of(component.begin(), component.end(), [&](size_t v) {
          return std::all_of(needs[v].begin(), needs[v].end(),
                             [&](const auto& need) { return members.count(need.first) > 0; });
        });
        if (!closed || component.size() < 2) continue;
        if (first_cycle.empty()) first_cycle = component;
        for (size_t v : component) {
          bool all_breakable = std::all_of(needs[v].begin(), needs[v].end(),
                                           [](const auto& need) { return need.second; });
          if (all_breakable) {
            chosen = v;
            break;
          }
        }
        if (chosen) break;
      }
      if (!chosen) {
        throw DiffError("dependency cycle that no order can satisfy: " +
                        describe_cycle(needs, first_cycle, nodes));
      }
      for (const auto& [w, breakable] : needs[*chosen]) {
        result.broken.push_back({nodes[*chosen], nodes[w], true});
        dependents[w].erase(*chosen);
      }
      needs[*chosen].clear();
      ready.insert(*chosen);
    }
    size_t v = *ready.begin();
    ready.erase(ready.begin());
    placed[v] = true;
    --remaining;
    result.order.push_back(nodes[v]);
    for (size_t dependent : dependents[v]) {
      needs[dependent].erase(v);
      if (needs[dependent].empty() && !placed[dependent]) ready.insert(dependent);
    }
  }
  return result;
}

}  // namespace asq
