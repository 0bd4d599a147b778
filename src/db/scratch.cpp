#include "db/scratch.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <random>

#include "common/errors.h"
#include "config/database_url.h"
#include "db/connection.h"
#include "db/roles.h"

namespace asq {
namespace {

std::string new_scratch_name() {
  std::random_device device;
  char suffix[9];
  std::snprintf(suffix, sizeof suffix, "%08x", static_cast<unsigned>(device()));
  return std::string(kScratchPrefix) + std::to_string(getpid()) + "_" + suffix;
}

/// PostgreSQL's message without the severity prefix and the trailing line break.
std::string server_message(const pqxx::sql_error& error) {
  std::string text = error.what();
  if (text.starts_with("ERROR:  ")) text.erase(0, 8);
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

std::string drop_statement(pqxx::transaction_base& tx, const std::string& name, bool force) {
  return "DROP DATABASE IF EXISTS " + tx.quote_name(name) + (force ? " WITH (FORCE)" : "");
}

/// The process id in a scratch database's name, or 0 when the name has none.
long pid_in_name(const std::string& name) {
  std::string rest = name.substr(kScratchPrefix.size());
  size_t digits = 0;
  while (digits < rest.size() && rest[digits] >= '0' && rest[digits] <= '9') ++digits;
  if (digits == 0 || digits > 9 || digits >= rest.size() || rest[digits] != '_') return 0;
  return std::stol(rest.substr(0, digits));
}

bool process_is_running(long pid) {
  return pid > 0 && (kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM);
}

/// The refusal when the role may not create the scratch database; `reason` is the server's.
Refused may_not_create(const std::string& server_url, pqxx::connection& admin,
                       const std::string& reason) {
  return Refused("cannot create a scratch database on " + describe_endpoint(server_url) + ": " +
                 reason +
                 "; the new files are proved in a scratch database before anything changes. "
                 "Fix: `ALTER ROLE " +
                 admin.quote_name(admin.username()) +
                 " CREATEDB` (as a superuser), or set [database] scratch_url to a server "
                 "where a role may create databases");
}

}  // namespace

void require_scratch_databases(const std::string& server_url) {
  std::unique_ptr<pqxx::connection> admin = connect(server_url);
  if (!may_create_databases(*admin)) {
    throw may_not_create(server_url, *admin, "permission denied to create database");
  }
}

std::string url_with_database(const std::string& url, const std::string& database) {
  size_t scheme = url.find("://");
  bool is_url = url.starts_with("postgresql://") || url.starts_with("postgres://");
  if (!is_url) return url + " dbname='" + database + "'";
  size_t query_at = url.find('?');
  std::string head = url.substr(0, query_at);
  std::string query = query_at == std::string::npos ? "" : url.substr(query_at + 1);
  size_t slash = head.find('/', scheme + 3);
  if (slash != std::string::npos) head.erase(slash);
  std::string kept;
  size_t start = 0;
  while (start <= query.size() && !query.empty()) {
    size_t end = query.find('&', start);
    if (end == std::string::npos) end = query.size();
    std::string parameter = query.substr(start, end - start);
    if (!parameter.empty() && !parameter.starts_with("dbname=")) {
      kept += (kept.empty() ? "" : "&") + parameter;
    }
    start = end + 1;
  }
  return head + "/" + database + (kept.empty() ? "" : "?" + kept);
}

ScratchDatabase::ScratchDatabase(const std::string& server_url)
    : server_url_(server_url), name_(new_scratch_name()) {
  url_ = url_with_database(server_url_, name_);
  {
    std::unique_ptr<pqxx::connection> admin = connect(server_url_);
    try {
      pqxx::nontransaction tx(*admin);
      tx.exec("CREATE DATABASE " + tx.quote_name(name_) + " TEMPLATE template0");
    } catch (const pqxx::insufficient_privilege& error) {
      throw may_not_create(server_url_, *admin, server_message(error));
    } catch (const pqxx::sql_error& error) {
      throw DatabaseError("cannot create a scratch database on " + describe_endpoint(server_url_) +
                          ": " + server_message(error) +
                          " (the role needs CREATEDB; or set [database] scratch_url)");
    }
  }
  try {
    connection_ = connect(url_);
  } catch (...) {
    try {
      drop();
    } catch (...) {
    }
    throw;
  }
}

ScratchDatabase::~ScratchDatabase() {
  try {
    drop();
  } catch (...) {
  }
}

void ScratchDatabase::drop() {
  if (dropped_) return;
  connection_.reset();
  std::unique_ptr<pqxx::connection> admin = connect(server_url_);
  try {
    pqxx::nontransaction tx(*admin);
    tx.exec(drop_statement(tx, name_, true));
  } catch (const pqxx::sql_error& error) {
    throw DatabaseError("cannot drop the scratch database " + name_ + ": " + server_message(error));
  }
  dropped_ = true;
}

std::vector<std::string> drop_stale_scratch_databases(const std::string& server_url) {
  std::unique_ptr<pqxx::connection> admin = connect(server_url);
  std::vector<std::string> candidates;
  {
    pqxx::nontransaction tx(*admin);
    pqxx::result rows = tx.exec(
        "SELECT d.datname FROM pg_catalog.pg_database d "
        "WHERE starts_with(d.datname, " +
        tx.quote(std::string(kScratchPrefix)) +
        ") "
        "AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_stat_activity a WHERE a.datid = d.oid) "
        "ORDER BY d.datname");
    for (const auto& row : rows) candidates.push_back(row[0].as<std::string>());
  }
  std::vector<std::string> dropped;
  for (const auto& name : candidates) {
    // Only names this tool gives (`asq_scratch_<pid>_...`): another name that merely starts
    // the same way (a test's `asq_scratch_run_x_...`) is not ours to drop.
    long pid = pid_in_name(name);
    if (pid == 0 || process_is_running(pid)) continue;
    try {
      pqxx::nontransaction tx(*admin);
      tx.exec(drop_statement(tx, name, false));
      dropped.push_back(name);
    } catch (const pqxx::sql_error&) {
      // In use again, or not ours to drop: leave it.
    }
  }
  return dropped;
}

void ScratchDrops::drop_later(std::unique_ptr<ScratchDatabase> scratch) {
  // The thread starts with SIGINT and SIGTERM blocked, so that a stop is never delivered to it
  // (its default action would end the process in the middle of the commit): the main thread
  // and the commit's StopOnSignals see them, as before.
  sigset_t stops, previous;
  sigemptyset(&stops);
  sigaddset(&stops, SIGINT);
  sigaddset(&stops, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stops, &previous);
  try {
    drops_.emplace_back([scratch = std::move(scratch)] {
      try {
        scratch->drop();
      } catch (...) {  // left for the next run's drop_stale_scratch_databases
      }
    });
  } catch (...) {
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    throw;
  }
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
}

void ScratchDrops::wait() {
  for (auto& drop : drops_) drop.join();
  drops_.clear();
}

}  // namespace asq
