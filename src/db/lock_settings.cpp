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

}  // namespace asq
