#include "cli/commands.h"
#include "cli/json_output.h"
#include "cli/schema_source.h"
#include "common/errors.h"
#include "schema/json.h"
#include "squash/files.h"

namespace asq {

int run_snapshot(const CommandContext& context) {
  std::string from = context.invocation.value("from", "live");
  Schema schema = load_schema_source(context, from);
  Json snapshot = schema_to_json(schema);
  std::string out = context.invocation.value("out");
  if (context.invocation.json) {
    bool to_file = !out.empty() && out != "-";
    if (to_file) write_file_atomically(out, snapshot.dump() + "\n");
    Json json;
    json["from"] = from;
    json["out"] = to_file ? Json(out) : Json();
    json["tables"] = schema.tables.size();
    json["enums"] = schema.enums.size();
    json["sequences"] = schema.sequences.size();
    json["schema"] = to_file ? Json() : std::move(snapshot);
    return write_json(context, std::move(json), kExitOk);
  }
  std::string text = snapshot.dump() + "\n";
  if (out.empty() || out == "-") {
    context.out << text;
  } else {
    write_file_atomically(out, text);
    if (context.invocation.verbosity >= 0) {
      context.err << "wrote " << out << ": " << schema.tables.size() << " tables, "
                  << schema.enums.size() << " enum types, " << schema.sequences.size()
                  << " sequences\n";
    }
  }
  return kExitOk;
}

}  // namespace asq
