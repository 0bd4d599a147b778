#pragma once

#include <string>

#include "cli/context.h"
#include "introspect/introspect.h"
#include "schema/model.h"

namespace asq {

/// Where a schema comes from on the command line: `live`, `chain`, `chain@REV`, or a snapshot
/// file written by `snapshot`.
/// A chain that makes objects in schemas the configuration leaves out is warned of, or, with
/// `left_out_schemas`, those schemas are put there instead.
Schema load_schema_source(const CommandContext& context, const std::string& source,
                          std::vector<std::string>* left_out_schemas = nullptr);

/// Objects of the live database the model does not carry yet (views, functions, triggers...).
std::vector<std::string> live_unsupported_objects(const CommandContext& context);

}  // namespace asq
