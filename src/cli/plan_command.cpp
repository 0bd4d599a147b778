#include "cli/commands.h"
#include "cli/json_output.h"
#include "cli/plan_output.h"
#include "cli/stage_report.h"
#include "common/errors.h"
#include "render/sql.h"

namespace asq {
namespace {

/// `--fail-on hazard`: whether a hazard fails the plan; UsageError for any other value.
bool fails_on_hazard(const CommandContext& context) {
  if (!context.invocation.has("fail-on")) return false;
  std::string value = context.invocation.value("fail-on");
  if (value != "hazard") throw UsageError("--fail-on takes hazard, not '" + value + "'");
  return true;
}

}  // namespace

int run_plan(const CommandContext& context) {
  bool fail_on_hazard = fails_on_hazard(context);
  SquashOptions options = squash_options(context);
  refuse_unfinished_squash(context);
  StageReport stages(context);
  LoadedHistory loaded = load_history(context, true, stages);
  report_load_faults(context, loaded);
  SquashPlan plan = make_squash_plan(context.config, loaded.graph, loaded.scan, options, stages);
  stages.total();
  int code = fail_on_hazard && !plan.drift.hazards.empty() ? kExitHazards : kExitOk;
  if (context.invocation.has("sql")) {
    for (const auto& op : plan.baseline.ops) {
      for (const auto& statement : render_sql(op))
        context.out << terminate_statement(statement) << "\n";
    }
    for (const auto& op : plan.drift.ops) {
      for (const auto& statement : render_sql(op))
        context.out << terminate_statement(statement) << "\n";
    }
  } else if (context.invocation.json) {
    write_json(context, plan_json(context, plan), code);
  } else if (context.invocation.verbosity >= 0) {
    print_plan(context, plan);
    context.out << "\nnothing was changed; `alembic-squash squash` does this\n";
  }
  if (code == kExitHazards && !context.invocation.json) {
    context.err << "alembic-squash: the plan has " << plan.drift.hazards.size() << " hazard"
                << (plan.drift.hazards.size() == 1 ? "" : "s") << " (--fail-on hazard): exit "
                << kExitHazards << "\n";
  }
  return code;
}

}  // namespace asq
