#include "squash/commit.h"

#include <algorithm>
#include <filesystem>
#include <optional>
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

constexpr const char* kInterruptedBeforeFilesMoved =
    "interrupted before any file moved: the version table and the versions folder are as they "
    "were; nothing was changed";
constexpr const char* kInterruptedFilesPutBack =
    "interrupted: the version table was not rewritten and the versions folder was put back as it "
    "was (the backup folder's journal says rolled back); nothing was changed";

/// The point between two steps: tells plan.on_step what comes next, then throws Interrupted
/// when a stop was requested.
class Steps {
 public:
  Steps(const CommitPlan& plan, const StopSwitch* stop) : plan_(plan), stop_(stop) {}
  bool stopped() const { return stop_ && stop_->requested(); }
  void next(std::string_view step) const {
    if (plan_.on_step) plan_.on_step(step);
    if (stopped()) throw Interrupted(kInterruptedBeforeFilesMoved);  // callers reword it
  }
  void next(std::string_view verb, const std::string& name) const {
    next(std::string(verb) + " " + name);
  }

 private:
  const CommitPlan& plan_;
  const StopSwitch* stop_;
};

/// Copies the old files into `backup/files/`, verified byte for byte, all of them durable
/// (fsync of each copy and folder) before it returns. The folder is new and has no manifest
/// until then, so a copy needs no temp file; the copies are synced together at the end, which
/// costs one journal commit instead of one per file.
std::vector<ManifestFile> archive(const CommitPlan& plan, const std::string& backup,
                                  const Steps& steps) {
  std::vector<ManifestFile> files;
  std::vector<std::string> copies;
  for (const auto& name : plan.old_files) {
    steps.next("archive", name);
    std::string original = plan.versions_dir + "/" + name;
    std::string content = read_whole_file(original);
    std::string copy = backup + "/files/" + name;
    fs::create_directories(fs::path(copy).parent_path());
    write_new_file(copy, content, file_mode(original));
    if (sha256_hex(read_whole_file(copy)) != sha256_hex(content)) {
      throw std::runtime_error("the archived copy of " + name + " differs from the original");
    }
    files.push_back(describe(name, content));
    copies.push_back(copy);
  }
  sync_files(copies);
  sync_directory(backup + "/files");
  return files;
}

/// Puts the versions folder back as the manifest describes it before the squash.
void undo_files(const Manifest& manifest, const std::string& backup) {
  for (const auto& file : manifest.new_files) {
    std::string path = manifest.versions_dir + "/" + file.name;
    std::error_code ignored;
    if (fs::exists(path) && sha256_hex(read_whole_file(path)) == file.sha256)
      fs::remove(path, ignored);
    fs::remove(path + ".asq-tmp", ignored);
  }
  for (const auto& file : manifest.old_files) {
    std::string path = manifest.versions_dir + "/" + file.name;
    if (fs::exists(path) && sha256_hex(read_whole_file(path)) == file.sha256) continue;
    fs::create_directories(fs::path(path).parent_path());
    std::string copy = backup + "/files/" + file.name;
    write_file_atomically(path, read_whole_file(copy), file_mode(copy));
  }
}

std::vector<std::string> current_rows(const CommitPlan& plan) {
  auto connection = connect(plan.database_url);
  return sorted_rows(
      read_version_table(*connection, plan.version_table_schema, plan.version_table).rows);
}

/// Who holds a lock on the version table, for the message: "pid 123: ALTER TABLE ...".
std::string lock_holders(const CommitPlan& plan, const std::string& qualified) {
  auto connection = connect(plan.database_url);
  pqxx::nontransaction tx(*connection);
  std::string out;
  for (const auto& row : tx.exec_params(
           "SELECT DISTINCT a.pid, coalesce(a.query, '') FROM pg_locks l JOIN pg_stat_activity a "
           "ON a.pid = l.pid WHERE l.granted AND a.pid <> pg_backend_pid() AND l.database = "
           "(SELECT oid FROM pg_database WHERE datname = current_database()) AND ((l.locktype = "
           "'relation' AND l.relation = to_regclass($1)) OR (l.locktype = "
           "'advisory' AND l.objid::int = hashtext('alembic-squash'))) ORDER BY 1",
           qualified)) {
    std::string query = row[1].as<std::string>();
    if (query.size() > 120) query = query.substr(0, 117) + "...";
    for (char& c : query) c = (c == '\n' || c == '\t' || c == '\r') ? ' ' : c;
    out +=
        (out.empty() ? "" : "; ") + std::string("pid ") + row[0].as<std::string>() + ": " + query;
  }
  return out.empty() ? "a session that has ended since" : out;
}

