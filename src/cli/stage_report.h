#pragma once

#include <chrono>
#include <functional>
#include <ostream>
#include <string>

#include "cli/context.h"
#include "common/stage_observer.h"

namespace asq {

/// The command line's view of a long run's stages, on standard error: with -v each stage's time
/// as it ends (`  interpret          16 revisions       0.04 s`, then a total); on a terminal
/// (not with --json or -q) one progress line, rewritten in place with the stage, its count and
/// the elapsed time, and cleared when the stage ends.
class StageReport : public StageObserver {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;

  explicit StageReport(const CommandContext& context, Clock clock = std::chrono::steady_clock::now);
  ~StageReport() override;
  StageReport(const StageReport&) = delete;
  StageReport& operator=(const StageReport&) = delete;

  void begin(std::string_view stage, size_t total) override;
  void advance(size_t done) override;
  void end(std::string_view detail) override;
  /// With -v: the time since the report began, as a last line.
  void total();
  /// Words shown after the count on the progress line ("2 failed, 4 running"), until the
  /// stage ends.
  void note(std::string_view text);
  /// Takes the progress line off the terminal so that other output can be printed; the next
  /// advance draws it again.
  void clear();

 private:
  double seconds_since(std::chrono::steady_clock::time_point start) const;
  void draw(bool force);

  std::ostream& err_;
  bool timings_;
  bool progress_;
  Clock clock_;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point stage_started_;
  std::chrono::steady_clock::time_point drawn_;
  std::string stage_;
  std::string note_;
  size_t total_ = 0;
  size_t done_ = 0;
  bool line_shown_ = false;
};

}  // namespace asq
