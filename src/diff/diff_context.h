#pragma once

// What the per-kind diffs share while one diff runs: both schemas, the ops collected per phase,
// the hazards, and the enum types that are being recreated.

#include <array>
#include <map>
#include <string>
#include <vector>

#include "diff/diff.h"
#include "ops/comments.h"

namespace asq {

/// The fixed phases of a diff, in the order their ops run.
enum class Phase {
  kDropObjects,      // views, functions, triggers, ... that go or are rebuilt (before any table)
  kDropForeignKeys,  // foreign keys that go or change, and those that block a dropped table
  kDropIndexes,      // indexes that go or change (on kept tables)
  kDropConstraints,  // other constraints that go or change (on kept tables)
  kCreateSchemas,
  kExtensions,
  kEnums,
  kSequences,
  kObjectsBeforeTables,  // domains, composite types, functions that columns, defaults, checks
                         // or indexes use
  kCreateTables,
  kColumns,  // add and alter columns, table comments
  kSequenceOwners,
  kCreateIndexes,
  kAddConstraints,
  kAddForeignKeys,
  kObjects,     // the other views, functions, triggers, policies, ... and comments on them
  kPrivileges,  // owners, then GRANT / REVOKE (--privileges), once everything exists
  kDropColumns,
  kDropTables,
  kDropObjectsAfterTables,  // what the dropped columns and tables used
  kDropSequences,
  kDropEnums,
  kDropExtensions,
  kDropSchemas,
  kCount,
};

/// Ops collected per phase. Ops of the drop phases are emitted in reverse, so each kind can
/// be walked in one (name or creation) order and its drops still mirror its creations.
class PhasedOps {
 public:
  void add(Phase phase, Op op) { phases_[static_cast<size_t>(phase)].push_back(std::move(op)); }
  std::vector<Op> in_order() const;

 private:
  std::array<std::vector<Op>, static_cast<size_t>(Phase::kCount)> phases_;
};

struct DiffContext {
  const Schema& from;
  const Schema& to;
  const FillValues& fill_values;
  PhasedOps ops;
  std::vector<Hazard> hazards;
  std::vector<Fill> fills;
  /// Enum types whose labels were removed or reordered: renamed to the mapped name, created
  /// anew, their columns converted, the old type dropped.
  std::map<QualifiedName, QualifiedName> recreated_enums;

  void hazard(std::string kind, std::string object, std::string message) {
    hazards.push_back({std::move(kind), std::move(object), std::move(message)});
  }
};

/// SetComment (in `phase`) for an object kept on both sides whose comment differs; `table`
/// is the table of an index or a constraint.
template <typename Item, typename... Table>
void diff_comment(DiffContext& c, Phase phase, const Item& from, const Item& to,
                  const Table&... table) {
  if (from.comment != to.comment) c.ops.add(phase, comment_on(table..., to));
}

/// Whether two versions of an object differ in more than their comments.
template <typename Item>
bool differs_beyond_comment(Item from, const Item& to) {
  from.comment = to.comment;
  return !(from == to);
}

/// Tables with their columns, constraints and indexes (table_diff.cpp).
void diff_tables(DiffContext& context);

/// Views, functions, triggers, policies, domains, ... (object_diff.cpp): created after what they
/// need and dropped before it; a changed object is dropped and created again together with
/// everything that depends on it, and so are the objects on a table whose columns change.
void diff_objects(DiffContext& context);

/// Owners and privileges (privilege_diff.cpp): after the other diffs, as it needs their ops.
void diff_privileges(DiffContext& context);

}  // namespace asq
