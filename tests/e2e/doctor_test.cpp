// `doctor` against real databases on the test server and against the broken fixtures.

#include <gtest/gtest.h>

#include <filesystem>

#include "common/json.h"
#include "support/alembic.h"
#include "support/postgres.h"
#include "support/process.h"

namespace asq {
namespace {

using test::ProcessResult;
using test::run_tool;
using test::source_path;
using test::TempDir;
using test::TestDatabase;

const char* kSeedHead = "7c4d1e9a2b58";

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::vector<std::string> fault_codes(const Json& report) {
  std::vector<std::string> codes;
  for (const auto& fault : report.find("faults")->as_array()) {
    codes.push_back(fault.find("code")->as_string());
  }
  return codes;
}

void stamp(const TestDatabase& db, const std::vector<std::string>& rows) {
  std::string sql = "CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY);";
  for (const auto& row : rows) sql += "INSERT INTO alembic_version VALUES ('" + row + "');";
  db.execute(sql);
}

TEST(Doctor, NamesTheSeedsMissingRevisionAndExits3) {
  TestDatabase db("doctor_seed");
  db.run_sql_file(source_path("fixtures/seed16/state.sql"));
  ProcessResult result =
      run_tool({"doctor"}, source_path("fixtures/seed16"), {{"DATABASE_URL", db.url()}});
  EXPECT_EQ(result.exit_code, 3) << result.out << result.err;
  EXPECT_TRUE(contains(result.out, "names 'e3c92c171920', which no revision file defines"))
      << result.out;
  EXPECT_TRUE(contains(result.out, "Can't locate revision identified by 'e3c92c171920'"));
  EXPECT_TRUE(contains(result.out, "the files define 16 revisions"));
  EXPECT_TRUE(contains(result.out, std::string("alembic stamp ") + kSeedHead));
  EXPECT_TRUE(contains(result.out, "__pycache__/e3c92c171920_sync_credential_and_node_models"));
}

TEST(Doctor, NeverPrintsAPasswordInAnyFormOfUrl) {
  // issue 12: `?password=` showed in the database: line, --json url and "cannot connect";
  // a keyword/value string was echoed whole in a usage error
  TestDatabase db("doctor_secret");
  db.run_sql_file(source_path("fixtures/seed16/state.sql"));
  std::string url = db.url();  // postgresql://user@host:port/name
  std::string authority = url.substr(13, url.rfind('/') - 13);
  std::string user = authority.substr(0, authority.find('@'));
  std::string host = authority.substr(authority.find('@') + 1);
  std::string port = host.substr(host.find(':') + 1);
  host.erase(host.find(':'));
  std::string keyword_value = "host=" + host + " port = " + port + " user=" + user + " dbname='" +
                              db.name() + "' password='s3cr et' sslpassword=k3y";
  for (const std::string& given :
       {url + "?password=s3cret&sslpassword=k3y", keyword_value,
        "postgresql://" + user + ":s3cret@" + host + ":" + port + "/" + db.name()}) {
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"doctor"}, {"--json", "doctor"}, {"--database-url", given, "heads", "x"}}) {
      ProcessResult result =
          run_tool(args, source_path("fixtures/seed16"), {{"DATABASE_URL", given}});
      EXPECT_NE(result.exit_code, 4) << given << "\n" << result.err;
      EXPECT_FALSE(contains(result.out + result.err, "s3cr")) << result.out << result.err;
      EXPECT_FALSE(contains(result.out + result.err, "k3y")) << result.out << result.err;
    }
  }
  ProcessResult doctor =
      run_tool({"doctor"}, source_path("fixtures/seed16"), {{"DATABASE_URL", keyword_value}});
  EXPECT_TRUE(contains(doctor.out, "database: postgresql://?host=" + host + "&port=" + port +
                                       "&user=" + user + "&dbname=" + db.name() +
                                       "&password=***&sslpassword=***"))
      << doctor.out;
  ProcessResult unreachable =
      run_tool({"doctor"}, source_path("fixtures/seed16"),
               {{"DATABASE_URL", "postgresql://u@127.0.0.1:1/x?password=s3cret&sslpassword=k3y"}});
  EXPECT_EQ(unreachable.exit_code, 4) << unreachable.err;
  EXPECT_TRUE(contains(unreachable.err, "cannot connect")) << unreachable.err;
  EXPECT_TRUE(contains(unreachable.err, "password=***&sslpassword=***")) << unreachable.err;
  EXPECT_FALSE(contains(unreachable.out + unreachable.err, "s3cr")) << unreachable.err;
}

