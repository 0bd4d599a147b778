#include "schema/constants.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "common/json.h"
#include "common/source_error.h"
#include "common/text.h"
#include "sql/expression_syntax.h"
#include "sql/identifiers.h"
#include "sql/literals.h"
#include "sql/type_names.h"

namespace asq::detail {

using syntax::is_number;

[[noreturn]] void fail(const std::string& message) { throw SpellingError(message); }

namespace {

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

/// A JSON value as PostgreSQL prints it back from jsonb: object keys shortest first, then by
/// bytes; `": "` and `", "` between items. Floats are refused (jsonb keeps their exact decimal).
void append_jsonb(std::string& out, const Json& value, std::string_view text) {
  if (value.is_object()) {
    std::vector<const Json::Object::value_type*> items;
    for (const auto& item : value.as_object()) items.push_back(&item);
    std::sort(items.begin(), items.end(), [](auto* a, auto* b) {
      if (a->first.size() != b->first.size()) return a->first.size() < b->first.size();
      return a->first < b->first;
    });
    out += '{';
    for (size_t i = 0; i < items.size(); ++i) {
      if (i > 0) out += ", ";
      append_json_string(out, items[i]->first);
      out += ": ";
      append_jsonb(out, items[i]->second, text);
    }
    out += '}';
  } else if (value.is_array()) {
    out += '[';
    for (size_t i = 0; i < value.as_array().size(); ++i) {
      if (i > 0) out += ", ";
      append_jsonb(out, value.as_array()[i], text);
    }
    out += ']';
  } else if (value.is_string()) {
    append_json_string(out, value.as_string());
  } else if (value.is_number() && !value.is_int()) {
    fail("cannot normalize jsonb default '" + std::string(text) +
         "' (a number with a fraction or an exponent)");
  } else {
    out += value.dump(-1);
  }
}

}  // namespace

std::string lowered(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

namespace {

/// The type of a constant as format_type prints it without a type modifier (ruleutils labels
/// constants so): `character varying(3)` -> `character varying`, `character(2)` -> `bpchar`.
std::string constant_label(std::string_view type) {
  if (type.size() > 2 && type.substr(type.size() - 2) == "[]") {
    return constant_label(type.substr(0, type.size() - 2)) + "[]";
  }
  std::string out = without_type_modifiers(type);
  if (starts_with(out, "character varying")) return "character varying";
  if (out == "character") return "bpchar";
  if (out == "bit") return "\"bit\"";
  return out;
}

// ---- numbers as PostgreSQL's lexer types them and ruleutils prints them ----

/// A numeric literal's value as numeric_out prints it ("00.50" -> "0.50", "1.5e2" -> "150").
std::string numeric_out(std::string_view text) {
  bool negative = false;
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
    negative = text[0] == '-';
    text.remove_prefix(1);
  }
  size_t e = text.find_first_of("eE");
  std::int64_t exponent = 0;
  if (e != std::string_view::npos) {
    auto [end, error] = std::from_chars(text.data() + e + 1 + (text[e + 1] == '+'),
                                        text.data() + text.size(), exponent);
    if (error != std::errc() || end != text.data() + text.size())
      fail("bad number " + std::string(text));
    text = text.substr(0, e);
  }
  size_t dot = text.find('.');
  std::string whole(text.substr(0, dot));
  std::string fraction = dot == std::string_view::npos ? "" : std::string(text.substr(dot + 1));
  std::string digits = whole + fraction;
  if (digits.empty() || !std::all_of(digits.begin(), digits.end(), ::isdigit)) {
    fail("bad number " + std::string(text));
  }
  std::int64_t point = static_cast<std::int64_t>(whole.size()) + exponent;
  std::int64_t scale =
      std::max<std::int64_t>(0, static_cast<std::int64_t>(fraction.size()) - exponent);
  if (point < 0) {
    digits.insert(0, static_cast<size_t>(-point), '0');
    point = 0;
  }
  while (static_cast<std::int64_t>(digits.size()) < point + scale) digits += '0';
  std::string integer_part = digits.substr(0, static_cast<size_t>(point));
  integer_part.erase(0, std::min(integer_part.find_first_not_of('0'), integer_part.size()));
  if (integer_part.empty()) integer_part = "0";
  std::string out = integer_part;
  if (scale > 0) out += "." + digits.substr(static_cast<size_t>(point), static_cast<size_t>(scale));
  bool zero = out.find_first_not_of("0.") == std::string::npos;
  return (negative && !zero ? "-" : "") + out;
}

/// How ruleutils prints a numeric constant: bare when it looks like a float, else quoted.
std::string numeric_constant(const std::string& value, const std::string& label = "numeric") {
  bool bare = std::isdigit(static_cast<unsigned char>(value[0])) &&
              value.find_first_of("eE.") != std::string::npos;
  if (bare && label == "numeric") return value;
  if (bare) return value + "::" + label;
  return sql_literal(value) + "::" + label;
}

}  // namespace

/// An integer literal (optionally signed) as PostgreSQL types it: int4, int8 or numeric.
std::string integer_literal(std::string_view text) {
  std::int64_t value = 0;
  std::string_view digits = text[0] == '+' ? text.substr(1) : text;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error == std::errc::result_out_of_range) return numeric_constant(numeric_out(text));
  if (error != std::errc() || end != digits.data() + digits.size())
    fail("bad integer " + std::string(text));
  std::string printed = std::to_string(value);
  if (value >= INT32_MIN && value <= INT32_MAX) {
    return value >= 0 ? printed : sql_literal(printed) + "::integer";
  }
  return sql_literal(printed) + "::bigint";
}

