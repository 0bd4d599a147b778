#include "cli/stop_signals.h"

#include <pthread.h>

namespace asq {

StopOnSignals::StopOnSignals(StopSwitch& stop) {
  sigemptyset(&watched_);
  sigaddset(&watched_, SIGINT);
  sigaddset(&watched_, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &watched_, &previous_mask_);
  watcher_ = std::thread([this, &stop] { watch(stop); });
}

StopOnSignals::~StopOnSignals() {
  closing_ = true;
  pthread_kill(watcher_.native_handle(), SIGTERM);  // wakes sigwait; not a stop request
  watcher_.join();
  pthread_sigmask(SIG_SETMASK, &previous_mask_, nullptr);
}

void StopOnSignals::watch(StopSwitch& stop) {
  while (true) {
    int signal = 0;
    if (sigwait(&watched_, &signal) != 0) continue;
    if (closing_) return;
    stop.request();
  }
}

}  // namespace asq
