// `adopt`: after squashing database A, databases B (old head), C (intermediate revision),
// D (version row naming the deleted revision, with --assume) and E (a tenant schema) come onto
// the new chain; then `alembic upgrade head` on each gives A's schema. A database whose schema
// does not match is refused and left untouched; `--plan` changes nothing; killing or stopping
// adopt between targets loses nothing.

#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <pqxx/pqxx>
#include <sstream>
#include <thread>

#include "support/alembic.h"
#include "support/postgres.h"
#include "support/process.h"

namespace asq {
namespace {

namespace fs = std::filesystem;
using test::eventually;
using test::ProcessResult;
using test::run_alembic;
using test::run_tool;
using test::schema_dump;
using test::source_path;
using test::StartedProcess;
using test::TempDir;
using test::TestDatabase;
using test::version_rows;

const std::string kHead = "7c4d1e9a2b58";          // head of the old chain
const std::string kIntermediate = "26c2c831dc19";  // four revisions behind it
const std::string kBaseline = "001_initial_schema";

/// A schema-only dump of one schema of a database, spelled as if it were public and without
/// the schema's own CREATE/COMMENT lines: a tenant's dump compares with a public one.
std::string dump_as_public(const std::string& url, const std::string& schema) {
  const std::string kPublic = "public";
  std::string out;
  std::istringstream lines(schema_dump(url, schema));
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("CREATE SCHEMA ", 0) == 0 || line.rfind("COMMENT ON SCHEMA ", 0) == 0) continue;
    for (size_t at = line.find(schema + "."); at != std::string::npos;
         at = line.find(schema + ".", at + kPublic.size())) {
      line.replace(at, schema.size(), kPublic);
    }
    out += line + "\n";
  }
  return out;
}

class Adopt : public testing::Test {
 protected:
  void SetUp() override {
    test::copy_tree(source_path("fixtures/seed16"), original_);
    fs::remove_all(original_ + "/alembic/versions/__pycache__");
    test::copy_tree(original_, project_);
    a_.run_sql_file(source_path("fixtures/seed16/state.sql"));
  }
  void squash_a() {
    ProcessResult squash = run_tool({"squash", "--yes"}, project_, {{"DATABASE_URL", a_.url()}});
    ASSERT_EQ(squash.exit_code, 0) << squash.out << squash.err;
  }
  /// Runs the real Alembic with the OLD chain on `db`.
  void old_upgrade(const TestDatabase& db, const std::string& revision,
                   const std::vector<std::string>& x = {}) {
    std::vector<std::string> args = x;
    args.insert(args.end(), {"upgrade", revision});
    ProcessResult up = run_alembic(original_, args, db.url());
    ASSERT_EQ(up.exit_code, 0) << up.err;
  }
  TempDir dir_;
  std::string original_ = dir_ / "original";
  std::string project_ = dir_ / "seed16";
  TestDatabase a_{"adopt_a"};
};

/// Rows and schema of a database, to show it was left alone.
struct Snapshot {
  std::vector<std::string> rows;
  std::string dump;
  bool operator==(const Snapshot&) const = default;
};

