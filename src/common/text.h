#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace asq {

/// `text` without the `blanks` at either end (by default the white space isspace() sees).
std::string_view trim(std::string_view text, std::string_view blanks = " \t\n\v\f\r");

/// The items with `separator` between them: `a, b, c`.
std::string join(const std::vector<std::string>& items, std::string_view separator = ", ");

}  // namespace asq