/// A number literal written in SQL, printed as its constant.
std::string number_literal(std::string_view text) {
  if (text.find_first_of(".eE") == std::string_view::npos) return integer_literal(text);
  return numeric_constant(numeric_out(text));
}

namespace {

/// float8out / float4out: shortest exact digits, exponent form outside [1e-4, 1e15) (1e6 for
/// real).
std::string float_out(std::string_view text, bool single) {
  std::string value(trim(text));
  char* end = nullptr;
  double number = std::strtod(value.c_str(), &end);
  if (value.empty() || end != value.c_str() + value.size() || !std::isfinite(number)) {
    fail("cannot normalize '" + value + "' as a floating-point default");
  }
  char buffer[64];
  auto result =
      single ? std::to_chars(buffer, buffer + sizeof buffer, static_cast<float>(number),
                             std::chars_format::scientific)
             : std::to_chars(buffer, buffer + sizeof buffer, number, std::chars_format::scientific);
  std::string scientific(buffer, result.ptr);
  size_t e = scientific.find('e');
  int exponent = std::stoi(scientific.substr(e + 1));
  if (exponent < -4 || exponent >= (single ? 6 : 15)) {
    std::string mantissa = scientific.substr(0, e);
    char sign = exponent < 0 ? '-' : '+';
    std::string digits = std::to_string(std::abs(exponent));
    if (digits.size() < 2) digits.insert(0, "0");
    return mantissa + "e" + sign + digits;
  }
  result = single ? std::to_chars(buffer, buffer + sizeof buffer, static_cast<float>(number),
                                  std::chars_format::fixed)
                  : std::to_chars(buffer, buffer + sizeof buffer, number, std::chars_format::fixed);
  return std::string(buffer, result.ptr);
}

// ---- string constants ----

std::optional<bool> boolean_value(std::string_view text) {
  std::string value = lowered(trim(text));
  if (value.empty()) return std::nullopt;
  auto prefix_of = [&](std::string_view word) { return starts_with(word, value); };
  if (value == "1") return true;
  if (value == "0") return false;
  if (prefix_of("true") || prefix_of("yes")) return true;
  if (prefix_of("false") || (value.size() >= 1 && prefix_of("no"))) return false;
  if (value == "on") return true;
  if (value == "off") return false;
  return std::nullopt;
}

std::string uuid_value(std::string_view text) {
  std::string hex;
  for (char c : text) {
    if (std::isxdigit(static_cast<unsigned char>(c))) {
      hex += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (c != '-' && c != '{' && c != '}') {
      fail("'" + std::string(text) + "' is not a uuid");
    }
  }
  if (hex.size() != 32) fail("'" + std::string(text) + "' is not a uuid");
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20);
}

bool matches_digits(std::string_view text, std::string_view pattern) {
  if (text.size() != pattern.size()) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    bool digit = std::isdigit(static_cast<unsigned char>(text[i]));
    if (pattern[i] == '9' ? !digit : text[i] != pattern[i]) return false;
  }
  return true;
}

