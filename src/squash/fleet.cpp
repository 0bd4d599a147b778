#include "squash/fleet.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include "config/database_url.h"
#include "db/connection.h"
#include "db/server_facts.h"

namespace asq {
namespace {

/// The tenants of one URL, read once for all of them.
struct TenantSnapshot {
  std::vector<std::string> tenants;
  std::once_flag once;
  std::map<std::string, Schema> schemas;  // empty when the snapshot failed
};

/// Runs the targets that `next` hands out until none is left; shared by every worker.
class Fleet {
 public:
  Fleet(const Config& config, const AdoptSource& source, const std::vector<AdoptTarget>& targets,
        const AdoptOptions& options, StopSwitch& stop, const FleetEvents& events)
      : config_(config),
        source_(source),
        targets_(targets),
        options_(options),
        stop_(stop),
        events_(events),
        outcomes_(targets.size()) {
    for (const auto& target : targets) {
      if (!target.tenant.empty()) snapshots_[target.url].tenants.push_back(target.tenant);
    }
  }

  void work() {
    std::unique_ptr<pqxx::connection> connection;
    std::string connected_to;
    for (size_t index = next_++; index < targets_.size(); index = next_++) {
      const AdoptTarget& target = targets_[index];
      if (stop_.requested()) {
        outcomes_[index] = not_started(target);
        continue;
      }
      tell([&] {
        if (events_.started) events_.started(index);
      });
      if (connected_to != target.url) connection.reset();
      connected_to = target.url;
      TargetReuse reuse{&connection, tenant_snapshot(target, connection)};
      AdoptOutcome outcome = adopt_target(config_, source_, target, options_, stop_, reuse);
      tell([&] {
        outcomes_[index] = std::move(outcome);
        if (events_.finished) events_.finished(index, outcomes_[index]);
      });
    }
  }

  std::vector<AdoptOutcome> outcomes() && { return std::move(outcomes_); }

 private:
  /// The target's schema from its URL's snapshot, taken on `connection` by the first worker
  /// to need it; null for a database target or when the snapshot failed.
  const Schema* tenant_snapshot(const AdoptTarget& target,
                                std::unique_ptr<pqxx::connection>& connection) {
    if (target.tenant.empty()) return nullptr;
    TenantSnapshot& snapshot = snapshots_.at(target.url);
    std::call_once(snapshot.once, [&] {
      try {
        if (!connection || !connection->is_open()) connection = connect(target.url);
        snapshot.schemas = snapshot_tenants(*connection, config_, snapshot.tenants);
      } catch (const std::exception& error) {
        connection.reset();
        tell([&] {
          if (events_.note) {
            events_.note("reading the tenants of " + redact_url(target.url) +
                         " at once failed, each is read on its own: " + error.what());
          }
        });
      }
    });
    auto found = snapshot.schemas.find(target.tenant);
    return found == snapshot.schemas.end() ? nullptr : &found->second;
  }

  template <typename F>
  void tell(F&& f) {
    std::lock_guard lock(mutex_);
    f();
  }

  const Config& config_;
  const AdoptSource& source_;
  const std::vector<AdoptTarget>& targets_;
  const AdoptOptions& options_;
  StopSwitch& stop_;
  const FleetEvents& events_;
  std::vector<AdoptOutcome> outcomes_;
  std::map<std::string, TenantSnapshot> snapshots_;  // by URL; the keys are fixed at the start
  std::atomic<size_t> next_{0};
  std::mutex mutex_;
};

/// The jobs one server takes, and the sentence when that is fewer than `jobs`.
FleetJobs server_cap(const std::string& url, size_t jobs) {
  try {
    auto connection = connect(url);
    ConnectionHeadroom headroom = connection_headroom(*connection);
    // Our own connection counts as in use and ends before the workers start; one slot stays
    // free for everyone else.
    int spare = headroom.free();
    size_t allowed = static_cast<size_t>(std::max(1, spare));
    if (allowed >= jobs) return {jobs, ""};
    return {allowed, std::to_string(allowed) + " at a time: the server at " +
                         describe_endpoint(url) + " has max_connections " +
                         std::to_string(headroom.max_connections) + ", " +
                         std::to_string(headroom.reserved) + " reserved, " +
                         std::to_string(headroom.in_use - 1) + " in use by others"};
  } catch (const std::exception&) {
    return {jobs, ""};
  }
}

}  // namespace

FleetJobs fleet_jobs(const std::vector<AdoptTarget>& targets, size_t requested) {
  FleetJobs out{std::max<size_t>(1, std::min(requested, targets.size())), ""};
  if (out.jobs == 1) return out;
  std::map<std::string, std::string> servers;  // endpoint -> the first target's URL there
  for (const auto& target : targets) servers.emplace(describe_endpoint(target.url), target.url);
  for (const auto& [endpoint, url] : servers) {
    FleetJobs capped = server_cap(url, out.jobs);
    if (capped.jobs < out.jobs) out = capped;
  }
  return out;
}

std::vector<AdoptOutcome> adopt_fleet(const Config& config, const AdoptSource& source,
                                      const std::vector<AdoptTarget>& targets,
                                      const AdoptOptions& options, size_t jobs, StopSwitch& stop,
                                      const FleetEvents& events) {
  Fleet fleet(config, source, targets, options, stop, events);
  jobs = std::max<size_t>(1, std::min(jobs, targets.size()));
  if (jobs == 1) {
    fleet.work();
  } else {
    std::vector<std::jthread> workers;
    for (size_t i = 0; i < jobs; ++i) workers.emplace_back([&] { fleet.work(); });
  }
  return std::move(fleet).outcomes();
}

}  // namespace asq
