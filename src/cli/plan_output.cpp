#include "cli/plan_output.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <optional>

#include "cli/colour.h"
#include "cli/commands.h"
#include "cli/fills.h"
#include "cli/op_text.h"
#include "common/errors.h"
#include "common/text.h"
#include "config/revision_rules.h"

namespace asq {
namespace {

/// A zone name dateutil's gettz finds in the system's zone files (`Europe/Berlin`, `UTC`).
bool zone_exists(const std::string& zone) {
  if (zone.empty() || zone.front() == '/' || zone.find("..") != std::string::npos) return false;
  const char* dir = std::getenv("TZDIR");
  std::error_code error;
  return std::filesystem::is_regular_file(
      std::string(dir && *dir ? dir : "/usr/share/zoneinfo") + "/" + zone, error);
}

/// Now as `alembic revision` dates a new file: the local time without a zone, or with
/// alembic.ini's `timezone` the time in that zone with its offset
/// (`2026-12-07 10:30:00.123456+05:30`); a zone it cannot find is refused as Alembic refuses it.
std::string alembic_date(const Config& config) {
  auto now = std::chrono::system_clock::now();
  std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()) % 1000000;
  std::tm local{};
  std::string suffix;
  if (!config.timezone.empty()) {
    std::string zone = config.timezone;
    if (!zone_exists(zone)) {  // Alembic tries the name upper-cased next
      std::transform(zone.begin(), zone.end(), zone.begin(),
                     [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    }
    if (!zone_exists(zone)) {
      throw UsageError("alembic.ini: timezone: can't locate timezone " +
                       printable(config.timezone) +
                       " (a name of the system's zone files, such as Europe/Berlin or UTC)");
    }
    const char* before = std::getenv("TZ");
    std::optional<std::string> saved = before ? std::optional<std::string>(before) : std::nullopt;
    setenv("TZ", zone.c_str(), 1);
    tzset();
    localtime_r(&seconds, &local);
    if (saved) {
      setenv("TZ", saved->c_str(), 1);
    } else {
      unsetenv("TZ");
    }
    tzset();
    int offset = static_cast<int>(local.tm_gmtoff);
    int minutes = std::abs(offset) / 60;
    char zone_text[16];
    std::snprintf(zone_text, sizeof zone_text, "%c%02d:%02d", offset < 0 ? '-' : '+',
                  minutes / 60 % 100, minutes % 60);
    suffix = zone_text;
  } else {
    localtime_r(&seconds, &local);
  }
  char buffer[64];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M:%S", &local);
  char full[96];
  std::snprintf(full, sizeof full, "%s.%06ld%s", buffer, static_cast<long>(micros.count()),
                suffix.c_str());
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
  options.date = context.invocation.has("date") ? context.invocation.value("date")
                                                : alembic_date(context.config);
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
