#pragma once

// String literals in generated PostgreSQL SQL.

#include <optional>
#include <string>
#include <string_view>

#include "sql/tokens.h"

namespace asq {

/// A SQL string literal for standard_conforming_strings, quotes doubled: `'it''s'`.
std::string sql_literal(std::string_view value);

/// A string literal as PostgreSQL's quote_literal writes it: '...' with quotes doubled,
/// E'...' with backslashes doubled when it has any.
std::string quote_literal(std::string_view text);

/// A numeric constant written as a storage parameter's value (`fillfactor = 050`), as
/// pg_class.reloptions keeps it: an integer that fits in 4 bytes without its leading zeros, any
/// other decimal (`0.5`, `1E2`, a larger integer) as written. nullopt for what is not a plain
/// decimal constant (`0x32`, `1_000`, `1.2.3`).
std::optional<std::string> reloption_number(std::string_view text);

/// A storage parameter's value token as pg_class.reloptions keeps it: a word as the lexer folds
/// it, a string's text, a number as reloption_number keeps it; nullopt for any other token.
std::optional<std::string> reloption_value(const sql::Token& token);

/// `name = value` written as text into SQL (as SQLAlchemy writes postgresql_with: str() of each),
/// as pg_class.reloptions keeps it: "name=value"; nullopt unless the name is one plain word and
/// the value one value token.
std::optional<std::string> reloption_written(std::string_view name, std::string_view value);

}  // namespace asq
