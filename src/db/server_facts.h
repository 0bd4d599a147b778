#pragma once

// Facts about a PostgreSQL server that replaying without it needs.

#include <map>
#include <pqxx/pqxx>
#include <string>

namespace asq {

/// The version `CREATE EXTENSION` installs when none is given, by extension name (the server's
/// pg_available_extensions.default_version). An extension missing here cannot be modelled.
using ExtensionVersions = std::map<std::string, std::string>;

/// What replaying without the server needs to know about it (db/server_facts.h reads them).
struct ServerFacts {
  ExtensionVersions extensions;
  /// The session TimeZone migrations run in ("Etc/UTC"): a timestamptz partition bound written
  /// without an offset means a moment in it. "" when unknown.
  std::string time_zone;
};

/// The version CREATE EXTENSION installs by default, for every extension the server offers
/// (pg_available_extensions.default_version), by name.
std::map<std::string, std::string> default_extension_versions(pqxx::connection& connection);

/// The extension default versions and the TimeZone a session on this server starts with.
ServerFacts server_facts(pqxx::connection& connection);

/// How many more client connections the server takes for a role without superuser rights.
struct ConnectionHeadroom {
  int max_connections = 0;
  int reserved = 0;  // superuser_reserved_connections (and reserved_connections, PostgreSQL 16+)
  int in_use = 0;    // client backends now, `connection` included
  int free() const { return max_connections - reserved - in_use; }
};

/// Reads the server's max_connections, its reserved slots and pg_stat_activity's client
/// backends.
ConnectionHeadroom connection_headroom(pqxx::connection& connection);

}  // namespace asq