std::string timestamp_value(std::string_view text) {
  std::string value(trim(text));
  if (matches_digits(value, "9999-99-99")) return value + " 00:00:00";
  if (value.size() == 19 && value[10] == 'T') value[10] = ' ';
  if (matches_digits(value, "9999-99-99 99:99:99")) return value;
  fail("cannot normalize timestamp default '" + std::string(text) + "'");
}

std::string time_value(std::string_view text) {
  std::string value(trim(text));
  if (matches_digits(value, "99:99")) return value + ":00";
  if (matches_digits(value, "99:99:99")) return value;
  fail("cannot normalize time default '" + std::string(text) + "'");
}

/// `seconds` as interval_out prints a time of day part: hours are not carried into days.
std::string clock(std::int64_t seconds) {
  char out[32];
  std::snprintf(out, sizeof out, "%02lld:%02lld:%02lld", static_cast<long long>(seconds / 3600),
                static_cast<long long>(seconds / 60 % 60), static_cast<long long>(seconds % 60));
  return out;
}

/// An interval written as a count of one unit ('1 day', '30 minutes'), a count of seconds ('0')
/// or a clock ('1:30', '00:00:05'), as interval_out prints it; anything else fails.
std::string interval_value(std::string_view text) {
  std::string value = lowered(trim(text));
  auto digits = [](const std::string& part) {
    return !part.empty() && part.size() <= 12 && std::all_of(part.begin(), part.end(), ::isdigit);
  };
  if (digits(value)) return clock(std::stoll(value));
  if (value.find(':') != std::string::npos && value.find(' ') == std::string::npos) {
    std::vector<std::int64_t> parts;  // h:m or h:m:s
    for (size_t at = 0;;) {
      size_t colon = value.find(':', at);
      std::string part = value.substr(at, colon == std::string::npos ? colon : colon - at);
      if (!digits(part)) fail("cannot normalize interval default '" + std::string(text) + "'");
      parts.push_back(std::stoll(part));
      if (colon == std::string::npos) break;
      at = colon + 1;
    }
    if (parts.size() < 2 || parts.size() > 3 || parts[1] > 59 ||
        (parts.size() == 3 && parts[2] > 59)) {
      fail("cannot normalize interval default '" + std::string(text) + "'");
    }
    return clock(parts[0] * 3600 + parts[1] * 60 + (parts.size() == 3 ? parts[2] : 0));
  }
  size_t space = value.find(' ');
  std::string count = value.substr(0, space);
  if (space == std::string::npos || !digits(count)) {
    fail("cannot normalize interval default '" + std::string(text) + "'");
  }
  std::string unit = value.substr(space + 1);
  if (!unit.empty() && unit.back() == 's') unit.pop_back();
  std::int64_t n = std::stoll(count);
  static const std::map<std::string, std::int64_t> seconds = {
      {"second", 1}, {"sec", 1}, {"minute", 60}, {"min", 60}, {"hour", 3600}};
  if (auto it = seconds.find(unit); it != seconds.end()) return clock(n * it->second);
  static const std::map<std::string, std::string> units = {
      {"day", "day"}, {"year", "year"}, {"mon", "mon"}, {"month", "mon"}};
  auto it = units.find(unit);
  if (it == units.end()) fail("cannot normalize interval default '" + std::string(text) + "'");
  return std::to_string(n) + " " + it->second + (n == 1 ? "" : "s");
}

