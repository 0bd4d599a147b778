#pragma once

#include <string>

#include "common/json.h"
#include "diff/diff.h"
#include "ops/ops.h"

namespace asq {

/// One line for people: what an op changes, e.g. `+ column credential.pat character varying(1023)`,
/// `- table item`, `~ column repository.url: type character varying(500) -> character
/// varying(1023)`. The first character says create (+), drop (-) or change (~).
std::string describe_op(const Op& op);

/// One change for machines: {action: create|drop|alter, kind: "table", "column", "view", "sql",
/// ..., object: its name (null for raw SQL), detail: the rest (the whole SQL of raw SQL)}.
Json change_json(const Op& op);
/// Every op as change_json, in order.
Json changes_json(const std::vector<Op>& ops);

/// Hazards as a JSON array of {kind, object, message}.
Json hazards_json(const std::vector<Hazard>& hazards);

}  // namespace asq
