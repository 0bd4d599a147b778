#include "db/stop_switch.h"

namespace asq {

void StopSwitch::request() {
  requested_ = true;
  std::lock_guard lock(mutex_);
  if (!attached_) return;
  try {
    attached_->cancel_query();
  } catch (const std::exception&) {
    // Nothing running or the server is gone: the flag alone stops the target.
  }
}

void StopSwitch::attach(pqxx::connection& connection) {
  std::lock_guard lock(mutex_);
  attached_ = &connection;
}

void StopSwitch::detach() {
  std::lock_guard lock(mutex_);
  attached_ = nullptr;
}

}  // namespace asq
