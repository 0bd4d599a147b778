#pragma once

// SQL text split into tokens the way PostgreSQL's lexer splits it: strings, numbers, words
// (lower-cased), quoted names, and symbols (an operator is the longest run of operator
// characters, `::` and punctuation stand alone). Internal to src/schema.

#include <string>
#include <string_view>
#include <vector>

namespace asq::detail {

struct SqlToken {
  enum class Kind { kString, kNumber, kWord, kQuotedWord, kSymbol, kEnd } kind = Kind::kEnd;
  std::string text;
  size_t begin = 0;
  size_t end = 0;
};

/// The tokens of `sql`, ending with one of kind kEnd. Throws SpellingError on an unterminated
/// literal or a prefixed string (E'', B'', X'').
std::vector<SqlToken> tokenize(std::string_view sql);

}  // namespace asq::detail
