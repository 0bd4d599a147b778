#pragma once

// The common DDL inside op.execute() strings, for the in-memory engine: each statement is turned
// into Ops and applied. Data statements (INSERT, UPDATE, DELETE, SELECT, ...) change no schema
// and are passed over. A statement outside the modelled set throws ApplyError naming it, so the
// caller falls back to the scratch engine instead of guessing.

#include <string>

#include "db/server_facts.h"
#include "schema/model.h"

namespace asq {

/// Applies every statement of `sql` to `schema`, in order. Throws ApplyError.
/// GRANT, REVOKE, ALTER DEFAULT PRIVILEGES and ALTER ... OWNER TO are set aside: they change
/// no schema unless owners and privileges are part of it (sets_privileges tells).
void apply_sql(Schema& schema, const std::string& sql, const ServerFacts& server);

/// Whether `sql` holds a GRANT, REVOKE, ALTER DEFAULT PRIVILEGES or ALTER ... OWNER TO.
bool sets_privileges(const std::string& sql);

}  // namespace asq
