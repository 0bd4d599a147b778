// `plan` and `doctor` weigh a baseline against the server's lock table: on a server started with
// a small one, the warning names the settings the server reports and a relation count no smaller
// than what the live schema really holds.

#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "support/postgres.h"
#include "support/process.h"

namespace asq {
namespace {

using test::ProcessResult;
using test::run_process;
using test::run_tool;
using test::source_path;
using test::TempDir;

/// A sandbox server of its own with max_connections 8 and max_locks_per_transaction 10 (capacity
/// 80).
class SmallLockTable : public testing::Test {
 protected:
  void SetUp() override {
    ProcessResult started = run_process(
        {source_path("tools/pg-sandbox"), "start"}, "",
        {{"PG_SANDBOX_OPTIONS", "-c max_connections=8 -c max_locks_per_transaction=10"}});
    ASSERT_EQ(started.exit_code, 0) << started.err;
    server_ = started.out.substr(0, started.out.find('\n'));
  }
  void TearDown() override {
    if (!server_.empty()) run_process({source_path("tools/pg-sandbox"), "stop", server_});
  }
  std::string server_;
};

long long show(pqxx::read_transaction& tx, const std::string& setting) {
  return tx.exec1("SHOW " + setting)[0].as<long long>();
}

TEST_F(SmallLockTable, PlanAndDoctorWarnWithTheServersNumbers) {
  TempDir dir;
  std::string project = dir / "seed16";
  test::copy_tree(source_path("fixtures/seed16"), project);
  {
    pqxx::connection admin(server_);
    pqxx::nontransaction(admin).exec0("CREATE DATABASE live");
  }
  std::string live = test::with_database(server_, "live");
  ProcessResult loaded = run_process({"psql", "-q", "-v", "ON_ERROR_STOP=1", "-d", live, "-f",
                                      source_path("fixtures/seed16/state.sql")});
  ASSERT_EQ(loaded.exit_code, 0) << loaded.err;

  pqxx::connection connection(live);
  pqxx::read_transaction tx(connection);
  long long locks = show(tx, "max_locks_per_transaction");
  long long connections = show(tx, "max_connections");
  long long prepared = show(tx, "max_prepared_transactions");
  // Relations of the live schema: tables, indexes, sequences, views, and TOAST table + index.
  long long relations =
      tx.exec1(
            "SELECT count(*) + 2 * count(*) FILTER (WHERE c.reltoastrelid <> 0) "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'i', 'I', 'S', 'v', 'm') "
            "AND c.relname NOT IN ('alembic_version', 'alembic_version_pkc')")[0]
          .as<long long>();
  tx.commit();
  EXPECT_EQ(locks, 10);
  EXPECT_EQ(connections, 8);

  ProcessResult plan = run_tool({"plan"}, project, {{"DATABASE_URL", live}});
  ASSERT_EQ(plan.exit_code, 0) << plan.out << plan.err;
  std::string capacity = "max_locks_per_transaction (" + std::to_string(locks) +
                         ") x (max_connections (" + std::to_string(connections) +
                         ") + max_prepared_transactions (" + std::to_string(prepared) +
                         ")) = " + std::to_string(locks * (connections + prepared));
  size_t at = plan.out.find("WARNING: the new files create about ");
  ASSERT_NE(at, std::string::npos) << plan.out;
  std::string warning = plan.out.substr(at, plan.out.find('\n', at) - at);
  EXPECT_NE(warning.find(capacity), std::string::npos) << warning;
  long long estimated =
      std::stoll(warning.substr(std::string("WARNING: the new files create about ").size()));
  EXPECT_GE(estimated, relations) << warning;
  EXPECT_LE(estimated, relations + relations / 10) << warning;

  // doctor counts the live relations in the catalog and says the same
  ProcessResult doctor = run_tool({"doctor"}, project, {{"DATABASE_URL", live}});
  at = doctor.out.find("a baseline of this database would create about " +
                       std::to_string(relations) + " relations");
  ASSERT_NE(at, std::string::npos) << doctor.out;
  EXPECT_NE(doctor.out.find(capacity, at), std::string::npos) << doctor.out;
  EXPECT_NE(doctor.out.find("raise max_locks_per_transaction to "), std::string::npos);
}

}  // namespace
}  // namespace asq
