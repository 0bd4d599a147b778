#pragma once

// Roles that owners and grants name (--privileges) must exist where the schema is built: roles
// belong to the server, not to the database or the migration files.

#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "schema/model.h"

namespace asq {

/// Whether the role `connection` logs in as may create databases (CREATEDB, or a superuser):
/// what a scratch database needs.
bool may_create_databases(pqxx::connection& connection);

/// The roles of `roles` that do not exist on the server `tx` is connected to, in order.
std::vector<std::string> missing_roles(pqxx::transaction_base& tx,
                                       const std::vector<std::string>& roles);

/// Throws Refused naming the roles that `schema`'s owners and grants name and that the server
/// of `tx` (described as `where`) lacks; `what` says what needs them.
void require_roles(pqxx::transaction_base& tx, const Schema& schema, const std::string& where,
                   const std::string& what);

}  // namespace asq
