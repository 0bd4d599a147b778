#include "db/server_facts.h"

namespace asq {

std::map<std::string, std::string> default_extension_versions(pqxx::connection& connection) {
  pqxx::read_transaction tx(connection);
  std::map<std::string, std::string> versions;
  for (const auto& row : tx.exec("SELECT name, default_version FROM "
                                 "pg_catalog.pg_available_extensions "
                                 "WHERE default_version IS NOT NULL")) {
    versions[row[0].as<std::string>()] = row[1].as<std::string>();
  }
  return versions;
}

}  // namespace asq

namespace asq {

ServerFacts server_facts(pqxx::connection& connection) {
  ServerFacts facts;
  facts.extensions = default_extension_versions(connection);
  pqxx::read_transaction tx(connection);
  facts.time_zone = tx.exec1("SELECT pg_catalog.current_setting('TimeZone')")[0].as<std::string>();
  return facts;
}

ConnectionHeadroom connection_headroom(pqxx::connection& connection) {
  pqxx::read_transaction tx(connection);
  pqxx::row row = tx.exec1(
      "SELECT current_setting('max_connections')::int, "
      "current_setting('superuser_reserved_connections')::int + "
      "coalesce(current_setting('reserved_connections', true)::int, 0), "
      "(SELECT count(*) FROM pg_catalog.pg_stat_activity "
      "WHERE backend_type = 'client backend')::int");
  return {row[0].as<int>(), row[1].as<int>(), row[2].as<int>()};
}

}  // namespace asq
