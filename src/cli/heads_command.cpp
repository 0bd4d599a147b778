#include "cli/commands.h"
#include "cli/json_output.h"
#include "cli/revision_format.h"
#include "common/errors.h"

namespace asq {

int run_heads(const CommandContext& context) {
  LoadedHistory loaded = load_history(context, false);
  report_load_faults(context, loaded);
  const RevisionGraph& graph = loaded.graph;
  if (context.invocation.json) {
    Json json;
    json["heads"] = heads_json(context, graph);
    json["faults"] = faults_json(context, loaded);
    return write_json(context, std::move(json), kExitOk);
  }
  for (int head : graph.heads()) {
    context.out << revision_line(graph, head, {false, false, false}) << "\n";
  }
  return kExitOk;
}

}  // namespace asq
