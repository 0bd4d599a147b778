#pragma once

// The server settings that size PostgreSQL's shared lock table.

#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace asq {

/// max_locks_per_transaction, max_connections and max_prepared_transactions as the server has
/// them (stock: 64, 100, 0).
struct LockSettings {
  long long max_locks_per_transaction = 64;
  long long max_connections = 100;
  long long max_prepared_transactions = 0;

  /// max_locks_per_transaction x (max_connections + max_prepared_transactions): how many objects
  /// the transactions of the whole server may hold locks on together, as PostgreSQL documents
  /// the lock table's size (one transaction may take all of it while no other holds any).
  long long capacity() const {
    return max_locks_per_transaction * (max_connections + max_prepared_transactions);
  }
  bool operator==(const LockSettings&) const = default;
};

/// The three settings, read with SHOW.
LockSettings read_lock_settings(pqxx::connection& connection);

/// Relations in `schemas` as a baseline would create them: tables, indexes, sequences, views,
/// materialized views, and for each table with a TOAST table that table and its index; the
/// version table `version_schema.version_table` and its key left out.
long long count_relations(pqxx::connection& connection, const std::vector<std::string>& schemas,
                          const std::string& version_schema, const std::string& version_table);

}  // namespace asq
