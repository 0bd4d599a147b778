#include "squash/commit.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <thread>

#include "common/errors.h"
#include "common/sha256.h"
#include "db/version_table.h"
#include "squash/restore.h"
#include "support/postgres.h"
#include "support/process.h"

namespace asq {
namespace {

namespace fs = std::filesystem;
using test::TempDir;
using test::TestDatabase;

std::vector<std::string> rows(const TestDatabase& db) {
  pqxx::connection connection(db.url());
  return read_version_table(connection, "public", "alembic_version").rows;
}

class Commit : public testing::Test {
 protected:
  void SetUp() override {
    versions_ = dir_ / "versions";
    test::write_text(versions_ + "/aaa_first.py", "revision = 'aaa'\ndown_revision = None\n");
    test::write_text(versions_ + "/bbb_second.py", "revision = 'bbb'\ndown_revision = 'aaa'\n");
    test::write_text(versions_ + "/__pycache__/bbb_second.cpython-311.pyc", "\x01\x02bytecode");
    db_.execute(
        "CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY);"
        "INSERT INTO alembic_version VALUES ('bbb');");
  }

  CommitPlan plan() const {
    CommitPlan p;
    p.versions_dir = versions_;
    p.archive_root = versions_ + "/backup";
    p.timestamp = "20261121T000000Z";
    p.created_at = "2026-11-21T00:00:00Z";
    p.tool_version = "test";
    p.old_files = {"aaa_first.py", "bbb_second.py", "__pycache__/bbb_second.cpython-311.pyc"};
    p.new_files = {{"001_initial_schema.py", "revision = '001_initial_schema'\n"}};
    p.database_url = db_.url();
    p.version_table_schema = "public";
    p.version_table = "alembic_version";
    p.expected_rows = {"bbb"};
    p.new_rows = {"001_initial_schema"};
    return p;
  }

