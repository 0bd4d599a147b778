#include "schema/privileges.h"

#include <algorithm>
#include <set>

#include "sql/identifiers.h"

namespace asq {
namespace {

const std::vector<std::string>& owner_defaults(const std::string& kind) {
  static const std::vector<std::string> relation = {"DELETE",  "INSERT",   "REFERENCES", "SELECT",
                                                    "TRIGGER", "TRUNCATE", "UPDATE"};
  static const std::vector<std::string> sequence = {"SELECT", "UPDATE", "USAGE"};
  static const std::vector<std::string> routine = {"EXECUTE"};
  static const std::vector<std::string> type = {"USAGE"};
  static const std::vector<std::string> schema = {"CREATE", "USAGE"};
  static const std::vector<std::string> none;
  if (kind == "TABLE" || kind == "VIEW" || kind == "MATERIALIZED VIEW") return relation;
  if (kind == "SEQUENCE") return sequence;
  if (kind == "FUNCTION" || kind == "PROCEDURE") return routine;
  if (kind == "TYPE" || kind == "DOMAIN") return type;
  if (kind == "SCHEMA") return schema;
  return none;
}

/// What PUBLIC has on a new object of the kind.
const char* public_default(const std::string& kind) {
  if (kind == "FUNCTION" || kind == "PROCEDURE") return "EXECUTE";
  if (kind == "TYPE" || kind == "DOMAIN") return "USAGE";
  return nullptr;
}

bool same_grant(const Grant& a, const Grant& b) {
  return a.grantee == b.grantee && a.privilege == b.privilege;
}

}  // namespace

std::string privilege_kind(const std::string& target) {
  if (target.rfind("MATERIALIZED VIEW ", 0) == 0) return "MATERIALIZED VIEW";
  return target.substr(0, target.find(' '));
}

std::string privilege_schema(const std::string& target) {
  std::string_view name(target);
  name.remove_prefix(std::min(name.size(), privilege_kind(target).size() + 1));
  if (name.empty() || name.front() != '"') return std::string(name.substr(0, name.find('.')));
  std::string schema;  // a quoted identifier: "" stands for "
  for (size_t at = 1; at < name.size(); ++at) {
    if (name[at] == '"') {
      if (at + 1 >= name.size() || name[at + 1] != '"') break;
      ++at;
    }
    schema += name[at];
  }
  return schema;
}

std::string grant_target(const std::string& target) {
  std::string kind = privilege_kind(target);
  if (kind == "VIEW" || kind == "MATERIALIZED VIEW") {
    return "TABLE" + target.substr(kind.size());
  }
  return target;
}

std::string schema_target(const std::string& schema) {
  return "SCHEMA " + quote_identifier(schema);
}
std::string table_target(const QualifiedName& table) {
  return "TABLE " + qualified_spelling(table);
}
std::string sequence_target(const QualifiedName& sequence) {
  return "SEQUENCE " + qualified_spelling(sequence);
}
std::string enum_target(const QualifiedName& type) { return "TYPE " + qualified_spelling(type); }

Privileges default_privileges(const std::string& target, const std::string& column,
                              const std::string& owner) {
  Privileges out{target, column, column.empty() ? owner : "", false, {}};
  if (!column.empty()) return out;
  std::string kind = privilege_kind(target);
  if (target == schema_target("public")) out.owner = "pg_database_owner";
  for (const std::string& privilege : owner_defaults(kind)) {
    out.grants.push_back({out.owner, privilege, false});
  }
  if (target == schema_target("public")) out.grants.push_back({kPublicGrantee, "USAGE", false});
  if (const char* privilege = public_default(kind)) {
    out.grants.push_back({kPublicGrantee, privilege, false});
  }
  canonicalize(out);
  return out;
}

void canonicalize(Privileges& privileges) {
  std::vector<Grant>& grants = privileges.grants;
  std::sort(grants.begin(), grants.end());
  std::vector<Grant> merged;
  for (const Grant& grant : grants) {
    if (!merged.empty() && same_grant(merged.back(), grant)) {
      merged.back().grantable = merged.back().grantable || grant.grantable;
    } else {
      merged.push_back(grant);
    }
  }
  grants = std::move(merged);
}

bool is_default(const Privileges& privileges) {
  Privileges expected = default_privileges(privileges.target, privileges.column);
  expected.owner_follows_table = privileges.owner_follows_table;
  return privileges == expected;
}

Privileges with_owner(Privileges privileges, const std::string& new_owner) {
  for (Grant& grant : privileges.grants) {
    if (grant.grantee == privileges.owner) grant.grantee = new_owner;
  }
  if (privileges.column.empty()) privileges.owner = new_owner;
  canonicalize(privileges);
  return privileges;
}

Privileges privileges_of(const Schema& schema, const std::string& target,
                         const std::string& column) {
  auto it = std::lower_bound(
      schema.privileges.begin(), schema.privileges.end(), std::pair(target, column),
      [](const Privileges& p, const auto& key) { return std::pair(p.target, p.column) < key; });
  if (it != schema.privileges.end() && it->target == target && it->column == column) return *it;
  return default_privileges(target, column);
}

std::vector<std::string> roles_named(const Schema& schema) {
  std::set<std::string> roles;
  auto add = [&](const std::string& role) {
    if (!role.empty() && role != kCurrentUser && role != kPublicGrantee) roles.insert(role);
  };
  for (const Privileges& p : schema.privileges) {
    add(p.owner);
    for (const Grant& grant : p.grants) add(grant.grantee);
  }
  return {roles.begin(), roles.end()};
}

std::string role_spelling(const std::string& role) {
  if (role == kCurrentUser || role == kPublicGrantee) return role;
  return quote_identifier(role);
}

}  // namespace asq