Snapshot snapshot(const TestDatabase& db) {
  return {version_rows(db.url()), schema_dump(db.url())};
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST_F(Adopt, BringsEveryOtherDatabaseOntoTheSquashedChain) {
  TestDatabase b("adopt_b"), c("adopt_c"), d("adopt_d");
  ASSERT_EQ(run_alembic(original_, {"upgrade", "head"}, b.url()).exit_code, 0);
  ASSERT_EQ(run_alembic(original_, {"upgrade", "26c2c831dc19"}, c.url()).exit_code, 0);
  ASSERT_EQ(run_alembic(original_, {"upgrade", "head"}, d.url()).exit_code, 0);
  d.execute("UPDATE alembic_version SET version_num = 'e3c92c171920'");
  ASSERT_EQ(run_tool({"squash", "--yes"}, project_, {{"DATABASE_URL", a_.url()}}).exit_code, 0);

  ProcessResult first = run_tool({"adopt", a_.url(), b.url(), c.url(), d.url()}, project_);
  EXPECT_EQ(first.exit_code, 5) << first.out << first.err;  // D needs --assume
  EXPECT_NE(first.out.find("already on the new chain"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("migrated 4 revisions, stamped"), std::string::npos);
  EXPECT_NE(first.out.find("pass --assume REV"), std::string::npos);
  // Locate, in the archived chain: D's schema is the old head's.
  EXPECT_NE(first.out.find("its schema matches 7c4d1e9a2b58 exactly: adopt it with --assume "
                           "7c4d1e9a2b58"),
            std::string::npos)
      << first.out;
  EXPECT_NE(first.out.find("3 of 4 databases on the new chain"), std::string::npos);
  EXPECT_EQ(test::version_rows(b.url()), std::vector<std::string>{"001_initial_schema"});
  EXPECT_EQ(test::version_rows(c.url()), std::vector<std::string>{"001_initial_schema"});
  EXPECT_EQ(test::version_rows(d.url()), std::vector<std::string>{"e3c92c171920"});  // untouched

  ProcessResult assumed = run_tool({"adopt", "--assume", "7c4d1e9a2b58", d.url()}, project_);
  EXPECT_EQ(assumed.exit_code, 0) << assumed.out << assumed.err;
  std::string expected = test::schema_dump(a_.url());
  for (const auto* db : {&b, &c, &d}) {
    ProcessResult up = run_alembic(project_, {"upgrade", "head"}, db->url());
    ASSERT_EQ(up.exit_code, 0) << up.err;
    EXPECT_EQ(test::schema_dump(db->url()), expected) << db->name();
  }
}

TEST_F(Adopt, RefusesADatabaseWhoseSchemaDiffersAndLeavesItAlone) {
  TestDatabase odd("adopt_odd");
  ASSERT_EQ(run_alembic(original_, {"upgrade", "head"}, odd.url()).exit_code, 0);
  odd.execute("ALTER TABLE project ADD COLUMN extra integer");
  ASSERT_EQ(run_tool({"squash", "--yes"}, project_, {{"DATABASE_URL", a_.url()}}).exit_code, 0);
  std::string before = test::schema_dump(odd.url());
  ProcessResult result = run_tool({"--json", "adopt", odd.url()}, project_);
  EXPECT_EQ(result.exit_code, 5);
  EXPECT_NE(result.out.find("its schema differs from 001_initial_schema"), std::string::npos)
      << result.out;
  EXPECT_EQ(test::version_rows(odd.url()), std::vector<std::string>{"7c4d1e9a2b58"});
  EXPECT_EQ(test::schema_dump(odd.url()), before);
}

TEST_F(Adopt, NoMigrateRefusesADatabaseBehindTheReplacedHead) {
  TestDatabase c("adopt_nomigrate");
  ASSERT_EQ(run_alembic(original_, {"upgrade", "26c2c831dc19"}, c.url()).exit_code, 0);
  ASSERT_EQ(run_tool({"squash", "--yes"}, project_, {{"DATABASE_URL", a_.url()}}).exit_code, 0);
  ProcessResult result = run_tool({"adopt", "--no-migrate", c.url()}, project_);
  EXPECT_EQ(result.exit_code, 5);
  EXPECT_NE(result.out.find("4 revisions behind the replaced head"), std::string::npos)
      << result.out;
  EXPECT_EQ(test::version_rows(c.url()), std::vector<std::string>{"26c2c831dc19"});
}

// The squash here is of a database without drift: the seed's drift gives a sync revision whose
// raw SQL the renderer qualifies with public (`UPDATE public.credential ...`), which a tenant
// cannot run.
TEST_F(Adopt, BringsATenantSchemaOntoTheSquashedChain) {
  TestDatabase e("adopt_tenant");
  e.execute("CREATE SCHEMA tenant_e");
  old_upgrade(e, kIntermediate, {"-x", "tenant=tenant_e"});
  ASSERT_EQ(version_rows(e.url(), "tenant_e"), std::vector<std::string>{kIntermediate});
  squash_a();  // A has drift: the new chain ends with a sync revision the tenant must run too
  ASSERT_EQ(version_rows(a_.url()).size(), 1u);
  ASSERT_NE(version_rows(a_.url())[0], kBaseline);

  ProcessResult result = run_tool({"adopt", "--schemas", "tenant_e,absent", e.url()}, project_);
  EXPECT_EQ(result.exit_code, 5) << result.out << result.err;  // `absent` has no history
  EXPECT_TRUE(contains(result.out, "#tenant_e  " + kIntermediate + " -> " + kBaseline +
                                       "  migrated 4 revisions, stamped"))
      << result.out;
  EXPECT_TRUE(contains(result.out,
                       "#absent  (empty) -> (empty)  refused: there is no version "
                       "table absent.alembic_version"))
      << result.out;
  EXPECT_EQ(version_rows(e.url(), "tenant_e"), std::vector<std::string>{kBaseline});

  ProcessResult up = run_alembic(project_, {"-x", "tenant=tenant_e", "upgrade", "head"}, e.url());
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_EQ(version_rows(e.url(), "tenant_e"), version_rows(a_.url()));
  EXPECT_EQ(dump_as_public(e.url(), "tenant_e"), dump_as_public(a_.url(), "public"));
}

TEST_F(Adopt, ComparesATenantWithTheBaselineInItsOwnSchema) {
  TestDatabase e("adopt_tenant_odd");
  e.execute("CREATE SCHEMA tenant_e");
  old_upgrade(e, kHead, {"-x", "tenant=tenant_e"});
  e.execute("ALTER TABLE tenant_e.project ADD COLUMN extra integer");
  squash_a();
  ProcessResult result = run_tool({"adopt", "--schemas", "tenant_e", e.url()}, project_);
  EXPECT_EQ(result.exit_code, 5);
  EXPECT_TRUE(contains(result.out, "its schema differs from 001_initial_schema's (1 changes)"))
      << result.out;
  EXPECT_TRUE(contains(result.out, "+ column project.extra integer")) << result.out;
  EXPECT_EQ(version_rows(e.url(), "tenant_e"), std::vector<std::string>{kHead});
}

// Several tenants of one database are read in one snapshot; each is still judged on its own:
// one at the replaced head is stamped, one with an extra column refused with that change, one
// behind the head migrated in its own schema, whichever worker takes which.
TEST_F(Adopt, TenantsOfOneDatabaseAreEachJudgedOnTheirOwn) {
  // Tenants share the database's extension in public, after the tenant on the search path (the
  // fixture's env.py puts the tenant alone there, where only one tenant can own uuid-ossp).
  std::string env = original_ + "/alembic/env.py";
  std::string text = test::read_text(env);
  const std::string kPath = "\"SET search_path TO \" + quoted";
  ASSERT_NE(text.find(kPath), std::string::npos);
  text.replace(text.find(kPath), kPath.size(), kPath + " + \", public\"");
  test::write_text(env, text);
  TestDatabase e("adopt_tenants");
  e.execute("CREATE EXTENSION \"uuid-ossp\"");
  for (const char* tenant : {"tenant_a", "tenant_b", "tenant_c"}) {
    e.execute(std::string("CREATE SCHEMA ") + tenant);
  }
  old_upgrade(e, kHead, {"-x", "tenant=tenant_a"});
  old_upgrade(e, kHead, {"-x", "tenant=tenant_b"});
  old_upgrade(e, kIntermediate, {"-x", "tenant=tenant_c"});
  e.execute("ALTER TABLE tenant_b.project ADD COLUMN extra integer");
  squash_a();
  std::string before_b = schema_dump(e.url(), "tenant_b");

  ProcessResult result = run_tool(
      {"adopt", "--jobs", "2", "--schemas", "tenant_a,tenant_b,tenant_c", e.url()}, project_);
  EXPECT_EQ(result.exit_code, 5) << result.out << result.err;
  EXPECT_TRUE(contains(result.out, "#tenant_a  " + kHead + " -> " + kBaseline + "  stamped"))
      << result.out;
  EXPECT_TRUE(contains(result.out, "#tenant_b  " + kHead + " -> " + kHead +
                                       "  refused: its schema differs from 001_initial_schema's "
                                       "(1 changes)"))
      << result.out;
  EXPECT_TRUE(contains(result.out, "+ column project.extra integer")) << result.out;
  EXPECT_TRUE(contains(result.out, "#tenant_c  " + kIntermediate + " -> " + kBaseline +
                                       "  migrated 4 revisions, stamped"))
      << result.out;
  EXPECT_EQ(result.err.find("at once failed"), std::string::npos) << result.err;  // one reading
  EXPECT_LT(result.out.find("#tenant_a"), result.out.find("#tenant_b"));
  EXPECT_LT(result.out.find("#tenant_b"), result.out.find("#tenant_c"));
  EXPECT_EQ(version_rows(e.url(), "tenant_b"), std::vector<std::string>{kHead});
  EXPECT_EQ(schema_dump(e.url(), "tenant_b"), before_b);
  for (const char* tenant : {"tenant_a", "tenant_c"}) {
    ProcessResult up =
        run_alembic(project_, {"-x", std::string("tenant=") + tenant, "upgrade", "head"}, e.url());
    ASSERT_EQ(up.exit_code, 0) << up.err;
    EXPECT_EQ(dump_as_public(e.url(), tenant), dump_as_public(a_.url(), "public")) << tenant;
  }
}

// A database behind the replaced head runs its missing revisions as the archived chain reads
// them whole: here the missing revision (alembic-postgresql-enum's sync_enum_values) needs the
// column's default, which only an earlier revision states. Read on its own, the revision would
// change the type under a default that cannot be cast.
TEST(AdoptMissingRevisions, AreReadWithWhatEarlierRevisionsSaid) {
  TempDir dir;
  std::string project = dir / "p";
  test::copy_tree(source_path("fixtures/seed16"), project);
  std::string versions = project + "/alembic/versions";
  fs::remove(project + "/squash.toml");  // its fills are the seed's
  fs::remove_all(versions);
  fs::create_directories(versions);
  auto revision = [&](const std::string& id, const std::string& down, const std::string& body) {
    test::write_text(versions + "/" + id + "_r.py",
                     "from alembic import op\nimport sqlalchemy as sa\n\nrevision = '" + id +
                         "'\ndown_revision = " + (down.empty() ? "None" : "'" + down + "'") +
                         "\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n" + body +
                         "\n\ndef downgrade():\n    pass\n");
  };
  revision("a1a1a1a1a1a1", "",
           "    op.create_table('users', sa.Column('id', sa.Integer(), primary_key=True),\n"
           "        sa.Column('why', sa.Enum('frozen', name='reason'),\n"
           "                  server_default='frozen'))\n");
  revision("b2b2b2b2b2b2", "a1a1a1a1a1a1", "    op.create_index('ix_users_why', 'users', ['why'])");
  revision("c3c3c3c3c3c3", "b2b2b2b2b2b2",
           "    op.sync_enum_values('public', 'reason', ['frozen', 'compromised'],\n"
           "                        [('users', 'why')], enum_values_to_rename=[])\n");
  const std::string kBefore =
      "CREATE TABLE alembic_version (version_num varchar(32) NOT NULL PRIMARY KEY);"
      "CREATE TABLE users (id serial PRIMARY KEY, why reason DEFAULT 'frozen');"
      "CREATE INDEX ix_users_why ON users (why);";
  TestDatabase a("adopt_memory_a"), b("adopt_memory_b");
  a.execute("CREATE TYPE reason AS ENUM ('frozen', 'compromised');" + kBefore +
            "INSERT INTO alembic_version VALUES ('c3c3c3c3c3c3')");
  b.execute("CREATE TYPE reason AS ENUM ('frozen');" + kBefore +
            "INSERT INTO users (why) VALUES ('frozen');"
            "INSERT INTO alembic_version VALUES ('b2b2b2b2b2b2')");
  ProcessResult squash = run_tool({"squash", "--yes"}, project, {{"DATABASE_URL", a.url()}});
  ASSERT_EQ(squash.exit_code, 0) << squash.out << squash.err;

  ProcessResult adopt = run_tool({"adopt", b.url()}, project);
  EXPECT_EQ(adopt.exit_code, 0) << adopt.out << adopt.err;
  EXPECT_TRUE(contains(adopt.out, "migrated 1 revisions, stamped")) << adopt.out;
  EXPECT_EQ(version_rows(b.url()), std::vector<std::string>{kBaseline});
  EXPECT_EQ(schema_dump(b.url()), schema_dump(a.url()));
}

TEST_F(Adopt, PlanRunsEveryStepAndChangesNothing) {
  TestDatabase b("adopt_plan_b"), c("adopt_plan_c"), d("adopt_plan_d");
  old_upgrade(b, kHead);
  old_upgrade(c, kIntermediate);
  old_upgrade(d, kHead);
  d.execute("UPDATE alembic_version SET version_num = 'e3c92c171920'");
  squash_a();
  std::vector<Snapshot> before{snapshot(b), snapshot(c), snapshot(d)};

  // Targets as several --database-url and as an argument, mixed.
  ProcessResult plan = run_tool(
      {"--database-url", b.url(), "adopt", "--plan", "--database-url", c.url(), d.url()}, project_);
  EXPECT_EQ(plan.exit_code, 5) << plan.out << plan.err;
  EXPECT_TRUE(contains(plan.out, kHead + " -> " + kBaseline + "  would stamp")) << plan.out;
  EXPECT_TRUE(contains(plan.out, "would migrate 4 revisions and stamp")) << plan.out;
  EXPECT_TRUE(contains(plan.out, "refused: 'e3c92c171920' is no revision")) << plan.out;
  EXPECT_TRUE(contains(plan.out, "2 of 3 databases would be on the new chain")) << plan.out;
  EXPECT_EQ((std::vector<Snapshot>{snapshot(b), snapshot(c), snapshot(d)}), before);

  ProcessResult assumed =
      run_tool({"--json", "adopt", "--plan", "--assume", kHead, d.url()}, project_);
  EXPECT_EQ(assumed.exit_code, 0) << assumed.out << assumed.err;
  EXPECT_TRUE(contains(assumed.out, "\"result\": \"would stamp\"")) << assumed.out;
  EXPECT_EQ(snapshot(d), before[2]);
}

/// B at the old head, C behind it, D at the old head; adopt --jobs 1 (one target after another)
/// started on B, C, D while the test holds the tool's advisory lock in C, so adopt stops inside
/// C's transaction, after migrating.
class AdoptInterrupted : public Adopt {
 protected:
  void SetUp() override {
    Adopt::SetUp();
    old_upgrade(b_, kHead);
    old_upgrade(c_, kIntermediate);
    old_upgrade(d_, kHead);
    squash_a();
    before_ = {snapshot(b_), snapshot(c_), snapshot(d_)};
    lock_.exec("SELECT pg_advisory_lock(hashtext('alembic-squash'))");
    adopt_ = std::make_unique<StartedProcess>(
        test::tool_argv({"adopt", "--jobs", "1", b_.url(), c_.url(), d_.url()}), project_,
        test::tool_env({}));
    ASSERT_TRUE(eventually([&] { return version_rows(b_.url()) == std::vector{kBaseline}; }));
    ASSERT_TRUE(eventually([&] { return adopt_waits_in_c(); }));
  }

  bool adopt_waits_in_c() {
    pqxx::connection connection(c_.url());
    pqxx::read_transaction tx(connection);
    return tx.exec(
                 "SELECT 1 FROM pg_stat_activity WHERE datname = current_database() "
                 "AND wait_event = 'advisory' AND pid <> pg_backend_pid()")
               .size() == 1;
  }

  /// Lets C's server process go (it holds locks until it sees its client is gone).
  void release_c() {
    lock_.exec("SELECT pg_advisory_unlock_all()");
    ASSERT_TRUE(eventually([&] {
      pqxx::connection connection(c_.url());
      pqxx::read_transaction tx(connection);
      return tx
          .exec(
              "SELECT 1 FROM pg_stat_activity WHERE datname = current_database() "
              "AND pid <> pg_backend_pid() AND backend_type = 'client backend' "
              "AND pid <> " +
              std::to_string(lock_connection_.backendpid()))
          .empty();
    }));
  }

  void expect_only_b_adopted() {
    EXPECT_EQ(version_rows(b_.url()), std::vector<std::string>{kBaseline});
    EXPECT_EQ(schema_dump(b_.url()), before_[0].dump);
    EXPECT_EQ(snapshot(c_), before_[1]);
    EXPECT_EQ(snapshot(d_), before_[2]);
  }

  TestDatabase b_{"adopt_int_b"}, c_{"adopt_int_c"}, d_{"adopt_int_d"};
  std::vector<Snapshot> before_;
  pqxx::connection lock_connection_{c_.url()};
  pqxx::nontransaction lock_{lock_connection_};
  std::unique_ptr<StartedProcess> adopt_;
};

TEST_F(AdoptInterrupted, KilledBetweenTargetsLosesNothing) {
  adopt_->signal(SIGKILL);
  EXPECT_EQ(adopt_->wait().exit_code, 128 + SIGKILL);
  release_c();
  expect_only_b_adopted();

  ProcessResult again = run_tool({"adopt", b_.url(), c_.url(), d_.url()}, project_);
  EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_TRUE(contains(again.out, "already on the new chain")) << again.out;
  EXPECT_TRUE(contains(again.out, "3 of 3 databases on the new chain")) << again.out;
}

TEST_F(AdoptInterrupted, StoppedBySigtermRollsBackTheCurrentTargetAndReports) {
  adopt_->signal(SIGTERM);
  ProcessResult stopped = adopt_->wait();
  EXPECT_EQ(stopped.exit_code, 5) << stopped.out << stopped.err;
  EXPECT_TRUE(contains(stopped.out, "interrupted: rolled back, nothing was changed"))
      << stopped.out;
  EXPECT_TRUE(contains(stopped.out, "not started (interrupted)")) << stopped.out;
  EXPECT_TRUE(contains(stopped.out, "1 of 3 databases on the new chain")) << stopped.out;
  release_c();
  expect_only_b_adopted();
}

/// Where a target's server process of `db` waits, seen from pg_stat_activity ("" when none).
std::string waiting_in(const TestDatabase& db, const std::string& event) {
  pqxx::connection connection(db.url());
  pqxx::read_transaction tx(connection);
  return tx.exec_params(
               "SELECT 1 FROM pg_stat_activity WHERE datname = current_database() "
               "AND wait_event = $1 AND pid <> pg_backend_pid()",
               event)
                 .empty()
             ? ""
             : event;
}

/// The lines of `text` that start with "ok" or "FAILED", in order.
std::vector<std::string> outcome_lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("ok  ", 0) == 0 || line.rfind("FAILED  ", 0) == 0) out.push_back(line);
  }
  return out;
}

