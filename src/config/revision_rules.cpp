#include "config/revision_rules.h"

#include <cstdio>

namespace asq {
namespace {

constexpr size_t kMaxRevisionId = 32;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// Reads exactly `width` digits at `pos` (advancing it) into `value`.
bool digits(std::string_view text, size_t& pos, size_t width, int& value) {
  if (pos + width > text.size()) return false;
  value = 0;
  for (size_t i = 0; i < width; ++i) {
    if (!is_digit(text[pos + i])) return false;
    value = value * 10 + (text[pos + i] - '0');
  }
  pos += width;
  return true;
}

bool literal(std::string_view text, size_t& pos, char c) {
  if (pos >= text.size() || text[pos] != c) return false;
  ++pos;
  return true;
}

int days_in_month(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

/// `HH:MM[:SS[.fraction]]` at `pos`.
bool time_of_day(std::string_view text, size_t& pos) {
  int hour, minute, second;
  if (!digits(text, pos, 2, hour) || !literal(text, pos, ':') || !digits(text, pos, 2, minute))
    return false;
  if (hour > 23 || minute > 59) return false;
  if (!literal(text, pos, ':')) return true;
  if (!digits(text, pos, 2, second) || second > 59) return false;
  if (!literal(text, pos, '.')) return true;
  size_t start = pos;
  while (pos < text.size() && is_digit(text[pos])) ++pos;
  return pos > start && pos - start <= 9;
}

/// `Z`, `+HH:MM`, `+HHMM` or `+HH` (or '-') at `pos`, if there.
bool zone(std::string_view text, size_t& pos) {
  if (pos == text.size()) return true;
  if (literal(text, pos, 'Z')) return true;
  if (text[pos] != '+' && text[pos] != '-') return false;
  ++pos;
  int hour, minute = 0;
  if (!digits(text, pos, 2, hour) || hour > 23) return false;
  if (pos == text.size()) return true;
  literal(text, pos, ':');
  return digits(text, pos, 2, minute) && minute <= 59;
}

}  // namespace

std::optional<std::string> revision_id_problem(std::string_view id) {
  if (id.empty()) return "a revision id must not be empty";
  if (id.size() > kMaxRevisionId) {
    return "a revision id has at most " + std::to_string(kMaxRevisionId) +
           " characters (Alembic's version_num column is VARCHAR(32)); this one has " +
           std::to_string(id.size());
  }
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '_';
    if (!ok) {
      return "a revision id may hold only ASCII letters, digits and '_' (it names a file in the "
             "versions folder, and Alembic rejects '-', '+' and '@'); found '" +
             printable(std::string_view(&c, 1)) + "'";
    }
  }
  if (id.starts_with("__init__")) {
    return "a revision id must not start with '__init__' (Alembic skips files named so)";
  }
  return std::nullopt;
}

std::optional<std::string> create_date_problem(std::string_view date) {
  size_t pos = 0;
  int year, month, day;
  bool ok = digits(date, pos, 4, year) && literal(date, pos, '-') && digits(date, pos, 2, month) &&
            literal(date, pos, '-') && digits(date, pos, 2, day) && month >= 1 && month <= 12 &&
            day >= 1 && day <= days_in_month(year, month);
  if (ok && pos < date.size()) {
    ok = (literal(date, pos, 'T') || literal(date, pos, ' ')) && time_of_day(date, pos) &&
         zone(date, pos) && pos == date.size();
  }
  if (ok) return std::nullopt;
  return "expected an ISO 8601 date or date-time such as 2026-11-21 or 2026-11-21 09:30:00.000000 "
         "(optionally with 'T', a zone 'Z' or +01:00), found '" +
         printable(date) + "'";
}

std::string printable(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c < 0x20 || c >= 0x7f) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\x%02x", c);
      out += buffer;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace asq
