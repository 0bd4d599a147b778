#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace asq {

/// Appends code point `code_point` to `out` as UTF-8.
void append_utf8(std::string& out, char32_t code_point);

/// Length of the well-formed UTF-8 sequence that starts at `text[at]` (1 to 4), or 0 when the
/// bytes there are not one: a stray continuation byte, a truncated or overlong sequence, an
/// encoded surrogate (U+D800..U+DFFF) or a code point past U+10FFFF. Strict, as Python's codec.
size_t utf8_sequence_length(std::string_view text, size_t at);

/// Offset of the first byte of `text` that is not well-formed UTF-8, or npos when all is.
size_t find_invalid_utf8(std::string_view text);

/// The surrogate code point (U+D800..U+DFFF) that `append_utf8` wrote at `text[at]` (three
/// bytes ED A0..BF 80..BF, as a Python string escape `\ud800` gives), or 0 when there is none.
char32_t encoded_surrogate_at(std::string_view text, size_t at);

}  // namespace asq
