#pragma once

// The common DDL inside op.execute() strings, for the in-memory engine: each statement is turned
// into Ops and applied. Data statements (INSERT, UPDATE, DELETE, SELECT, ...) change no schema
// and are passed over. A statement outside the modelled set throws ApplyError naming it, so the
// caller falls back to the scratch engine instead of guessing.

#include <map>
#include <string>

#include "schema/model.h"

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

/// Applies every statement of `sql` to `schema`, in order. Throws ApplyError.
/// GRANT, REVOKE, ALTER DEFAULT PRIVILEGES and ALTER ... OWNER TO are set aside: they change
/// no schema unless owners and privileges are part of it (sets_privileges tells).
void apply_sql(Schema& schema, const std::string& sql, const ServerFacts& server);

/// Whether `sql` holds a GRANT, REVOKE, ALTER DEFAULT PRIVILEGES or ALTER ... OWNER TO.
bool sets_privileges(const std::string& sql);

}  // namespace asq
