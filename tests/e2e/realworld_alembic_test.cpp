// fixtures/realworld is a history shaped like real teams' (plugins, application types, data loops,
// newer keywords, broken downgrades). This test pins what the REAL Alembic makes of it, so that
// whatever our tool reads from it is judged against facts, and so that the fixture itself never
// rots: the chain upgrades an empty database to its single head, SQLAlchemy's own spellings of
// names and types are what the server holds, and drift.sql applies on top.

#include <gtest/gtest.h>

#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "support/alembic.h"
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
            std::vector<std::string>{"29"});

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

}  // namespace
}  // namespace asq
