#include "cli/commands.h"
#include "cli/json_output.h"
#include "cli/op_text.h"
#include "cli/schema_source.h"
#include "common/errors.h"
#include "squash/stages.h"

namespace asq {

int run_verify(const CommandContext& context) {
  std::vector<std::string> unsupported = live_unsupported_objects(context);
  if (!unsupported.empty()) {
    std::string list;
    for (const auto& object : unsupported) list += "\n  " + object;
    throw Refused(
        "cannot verify: the live database holds objects this version does not model "
        "yet:" +
        list);
  }
  Config scratch_config = context.config;  // verify is the scratch replay of the files, always
  scratch_config.scratch_replay = true;
  std::vector<std::string> left_out;
  Schema chain = load_schema_source(context.with_config(scratch_config), "chain", &left_out);
  // The comparison would not see what the chain makes there: "verified" would be untrue.
  if (!left_out.empty()) throw Refused(left_out_schemas_refusal(context.config, left_out));
  Schema live = load_schema_source(context, "live");
  DiffResult diff = diff_schemas(chain, live);
  bool same = diff.ops.empty() && chain == live;
  if (context.invocation.json) {
    Json json;
    json["same"] = same;
    json["changes"] = changes_json(diff.ops);
    return write_json(context, std::move(json), same ? kExitOk : kExitDiffer);
  }
  if (context.invocation.verbosity < 0) return same ? kExitOk : kExitDiffer;
  if (same) {
    context.out << "verified: replaying the versions folder gives exactly the live schema\n";
    return kExitOk;
  }
  context.out << "the versions folder does not rebuild the live schema (" << diff.ops.size()
              << " changes from chain to live):\n";
  print_diff(context.out, diff, false, context.colour_out);
  return kExitDiffer;
}

}  // namespace asq
