#include "cli/revision_format.h"

#include "common/text.h"

namespace asq {

std::string revision_line(const RevisionGraph& graph, int index, const RevisionLineStyle& style) {
  const Revision& r = graph.revisions()[index];
  std::string text = r.id();
  if (style.parents) {
    std::string down = r.file.down_revisions.empty() ? "<base>" : join(r.file.down_revisions);
    if (!r.file.depends_on.empty()) {
      text = down + " (" + join(r.file.depends_on) + ") -> " + text;
    } else {
      text = down + " -> " + text;
    }
  }
  if (!r.branch_labels.empty()) text += " (" + join(r.branch_labels) + ")";
  if (r.is_real_head()) text += " (head)";
  if (r.is_head() && !r.is_real_head()) text += " (effective head)";
  if (style.tree) {
    if (r.is_branch_point()) text += " (branchpoint)";
    if (r.is_merge_point()) text += " (mergepoint)";
  }
  if (style.doc) text += ", " + r.file.message();
  return text;
}

Json revision_json(const RevisionGraph& graph, int index, const std::string& display_path) {
  const Revision& r = graph.revisions()[index];
  Json json;
  json["revision"] = r.id();
  json["down_revisions"] = Json::strings(r.file.down_revisions);
  json["depends_on"] = Json::strings(r.file.depends_on);
  json["branch_labels"] = Json::strings(r.branch_labels);
  json["message"] = r.file.message();
  json["path"] = display_path;
  json["line"] = r.file.revision_at.line;
  json["is_head"] = r.is_real_head();
  json["is_base"] = r.is_base();
  json["is_branch_point"] = r.is_branch_point();
  json["is_merge_point"] = r.is_merge_point();
  if (!r.file.header_create_date.empty()) json["create_date"] = r.file.header_create_date;
  return json;
}

Json heads_json(const CommandContext& context, const RevisionGraph& graph) {
  Json heads = Json::Array{};
  for (int head : graph.heads()) {
    heads.push_back(revision_json(graph, head, context.display(graph.revisions()[head].file.path)));
  }
  return heads;
}

}  // namespace asq
