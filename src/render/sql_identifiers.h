#pragma once

// Spelling names and literals in generated PostgreSQL SQL. Identifiers are quoted by the one
// quote_identifier (schema/types.h, PostgreSQL's quote_ident rule); this adds what the SQL
// renderer needs on top of it.

#include <string>
#include <string_view>

#include "schema/model.h"
#include "schema/types.h"

namespace asq {

/// `schema.name`, each part quoted as needed (quote_identifier); the schema is left out when it
/// is public, as Alembic leaves it out for schema=None.
std::string qualified_name(const QualifiedName& name);

/// A string literal: '...' with quotes doubled, E'...' with backslashes doubled when it has any.
std::string quote_literal(std::string_view text);

}  // namespace asq
