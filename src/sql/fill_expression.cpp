#include "sql/fill_expression.h"

#include <vector>

#include "sql/tokens.h"

namespace asq::sql {

std::optional<std::string> fill_expression_problem(std::string_view sql) {
  for (char c : sql) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) return "a fill is one line of SQL without control characters";
  }
  std::vector<Token> tokens;
  try {
    tokens = tokenize(sql);
  } catch (const LexError& error) {
    return std::string("cannot read the SQL: ") + error.what();
  }
  if (tokens.size() <= 1) return "a fill needs an SQL expression, e.g. 0, '' or now()";
  std::string open;
  size_t previous_end = 0;
  for (const Token& token : tokens) {
    for (size_t i = previous_end; i < token.begin && i < sql.size(); ++i) {
      if (sql[i] != ' ') return "a fill holds no comments";
    }
    previous_end = token.end;
    if (token.kind != Token::Kind::kSymbol) continue;
    if (token.text == ";") return "a fill is one expression: no ';'";
    if (token.text == "(" || token.text == "[") open += token.text == "(" ? ')' : ']';
    if (token.text == ")" || token.text == "]") {
      if (open.empty() || open.back() != token.text[0]) {
        return "'" + token.text + "' closes nothing: a fill is one whole expression";
      }
      open.pop_back();
    }
  }
  if (!open.empty()) return "'" + open.substr(open.size() - 1) + "' is missing at the end";
  return std::nullopt;
}

std::optional<std::string> fill_key_problem(std::string_view key) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t dot = key.find('.', start);
    parts.push_back(key.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  bool names = parts.size() == 2 || parts.size() == 3;
  for (std::string_view part : parts) {
    if (part.empty()) names = false;
    for (char c : part) {
      if (static_cast<unsigned char>(c) <= ' ' || c == '=' || c == '"') names = false;
    }
  }
  if (names) return std::nullopt;
  return "'" + std::string(key) + "' does not name a column: write table.column, or " +
         "schema.table.column outside the schema public (names as the database stores them)";
}

}  // namespace asq::sql
