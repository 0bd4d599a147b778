#pragma once

#include "cli/context.h"
#include "squash/plan.h"

namespace asq {

/// The squash options from the command line, with the random id and the clock filled in here
/// (the library stays deterministic).
SquashOptions squash_options(const CommandContext& context);

/// Refuses (exit 5) when an earlier squash or restore under the versions folder's archive did
/// not finish: its journal must be completed by `restore` before anything is planned again.
void refuse_unfinished_squash(const CommandContext& context);

/// The plan for people: version table, revisions replaced, drift, hazards, files, rows.
void print_plan(const CommandContext& context, const SquashPlan& plan);
/// The plan for machines.
Json plan_json(const CommandContext& context, const SquashPlan& plan);

/// UTC now as `YYYYMMDDTHHMMSSZ` (backup folder names) or ISO 8601.
std::string utc_stamp(bool compact);

}  // namespace asq
