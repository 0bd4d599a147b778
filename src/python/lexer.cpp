#include "python/lexer.h"

#include <array>
#include <cstdint>

#include "common/source_error.h"

namespace asq::py {
namespace {

enum CharClass : std::uint8_t {
  kOther,
  kBlank,
  kLineBreak,
  kNameStart,
  kDigit,
  kQuote,
  kHash,
  kBackslash,
  kDot,
};

constexpr std::array<std::uint8_t, 256> make_char_classes() {
  std::array<std::uint8_t, 256> classes{};
  for (int c = 0; c < 256; ++c) {
    std::uint8_t k = kOther;
    if (c == ' ' || c == '\t' || c == '\f') k = kBlank;
    if (c == '\n' || c == '\r') k = kLineBreak;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80) k = kNameStart;
    if (c >= '0' && c <= '9') k = kDigit;
    if (c == '\'' || c == '"') k = kQuote;
    if (c == '#') k = kHash;
    if (c == '\\') k = kBackslash;
    if (c == '.') k = kDot;
    classes[c] = k;
  }
  return classes;
}

constexpr std::array<std::uint8_t, 256> kCharClasses = make_char_classes();

/// What skim_line() passes over without a look: name characters but digits (a number starts
/// with one), blanks, and operator characters that are valid in any order (not brackets, not
/// `!`, which only `!=` makes valid, not `.`, which may start a number).
constexpr std::array<bool, 256> make_skimmable() {
  std::array<bool, 256> skimmable{};
  for (int c = 0; c < 256; ++c) {
    CharClass k = static_cast<CharClass>(kCharClasses[c]);
    skimmable[c] = k == kNameStart || k == kBlank;
  }
  for (char c : std::string_view("=+-*/%<>&|^~@,;:"))
    skimmable[static_cast<unsigned char>(c)] = true;
  return skimmable;
}

constexpr std::array<bool, 256> kSkimmable = make_skimmable();

// CPython's limits, which also bound the parser's recursion.
constexpr size_t kMaxBrackets = 200;
constexpr size_t kMaxIndents = 100;

CharClass class_of(char c) {
  return static_cast<CharClass>(kCharClasses[static_cast<unsigned char>(c)]);
}
bool is_name_char(char c) {
  CharClass k = class_of(c);
  return k == kNameStart || k == kDigit;
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex_digit(char c) { return is_digit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'); }
bool is_octal_digit(char c) { return c >= '0' && c <= '7'; }
bool is_binary_digit(char c) { return c == '0' || c == '1'; }

/// r, u, b, f, br, rb, fr, rf in any case.
bool is_string_prefix(const char* begin, size_t size) {
  char a = static_cast<char>(begin[0] | 0x20);
  if (size == 1) return a == 'r' || a == 'u' || a == 'b' || a == 'f';
  char b = static_cast<char>(begin[1] | 0x20);
  return size == 2 &&
         ((a == 'r' && (b == 'b' || b == 'f')) || (b == 'r' && (a == 'b' || a == 'f')));
}

char closing_of(char open) { return open == '(' ? ')' : open == '[' ? ']' : '}'; }

/// The length of the operator or delimiter that starts with `c`, `next`, `after`; 0 for none.
size_t operator_size(char c, char next, char after) {
  switch (c) {
    case '(':
    case ')':
    case '[':
    case ']':
    case '{':
    case '}':
    case ',':
    case ';':
    case '~':
      return 1;
    case ':':
      return next == '=' ? 2 : 1;
    case '.':
      return next == '.' && after == '.' ? 3 : 1;
    case '-':
      return next == '>' || next == '=' ? 2 : 1;
    case '+':
    case '%':
    case '&':
    case '|':
    case '^':
    case '@':
    case '=':
      return next == '=' ? 2 : 1;
    case '*':
    case '/':
    case '<':
    case '>':
      if (next == c) return after == '=' ? 3 : 2;
      return next == '=' ? 2 : 1;
    case '!':
      return next == '=' ? 2 : 0;
    default:
      return 0;
  }
}

/// Turns a source into tokens in one pass; see tokenize().
class Lexer {
 public:
  Lexer(std::string_view source, const std::string& file, bool elide_function_bodies)
      : source_(source),
        file_(file),
        p_(source.data()),
        end_(source.data() + source.size()),
        line_begin_(source.data()),
        elide_bodies_(elide_function_bodies) {
    tokens_.reserve(source.size() / (elide_function_bodies ? 32 : 4) + 64);
    indents_.push_back(0);
  }

  std::vector<Token> run();

 private:
  struct OpenBracket {
    char bracket;
    Position position;
  };

  char at(const char* p) const { return p < end_ ? *p : '\0'; }
  Position position_of(const char* p) const {
    return {line_, static_cast<int>(p - line_begin_) + 1};
  }
  void emit(TokenKind kind, const char* begin, const char* end, Position position) {
    if (elide_depth_ != 0) return;
    if (tokens_.size() == tokens_.capacity()) tokens_.reserve(tokens_.capacity() * 2);
    tokens_.push_back({kind, std::string_view(begin, static_cast<size_t>(end - begin)), position});
  }
  const char* skip_line_break(const char* p);
  const char* skip_comment(const char* p) const;
  bool start_line();
  void indent_to(int column, const char* first);
  void end_line(Position position);
  bool starts_def_block() const;
  void continue_line();
  void skim_line();
  void scan_name();
  void scan_number();
  void scan_string(const char* begin, const char* quote);
  void scan_operator();
  void open_bracket(char bracket, Position position);
  void close_bracket(char bracket, Position position);
  [[noreturn]] void fail_invalid_character(Position position, char c) const;
  void finish();
  [[noreturn]] void fail(Position where, std::string message) const {
    throw SourceError({file_, where.line, where.column}, std::move(message),
                      source_line_at(source_, where.line));
  }

  std::string_view source_;
  const std::string& file_;
  const char* p_;
  const char* end_;
  const char* line_begin_;
  int line_ = 1;
  bool at_line_start_ = true;
  /// Function bodies: scanned (every lexical error still found) but not emitted.
  bool elide_bodies_ = false;
  /// Where the current logical line's tokens start in tokens_.
  size_t line_first_token_ = 0;
  /// The logical line that just ended was `[async] def ...:`, so an INDENT opens its body.
  bool block_of_def_ = false;
  /// indents_.size() of the body being elided; 0 when not eliding.
  size_t elide_depth_ = 0;
  std::vector<int> indents_;
  std::vector<OpenBracket> brackets_;
  std::vector<Token> tokens_;
};

std::vector<Token> Lexer::run() {
  while (true) {
    if (at_line_start_ && brackets_.empty() && !start_line()) break;
    at_line_start_ = false;
    if (elide_depth_ != 0) {
      skim_line();
      if (p_ >= end_) break;
      continue;
    }
    while (p_ < end_ && class_of(*p_) == kBlank) ++p_;
    if (p_ >= end_) break;
    switch (class_of(*p_)) {
      case kNameStart:
        scan_name();
        break;
      case kDigit:
        scan_number();
        break;
      case kQuote:
        scan_string(p_, p_);
        break;
      case kLineBreak:
        end_line(position_of(p_));
        break;
      case kHash: {
        Position comment = position_of(p_);
        p_ = skip_comment(p_);
        if (p_ < end_) end_line(comment);
        break;
      }
      case kBackslash:
        continue_line();
        break;
      case kDot:
        if (is_digit(at(p_ + 1))) {
          scan_number();
        } else {
          scan_operator();
        }
        break;
      default:
        scan_operator();
    }
  }
  finish();
  return std::move(tokens_);
}

const char* Lexer::skip_line_break(const char* p) {
  p += (*p == '\r' && p + 1 < end_ && p[1] == '\n') ? 2 : 1;
  ++line_;
  line_begin_ = p;
  return p;
}

const char* Lexer::skip_comment(const char* p) const {
  while (p < end_ && *p != '\n' && *p != '\r') ++p;
  return p;
}

/// Measures the indentation of the next non-blank line; false at the end of the source.
bool Lexer::start_line() {
  while (true) {
    int column = 0;
    const char* q = p_;
    for (; q < end_; ++q) {
      if (*q == ' ') {
        ++column;
      } else if (*q == '\t') {
        column = (column / 8 + 1) * 8;
      } else if (*q == '\f') {
        column = 0;
      } else {
        break;
      }
    }
    if (q < end_ && *q == '#') q = skip_comment(q);
    if (q >= end_) {
      p_ = q;
      return false;
    }
    if (*q == '\n' || *q == '\r') {
      p_ = skip_line_break(q);
      continue;
    }
    p_ = q;
    indent_to(column, q);
    block_of_def_ = false;
    line_first_token_ = tokens_.size();
    return true;
  }
}

void Lexer::indent_to(int column, const char* first) {
  Position position = position_of(first);
  if (column > indents_.back()) {
    if (indents_.size() > kMaxIndents) fail(position, "too many levels of indentation");
    indents_.push_back(column);
    emit(TokenKind::kIndent, line_begin_, first, position);
    if (elide_bodies_ && block_of_def_ && elide_depth_ == 0) elide_depth_ = indents_.size();
    return;
  }
  while (column < indents_.back()) {
    indents_.pop_back();
    if (column > indents_.back()) {
      fail(position, "unindent does not match any outer indentation level");
    }
    if (indents_.size() < elide_depth_) elide_depth_ = 0;
    emit(TokenKind::kDedent, first, first, position);
  }
}

/// At a line break: ends the logical line unless inside brackets.
void Lexer::end_line(Position position) {
  const char* line_break = p_;
  p_ = skip_line_break(p_);
  if (brackets_.empty()) {
    block_of_def_ = elide_bodies_ && elide_depth_ == 0 && starts_def_block();
    emit(TokenKind::kNewline, line_break, p_, position);
    at_line_start_ = true;
  }
}

/// Whether the logical line in tokens_ is `def ...:` or `async def ...:` (its body follows).
bool Lexer::starts_def_block() const {
  if (tokens_.size() < line_first_token_ + 2) return false;
  const Token& last = tokens_.back();
  if (last.kind != TokenKind::kOperator || last.text != ":") return false;
  const Token* first = &tokens_[line_first_token_];
  if (first->kind == TokenKind::kKeyword && first->text == "async") ++first;
  return first->kind == TokenKind::kKeyword && first->text == "def";
}

/// At a backslash outside a string: joins the next physical line to this one.
void Lexer::continue_line() {
  const char* next = p_ + 1;
  if (next >= end_)
    fail(position_of(p_), "unexpected end of file after line continuation character");
  if (*next != '\n' && *next != '\r') {
    fail(position_of(p_), "unexpected character after line continuation character");
  }
  p_ = skip_line_break(next);
}

/// In an elided function body: the rest of the logical line, checked for what run() would
/// refuse without making tokens. Most characters cannot start anything that may fail or matters
/// to the layout (letters, blanks, operators), and are passed over one table lookup each;
/// strings, comments, brackets, numbers, line breaks and stray characters are read as run()
/// reads them. Twice as fast as tokenizing, and bodies are most of a revision file.
void Lexer::skim_line() {
  while (!at_line_start_) {
    const char* p = p_;
    while (p < end_ && kSkimmable[static_cast<unsigned char>(*p)]) ++p;
    p_ = p;
    if (p >= end_) return;
    const char c = *p;
    switch (class_of(c)) {
      case kDigit:
        if (p_ > line_begin_ && is_name_char(p_[-1])) {
          ++p_;  // inside a name
        } else {
          scan_number();
        }
        break;
      case kQuote:
        scan_string(p_, p_);  // a prefix changes nothing a string's end depends on
        break;
      case kLineBreak:
        end_line(position_of(p_));
        break;
      case kHash:
        p_ = skip_comment(p_);
        break;
      case kBackslash:
        continue_line();
        break;
      case kDot:
        if (at(p_ + 1) == '.' && at(p_ + 2) == '.') {
          p_ += 3;  // `...` is one operator: a digit after it starts a number of its own
        } else if (is_digit(at(p_ + 1))) {
          scan_number();
        } else {
          ++p_;
        }
        break;
      default:
        if (c == '(' || c == '[' || c == '{') {
          open_bracket(c, position_of(p));
          ++p_;
        } else if (c == ')' || c == ']' || c == '}') {
          close_bracket(c, position_of(p));
          ++p_;
        } else {
          scan_operator();  // `!` (only `!=` is valid), or a character Python refuses
        }
    }
  }
}

void Lexer::scan_name() {
  const char* begin = p_;
  Position position = position_of(begin);
  ++p_;
  while (p_ < end_ && is_name_char(*p_)) ++p_;
  size_t size = static_cast<size_t>(p_ - begin);
  if (size <= 2 && p_ < end_ && class_of(*p_) == kQuote && is_string_prefix(begin, size)) {
    scan_string(begin, p_);
    return;
  }
  bool keyword = is_keyword(std::string_view(begin, size));
  emit(keyword ? TokenKind::kKeyword : TokenKind::kName, begin, p_, position);
}

void Lexer::scan_number() {
  const char* begin = p_;
  Position position = position_of(begin);
  const char* s = p_;
  auto digits = [&](bool (*is_valid)(char)) {
    const char* start = s;
    while (s < end_ && (is_valid(*s) || *s == '_')) ++s;
    return s != start;
  };
  char base = static_cast<char>(at(s + 1) | 0x20);
  if (*s == '0' && (base == 'x' || base == 'o' || base == 'b')) {
    s += 2;
    bool any = digits(base == 'x' ? is_hex_digit : base == 'o' ? is_octal_digit : is_binary_digit);
    if (!any || (s < end_ && is_name_char(*s))) {
      fail(position, base == 'x'   ? "invalid hexadecimal literal"
                     : base == 'o' ? "invalid octal literal"
                                   : "invalid binary literal");
    }
  } else {
    digits(is_digit);
    if (at(s) == '.') {
      ++s;
      digits(is_digit);
    }
    if ((at(s) | 0x20) == 'e') {
      const char* exponent = s + 1;
      if (at(exponent) == '+' || at(exponent) == '-') ++exponent;
      if (is_digit(at(exponent))) {
        s = exponent;
        digits(is_digit);
      }
    }
    if ((at(s) | 0x20) == 'j') ++s;
    if (s < end_ && is_name_char(*s)) fail(position, "invalid decimal literal");
  }
  p_ = s;
  emit(TokenKind::kNumber, begin, p_, position);
}

/// Scans a string whose prefix starts at `begin` and whose opening quote is at `quote`.
void Lexer::scan_string(const char* begin, const char* quote) {
  Position position = position_of(begin);
  Position quote_position = position_of(quote);
  const char q = *quote;
  const char* s = quote + 1;
  const bool triple = end_ - s >= 2 && s[0] == q && s[1] == q;
  if (triple) s += 2;
  while (true) {
    if (s >= end_) {
      fail(quote_position,
           triple ? "unterminated triple-quoted string literal" : "unterminated string literal");
    }
    char c = *s;
    if (c == q && (!triple || (end_ - s >= 3 && s[1] == q && s[2] == q))) {
      s += triple ? 3 : 1;
      break;
    }
    if (c == '\\') {
      ++s;
      if (s < end_ && (*s == '\n' || *s == '\r')) {
        s = skip_line_break(s);
      } else if (s < end_) {
        ++s;
      }
    } else if (c == '\n' || c == '\r') {
      if (!triple) fail(quote_position, "unterminated string literal");
      s = skip_line_break(s);
    } else {
      ++s;
    }
  }
  p_ = s;
  emit(TokenKind::kString, begin, p_, position);
}

void Lexer::scan_operator() {
  const char* begin = p_;
  const char c = *begin;
  Position position = position_of(begin);
  size_t size = operator_size(c, at(begin + 1), at(begin + 2));
  if (size == 0) fail_invalid_character(position, c);
  if (c == '(' || c == '[' || c == '{') {
    open_bracket(c, position);
  } else if (c == ')' || c == ']' || c == '}') {
    close_bracket(c, position);
  }
  p_ = begin + size;
  emit(TokenKind::kOperator, begin, p_, position);
}

void Lexer::fail_invalid_character(Position position, char c) const {
  unsigned char byte = static_cast<unsigned char>(c);
  if (byte > 0x20 && byte < 0x7f) fail(position, std::string("invalid character '") + c + "'");
  const char* hex = "0123456789ABCDEF";
  fail(position,
       std::string("invalid non-printable character U+00") + hex[byte >> 4] + hex[byte & 15]);
}

void Lexer::open_bracket(char bracket, Position position) {
  if (brackets_.size() >= kMaxBrackets) fail(position, "too many nested parentheses");
  brackets_.push_back({bracket, position});
}

void Lexer::close_bracket(char bracket, Position position) {
  if (brackets_.empty()) fail(position, std::string("unmatched '") + bracket + "'");
  OpenBracket open = brackets_.back();
  if (closing_of(open.bracket) != bracket) {
    std::string message = std::string("closing parenthesis '") + bracket +
                          "' does not match opening parenthesis '" + open.bracket + "'";
    if (open.position.line != position.line) {
      message += " on line " + std::to_string(open.position.line);
    }
    fail(position, message);
  }
  brackets_.pop_back();
}

void Lexer::finish() {
  if (!brackets_.empty()) {
    const OpenBracket& open = brackets_.back();
    fail(open.position, std::string("'") + open.bracket + "' was never closed");
  }
  Position position = position_of(p_);
  if (!tokens_.empty() && tokens_.back().kind != TokenKind::kNewline) {
    emit(TokenKind::kNewline, p_, p_, position);
  }
  for (size_t size = indents_.size(); size > 1; --size) {
    if (size - 1 < elide_depth_) elide_depth_ = 0;
    emit(TokenKind::kDedent, p_, p_, position);
  }
  emit(TokenKind::kEndOfFile, p_, p_, position);
}

}  // namespace

std::string_view strip_bom(std::string_view source) {
  if (source.substr(0, 3) == "\xEF\xBB\xBF") source.remove_prefix(3);
  return source;
}

std::vector<Token> tokenize(std::string_view source, const std::string& file,
                            bool elide_function_bodies) {
  return Lexer(strip_bom(source), file, elide_function_bodies).run();
}

}  // namespace asq::py
