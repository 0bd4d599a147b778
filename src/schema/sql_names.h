#pragma once

// Literals and qualified names in the SQL text that diff puts into Execute ops and that the
// Alembic renderer writes. Identifiers are quoted by schema/types.h (quote_identifier,
// qualified_spelling).

#include <string>

#include "schema/model.h"
#include "schema/types.h"

namespace asq {

/// A SQL string literal for standard_conforming_strings: `'it''s'`.
std::string sql_literal(const std::string& value);

/// `public.x` -> {public, x}; a name without a dot is in public. Quoted parts are unquoted.
QualifiedName parse_qualified(const std::string& text);

}  // namespace asq
