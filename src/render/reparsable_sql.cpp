#include "render/reparsable_sql.h"

#include <cctype>
#include <map>
#include <optional>
#include <vector>

#include "sql/tokens.h"

namespace asq {
namespace {

constexpr std::string_view kOpen = "(ARRAY[";
constexpr std::string_view kCast = ")::text[]";
constexpr std::string_view kPrettyOpen = "ARRAY[";
constexpr std::string_view kPrettyCast = "::text[]";
constexpr std::string_view kElementType = "::character varying";

/// Where each quoted token (string literal or quoted name) of `sql` ends, by where it starts,
/// as the SQL tokenizer reads them. Throws sql::LexError.
std::map<size_t, size_t> quoted_runs(std::string_view sql) {
  std::map<size_t, size_t> runs;
  for (const sql::Token& token : sql::tokenize(sql)) {
    if (token.kind == sql::Token::Kind::kString || token.kind == sql::Token::Kind::kQuotedWord) {
      runs[token.begin] = token.end;
    }
  }
  return runs;
}

/// The elements of the array whose `[` is at `at`, split at top-level commas, and the position
/// of its `]`; nullopt when it does not close.
std::optional<std::pair<std::vector<std::string_view>, size_t>> array_elements(
    std::string_view sql, const std::map<size_t, size_t>& runs, size_t at) {
  std::vector<std::string_view> elements;
  int depth = 0;
  size_t start = at + 1;
  for (size_t i = at + 1; i < sql.size();) {
    if (auto run = runs.find(i); run != runs.end()) {
      i = run->second;
      continue;
    }
    char c = sql[i];
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
/// The elements are views into `sql`, whose quoted runs are `runs`.
bool varchar_literals(const std::vector<std::string_view>& elements, std::string_view sql,
                      const std::map<size_t, size_t>& runs) {
  for (std::string_view e : elements) {
    while (!e.empty() && e.front() == ' ') e.remove_prefix(1);
    if (e.empty() || e.front() != '\'' || !e.ends_with(kElementType)) return false;
    size_t at = static_cast<size_t>(e.data() - sql.data());
    auto run = runs.find(at);
    if (run == runs.end() || run->second != at + e.size() - kElementType.size()) return false;
  }
  return !elements.empty();
}

}  // namespace

std::string reparsable_sql(std::string_view sql) {
  std::map<size_t, size_t> runs;
  try {
    runs = quoted_runs(sql);
  } catch (const sql::LexError&) {
    return std::string(sql);  // not SQL PostgreSQL printed
  }
  std::string out;
  for (size_t i = 0; i < sql.size();) {
    if (auto run = runs.find(i); run != runs.end()) {
      out.append(sql.substr(i, run->second - i));
      i = run->second;
      continue;
    }
    if (sql.substr(i, kOpen.size()) == kOpen) {
      auto array = array_elements(sql, runs, i + kOpen.size() - 1);
      if (array && sql.substr(array->second, kCast.size() + 1) == "]" + std::string(kCast) &&
          varchar_literals(array->first, sql, runs)) {
        out.append(sql.substr(i + 1, array->second - i));  // ARRAY[...]
        i = array->second + 1 + kCast.size();
        continue;
      }
    }
    // The pretty form (pg_get_expr(..., true), index predicates): ARRAY[...]::text[].
    bool word_start = i == 0 || !(std::isalnum(static_cast<unsigned char>(sql[i - 1])) ||
                                  sql[i - 1] == '_' || sql[i - 1] == '.');
    if (word_start && sql.substr(i, kPrettyOpen.size()) == kPrettyOpen) {
      auto array = array_elements(sql, runs, i + kPrettyOpen.size() - 1);
      if (array && sql.substr(array->second + 1, kPrettyCast.size()) == kPrettyCast &&
          varchar_literals(array->first, sql, runs)) {
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
