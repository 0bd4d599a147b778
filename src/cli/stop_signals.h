#pragma once

#include <signal.h>

#include <atomic>
#include <thread>

#include "db/stop_switch.h"

namespace asq {

/// While alive, SIGINT and SIGTERM do not kill the process: a watcher thread turns them into
/// `stop.request()`, so the work under way can roll back and report before the process ends.
/// Construct it before any other thread starts (the signals are blocked in every thread but
/// the watcher's). A signal still pending when it goes is taken as a stop request too.
class StopOnSignals {
 public:
  explicit StopOnSignals(StopSwitch& stop);
  ~StopOnSignals();
  StopOnSignals(const StopOnSignals&) = delete;
  StopOnSignals& operator=(const StopOnSignals&) = delete;

 private:
  void watch(StopSwitch& stop);

  StopSwitch& stop_;
  sigset_t watched_;
  sigset_t previous_mask_;
  std::atomic<bool> closing_{false};
  std::thread watcher_;
};

}  // namespace asq
