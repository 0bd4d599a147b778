#pragma once

#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace asq {

/// What the database's version table holds.
struct VersionTableState {
  bool exists = false;
  std::vector<std::string> rows;  // version_num values, sorted
};

/// Version rows in a canonical order, so two sets of rows compare with ==.
std::vector<std::string> sorted_rows(std::vector<std::string> rows);

/// Reads `schema.table` (Alembic's alembic_version by default).
VersionTableState read_version_table(pqxx::connection& connection, const std::string& schema,
                                     const std::string& table);

}  // namespace asq

namespace asq {

/// Rewrites the version table in ONE transaction: takes the tool's advisory lock, locks the
/// table, checks its rows are still `expected` (else throws Refused: someone migrated in
/// between), replaces them with `rows`. Creates the table as Alembic does when it is absent.
void rewrite_version_table(pqxx::connection& connection, const std::string& schema,
                           const std::string& table, const std::vector<std::string>& expected,
                           const std::vector<std::string>& rows);

/// The same inside a transaction the caller commits (so other changes can join it).
void rewrite_version_rows(pqxx::transaction_base& tx, const std::string& schema,
                          const std::string& table, const std::vector<std::string>& expected,
                          const std::vector<std::string>& rows);

}  // namespace asq
