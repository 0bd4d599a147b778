#include "config/file_template.h"

#include <cstdlib>
#include <ctime>
#include <map>
#include <variant>

#include "common/text.h"

namespace asq {
namespace {

/// The code point of a UTF-8 sequence (0xFFFD for a broken one).
char32_t decode(std::string_view piece) {
  auto lead = static_cast<unsigned char>(piece[0]);
  if (piece.size() == 1) return lead < 0x80 ? lead : 0xfffd;
  char32_t value = lead & (0x7f >> piece.size());
  for (size_t i = 1; i < piece.size(); ++i) value = (value << 6) | (piece[i] & 0x3f);
  return value;
}

/// Python's `\w` for one code point: ASCII letters, digits and '_'; beyond ASCII everything but
/// the Latin-1 signs, the general and CJK punctuation blocks and the broken sequence.
bool is_word(std::string_view piece) {
  char32_t c = decode(piece);
  if (c < 0x80) return std::isalnum(static_cast<int>(c)) || c == '_';
  if (c >= 0xa0 && c <= 0xbf) {
    return c == 0xaa || c == 0xb2 || c == 0xb3 || c == 0xb5 || c == 0xb9 || c == 0xba ||
           (c >= 0xbc && c <= 0xbe);
  }
  if (c == 0xd7 || c == 0xf7 || c == 0xfffd) return false;
  if (c >= 0x2000 && c <= 0x206f) return false;
  if (c >= 0x3000 && c <= 0x303f) return false;
  return true;
}

/// lower() of one code point, for ASCII and the Latin-1 capitals; others as they are.
std::string lower_case(std::string_view piece) {
  char32_t c = decode(piece);
  if (c < 0x80) return std::string(1, static_cast<char>(std::tolower(static_cast<int>(c))));
  if (c >= 0xc0 && c <= 0xde && c != 0xd7) {
    return {static_cast<char>(0xc3), static_cast<char>(piece[1] + 0x20)};
  }
  return std::string(piece);
}

/// Bytes of the code point that starts with `lead`.
size_t code_point_size(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xe) return 3;
  if ((lead >> 3) == 0x1e) return 4;
  return 1;
}

/// The first `count` code points of `text`.
std::string first_code_points(const std::string& text, int count) {
  size_t at = 0;
  for (int i = 0; i < count && at < text.size(); ++i) at += code_point_size(text[at]);
  return text.substr(0, std::min(at, text.size()));
}

size_t code_points(const std::string& text) {
  size_t n = 0;
  for (size_t at = 0; at < text.size(); at += code_point_size(text[at])) ++n;
  return n;
}

int number_at(std::string_view text, size_t at, size_t length, bool& ok) {
  int value = 0;
  for (size_t i = at; i < at + length; ++i) {
    if (i >= text.size() || text[i] < '0' || text[i] > '9') {
      ok = false;
      return 0;
    }
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

using Field = std::variant<std::string, long long>;

/// One `%(key)...` conversion as Python's `%` operator writes it.
struct Conversion {
  std::string flags;
  int width = -1;
  int precision = -1;
  char type = 's';
};

std::string pad(std::string body, const Conversion& c, bool numeric) {
  if (c.width < 0 || static_cast<int>(code_points(body)) >= c.width) return body;
  size_t fill = c.width - code_points(body);
  if (c.flags.find('-') != std::string::npos) return body + std::string(fill, ' ');
  if (numeric && c.flags.find('0') != std::string::npos) {
    size_t sign = !body.empty() && (body[0] == '-' || body[0] == '+' || body[0] == ' ');
    return body.substr(0, sign) + std::string(fill, '0') + body.substr(sign);
  }
  return std::string(fill, ' ') + body;
}

std::optional<std::string> format_field(const Field& value, const Conversion& c) {
  if (c.type == 's' || c.type == 'r') {
    std::string text = std::holds_alternative<long long>(value)
                           ? std::to_string(std::get<long long>(value))
                           : std::get<std::string>(value);
    if (c.type == 'r' && std::holds_alternative<std::string>(value)) text = python_repr(text);
    if (c.precision >= 0) text = first_code_points(text, c.precision);
    return pad(text, c, false);
  }
  if (!std::holds_alternative<long long>(value)) return std::nullopt;  // %d of a str
  long long number = std::get<long long>(value);
  std::string digits = std::to_string(number < 0 ? -number : number);
  if (c.precision > static_cast<int>(digits.size())) {
    digits.insert(0, c.precision - digits.size(), '0');
  }
  std::string sign = number < 0                               ? "-"
                     : c.flags.find('+') != std::string::npos ? "+"
                     : c.flags.find(' ') != std::string::npos ? " "
                                                              : "";
  return pad(sign + digits, c, true);
}

}  // namespace

std::string revision_slug(std::string_view message, int truncate_length) {
  std::string slug;
  bool gap = false;
  for (size_t i = 0; i < message.size();) {
    size_t size = std::min(code_point_size(message[i]), message.size() - i);
    std::string_view piece = message.substr(i, size);
    i += size;
    if (!is_word(piece)) {
      gap = true;
      continue;
    }
    if (gap && !slug.empty()) slug += '_';
    gap = false;
    slug += lower_case(piece);
  }
  if (static_cast<int>(code_points(slug)) > truncate_length) {
    slug = first_code_points(slug, truncate_length);
    size_t underscore = slug.rfind('_');
    if (underscore != std::string::npos) slug = slug.substr(0, underscore);
    slug += '_';
  }
  return slug;
}

std::optional<DateFields> date_fields(std::string_view date) {
  bool ok = true;
  DateFields f;
  f.year = number_at(date, 0, 4, ok);
  f.month = number_at(date, 5, 2, ok);
  f.day = number_at(date, 8, 2, ok);
  size_t at = 10;
  if (date.size() > at) {
    f.hour = number_at(date, 11, 2, ok);
    f.minute = number_at(date, 14, 2, ok);
    at = 16;
    if (date.size() > at && date[at] == ':') {
      f.second = number_at(date, 17, 2, ok);
      at = 19;
    }
    if (date.size() > at && date[at] == '.') {
      ++at;
      while (at < date.size() && date[at] >= '0' && date[at] <= '9') ++at;
    }
  }
  if (!ok) return std::nullopt;
  std::tm tm{};
  tm.tm_year = f.year - 1900;
  tm.tm_mon = f.month - 1;
  tm.tm_mday = f.day;
  tm.tm_hour = f.hour;
  tm.tm_min = f.minute;
  tm.tm_sec = f.second;
  f.epoch = timegm(&tm);
  std::string_view zone = date.substr(std::min(at, date.size()));
  if (zone.size() >= 6 && (zone[0] == '+' || zone[0] == '-')) {
    int offset = number_at(zone, 1, 2, ok) * 3600 + number_at(zone, 4, 2, ok) * 60;
    if (!ok) return std::nullopt;
    f.epoch -= zone[0] == '+' ? offset : -offset;
  }
  return f;
}

std::string revision_file_name(const FileNaming& naming, const std::string& rev,
                               std::string_view message, const DateFields& date) {
  const std::map<std::string, Field> fields{
      {"rev", rev},
      {"slug", revision_slug(message, naming.truncate_slug_length)},
      {"epoch", date.epoch},
      {"year", date.year},
      {"month", date.month},
      {"day", date.day},
      {"hour", date.hour},
      {"minute", date.minute},
      {"second", date.second},
  };
  auto fail = [&](const std::string& why) -> SourceError {
    return SourceError(naming.where, "file_template '" + naming.written + "': " + why);
  };
  const std::string& tmpl = naming.file_template;
  std::string name;
  for (size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i] != '%') {
      name += tmpl[i];
      continue;
    }
    if (i + 1 < tmpl.size() && tmpl[i + 1] == '%') {
      name += '%';
      ++i;
      continue;
    }
    if (i + 1 >= tmpl.size() || tmpl[i + 1] != '(') {
      throw fail("a '%' must be followed by '(name)' (write '%%%%' for a literal '%')");
    }
    size_t close = tmpl.find(')', i);
    if (close == std::string::npos) throw fail("a '%(' has no closing ')'");
    std::string key = tmpl.substr(i + 2, close - i - 2);
    Conversion c;
    size_t at = close + 1;
    while (at < tmpl.size() && std::string_view("-+ #0").find(tmpl[at]) != std::string::npos) {
      c.flags += tmpl[at++];
    }
    auto read_number = [&]() {
      int n = -1;
      while (at < tmpl.size() && tmpl[at] >= '0' && tmpl[at] <= '9') {
        n = (n < 0 ? 0 : n * 10) + (tmpl[at++] - '0');
      }
      return n;
    };
    c.width = read_number();
    if (at < tmpl.size() && tmpl[at] == '.') {
      ++at;
      c.precision = std::max(read_number(), 0);
    }
    if (at >= tmpl.size() || std::string_view("sdir").find(tmpl[at]) == std::string::npos) {
      throw fail("the conversion of '%(" + key +
                 ")' is not one of s, d, i, r (the tool writes no other)");
    }
    c.type = tmpl[at] == 'i' ? 'd' : tmpl[at];
    auto field = fields.find(key);
    if (field == fields.end()) {
      throw fail("Alembic fills no '" + key +
                 "' (it fills rev, slug, epoch, year, month, day, hour, minute, second)");
    }
    auto text = format_field(field->second, c);
    if (!text) throw fail("'%(" + key + ")' is text: %d needs a number");
    name += *text;
    i = at;
  }
  name += ".py";
  if (name.find('/') != std::string::npos || name.starts_with(".")) {
    throw fail("gives '" + name +
               "': the tool writes new files at the top of the versions folder, by names that "
               "do not start with '.'");
  }
  return name;
}

}  // namespace asq
