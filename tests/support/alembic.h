#pragma once

#include <string>
#include <vector>

#include "support/process.h"

namespace asq::test {

/// Runs the real Alembic (`/usr/bin/python3 -m alembic ARGS`) in `project_dir` with
/// DATABASE_URL set and no bytecode written.
ProcessResult run_alembic(const std::string& project_dir, const std::vector<std::string>& args,
                          const std::string& database_url);

/// `pg_dump --schema-only` of a database (of its schema `only_schema` when given, `-n`), made
/// comparable: without the random `\restrict`/`\unrestrict` lines, comments and blank lines;
/// nothing reordered.
std::string schema_dump(const std::string& database_url, const std::string& only_schema = "");

/// The same with owners (ALTER ... OWNER TO) and privileges (GRANT, REVOKE) left in.
std::string schema_dump_with_owners(const std::string& database_url);

/// schema_dump without GRANT and REVOKE either (--no-privileges).
std::string schema_dump_without_privileges(const std::string& database_url);

}  // namespace asq::test
