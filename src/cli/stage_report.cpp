#include "cli/stage_report.h"

#include <cstdio>

namespace asq {
namespace {

/// `  name  detail  0.41 s` in fixed columns.
std::string timing_line(std::string_view name, std::string_view detail, double seconds) {
  char line[160];
  std::snprintf(line, sizeof line, "  %-18.*s %-28.*s %7.2f s\n", static_cast<int>(name.size()),
                name.data(), static_cast<int>(detail.size()), detail.data(), seconds);
  return line;
}

}  // namespace

StageReport::StageReport(const CommandContext& context, Clock clock)
    : err_(context.err),
      timings_(context.invocation.verbosity > 0),
      progress_(context.err_is_terminal && !context.invocation.json &&
                context.invocation.verbosity >= 0),
      clock_(std::move(clock)),
      started_(clock_()) {}

StageReport::~StageReport() { clear(); }

double StageReport::seconds_since(std::chrono::steady_clock::time_point start) const {
  return std::chrono::duration<double>(clock_() - start).count();
}

void StageReport::begin(std::string_view stage, size_t total) {
  stage_ = stage;
  note_.clear();
  total_ = total;
  done_ = 0;
  stage_started_ = clock_();
  draw(true);
}

void StageReport::advance(size_t done) {
  done_ = done;
  draw(done == total_);
}

void StageReport::end(std::string_view detail) {
  clear();
  if (timings_) err_ << timing_line(stage_, detail, seconds_since(stage_started_)) << std::flush;
  stage_.clear();
}

void StageReport::note(std::string_view text) { note_ = text; }

void StageReport::total() {
  clear();
  if (timings_) err_ << timing_line("total", "", seconds_since(started_)) << std::flush;
}

void StageReport::draw(bool force) {
  if (!progress_ || stage_.empty()) return;
  auto now = clock_();
  if (!force && now - drawn_ < std::chrono::milliseconds(100)) return;
  drawn_ = now;
  char elapsed[32];
  std::snprintf(elapsed, sizeof elapsed, "%.1f s", seconds_since(stage_started_));
  err_ << "\r\033[K" << stage_;
  if (total_ > 0) err_ << " " << done_ << "/" << total_;
  if (!note_.empty()) err_ << " (" << note_ << ")";
  err_ << " ... " << elapsed << std::flush;
  line_shown_ = true;
}

void StageReport::clear() {
  if (!line_shown_) return;
  err_ << "\r\033[K" << std::flush;
  line_shown_ = false;
}

}  // namespace asq
