#pragma once

// Application types (a project's own TypeDecorator or UserDefinedType, named in squash.toml's
// `[types]`) as the interpreter uses them.

#include <string>

#include "interpret/sqlalchemy_types.h"

namespace asq::interp {

/// The type an application type mapped to `spelling` (canonical) is: SQLAlchemy autoincrements
/// it as SERIAL when it is one of the integer types, as it does for the `impl` type.
SqlType app_type(const std::string& spelling);

}  // namespace asq::interp
