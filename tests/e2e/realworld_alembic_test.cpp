// fixtures/realworld is a history shaped like real teams' (plugins, application types, data loops,
// newer keywords, broken downgrades). This test pins what the REAL Alembic makes of it, so that
// whatever our tool reads from it is judged against facts, and so that the fixture itself never
// rots: the chain upgrades an empty database to its single head, SQLAlchemy's own spellings of
// names and types are what the server holds, and drift.sql applies on top.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "support/alembic.h"
#include "support/black.h"
#include "support/postgres.h"
#include "support/process.h"

namespace asq {
namespace {

constexpr const char* kHead = "2971afe7e990";

std::vector<std::string> column_of(const std::string& url, const std::string& sql) {
  pqxx::connection connection(url);
  pqxx::read_transaction tx(connection);
  std::vector<std::string> out;
  for (const auto& row : tx.exec(sql)) out.push_back(row[0].is_null() ? "" : row[0].c_str());
  return out;
}

// One upgrade (about 6 s) serves every check: each is a fact of the real Alembic's result.
TEST(RealworldAlembic, UpgradesAnEmptyDatabaseToWhatItsPluginsTypesAndNamesPromise) {
  test::TestDatabase database("realworld_alembic");
  const std::string& db = database.url();
  test::ProcessResult upgrade =
      test::run_alembic(test::source_path("fixtures/realworld"), {"upgrade", "head"}, db);
  ASSERT_EQ(upgrade.exit_code, 0) << upgrade.err;

  // One head, every table.
  EXPECT_EQ(test::version_rows(db), std::vector<std::string>{kHead});
  EXPECT_EQ(column_of(db,
                      "SELECT count(*)::text FROM pg_class WHERE relkind = 'r' AND relnamespace = "
                      "'public'::regnamespace AND relname <> 'alembic_version'"),
            std::vector<std::string>{"31"});
  // Two tables of one revision with the same sa.Enum: the type was created once, for the first.
  EXPECT_EQ(column_of(db,
                      "SELECT string_agg(attrelid::regclass::text, ',' ORDER BY 1) FROM "
                      "pg_attribute WHERE atttypid = 'note_visibility'::regtype"),
            std::vector<std::string>{"order_attachment,order_comment"});

  // op.f() names over 63 characters are cut the SQLAlchemy way:
  // name[:55] + "_" + the last 4 hex digits of md5(name), not PostgreSQL's plain cut at 63.
  EXPECT_EQ(
      column_of(db,
                "SELECT indexname FROM pg_indexes WHERE tablename = "
                "'technician_certification_renewal_reminder' AND indexname LIKE '%notif%'"),
      std::vector<std::string>{"ix_technician_certification_renewal_reminder_notificati_c3bf"});
  EXPECT_EQ(
      column_of(db, "SELECT conname FROM pg_constraint WHERE conname LIKE '%assigned%'"),
      std::vector<std::string>{"technician_certification_renewal_reminder_assigned_tech_c260"});

  // Check constraint names go through the naming convention of env.py:
  // op.create_check_constraint("ck_visit_duration_positive", ...) under the convention
  // "ck_%(table_name)s_%(constraint_name)s" of env.py's target_metadata.
  EXPECT_EQ(column_of(db,
                      "SELECT conname FROM pg_constraint WHERE conrelid = 'visit'::regclass AND "
                      "contype = 'c'"),
            std::vector<std::string>{"ck_visit_ck_visit_duration_positive"});

  // What the plugin stand-ins leave: enum labels, triggers, colons, a jsonb default.
  EXPECT_EQ(column_of(db,
                      "SELECT t.typname || '=' || string_agg(e.enumlabel, ',' ORDER BY "
                      "e.enumsortorder) FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid "
                      "WHERE t.typname IN ('order_status', 'order_priority', 'order_tag') "
                      "GROUP BY t.typname ORDER BY 1"),
            (std::vector<std::string>{"order_priority=low,normal,high,urgent",
                                      "order_status=draft,scheduled,on_hold,in_progress,done,"
                                      "cancelled",
                                      "order_tag=expedite,warranty,repeat_visit,vip,key_account"}));
  EXPECT_EQ(column_of(db, "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1"),
            (std::vector<std::string>{"organization_set_updated_at",
                                      "service_order_search_vector_update_trigger",
                                      "service_order_set_updated_at"}));
  // The escaped colon of the plpgsql comment reaches the server unescaped.
  EXPECT_EQ(column_of(db,
                      "SELECT position('wins: imports' IN prosrc) > 0 FROM pg_proc "
                      "WHERE proname = 'set_updated_at'"),
            std::vector<std::string>{"t"});
  EXPECT_EQ(column_of(db,
                      "SELECT column_default FROM information_schema.columns WHERE table_name = "
                      "'organization' AND column_name = 'notification_settings'"),
            std::vector<std::string>{
                "'{\"digest\": \"daily\", \"retries\": 3, \"quiet_hours\": {\"to\": 7, \"from\": "
                "22}}'::jsonb"});

  // drift.sql applies on the head.
  database.run_sql_file(test::source_path("fixtures/realworld/drift.sql"));
  EXPECT_EQ(column_of(db,
                      "SELECT data_type FROM information_schema.columns WHERE table_name = "
                      "'organization' AND column_name = 'billing_email'"),
            std::vector<std::string>{"USER-DEFINED"});
}

// issue 11: the files are named by a date-prefixed file_template; doctor reads the template
// instead of warning once per file that the name does not start with the revision id.
TEST(RealworldDoctor, FilesNamedByTheFileTemplateAreNoFault) {
  test::FixtureCopy project("realworld");
  test::ProcessResult result = test::run_tool({"doctor", "--no-database"}, project.path);
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_EQ(result.out.find("file-name"), std::string::npos) << result.out;
  EXPECT_EQ(result.out.find("does not start with its revision id"), std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("revisions: 212"), std::string::npos) << result.out;
}

/// A copy of fixtures/realworld whose live database the real Alembic upgraded and drift.sql
/// then changed by hand.
class RealworldSquash : public testing::Test {
 protected:
  void SetUp() override {
    test::ProcessResult up = test::run_alembic(copy_.path, {"upgrade", "head"}, live_.url());
    ASSERT_EQ(up.exit_code, 0) << up.err;
    live_.run_sql_file(test::source_path("fixtures/realworld/drift.sql"));
  }
  test::ProcessResult tool(const std::vector<std::string>& args) const {
    return test::run_tool(args, copy_.path, {{"DATABASE_URL", live_.url()}});
  }
  /// The lines of the plan's drift list ("  + ...", "  - ...", "  ~ ...").
  static std::vector<std::string> drift_lines(const std::string& out) {
    std::vector<std::string> lines;
    size_t start = out.find("drift (chain -> live)");
    if (start == std::string::npos) return lines;
    start = out.find('\n', start) + 1;
    while (start < out.size() && out.compare(start, 2, "  ") == 0) {
      size_t end = out.find('\n', start);
      lines.push_back(out.substr(start, end - start));
      start = end + 1;
    }
    return lines;
  }

