#pragma once

// String literals in generated PostgreSQL SQL.

#include <optional>
#include <string>
#include <string_view>

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

}  // namespace asq
