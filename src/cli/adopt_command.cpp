#include <algorithm>
#include <charconv>
#include <fstream>
#include <optional>
#include <sstream>

#include "cli/commands.h"
#include "cli/json_output.h"
#include "cli/op_text.h"
#include "cli/stage_report.h"
#include "cli/stop_signals.h"
#include "common/errors.h"
#include "config/database_url.h"
#include "config/url_check.h"
#include "squash/adopt.h"
#include "squash/fleet.h"

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
  for (auto& url : urls) {
    url = to_libpq_url(url, {"adopt target", 0, 0}).url;
    check_libpq_url(url, {"adopt target", 0, 0});
  }
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

/// --jobs N: how many targets run at once (default 4).
size_t jobs_option(const CommandContext& context) {
  constexpr size_t kDefaultJobs = 4;
  if (!context.invocation.has("jobs")) return kDefaultJobs;
  std::string text = context.invocation.value("jobs");
  size_t jobs = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), jobs);
  if (error != std::errc() || end != text.data() + text.size() || jobs < 1 || jobs > 1000) {
    throw UsageError("--jobs: '" + text + "' is not a number of jobs from 1 to 1000");
  }
  return jobs;
}

/// Prints the outcome lines as targets finish, yet in the order the targets were given: a
/// line waits until every target before it has its own.
class OrderedPrinter {
 public:
  OrderedPrinter(const CommandContext& context, bool print, size_t count)
      : context_(context), print_(print), waiting_(count) {}

  void finished(size_t index, const AdoptOutcome& outcome) {
    waiting_[index] = outcome;
    while (next_ < waiting_.size() && waiting_[next_]) {
      show(*waiting_[next_]);
      waiting_[next_++].reset();
    }
  }

  /// The lines not printed yet (those after a target that was not started).
  void rest(const std::vector<AdoptOutcome>& outcomes) {
    for (; next_ < outcomes.size(); ++next_) show(outcomes[next_]);
  }

 private:
  void show(const AdoptOutcome& outcome) {
    bool failed_quietly = !context_.invocation.json && !outcome.ok;
    if (print_ || failed_quietly) print_outcome(context_.out, outcome);
    context_.out.flush();
  }

  const CommandContext& context_;
  bool print_;
  std::vector<std::optional<AdoptOutcome>> waiting_;
  size_t next_ = 0;
};

}  // namespace

int run_adopt(const CommandContext& context) {
  std::vector<AdoptTarget> all_targets = targets(context);
  size_t requested = jobs_option(context);
  LoadedHistory loaded = load_history(context, true);
  report_load_faults(context, loaded);
  std::string scratch =
      context.config.scratch_url.empty() ? all_targets.front().url : context.config.scratch_url;
  AdoptSource source = prepare_adopt(context.config, loaded.graph, scratch);
  AdoptOptions options{context.invocation.value("assume"), context.invocation.has("no-migrate"),
                       context.invocation.has("plan")};
  FleetJobs jobs = fleet_jobs(all_targets, requested);
  bool print = !context.invocation.json && context.invocation.verbosity >= 0;
  if (print && !jobs.capped.empty()) context.err << "note: adopt runs " << jobs.capped << "\n";
  std::vector<AdoptOutcome> outcomes;
  StopSwitch stop;
  {
    StopOnSignals signals(stop);
    StageReport stages(context);
    OrderedPrinter printer(context, print, all_targets.size());
    FleetEvents events;
    Stage stage(stages, "adopt", all_targets.size());
    size_t running = 0, finished = 0, failed = 0;
    auto progress = [&] {
      stages.note(std::to_string(failed) + " failed, " + std::to_string(running) + " running");
      stages.advance(finished);
    };
    events.started = [&](size_t) {
      ++running;
      progress();
    };
    events.note = [&](const std::string& text) {
      if (!print) return;
      stages.clear();
      context.err << "note: " << text << "\n";
    };
    events.finished = [&](size_t index, const AdoptOutcome& outcome) {
      --running;
      ++finished;
      failed += outcome.ok ? 0 : 1;
      stages.clear();
      printer.finished(index, outcome);
      progress();
    };
    outcomes = adopt_fleet(context.config, source, all_targets, options, jobs.jobs, stop, events);
    stages.clear();
    printer.rest(outcomes);
    stage.done(counted(all_targets.size(), "target", "targets") + ", " + std::to_string(jobs.jobs) +
               " at a time");
  }
  if (context.invocation.json) {
    Json json = outcomes_json(source.baseline_id, outcomes, options.dry_run);
    json["jobs"] = jobs.jobs;
    json["jobs_capped"] = jobs.capped;
    return write_json(context, json, exit_code(outcomes));
  } else if (context.invocation.verbosity >= 0) {
    print_summary(context.out, outcomes, options.dry_run, stop.requested());
  }
  return exit_code(outcomes);
}

}  // namespace asq
