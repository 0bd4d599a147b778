#pragma once

// The one list of data statements: statements that read or change rows (or session settings)
// and leave the schema alone. The interpreter marks an op.execute() of only such statements
// data-only; the in-memory engine passes over each such statement of the SQL it applies.

#include <string_view>

namespace asq::sql {

/// Whether a statement starting with `word` (lower case) changes no schema: INSERT, UPDATE,
/// DELETE, SELECT, WITH, VALUES, COPY, TRUNCATE, SET, ANALYZE.
bool is_data_word(std::string_view word);

/// Whether `sql` holds at least one statement and each begins with a data word (is_data_word).
/// SQL the tokenizer cannot read (an unterminated literal) is not data.
bool is_data_statement(std::string_view sql);

}  // namespace asq::sql
