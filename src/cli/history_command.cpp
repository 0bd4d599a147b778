#include "cli/commands.h"
#include "cli/json_output.h"
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
    json["heads"] = heads_json(context, graph);
    json["faults"] = faults_json(context, loaded);
    return write_json(context, std::move(json), kExitOk);
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
