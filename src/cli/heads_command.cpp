#include "cli/commands.h"
#include "cli/revision_format.h"
#include "common/errors.h"

namespace asq {

int run_heads(const CommandContext& context) {
  LoadedHistory loaded = load_history(context, false);
  report_load_faults(context, loaded);
  const RevisionGraph& graph = loaded.graph;
  if (context.invocation.json) {
    Json json;
    json["heads"] = Json::Array{};
    for (int head : graph.heads()) {
      json["heads"].push_back(
          revision_json(graph, head, context.display(graph.revisions()[head].file.path)));
    }
    json["faults"] = faults_json(context, loaded);
    context.out << json.dump() << "\n";
    return kExitOk;
  }
  for (int head : graph.heads()) {
    context.out << revision_line(graph, head, {false, false, false}) << "\n";
  }
  return kExitOk;
}

}  // namespace asq
