#include "db/roles.h"

#include <set>

#include "common/errors.h"
#include "common/text.h"
#include "schema/privileges.h"

namespace asq {

bool may_create_databases(pqxx::connection& connection) {
  pqxx::read_transaction tx(connection);
  return tx
      .exec("SELECT rolcreatedb OR rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user")
      .at(0)
      .at(0)
      .as<bool>();
}

std::vector<std::string> missing_roles(pqxx::transaction_base& tx,
                                       const std::vector<std::string>& roles) {
  std::vector<std::string> out;
  if (roles.empty()) return out;
  std::set<std::string> existing;
  for (const auto& row : tx.exec("SELECT rolname FROM pg_catalog.pg_roles")) {
    existing.insert(row[0].as<std::string>());
  }
  for (const std::string& role : roles) {
    if (!existing.count(role)) out.push_back(role);
  }
  return out;
}

void require_roles(pqxx::transaction_base& tx, const Schema& schema, const std::string& where,
                   const std::string& what) {
  std::vector<std::string> missing = missing_roles(tx, roles_named(schema));
  if (missing.empty()) return;
  throw Refused(what + " name " + (missing.size() == 1 ? "a role" : "roles") + " that " + where +
                " lacks: " + join(missing, ", ") + "; create " +
                (missing.size() == 1 ? "it" : "them") +
                " (CREATE ROLE ...) or leave owners and privileges out (no --privileges). "
                "Nothing was changed");
}

}  // namespace asq
