#include "support/catalog.h"

#include <pqxx/pqxx>

namespace asq::test {
namespace {

// pg_toast and pg_temp_* hold only what PostgreSQL makes for user tables; the version table and
// its primary key index belong to Alembic. Array types and the row types of tables come and go
// with their element type or table, so they are not listed twice.
constexpr const char* kUserObjects = R"(
WITH user_namespace AS (
  SELECT oid, nspname FROM pg_namespace
  WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname !~ '^pg_(toast|temp)'
)
SELECT 'relation ' || n.nspname || '.' || c.relname || ' (' || c.relkind::text || ')'
FROM pg_class c JOIN user_namespace n ON n.oid = c.relnamespace
WHERE c.relname NOT IN ('alembic_version', 'alembic_version_pkc')
UNION ALL
SELECT 'type ' || n.nspname || '.' || t.typname
FROM pg_type t JOIN user_namespace n ON n.oid = t.typnamespace
WHERE t.typcategory <> 'A'
  AND (t.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
UNION ALL
SELECT 'function ' || n.nspname || '.' || p.proname || '(' ||
       pg_get_function_identity_arguments(p.oid) || ')'
FROM pg_proc p JOIN user_namespace n ON n.oid = p.pronamespace
UNION ALL
SELECT 'schema ' || nspname FROM user_namespace WHERE nspname <> 'public'
UNION ALL
SELECT 'extension ' || extname FROM pg_extension WHERE extname <> 'plpgsql'
ORDER BY 1
)";

}  // namespace

const std::vector<std::string>& object_kind_fixtures() {
  static const std::vector<std::string> names = {"triggers",   "enums",       "identity",
                                                 "partitions", "multischema", "rawsql"};
  return names;
}

std::vector<std::string> user_objects(const std::string& url) {
  pqxx::connection connection(url);
  pqxx::read_transaction tx(connection);
  std::vector<std::string> out;
  for (const auto& row : tx.exec(kUserObjects)) out.push_back(row[0].as<std::string>());
  return out;
}

}  // namespace asq::test