/// 'name' as a regclass constant prints it: schema-qualified, parts quoted when needed.
std::string regclass_value(std::string_view text) {
  std::string value(trim(text));
  std::vector<std::string> parts;
  std::string part;
  bool quoted = false;
  for (size_t i = 0; i < value.size(); ++i) {
    char c = value[i];
    if (c == '"') {
      if (quoted && i + 1 < value.size() && value[i + 1] == '"') {
        part += '"';
        ++i;
      } else {
        quoted = !quoted;
      }
    } else if (c == '.' && !quoted) {
      parts.push_back(part);
      part.clear();
    } else {
      part += quoted ? c : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  parts.push_back(part);
  if (parts.size() == 1) parts.insert(parts.begin(), "public");
  if (parts.size() != 2) fail("cannot read relation name '" + value + "'");
  return qualified_spelling({parts[0], parts[1]});
}

}  // namespace

/// A literal of type `type` (canonical) as a pg_get_expr constant. The label carries the type
/// modifier only for explicit casts (`'x'::character varying(10)`).
std::string constant(std::string_view value, std::string_view type, bool typmod_in_label) {
  std::string label = typmod_in_label ? std::string(type) : constant_label(type);
  bool has_typmod = typmod_in_label && type.find('(') != std::string_view::npos;
  std::string base = constant_label(type);
  if (base == "integer") {
    std::string v(trim(value));
    if (!is_number(v) || v.find_first_of(".eE") != std::string::npos)
      fail("'" + v + "' is not an integer");
    std::string printed = integer_literal(v);
    if (printed.find("::bigint") != std::string::npos)
      fail("'" + v + "' is out of range for integer");
    return printed;
  }
  if (base == "bigint" || base == "smallint" || base == "oid") {
    std::string v(trim(value));
    if (!is_number(v) || v.find_first_of(".eE") != std::string::npos)
      fail("'" + v + "' is not an integer");
    return sql_literal(numeric_out(v)) + "::" + label;
  }
  if (base == "numeric") {
    std::string v(trim(value));
    if (!is_number(v)) fail("'" + v + "' is not a number");
    return has_typmod ? numeric_constant(numeric_out(v), label) : numeric_constant(numeric_out(v));
  }
  if (base == "boolean") {
    auto b = boolean_value(value);
    if (!b) fail("'" + std::string(value) + "' is not a boolean");
    return *b ? "true" : "false";
  }
  if (base == "double precision" || base == "real") {
    return sql_literal(float_out(value, base == "real")) + "::" + label;
  }
  if (base == "uuid") return sql_literal(uuid_value(value)) + "::" + label;
  if (base == "date") {
    std::string v(trim(value));
    if (!matches_digits(v, "9999-99-99")) fail("cannot normalize date default '" + v + "'");
    return sql_literal(v) + "::" + label;
  }
  if (base == "timestamp without time zone")
    return sql_literal(timestamp_value(value)) + "::" + label;
  if (base == "time without time zone") return sql_literal(time_value(value)) + "::" + label;
  if (base == "interval") return sql_literal(interval_value(value)) + "::" + label;
  if (base == "regclass") return sql_literal(regclass_value(value)) + "::" + label;
  if (base == "\"bit\"" || base == "bit varying") {
    if (value.find_first_not_of("01") != std::string_view::npos)
      fail("'" + std::string(value) + "' is not a bit string");
    return sql_literal(value) + "::" + label;
  }
  if (base == "jsonb") {
    std::string v(trim(value));
    if (is_number(v)) return sql_literal(v) + "::" + label;
    Json parsed;
    try {
      parsed = Json::parse(v, "jsonb default");
    } catch (const SourceError&) {
      fail("'" + std::string(value) + "' is not valid JSON");
    }
    std::string canonical;
    append_jsonb(canonical, parsed, value);
    return sql_literal(canonical) + "::" + label;
  }
  if (label.size() > 2 && label.substr(label.size() - 2) == "[]") {
    if (value != "{}")
      fail("cannot normalize array default '" + std::string(value) + "' (only '{}')");
    return sql_literal(value) + "::" + label;
  }
  static const std::set<std::string, std::less<>> verbatim = {
      "text", "character varying", "bpchar", "json", "xml", "name", "\"char\""};
  bool user_type = base.find('.') != std::string::npos;
  if (verbatim.count(base) || user_type) return sql_literal(value) + "::" + label;
  fail("cannot normalize a string default on a column of type " + std::string(type));
}

}  // namespace asq::detail
