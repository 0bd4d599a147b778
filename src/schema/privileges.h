#pragma once

// Owners and access privileges (--privileges), in one canonical form so that two schemas compare
// with ==. An object's privileges are the grants its ACL holds (PostgreSQL's default ACL when it
// has none), one Grant per role and privilege, sorted. The role the tool connects as is spelled
// CURRENT_USER: it stands for whichever role runs the migrations, so that a database built by
// `alembic upgrade` as another role still compares equal. Schema::privileges lists only the
// objects whose owner or grants differ from what a migration gives a new object (owner
// CURRENT_USER, the default ACL): without grants in the history it stays empty.

#include <string>
#include <vector>

#include "schema/model.h"

namespace asq {

/// The grantee that stands for the role running the migrations.
inline constexpr const char* kCurrentUser = "CURRENT_USER";
inline constexpr const char* kPublicGrantee = "PUBLIC";

/// The kind word(s) that start `target`: "TABLE", "MATERIALIZED VIEW", "FUNCTION", ...
std::string privilege_kind(const std::string& target);

/// The schema the object of `target` lives in (for a SCHEMA target: that schema), unquoted.
std::string privilege_schema(const std::string& target);

/// What GRANT and REVOKE name the object by: views and materialized views are granted on as
/// TABLE; the rest as the target says.
std::string grant_target(const std::string& target);

/// Targets of the kinds the model carries privileges for.
std::string schema_target(const std::string& schema);
std::string table_target(const QualifiedName& table);
std::string sequence_target(const QualifiedName& sequence);
std::string enum_target(const QualifiedName& type);

/// What a new object of `target` has when `owner` creates it (PostgreSQL 15's acldefault; the
/// public schema as initdb leaves it: owned by pg_database_owner, USAGE for PUBLIC).
Privileges default_privileges(const std::string& target, const std::string& column = "",
                              const std::string& owner = kCurrentUser);

/// Sorts the grants and merges duplicates (grantable wins), in place.
void canonicalize(Privileges& privileges);

/// Whether `privileges` is what a migration gives the object by default (no entry needed).
bool is_default(const Privileges& privileges);

/// The privileges after ALTER ... OWNER TO `new_owner`: the old owner's grants move to the new
/// owner (merged with what it had), as PostgreSQL does.
Privileges with_owner(Privileges privileges, const std::string& new_owner);

/// The entry of `target` (and `column`) in `schema`, or its default when it has none.
Privileges privileges_of(const Schema& schema, const std::string& target,
                         const std::string& column = "");

/// The roles `schema`'s privileges name (owners and grantees, not PUBLIC or CURRENT_USER),
/// sorted and unique: they must exist where the schema is built.
std::vector<std::string> roles_named(const Schema& schema);

/// A role as GRANT, REVOKE and OWNER TO spell it (PUBLIC and CURRENT_USER as keywords).
std::string role_spelling(const std::string& role);

}  // namespace asq
