// The squash end to end on fixtures/seed16 in the scenario state, with the real Alembic as the
// referee: what we write must run under it and rebuild the live schema exactly.

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <pqxx/pqxx>

#include "common/sha256.h"
#include "squash/manifest.h"
#include "support/alembic.h"
#include "support/black.h"
#include "support/postgres.h"
#include "support/process.h"

namespace asq {
namespace {

namespace fs = std::filesystem;
using test::ProcessResult;
using test::run_alembic;
using test::run_tool;
using test::schema_dump;
using test::source_path;
using test::TempDir;
using test::TestDatabase;

const char* kSyncId = "318e2657ad46";

/// A private copy of the seed project and a live database in the scenario's state.
class SeedSquash : public testing::Test {
 protected:
  void SetUp() override {
    test::copy_tree(source_path("fixtures/seed16"), project_);
    live_.run_sql_file(source_path("fixtures/seed16/state.sql"));
  }
  ProcessResult squash(std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"squash", "--yes",  "--revision-id",
                                  kSyncId,  "--date", "2026-11-21 00:00:00.000000"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_tool(args, project_, {{"DATABASE_URL", live_.url()}});
  }
  std::string versions() const { return project_ + "/alembic/versions"; }

  TempDir dir_;
  std::string project_ = dir_ / "seed16";
  TestDatabase live_{"squash_live"};
};

TEST_F(SeedSquash, RebuildsTheLiveSchemaUnderTheRealAlembic) {
  auto before = test::file_hashes(versions());
  std::string live_dump = schema_dump(live_.url());
  ProcessResult result = squash();
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE(result.out.find("equal to live"), std::string::npos) << result.out;

  ProcessResult heads = run_alembic(project_, {"heads"}, live_.url());
  ASSERT_EQ(heads.exit_code, 0) << heads.err;
  EXPECT_EQ(heads.out, std::string(kSyncId) + " (head)\n");
  EXPECT_EQ(test::version_rows(live_.url()), std::vector<std::string>{kSyncId});
  // Without post_write_hooks, what the renderer writes is already black-clean.
  EXPECT_EQ(test::black_diff_of_functions(
                {versions() + "/001_initial_schema.py",
                 versions() + "/" + std::string(kSyncId) + "_sync_with_database.py"}),
            "");

  TestDatabase fresh("squash_fresh");
  ProcessResult up = run_alembic(project_, {"upgrade", "head"}, fresh.url());
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_EQ(schema_dump(fresh.url()), live_dump);

  ProcessResult down = run_alembic(project_, {"downgrade", "base"}, fresh.url());
  ASSERT_EQ(down.exit_code, 0) << down.err;
  pqxx::connection connection(fresh.url());
  pqxx::read_transaction tx(connection);
  EXPECT_EQ(tx.exec("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND "
                    "tablename <> 'alembic_version'")[0][0]
                .as<int>(),
            0);
  EXPECT_EQ(tx.exec("SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = typnamespace "
                    "WHERE nspname = 'public' AND typtype = 'e'")[0][0]
                .as<int>(),
            0);
  tx.abort();
  ProcessResult again = run_alembic(project_, {"upgrade", "head"}, fresh.url());
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(schema_dump(fresh.url()), live_dump);

  // The archive holds every old file byte for byte.
  std::string backup_root = versions() + "/backup";
  ASSERT_TRUE(fs::is_directory(backup_root));
  std::string backup = fs::directory_iterator(backup_root)->path().string();
  auto archived = test::file_hashes(backup + "/files");
  EXPECT_EQ(archived, before);
  size_t revisions = 0;
  for (const auto& [name, hash] : archived) revisions += name.find('/') == std::string::npos;
  EXPECT_EQ(revisions, 16u);
}

TEST_F(SeedSquash, RestoreBringsBackTheExactFilesAndRows) {
  auto before = test::file_hashes(versions());
  ASSERT_EQ(squash().exit_code, 0);
  ProcessResult restored = run_tool({"restore"}, project_, {{"DATABASE_URL", live_.url()}});
  ASSERT_EQ(restored.exit_code, 0) << restored.err;
  auto after = test::file_hashes(versions());
  for (auto it = after.begin(); it != after.end();) {
    it = it->first.rfind("backup/", 0) == 0 ? after.erase(it) : std::next(it);
  }
  EXPECT_EQ(after, before);
  EXPECT_EQ(test::version_rows(live_.url()), std::vector<std::string>{"e3c92c171920"});
}

TEST_F(SeedSquash, AnUnparsableRevisionChangesNothing) {
  test::write_text(versions() + "/ffff00000001_broken.py",
                   "revision = 'ffff00000001'\ndown_revision = '7c4d1e9a2b58'\n"
                   "def upgrade(:\n    pass\n");
  auto before = test::file_hashes(versions());
  ProcessResult result = squash();
  EXPECT_EQ(result.exit_code, 2) << result.out;
  EXPECT_NE(result.err.find("ffff00000001_broken.py:3:12: error: '(' was never closed"),
            std::string::npos)
      << result.err;
  EXPECT_EQ(test::file_hashes(versions()), before);
  EXPECT_EQ(test::version_rows(live_.url()), std::vector<std::string>{"e3c92c171920"});
}

TEST_F(SeedSquash, AnUnreachableDatabaseChangesNothing) {
  auto before = test::file_hashes(versions());
  ProcessResult result = run_tool({"squash", "--yes"}, project_,
                                  {{"DATABASE_URL", "postgresql://postgres@127.0.0.1:1/none"}});
  EXPECT_EQ(result.exit_code, 4);
  EXPECT_NE(result.err.find("host 127.0.0.1 port 1"), std::string::npos) << result.err;
  EXPECT_EQ(test::file_hashes(versions()), before);
}

TEST_F(SeedSquash, AReadOnlyVersionsFolderChangesNothing) {
  auto before = test::file_hashes(versions());
  std::vector<std::string> argv{ASQ_BINARY, "squash", "--yes", "--revision-id", kSyncId};
  if (geteuid() == 0) {
    // root writes anywhere: run the tool as an unprivileged user, as a release engineer would,
    // from a copy of the binary that user can reach wherever the build folder lives.
    fs::permissions(dir_.path(), fs::perms::owner_all | fs::perms::group_read |
                                     fs::perms::group_exec | fs::perms::others_read |
                                     fs::perms::others_exec);
    argv[0] = test::copy_tool(dir_.path());
    argv.insert(argv.begin(), {"runuser", "-u", "nobody", "--"});
  }
  for (const auto& entry : fs::recursive_directory_iterator(project_)) {
    fs::permissions(entry.path(),
                    entry.is_directory()
                        ? fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                              fs::perms::group_exec | fs::perms::others_read |
                              fs::perms::others_exec
                        : fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  }
  fs::permissions(versions(), fs::perms::owner_read | fs::perms::owner_exec |
                                  fs::perms::group_read | fs::perms::group_exec |
                                  fs::perms::others_read | fs::perms::others_exec);
  ProcessResult result = test::run_process(argv, project_, {{"DATABASE_URL", live_.url()}});
  EXPECT_EQ(result.exit_code, 5) << result.out << result.err;
  EXPECT_NE(result.err.find("ermission denied"), std::string::npos) << result.err;
  EXPECT_EQ(test::file_hashes(versions()), before);
  EXPECT_EQ(test::version_rows(live_.url()), std::vector<std::string>{"e3c92c171920"});
  for (const auto& entry : fs::recursive_directory_iterator(project_)) {
    fs::permissions(entry.path(), fs::perms::owner_all, fs::perm_options::add);
  }
  fs::permissions(versions(), fs::perms::owner_all, fs::perm_options::add);
}

}  // namespace
}  // namespace asq

namespace asq {
namespace {

TEST(BranchSquash, SeveralHeadsAndAMergeBecomeOneBaselineUnderTheRealAlembic) {
  TempDir dir;
  std::string project = dir / "branches";
  test::copy_tree(source_path("fixtures/branches"), project);
  TestDatabase live("branches_live");
  ProcessResult up = run_alembic(project, {"upgrade", "heads"}, live.url());
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_EQ(test::version_rows(live.url()),
            (std::vector<std::string>{"4c8e1a6f2d95", "b3f6a0e8d247"}));

  ProcessResult result = run_tool({"squash", "--yes"}, project, {{"DATABASE_URL", live.url()}});
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  ProcessResult heads = run_alembic(project, {"heads"}, live.url());
  EXPECT_EQ(heads.out, "001_initial_schema (head)\n");
  EXPECT_EQ(test::version_rows(live.url()), std::vector<std::string>{"001_initial_schema"});
  TestDatabase fresh("branches_fresh");
  ASSERT_EQ(run_alembic(project, {"upgrade", "head"}, fresh.url()).exit_code, 0);
  EXPECT_EQ(schema_dump(fresh.url()), schema_dump(live.url()));
}

TEST(BranchSquash, ADatabaseOnOnlyOneBranchIsRefusedAsBehind) {
  TempDir dir;
  std::string project = dir / "branches";
  test::copy_tree(source_path("fixtures/branches"), project);
  TestDatabase live("branches_one");
  ASSERT_EQ(run_alembic(project, {"upgrade", "audit@head"}, live.url()).exit_code, 0);
  ProcessResult result = run_tool({"squash", "--yes"}, project, {{"DATABASE_URL", live.url()}});
  EXPECT_EQ(result.exit_code, 5);
  EXPECT_NE(result.err.find("behind the head"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace asq

namespace asq {
namespace {

class SeedSafety : public testing::Test {
 protected:
  void SetUp() override {
    test::copy_tree(source_path("fixtures/seed16"), project_);
    live_.run_sql_file(source_path("fixtures/seed16/state.sql"));
  }
  ProcessResult tool(const std::vector<std::string>& args) {
    return run_tool(args, project_, {{"DATABASE_URL", live_.url()}});
  }
  std::string versions() const { return project_ + "/alembic/versions"; }
  TempDir dir_;
  std::string project_ = dir_ / "seed16";
  TestDatabase live_{"safety_live"};
};

TEST_F(SeedSafety, CarriesViewsFunctionsAndTriggersIntoTheSyncRevision) {
  live_.execute(
      "CREATE VIEW issue_ids AS SELECT id FROM issue;"
      "CREATE VIEW issue_id_count AS SELECT count(*) AS n FROM issue_ids;"
      "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS "
      "$$BEGIN NEW.updated_at = now(); RETURN NEW; END$$;"
      "CREATE TRIGGER issue_touch BEFORE UPDATE ON issue FOR EACH ROW "
      "EXECUTE FUNCTION touch();");
  ProcessResult result = tool({"squash", "--yes", "--revision-id", kSyncId});
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  std::string sync =
      test::read_text(versions() + "/" + std::string(kSyncId) + "_sync_with_database.py");
  EXPECT_NE(sync.find("op.execute(\"DROP VIEW issue_id_count\")"), std::string::npos);
  TestDatabase fresh("safety_objects");
  ASSERT_EQ(run_alembic(project_, {"upgrade", "head"}, fresh.url()).exit_code, 0);
  EXPECT_EQ(schema_dump(fresh.url()), schema_dump(live_.url()));
  ProcessResult down = run_alembic(project_, {"downgrade", "001_initial_schema"}, fresh.url());
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_EQ(schema_dump(fresh.url()).find("issue_ids"), std::string::npos);
}

TEST_F(SeedSafety, RefusesWhatTheModelCannotCarryInsteadOfLosingIt) {
  live_.execute(
      "CREATE AGGREGATE total(integer) (SFUNC = int4pl, STYPE = integer);"
      "CREATE RULE no_delete AS ON DELETE TO issue DO INSTEAD NOTHING;");
  auto before = test::file_hashes(versions());
  ProcessResult result = tool({"squash", "--yes"});
  EXPECT_EQ(result.exit_code, 5) << result.out;
  EXPECT_NE(result.err.find("aggregate public.total(integer)"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("rule public.issue.no_delete"), std::string::npos) << result.err;
  EXPECT_EQ(test::file_hashes(versions()), before);
  EXPECT_EQ(test::version_rows(live_.url()), std::vector<std::string>{"e3c92c171920"});
  EXPECT_EQ(tool({"verify"}).exit_code, 5);
}

TEST_F(SeedSafety, SquashingASquashedFolderAgainFoldsTheSyncIntoANewBaseline) {
  ASSERT_EQ(tool({"squash", "--yes", "--revision-id", kSyncId}).exit_code, 0);
  auto first = test::file_hashes(versions());
  ProcessResult again = tool({"squash", "--yes"});
  ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_FALSE(fs::exists(versions() + "/" + std::string(kSyncId) + "_sync_with_database.py"));
  EXPECT_EQ(test::version_rows(live_.url()), std::vector<std::string>{"001_initial_schema"});
  TestDatabase fresh("safety_fresh");
  ASSERT_EQ(run_alembic(project_, {"upgrade", "head"}, fresh.url()).exit_code, 0);
  EXPECT_EQ(schema_dump(fresh.url()), schema_dump(live_.url()));
  // restore undoes the newest squash: the first squash's files come back exactly.
  ASSERT_EQ(tool({"restore"}).exit_code, 0);
  auto now = test::file_hashes(versions());
  for (auto it = now.begin(); it != now.end();) {
    it = it->first.rfind("backup/", 0) == 0 ? now.erase(it) : std::next(it);
  }
  for (auto it = first.begin(); it != first.end();) {
    it = it->first.rfind("backup/", 0) == 0 ? first.erase(it) : std::next(it);
  }
  EXPECT_EQ(now, first);
  EXPECT_EQ(test::version_rows(live_.url()), std::vector<std::string>{kSyncId});
}

TEST_F(SeedSafety, RestoreNeedsTheDatabaseUnlessToldFilesOnly) {
  ASSERT_EQ(tool({"squash", "--yes"}).exit_code, 0);
  std::string ini = test::read_text(project_ + "/alembic.ini");
  ini.replace(ini.find("sqlalchemy.url"), 2, "# ");  // no URL anywhere now
  test::write_text(project_ + "/alembic.ini", ini);
  ProcessResult without = run_tool({"restore"}, project_);
  EXPECT_EQ(without.exit_code, 2);
  EXPECT_NE(without.err.find("--files-only"), std::string::npos) << without.err;
  EXPECT_TRUE(fs::exists(versions() + "/001_initial_schema.py"));
  ProcessResult files_only = run_tool({"restore", "--files-only"}, project_);
  EXPECT_EQ(files_only.exit_code, 0) << files_only.err;
  EXPECT_FALSE(fs::exists(versions() + "/001_initial_schema.py"));
}

TEST_F(SeedSafety, RestoreWritesIntoTheConfiguredFolderEvenWhenTheProjectMoved) {
  ASSERT_EQ(tool({"squash", "--yes"}).exit_code, 0);
  std::string moved = dir_ / "moved";
  fs::rename(project_, moved);
  ProcessResult result = run_tool({"restore"}, moved, {{"DATABASE_URL", live_.url()}});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_FALSE(fs::exists(project_));
  EXPECT_TRUE(
      fs::exists(moved + "/alembic/versions/7c4d1e9a2b58_add_execution_fields_to_issue.py"));
}

TEST_F(SeedSafety, RestoreRefusesToOrphanARevisionWrittenAfterTheSquash) {
  ASSERT_EQ(tool({"squash", "--yes", "--revision-id", kSyncId}).exit_code, 0);
  test::write_text(versions() + "/aaaa00000009_later.py",
                   "revision = 'aaaa00000009'\ndown_revision = '318e2657ad46'\n\n"
                   "def upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n");
  auto before = test::file_hashes(versions());
  ProcessResult result = tool({"restore"});
  EXPECT_EQ(result.exit_code, 5);
  EXPECT_NE(result.err.find("aaaa00000009_later.py was written after the squash"),
            std::string::npos)
      << result.err;
  EXPECT_EQ(test::file_hashes(versions()), before);
  EXPECT_EQ(test::version_rows(live_.url()), std::vector<std::string>{kSyncId});
}

TEST_F(SeedSafety, ADateOrRevisionIdThatCouldEscapeIsRefusedBeforeAnythingMoves) {
  // issue 12: this --date squashed (exit 0) into a file that ran code on the next `alembic heads`
  const std::string injection = "2024-01-01\n\"\"\"\nimport os\nos.system(\"touch pwned\")\n\"\"\"";
  auto before = test::file_hashes(project_);
  for (const auto& [args, message] : std::vector<std::pair<std::vector<std::string>, std::string>>{
           {{"squash", "--yes", "--date", injection},
            "--date: expected an ISO 8601 date or date-time"},
           {{"plan", "--date", "tomorrow"}, "--date: expected an ISO 8601 date"},
           {{"squash", "--yes", "--revision-id", "../x"},
            "--revision-id: a revision id may hold only ASCII letters, digits and '_'"},
           {{"squash", "--yes", "--revision-id", ""},
            "--revision-id: a revision id must not be empty"}}) {
    ProcessResult result = tool(args);
    EXPECT_EQ(result.exit_code, 2) << args.back() << ": " << result.err;
    EXPECT_NE(result.err.find(message), std::string::npos) << result.err;
  }
  std::string fills = test::read_text(project_ + "/squash.toml");  // the fixture's [fill]
  test::write_text(project_ + "/squash.toml", "[squash]\nbaseline_id = \"../../evil\"\n");
  ProcessResult result = tool({"squash", "--yes"});
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_NE(result.err.find("squash.toml:2:15: squash.baseline_id: a revision id may hold only"),
            std::string::npos)
      << result.err;
  test::write_text(project_ + "/squash.toml", fills);
  EXPECT_EQ(test::file_hashes(project_), before);
  EXPECT_FALSE(fs::exists(dir_ / "evil.py"));
  EXPECT_EQ(test::version_rows(live_.url()), std::vector<std::string>{"e3c92c171920"});
}

TEST_F(SeedSafety, AHalfSwappedSquashSendsDoctorAndPlanToRestore) {
  // issue 12: after a kill -9 in the commit, doctor suggested `alembic stamp --purge`
  ASSERT_EQ(tool({"squash", "--yes", "--revision-id", kSyncId}).exit_code, 0);
  std::string backup = fs::directory_iterator(versions() + "/backup")->path().string();
  for (const char* state : {"files-swapped", "restoring"}) {
    Manifest manifest = read_manifest(backup);
    manifest.state = *manifest_state_from_string(state);
    write_manifest(backup, manifest);
    ProcessResult doctor = tool({"doctor"});
    EXPECT_EQ(doctor.exit_code, 3) << doctor.out << doctor.err;
    EXPECT_NE(doctor.out.find("an earlier squash did not finish: run `alembic-squash restore "),
              std::string::npos)
        << doctor.out;
    EXPECT_NE(doctor.out.find(std::string("(its journal says '") + state + "')"), std::string::npos)
        << doctor.out;
    EXPECT_EQ(doctor.out.find("alembic stamp"), std::string::npos) << doctor.out;
    ProcessResult plan = tool({"plan"});
    EXPECT_EQ(plan.exit_code, 5) << plan.out << plan.err;
    EXPECT_NE(plan.err.find("an earlier squash did not finish"), std::string::npos) << plan.err;
  }
  ASSERT_EQ(tool({"restore"}).exit_code, 0);
  EXPECT_EQ(tool({"doctor"}).out.find("an earlier squash did not finish"), std::string::npos);
}

TEST_F(SeedSafety, OnlyOneSquashRunsAgainstADatabaseAtATime) {
  pqxx::connection other(live_.url());
  pqxx::nontransaction tx(other);
  tx.exec("SELECT pg_advisory_lock(hashtext('alembic-squash run'))");
  auto before = test::file_hashes(versions());
  ProcessResult result = tool({"squash", "--yes"});
  EXPECT_EQ(result.exit_code, 5);
  EXPECT_NE(result.err.find("another alembic-squash squash is running"), std::string::npos)
      << result.err;
  EXPECT_EQ(test::file_hashes(versions()), before);
}

class SeedSquashStopped : public SeedSafety, public testing::WithParamInterface<int> {};

TEST_P(SeedSquashStopped, WhileTheCommitWaitsItUndoesAndSaysSo) {
  // issue 12: SIGINT / SIGTERM during the commit killed the process mid-way, with no word
  pqxx::connection other(live_.url());
  pqxx::nontransaction held(other);
  held.exec("SELECT pg_advisory_lock(hashtext('alembic-squash'))");  // the commit's lock
  auto before = test::file_hashes(versions());
  test::StartedProcess squash(test::tool_argv({"squash", "--yes", "--revision-id", kSyncId}),
                              project_, test::tool_env({{"DATABASE_URL", live_.url()}}));
  ASSERT_TRUE(test::eventually([&] {
    return held.exec(
                   "SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND "
                   "wait_event = 'advisory' AND pid <> pg_backend_pid()")
               .size() == 1;
  }));
  squash.signal(GetParam());
  ProcessResult stopped = squash.wait();
  EXPECT_EQ(stopped.exit_code, 5) << stopped.out << stopped.err;
  EXPECT_NE(stopped.err.find("alembic-squash: interrupted before any file moved: the version "
                             "table and the versions folder are as they were; nothing was "
                             "changed\n"),
            std::string::npos)
      << stopped.err;
  EXPECT_EQ(test::file_hashes(versions()), before);
  EXPECT_EQ(test::version_rows(live_.url()), std::vector<std::string>{"e3c92c171920"});
  held.exec("SELECT pg_advisory_unlock_all()");
  ProcessResult again = tool({"squash", "--yes", "--revision-id", kSyncId});
  EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
}

INSTANTIATE_TEST_SUITE_P(Signals, SeedSquashStopped, testing::Values(SIGINT, SIGTERM),
                         [](const auto& signal_case) {
                           return std::string(signal_case.param == SIGINT ? "SIGINT" : "SIGTERM");
                         });

TEST_F(SeedSafety, TheSameInputsGiveByteIdenticalFiles) {
  TempDir other_dir;
  std::string other = other_dir / "seed16";
  test::copy_tree(source_path("fixtures/seed16"), other);
  TestDatabase other_live("safety_twin");
  other_live.run_sql_file(source_path("fixtures/seed16/state.sql"));
  std::vector<std::string> args{"squash", "--yes",  "--revision-id",
                                kSyncId,  "--date", "2026-11-21 00:00:00.000000"};
  ASSERT_EQ(tool(args).exit_code, 0);
  ASSERT_EQ(run_tool(args, other, {{"DATABASE_URL", other_live.url()}}).exit_code, 0);
  for (const char* name : {"001_initial_schema.py", "318e2657ad46_sync_with_database.py"}) {
    std::string ours = test::read_text(versions() + "/" + name);
    EXPECT_FALSE(ours.empty()) << name;
    EXPECT_EQ(ours, test::read_text(other + "/alembic/versions/" + name)) << name;
  }
}

TEST_F(SeedSafety, PlanSqlPrintsTheNewChainAsDdl) {
  ProcessResult result = tool({"plan", "--sql"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("CREATE TYPE issuestatus AS ENUM"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("CREATE TABLE credentialnodelink"), std::string::npos);
  EXPECT_NE(result.out.find("DROP TABLE item;"), std::string::npos);
  EXPECT_FALSE(fs::exists(versions() + "/001_initial_schema.py"));
}

}  // namespace
}  // namespace asq