TEST(Doctor, ReportsTheSeedStateAsJson) {
  TestDatabase db("doctor_json");
  db.run_sql_file(source_path("fixtures/seed16/state.sql"));
  ProcessResult result =
      run_tool({"--json", "doctor"}, source_path("fixtures/seed16"), {{"DATABASE_URL", db.url()}});
  ASSERT_EQ(result.exit_code, 3) << result.err;
  Json report = Json::parse(result.out, "stdout");
  EXPECT_EQ(report.find("database")->find("state")->as_string(), "unknown-revision");
  EXPECT_EQ(report.find("database")->find("rows")->as_array().at(0).as_string(), "e3c92c171920");
  EXPECT_FALSE(report.find("healthy")->as_bool());
  EXPECT_EQ(fault_codes(report), (std::vector<std::string>{"stale-pycache", "unknown-revision"}));
  EXPECT_EQ(report.find("revisions")->as_int(), 16);
}

TEST(Doctor, AnUnreachableDatabaseExits4NamingHostAndReason) {
  ProcessResult result = run_tool({"doctor"}, source_path("fixtures/seed16"),
                                  {{"DATABASE_URL", "postgresql://postgres@127.0.0.1:1/none"}});
  EXPECT_EQ(result.exit_code, 4);
  EXPECT_TRUE(contains(result.err, "cannot connect to the database at host 127.0.0.1 port 1"))
      << result.err;
  EXPECT_TRUE(contains(result.err, "Connection refused")) << result.err;
}

TEST(Doctor, AHealthyDatabaseAtHeadExits0) {
  test::FixtureCopy seed("seed16");
  TestDatabase db("doctor_head");
  stamp(db, {kSeedHead});
  ProcessResult result = run_tool({"doctor"}, seed.path, {{"DATABASE_URL", db.url()}});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_TRUE(contains(result.out, "[at-head]")) << result.out;
  EXPECT_TRUE(contains(result.out, "healthy: no faults found"));
}

TEST(Doctor, SaysHowFarBehindHeadTheDatabaseIs) {
  test::FixtureCopy seed("seed16");
  TestDatabase db("doctor_behind");
  stamp(db, {"26c2c831dc19"});
  ProcessResult result = run_tool({"--json", "doctor"}, seed.path, {{"DATABASE_URL", db.url()}});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  Json report = Json::parse(result.out, "stdout");
  EXPECT_EQ(report.find("database")->find("state")->as_string(), "behind");
  EXPECT_EQ(report.find("database")->find("pending")->as_int(), 4);
  EXPECT_EQ(fault_codes(report), std::vector<std::string>{"behind-head"});
}

TEST(Doctor, AMissingVersionTableIsAFault) {
  test::FixtureCopy seed("seed16");
  TestDatabase db("doctor_notable");
  ProcessResult result = run_tool({"doctor"}, seed.path, {{"DATABASE_URL", db.url()}});
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_TRUE(contains(result.out, "has no version table public.alembic_version")) << result.out;
}

TEST(Doctor, AnEmptyVersionTableIsAFault) {
  test::FixtureCopy seed("seed16");
  TestDatabase db("doctor_empty");
  stamp(db, {});
  ProcessResult result = run_tool({"doctor"}, seed.path, {{"DATABASE_URL", db.url()}});
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_TRUE(contains(result.out, "the version table public.alembic_version is empty"));
}