// --jobs: targets side by side; B is held (the test locks its version table), so C and D
// finish first; the rows still come in the order given, as does --json's list.
TEST_F(Adopt, JobsPrintTheTargetsInTheOrderGivenWhateverOrderTheyFinish) {
  TestDatabase b("adopt_jobs_b"), c("adopt_jobs_c"), d("adopt_jobs_d");
  old_upgrade(b, kHead);
  old_upgrade(c, kIntermediate);
  old_upgrade(d, kHead);
  squash_a();
  pqxx::connection holder(b.url());
  pqxx::work hold(holder);
  hold.exec("LOCK TABLE alembic_version IN ACCESS EXCLUSIVE MODE");
  StartedProcess adopt(test::tool_argv({"adopt", "--jobs", "3", b.url(), c.url(), d.url()}),
                       project_, test::tool_env({}));
  ASSERT_TRUE(eventually([&] {
    return version_rows(c.url()) == std::vector{kBaseline} &&
           version_rows(d.url()) == std::vector{kBaseline};
  }));
  EXPECT_EQ(waiting_in(b, "relation"), "relation");  // B still waits: C and D finished first
  hold.abort();
  ProcessResult result = adopt.wait();
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  std::vector<std::string> lines = outcome_lines(result.out);
  ASSERT_EQ(lines.size(), 3u) << result.out;
  EXPECT_TRUE(contains(lines[0], b.name() + "  ") && contains(lines[0], "  stamped")) << lines[0];
  EXPECT_TRUE(contains(lines[1], c.name() + "  ") && contains(lines[1], "migrated 4 revisions"))
      << lines[1];
  EXPECT_TRUE(contains(lines[2], d.name() + "  ") && contains(lines[2], "  stamped")) << lines[2];
  EXPECT_EQ(version_rows(b.url()), std::vector{kBaseline});

  ProcessResult json =
      run_tool({"--json", "adopt", "--jobs", "3", d.url(), c.url(), b.url()}, project_);
  EXPECT_EQ(json.exit_code, 0) << json.out << json.err;
  size_t at_d = json.out.find(d.name() + "\""), at_c = json.out.find(c.name() + "\""),
         at_b = json.out.find(b.name() + "\"");
  EXPECT_TRUE(at_d < at_c && at_c < at_b && at_b != std::string::npos) << json.out;
  EXPECT_TRUE(contains(json.out, "\"jobs\": 3")) << json.out;
}

