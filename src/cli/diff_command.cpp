#include "cli/colour.h"
#include "cli/commands.h"
#include "cli/json_output.h"
#include "cli/op_text.h"
#include "cli/schema_source.h"
#include "common/errors.h"
#include "diff/diff.h"

namespace asq {
namespace {

Json diff_json(const std::string& a, const std::string& b, const DiffResult& diff) {
  Json json;
  json["from"] = a;
  json["to"] = b;
  json["same"] = diff.ops.empty();
  json["changes"] = changes_json(diff.ops);
  json["hazards"] = hazards_json(diff.hazards);
  return json;
}

}  // namespace

void print_diff(std::ostream& out, const DiffResult& diff, bool markdown, bool colour) {
  for (const auto& op : diff.ops)
    out << (markdown ? "- `" : "  ") << describe_op(op) << (markdown ? "`\n" : "\n");
  if (!diff.hazards.empty()) {
    out << (markdown ? "\n### Hazards\n\n" : "hazards:\n");
    for (const auto& hazard : diff.hazards) {
      std::string line = (markdown ? "- **" : "  ! ") + hazard.kind + (markdown ? "** " : " ") +
                         hazard.object + ": " + hazard.message;
      out << tinted(line, Tint::kHazard, colour && !markdown) << "\n";
    }
  }
}

int run_diff(const CommandContext& context) {
  const auto& args = context.invocation.arguments;
  if (args.size() != 2) throw UsageError("usage: alembic-squash diff SRC_A SRC_B");
  Schema a = load_schema_source(context, args[0]);
  Schema b = load_schema_source(context, args[1]);
  DiffResult diff = diff_schemas(a, b);
  int code = diff.ops.empty() ? kExitOk : kExitDiffer;
  if (context.invocation.json) {
    return write_json(context, diff_json(args[0], args[1], diff), code);
  }
  bool markdown = context.invocation.has("markdown");
  if (context.invocation.verbosity < 0) {  // the changes alone
    print_diff(context.out, diff, markdown, context.colour_out);
    return code;
  }
  if (markdown) context.out << "## Schema diff: `" << args[0] << "` -> `" << args[1] << "`\n\n";
  if (diff.ops.empty()) {
    context.out << (markdown ? "No differences.\n" : "same: no differences\n");
    return code;
  }
  if (!markdown) {
    context.out << diff.ops.size() << " change" << (diff.ops.size() == 1 ? "" : "s") << " from "
                << args[0] << " to " << args[1] << ":\n";
  }
  print_diff(context.out, diff, markdown, context.colour_out);
  return code;
}

}  // namespace asq
