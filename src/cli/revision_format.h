#pragma once

#include <string>

#include "cli/context.h"
#include "common/json.h"
#include "revisions/graph.h"

namespace asq {

/// How much of a revision line to show.
struct RevisionLineStyle {
  bool parents = true;  // "<base> -> id"
  bool tree = true;     // (branchpoint) (mergepoint)
  bool doc = true;      // ", message"
};

/// One revision the way `alembic history` / `alembic heads` print it, e.g.
/// `1a2b3c -> 4d5e6f (reporting) (head) (mergepoint), add report table`.
std::string revision_line(const RevisionGraph& graph, int index, const RevisionLineStyle& style);

/// One revision as JSON (id, parents, labels, dependencies, message, path, markers).
Json revision_json(const RevisionGraph& graph, int index, const std::string& display_path);

/// The heads as an array of revision_json: the one shape of `heads` in every command's JSON.
Json heads_json(const CommandContext& context, const RevisionGraph& graph);

}  // namespace asq
