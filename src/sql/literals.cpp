#include "sql/literals.h"

#include <regex>

namespace asq {

std::string sql_literal(std::string_view value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

std::string quote_literal(std::string_view text) {
  bool backslash = text.find('\\') != std::string_view::npos;
  std::string out = backslash ? "E'" : "'";
  for (char c : text) {
    if (c == '\'' || c == '\\') out += c;
    out += c;
  }
  return out + '\'';
}

std::optional<std::string> reloption_number(std::string_view text) {
  static const std::regex decimal(
      R"([0-9]+(\.[0-9]*)?([eE][+-]?[0-9]+)?|\.[0-9]+([eE][+-]?[0-9]+)?)");
  std::string written(text);
  if (!std::regex_match(written, decimal)) return std::nullopt;
  if (written.find_first_not_of("0123456789") != std::string::npos) return written;
  size_t first = written.find_first_not_of('0');
  std::string digits = first == std::string::npos ? "0" : written.substr(first);
  if (digits.size() > 10 || std::stoll(digits) > 2147483647) return written;  // numeric: as written
  return digits;
}

std::optional<std::string> reloption_value(const sql::Token& token) {
  using Kind = sql::Token::Kind;
  if (token.kind == Kind::kNumber) return reloption_number(token.text);
  if (token.kind == Kind::kWord || token.kind == Kind::kString) return token.text;
  return std::nullopt;
}

std::optional<std::string> reloption_written(std::string_view name, std::string_view value) {
  try {
    std::vector<sql::Token> names = sql::tokenize(name);
    std::vector<sql::Token> values = sql::tokenize(value);
    // One token and the end.
    if (names.size() != 2 || names[0].kind != sql::Token::Kind::kWord || values.size() != 2) {
      return std::nullopt;
    }
    auto text = reloption_value(values[0]);
    if (!text) return std::nullopt;
    return names[0].text + "=" + *text;
  } catch (const sql::LexError&) {
    return std::nullopt;
  }
}

}  // namespace asq
