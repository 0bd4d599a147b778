#pragma once

// SQL text split into tokens the way PostgreSQL's lexer (scan.l) splits it: words (lower-cased),
// quoted names, string literals ('', E'', B'', X'', N'', dollar-quoted), numbers, and symbols (an
// operator is the longest run of operator characters, `::` and punctuation stand alone).
// Comments (`--` and nested `/* */`) are dropped; every token keeps its byte offsets, so a caller
// can copy the source text around it or point an error at it. The one SQL tokenizer of src/.

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace asq::sql {

struct Token {
  enum class Kind { kWord, kQuotedWord, kString, kNumber, kSymbol, kEnd } kind = Kind::kEnd;
  /// Words lower-cased; quoted names and strings without their quotes, escapes resolved.
  std::string text;
  size_t begin = 0;  // byte offsets into the source: [begin, end)
  size_t end = 0;
  /// Strings: 0 for '...', 'E', 'B', 'X' or 'N' for a prefixed literal, '$' when dollar-quoted.
  char prefix = 0;

  bool is(Kind k, std::string_view t) const { return kind == k && text == t; }
  bool is_symbol(std::string_view t) const { return is(Kind::kSymbol, t); }
  bool is_word(std::string_view t) const { return is(Kind::kWord, t); }
  /// A name: a word or a quoted name.
  bool is_name() const { return kind == Kind::kWord || kind == Kind::kQuotedWord; }
};

/// SQL text the tokenizer cannot read (an unterminated literal, name or comment), with the byte
/// offset where the bad token starts.
class LexError : public std::runtime_error {
 public:
  LexError(const std::string& message, size_t offset)
      : std::runtime_error(message), offset_(offset) {}
  size_t offset() const { return offset_; }

 private:
  size_t offset_;
};

/// Whether `c` may start an unquoted identifier (a letter, `_`, or a byte of a UTF-8 character).
bool is_identifier_start(char c);

/// Whether `c` may continue an unquoted identifier (also digits and `$`).
bool is_identifier_char(char c);

/// The tokens of `sql`, comments dropped, `;` a symbol, ending with one of kind kEnd.
/// Throws LexError.
std::vector<Token> tokenize(std::string_view sql);

/// The statements of `sql`: its tokens split at each `;` (which is left out), without the kEnd
/// token; empty statements are dropped. Throws LexError.
std::vector<std::vector<Token>> statements(std::string_view sql);

/// Whether `sql` ends inside a `--` comment (which would swallow a `;` written after it).
/// Text the tokenizer cannot read does not.
bool ends_in_line_comment(std::string_view sql);

}  // namespace asq::sql
