#include "common/stage_observer.h"

namespace asq {
namespace {

class NoStages : public StageObserver {
 public:
  void begin(std::string_view, size_t) override {}
  void advance(size_t) override {}
  void end(std::string_view) override {}
};

}  // namespace

StageObserver& no_stages() {
  static NoStages none;
  return none;
}

std::string counted(size_t n, std::string_view singular, std::string_view plural) {
  return std::to_string(n) + " " + std::string(n == 1 ? singular : plural);
}

}  // namespace asq
