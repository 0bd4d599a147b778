#pragma once

// Columns named inside canonical SQL text (index keys, predicates, check expressions) and in
// constraints: whether a column is used, and renaming a column or a table where it is named.

#include <string>
#include <vector>

#include "schema/model.h"
#include "sql/tokens.h"

namespace asq::memsql {

/// Calls `visit(begin, length, name)` for each identifier of `sql` outside literals and
/// comments, `name` unquoted (and lower-cased when it was not quoted). Text the tokenizer cannot
/// read (an unterminated literal) has none.
template <typename Visit>
void for_each_identifier(const std::string& sql, Visit visit) {
  std::vector<sql::Token> tokens;
  try {
    tokens = sql::tokenize(sql);
  } catch (const sql::LexError&) {
    return;
  }
  for (const sql::Token& token : tokens) {
    if (token.is_name()) visit(token.begin, token.end - token.begin, token.text);
  }
}

/// Whether `sql` names `column` (as an identifier, outside literals and comments).
bool mentions(const std::string& sql, const std::string& column);

/// `sql` with each identifier `from` replaced by `to` (quoted where needed).
std::string renamed_in(const std::string& sql, const std::string& from, const std::string& to);

/// Whether `items` holds `item`.
bool contains(const std::vector<std::string>& items, const std::string& item);

/// Whether a key, an INCLUDE column or the predicate of `index` uses `column`.
bool index_uses(const Index& index, const std::string& column);

/// Whether `constraint` is on `column` or (a check) names it.
bool constraint_uses(const Constraint& constraint, const std::string& column);

/// Renames column `from` to `to` in the keys, INCLUDE columns and predicate of `index`.
void rename_in_index(Index& index, const std::string& from, const std::string& to);

/// Renames column `from` to `to` in `constraint`, its definition printed again.
void rename_in_constraint(Constraint& constraint, const std::string& from, const std::string& to);

/// Points foreign keys at `to` where they pointed at `from` (a renamed table).
void retarget_foreign_keys(Table& table, const QualifiedName& from, const QualifiedName& to);

/// Foreign keys of other tables that point at `table` (at `column`, when given).
bool referenced_from_elsewhere(const Schema& schema, const QualifiedName& table,
                               const std::string& column);

}  // namespace asq::memsql
