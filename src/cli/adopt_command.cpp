#include <algorithm>
#include <fstream>
#include <sstream>

#include "cli/commands.h"
#include "cli/json_output.h"
#include "cli/op_text.h"
#include "cli/stop_signals.h"
#include "common/errors.h"
#include "config/database_url.h"
#include "squash/adopt.h"

namespace asq {
namespace {

/// URLs on the command line, lines of --targets-file, else the configured database.
std::vector<std::string> target_urls(const CommandContext& context) {
  std::vector<std::string> urls = context.invocation.arguments;
  const auto& flagged = context.invocation.database_urls;
  if (flagged.size() > 1) urls.insert(urls.begin(), flagged.begin(), flagged.end());
  if (std::string file = context.invocation.value("targets-file"); !file.empty()) {
    std::ifstream in(file);
    if (!in) throw UsageError("cannot read --targets-file " + file);
    for (std::string line; std::getline(in, line);) {
      if (!line.empty() && line.front() != '#') urls.push_back(line);
    }
  }
  if (urls.empty() && !context.config.database_url.empty()) {
    urls.push_back(context.config.database_url);
  }
  if (urls.empty()) throw UsageError("adopt needs target databases: adopt URL [URL...]");
  for (auto& url : urls) url = to_libpq_url(url, {"adopt target", 0, 0}).url;
  return urls;
}

/// The tenant schemas of --schemas S1,S2,...; empty without it.
std::vector<std::string> tenant_schemas(const CommandContext& context) {
  if (!context.invocation.has("schemas")) return {};
  std::vector<std::string> schemas;
  std::istringstream list(context.invocation.value("schemas"));
  for (std::string name; std::getline(list, name, ',');) {
    if (name.empty())
      throw UsageError("--schemas: an empty schema name in '" +
                       context.invocation.value("schemas") + "'");
    schemas.push_back(name);
  }
  if (schemas.empty()) throw UsageError("--schemas needs schema names: --schemas S1,S2");
  if (context.config.schemas != std::vector<std::string>{"public"}) {
    throw UsageError(
        "--schemas maps each tenant schema onto the baseline's schema public, but "
        "the configuration manages other schemas (squash.toml `schemas`)");
  }
  return schemas;
}

/// Every target: each URL, or with --schemas each tenant schema of each URL.
std::vector<AdoptTarget> targets(const CommandContext& context) {
  std::vector<std::string> tenants = tenant_schemas(context);
  std::vector<AdoptTarget> out;
  for (const auto& url : target_urls(context)) {
    if (tenants.empty()) out.push_back({url, ""});
    for (const auto& tenant : tenants) out.push_back({url, tenant});
  }
  return out;
}

void print_outcome(std::ostream& out, const AdoptOutcome& o) {
  out << (o.ok ? "ok      " : "FAILED  ") << o.target << "  " << o.before << " -> " << o.after
      << "  " << o.result << "\n";
  for (const auto& op : o.differences) out << "          " << describe_op(op) << "\n";
}

Json outcomes_json(const std::string& baseline, const std::vector<AdoptOutcome>& outcomes,
                   bool dry_run) {
  Json json;
  json["baseline"] = baseline;
  json["plan"] = dry_run;
  json["targets"] = Json::Array{};
  for (const auto& o : outcomes) {
    Json t;
    t["target"] = o.target;
    t["before"] = o.before;
    t["after"] = o.after;
    t["ok"] = o.ok;
    t["result"] = o.result;
    t["located"] = o.located;
    t["changes"] = changes_json(o.differences);
    json["targets"].push_back(std::move(t));
  }
  return json;
}

void print_summary(std::ostream& out, const std::vector<AdoptOutcome>& outcomes, bool dry_run,
                   bool interrupted) {
  size_t ok = std::count_if(outcomes.begin(), outcomes.end(), [](auto& o) { return o.ok; });
  out << ok << " of " << outcomes.size()
      << (dry_run ? " databases would be on the new chain (plan: nothing was changed)\n"
                  : " databases on the new chain\n");
  if (interrupted) {
    out << "interrupted: the targets marked ok are done, the others were left as they were\n";
  }
}

int exit_code(const std::vector<AdoptOutcome>& outcomes) {
  auto all = [&](auto predicate) {
    return std::all_of(outcomes.begin(), outcomes.end(), predicate);
  };
  if (all([](auto& o) { return o.ok; })) return kExitOk;
  if (all([](auto& o) { return o.ok || (o.unreachable && !o.interrupted); })) return kExitDatabase;
  return kExitRefused;
}

}  // namespace

int run_adopt(const CommandContext& context) {
  std::vector<AdoptTarget> all_targets = targets(context);
  LoadedHistory loaded = load_history(context, true);
  report_load_faults(context, loaded);
  std::string scratch =
      context.config.scratch_url.empty() ? all_targets.front().url : context.config.scratch_url;
  AdoptSource source = prepare_adopt(context.config, loaded.graph, scratch);
  AdoptOptions options{context.invocation.value("assume"), context.invocation.has("no-migrate"),
                       context.invocation.has("plan")};
  bool print = !context.invocation.json && context.invocation.verbosity >= 0;
  std::vector<AdoptOutcome> outcomes;
  StopSwitch stop;
  {
    StopOnSignals signals(stop);
    for (const auto& target : all_targets) {
      outcomes.push_back(stop.requested()
                             ? not_started(target)
                             : adopt_target(context.config, source, target, options, stop));
      bool failed_quietly = !context.invocation.json && !outcomes.back().ok;
      if (print || failed_quietly) print_outcome(context.out, outcomes.back());
      context.out.flush();
    }
  }
  if (context.invocation.json) {
    return write_json(context, outcomes_json(source.baseline_id, outcomes, options.dry_run),
                      exit_code(outcomes));
  } else if (context.invocation.verbosity >= 0) {
    print_summary(context.out, outcomes, options.dry_run, stop.requested());
  }
  return exit_code(outcomes);
}

}  // namespace asq
