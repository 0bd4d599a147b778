#pragma once

// Canonical PostgreSQL column types (format_type spelling) written as SQLAlchemy types that
// run under SQLAlchemy 1.4 and 2.0 and create exactly that type again.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "render/alembic_python.h"
#include "schema/model.h"

namespace asq {

/// Labels of the enum types a revision may name, for `postgresql.ENUM(...)`.
using EnumLabels = std::map<QualifiedName, std::vector<std::string>>;

/// The SQLAlchemy type for canonical `type` with `collation` (quoted as quote_identifier does,
/// "" for the default): `sa.String(length=255)`, `postgresql.ENUM('a', name='x',
/// create_type=False)`. nullopt when no SQLAlchemy class recreates exactly that type (a
/// domain, `point`, an enum whose labels are unknown, a collation on an array): the caller
/// then writes the op as SQL, never a lossy approximation.
std::optional<PyExpr> python_type(const std::string& type, const std::string& collation,
                                  const EnumLabels& enums);

}  // namespace asq
