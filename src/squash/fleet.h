#pragma once

// Adopting a fleet: the targets of one `adopt` run side by side, each on its own thread with
// its own connection and in its own transaction (adopt_target), the outcomes in the order the
// targets were given.

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "squash/adopt.h"

namespace asq {

/// How many targets run at once, and why fewer than asked.
struct FleetJobs {
  size_t jobs = 1;
  /// Why `jobs` is below what was asked because of a server's connections ("" when it is not):
  /// names the server, max_connections, the reserved slots and the connections in use.
  std::string capped;
};

/// The jobs to run: `requested`, no more than there are targets, and no more than each
/// targets' server has connections to spare (max_connections less the reserved slots and the
/// client backends in use, less one kept free for others). A server that cannot be reached
/// caps nothing: its targets report it.
FleetJobs fleet_jobs(const std::vector<AdoptTarget>& targets, size_t requested);

/// Told as targets start and end; called from the worker threads, one call at a time.
struct FleetEvents {
  std::function<void(size_t index)> started;
  std::function<void(size_t index, const AdoptOutcome& outcome)> finished;
  /// Something the user should know that belongs to no one target.
  std::function<void(const std::string& text)> note;
};

/// Adopts every target, `jobs` at a time (jobs 1: one after another on the calling thread).
/// Each worker keeps its connection from one target to the next of the same URL. The tenants of
/// one URL are read in one snapshot (snapshot_tenants) by the first worker to reach one of them;
/// when that fails, each tenant is read on its own (and `events.note` says why).
/// A stop request rolls back the targets under way (adopt_target) and leaves the rest not
/// started (not_started); finished targets stay done. Returns the outcomes in target order.
std::vector<AdoptOutcome> adopt_fleet(const Config& config, const AdoptSource& source,
                                      const std::vector<AdoptTarget>& targets,
                                      const AdoptOptions& options, size_t jobs, StopSwitch& stop,
                                      const FleetEvents& events = {});

}  // namespace asq