// --jobs: one target refused while the others are adopted around it; its row says why, in
// its place, and it is left as it was.
TEST_F(Adopt, JobsAdoptTheOthersWhenOneTargetFails) {
  TestDatabase b("adopt_fail_b"), odd("adopt_fail_odd"), c("adopt_fail_c");
  old_upgrade(b, kHead);
  old_upgrade(odd, kHead);
  old_upgrade(c, kIntermediate);
  odd.execute("ALTER TABLE project ADD COLUMN extra integer");
  squash_a();
  Snapshot before = snapshot(odd);
  ProcessResult result = run_tool({"adopt", "--jobs", "3", b.url(), odd.url(), c.url()}, project_);
  EXPECT_EQ(result.exit_code, 5) << result.out << result.err;
  std::vector<std::string> lines = outcome_lines(result.out);
  ASSERT_EQ(lines.size(), 3u) << result.out;
  EXPECT_TRUE(contains(lines[0], "ok      ") && contains(lines[0], b.name() + "  ")) << lines[0];
  EXPECT_TRUE(contains(lines[1], "FAILED  ") && contains(lines[1], odd.name() + "  ") &&
              contains(lines[1], "its schema differs from 001_initial_schema"))
      << lines[1];
  EXPECT_TRUE(contains(lines[2], "ok      ") && contains(lines[2], c.name() + "  ")) << lines[2];
  EXPECT_TRUE(contains(result.out, "2 of 3 databases on the new chain")) << result.out;
  EXPECT_EQ(version_rows(b.url()), std::vector{kBaseline});
  EXPECT_EQ(version_rows(c.url()), std::vector{kBaseline});
  EXPECT_EQ(snapshot(odd), before);
}

