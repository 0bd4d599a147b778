#include "common/json.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "common/source_error.h"
#include "common/utf8.h"

namespace asq {

Json Json::strings(const std::vector<std::string>& values) {
  Array array;
  array.reserve(values.size());
  for (const auto& value : values) array.emplace_back(value);
  return Json(std::move(array));
}

double Json::as_double() const {
  if (is_int()) return static_cast<double>(as_int());
  return std::get<double>(value_);
}

Json& Json::operator[](std::string_view key) {
  if (is_null()) value_ = Object{};
  auto& object = as_object();
  auto it = object.find(key);
  if (it == object.end()) it = object.emplace(std::string(key), Json()).first;
  return it->second;
}

const Json* Json::find(std::string_view key) const {
  if (!is_object()) return nullptr;
  auto it = as_object().find(key);
  return it == as_object().end() ? nullptr : &it->second;
}

void Json::push_back(Json value) {
  if (is_null()) value_ = Array{};
  as_array().push_back(std::move(value));
}

namespace {

/// Appends the bytes at `text[at]` that are not ASCII, as valid UTF-8 whatever they are: a
/// well-formed sequence as is, an encoded lone surrogate as a JSON escape (as Python's json writes
/// a surrogate), any other byte as U+FFFD. Returns how many bytes it consumed.
size_t append_non_ascii(std::string& out, std::string_view text, size_t at) {
  if (size_t length = utf8_sequence_length(text, at)) {
    out.append(text, at, length);
    return length;
  }
  if (char32_t surrogate = encoded_surrogate_at(text, at)) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(surrogate));
    out += buffer;
    return 3;
  }
  out += "\xEF\xBF\xBD";
  return 1;
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  for (size_t at = 0; at < text.size(); ++at) {
    unsigned char c = static_cast<unsigned char>(text[at]);
    if (c >= 0x80) {
      at += append_non_ascii(out, text, at) - 1;
      continue;
    }
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (c < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
          out += buffer;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

std::string Json::dump(int indent) const {
  std::string out;
  dump_to(out, indent, 0);
  return out;
}

namespace {

void newline(std::string& out, int indent, int depth) {
  if (indent < 0) return;
  out += '\n';
  out.append(static_cast<size_t>(indent * depth), ' ');
}

}  // namespace

void Json::dump_to(std::string& out, int indent, int depth) const {
  std::visit(
      [&](const auto& value) {
        using T = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          out += "null";
        } else if constexpr (std::is_same_v<T, bool>) {
          out += value ? "true" : "false";
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          out += std::to_string(value);
        } else if constexpr (std::is_same_v<T, double>) {
          char buffer[32];
          auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
          out.append(buffer, result.ptr);
        } else if constexpr (std::is_same_v<T, std::string>) {
          append_json_string(out, value);
        } else if constexpr (std::is_same_v<T, Array>) {
          if (value.empty()) {
            out += "[]";
            return;
          }
          out += '[';
          for (size_t i = 0; i < value.size(); ++i) {
            if (i) out += indent < 0 ? ", " : ",";
            newline(out, indent, depth + 1);
            value[i].dump_to(out, indent, depth + 1);
          }
          newline(out, indent, depth);
          out += ']';
        } else {
          if (value.empty()) {
            out += "{}";
            return;
          }
          out += '{';
          bool first = true;
          for (const auto& [key, member] : value) {
            if (!first) out += indent < 0 ? ", " : ",";
            first = false;
            newline(out, indent, depth + 1);
            append_json_string(out, key);
            out += ": ";
            member.dump_to(out, indent, depth + 1);
          }
          newline(out, indent, depth);
          out += '}';
        }
      },
      value_);
}

namespace {

class JsonParser {
 public:
  JsonParser(std::string_view text, const std::string& file) : text_(text), file_(file) {}

  Json parse_document() {
    Json value = parse_value();
    skip_space();
    if (pos_ != text_.size()) fail("expected end of input");
    return value;
  }

 private:
  [[noreturn]] void fail(const std::string& message) const {
    int line = 1, column = 1;
    for (size_t i = 0; i < pos_ && i < text_.size(); ++i) {
      if (text_[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    throw SourceError({file_, line, column}, message, source_line_at(text_, line));
  }

  void skip_space() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\n' ||
                                   text_[pos_] == '\t' || text_[pos_] == '\r'))
      ++pos_;
  }

  bool consume(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }

  Json parse_value() {
    skip_space();
    if (pos_ >= text_.size()) fail("expected a value, found end of input");
    char c = text_[pos_];
    if (c == '{') return parse_object();
    if (c == '[') return parse_array();
    if (c == '"') return Json(parse_string());
    if (consume("null")) return Json();
    if (consume("true")) return Json(true);
    if (consume("false")) return Json(false);
    if (c == '-' || (c >= '0' && c <= '9')) return parse_number();
    fail(std::string("expected a value, found '") + c + "'");
  }

  Json parse_object() {
    ++pos_;
    Json::Object object;
    skip_space();
    if (consume("}")) return Json(std::move(object));
    while (true) {
      skip_space();
      if (pos_ >= text_.size() || text_[pos_] != '"') fail("expected a string key");
      std::string key = parse_string();
      skip_space();
      if (!consume(":")) fail("expected ':'");
      object[key] = parse_value();
      skip_space();
      if (consume("}")) return Json(std::move(object));
      if (!consume(",")) fail("expected ',' or '}'");
    }
  }

  Json parse_array() {
    ++pos_;
    Json::Array array;
    skip_space();
    if (consume("]")) return Json(std::move(array));
    while (true) {
      array.push_back(parse_value());
      skip_space();
      if (consume("]")) return Json(std::move(array));
      if (!consume(",")) fail("expected ',' or ']'");
    }
  }

  Json parse_number() {
    size_t start = pos_;
    if (text_[pos_] == '-') ++pos_;
    bool is_float = false;
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c >= '0' && c <= '9') {
        ++pos_;
      } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
        is_float = true;
        ++pos_;
      } else {
        break;
      }
    }
    std::string_view digits = text_.substr(start, pos_ - start);
    if (!is_float) {
      std::int64_t value = 0;
      auto result = std::from_chars(digits.data(), digits.data() + digits.size(), value);
      if (result.ec == std::errc() && result.ptr == digits.data() + digits.size())
        return Json(value);
    }
    double value = 0;
    auto result = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (result.ec != std::errc() || result.ptr != digits.data() + digits.size()) {
      pos_ = start;
      fail("malformed number");
    }
    return Json(value);
  }

  unsigned parse_hex4() {
    if (pos_ + 4 > text_.size()) fail("malformed \\u escape");
    unsigned code = 0;
    auto result = std::from_chars(text_.data() + pos_, text_.data() + pos_ + 4, code, 16);
    if (result.ptr != text_.data() + pos_ + 4) fail("malformed \\u escape");
    pos_ += 4;
    return code;
  }

  std::string parse_string() {
    ++pos_;
    std::string out;
    while (true) {
      if (pos_ >= text_.size()) fail("unterminated string");
      char c = text_[pos_++];
      if (c == '"') return out;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= text_.size()) fail("unterminated string");
      char e = text_[pos_++];
      switch (e) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case '/':
          out += '/';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          unsigned code = parse_hex4();
          if (code >= 0xD800 && code < 0xDC00 && consume("\\u")) {
            unsigned low = parse_hex4();
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
          }
          append_utf8(out, code);
          break;
        }
        default:
          --pos_;
          fail(std::string("unknown escape '\\") + e + "'");
      }
    }
  }

  std::string_view text_;
  const std::string& file_;
  size_t pos_ = 0;
};

}  // namespace

Json Json::parse(std::string_view text, const std::string& file) {
  return JsonParser(text, file).parse_document();
}

}  // namespace asq
