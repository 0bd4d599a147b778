#include "cli/commands.h"
#include "cli/schema_source.h"
#include "common/errors.h"
#include "schema/json.h"
#include "squash/files.h"

namespace asq {

int run_snapshot(const CommandContext& context) {
  std::string from = context.invocation.value("from", "live");
  Schema schema = load_schema_source(context, from);
  std::string text = schema_to_json(schema).dump() + "\n";
  std::string out = context.invocation.value("out");
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
