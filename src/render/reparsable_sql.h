#pragma once

// What PostgreSQL prints for an expression does not always read back as the same expression:
// `varchar_column IN ('a', 'b')` is stored as an implicit cast of a varchar[] to text[] and
// printed with that cast spelled out, `((ARRAY['a'::character varying, ...])::text[])` (or, in
// the pretty form of index predicates, `ARRAY['a'::character varying, ...]::text[]`); read
// back, the spelled cast is pushed into the elements (`ARRAY[('a'::character varying)::text,
// ...]`), a different expression with a different pg_dump. The renderers write expressions
// through this rewrite so that the rebuilt catalog prints exactly what live printed.

#include <string>
#include <string_view>

namespace asq {

/// `sql` (an expression or a statement as PostgreSQL prints it) with every
/// `(ARRAY['x'::character varying, ...])::text[]` and every `ARRAY['x'::character varying,
/// ...]::text[]` written `ARRAY['x'::character varying, ...]`,
/// which PostgreSQL casts implicitly to the same stored expression. Quoted text is left alone.
std::string reparsable_sql(std::string_view sql);

}  // namespace asq
