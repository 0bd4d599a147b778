#pragma once

#include <string>

namespace asq {

/// Appends code point `code_point` to `out` as UTF-8.
void append_utf8(std::string& out, char32_t code_point);

}  // namespace asq
