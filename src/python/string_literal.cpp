#include "python/string_literal.h"

namespace asq::py {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  char lower = static_cast<char>(c | 0x20);
  if (lower >= 'a' && lower <= 'f') return lower - 'a' + 10;
  return -1;
}

/// Reads `count` hex digits at `text[at]`; -1 when fewer are there.
long read_hex(std::string_view text, size_t at, int count) {
  if (text.size() < at + count) return -1;
  long value = 0;
  for (int i = 0; i < count; ++i) {
    int digit = hex_value(text[at + i]);
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

/// Decodes the body of a non-raw literal (between its quotes); `base` is the body's offset in the
/// token, for error offsets.
class EscapeDecoder {
 public:
  EscapeDecoder(std::string_view body, size_t base, bool bytes, std::string& out)
      : body_(body), base_(base), bytes_(bytes), out_(out) {}

  std::optional<StringLiteralError> run() {
    size_t i = 0;
    while (i < body_.size()) {
      size_t run_end = i;
      while (run_end < body_.size() && body_[run_end] != '\\' && body_[run_end] != '\r' &&
             !(bytes_ && static_cast<unsigned char>(body_[run_end]) >= 0x80)) {
        ++run_end;
      }
      out_.append(body_.data() + i, run_end - i);
      i = run_end;
      if (i >= body_.size()) break;
      if (body_[i] == '\r') {
        out_ += '\n';
        i += (i + 1 < body_.size() && body_[i + 1] == '\n') ? 2 : 1;
      } else if (body_[i] != '\\') {
        return error(i, "bytes can only contain ASCII literal characters");
      } else if (auto problem = escape(i)) {
        return problem;
      }
    }
    return std::nullopt;
  }

 private:
  StringLiteralError error(size_t at, std::string message) const {
    return {base_ + at, std::move(message)};
  }

  void append_code_point(long value) {
    if (bytes_) {
      out_ += static_cast<char>(value & 0xFF);
    } else {
      append_utf8(out_, static_cast<char32_t>(value));
    }
  }

  /// Decodes the escape whose backslash is at `i` and moves `i` past it.
  std::optional<StringLiteralError> escape(size_t& i) {
    if (i + 1 >= body_.size()) {
      out_ += '\\';
      ++i;
      return std::nullopt;
    }
    const size_t start = i;
    const char e = body_[i + 1];
    i += 2;
    switch (e) {
      case '\n':
        return std::nullopt;
      case '\r':
        if (i < body_.size() && body_[i] == '\n') ++i;
        return std::nullopt;
      case '\\':
      case '\'':
      case '"':
        out_ += e;
        return std::nullopt;
      case 'a':
        out_ += '\a';
        return std::nullopt;
      case 'b':
        out_ += '\b';
        return std::nullopt;
      case 'f':
        out_ += '\f';
        return std::nullopt;
      case 'n':
        out_ += '\n';
        return std::nullopt;
      case 'r':
        out_ += '\r';
        return std::nullopt;
      case 't':
        out_ += '\t';
        return std::nullopt;
      case 'v':
        out_ += '\v';
        return std::nullopt;
      case 'x':
        return hex_escape(start, i, 2, "truncated \\xXX escape");
      case 'u':
        if (bytes_) break;
        return hex_escape(start, i, 4, "truncated \\uXXXX escape");
      case 'U':
        if (bytes_) break;
        return hex_escape(start, i, 8, "truncated \\UXXXXXXXX escape");
      default:
        if (e >= '0' && e <= '7') {
          octal_escape(i, e);
          return std::nullopt;
        }
    }
    out_ += '\\';
    i = start + 1;
    return std::nullopt;
  }

  std::optional<StringLiteralError> hex_escape(size_t start, size_t& i, int digits,
                                               const char* truncated) {
    long value = read_hex(body_, i, digits);
    if (value < 0) return error(start, truncated);
    if (value > 0x10FFFF) return error(start, "illegal Unicode character in \\U escape");
    i += digits;
    if (digits == 2 && bytes_) {
      out_ += static_cast<char>(value);
    } else {
      append_utf8(out_, static_cast<char32_t>(value));
    }
    return std::nullopt;
  }

  void octal_escape(size_t& i, char first) {
    long value = first - '0';
    for (int n = 1; n < 3 && i < body_.size() && body_[i] >= '0' && body_[i] <= '7'; ++n, ++i) {
      value = value * 8 + (body_[i] - '0');
    }
    append_code_point(value);
  }

  std::string_view body_;
  size_t base_;
  bool bytes_;
  std::string& out_;
};

std::optional<StringLiteralError> append_raw(std::string_view body, size_t base, bool bytes,
                                             std::string& out) {
  for (size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (bytes && static_cast<unsigned char>(c) >= 0x80) {
      return StringLiteralError{base + i, "bytes can only contain ASCII literal characters"};
    }
    if (c == '\r') {
      out += '\n';
      if (i + 1 < body.size() && body[i + 1] == '\n') ++i;
    } else {
      out += c;
    }
  }
  return std::nullopt;
}

}  // namespace

StringPrefix string_prefix(std::string_view token) {
  StringPrefix prefix;
  for (char c : token) {
    switch (c | 0x20) {
      case 'r':
        prefix.raw = true;
        break;
      case 'b':
        prefix.bytes = true;
        break;
      case 'f':
        prefix.fstring = true;
        break;
      case 'u':
        break;
      default:
        return prefix;
    }
  }
  return prefix;
}

std::optional<StringLiteralError> append_string_value(std::string_view token, std::string& out) {
  size_t quote = token.find_first_of("'\"");
  if (quote == std::string_view::npos) return StringLiteralError{0, "not a string literal"};
  StringPrefix prefix = string_prefix(token.substr(0, quote));
  const char q = token[quote];
  const bool triple = token.size() >= quote + 6 && token[quote + 1] == q && token[quote + 2] == q;
  const size_t quote_size = triple ? 3 : 1;
  if (token.size() < quote + 2 * quote_size)
    return StringLiteralError{quote, "unterminated string"};
  const size_t base = quote + quote_size;
  std::string_view body = token.substr(base, token.size() - base - quote_size);
  if (prefix.raw) return append_raw(body, base, prefix.bytes, out);
  return EscapeDecoder(body, base, prefix.bytes, out).run();
}

}  // namespace asq::py
