#pragma once

// Whether an op may make, drop, rename or move a table in a way the op itself does not say:
// raw SQL beyond plain DDL of other objects. What an inspector's get_table_names() answers is
// known only while no such op ran.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ops/ops.h"

namespace asq {

/// True for Execute ops unless each statement is one that leaves the set of tables as it is:
/// CREATE/DROP of other objects (not TABLE, SCHEMA, EXTENSION), ALTER TABLE without RENAME or
/// SET SCHEMA, ALTER of other objects (not EXTENSION), COMMENT, GRANT, REVOKE, INSERT, UPDATE,
/// DELETE, SET, RESET. A SELECT or DO may call a function that makes tables: true. So does
/// CREATE or DROP EXTENSION. Other ops say what they do: false.
bool may_change_tables(const Op& op);

/// The tables ops made, dropped and renamed, over those there before them; unknown once an op
/// may have changed them unseen (may_change_tables) or lose_track() was called.
class TableLedger {
 public:
  void learn(const Op& op);
  void lose_track() { known_ = false; }
  /// The tables of `schema`: `before` with what was learnt applied, sorted; nullopt when
  /// unknown.
  std::optional<std::vector<std::string>> names(const std::string& schema,
                                                const std::vector<std::string>& before) const;

 private:
  std::map<QualifiedName, bool> made_;  // true: made, false: dropped
  bool known_ = true;
};

}  // namespace asq
