#include "cli/commands.h"
#include "cli/json_output.h"
#include "cli/plan_output.h"
#include "common/errors.h"
#include "render/sql.h"

namespace asq {

int run_plan(const CommandContext& context) {
  SquashOptions options = squash_options(context);
  refuse_unfinished_squash(context);
  LoadedHistory loaded = load_history(context, true);
  report_load_faults(context, loaded);
  SquashPlan plan = make_squash_plan(context.config, loaded.graph, loaded.scan, options);
  if (context.invocation.has("sql")) {
    for (const auto& op : plan.baseline.ops) {
      for (const auto& statement : render_sql(op))
        context.out << terminate_statement(statement) << "\n";
    }
    for (const auto& op : plan.drift.ops) {
      for (const auto& statement : render_sql(op))
        context.out << terminate_statement(statement) << "\n";
    }
    return kExitOk;
  }
  if (context.invocation.json) {
    return write_json(context, plan_json(context, plan), kExitOk);
  } else {
    print_plan(context, plan);
    context.out << "\nnothing was changed; `alembic-squash squash` does this\n";
  }
  return kExitOk;
}

}  // namespace asq
