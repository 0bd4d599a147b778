#pragma once

// Identifiers as PostgreSQL prints them: quote_ident's rule and keyword list, and qualified
// names (`schema.name`) quoted and read back.

#include <string>
#include <string_view>

#include "sql/qualified_name.h"

namespace asq {

/// `name` quoted the way PostgreSQL's quote_ident does (only when needed).
std::string quote_identifier(std::string_view name);

/// `schema.name`, each part quoted when needed: how format_type and regclass print a name
/// outside the search path.
std::string qualified_spelling(const QualifiedName& name);

/// `schema.name`, each part quoted as needed (quote_identifier); the schema is left out when it
/// is public or empty, as Alembic leaves it out for schema=None.
std::string qualified_name(const QualifiedName& name);

/// `public.x` -> {public, x}; a name without a dot is in public. Quoted parts are unquoted.
QualifiedName parse_qualified(const std::string& text);

}  // namespace asq
