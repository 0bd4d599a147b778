#pragma once

// Long runs report their stages as they go; library code never prints (STYLE 9), so the command
// line decides what to make of it: -v's stage timings, the progress line on a terminal.

#include <cstddef>
#include <string>
#include <string_view>

namespace asq {

/// Told when a stage of a pipeline begins, advances and ends. Stages do not nest.
class StageObserver {
 public:
  virtual ~StageObserver() = default;
  /// A stage begins; `total` items (revisions, targets) when known, else 0.
  virtual void begin(std::string_view stage, size_t total) = 0;
  /// `done` of the stage's items are finished.
  virtual void advance(size_t done) = 0;
  /// The stage ended; `detail` says what it did ("16 revisions").
  virtual void end(std::string_view detail) = 0;
};

/// An observer that ignores everything: the default of every function that takes one.
StageObserver& no_stages();

/// One stage for the length of a scope: begins now, ends with done(detail). A stage left by an
/// exception does not end (nothing is reported for it).
class Stage {
 public:
  Stage(StageObserver& observer, std::string_view name, size_t total = 0) : observer_(observer) {
    observer_.begin(name, total);
  }
  Stage(const Stage&) = delete;
  Stage& operator=(const Stage&) = delete;
  void advance(size_t done) { observer_.advance(done); }
  void done(std::string_view detail = "") { observer_.end(detail); }

 private:
  StageObserver& observer_;
};

/// "1 revision", "16 revisions".
std::string counted(size_t n, std::string_view singular, std::string_view plural);

}  // namespace asq
