#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace asq {

/// `text` without the `blanks` at either end (by default the white space isspace() sees).
std::string_view trim(std::string_view text, std::string_view blanks = " \t\n\v\f\r");

/// `text` with its ASCII letters in lower case (other bytes as they are).
std::string ascii_lowered(std::string_view text);

/// The items with `separator` between them: `a, b, c`.
std::string join(const std::vector<std::string>& items, std::string_view separator = ", ");

/// A Python string literal of `text` between `quote`s (' or "), escaped as Python's repr()
/// escapes: the quote, backslashes and control characters; other UTF-8 text as is.
std::string python_quoted(std::string_view text, char quote);
/// Python's repr() of a str: single quotes unless the text has single quotes and no double ones.
std::string python_repr(std::string_view text);

}  // namespace asq
