#include "schema/types.h"

namespace asq {

std::string without_type_modifiers(std::string_view type) {
  std::string out;
  int depth = 0;
  for (char c : type) {
    if (c == '(') ++depth;
    if (depth == 0) out += c;
    if (c == ')') --depth;
  }
  return out;
}

}  // namespace asq
