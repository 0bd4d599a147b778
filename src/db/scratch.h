#pragma once

// Throwaway databases for replaying revisions: created on a server the user named (the live
// server or `scratch_url`), always dropped again, and named so that one a crash left behind is
// recognised and cleaned up by a later run.

#include <memory>
#include <pqxx/pqxx>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace asq {

/// Every scratch database's name starts with this, then `<pid>_<8 random hex digits>`.
inline constexpr std::string_view kScratchPrefix = "asq_scratch_";

/// Refuses, as creating a scratch database there would (exit 5, with the fix), when the role of
/// `server_url` may not create databases; for a run that needs one later.
void require_scratch_databases(const std::string& server_url);

/// A fresh, empty database (from template0) that lives as long as this object. It holds one
/// connection to itself for its whole life: the connection the caller works on, and the sign
/// for other runs that the database is in use. Dropped with `DROP DATABASE ... WITH (FORCE)`
/// in the destructor, also when an exception unwinds.
class ScratchDatabase {
 public:
  /// Creates the database on the server of `server_url` (a libpq URL of any database there; the
  /// role needs CREATEDB). Throws DatabaseError with PostgreSQL's reason when it cannot.
  explicit ScratchDatabase(const std::string& server_url);
  ~ScratchDatabase();
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;

  const std::string& name() const { return name_; }
  /// libpq URL of the scratch database (the server URL with the database name replaced).
  const std::string& url() const { return url_; }
  /// The open connection to the scratch database (closed by drop(): end transactions first).
  pqxx::connection& connection() { return *connection_; }
  /// Drops the database now; throws DatabaseError when that fails. The destructor does the same
  /// and swallows errors. Idempotent.
  void drop();

 private:
  std::string server_url_;
  std::string name_;
  std::string url_;
  std::unique_ptr<pqxx::connection> connection_;
  bool dropped_ = false;
};

/// `url` (libpq URL or `key=value` connection string) pointing at database `database` instead.
std::string url_with_database(const std::string& url, const std::string& database);

/// Drops the scratch databases that earlier runs left behind on the server of `server_url`:
/// those named like a scratch database that no session is connected to and whose process id
/// is not a running process on this host. Returns their names, sorted.
std::vector<std::string> drop_stale_scratch_databases(const std::string& server_url);

/// Scratch databases dropped in the background (DROP DATABASE waits for a checkpoint and
/// removes every relation file: tens of seconds for thousands of tables on a busy server), so
/// that the run goes on meanwhile. wait() (or the destructor) waits for every drop; a drop that
/// fails leaves the database to the next run's drop_stale_scratch_databases.
class ScratchDrops {
 public:
  ScratchDrops() = default;
  ~ScratchDrops() { wait(); }
  ScratchDrops(const ScratchDrops&) = delete;
  ScratchDrops& operator=(const ScratchDrops&) = delete;
  void drop_later(std::unique_ptr<ScratchDatabase> scratch);
  void wait();

 private:
  std::vector<std::thread> drops_;
};

}  // namespace asq
