#include "sql/data_statements.h"

#include <algorithm>
#include <array>

#include "sql/tokens.h"

namespace asq::sql {

bool is_data_word(std::string_view word) {
  static constexpr std::array<std::string_view, 10> kWords = {
      "insert", "update", "delete",   "select", "with",
      "values", "copy",   "truncate", "set",    "analyze"};
  return std::find(kWords.begin(), kWords.end(), word) != kWords.end();
}

bool is_data_statement(std::string_view sql) {
  std::vector<std::vector<Token>> all;
  try {
    all = statements(sql);
  } catch (const LexError&) {
    return false;
  }
  return !all.empty() && std::all_of(all.begin(), all.end(), [](const std::vector<Token>& s) {
    return s.front().kind == Token::Kind::kWord && is_data_word(s.front().text);
  });
}

}  // namespace asq::sql
