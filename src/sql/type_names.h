#pragma once

// The one place where type spellings become PostgreSQL's canonical form: what format_type()
// prints with search_path = '' ("character varying(255)", "timestamp with time zone",
// "public.nodestatus", "integer[]") from a type written in SQL (as raw DDL writes it). SQLAlchemy
// type constructors (as a revision file writes them) are read by interpret/sqlalchemy_types.h.

#include <stdexcept>
#include <string>
#include <string_view>

namespace asq {

/// A spelling the tool cannot map onto PostgreSQL's; the caller adds where it was written.
class SpellingError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A type written in SQL, in canonical spelling.
struct SqlTextType {
  std::string spelling;
  /// `serial`, `bigserial`, `smallserial` (and serial2/4/8): the spelling is then the integer
  /// type, and PostgreSQL adds an owned sequence and a nextval() default.
  bool serial = false;
};

/// Canonical spelling of a type written in SQL: `varchar(255)` -> `character varying(255)`,
/// `timestamptz` -> `timestamp with time zone`, `int4` -> `integer`, `text[]` -> `text[]`,
/// `decimal(10, 2)` -> `numeric(10,2)`; an unknown name is a type of schema public
/// (`status` -> `public.status`). Throws SpellingError for what it cannot read.
SqlTextType canonical_type_from_sql(std::string_view sql);

/// A canonical type without its type modifiers, arrays kept: `character varying(3)[]` ->
/// `character varying[]`, `numeric(12,2)` -> `numeric`.
std::string without_type_modifiers(std::string_view type);

}  // namespace asq
