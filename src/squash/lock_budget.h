#pragma once

// How many entries of the server's shared lock table a squash's transactions take, against how
// many it has (max_locks_per_transaction x (max_connections + max_prepared_transactions)).

#include <optional>
#include <string>
#include <vector>

#include "db/lock_settings.h"
#include "schema/model.h"

namespace asq {

/// Relations one transaction that builds `schema` from nothing creates, and so holds a lock on
/// until it commits: each table (with its TOAST table and TOAST index when a column can be
/// TOASTed; a partitioned parent has none), each index and index-backed constraint (primary key,
/// unique, exclusion), each sequence (identity ones included), view and materialized view. An
/// estimate that errs high (a column of a domain or unknown type counts as TOASTable).
long long relations_created(const Schema& schema);

/// What the squash's commit locks against DDL and how many lock entries that takes.
struct CommitLocks {
  /// The live tables to LOCK (all of them, or none when they do not fit).
  std::vector<QualifiedName> tables;
  /// Relations those locks hold: each table, every partition or child under a parent (LOCK
  /// TABLE recurses), plus the version table and the advisory lock.
  long long entries = 0;
  /// The entries locking every live table would take, whether or not it does.
  long long entries_for_all = 0;
};

/// Locks every live table when that takes at most a quarter of the lock table; otherwise none
/// (the commit then only checks the live schema again).
CommitLocks commit_locks(const Schema& live, const LockSettings& settings);

/// A lock-table warning: what may fail, and the fix.
struct LockWarning {
  std::string message;
  std::string fix;
};

/// The warning for one transaction that creates `relations` relations (an empty database's
/// `alembic upgrade head` of the new files) when they pass half the lock table; nullopt below.
std::optional<LockWarning> upgrade_lock_warning(long long relations, const LockSettings& settings);

/// Warnings for the plan: the new files' one-transaction upgrade against the lock table, and a
/// commit that cannot lock the live tables. Each names the numbers and the fix.
std::vector<std::string> lock_warnings(const Schema& live, const LockSettings& settings);

}  // namespace asq