/// --jobs 2 over B, C, D, E: B (old head) is adopted, C (behind) and D (old head) wait inside
/// their transactions on the tool's advisory lock, which the test holds in both, and E is not
/// started. Stopped there: C and D roll back, B stays done.
class AdoptFleetInterrupted : public Adopt {
 protected:
  void SetUp() override {
    Adopt::SetUp();
    old_upgrade(b_, kHead);
    old_upgrade(c_, kIntermediate);
    old_upgrade(d_, kHead);
    old_upgrade(e_, kHead);
    squash_a();
    before_ = {snapshot(b_), snapshot(c_), snapshot(d_), snapshot(e_)};
    lock_c_.exec("SELECT pg_advisory_lock(hashtext('alembic-squash'))");
    lock_d_.exec("SELECT pg_advisory_lock(hashtext('alembic-squash'))");
    adopt_ = std::make_unique<StartedProcess>(
        test::tool_argv({"adopt", "--jobs", "2", b_.url(), c_.url(), d_.url(), e_.url()}), project_,
        test::tool_env({}));
    ASSERT_TRUE(eventually([&] { return version_rows(b_.url()) == std::vector{kBaseline}; }));
    ASSERT_TRUE(eventually([&] {
      return waiting_in(c_, "advisory") == "advisory" && waiting_in(d_, "advisory") == "advisory";
    }));
  }

