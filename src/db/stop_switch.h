#pragma once

#include <atomic>
#include <mutex>
#include <pqxx/pqxx>

namespace asq {

/// A request to stop, made from another thread (a signal watcher), that also cancels the
/// statement running on the connection attached at that moment, so a target blocked on a lock
/// stops at once and its transaction rolls back.
class StopSwitch {
 public:
  /// Asks to stop; cancels the attached connection's running statement, if any.
  void request();
  bool requested() const { return requested_; }

  /// While attached, a request cancels `connection`'s statements. Attach only while nothing
  /// is committing: a cancelled COMMIT would leave the outcome in doubt.
  void attach(pqxx::connection& connection);
  void detach();

 private:
  std::atomic<bool> requested_{false};
  std::mutex mutex_;
  pqxx::connection* attached_ = nullptr;
};

/// Keeps `connection` attached to `stop` for a scope.
class StopAttachment {
 public:
  StopAttachment(StopSwitch& stop, pqxx::connection& connection) : stop_(stop) {
    stop_.attach(connection);
  }
  ~StopAttachment() { stop_.detach(); }
  StopAttachment(const StopAttachment&) = delete;
  StopAttachment& operator=(const StopAttachment&) = delete;

 private:
  StopSwitch& stop_;
};

}  // namespace asq
