#pragma once

// The tokens the lexer hands to the parser. A token's text points into the source it was read
// from, so the source must outlive the tokens.

#include <cstdint>
#include <string>
#include <string_view>

#include "python/ast.h"

namespace asq::py {

/// What kind of token a Token is; operators and delimiters share one kind and differ by text.
enum class TokenKind : std::uint8_t {
  kName,       // an identifier that is not a keyword (soft keywords like `match` are names)
  kKeyword,    // a reserved word: `def`, `if`, `None`, `not`, ...
  kNumber,     // an int, float or imaginary literal as written
  kString,     // one string literal, prefix and quotes included
  kOperator,   // an operator or delimiter: `(`, `**=`, `->`, `...`
  kNewline,    // the end of a logical line
  kIndent,     // the start of a deeper indented block
  kDedent,     // the end of an indented block
  kEndOfFile,  // always the last token
};

/// One token: its kind, its text in the source and where it starts.
struct Token {
  TokenKind kind = TokenKind::kEndOfFile;
  std::string_view text;
  Position position;
};

/// Whether `word` is a reserved word of Python 3 (`def`, `None`, ...; not soft keywords).
bool is_keyword(std::string_view word);

/// How a token reads in an error message: `name 'x'`, `'('`, `end of line`, `end of file`, ...
std::string describe(const Token& token);

}  // namespace asq::py
