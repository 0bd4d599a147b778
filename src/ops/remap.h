#pragma once

#include <string>

#include "ops/ops.h"
#include "schema/remap.h"

namespace asq {

/// `op` with everything in schema `from` moved to schema `to` (names, types, defaults,
/// expressions; see SchemaRenamer). Raw SQL (`Execute`) is left as written: it names objects
/// unqualified, so whoever runs it sets the search_path to the schema it is meant for.
Op remap_schema(Op op, const SchemaRenamer& renamer);

}  // namespace asq
