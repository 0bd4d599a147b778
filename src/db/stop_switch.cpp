#include "db/stop_switch.h"

#include <algorithm>

namespace asq {

void StopSwitch::request() {
  requested_ = true;
  std::lock_guard lock(mutex_);
  for (pqxx::connection* connection : attached_) {
    try {
      connection->cancel_query();
    } catch (const std::exception&) {
      // Nothing running or the server is gone: the flag alone stops the target.
    }
  }
}

void StopSwitch::attach(pqxx::connection& connection) {
  std::lock_guard lock(mutex_);
  attached_.push_back(&connection);
}

void StopSwitch::detach(pqxx::connection& connection) {
  std::lock_guard lock(mutex_);
  attached_.erase(std::remove(attached_.begin(), attached_.end(), &connection), attached_.end());
}

}  // namespace asq