  void expect_only_b_adopted() {
    EXPECT_EQ(version_rows(b_.url()), std::vector<std::string>{kBaseline});
    EXPECT_EQ(schema_dump(b_.url()), before_[0].dump);
    EXPECT_EQ(snapshot(c_), before_[1]);
    EXPECT_EQ(snapshot(d_), before_[2]);
    EXPECT_EQ(snapshot(e_), before_[3]);
  }

  TestDatabase b_{"adopt_fleet_b"}, c_{"adopt_fleet_c"}, d_{"adopt_fleet_d"}, e_{"adopt_fleet_e"};
  std::vector<Snapshot> before_;
  pqxx::connection lock_c_connection_{c_.url()}, lock_d_connection_{d_.url()};
  pqxx::nontransaction lock_c_{lock_c_connection_}, lock_d_{lock_d_connection_};
  std::unique_ptr<StartedProcess> adopt_;
};

TEST_F(AdoptFleetInterrupted, SigintRollsBackTheRunningTargetsKeepsTheFinishedOnes) {
  adopt_->signal(SIGINT);
  ProcessResult stopped = adopt_->wait();
  EXPECT_EQ(stopped.exit_code, 5) << stopped.out << stopped.err;
  std::vector<std::string> lines = outcome_lines(stopped.out);
  ASSERT_EQ(lines.size(), 4u) << stopped.out;
  EXPECT_TRUE(contains(lines[0], b_.name() + "  ") && contains(lines[0], "stamped")) << lines[0];
  for (size_t i : {1, 2}) {
    EXPECT_TRUE(contains(lines[i], "interrupted: rolled back, nothing was changed")) << lines[i];
  }
  EXPECT_TRUE(contains(lines[1], c_.name() + "  ")) << lines[1];
  EXPECT_TRUE(contains(lines[2], d_.name() + "  ")) << lines[2];
  EXPECT_TRUE(contains(lines[3], e_.name() + "  ") &&
              contains(lines[3], "not started (interrupted)"))
      << lines[3];
  EXPECT_TRUE(contains(stopped.out, "1 of 4 databases on the new chain")) << stopped.out;
  lock_c_.exec("SELECT pg_advisory_unlock_all()");
  lock_d_.exec("SELECT pg_advisory_unlock_all()");
  ASSERT_TRUE(eventually([&] { return waiting_in(c_, "advisory").empty(); }));
  expect_only_b_adopted();

  ProcessResult again = run_tool({"adopt", b_.url(), c_.url(), d_.url(), e_.url()}, project_);
  EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_TRUE(contains(again.out, "4 of 4 databases on the new chain")) << again.out;
}

TEST(AdoptOptions, JobsMustBeAPositiveNumber) {
  for (const char* jobs : {"0", "x", "1001", "3x"}) {
    ProcessResult result = run_tool({"adopt", "--jobs", jobs, "postgresql://a/x"});
    EXPECT_EQ(result.exit_code, 2) << jobs;
    EXPECT_TRUE(contains(
        result.err, std::string("--jobs: '") + jobs + "' is not a number of jobs from 1 to 1000"))
        << result.err;
  }
}

TEST(AdoptOptions, OnlyAdoptTakesSeveralDatabaseUrls) {
  ProcessResult result = run_tool(
      {"--database-url", "postgresql://a/x", "--database-url", "postgresql://b/y", "doctor"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_TRUE(contains(result.err, "only adopt takes several")) << result.err;
}

}  // namespace
}  // namespace asq