/// Locks the version table in `tx`, the transaction that later rewrites it, before any file
/// moves; waits at most plan.lock_timeout_ms, then refuses naming who holds the lock.
void lock_version_table(pqxx::work& tx, const CommitPlan& plan) {
  std::string qualified =
      tx.quote_name(plan.version_table_schema) + "." + tx.quote_name(plan.version_table);
  try {
    tx.exec("SET LOCAL lock_timeout = " + std::to_string(plan.lock_timeout_ms));
    tx.exec("SELECT pg_advisory_xact_lock(hashtext('alembic-squash'))");
    if (tx.exec_params("SELECT to_regclass($1) IS NOT NULL", qualified)[0][0].as<bool>()) {
      tx.exec("LOCK TABLE " + qualified + " IN ACCESS EXCLUSIVE MODE");
    }
    std::string tables;
    for (const auto& [schema, name] : plan.lock_against_ddl) {
      tables += (tables.empty() ? "" : ", ") + tx.quote_name(schema) + "." + tx.quote_name(name);
    }
    if (!tables.empty()) tx.exec("LOCK TABLE " + tables + " IN SHARE UPDATE EXCLUSIVE MODE");
  } catch (const pqxx::sql_error& error) {
    if (error.sqlstate() != "55P03") throw;
    throw Refused("the version table " + plan.version_table_schema + "." + plan.version_table +
                  " (or a live table) stayed locked by another session for " +
                  (plan.lock_timeout_ms % 1000 == 0
                       ? std::to_string(plan.lock_timeout_ms / 1000) + " s"
                       : std::to_string(plan.lock_timeout_ms) + " ms") +
                  " (lock_timeout) (" + lock_holders(plan, qualified) +
                  "); nothing was changed. Run squash again when it is done, or raise "
                  "[database] lock_timeout in squash.toml");
  }
}

/// Rewrites the version table in the locked transaction; when the connection drops while
/// COMMIT is under way (the outcome is unknown), reads the table again to learn whether it
/// went through.
bool rewrite_rows(pqxx::work& tx, const CommitPlan& plan) {
  try {
    rewrite_version_rows(tx, plan.version_table_schema, plan.version_table, plan.expected_rows,
                         plan.new_rows);
    tx.commit();
    return true;
  } catch (const pqxx::in_doubt_error&) {
    if (current_rows(plan) == sorted_rows(plan.new_rows)) return true;
    throw;
  }
}

/// What the plan saw must still be there: the same rows (read before any file moves) and the
/// same files with the same contents, nothing added.
void check_unchanged(const CommitPlan& plan) {
  if (current_rows(plan) != sorted_rows(plan.expected_rows)) {
    throw Refused(
        "the version table changed since the plan; nothing was changed. Run the "
        "command again to plan from the new state");
  }
  for (size_t i = 0; i < plan.old_files.size() && i < plan.old_hashes.size(); ++i) {
    std::string path = plan.versions_dir + "/" + plan.old_files[i];
    if (!fs::exists(path) || sha256_hex(read_whole_file(path)) != plan.old_hashes[i]) {
      throw Refused(plan.old_files[i] + " changed since the plan; nothing was changed");
    }
  }
  for (const auto& entry : fs::directory_iterator(plan.versions_dir)) {
    std::string name = entry.path().filename().string();
    if (!entry.is_regular_file() || entry.path().extension() != ".py") continue;
    if (std::find(plan.old_files.begin(), plan.old_files.end(), name) == plan.old_files.end() &&
        std::find(plan.untouched_files.begin(), plan.untouched_files.end(), name) ==
            plan.untouched_files.end()) {
      throw Refused(name + " appeared in the versions folder since the plan; nothing was changed");
    }
  }
}

/// A new backup folder named by the plan's timestamp ("-2", "-3"... when it exists).
std::string make_backup_folder(const CommitPlan& plan) {
  std::string backup = plan.archive_root + "/" + plan.timestamp;
  fs::create_directories(plan.archive_root);
  for (int n = 2; !fs::create_directory(backup); ++n) {  // two squashes in one second
    backup = plan.archive_root + "/" + plan.timestamp + "-" + std::to_string(n);
  }
  return backup;
}

