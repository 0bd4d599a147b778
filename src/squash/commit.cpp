#include "squash/commit.h"

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include "common/errors.h"
#include "common/sha256.h"
#include "db/connection.h"
#include "db/version_table.h"
#include "squash/files.h"

namespace asq {
namespace {

namespace fs = std::filesystem;

ManifestFile describe(const std::string& name, const std::string& content) {
  return {name, sha256_hex(content), content.size()};
}

/// Copies the old files into `backup/files/`, verified byte for byte.
std::vector<ManifestFile> archive(const CommitPlan& plan, const std::string& backup) {
  std::vector<ManifestFile> files;
  for (const auto& name : plan.old_files) {
    std::string content = read_whole_file(plan.versions_dir + "/" + name);
    std::string copy = backup + "/files/" + name;
    fs::create_directories(fs::path(copy).parent_path());
    write_file_atomically(copy, content);
    if (sha256_hex(read_whole_file(copy)) != sha256_hex(content)) {
      throw std::runtime_error("the archived copy of " + name + " differs from the original");
    }
    files.push_back(describe(name, content));
  }
  sync_directory(backup + "/files");
  return files;
}

/// Puts the versions folder back as the manifest describes it before the squash.
void undo_files(const Manifest& manifest, const std::string& backup) {
  for (const auto& file : manifest.new_files) {
    std::string path = manifest.versions_dir + "/" + file.name;
    std::error_code ignored;
    if (fs::exists(path) && sha256_hex(read_whole_file(path)) == file.sha256) fs::remove(path, ignored);
    fs::remove(path + ".asq-tmp", ignored);
  }
  for (const auto& file : manifest.old_files) {
    std::string path = manifest.versions_dir + "/" + file.name;
    if (fs::exists(path) && sha256_hex(read_whole_file(path)) == file.sha256) continue;
    fs::create_directories(fs::path(path).parent_path());
    write_file_atomically(path, read_whole_file(backup + "/files/" + file.name));
  }
}

}  // namespace

std::vector<std::string> unfinished_squashes(const std::string& archive_root) {
  std::vector<std::string> out;
  if (!fs::is_directory(archive_root)) return out;
  for (const auto& entry : fs::directory_iterator(archive_root)) {
    if (!fs::exists(entry.path() / "manifest.json")) continue;
    std::string state = read_manifest(entry.path().string()).state;
    if (state != "committed" && state != "rolled-back" && state != "restored") {
      out.push_back(entry.path().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string commit_squash(const CommitPlan& plan) {
  std::string backup = plan.archive_root + "/" + plan.timestamp;
  if (fs::exists(backup)) throw Refused("the backup folder " + backup + " already exists");
  fs::create_directories(backup);
  Manifest manifest;
  manifest.tool_version = plan.tool_version;
  manifest.created_at = plan.created_at;
  manifest.versions_dir = plan.versions_dir;
  manifest.version_table = plan.version_table_schema + "." + plan.version_table;
  manifest.version_table_existed = plan.version_table_existed;
  manifest.rows_before = plan.expected_rows;
  manifest.rows_after = plan.new_rows;
  for (const auto& file : plan.new_files) manifest.new_files.push_back(describe(file.name, file.content));
  try {
    manifest.old_files = archive(plan, backup);
    manifest.state = "archived";
    write_manifest(backup, manifest);
  } catch (...) {
    std::error_code ignored;
    fs::remove_all(backup, ignored);
    throw;
  }
  bool database_changed = false;
  try {
    for (const auto& file : plan.new_files) {
      if (fs::exists(plan.versions_dir + "/" + file.name)) {
        throw Refused(file.name + " already exists in the versions folder");
      }
    }
    for (const auto& file : plan.new_files) {
      write_file_atomically(plan.versions_dir + "/" + file.name, file.content);
    }
    manifest.state = "files-written";
    write_manifest(backup, manifest);
    for (const auto& name : plan.old_files) fs::remove(plan.versions_dir + "/" + name);
    sync_directory(plan.versions_dir);
    manifest.state = "files-swapped";
    write_manifest(backup, manifest);
    auto connection = connect(plan.database_url);
    rewrite_version_table(*connection, plan.version_table_schema, plan.version_table,
                          plan.expected_rows, plan.new_rows);
    database_changed = true;
    manifest.state = "committed";
    write_manifest(backup, manifest);
  } catch (...) {
    if (database_changed) throw;  // files and table agree; `restore` can still undo both
    undo_files(manifest, backup);
    manifest.state = "rolled-back";
    write_manifest(backup, manifest);
    throw;
  }
  return backup;
}

}  // namespace asq
