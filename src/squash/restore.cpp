#include "squash/restore.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "common/errors.h"
#include "common/sha256.h"
#include "config/revision_rules.h"
#include "db/connection.h"
#include "db/version_table.h"
#include "revisions/scan.h"
#include "squash/files.h"

namespace asq {
namespace {

namespace fs = std::filesystem;

/// Revisions written after the squash on top of its files would lose their parent.
void refuse_orphans(const Manifest& manifest, const std::string& versions) {
  std::set<std::string> generated_files, generated_ids;
  for (const auto& file : manifest.new_files) {
    generated_files.insert(file.name);
    std::string path = versions + "/" + file.name;
    if (!fs::exists(path)) continue;
    try {
      ReadResult read = read_revision_source(read_whole_file(path), path, true);
      if (read.revision) generated_ids.insert(read.revision->revision);
    } catch (const SourceError&) {
      // edited into something unreadable: the hash check below refuses it
    }
  }
  VersionsScan scan = scan_versions({versions}, ScanOptions{});
  for (const auto& file : scan.files) {
    if (generated_files.count(file.file_name)) continue;
    for (const auto* names : {&file.down_revisions, &file.depends_on}) {
      for (const auto& name : *names) {
        if (generated_ids.count(name)) {
          throw Refused(file.file_name + " was written after the squash and builds on " + name +
                        ", which restore would remove; move it away (or re-point it) first. "
                        "Nothing was changed");
        }
      }
    }
  }
}

/// True when `name` is a relative path that stays inside `dir`, also through symbolic links.
bool stays_inside(const std::string& dir, const std::string& name) {
  fs::path path(name);
  if (name.empty() || path.is_absolute() || path.has_root_name()) return false;
  for (const auto& part : path) {
    if (part == ".." || part == ".") return false;
  }
  std::error_code error;
  fs::path base = fs::weakly_canonical(dir, error);
  if (error) return false;
  fs::path full = fs::weakly_canonical(base / path, error);
  if (error) return false;
  auto [end, rest] = std::mismatch(base.begin(), base.end(), full.begin(), full.end());
  return end == base.end() && rest != full.end();
}

/// A manifest is input: every name in it must stay inside the versions folder and the archive
/// (a `../../alembic.ini` would make restore write or delete outside the project). Checked
/// before anything moves.
void refuse_escaping_names(const Manifest& manifest, const std::string& versions,
                           const std::string& backup_dir) {
  auto refuse = [&](const char* list, const std::string& name) {
    throw Refused(backup_dir + "/manifest.json: the " + list + " entry '" + printable(name) +
                  "' is not a file inside the versions folder " + versions +
                  " (or the archive); restore does not touch paths outside them. Nothing "
                  "was changed");
  };
  for (const auto& file : manifest.old_files) {
    if (!stays_inside(versions, file.name) || !stays_inside(backup_dir + "/files", file.name))
      refuse("old_files", file.name);
  }
  for (const auto& file : manifest.new_files) {
    if (!stays_inside(versions, file.name)) refuse("new_files", file.name);
  }
}

}  // namespace

std::optional<std::string> latest_backup(const std::string& archive_root) {
  std::vector<std::string> found;
  if (fs::is_directory(archive_root)) {
    for (const auto& entry : fs::directory_iterator(archive_root)) {
      if (!fs::exists(entry.path() / "manifest.json")) continue;
      ManifestState state = read_manifest(entry.path().string()).state;
      if (state != ManifestState::kRolledBack && state != ManifestState::kRestored) {
        found.push_back(entry.path().string());
      }
    }
  }
  if (found.empty()) return std::nullopt;
  std::sort(found.begin(), found.end());
  return found.back();
}

RestoreResult restore_squash(const std::string& backup_dir, const std::string& database_url,
                             const std::string& versions_dir_override) {
  RestoreResult result;
  result.backup_dir = backup_dir;
  Manifest manifest = read_manifest(backup_dir);
  std::string versions =
      versions_dir_override.empty() ? manifest.versions_dir : versions_dir_override;
  refuse_escaping_names(manifest, versions, backup_dir);
  for (const auto& file : manifest.old_files) {
    std::string archived = read_whole_file(backup_dir + "/files/" + file.name);
    if (sha256_hex(archived) != file.sha256) {
      throw Refused("the archived copy of " + file.name +
                    " does not match its sha256 in the "
                    "manifest; nothing was changed");
    }
  }
  refuse_orphans(manifest, versions);
  for (const auto& file : manifest.old_files) {
    std::string path = versions + "/" + file.name;
    bool generated = std::any_of(manifest.new_files.begin(), manifest.new_files.end(),
                                 [&](const ManifestFile& f) { return f.name == file.name; });
    if (!generated && fs::exists(path) && sha256_hex(read_whole_file(path)) != file.sha256) {
      throw Refused(file.name +
                    " exists with other contents than the archived revision; move "
                    "it away and run restore again. Nothing was changed");
    }
  }
  for (const auto& file : manifest.new_files) {
    std::string path = versions + "/" + file.name;
    if (fs::exists(path) && sha256_hex(read_whole_file(path)) != file.sha256) {
      throw Refused(file.name +
                    " was changed after the squash; move it away and run restore "
                    "again. Nothing was changed");
    }
  }
  std::string schema, table;
  std::unique_ptr<pqxx::connection> connection;
  if (!database_url.empty()) {
    connection = connect(database_url);
    size_t dot = manifest.version_table.find('.');
    schema = manifest.version_table.substr(0, dot);
    table = manifest.version_table.substr(dot + 1);
    VersionTableState state = read_version_table(*connection, schema, table);
    if (state.exists && sorted_rows(state.rows) == sorted_rows(manifest.rows_after) &&
        sorted_rows(manifest.rows_after) != sorted_rows(manifest.rows_before)) {
      result.rows_restored = true;
    } else if (state.exists && sorted_rows(state.rows) != sorted_rows(manifest.rows_before)) {
      throw Refused("the version table " + manifest.version_table +
                    " holds rows that are neither the squash's nor the ones before it; "
                    "nothing was changed");
    }
  }
  manifest.state =
      ManifestState::kRestoring;  // a restore cut short is unfinished too (squash, plan refuse)
  write_manifest(backup_dir, manifest);
  if (result.rows_restored) {  // checks the rows again, under its lock
    rewrite_version_table(*connection, schema, table, manifest.rows_after, manifest.rows_before);
  }
  for (const auto& file : manifest.new_files) {
    std::string path = versions + "/" + file.name;
    std::error_code ignored;
    fs::remove(path + ".asq-tmp", ignored);
    if (!fs::exists(path)) continue;
    fs::remove(path);
    ++result.files_removed;
  }
  for (const auto& file : manifest.old_files) {
    std::string path = versions + "/" + file.name;
    if (fs::exists(path) && sha256_hex(read_whole_file(path)) == file.sha256) continue;
    fs::create_directories(fs::path(path).parent_path());
    std::string copy = backup_dir + "/files/" + file.name;
    write_file_atomically(path, read_whole_file(copy), file_mode(copy));
    ++result.files_restored;
  }
  manifest.state = ManifestState::kRestored;
  write_manifest(backup_dir, manifest);
  result.manifest = manifest;
  return result;
}

}  // namespace asq
