#include "cli/context.h"

#include <algorithm>
#include <filesystem>
#include <tuple>

#include "cli/colour.h"
#include "common/errors.h"

namespace asq {

std::string CommandContext::display(const std::string& path) const {
  if (path.empty() || working_dir.empty()) return path;
  std::string base = working_dir.back() == '/' ? working_dir : working_dir + "/";
  if (path.rfind(base, 0) == 0) return path.substr(base.size());
  return path;
}

LoadedHistory load_history(const CommandContext& context, bool full_parse, StageObserver& stages) {
  const Config& config = context.config;
  if (config.version_locations.empty()) {
    throw UsageError(
        "no versions folder: pass --versions DIR, or --ini with an alembic.ini that has "
        "script_location, or set alembic.versions in squash.toml");
  }
  ScanOptions options;
  options.full_parse = full_parse;
  options.recursive = config.recursive_version_locations;
  for (const auto& location : config.version_locations) {
    options.exclude.push_back(archive_root(config, location));
  }
  Stage scanning(stages, "scan");
  LoadedHistory loaded{scan_versions(config.version_locations, options), {}, {}};
  loaded.graph = RevisionGraph::build(std::move(loaded.scan.files), config.file_template);
  loaded.faults = loaded.scan.faults;
  for (const auto& fault : loaded.graph.faults()) loaded.faults.push_back(fault);
  // Directory order differs between machines; reports do not.
  std::stable_sort(loaded.faults.begin(), loaded.faults.end(), [](const Fault& a, const Fault& b) {
    if (a.where.file.empty() != b.where.file.empty()) return b.where.file.empty();
    return std::tie(a.where.file, a.where.line) < std::tie(b.where.file, b.where.line);
  });
  scanning.done(counted(loaded.graph.revisions().size(), "revision", "revisions"));
  return loaded;
}

/// Faults go to stderr (or into the JSON); a file that cannot be parsed stops the command.
void report_load_faults(const CommandContext& context, const LoadedHistory& loaded) {
  for (const auto& fault : loaded.faults) {
    if (fault.code != "missing-versions-folder") continue;
    print_fault(context, context.err, fault);
    throw UsageError("the versions folder " + context.display(fault.where.file) +
                     " does not exist");
  }
  if (!loaded.scan.unreadable.empty()) {
    const auto& unreadable = loaded.scan.unreadable;
    for (const auto& fault : loaded.faults) {
      if (std::find(unreadable.begin(), unreadable.end(), fault.where.file) != unreadable.end())
        print_fault(context, context.err, fault);
    }
    throw UsageError(std::to_string(loaded.scan.unreadable.size()) +
                     " revision file(s) cannot be read; Alembic cannot load them either");
  }
  if (context.invocation.json || context.invocation.verbosity < 0 || loaded.faults.empty()) return;
  int errors = 0;
  for (const auto& fault : loaded.faults) errors += fault.severity == Fault::Severity::kError;
  int warnings = static_cast<int>(loaded.faults.size()) - errors;
  if (errors == 0) return;
  context.err << "alembic-squash: " << errors << " error" << (errors == 1 ? "" : "s") << ", "
              << warnings << " warning" << (warnings == 1 ? "" : "s")
              << " in the versions folder; `alembic-squash doctor` explains each\n";
}

Json faults_json(const CommandContext& context, const LoadedHistory& loaded) {
  Json faults = Json::Array{};
  for (const auto& fault : loaded.faults) faults.push_back(fault_json(context, fault));
  return faults;
}

namespace {

std::string location_text(const CommandContext& context, const SourceLocation& where) {
  if (where.file.empty()) return "";
  std::string text = context.display(where.file);
  if (where.line > 0) text += ":" + std::to_string(where.line);
  if (where.line > 0 && where.column > 0) text += ":" + std::to_string(where.column);
  return text + ": ";
}

}  // namespace

void print_fault(const CommandContext& context, std::ostream& out, const Fault& fault) {
  Tint tint = fault.severity == Fault::Severity::kError ? Tint::kError : Tint::kWarning;
  out << location_text(context, fault.where)
      << tinted(severity_name(fault.severity), tint, context.colour_on(out)) << ": "
      << fault.message << "\n";
  if (!fault.context.empty()) out << fault.context << "\n";
  if (!fault.fix.empty()) out << "  fix: " << fault.fix << "\n";
}

Json fault_json(const CommandContext& context, const Fault& fault) {
  Json json;
  json["severity"] = severity_name(fault.severity);
  json["code"] = fault.code;
  json["message"] = fault.message;
  json["fix"] = fault.fix;
  json["file"] = fault.where.file.empty() ? Json() : Json(context.display(fault.where.file));
  json["line"] = fault.where.line > 0 ? Json(fault.where.line) : Json();
  json["column"] = fault.where.column > 0 ? Json(fault.where.column) : Json();
  return json;
}

}  // namespace asq
