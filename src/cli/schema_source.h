#pragma once

#include <string>

#include "cli/context.h"
#include "introspect/introspect.h"
#include "schema/model.h"

namespace asq {

/// Where a schema comes from on the command line: `live`, `chain`, `chain@REV`, or a snapshot
/// file written by `snapshot`.
Schema load_schema_source(const CommandContext& context, const std::string& source);

/// Objects of the live database the model does not carry yet (views, functions, triggers...).
std::vector<std::string> live_unsupported_objects(const CommandContext& context);

}  // namespace asq
