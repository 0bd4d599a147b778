#pragma once

// The one writer of a constraint as SQL, shared by the SQL renderer (CREATE TABLE, ALTER TABLE
// ADD) and the Alembic renderer (op.execute for what SQLAlchemy cannot spell).

#include <string>
#include <vector>

#include "schema/model.h"

namespace asq {

/// `a, "B"`: column names quoted as needed, comma separated.
std::string column_list_sql(const std::vector<std::string>& columns);

/// The constraint as pg_get_constraintdef prints it: its `definition` (made reparsable), else
/// one built from its fields (`FOREIGN KEY (a) REFERENCES t(b) ON UPDATE ... ON DELETE ...
/// DEFERRABLE INITIALLY DEFERRED`; the referenced table's schema left out when it is public).
/// Throws std::invalid_argument for an exclusion constraint without a definition.
std::string constraint_definition(const Constraint& constraint);

/// `CONSTRAINT name <definition>`, or the definition alone for an unnamed constraint.
std::string constraint_clause(const Constraint& constraint);

}  // namespace asq
