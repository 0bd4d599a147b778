#include "pgsim/sql_reader.h"

#include <cctype>

namespace asq::memsql {
namespace {

size_t skip_quoted(const std::string& sql, size_t i, char quote, std::string& value) {
  for (++i; i < sql.size(); ++i) {
    if (sql[i] == quote) {
      if (i + 1 < sql.size() && sql[i + 1] == quote) {
        value += quote;
        ++i;
        continue;
      }
      return i + 1;
    }
    value += sql[i];
  }
  throw ApplyError("unterminated quote in SQL");
}

/// Splits `sql` into statements of tokens; comments dropped, `;` ends a statement.
}  // namespace

std::vector<std::vector<Token>> statements_of(const std::string& sql) {
  std::vector<std::vector<Token>> statements(1);
  size_t i = 0;
  auto is_word = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$';
  };
  while (i < sql.size()) {
    char c = sql[i];
    size_t begin = i;
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (sql.compare(i, 2, "--") == 0) {
      i = std::min(sql.find('\n', i), sql.size());
    } else if (sql.compare(i, 2, "/*") == 0) {
      size_t end = sql.find("*/", i + 2);
      i = end == std::string::npos ? sql.size() : end + 2;
    } else if (c == ';') {
      if (!statements.back().empty()) statements.emplace_back();
      ++i;
    } else if (c == '\'' || c == '"') {
      std::string value;
      i = skip_quoted(sql, i, c, value);
      statements.back().push_back(
          {c == '\'' ? Token::Kind::kString : Token::Kind::kQuoted, value, begin, i});
    } else if (c == '$') {
      size_t tag_end = sql.find('$', i + 1);
      if (tag_end == std::string::npos) throw ApplyError("unterminated dollar quote in SQL");
      std::string tag = sql.substr(i, tag_end - i + 1);
      size_t close = sql.find(tag, tag_end + 1);
      if (close == std::string::npos) throw ApplyError("unterminated dollar quote in SQL");
      i = close + tag.size();
      statements.back().push_back(
          {Token::Kind::kString, sql.substr(tag_end + 1, close - tag_end - 1), begin, i});
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      while (i < sql.size() && (is_word(sql[i]) || sql[i] == '.')) ++i;
      statements.back().push_back({Token::Kind::kNumber, sql.substr(begin, i - begin), begin, i});
    } else if (is_word(c)) {
      while (i < sql.size() && is_word(sql[i])) ++i;
      std::string word = sql.substr(begin, i - begin);
      std::transform(word.begin(), word.end(), word.begin(),
                     [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
      statements.back().push_back({Token::Kind::kWord, word, begin, i});
    } else {
      ++i;
      if (c == ':' && i < sql.size() && sql[i] == ':') ++i;
      statements.back().push_back({Token::Kind::kSymbol, sql.substr(begin, i - begin), begin, i});
    }
  }
  if (statements.back().empty()) statements.pop_back();
  return statements;
}

// ---- reading one statement ----

}  // namespace asq::memsql
