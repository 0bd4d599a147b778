#include "render/reparsable_sql.h"

#include <cctype>
#include <optional>
#include <vector>

namespace asq {
namespace {

constexpr std::string_view kOpen = "(ARRAY[";
constexpr std::string_view kCast = ")::text[]";
constexpr std::string_view kPrettyOpen = "ARRAY[";
constexpr std::string_view kPrettyCast = "::text[]";
constexpr std::string_view kElementType = "::character varying";

/// The end of the quoted run (' or ") that starts at `at`, doubled quotes included.
size_t quoted_end(std::string_view sql, size_t at) {
  char quote = sql[at];
  size_t i = at + 1;
  while (i < sql.size()) {
    if (sql[i] != quote) {
      ++i;
    } else if (i + 1 < sql.size() && sql[i + 1] == quote) {
      i += 2;
    } else {
      return i + 1;
    }
  }
  return sql.size();
}

/// The elements of the array whose `[` is at `at`, split at top-level commas, and the position
/// of its `]`; nullopt when it does not close.
std::optional<std::pair<std::vector<std::string_view>, size_t>> array_elements(std::string_view sql,
                                                                               size_t at) {
  std::vector<std::string_view> elements;
  int depth = 0;
  size_t start = at + 1;
  for (size_t i = at + 1; i < sql.size();) {
    char c = sql[i];
    if (c == '\'' || c == '"') {
      i = quoted_end(sql, i);
      continue;
    }
    if (c == '(' || c == '[') ++depth;
    if ((c == ')' || c == ']') && depth > 0) {
      --depth;
    } else if (c == ']') {
      elements.push_back(sql.substr(start, i - start));
      return std::make_pair(elements, i);
    } else if (c == ',' && depth == 0) {
      elements.push_back(sql.substr(start, i - start));
      start = i + 1;
    }
    ++i;
  }
  return std::nullopt;
}

/// Each element a string literal cast to character varying (an IN list on a varchar column).
bool varchar_literals(const std::vector<std::string_view>& elements) {
  for (std::string_view e : elements) {
    while (!e.empty() && e.front() == ' ') e.remove_prefix(1);
    if (e.empty() || e.front() != '\'' || !e.ends_with(kElementType)) return false;
    if (quoted_end(e, 0) != e.size() - kElementType.size()) return false;
  }
  return !elements.empty();
}

}  // namespace

std::string reparsable_sql(std::string_view sql) {
  std::string out;
  for (size_t i = 0; i < sql.size();) {
    if (sql[i] == '\'' || sql[i] == '"') {
      size_t end = quoted_end(sql, i);
      out.append(sql.substr(i, end - i));
      i = end;
      continue;
    }
    if (sql.substr(i, kOpen.size()) == kOpen) {
      auto array = array_elements(sql, i + kOpen.size() - 1);
      if (array && sql.substr(array->second, kCast.size() + 1) == "]" + std::string(kCast) &&
          varchar_literals(array->first)) {
        out.append(sql.substr(i + 1, array->second - i));  // ARRAY[...]
        i = array->second + 1 + kCast.size();
        continue;
      }
    }
    // The pretty form (pg_get_expr(..., true), index predicates): ARRAY[...]::text[].
    bool word_start = i == 0 || !(std::isalnum(static_cast<unsigned char>(sql[i - 1])) ||
                                  sql[i - 1] == '_' || sql[i - 1] == '.');
    if (word_start && sql.substr(i, kPrettyOpen.size()) == kPrettyOpen) {
      auto array = array_elements(sql, i + kPrettyOpen.size() - 1);
      if (array && sql.substr(array->second + 1, kPrettyCast.size()) == kPrettyCast &&
          varchar_literals(array->first)) {
        out.append(sql.substr(i, array->second + 1 - i));  // ARRAY[...]
        i = array->second + 1 + kPrettyCast.size();
        continue;
      }
    }
    out += sql[i++];
  }
  return out;
}

}  // namespace asq
