#pragma once

#include <string>
#include <vector>

namespace asq::test {

/// URL of the PostgreSQL server tests use: $ASQ_TEST_PG_URL (tools/test starts one), or a
/// sandbox this process starts with tools/pg-sandbox on first use and stops at exit.
const std::string& server_url();

/// A database of its own for one test, created on the test server and dropped (even when the
/// test fails) when the object goes. Names are unique across parallel test processes.
class TestDatabase {
 public:
  explicit TestDatabase(const std::string& purpose);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  const std::string& name() const { return name_; }
  /// libpq URL of this database.
  const std::string& url() const { return url_; }
  /// Runs SQL (several statements allowed) on this database; throws on error.
  void execute(const std::string& sql) const;
  /// Runs a SQL file with psql (so `\ir` works); throws with psql's output on error.
  void run_sql_file(const std::string& path) const;

 private:
  std::string name_;
  std::string url_;
};

/// Roles of their own for one test (roles belong to the whole server, which parallel tests
/// share): `asq_<purpose>_<pid>_<n>_<name>` for each name, created at once and dropped when the
/// object goes, even when the test fails. Declare it before the TestDatabases that use the
/// roles, so that those are dropped first.
class TestRoles {
 public:
  TestRoles(const std::string& purpose, const std::vector<std::string>& names);
  ~TestRoles();
  TestRoles(const TestRoles&) = delete;
  TestRoles& operator=(const TestRoles&) = delete;

  /// The real name of the role called `name` here.
  std::string operator[](const std::string& name) const;

 private:
  std::string prefix_;
  std::vector<std::string> names_;
};

/// The rows of the version table (`alembic_version`, or `schema.alembic_version` when `schema`
/// is given) in the database at `url`, sorted.
std::vector<std::string> version_rows(const std::string& url, const std::string& schema = "");

/// `url` with its database name replaced by `database`.
std::string with_database(const std::string& url, const std::string& database);

}  // namespace asq::test
