#include "cli/commands.h"
#include "cli/revision_format.h"
#include "common/errors.h"

namespace asq {

int run_history(const CommandContext& context) {
  LoadedHistory loaded = load_history(context, false);
  report_load_faults(context, loaded);
  const RevisionGraph& graph = loaded.graph;
  std::vector<int> order = graph.history();
  if (context.invocation.json) {
    Json json;
    json["revisions"] = Json::Array{};
    for (int index : order) {
      json["revisions"].push_back(
          revision_json(graph, index, context.display(graph.revisions()[index].file.path)));
    }
    json["heads"] = Json::Array{};
    for (int head : graph.heads()) json["heads"].push_back(graph.revisions()[head].id());
    json["faults"] = faults_json(context, loaded);
    context.out << json.dump() << "\n";
    return kExitOk;
  }
  std::string text;
  for (int index : order) {
    text += revision_line(graph, index, {});
    text += '\n';
    if (context.invocation.verbosity > 0) {
      text += "    " + context.display(graph.revisions()[index].file.path) + "\n";
    }
  }
  context.out << text;
  return kExitOk;
}

}  // namespace asq
