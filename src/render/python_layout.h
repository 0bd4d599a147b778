#pragma once

// Line splitting as black (23.1, default options) does it, for the statements the Alembic
// renderer writes: calls, attribute chains, string/number/name literals, lists and keyword
// arguments. Given a statement on one line, it returns the lines black would turn it into, so
// that generated revision files are black-clean without a formatter.

#include <string>
#include <string_view>

namespace asq {

/// Longest line the renderer aims for (black's default).
inline constexpr int kLineWidth = 88;

/// `statement` (one logical line of Python, spaced as black spaces it: `a, b`, `k=v`) laid out
/// as black lays it out at `indent` spaces: on one line when it fits in kLineWidth columns
/// (counted in code points), else split at its last bracket pair (a trailer that fits is kept
/// on the closing line), the part inside on one more-indented line when it fits, else one
/// element per line with a trailing comma (lists always so), recursively. A comma before a
/// closing bracket is black's magic trailing comma: that bracket is split one per line. The
/// first line is not indented (the caller writes the indent); no line break at the end.
/// Throws std::logic_error for text outside that subset (a programmer error).
std::string black_layout(std::string_view statement, int indent);

}  // namespace asq
