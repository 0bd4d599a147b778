#include "cli/locate_output.h"

#include <chrono>

#include "cli/op_text.h"
#include "common/source_error.h"
#include "common/text.h"
#include "db/connection.h"
#include "db/server_facts.h"
#include "squash/stages.h"

namespace asq {
namespace {

std::string engine_text(const LocateReport& report) {
  return (report.result.engine == "memory" ? "in-memory" : "scratch-database") +
         std::string(" replay of ") + std::to_string(report.revisions) + " revisions, " +
         std::to_string(report.milliseconds) + " ms";
}

}  // namespace

LocateReport locate_database(const CommandContext& context, const LoadedHistory& loaded,
                             const std::string& url, bool unknown_row) {
  LocateReport report;
  auto started = std::chrono::steady_clock::now();
  std::vector<int> order = upgrade_order(loaded.graph);
  std::vector<RevisionOps> revisions;
  try {
    revisions = interpret_revisions(loaded.graph, order, read_app_types(context.config.types));
  } catch (const SourceError& e) {
    report.skipped = std::string("the chain cannot be read: ") + e.what();
    return report;
  }
  auto connection = connect(url);
  LocateOptions options;
  options.replay.introspect = introspect_options_of(context.config);
  options.replay.server = server_facts(*connection);
  options.scratch_server = context.config.scratch_url.empty() ? url : context.config.scratch_url;
  Schema live = introspect(*connection, options.replay.introspect).schema;
  if (live == Schema{}) {
    report.skipped = "the database holds none of the managed objects";
    return report;
  }
  auto replay_started = std::chrono::steady_clock::now();
  report.result = locate(loaded.graph, order, revisions, live, options);
  report.replay_milliseconds = std::chrono::duration_cast<std::chrono::milliseconds>(
                                   std::chrono::steady_clock::now() - replay_started)
                                   .count();
  report.ran = true;
  report.revisions = revisions.size();
  report.milliseconds = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::steady_clock::now() - started)
                            .count();
  const LocateResult& r = report.result;
  std::string target = !r.exact.empty() ? r.exact.back() : r.close() ? r.nearest.back() : "";
  if (!target.empty()) {
    report.fix = std::string("alembic stamp ") + (unknown_row ? "--purge " : "") + target;
  }
  return report;
}

void print_locate(std::ostream& out, const LocateReport& report) {
  if (!report.ran) {
    if (!report.skipped.empty()) out << "locate: skipped: " << report.skipped << "\n";
    return;
  }
  const LocateResult& r = report.result;
  if (!r.exact.empty()) {
    out << "locate: the schema matches " << join(r.exact) << " exactly (" << engine_text(report)
        << ")\n";
    if (r.exact.size() > 1) {
      out << "  (these revisions leave the same schema; the newest is the safe choice)\n";
    }
  } else if (r.close()) {
    out << "locate: no revision matches exactly; closest: " << join(r.nearest) << ", "
        << r.nearest_difference.ops.size() << " difference"
        << (r.nearest_difference.ops.size() == 1 ? "" : "s") << " (" << engine_text(report)
        << "):\n";
    for (const Op& op : r.nearest_difference.ops) out << "  " << describe_op(op) << "\n";
  } else {
    out << "locate: no revision is close: the nearest, " << join(r.nearest) << ", differs in "
        << r.nearest_objects << " of " << r.live_objects << " objects (" << engine_text(report)
        << ")\n";
  }
  for (const Unmodelled& u : r.unmodelled) {
    out << "  scratch replay needed: " << u.where.file << ":" << u.where.line << ": " << u.what
        << "\n";
  }
  if (!report.fix.empty()) {
    out << "  fix: " << report.fix
        << (r.exact.empty() ? "  (then apply or revert the difference above)" : "") << "\n";
  }
}

Json locate_json(const LocateReport& report) {
  Json json;
  json["ran"] = report.ran;
  if (!report.ran) {
    json["skipped"] = report.skipped;
    return json;
  }
  const LocateResult& r = report.result;
  json["engine"] = r.engine;
  json["revisions"] = report.revisions;
  json["milliseconds"] = static_cast<int64_t>(report.milliseconds);
  json["replay_milliseconds"] = static_cast<int64_t>(report.replay_milliseconds);
  json["exact"] = Json::strings(r.exact);
  json["nearest"] = Json::strings(r.nearest);
  json["nearest_objects"] = r.nearest_objects;
  json["live_objects"] = r.live_objects;
  json["close"] = r.close();
  std::vector<std::string> differences;
  for (const Op& op : r.nearest_difference.ops) differences.push_back(describe_op(op));
  json["differences"] = Json::strings(differences);
  json["fix"] = report.fix;
  json["unmodelled"] = unmodelled_json(r.unmodelled);
  return json;
}

Json unmodelled_json(const std::vector<Unmodelled>& unmodelled) {
  Json list = Json::Array{};
  for (const Unmodelled& u : unmodelled) {
    Json item;
    item["file"] = u.where.file;
    item["line"] = u.where.line;
    item["revision"] = u.revision;
    item["what"] = u.what;
    list.push_back(std::move(item));
  }
  return list;
}

}  // namespace asq
