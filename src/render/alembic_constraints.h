#pragma once

// Constraints in a revision file: as SQLAlchemy constraint objects where those spell them
// exactly, else as SQL with their definition.

#include <string>
#include <utility>
#include <vector>

#include "render/alembic_python.h"
#include "render/sql_constraints.h"
#include "schema/model.h"

namespace asq {

/// The expression inside CHECK (...): the constraint's `expression`, else cut from its
/// definition.
std::string check_expression(const Constraint& constraint);

/// Whether SQLAlchemy's constraint classes (and Alembic's create_* ops) write `constraint`
/// exactly: not for exclusion constraints, NULLS NOT DISTINCT, INCLUDE, MATCH FULL, NOT VALID,
/// SET NULL (columns), unnamed ones.
bool expressible(const Constraint& constraint);

/// `deferrable=True` and `initially='DEFERRED'` as the constraint has them.
void add_deferrable(std::vector<std::pair<std::string, PyExpr>>& args,
                    const Constraint& constraint);

/// `sa.PrimaryKeyConstraint(...)`, `sa.ForeignKeyConstraint(...)`, ... for create_table; only
/// for expressible constraints.
PyExpr constraint_item(const Constraint& constraint);

/// `ALTER TABLE t ADD CONSTRAINT name <definition>`, the definition as pg_get_constraintdef
/// prints it (constraint_clause, render/sql_constraints.h). Throws std::invalid_argument for
/// an exclusion constraint without a definition.
std::string add_constraint_sql(const QualifiedName& table, const Constraint& constraint);

}  // namespace asq
