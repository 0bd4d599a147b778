#pragma once

// The value of a string token: prefix letters, escape sequences, line breaks inside the literal.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "common/utf8.h"

namespace asq::py {

/// The prefix letters of a string token, in any case and order (`rb`, `Rb`, `f`, `U`, ...).
struct StringPrefix {
  bool raw = false;
  bool bytes = false;
  bool fstring = false;
  bool operator==(const StringPrefix&) const = default;
};

/// An invalid escape in a literal: what is wrong and where, in bytes from the token's start.
struct StringLiteralError {
  size_t offset = 0;
  std::string message;
};

/// The prefix of string token `token` (the letters before its first quote).
StringPrefix string_prefix(std::string_view token);

/// Appends the value of string token `token` (prefix and quotes included, as the lexer produced
/// it) to `out`. Line breaks become `\n`. Unless raw: escapes are decoded (`\N{...}` and unknown
/// escapes kept verbatim, `\u`/`\U` and str `\x`/octal encoded as UTF-8, bytes `\x`/octal as raw
/// bytes) and a backslash before a line break joins the lines. F-strings decode the same way,
/// their braces and expressions kept as written. Returns the first error; `out` is then partial.
std::optional<StringLiteralError> append_string_value(std::string_view token, std::string& out);

}  // namespace asq::py
