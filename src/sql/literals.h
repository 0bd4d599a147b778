#pragma once

// String literals in generated PostgreSQL SQL.

#include <string>
#include <string_view>

namespace asq {

/// A SQL string literal for standard_conforming_strings, quotes doubled: `'it''s'`.
std::string sql_literal(std::string_view value);

/// A string literal as PostgreSQL's quote_literal writes it: '...' with quotes doubled,
/// E'...' with backslashes doubled when it has any.
std::string quote_literal(std::string_view text);

}  // namespace asq
