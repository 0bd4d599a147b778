#pragma once

// The options of an identity column's sequence: PostgreSQL's defaults for the column's type, the
// model's normalized form (only what differs from them) and the SQL that sets them.

#include <cstdint>
#include <string>

#include "schema/model.h"

namespace asq {

/// The name PostgreSQL gives the identity sequence of `table`.`column` when nothing is said.
std::string default_identity_sequence_name(const std::string& table, const std::string& column);

/// The name of the identity sequence of `column` (of table `table`).
std::string identity_sequence_name(const std::string& table, const Column& column);

/// The sequence PostgreSQL makes for an identity on a column of `type` ("smallint", "integer",
/// "bigint") with `options` given.
SequenceOptions identity_sequence_values(const std::string& type, const IdentityOptions& options);

/// `values` reduced to what differs from the defaults for `type` (sequence_name left empty).
IdentityOptions identity_options(const std::string& type, const SequenceOptions& values);

/// The parenthesized sequence options of `GENERATED ... AS IDENTITY (...)` for `column` of
/// `table` (SEQUENCE NAME, START WITH, ...), only those set; "" when none is.
std::string identity_options_clause(const QualifiedName& table, const Column& column);

/// " SET INCREMENT BY ... SET [NO] CYCLE": the options of the identity sequence of a column of
/// `type` that differ between `before` and `after`, for ALTER TABLE ... ALTER COLUMN; "" when
/// none does.
std::string identity_set_clause(const std::string& type, const IdentityOptions& before,
                                const IdentityOptions& after);

}  // namespace asq