/// The journal as it starts: what the squash will do, no old files archived yet.
Manifest first_manifest(const CommitPlan& plan) {
  Manifest manifest;
  manifest.tool_version = plan.tool_version;
  manifest.created_at = plan.created_at;
  manifest.versions_dir = plan.versions_dir;
  manifest.version_table = plan.version_table_schema + "." + plan.version_table;
  manifest.version_table_existed = plan.version_table_existed;
  manifest.rows_before = plan.expected_rows;
  manifest.rows_after = plan.new_rows;
  for (const auto& file : plan.new_files)
    manifest.new_files.push_back(describe(file.name, file.content));
  return manifest;
}

/// Writes the new files and removes the old ones, journalling each stage in the manifest.
void swap_files(const CommitPlan& plan, const std::string& backup, Manifest& manifest,
                const Steps& steps) {
  auto is_old = [&](const std::string& name) {
    return std::find(plan.old_files.begin(), plan.old_files.end(), name) != plan.old_files.end();
  };
  for (const auto& file : plan.new_files) {
    if (fs::exists(plan.versions_dir + "/" + file.name) && !is_old(file.name)) {
      throw Refused(file.name + " already exists in the versions folder");
    }
  }
  for (const auto& file : plan.new_files) {
    steps.next("write", file.name);
    write_file_atomically(plan.versions_dir + "/" + file.name, file.content);
  }
  manifest.state = ManifestState::kFilesWritten;
  write_manifest(backup, manifest);
  for (const auto& name : plan.old_files) {
    bool replaced = std::any_of(plan.new_files.begin(), plan.new_files.end(),
                                [&](const NewFile& file) { return file.name == name; });
    if (replaced) continue;  // already overwritten
    steps.next("remove", name);
    fs::remove(plan.versions_dir + "/" + name);
  }
  sync_directory(plan.versions_dir);
  manifest.state = ManifestState::kFilesSwapped;
  write_manifest(backup, manifest);
}

}  // namespace

std::vector<std::string> unfinished_squashes(const std::string& archive_root) {
  std::vector<std::string> out;
  if (!fs::is_directory(archive_root)) return out;
  for (const auto& entry : fs::directory_iterator(archive_root)) {
    if (!fs::exists(entry.path() / "manifest.json")) continue;
    ManifestState state = read_manifest(entry.path().string()).state;
    if (state != ManifestState::kCommitted && state != ManifestState::kRolledBack &&
        state != ManifestState::kRestored) {
      out.push_back(entry.path().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string commit_squash(const CommitPlan& plan, StopSwitch* stop) {
  Steps steps(plan, stop);
  check_unchanged(plan);
  auto connection = connect(plan.database_url);
  pqxx::work tx(*connection);
  try {
    std::optional<StopAttachment> cancels_the_wait;
    if (stop) cancels_the_wait.emplace(*stop, *connection);
    lock_version_table(tx, plan);
  } catch (const std::exception&) {
    if (steps.stopped()) throw Interrupted(kInterruptedBeforeFilesMoved);
    throw;
  }
  steps.next("recheck the live schema");
  if (plan.recheck_live) plan.recheck_live();
  steps.next("create the backup folder");
  std::string backup = make_backup_folder(plan);
  Manifest manifest = first_manifest(plan);
  try {
    sync_directory(plan.archive_root);
    manifest.old_files = archive(plan, backup, steps);
    manifest.state = ManifestState::kArchived;
    write_manifest(backup, manifest);
  } catch (...) {
    std::error_code ignored;
    fs::remove_all(backup, ignored);
    if (steps.stopped()) throw Interrupted(kInterruptedBeforeFilesMoved);
    throw;
  }
  bool database_changed = false;
  try {
    swap_files(plan, backup, manifest, steps);
    steps.next("commit");  // the last point a stop is heeded: COMMIT is not cancelled
    database_changed = rewrite_rows(tx, plan);
    manifest.state = ManifestState::kCommitted;
    write_manifest(backup, manifest);
  } catch (...) {
    if (database_changed) throw;  // files and table agree; `restore` can still undo both
    undo_files(manifest, backup);
    manifest.state = ManifestState::kRolledBack;
    write_manifest(backup, manifest);
    if (steps.stopped()) throw Interrupted(kInterruptedFilesPutBack);
    throw;
  }
  return backup;
}

}  // namespace asq