  test::FixtureCopy copy_{"realworld"};
  test::TestDatabase live_{"realworld_live"};
};

// issue 11: the whole history squashes. The built-in reader reads 211 of 212 revisions; one hands
// the connection to the project's own helper (a search trigger), so `auto` replays the chain
// with the real Alembic. The sync revision carries exactly what drift.sql did (and the view,
// triggers and policy PostgreSQL makes a column type change drop and recreate), no constraint:
// the naming convention of env.py's target_metadata was applied. The new files rebuild live
// under the real Alembic and the project's own env.py (the same convention).
TEST_F(RealworldSquash, AutoSquashesAndTheRealAlembicRebuildsLiveUnderTheProjectsEnvPy) {
  std::string live_dump = test::schema_dump(live_.url());
  test::ProcessResult result =
      tool({"squash", "--yes", "--revision-id", "5a11ce0ddba5", "--date", "2026-12-06"});
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE(result.out.find("replay engine: the real Alembic"), std::string::npos) << result.out;
  EXPECT_NE(
      result.out.find("the built-in reader cannot read 1 revision: migrations/versions/"
                      "2024_03_29_1258-55ed237cd54c_full_text_search_on_service_orders.py:40"),
      std::string::npos)
      << result.out;
  std::vector<std::string> drift = drift_lines(result.out);
  EXPECT_EQ(drift,
            (std::vector<std::string>{
                "  - VIEW public.open_service_orders",
                "  - TRIGGER service_order_set_updated_at ON public.service_order",
                "  - TRIGGER service_order_search_vector_update_trigger ON public.service_order",
                "  - POLICY tenant_isolation ON public.service_order",
                "  ~ enum order_tag: + value 'pilot'",
                "  ~ table integration: comment 'Third-party connections; owned by the "
                "integrations team'",
                "  + column organization.billing_email public.citext",
                "  ~ column service_order.customer_ref: type character varying(64) -> character "
                "varying(128)",
                "  + index ix_visit_finished_at_outcome on visit (finished_at, outcome)",
                "  + POLICY tenant_isolation ON public.service_order",
                "  + TRIGGER service_order_search_vector_update_trigger ON public.service_order",
                "  + TRIGGER service_order_set_updated_at ON public.service_order",
                "  + VIEW public.open_service_orders"}))
      << result.out;
  EXPECT_EQ(test::version_rows(live_.url()), std::vector<std::string>{"5a11ce0ddba5"});
  EXPECT_EQ(test::schema_dump(live_.url()), live_dump);
  // What the renderer writes (the functions; the header is the project's) is black-clean.
  std::vector<std::string> written;
  for (const auto& entry :
       std::filesystem::directory_iterator(copy_.path + "/migrations/versions")) {
    if (entry.path().extension() == ".py") written.push_back(entry.path().string());
  }
  EXPECT_EQ(written.size(), 2u);
  EXPECT_EQ(test::black_diff_of_functions(written), "");

  test::TestDatabase fresh("realworld_fresh");
  test::ProcessResult up = test::run_alembic(copy_.path, {"upgrade", "head"}, fresh.url());
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_EQ(test::schema_dump(fresh.url()), live_dump);
}

// issue 11 section 4: live has a column that is an array of an enum type; the sync revision that
// adds it (postgresql.ARRAY(postgresql.ENUM(..., create_type=False))) is read back by the squash's
// own verification and rebuilds live under the real Alembic.
TEST_F(RealworldSquash, ASyncRevisionWithAnArrayOfAnEnumIsReadBackAndRebuildsLive) {
  live_.execute("ALTER TABLE visit ADD COLUMN tags order_tag[] NOT NULL DEFAULT '{}'");
  std::string live_dump = test::schema_dump(live_.url());
  test::ProcessResult result =
      tool({"squash", "--yes", "--revision-id", "0a77ae0e7a95", "--date", "2026-12-06"});
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE(result.out.find("  + column visit.tags public.order_tag[] NOT NULL DEFAULT "
                            "'{}'::public.order_tag[]"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("equal to live"), std::string::npos) << result.out;
  test::TestDatabase fresh("realworld_array_fresh");
  test::ProcessResult up = test::run_alembic(copy_.path, {"upgrade", "head"}, fresh.url());
  ASSERT_EQ(up.exit_code, 0) << up.err;
  EXPECT_EQ(test::schema_dump(fresh.url()), live_dump);
}

// The built-in reader alone: it applies env.py's naming convention (ck_<table>_<name> for the
// check constraints the revisions name plainly), so the only false drift left is what the
// project's helper did out of its sight, and it says so with file:line.
TEST_F(RealworldSquash, TheBuiltInReaderAppliesTheNamingConventionAndNamesWhatItCannotSee) {
  test::ProcessResult result = tool({"plan", "--replay-engine", "builtin"});
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  std::vector<std::string> drift = drift_lines(result.out);
  for (const auto& line : drift) {
    EXPECT_EQ(line.find("constraint"), std::string::npos) << line;
  }
  EXPECT_NE(std::find(drift.begin(), drift.end(),
                      "  + FUNCTION public.service_order_search_vector_update()"),
            drift.end())
      << result.out;
  EXPECT_NE(result.out.find("55ed237cd54c_full_text_search_on_service_orders.py:40: the project's "
                            "app.db.search.sync_search_trigger() is given the database connection"),
            std::string::npos)
      << result.out << result.err;
}

// snapshot and diff of the chain say the same as plan, on stderr.
TEST_F(RealworldSquash, ASnapshotOfTheChainWarnsOfWhatTheBuiltInReaderCannotSee) {
  test::ProcessResult result =
      tool({"snapshot", "--from", "chain", "--replay-engine", "builtin", "-v"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("\nwarning: " + copy_.path +
                            "/migrations/versions/2024_03_29_1258-55ed237cd54c_full_text_search_"
                            "on_service_orders.py:40: the project's app.db.search."
                            "sync_search_trigger() is given the database connection"),
            std::string::npos)
      << result.err;
}

}  // namespace
}  // namespace asq
