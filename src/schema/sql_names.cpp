#include "schema/sql_names.h"

#include <vector>

namespace asq {
namespace {

/// Splits `a.b` at the first dot outside double quotes and unquotes each part.
std::vector<std::string> split_parts(const std::string& text) {
  std::vector<std::string> parts(1);
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '"') {
      if (quoted && i + 1 < text.size() && text[i + 1] == '"') {
        parts.back() += '"';
        ++i;
      } else {
        quoted = !quoted;
      }
    } else if (c == '.' && !quoted) {
      parts.emplace_back();
    } else {
      parts.back() += c;
    }
  }
  return parts;
}

}  // namespace

std::string sql_literal(const std::string& value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

QualifiedName parse_qualified(const std::string& text) {
  std::vector<std::string> parts = split_parts(text);
  if (parts.size() == 1) return {"public", parts[0]};
  return {parts[0], parts[1]};
}

}  // namespace asq
