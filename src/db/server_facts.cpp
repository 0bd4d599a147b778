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
