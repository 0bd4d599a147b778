#pragma once

// Constants as pg_get_expr prints them, shared by the spelling of defaults (defaults.cpp) and
// the reader of SQL expressions (sql_expression.cpp). Internal to src/schema.

#include <string>
#include <string_view>
#include <vector>

namespace asq::detail {

/// Throws SpellingError with `message`.
[[noreturn]] void fail(const std::string& message);

/// `text` in lower case.
std::string lowered(std::string_view text);

/// An integer literal (optionally signed) as PostgreSQL types it: int4, int8 or numeric.
std::string integer_literal(std::string_view text);

/// A number literal written in SQL, printed as its constant.
std::string number_literal(std::string_view text);

/// A literal of type `type` (canonical) as a pg_get_expr constant. The label carries the type
/// modifier only for explicit casts (`'x'::character varying(10)`).
std::string constant(std::string_view value, std::string_view type, bool typmod_in_label);

}  // namespace asq::detail