  TempDir dir_;
  std::string versions_;
  TestDatabase db_{"commit"};
};

TEST_F(Commit, ArchivesSwapsFilesAndRewritesTheVersionTable) {
  auto before = test::file_hashes(versions_);
  std::string backup = commit_squash(plan());
  EXPECT_EQ(backup, versions_ + "/backup/20261121T000000Z");
  EXPECT_TRUE(fs::exists(versions_ + "/001_initial_schema.py"));
  EXPECT_FALSE(fs::exists(versions_ + "/aaa_first.py"));
  EXPECT_FALSE(fs::exists(versions_ + "/__pycache__/bbb_second.cpython-311.pyc"));
  EXPECT_EQ(rows(db_), std::vector<std::string>{"001_initial_schema"});
  Manifest manifest = read_manifest(backup);
  EXPECT_EQ(manifest.state, ManifestState::kCommitted);
  ASSERT_EQ(manifest.old_files.size(), 3u);
  for (const auto& file : manifest.old_files) {
    EXPECT_EQ(file.sha256, before.at(file.name)) << file.name;
    EXPECT_EQ(sha256_hex(test::read_text(backup + "/files/" + file.name)), file.sha256);
  }
  EXPECT_EQ(manifest.rows_before, std::vector<std::string>{"bbb"});
}

TEST_F(Commit, RestorePutsEverythingBackExactly) {
  auto before = test::file_hashes(versions_);
  std::string backup = commit_squash(plan());
  RestoreResult result = restore_squash(backup, db_.url(), "");
  EXPECT_TRUE(result.rows_restored);
  EXPECT_EQ(result.files_restored, 3);
  EXPECT_EQ(result.files_removed, 1);
  fs::remove_all(versions_ + "/backup");
  EXPECT_EQ(test::file_hashes(versions_), before);
  EXPECT_EQ(rows(db_), std::vector<std::string>{"bbb"});
}

TEST_F(Commit, AVersionTableChangedSinceThePlanIsRefusedAndNothingChanges) {
  auto before = test::file_hashes(versions_);
  db_.execute("UPDATE alembic_version SET version_num = 'ccc'");
  try {
    commit_squash(plan());
    FAIL() << "no error";
  } catch (const Refused& error) {
    EXPECT_NE(std::string(error.what()).find("the version table changed since the plan"),
              std::string::npos)
        << error.what();
  }
  auto after = test::file_hashes(versions_);
  for (const auto& [name, hash] : before) EXPECT_EQ(after.at(name), hash) << name;
  EXPECT_FALSE(after.count("001_initial_schema.py"));
  EXPECT_EQ(rows(db_), std::vector<std::string>{"ccc"});
  EXPECT_FALSE(fs::exists(versions_ + "/backup/20261121T000000Z"));  // refused before archiving
}

TEST_F(Commit, TheLockedRewriteChecksTheRowsAgain) {
  pqxx::connection connection(db_.url());
  try {
    rewrite_version_table(connection, "public", "alembic_version", {"aaa"}, {"001"});
    FAIL() << "no error";
  } catch (const Refused& error) {
    EXPECT_NE(std::string(error.what()).find("changed since the plan: it was aaa, now it is bbb"),
              std::string::npos)
        << error.what();
  }
  EXPECT_EQ(rows(db_), std::vector<std::string>{"bbb"});
}

TEST_F(Commit, AFileChangedSinceThePlanIsRefused) {
  CommitPlan p = plan();
  for (const auto& name : p.old_files) {
    p.old_hashes.push_back(sha256_hex(test::read_text(versions_ + "/" + name)));
  }
  test::write_text(versions_ + "/bbb_second.py", "revision = 'bbb'\ndown_revision = 'zzz'\n");
  auto before = test::file_hashes(versions_);
  EXPECT_THROW(commit_squash(p), Refused);
  EXPECT_EQ(test::file_hashes(versions_), before);
  EXPECT_EQ(rows(db_), std::vector<std::string>{"bbb"});
}

TEST_F(Commit, AnUnreachableDatabasePutsTheFilesBack) {
  auto before = test::file_hashes(versions_);
  CommitPlan p = plan();
  p.database_url = "postgresql://postgres@127.0.0.1:1/none";
  EXPECT_THROW(commit_squash(p), DatabaseError);
  auto after = test::file_hashes(versions_);
  for (const auto& [name, hash] : before) EXPECT_EQ(after.at(name), hash) << name;
  EXPECT_FALSE(after.count("001_initial_schema.py"));
  EXPECT_EQ(rows(db_), std::vector<std::string>{"bbb"});
}

fs::perms mode_of(const std::string& path) {
  return fs::status(path).permissions() & fs::perms::mask;
}

TEST_F(Commit, ArchiveAndRestoreKeepFileModes) {
  const fs::perms owner_only = fs::perms::owner_read | fs::perms::owner_write;
  const fs::perms group_read = owner_only | fs::perms::group_read;
  fs::permissions(versions_ + "/aaa_first.py", owner_only);
  fs::permissions(versions_ + "/bbb_second.py", group_read);
  std::string backup = commit_squash(plan());
  EXPECT_EQ(mode_of(backup + "/files/aaa_first.py"), owner_only);
  EXPECT_EQ(mode_of(backup + "/files/bbb_second.py"), group_read);
  restore_squash(backup, db_.url(), "");
  EXPECT_EQ(mode_of(versions_ + "/aaa_first.py"), owner_only);
  EXPECT_EQ(mode_of(versions_ + "/bbb_second.py"), group_read);
}

TEST_F(Commit, FilesPutBackAfterAFailureKeepTheirModes) {
  const fs::perms owner_only = fs::perms::owner_read | fs::perms::owner_write;
  fs::permissions(versions_ + "/aaa_first.py", owner_only);
  CommitPlan p = plan();
  p.database_url = "postgresql://postgres@127.0.0.1:1/none";
  EXPECT_THROW(commit_squash(p), DatabaseError);
  EXPECT_EQ(mode_of(versions_ + "/aaa_first.py"), owner_only);
}

TEST_F(Commit, RefusesToOverwriteAFileOfTheSameName) {
  test::write_text(versions_ + "/001_initial_schema.py", "something else\n");
  auto before = test::file_hashes(versions_);
  EXPECT_THROW(commit_squash(plan()), Refused);
  auto after = test::file_hashes(versions_);
  for (const auto& [name, hash] : before) EXPECT_EQ(after.at(name), hash) << name;
  EXPECT_EQ(rows(db_), std::vector<std::string>{"bbb"});
}

TEST_F(Commit, RestoreFinishesAnInterruptedRun) {
  auto before = test::file_hashes(versions_);
  std::string backup = commit_squash(plan());
  Manifest manifest = read_manifest(backup);
  manifest.state =
      ManifestState::kFilesSwapped;  // as if the process died before writing "committed"
  write_manifest(backup, manifest);
  EXPECT_EQ(unfinished_squashes(versions_ + "/backup"), std::vector<std::string>{backup});
  restore_squash(backup, db_.url(), "");
  EXPECT_TRUE(unfinished_squashes(versions_ + "/backup").empty());
  fs::remove_all(versions_ + "/backup");
  EXPECT_EQ(test::file_hashes(versions_), before);
  EXPECT_EQ(rows(db_), std::vector<std::string>{"bbb"});
}

TEST_F(Commit, RestoreRefusesManifestNamesOutsideTheVersionsFolder) {
  // issue 12: restore wrote `../../../x.py` outside the project and deleted `../../alembic.ini`
  test::write_text(dir_ / "alembic.ini", "[alembic]\n");
  std::string backup = commit_squash(plan());
  Manifest squashed = read_manifest(backup);
  auto after_squash = test::file_hashes(dir_.path());
  struct Case {
    const char* list;
    std::string name;
  };
  for (const Case& bad : {Case{"old_files", "../../outside.py"}, Case{"old_files", "/outside/x.py"},
                          Case{"new_files", "../alembic.ini"}, Case{"new_files", ""},
                          Case{"new_files", "./001_initial_schema.py"}}) {
    Manifest manifest = squashed;
    if (std::string(bad.list) == "old_files") {
      test::write_text(backup + "/files/" + bad.name, "print('planted')\n");
      manifest.old_files.push_back({bad.name, sha256_hex("print('planted')\n"), 17});
    } else {
      std::string ini = test::read_text(dir_ / "alembic.ini");
      manifest.new_files.push_back({bad.name, sha256_hex(ini), ini.size()});
    }
    write_manifest(backup, manifest);
    auto before = test::file_hashes(dir_.path());
    try {
      restore_squash(backup, db_.url(), "");
      FAIL() << bad.name << " accepted";
    } catch (const Refused& error) {
      EXPECT_EQ(std::string(error.what()),
                backup + "/manifest.json: the " + bad.list + " entry '" + bad.name +
                    "' is not a file inside the versions folder " + versions_ +
                    " (or the archive); restore does not touch paths outside them. Nothing was "
                    "changed");
    }
    EXPECT_EQ(test::file_hashes(dir_.path()), before) << bad.name;
    EXPECT_FALSE(fs::exists(dir_ / "outside.py"));
    EXPECT_EQ(rows(db_), std::vector<std::string>{"001_initial_schema"});
    if (std::string(bad.list) == "old_files") fs::remove(backup + "/files/" + bad.name);
  }
  write_manifest(backup, squashed);
  EXPECT_EQ(test::file_hashes(dir_.path()), after_squash);
}

TEST_F(Commit, ARestoreCutShortLeavesItsJournalUnfinished) {
  // issue 12: after an interrupted restore, plan (and squash) must refuse until restore is rerun
  std::string backup = commit_squash(plan());
  db_.execute(
      "CREATE FUNCTION no_delete() RETURNS trigger LANGUAGE plpgsql AS "
      "$$BEGIN RAISE EXCEPTION 'cut short'; END$$;"
      "CREATE TRIGGER cut BEFORE DELETE ON alembic_version FOR EACH ROW EXECUTE FUNCTION "
      "no_delete();");
  EXPECT_ANY_THROW(restore_squash(backup, db_.url(), ""));
  EXPECT_EQ(read_manifest(backup).state, ManifestState::kRestoring);
  EXPECT_EQ(unfinished_squashes(versions_ + "/backup"), std::vector<std::string>{backup});
  db_.execute("DROP TRIGGER cut ON alembic_version");
  restore_squash(backup, db_.url(), "");
  EXPECT_TRUE(unfinished_squashes(versions_ + "/backup").empty());
  EXPECT_EQ(rows(db_), std::vector<std::string>{"bbb"});
}

TEST_F(Commit, TakesTheVersionTableLockBeforeAnyFileMovesAndNamesWhoHoldsIt) {
  // issue 12: squash swapped the files, then waited on LOCK TABLE with no timeout and no word
  auto before = test::file_hashes(versions_);
  pqxx::connection deploy(db_.url());
  pqxx::work held(deploy);
  held.exec("LOCK TABLE alembic_version IN ROW EXCLUSIVE MODE");
  int deploy_pid = deploy.backendpid();
  std::thread release([&] {  // without the timeout the commit would go on after this
    std::this_thread::sleep_for(std::chrono::seconds(4));
    held.abort();
  });
  CommitPlan p = plan();
  p.lock_timeout_ms = 500;
  auto started = std::chrono::steady_clock::now();
  try {
    commit_squash(p);
    FAIL() << "no error";
  } catch (const Refused& error) {
    EXPECT_EQ(std::string(error.what()),
              "the version table public.alembic_version (or a live table) stayed locked by another "
              "session for "
              "500 ms (lock_timeout) (pid " +
                  std::to_string(deploy_pid) +
                  ": LOCK TABLE alembic_version IN ROW EXCLUSIVE MODE); nothing was changed. Run "
                  "squash again when it is done, or raise [database] lock_timeout in "
                  "squash.toml");
  }
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(3));
  release.join();
  EXPECT_FALSE(fs::exists(versions_ + "/backup"));
  EXPECT_EQ(test::file_hashes(versions_), before);
  EXPECT_EQ(rows(db_), std::vector<std::string>{"bbb"});
}

TEST_F(Commit, LocksTheLiveTablesAgainstDdlAndChecksTheSchemaOnceTheyAreHeld) {
  // issue 12: an ALTER TABLE while the archive was written still gave "squashed"
  db_.execute("CREATE TABLE node (id int)");
  auto before = test::file_hashes(versions_);
  CommitPlan p = plan();
  p.lock_against_ddl = {{"public", "node"}};
  std::string blocked;
  p.recheck_live = [&] {
    pqxx::connection other(db_.url());
    pqxx::work tx(other);
    tx.exec("SET LOCAL lock_timeout = 200");
    try {
      tx.exec("ALTER TABLE node ADD COLUMN owner int");
    } catch (const pqxx::sql_error& error) {
      blocked = error.sqlstate();
    }
    throw Refused("the live schema changed since the plan");
  };
  EXPECT_THROW(commit_squash(p), Refused);
  EXPECT_EQ(blocked, "55P03");  // lock_not_available: the DDL waited on the commit's lock
  EXPECT_FALSE(fs::exists(versions_ + "/backup"));
  EXPECT_EQ(test::file_hashes(versions_), before);
  EXPECT_EQ(rows(db_), std::vector<std::string>{"bbb"});
  p.recheck_live = nullptr;
  commit_squash(p);
  EXPECT_EQ(rows(db_), std::vector<std::string>{"001_initial_schema"});
}

TEST_F(Commit, RestoreRefusesWhenAGeneratedFileWasEdited) {
  std::string backup = commit_squash(plan());
  test::write_text(versions_ + "/001_initial_schema.py", "edited by hand\n");
  EXPECT_THROW(restore_squash(backup, db_.url(), ""), Refused);
  EXPECT_EQ(rows(db_), std::vector<std::string>{"001_initial_schema"});
}

TEST_F(Commit, AStopBetweenAnyTwoStepsPutsEverythingBackAndSaysSo) {
  // issue 12: SIGINT / SIGTERM during the commit left "files new, row old" with no word
  auto before = test::file_hashes(versions_);
  std::vector<std::string> steps;
  CommitPlan p = plan();
  p.on_step = [&](std::string_view step) { steps.emplace_back(step); };
  commit_squash(p);
  ASSERT_EQ(steps,
            (std::vector<std::string>{
                "recheck the live schema", "create the backup folder", "archive aaa_first.py",
                "archive bbb_second.py", "archive __pycache__/bbb_second.cpython-311.pyc",
                "write 001_initial_schema.py", "remove aaa_first.py", "remove bbb_second.py",
                "remove __pycache__/bbb_second.cpython-311.pyc", "commit"}));
  restore_squash(versions_ + "/backup/20261121T000000Z", db_.url(), "");
  fs::remove_all(versions_ + "/backup");
  ASSERT_EQ(test::file_hashes(versions_), before);

  for (const auto& stop_at : steps) {
    SCOPED_TRACE(stop_at);
    StopSwitch stop;
    p.on_step = [&](std::string_view step) {
      if (step == stop_at) stop.request();
    };
    bool files_moved =
        stop_at.rfind("write ", 0) == 0 || stop_at.rfind("remove ", 0) == 0 || stop_at == "commit";
    try {
      commit_squash(p, &stop);
      ADD_FAILURE() << "not interrupted";
    } catch (const Interrupted& error) {
      EXPECT_EQ(std::string(error.what()),
                files_moved
                    ? "interrupted: the version table was not rewritten and the versions folder "
                      "was put back as it was (the backup folder's journal says rolled back); "
                      "nothing was changed"
                    : "interrupted before any file moved: the version table and the versions "
                      "folder are as they were; nothing was changed");
    }
    EXPECT_EQ(rows(db_), std::vector<std::string>{"bbb"});
    EXPECT_TRUE(unfinished_squashes(versions_ + "/backup").empty());
    if (files_moved) {
      EXPECT_EQ(read_manifest(versions_ + "/backup/20261121T000000Z").state,
                ManifestState::kRolledBack);
    } else {
      EXPECT_FALSE(fs::exists(versions_ + "/backup/20261121T000000Z"));
    }
    fs::remove_all(versions_ + "/backup");
    EXPECT_EQ(test::file_hashes(versions_), before);
  }
}

TEST_F(Commit, AStopCancelsTheWaitForTheVersionTableLock) {
  auto before = test::file_hashes(versions_);
  pqxx::connection deploy(db_.url());
  pqxx::work held(deploy);
  held.exec("LOCK TABLE alembic_version IN ROW EXCLUSIVE MODE");
  StopSwitch stop;
  std::thread interrupt([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    stop.request();
  });
  CommitPlan p = plan();
  p.lock_timeout_ms = 60000;
  auto started = std::chrono::steady_clock::now();
  try {
    commit_squash(p, &stop);
    ADD_FAILURE() << "not interrupted";
  } catch (const Interrupted& error) {
    EXPECT_EQ(std::string(error.what()),
              "interrupted before any file moved: the version table and the versions folder are "
              "as they were; nothing was changed");
  }
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
  interrupt.join();
  held.abort();
  EXPECT_FALSE(fs::exists(versions_ + "/backup"));
  EXPECT_EQ(test::file_hashes(versions_), before);
  EXPECT_EQ(rows(db_), std::vector<std::string>{"bbb"});
}

}  // namespace
}  // namespace asq
