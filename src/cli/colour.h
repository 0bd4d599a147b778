#pragma once

// Colour on a terminal, for what a person must not miss: errors, warnings, hazards. Only when
// the stream is a terminal and NO_COLOR is not set (https://no-color.org); never in a pipe.

#include <map>
#include <string>
#include <string_view>

namespace asq {

enum class Tint { kError, kWarning, kHazard };

/// `text` wrapped in the escape codes of `tint` when `on`, else `text` as it is.
std::string tinted(std::string_view text, Tint tint, bool on);

/// Whether a stream that `is_terminal` gets colour: not when NO_COLOR is set to anything but
/// the empty string, nor on TERM=dumb.
bool wants_colour(bool is_terminal, const std::map<std::string, std::string>& environment);

}  // namespace asq
