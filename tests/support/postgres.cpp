#include "support/postgres.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <pqxx/pqxx>
#include <stdexcept>

#include "support/process.h"

namespace asq::test {
namespace {

struct OwnSandbox {
  std::string url;
  ~OwnSandbox() {
    if (!url.empty()) run_process({source_path("tools/pg-sandbox"), "stop", url});
  }
};

}  // namespace

const std::string& server_url() {
  static OwnSandbox own;
  static const std::string url = [] {
    const char* given = std::getenv("ASQ_TEST_PG_URL");
    if (given && *given) return std::string(given);
    ProcessResult started = run_process({source_path("tools/pg-sandbox"), "start"});
    if (started.exit_code != 0) {
      throw std::runtime_error("cannot start a PostgreSQL sandbox: " + started.err);
    }
    own.url = started.out.substr(0, started.out.find('\n'));
    return own.url;
  }();
  return url;
}

TestRoles::TestRoles(const std::string& purpose, const std::vector<std::string>& names)
    : names_(names) {
  static std::atomic<int> counter{0};
  prefix_ =
      "asq_" + purpose + "_" + std::to_string(getpid()) + "_" + std::to_string(counter++) + "_";
  pqxx::connection admin(server_url());
  pqxx::nontransaction tx(admin);
  for (const auto& name : names_) tx.exec("CREATE ROLE " + tx.quote_name(prefix_ + name));
}

TestRoles::~TestRoles() {
  for (const auto& name : names_) {
    try {
      pqxx::connection admin(server_url());
      pqxx::nontransaction tx(admin);
      tx.exec("DROP ROLE IF EXISTS " + tx.quote_name(prefix_ + name));
    } catch (...) {
    }
  }
}

std::string TestRoles::operator[](const std::string& name) const { return prefix_ + name; }

std::vector<std::string> version_rows(const std::string& url, const std::string& schema) {
  pqxx::connection connection(url);
  pqxx::read_transaction tx(connection);
  std::string table = (schema.empty() ? "" : tx.quote_name(schema) + ".") + "alembic_version";
  std::vector<std::string> rows;
  for (const auto& row : tx.exec("SELECT version_num FROM " + table + " ORDER BY 1")) {
    rows.push_back(row[0].as<std::string>());
  }
  return rows;
}

std::string with_database(const std::string& url, const std::string& database) {
  size_t scheme = url.find("://");
  size_t slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  size_t query = url.find('?');
  std::string tail = query == std::string::npos ? "" : url.substr(query);
  if (slash == std::string::npos) return url + "/" + database + tail;
  return url.substr(0, slash) + "/" + database + tail;
}

TestDatabase::TestDatabase(const std::string& purpose) {
  static std::atomic<int> counter{0};
  name_ = "asq_" + purpose + "_" + std::to_string(getpid()) + "_" + std::to_string(counter++);
  url_ = with_database(server_url(), name_);
  pqxx::connection admin(server_url());
  pqxx::nontransaction tx(admin);
  tx.exec("DROP DATABASE IF EXISTS " + tx.quote_name(name_) + " WITH (FORCE)");
  tx.exec("CREATE DATABASE " + tx.quote_name(name_));
}

TestDatabase::~TestDatabase() {
  try {
    pqxx::connection admin(server_url());
    pqxx::nontransaction tx(admin);
    tx.exec("DROP DATABASE IF EXISTS " + tx.quote_name(name_) + " WITH (FORCE)");
  } catch (...) {
  }
}

void TestDatabase::execute(const std::string& sql) const {
  pqxx::connection connection(url_);
  pqxx::nontransaction tx(connection);
  tx.exec(sql);
}

void TestDatabase::run_sql_file(const std::string& path) const {
  ProcessResult result =
      run_process({"psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url_, "-f", path});
  if (result.exit_code != 0) {
    throw std::runtime_error("psql -f " + path + " failed: " + result.err);
  }
}

}  // namespace asq::test
