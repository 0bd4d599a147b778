#pragma once

// Migration plugins a revision file calls: alembic_utils (entities created, dropped and
// replaced with op.create_entity / drop_entity / replace_entity) and alembic_postgresql_enum
// (op.sync_enum_values). Each is modelled as the SQL the library runs, recorded as Execute ops,
// so both replay engines read it as they read op.execute.

#include <string>

#include "interpret/eval.h"
#include "interpret/value.h"

namespace asq::interp {

/// Whether `callee` (canonical) is a class of a plugin this file models.
bool is_plugin_symbol(const std::string& callee);

/// The object a plugin class constructor builds (`PGFunction(schema=..., ...)`,
/// `TableReference("t", "c")`), arguments bound the way the library's signature binds them.
Value make_plugin_object(const std::string& callee, Arguments args, const py::Expr& call,
                         const SourceContext& context);

}  // namespace asq::interp
