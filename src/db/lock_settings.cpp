#include "db/lock_settings.h"

namespace asq {

LockSettings read_lock_settings(pqxx::connection& connection) {
  pqxx::read_transaction tx(connection);
  auto setting = [&](const char* name) {
    return tx.exec1(std::string("SELECT pg_catalog.current_setting('") + name + "')::bigint")[0]
        .as<long long>();
  };
  LockSettings settings;
  settings.max_locks_per_transaction = setting("max_locks_per_transaction");
  settings.max_connections = setting("max_connections");
  settings.max_prepared_transactions = setting("max_prepared_transactions");
  return settings;
}

long long count_relations(pqxx::connection& connection, const std::vector<std::string>& schemas,
                          const std::string& version_schema, const std::string& version_table) {
  pqxx::read_transaction tx(connection);
  std::string list = "{";
  for (size_t i = 0; i < schemas.size(); ++i) {
    std::string quoted;
    for (char c : schemas[i])
      quoted += c == '"' || c == '\\' ? std::string("\\") + c : std::string(1, c);
    list += (i ? ",\"" : "\"") + quoted + "\"";
  }
  list += "}";
  return tx
      .exec_params1(
          "SELECT count(*) + 2 * count(*) FILTER (WHERE c.reltoastrelid <> 0) "
          "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
          "WHERE n.nspname = ANY($1::text[]) AND c.relkind IN ('r', 'p', 'i', 'I', 'S', 'v', 'm') "
          "AND c.oid <> coalesce(to_regclass(pg_catalog.quote_ident($2) || '.' || "
          "pg_catalog.quote_ident($3)), 0) "
          "AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_index i WHERE i.indexrelid = c.oid AND "
          "i.indrelid = coalesce(to_regclass(pg_catalog.quote_ident($2) || '.' || "
          "pg_catalog.quote_ident($3)), 0))",
          list, version_schema, version_table)[0]
      .as<long long>();
}

}  // namespace asq
