#pragma once

#include <string>

#include "common/json.h"
#include "schema/model.h"

namespace asq {

/// The schema as JSON: stable (sorted keys, lists in model order), versioned with "format".
Json schema_to_json(const Schema& schema);

/// Reads a snapshot written by schema_to_json; throws SourceError naming `file` and the
/// member that is missing or of the wrong type.
Schema schema_from_json(const Json& json, const std::string& file);

}  // namespace asq
