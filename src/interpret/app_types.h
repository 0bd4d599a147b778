#pragma once

// Application types (a project's own TypeDecorator or UserDefinedType, named in squash.toml's
// `[types]`) as the interpreter uses them.

#include <functional>
#include <optional>
#include <string>

#include "interpret/sqlalchemy_types.h"

namespace asq::interp {

/// The type an application type mapped to `spelling` (canonical) is: SQLAlchemy autoincrements
/// it as SERIAL when it is one of the integer types, as it does for the `impl` type.
SqlType app_type(const std::string& spelling);

/// A [types] mapping with `{name}` or `{0}` in it (`character varying({length})`) filled with
/// the call's arguments: `arg` gives an argument's SQL text, nullopt when the call has none by
/// that name or position. Throws SpellingError.
std::string fill_app_type(const std::string& mapping,
                          const std::function<std::optional<std::string>(const std::string&)>& arg);

}  // namespace asq::interp
