#pragma once

// Facts about a PostgreSQL server that replaying without it needs.

#include <map>
#include <pqxx/pqxx>
#include <string>

#include "replay/memory_sql.h"

namespace asq {

/// The version CREATE EXTENSION installs by default, for every extension the server offers
/// (pg_available_extensions.default_version), by name.
std::map<std::string, std::string> default_extension_versions(pqxx::connection& connection);

/// The extension default versions and the TimeZone a session on this server starts with.
ServerFacts server_facts(pqxx::connection& connection);

}  // namespace asq
