#include "ops/table_changes.h"

#include <algorithm>
#include <set>

#include "sql/tokens.h"

namespace asq {
namespace {

bool has_word(const std::vector<sql::Token>& statement, std::string_view word) {
  return std::any_of(statement.begin(), statement.end(),
                     [&](const sql::Token& t) { return t.is_word(word); });
}

bool leaves_tables(const std::vector<sql::Token>& statement) {
  const sql::Token& first = statement.front();
  for (std::string_view neutral :
       {"comment", "grant", "revoke", "insert", "update", "delete", "set", "reset"}) {
    if (first.is_word(neutral)) return true;
  }
  if (first.is_word("create") || first.is_word("drop")) {
    return !has_word(statement, "table") && !has_word(statement, "schema") &&
           !has_word(statement, "extension") && !has_word(statement, "owned");
  }
  if (first.is_word("alter")) {
    if (statement.size() > 1 && statement[1].is_word("extension")) return false;
    for (size_t i = 0; i + 1 < statement.size(); ++i) {
      if (statement[i].is_word("set") && statement[i + 1].is_word("schema")) return false;
    }
    return !(statement.size() > 1 && statement[1].is_word("table") &&
             has_word(statement, "rename"));
  }
  return false;
}

}  // namespace

bool may_change_tables(const Op& op) {
  // An extension may bring tables of its own (postgis' spatial_ref_sys).
  if (std::holds_alternative<CreateExtension>(op) || std::holds_alternative<DropExtension>(op))
    return true;
  const Execute* execute = std::get_if<Execute>(&op);
  if (!execute) return false;
  try {
    for (const auto& statement : sql::statements(execute->sql)) {
      if (!leaves_tables(statement)) return true;
    }
  } catch (const sql::LexError&) {
    return true;
  }
  return false;
}

void TableLedger::learn(const Op& op) {
  if (may_change_tables(op)) known_ = false;
  if (auto* create = std::get_if<CreateTable>(&op)) made_[create->table.name] = true;
  if (auto* drop = std::get_if<DropTable>(&op)) made_[drop->name] = false;
  if (auto* rename = std::get_if<RenameTable>(&op)) {
    made_[rename->name] = false;
    made_[{rename->name.schema, rename->new_name}] = true;
  }
}

std::optional<std::vector<std::string>> TableLedger::names(
    const std::string& schema, const std::vector<std::string>& before) const {
  if (!known_) return std::nullopt;
  std::set<std::string> names(before.begin(), before.end());
  for (const auto& [table, made] : made_) {
    if (table.schema != schema) continue;
    if (made) {
      names.insert(table.name);
    } else {
      names.erase(table.name);
    }
  }
  return std::vector<std::string>(names.begin(), names.end());
}

}  // namespace asq
