#include "introspect/privilege_rows.h"

#include <algorithm>
#include <map>

#include "schema/privileges.h"
#include "sql/identifiers.h"

namespace asq {
namespace {

std::string target_of_row(const pqxx::row& row) {
  std::string kind = row["kind"].as<std::string>();
  std::string name = row["name"].as<std::string>();
  if (kind == "SCHEMA") return schema_target(name);
  std::string target = kind + " " + qualified_spelling({row["schema"].as<std::string>(), name});
  if (kind == "FUNCTION" || kind == "PROCEDURE") {
    target += "(" + row["signature"].as<std::string>() + ")";
  }
  return target;
}

bool is_relation(const std::string& kind) {
  return kind == "TABLE" || kind == "VIEW" || kind == "MATERIALIZED VIEW" || kind == "SEQUENCE";
}

}  // namespace

std::vector<Privileges> privileges_of_rows(
    const pqxx::result& rows, const std::function<bool(const QualifiedName&)>& excluded,
    std::vector<std::string>& unsupported) {
  std::map<std::pair<std::string, std::string>, Privileges> entries;
  for (const auto& row : rows) {
    std::string kind = row["kind"].as<std::string>();
    if (is_relation(kind) &&
        excluded({row["schema"].as<std::string>(), row["name"].as<std::string>()})) {
      continue;
    }
    std::string target = target_of_row(row);
    std::string column = row["column_name"].as<std::string>();
    Privileges& entry = entries[{target, column}];
    entry.target = target;
    entry.column = column;
    entry.owner = row["owner"].as<std::string>();
    entry.owner_follows_table = row["linked"].as<bool>();
    if (row["grantee"].is_null()) continue;
    Grant grant{row["grantee"].as<std::string>(), row["privilege"].as<std::string>(),
                row["grantable"].as<bool>()};
    if (!row["granted_by_owner"].as<bool>()) {
      unsupported.push_back("grant " + grant.privilege + " on " + target +
                            (column.empty() ? "" : " (" + column + ")") + " to " + grant.grantee +
                            " by " + row["grantor"].as<std::string>() + ", not by the owner");
      continue;
    }
    if (std::find(entry.grantee_order.begin(), entry.grantee_order.end(), grant.grantee) ==
        entry.grantee_order.end()) {
      entry.grantee_order.push_back(grant.grantee);
    }
    entry.grants.push_back(std::move(grant));
  }
  std::vector<Privileges> out;
  for (auto& [key, entry] : entries) {
    canonicalize(entry);
    if (!is_default(entry)) out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace asq
