#pragma once

// Which part of a database the tool manages: the schemas, the version table, excluded tables.

#include <string>
#include <vector>

namespace asq {

/// What to read from a database.
struct IntrospectOptions {
  std::vector<std::string> schemas = {"public"};
  std::string version_table_schema = "public";
  std::string version_table = "alembic_version";
  std::vector<std::string> exclude_tables;
  /// Owners and privileges too (--privileges; privileges.sql), and ALTER DEFAULT PRIVILEGES
  /// reaching the managed schemas refused as unsupported.
  bool privileges = false;
};

}  // namespace asq
