#pragma once

#include <atomic>
#include <mutex>
#include <pqxx/pqxx>
#include <vector>

namespace asq {

/// A request to stop, made from another thread (a signal watcher), that also cancels the
/// statements running on the connections attached at that moment (one per worker thread), so
/// a target blocked on a lock stops at once and its transaction rolls back.
class StopSwitch {
 public:
  /// Asks to stop; cancels the running statement of every attached connection.
  void request();
  bool requested() const { return requested_; }

  /// While attached, a request cancels `connection`'s statements. Attach only while nothing
  /// is committing: a cancelled COMMIT would leave the outcome in doubt.
  void attach(pqxx::connection& connection);
  void detach(pqxx::connection& connection);

 private:
  std::atomic<bool> requested_{false};
  std::mutex mutex_;
  std::vector<pqxx::connection*> attached_;
};

/// Keeps `connection` attached to `stop` for a scope.
class StopAttachment {
 public:
  StopAttachment(StopSwitch& stop, pqxx::connection& connection)
      : stop_(stop), connection_(connection) {
    stop_.attach(connection);
  }
  ~StopAttachment() { stop_.detach(connection_); }
  StopAttachment(const StopAttachment&) = delete;
  StopAttachment& operator=(const StopAttachment&) = delete;

 private:
  StopSwitch& stop_;
  pqxx::connection& connection_;
};

}  // namespace asq
