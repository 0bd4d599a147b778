#include "schema/partition_bound.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <string_view>

#include "schema/constants.h"
#include "sql/literals.h"

namespace asq {
namespace {

using detail::lowered;

/// A date and time of day, with the offset from UTC it was written with (when it was).
struct DateTime {
  int year = 0, month = 0, day = 0;
  int hour = 0, minute = 0, second = 0;
  std::string fraction;  // digits after the point, trailing zeros removed
  bool has_time = false;
  std::optional<int> offset_minutes;
};

/// Reads `digits` digits at `at`, or nothing.
std::optional<int> digits_at(std::string_view text, size_t& at, size_t digits) {
  if (at + digits > text.size()) return std::nullopt;
  int value = 0;
  for (size_t i = at; i < at + digits; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  at += digits;
  return value;
}

bool take(std::string_view text, size_t& at, char c) {
  if (at >= text.size() || text[at] != c) return false;
  ++at;
  return true;
}

bool leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && leap(year) ? 29 : kDays[month - 1];
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
std::int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = static_cast<int>(y - era * 400);
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void civil_from_days(std::int64_t z, int& y, int& m, int& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = static_cast<int>(z - era * 146097);
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(yoe + era * 400) + (m <= 2);
}

/// `+02`, `-0530`, `+05:30`, `Z`: minutes east of UTC.
std::optional<int> offset_at(std::string_view text, size_t& at) {
  if (take(text, at, 'Z') || take(text, at, 'z')) return 0;
  if (at >= text.size() || (text[at] != '+' && text[at] != '-')) return std::nullopt;
  int sign = text[at++] == '-' ? -1 : 1;
  auto hours = digits_at(text, at, 2);
  if (!hours || *hours > 15) return std::nullopt;
  int minutes = 0;
  if (at < text.size()) {
    take(text, at, ':');
    auto m = digits_at(text, at, 2);
    if (!m || *m > 59) return std::nullopt;
    minutes = *m;
  }
  return sign * (*hours * 60 + minutes);
}

/// `YYYY-MM-DD[( |T)HH:MM[:SS[.ffffff]]][ ][offset]`, ISO only (other orders depend on
/// DateStyle).
std::optional<DateTime> parse_date_time(std::string_view text) {
  DateTime t;
  size_t at = 0;
  auto year = digits_at(text, at, 4);
  if (!year || !take(text, at, '-')) return std::nullopt;
  auto month = digits_at(text, at, 2);
  if (!month || !take(text, at, '-')) return std::nullopt;
  auto day = digits_at(text, at, 2);
  if (!day || *year < 1 || *month < 1 || *month > 12 || *day < 1 ||
      *day > days_in_month(*year, *month)) {
    return std::nullopt;
  }
  t.year = *year, t.month = *month, t.day = *day;
  if (at < text.size() && (text[at] == ' ' || text[at] == 'T')) {
    ++at;
    auto hour = digits_at(text, at, 2);
    if (!hour || !take(text, at, ':')) return std::nullopt;
    auto minute = digits_at(text, at, 2);
    if (!minute || *hour > 23 || *minute > 59) return std::nullopt;
    t.hour = *hour, t.minute = *minute, t.has_time = true;
    if (take(text, at, ':')) {
      auto second = digits_at(text, at, 2);
      if (!second || *second > 59) return std::nullopt;
      t.second = *second;
      if (take(text, at, '.')) {
        while (at < text.size() && std::isdigit(static_cast<unsigned char>(text[at]))) {
          t.fraction += text[at++];
        }
        if (t.fraction.empty() || t.fraction.size() > 6) return std::nullopt;  // rounding
        t.fraction.erase(t.fraction.find_last_not_of('0') + 1);
      }
    }
    take(text, at, ' ');
    if (at < text.size()) {
      t.offset_minutes = offset_at(text, at);
      if (!t.offset_minutes) return std::nullopt;
    }
  }
  if (at != text.size()) return std::nullopt;
  return t;
}

/// `t` moved by `minutes` (whole minutes; seconds and fraction stay).
DateTime shifted(DateTime t, int minutes) {
  std::int64_t total =
      days_from_civil(t.year, t.month, t.day) * 1440 + t.hour * 60 + t.minute + minutes;
  std::int64_t days = total >= 0 ? total / 1440 : (total - 1439) / 1440;
  int in_day = static_cast<int>(total - days * 1440);
  civil_from_days(days, t.year, t.month, t.day);
  t.hour = in_day / 60;
  t.minute = in_day % 60;
  return t;
}

std::string printed_date(const DateTime& t) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", t.year, t.month, t.day);
  return text;
}

std::string printed_timestamp(const DateTime& t) {
  char text[16];
  std::snprintf(text, sizeof text, " %02d:%02d:%02d", t.hour, t.minute, t.second);
  return printed_date(t) + text + (t.fraction.empty() ? "" : "." + t.fraction);
}

std::optional<std::string> date_value(const std::string& text) {
  auto t = parse_date_time(text);
  if (!t || t->has_time) return std::nullopt;
  return sql_literal(printed_date(*t));
}

std::optional<std::string> timestamp_value(const std::string& text, bool with_zone,
                                           const std::string& time_zone) {
  auto t = parse_date_time(text);
  if (!t) return std::nullopt;
  if (!with_zone) {
    if (t->offset_minutes) return std::nullopt;  // ignored by the server: an unusual spelling
    return sql_literal(printed_timestamp(*t));
  }
  if (!t->offset_minutes && !is_utc_zone(time_zone)) return std::nullopt;
  DateTime utc = shifted(*t, -t->offset_minutes.value_or(0));
  if (utc.year < 1 || utc.year > 9999) return std::nullopt;
  return sql_literal(printed_timestamp(utc) + "+00");
}

/// int2, int4, int8: int4 bare unless negative (get_const_expr), the others quoted.
std::optional<std::string> integer_value(const std::string& text, const std::string& type) {
  std::string_view digits = text;
  bool negative = !digits.empty() && digits.front() == '-';
  if (!digits.empty() && (digits.front() == '-' || digits.front() == '+')) digits.remove_prefix(1);
  if (digits.empty() || digits.size() > 19 ||
      !std::all_of(digits.begin(), digits.end(), [](char c) { return std::isdigit(c); })) {
    return std::nullopt;
  }
  size_t first = std::min(digits.find_first_not_of('0'), digits.size() - 1);
  std::string value(digits.substr(first));
  std::int64_t limit = type == "smallint"  ? std::numeric_limits<std::int16_t>::max()
                       : type == "integer" ? std::numeric_limits<std::int32_t>::max()
                                           : std::numeric_limits<std::int64_t>::max();
  if (value.size() == 19 && value > "9223372036854775807") return std::nullopt;
  if (std::stoull(value) > static_cast<std::uint64_t>(limit) + (negative ? 1 : 0)) {
    return std::nullopt;
  }
  if (negative && value != "0") value = "-" + value;
  if (type == "integer" && value.front() != '-') return value;
  return sql_literal(value);
}

/// UTF-8 characters in `text`.
size_t characters(const std::string& text) {
  return std::count_if(text.begin(), text.end(),
                       [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
}

bool is_text_type(const std::string& type) {
  return type == "text" || type == "character varying" || type.starts_with("character varying(");
}

}  // namespace

bool is_utc_zone(const std::string& zone) {
  std::string name = lowered(zone);
  if (name.starts_with("etc/")) name = name.substr(4);
  static const std::array<std::string_view, 9> kNames = {
      "utc", "uct", "gmt", "gmt0", "gmt+0", "gmt-0", "zulu", "universal", "greenwich"};
  return std::find(kNames.begin(), kNames.end(), name) != kNames.end();
}

std::optional<std::string> printed_bound_value(const BoundLiteral& literal,
                                               const std::string& key_type,
                                               const std::string& time_zone) {
  if (key_type == "smallint" || key_type == "integer" || key_type == "bigint") {
    return integer_value(literal.text, key_type);
  }
  if (key_type == "boolean") {
    std::string word = lowered(literal.text);
    if (literal.quoted || (word != "true" && word != "false")) return std::nullopt;
    return word;
  }
  if (!literal.quoted) return std::nullopt;  // a number for a text key: an unusual spelling
  if (is_text_type(key_type)) {
    if (key_type.starts_with("character varying(") &&
        characters(literal.text) > std::stoul(key_type.substr(18))) {
      return std::nullopt;  // longer than the type allows: PostgreSQL refuses it
    }
    return sql_literal(literal.text);
  }
  if (key_type == "date") return date_value(literal.text);
  if (key_type == "timestamp without time zone") {
    return timestamp_value(literal.text, false, time_zone);
  }
  if (key_type == "timestamp with time zone") return timestamp_value(literal.text, true, time_zone);
  return std::nullopt;
}

}  // namespace asq
