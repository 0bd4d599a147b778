#include "squash/through.h"

#include <algorithm>

#include "common/errors.h"

namespace asq {
namespace {

/// Byte range [begin, end) of line `line` (1-based) of `text`, without its line break.
std::pair<size_t, size_t> line_range(const std::string& text, int line) {
  size_t begin = 0;
  for (int current = 1; current < line; ++current) {
    begin = text.find('\n', begin);
    if (begin == std::string::npos) return {std::string::npos, std::string::npos};
    ++begin;
  }
  size_t end = text.find('\n', begin);
  return {begin, end == std::string::npos ? text.size() : end};
}

/// Replaces the quoted `old_id` inside [begin, end) of `text`; false when it is not there.
bool replace_quoted(std::string& text, size_t begin, size_t end, const std::string& old_id,
                    const std::string& new_id) {
  for (char quote : {'\'', '"'}) {
    std::string needle = std::string(1, quote) + old_id + quote;
    size_t at = text.find(needle, begin);
    if (at != std::string::npos && at + needle.size() <= end) {
      text.replace(at + 1, old_id.size(), new_id);
      return true;
    }
  }
  return false;
}

}  // namespace

HistoryCut cut_history(const RevisionGraph& graph, const std::vector<int>& order,
                       const std::string& through) {
  HistoryCut cut;
  if (through.empty()) {
    cut.replaced = order;
    return cut;
  }
  Resolution resolved = graph.resolve(through);
  if (!resolved.ok()) throw UsageError("--through " + through + ": " + resolved.error);
  if (resolved.ids.size() != 1) {
    throw UsageError("--through " + through + " names " + std::to_string(resolved.ids.size()) +
                     " revisions; name one");
  }
  cut.through = graph.index_of(resolved.ids.front());
  std::vector<bool> below = graph.ancestors(cut.through);
  for (int index : order) (below[index] ? cut.replaced : cut.kept).push_back(index);
  const std::string& rev = graph.revisions()[cut.through].id();
  for (int index : cut.kept) {
    const Revision& kept = graph.revisions()[index];
    if (!graph.ancestors(index)[cut.through]) {
      throw Refused("--through " + rev + ": the kept revision " + kept.id() +
                    " does not come after " + rev +
                    "; choose a revision every later one "
                    "builds on");
    }
    for (int parent : kept.down) {
      if (below[parent] && parent != cut.through) {
        throw Refused("--through " + rev + ": the kept revision " + kept.id() + " comes after " +
                      graph.revisions()[parent].id() + ", which would be replaced");
      }
    }
    for (int dependency : kept.dependencies) {
      if (below[dependency] && dependency != cut.through) {
        throw Refused("--through " + rev + ": the kept revision " + kept.id() + " depends on " +
                      graph.revisions()[dependency].id() + ", which would be replaced");
      }
    }
  }
  if (cut.kept.empty()) {
    throw UsageError("--through " + rev + " is the head: nothing would be kept (leave it out)");
  }
  return cut;
}

std::string repoint_revision(const std::string& text, const RevisionFile& file,
                             const std::string& old_parent, const std::string& new_parent) {
  std::string out = text;
  auto [begin, end] = line_range(out, file.down_revision_at.line);
  if (begin == std::string::npos || !replace_quoted(out, begin, end, old_parent, new_parent)) {
    throw Refused(file.path + ":" + std::to_string(file.down_revision_at.line) + ": expected '" +
                  old_parent + "' on the down_revision line; re-point it by hand");
  }
  size_t revises = out.find("Revises:");
  size_t doc_end = out.find("\"\"\"", out.find("\"\"\"") + 3);
  if (revises != std::string::npos && revises < doc_end) {
    size_t line_end = out.find('\n', revises);
    size_t at = out.find(old_parent, revises);
    if (at != std::string::npos && at < line_end) out.replace(at, old_parent.size(), new_parent);
  }
  return out;
}

}  // namespace asq
