#pragma once

// The pipeline stages the squash strings together, behind one small interface each:
// files -> Ops (interpreter), Ops -> Schema (scratch replay).

#include <string>
#include <vector>

#include "config/config.h"
#include "introspect/introspect.h"
#include "ops/ops.h"
#include "revisions/graph.h"
#include "schema/model.h"
#include "squash/commit.h"

namespace asq {

/// The introspection options the configuration asks for.
IntrospectOptions introspect_options_of(const Config& config);

}  // namespace asq
