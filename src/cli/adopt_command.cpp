#include <algorithm>
#include <fstream>

#include "cli/commands.h"
#include "cli/database_url.h"
#include "common/errors.h"
#include "squash/adopt.h"

namespace asq {
namespace {

/// Targets: URLs on the command line, lines of --targets-file, else the configured database.
std::vector<std::string> targets(const CommandContext& context) {
  std::vector<std::string> urls = context.invocation.arguments;
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

}  // namespace

int run_adopt(const CommandContext& context) {
  std::vector<std::string> urls = targets(context);
  LoadedHistory loaded = load_history(context, true);
  report_load_faults(context, loaded);
  std::string scratch =
      context.config.scratch_url.empty() ? urls.front() : context.config.scratch_url;
  AdoptSource source = prepare_adopt(context.config, loaded.graph, scratch);
  AdoptOptions options{context.invocation.value("assume"), context.invocation.has("no-migrate")};
  std::vector<AdoptOutcome> outcomes;
  for (const auto& url : urls) {
    outcomes.push_back(adopt_database(context.config, source, url, options));
    if (!context.invocation.json && context.invocation.verbosity >= 0) {
      const AdoptOutcome& o = outcomes.back();
      context.out << (o.ok ? "ok      " : "FAILED  ") << o.target << "  " << o.before << " -> "
                  << o.after << "  " << o.result << "\n";
    }
  }
  bool all_ok = std::all_of(outcomes.begin(), outcomes.end(), [](auto& o) { return o.ok; });
  bool unreachable_only = std::all_of(outcomes.begin(), outcomes.end(),
                                      [](auto& o) { return o.ok || o.unreachable; });
  if (context.invocation.json) {
    Json json;
    json["baseline"] = source.baseline_id;
    json["targets"] = Json::Array{};
    for (const auto& o : outcomes) {
      Json t;
      t["target"] = o.target;
      t["before"] = o.before;
      t["after"] = o.after;
      t["ok"] = o.ok;
      t["result"] = o.result;
      json["targets"].push_back(std::move(t));
    }
    context.out << json.dump() << "\n";
  } else if (context.invocation.verbosity >= 0) {
    size_t ok = std::count_if(outcomes.begin(), outcomes.end(), [](auto& o) { return o.ok; });
    context.out << ok << " of " << outcomes.size() << " databases on the new chain\n";
  }
  if (all_ok) return kExitOk;
  return unreachable_only ? kExitDatabase : kExitRefused;
}

}  // namespace asq
