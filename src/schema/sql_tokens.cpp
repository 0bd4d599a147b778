#include "schema/sql_tokens.h"

#include <cctype>

#include "schema/constants.h"

namespace asq::detail {
namespace {

bool is_operator_char(char c) {
  return std::string_view("+-*/<>=~!@#%^&|`?").find(c) != std::string_view::npos;
}

/// The operator starting at `at`: the longest run of operator characters, less a trailing + or
/// - unless the run holds one of ~ ! @ # % ^ & | ` ? (so `>-1` is `>` then `-1`).
size_t operator_length(std::string_view sql, size_t at) {
  size_t end = at;
  while (end < sql.size() && is_operator_char(sql[end])) {
    if (sql.substr(end, 2) == "--" || sql.substr(end, 2) == "/*") break;
    ++end;
  }
  std::string_view run = sql.substr(at, end - at);
  bool special = run.find_first_of("~!@#%^&|`?") != std::string_view::npos;
  while (!special && run.size() > 1 && (run.back() == '+' || run.back() == '-')) {
    run.remove_suffix(1);
  }
  return run.empty() ? 1 : run.size();
}

/// The quoted text starting at `i` (a string or a quoted name), the quote doubled inside.
std::string quoted(std::string_view sql, size_t& i, char quote, const char* what) {
  std::string value;
  for (++i;; ++i) {
    if (i >= sql.size()) fail(std::string("unterminated ") + what + " in " + std::string(sql));
    if (sql[i] == quote) {
      if (i + 1 < sql.size() && sql[i + 1] == quote) {
        value += quote;
        ++i;
        continue;
      }
      ++i;
      return value;
    }
    value += sql[i];
  }
}

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$';
}

}  // namespace

std::vector<SqlToken> tokenize(std::string_view sql) {
  std::vector<SqlToken> tokens;
  size_t i = 0;
  auto push = [&](SqlToken::Kind kind, std::string text, size_t begin) {
    tokens.push_back({kind, std::move(text), begin, i});
  };
  while (i < sql.size()) {
    char c = sql[i];
    size_t begin = i;
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '\'') {
      push(SqlToken::Kind::kString, quoted(sql, i, '\'', "string literal"), begin);
    } else if (c == '"') {
      push(SqlToken::Kind::kQuotedWord, quoted(sql, i, '"', "quoted name"), begin);
    } else if (std::isdigit(static_cast<unsigned char>(c)) ||
               (c == '.' && i + 1 < sql.size() &&
                std::isdigit(static_cast<unsigned char>(sql[i + 1])))) {
      while (i < sql.size() &&
             (std::isalnum(static_cast<unsigned char>(sql[i])) || sql[i] == '.' ||
              ((sql[i] == '-' || sql[i] == '+') && (sql[i - 1] == 'e' || sql[i - 1] == 'E')))) {
        ++i;
      }
      push(SqlToken::Kind::kNumber, std::string(sql.substr(begin, i - begin)), begin);
    } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      while (i < sql.size() && is_word_char(sql[i])) ++i;
      if (i < sql.size() && sql[i] == '\'') {
        fail("prefixed string literals (E'', B'', X'') are not supported: " + std::string(sql));
      }
      push(SqlToken::Kind::kWord, lowered(sql.substr(begin, i - begin)), begin);
    } else if (sql.substr(i, 2) == "::") {
      i += 2;
      push(SqlToken::Kind::kSymbol, "::", begin);
    } else if (is_operator_char(c)) {
      i += operator_length(sql, i);
      push(SqlToken::Kind::kSymbol, std::string(sql.substr(begin, i - begin)), begin);
    } else {
      ++i;
      push(SqlToken::Kind::kSymbol, std::string(1, c), begin);
    }
  }
  tokens.push_back({SqlToken::Kind::kEnd, "", sql.size(), sql.size()});
  return tokens;
}

}  // namespace asq::detail
