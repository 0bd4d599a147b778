#include "cli/colour.h"

namespace asq {

std::string tinted(std::string_view text, Tint tint, bool on) {
  if (!on) return std::string(text);
  const char* code = tint == Tint::kError     ? "\033[1;31m"
                     : tint == Tint::kWarning ? "\033[33m"
                                              : "\033[35m";
  return code + std::string(text) + "\033[0m";
}

bool wants_colour(bool is_terminal, const std::map<std::string, std::string>& environment) {
  if (!is_terminal) return false;
  auto no_colour = environment.find("NO_COLOR");
  if (no_colour != environment.end() && !no_colour->second.empty()) return false;
  auto term = environment.find("TERM");
  return term == environment.end() || term->second != "dumb";
}

}  // namespace asq
