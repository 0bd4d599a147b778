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

/// Reads `schema.table` (Alembic's alembic_version by default).
VersionTableState read_version_table(pqxx::connection& connection, const std::string& schema,
                                     const std::string& table);

}  // namespace asq
