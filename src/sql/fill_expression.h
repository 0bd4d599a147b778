#pragma once

// A fill: the SQL expression that gives existing rows a value when a NOT NULL column is added.
// It comes from a person (a prompt, --fill, squash.toml) and lands in a generated revision's
// `UPDATE t SET c = <fill>`, so it must be one expression and nothing more.

#include <optional>
#include <string>
#include <string_view>

namespace asq::sql {

/// Why `sql` cannot be a fill, or nothing when it can: it must be non-empty, one line, readable
/// by the tokenizer, without comments, without `;`, and its parentheses and brackets must pair up
/// (so it cannot close the UPDATE's expression and add a clause of its own).
std::optional<std::string> fill_expression_problem(std::string_view sql);

/// Why `key` cannot name a column to fill, or nothing when it can: `table.column` or
/// `schema.table.column` (outside the schema public), each part a name as the database stores it.
std::optional<std::string> fill_key_problem(std::string_view key);

}  // namespace asq::sql