TEST(Doctor, RowsOnOneLineOfHistoryAreAFault) {
  test::FixtureCopy seed("seed16");
  TestDatabase db("doctor_rows");
  stamp(db, {"26c2c831dc19", kSeedHead});
  ProcessResult result = run_tool({"doctor"}, seed.path, {{"DATABASE_URL", db.url()}});
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_TRUE(contains(result.out, "names both 26c2c831dc19 and its descendant 7c4d1e9a2b58"))
      << result.out;
}

TEST(Doctor, ReadsTheVersionTableNamedInSquashToml) {
  test::FixtureCopy seed("seed16");
  TestDatabase db("doctor_custom");
  db.execute(
      "CREATE SCHEMA meta; CREATE TABLE meta.versions (version_num varchar(32));"
      "INSERT INTO meta.versions VALUES ('7c4d1e9a2b58');");
  test::write_text(seed.path + "/squash.toml",
                   "[database]\nversion_table = \"versions\"\nversion_table_schema = \"meta\"\n");
  ProcessResult result = run_tool({"doctor"}, seed.path, {{"DATABASE_URL", db.url()}});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_TRUE(contains(result.out, "meta.versions = 7c4d1e9a2b58 [at-head]")) << result.out;
}

TEST(Doctor, BranchesAtBothHeadsAreHealthy) {
  TestDatabase db("doctor_branches");
  stamp(db, {"b3f6a0e8d247", "4c8e1a6f2d95"});
  ProcessResult result =
      run_tool({"doctor"}, source_path("fixtures/branches"), {{"DATABASE_URL", db.url()}});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_TRUE(contains(result.out, "each on its own labelled branch"));
}

struct BrokenCase {
  std::string folder;
  std::vector<std::string> codes;
};

void PrintTo(const BrokenCase& c, std::ostream* out) { *out << c.folder; }

class DoctorOnBrokenFixture : public testing::TestWithParam<BrokenCase> {};

TEST_P(DoctorOnBrokenFixture, FindsEveryFaultAndExits3) {
  ProcessResult result = run_tool({"--json", "doctor", "--no-database"},
                                  source_path("fixtures/broken/" + GetParam().folder));
  EXPECT_EQ(result.exit_code, 3) << result.err;
  EXPECT_EQ(fault_codes(Json::parse(result.out, "stdout")), GetParam().codes);
}

INSTANTIATE_TEST_SUITE_P(Broken, DoctorOnBrokenFixture,
                         testing::Values(BrokenCase{"missing_parent",
                                                    {"missing-parent", "multiple-heads"}},
                                         BrokenCase{"duplicate_id", {"duplicate-revision"}},
                                         BrokenCase{"cycle", {"cycle"}},
                                         BrokenCase{"misc",
                                                    {"header-mismatch", "stale-pycache",
                                                     "file-name-mismatch", "not-a-revision"}}),
                         [](const auto& param_info) { return param_info.param.folder; });

TEST(Doctor, PointsAtASyntaxErrorWithLineAndCaret) {
  test::FixtureCopy seed("seed16");
  std::string broken = seed.path + "/alembic/versions/ffff00000001_broken.py";
  test::write_text(broken,
                   "revision = 'ffff00000001'\ndown_revision = '7c4d1e9a2b58'\n\n"
                   "def upgrade():\n    op.add_column('x', sa.Column('y', sa.Integer()\n");
  ProcessResult doctor = run_tool({"doctor", "--no-database"}, seed.path);
  EXPECT_EQ(doctor.exit_code, 3);
  EXPECT_TRUE(contains(doctor.out, "alembic/versions/ffff00000001_broken.py:5:")) << doctor.out;
  ProcessResult history = run_tool({"history"}, seed.path);
  EXPECT_EQ(history.exit_code, 2);
  EXPECT_TRUE(contains(history.err, "ffff00000001_broken.py:5:")) << history.err;
  EXPECT_TRUE(contains(history.err, "cannot be read")) << history.err;
}

TEST(Doctor, ABadConfigFileExits2WithFileAndLine) {
  test::FixtureCopy seed("seed16");
  test::write_text(seed.path + "/squash.toml", "[database]\nurl = \"mysql://x@y/z\"\n");
  ProcessResult result = run_tool({"doctor"}, seed.path);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_TRUE(contains(result.err, "squash.toml:2:7: expected a PostgreSQL URL")) << result.err;
}

