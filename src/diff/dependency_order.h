#pragma once

// A dependency-aware order inside one phase of a diff: each node after its prerequisites,
// ties by name, cycles broken at breakable edges (a foreign key can be added later), and a
// clear error when a cycle has none.

#include <string>
#include <vector>

namespace asq {

/// `node` needs `prerequisite` first; a breakable need can be met later by a separate step.
struct Dependency {
  std::string node;
  std::string prerequisite;
  bool breakable = false;

  bool operator==(const Dependency&) const = default;
};

struct DependencyOrder {
  std::vector<std::string> order;
  /// The breakable dependencies that had to be left unmet to break cycles, in the order they
  /// were broken.
  std::vector<Dependency> broken;
};

/// Orders `nodes` (names, unique) so that every node comes after its prerequisites; among the
/// nodes that are ready the smallest name goes first. Dependencies on nodes outside the list
/// and on the node itself are ignored. When only cycles are left, the smallest node of the
/// first cycle whose needs inside that cycle are all breakable is taken and those needs are
/// reported as broken; without such a node throws DiffError naming the cycle.
DependencyOrder order_by_dependencies(std::vector<std::string> nodes,
                                      const std::vector<Dependency>& dependencies);

}  // namespace asq
