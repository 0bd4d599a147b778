#include "squash/manifest.h"

#include "common/source_error.h"
#include "squash/files.h"

namespace asq {
namespace {

Json files_json(const std::vector<ManifestFile>& files) {
  Json array = Json::Array{};
  for (const auto& f : files) {
    Json item;
    item["name"] = f.name;
    item["sha256"] = f.sha256;
    item["size"] = static_cast<std::int64_t>(f.size);
    array.push_back(std::move(item));
  }
  return array;
}

const Json& need(const Json& json, const char* key, const std::string& file) {
  const Json* value = json.find(key);
  if (!value)
    throw SourceError({file, 0, 0}, std::string("manifest member '") + key + "' is missing");
  return *value;
}

std::vector<ManifestFile> files_from(const Json& json, const char* key, const std::string& file) {
  std::vector<ManifestFile> out;
  for (const auto& item : need(json, key, file).as_array()) {
    out.push_back({need(item, "name", file).as_string(), need(item, "sha256", file).as_string(),
                   static_cast<std::uint64_t>(need(item, "size", file).as_int())});
  }
  return out;
}

std::vector<std::string> strings_from(const Json& json, const char* key, const std::string& file) {
  std::vector<std::string> out;
  for (const auto& item : need(json, key, file).as_array()) out.push_back(item.as_string());
  return out;
}

constexpr std::pair<ManifestState, std::string_view> kStateNames[] = {
    {ManifestState::kArchived, "archived"},
    {ManifestState::kFilesWritten, "files-written"},
    {ManifestState::kFilesSwapped, "files-swapped"},
    {ManifestState::kCommitted, "committed"},
    {ManifestState::kRolledBack, "rolled-back"},
    {ManifestState::kRestoring, "restoring"},
    {ManifestState::kRestored, "restored"},
};

}  // namespace

std::string to_string(ManifestState state) {
  for (const auto& [value, name] : kStateNames) {
    if (value == state) return std::string(name);
  }
  return "";
}

std::optional<ManifestState> manifest_state_from_string(std::string_view text) {
  for (const auto& [value, name] : kStateNames) {
    if (name == text) return value;
  }
  return std::nullopt;
}

Json manifest_to_json(const Manifest& m) {
  Json json;
  json["tool"] = "alembic-squash";
  json["tool_version"] = m.tool_version;
  json["created_at"] = m.created_at;
  json["versions_dir"] = m.versions_dir;
  json["old_files"] = files_json(m.old_files);
  json["new_files"] = files_json(m.new_files);
  json["version_table"] = m.version_table;
  json["version_table_existed"] = m.version_table_existed;
  json["rows_before"] = Json::strings(m.rows_before);
  json["rows_after"] = Json::strings(m.rows_after);
  json["state"] = to_string(m.state);
  return json;
}

Manifest manifest_from_json(const Json& json, const std::string& file) {
  try {
    Manifest m;
    m.tool_version = need(json, "tool_version", file).as_string();
    m.created_at = need(json, "created_at", file).as_string();
    m.versions_dir = need(json, "versions_dir", file).as_string();
    m.old_files = files_from(json, "old_files", file);
    m.new_files = files_from(json, "new_files", file);
    m.version_table = need(json, "version_table", file).as_string();
    m.version_table_existed = need(json, "version_table_existed", file).as_bool();
    m.rows_before = strings_from(json, "rows_before", file);
    m.rows_after = strings_from(json, "rows_after", file);
    const std::string& state = need(json, "state", file).as_string();
    std::optional<ManifestState> known = manifest_state_from_string(state);
    if (!known) throw SourceError({file, 0, 0}, "manifest state '" + state + "' is unknown");
    m.state = *known;
    return m;
  } catch (const std::bad_variant_access&) {
    throw SourceError({file, 0, 0}, "manifest member of the wrong type");
  }
}

void write_manifest(const std::string& dir, const Manifest& manifest) {
  write_file_atomically(dir + "/manifest.json", manifest_to_json(manifest).dump() + "\n");
}

Manifest read_manifest(const std::string& dir) {
  std::string path = dir + "/manifest.json";
  return manifest_from_json(Json::parse(read_whole_file(path), path), path);
}

}  // namespace asq
