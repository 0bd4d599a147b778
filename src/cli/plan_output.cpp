#include "cli/plan_output.h"

#include <chrono>
#include <ctime>

#include "cli/colour.h"
#include "cli/commands.h"
#include "cli/fills.h"
#include "cli/op_text.h"
#include "common/errors.h"
#include "common/text.h"
#include "config/revision_rules.h"

namespace asq {
namespace {

std::string alembic_date() {
  auto now = std::chrono::system_clock::now();
  std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()) % 1000000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[64];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M:%S", &utc);
  char full[80];
  std::snprintf(full, sizeof full, "%s.%06ld", buffer, static_cast<long>(micros.count()));
  return full;
}

size_t count_pycache(const std::vector<std::string>& files) {
  size_t n = 0;
  for (const auto& f : files) n += f.rfind("__pycache__/", 0) == 0;
  return n;
}

Json replay_engine_json(const CommandContext& context, const EngineChoice& choice) {
  Json json;
  json["setting"] = to_string(choice.setting);
  json["engine"] = to_string(choice.engine);
  json["alembic"] = choice.alembic.empty() ? Json() : Json(choice.alembic);
  json["unread"] = Json::Array{};
  for (const auto& unread : choice.unread) {
    Json entry;
    entry["revision"] = unread.revision;
    entry["file"] = context.display(unread.where.file);
    entry["line"] = unread.where.line;
    entry["message"] = unread.message;
    json["unread"].push_back(std::move(entry));
  }
  return json;
}

}  // namespace

std::string utc_stamp(bool compact) {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, compact ? "%Y%m%dT%H%M%SZ" : "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

void refuse_unfinished_squash(const CommandContext& context) {
  const Config& config = context.config;
  if (config.version_locations.empty()) return;
  auto unfinished = unfinished_squashes(archive_root(config, config.version_locations.front()));
  if (!unfinished.empty()) {
    throw Refused("an earlier squash did not finish (" + context.display(unfinished.front()) +
                  "): run `alembic-squash restore " + context.display(unfinished.front()) +
                  "` first");
  }
}

SquashOptions squash_options(const CommandContext& context) {
  SquashOptions options;
  if (context.invocation.has("revision-id")) {
    options.revision_id = context.invocation.value("revision-id");
    if (auto problem = revision_id_problem(options.revision_id)) {
      throw UsageError("--revision-id: " + *problem);
    }
  }
  options.message = context.invocation.value("message");
  options.date = context.invocation.has("date") ? context.invocation.value("date") : alembic_date();
  if (auto problem = create_date_problem(options.date)) throw UsageError("--date: " + *problem);
  options.through = context.invocation.value("through");
  options.fills = fill_values(context);
  return options;
}

void print_plan(const CommandContext& context, const SquashPlan& plan) {
  std::ostream& out = context.out;
  const Config& config = context.config;
  out << "version table: " << config.version_table_schema << "." << config.version_table << " = "
      << (plan.rows.rows.empty() ? "(empty)" : join(plan.rows.rows)) << " ["
      << to_string(plan.version_state.state) << "]\n";
  for (const auto& warning : plan.warnings) {
    out << tinted("WARNING:", Tint::kWarning, context.colour_out) << " " << warning << "\n";
  }
  out << "replaces " << plan.replaced.size() << " revisions: " << plan.replaced.front()
      << (plan.replaced.size() > 2 ? " -> ... -> " : " -> ") << plan.replaced.back() << "\n";
  if (!plan.kept.empty()) {
    out << "keeps " << plan.kept.size() << " later revisions; re-points "
        << (plan.repointed.empty() ? "none" : join(plan.repointed)) << " at the new chain\n";
  }
  out << describe_choice(plan.chain_engine, [&](const std::string& path) {
    return context.display(path);
  }) << "\n";
  out << "chain (replayed "
      << (plan.chain_in_memory ? "in memory, every op modelled" : "in a scratch database")
      << "): " << plan.chain.tables.size() << " tables, " << plan.chain.enums.size()
      << " enum types, " << plan.chain.sequences.size() << " sequences\n";
  out << "live: " << plan.live.tables.size() << " tables, " << plan.live.enums.size()
      << " enum types, " << plan.live.sequences.size() << " sequences\n";
  if (plan.drift.ops.empty()) {
    out << "drift: none, so no sync revision\n";
  } else {
    out << "drift (chain -> live), carried by the sync revision " << plan.sync_revision << ":\n";
    print_diff(out, plan.drift, false, context.colour_out);
  }
  print_fills(context, plan);
  for (const auto& [where, note] : plan.notes) {
    out << "note: " << context.display(where.file) << ":" << where.line << ": " << note << "\n";
  }
  out << "write: ";
  for (size_t i = 0; i < plan.new_files.size(); ++i) {
    out << (i ? ", " : "") << plan.new_files[i].name;
  }
  size_t pyc = count_pycache(plan.old_files);
  out << "\narchive and remove: " << plan.old_files.size() - pyc << " revision files"
      << (pyc ? " and " + std::to_string(pyc) + " __pycache__ entries" : "") << " -> "
      << context.display(archive_root(config, config.version_locations.front())) << "/<UTC>/\n";
  out << "version table: " << (plan.rows.rows.empty() ? "(empty)" : join(plan.rows.rows)) << " -> "
      << join(plan.new_rows) << "\n";
}

Json plan_json(const CommandContext& context, const SquashPlan& plan) {
  Json json;
  json["version_table"]["rows"] = Json::strings(plan.rows.rows);
  json["version_table"]["state"] = to_string(plan.version_state.state);
  json["version_table"]["new_rows"] = Json::strings(plan.new_rows);
  json["warnings"] = Json::strings(plan.warnings);
  json["replaced"] = Json::strings(plan.replaced);
  json["kept"] = Json::strings(plan.kept);
  json["repointed"] = Json::strings(plan.repointed);
  json["changes"] = changes_json(plan.drift.ops);
  json["hazards"] = hazards_json(plan.drift.hazards);
  json["sync_revision"] = plan.sync_revision.empty() ? Json() : Json(plan.sync_revision);
  json["fills"] = fills_json(context, plan);
  json["write"] = Json::Array{};
  for (const auto& file : plan.new_files) json["write"].push_back(file.name);
  json["archive"] = Json::strings(plan.old_files);
  json["replay_engine"] = replay_engine_json(context, plan.chain_engine);
  json["notes"] = Json::Array{};
  for (const auto& [where, note] : plan.notes) {
    json["notes"].push_back(context.display(where.file) + ":" + std::to_string(where.line) + ": " +
                            note);
  }
  return json;
}

}  // namespace asq