TEST(Cli, HelpListsEveryCommandAndEachCommandHasItsOwn) {
  ProcessResult help = run_tool({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  for (const char* command :
       {"history", "heads", "doctor", "snapshot", "diff", "plan", "squash", "verify", "restore"}) {
    EXPECT_TRUE(contains(help.out, std::string("\n  ") + command + " ")) << command;
  }
  ProcessResult squash = run_tool({"squash", "--help"});
  EXPECT_EQ(squash.exit_code, 0);
  EXPECT_TRUE(contains(squash.out, "--through"));
  ProcessResult nothing = run_tool({});
  EXPECT_EQ(nothing.exit_code, 2);
}

TEST(Cli, AnUnknownCommandExits2) {
  ProcessResult result = run_tool({"frobnicate"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_TRUE(contains(result.err, "unknown command 'frobnicate'"));
}

}  // namespace
}  // namespace asq

namespace asq {
namespace {

// Locate, with the real Alembic building the database and running the fix doctor prints.
TEST(DoctorLocate, FindsTheRevisionOfADatabaseWhoseRowIsLostAndItsFixWorks) {
  test::FixtureCopy project("seed16");
  TestDatabase db("doctor_locate");
  ProcessResult built = test::run_alembic(project.path, {"upgrade", "1ee55d360fcb"}, db.url());
  ASSERT_EQ(built.exit_code, 0) << built.err;
  db.execute("UPDATE alembic_version SET version_num = 'aaaabbbbcccc'");

  ProcessResult result = run_tool({"doctor"}, project.path, {{"DATABASE_URL", db.url()}});
  EXPECT_EQ(result.exit_code, 3) << result.out << result.err;
  EXPECT_TRUE(contains(result.out, "locate: the schema matches 1ee55d360fcb exactly"))
      << result.out;
  std::string fix = "alembic stamp --purge 1ee55d360fcb";
  ASSERT_TRUE(contains(result.out, "fix: " + fix)) << result.out;

  ProcessResult fixed =
      test::run_alembic(project.path, {"stamp", "--purge", "1ee55d360fcb"}, db.url());
  ASSERT_EQ(fixed.exit_code, 0) << fixed.err;
  ProcessResult upgraded = test::run_alembic(project.path, {"upgrade", "head"}, db.url());
  EXPECT_EQ(upgraded.exit_code, 0) << upgraded.err;
}

TEST(DoctorLocate, ShowsTheNearestRevisionAndTheDifferenceAsJson) {
  test::FixtureCopy project("seed16");
  TestDatabase db("doctor_nearest");
  ASSERT_EQ(test::run_alembic(project.path, {"upgrade", "26c2c831dc19"}, db.url()).exit_code, 0);
  db.execute("DROP TABLE alembic_version; ALTER TABLE item ADD COLUMN note text");
  ProcessResult result = run_tool({"--json", "doctor"}, project.path, {{"DATABASE_URL", db.url()}});
  ASSERT_EQ(result.exit_code, 3) << result.err;
  Json locate = *Json::parse(result.out, "stdout").find("database")->find("locate");
  EXPECT_EQ(locate.find("engine")->as_string(), "memory");
  EXPECT_TRUE(locate.find("exact")->as_array().empty());
  ASSERT_EQ(locate.find("nearest")->as_array().size(), 1u);
  EXPECT_EQ(locate.find("nearest")->as_array()[0].as_string(), "26c2c831dc19");
  ASSERT_EQ(locate.find("changes")->as_array().size(), 1u);
  EXPECT_TRUE(contains(locate.find("changes")->as_array()[0].find("object")->as_string(), "note"));
  EXPECT_EQ(locate.find("fix")->as_string(), "alembic stamp 26c2c831dc19");
}

TEST(DoctorLocate, SaysWhenNoRevisionIsClose) {
  TestDatabase db("doctor_far");
  db.execute("CREATE TABLE invoice (id serial PRIMARY KEY); CREATE TABLE payment (id int)");
  ProcessResult result =
      run_tool({"doctor"}, source_path("fixtures/seed16"), {{"DATABASE_URL", db.url()}});
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_TRUE(contains(result.out, "locate: no revision is close")) << result.out;
  EXPECT_FALSE(contains(result.out, "stamp --purge")) << result.out;
}

TEST(DoctorReplay, ListsWhatTheInMemoryEngineDoesNotModelWithFileAndLine) {
  test::FixtureCopy project("seed16");
  TestDatabase db("doctor_replay");  // asked for the versions CREATE EXTENSION installs
  std::map<std::string, std::string> env = {{"DATABASE_URL", db.url()}};
  ProcessResult clean = run_tool({"doctor", "--replay"}, project.path, env);
  EXPECT_TRUE(contains(clean.out, "models every op of the 16 revisions")) << clean.out;

  std::string file =
      project.path + "/alembic/versions/7c4d1e9a2b58_add_execution_fields_to_issue.py";
  std::string text = test::read_text(file);
  size_t at = text.find("def upgrade() -> None:\n");
  ASSERT_NE(at, std::string::npos);
  text.insert(at + 23, "    op.execute(\"CREATE VIEW open_issue AS SELECT 1 UNION SELECT 2\")\n");
  test::write_text(file, text);
  ProcessResult listed = run_tool({"doctor", "--replay"}, project.path, env);
  EXPECT_TRUE(contains(listed.out, "7c4d1e9a2b58_add_execution_fields_to_issue.py:")) << listed.out;
  EXPECT_TRUE(contains(listed.out, "CREATE VIEW open_issue")) << listed.out;
}

TEST(DoctorReplay, ListsWhatTheReaderSetAsideAndStillReplays) {
  test::FixtureCopy project("seed16");
  std::string file =
      project.path + "/alembic/versions/7c4d1e9a2b58_add_execution_fields_to_issue.py";
  std::string text = test::read_text(file);
  size_t at = text.find("def upgrade() -> None:\n");
  ASSERT_NE(at, std::string::npos);
  text.insert(at + 23,
              "    conn = op.get_bind()\n"
              "    for row in conn.execute(sa.text('SELECT id FROM issue')):\n"
              "        conn.execute(sa.text('UPDATE issue SET id = :i'), {'i': row.id})\n"
              "    conn.commit()\n"
              "    conn.commit()\n"
              "    conn.commit()\n");
  at = text.find("def downgrade() -> None:\n");
  ASSERT_NE(at, std::string::npos);
  text.insert(at + 25, "    op.drop_constraint(None, 'issue')\n");
  test::write_text(file, text);
  ProcessResult result = run_tool({"doctor", "--replay", "--no-database"}, project.path);
  EXPECT_NE(result.exit_code, 2) << result.err;
  // Without a server only uuid-ossp's default version is unknown: the set-aside data loop and
  // downgrade leave nothing unmodelled.
  EXPECT_TRUE(contains(result.out, "replay: 1 op(s) the in-memory engine does not model"))
      << result.out;
  EXPECT_TRUE(contains(result.out, "the default version of extension uuid-ossp is unknown"))
      << result.out;
  const std::string name = "7c4d1e9a2b58_add_execution_fields_to_issue.py:";
  EXPECT_TRUE(contains(result.out, name)) << result.out;
  EXPECT_TRUE(contains(result.out, "a loop over the result of a query: runs as the data says"))
      << result.out;
  EXPECT_TRUE(contains(result.out, "transaction handling (data, not schema)")) << result.out;
  // The same note three times is said once, with the count of the others.
  size_t first = result.out.find("transaction handling (data, not schema)");
  EXPECT_EQ(result.out.find("transaction handling (data, not schema)", first + 1),
            std::string::npos)
      << result.out;
  EXPECT_TRUE(contains(result.out, "transaction handling (data, not schema) (and 2 more like it)"))
      << result.out;
  EXPECT_TRUE(contains(result.out, "downgrade() is set aside (a squash does not need it)"))
      << result.out;
}

}  // namespace
}  // namespace asq
