#include "cli/stop_signals.h"

#include <pthread.h>

namespace asq {

StopOnSignals::StopOnSignals(StopSwitch& stop) : stop_(stop) {
  sigemptyset(&watched_);
  sigaddset(&watched_, SIGINT);
  sigaddset(&watched_, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &watched_, &previous_mask_);
  watcher_ = std::thread([this] { watch(stop_); });
}

StopOnSignals::~StopOnSignals() {
  closing_ = true;
  pthread_kill(watcher_.native_handle(), SIGTERM);  // wakes sigwait; not a stop request
  watcher_.join();
  // A signal sent to this thread alone (tgkill, a tracer), or one that came after the watcher
  // ended, is pending here: it is a stop request too, not a kill once the mask is restored.
  timespec now{};
  while (sigtimedwait(&watched_, nullptr, &now) > 0) stop_.request();
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
