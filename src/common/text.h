#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace asq {

/// The items with `separator` between them: `a, b, c`.
std::string join(const std::vector<std::string>& items, std::string_view separator = ", ");

}  // namespace asq
