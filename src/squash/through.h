#pragma once

#include <string>
#include <vector>

#include "revisions/graph.h"

namespace asq {

/// The history split at REV for `squash --through REV`.
struct HistoryCut {
  std::vector<int> replaced;  // base .. REV, upgrade order
  std::vector<int> kept;      // after REV, upgrade order
  int through = -1;           // REV's index; -1 when the whole history is replaced
};

/// Splits `order` (upgrade order) at `through` (empty: nothing kept). Refuses when REV is not an
/// ancestor of every kept revision or a kept revision reaches into the replaced part elsewhere.
HistoryCut cut_history(const RevisionGraph& graph, const std::vector<int>& order,
                       const std::string& through);

/// `text` (a revision file) with its parent `old_parent` replaced by `new_parent` on the
/// `down_revision` line and the docstring's `Revises:` line; every other byte unchanged.
/// Throws Refused when either line cannot be found as expected.
std::string repoint_revision(const std::string& text, const RevisionFile& file,
                             const std::string& old_parent, const std::string& new_parent);

}  // namespace asq
