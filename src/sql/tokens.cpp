#include "sql/tokens.h"

#include <cctype>

namespace asq::sql {
namespace {

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)); }
bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)); }

bool is_operator_char(char c) {
  return std::string_view("+-*/<>=~!@#%^&|`?").find(c) != std::string_view::npos;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

class Lexer {
 public:
  explicit Lexer(std::string_view sql) : sql_(sql) {}

  std::vector<Token> run() {
    while (i_ < sql_.size()) {
      char c = sql_[i_];
      size_t begin = i_;
      if (is_space(c)) {
        ++i_;
      } else if (starts("--")) {
        size_t end = sql_.find('\n', i_);
        i_ = end == std::string_view::npos ? sql_.size() : end;
      } else if (starts("/*")) {
        block_comment();
      } else if (c == '\'') {
        push(Token::Kind::kString, quoted('\'', "string literal", false, begin), begin);
      } else if (c == '"') {
        push(Token::Kind::kQuotedWord, quoted('"', "quoted name", false, begin), begin);
      } else if (c == '$' && dollar_tag()) {
        dollar_quoted(begin);
      } else if (is_digit(c) || (c == '.' && i_ + 1 < sql_.size() && is_digit(sql_[i_ + 1]))) {
        number(begin);
      } else if (is_identifier_start(c)) {
        word(begin);
      } else if (starts("::")) {
        i_ += 2;
        push(Token::Kind::kSymbol, "::", begin);
      } else if (is_operator_char(c)) {
        i_ += operator_length();
        push(Token::Kind::kSymbol, std::string(sql_.substr(begin, i_ - begin)), begin);
      } else {
        ++i_;
        push(Token::Kind::kSymbol, std::string(1, c), begin);
      }
    }
    tokens_.push_back({Token::Kind::kEnd, "", sql_.size(), sql_.size()});
    return std::move(tokens_);
  }

 private:
  bool starts(std::string_view text) const { return sql_.substr(i_, text.size()) == text; }

  void push(Token::Kind kind, std::string text, size_t begin, char prefix = 0) {
    tokens_.push_back({kind, std::move(text), begin, i_, prefix});
  }

  void block_comment() {
    size_t begin = i_;
    int depth = 0;
    while (i_ < sql_.size()) {
      if (starts("/*")) {
        ++depth;
        i_ += 2;
      } else if (starts("*/")) {
        i_ += 2;
        if (--depth == 0) return;
      } else {
        ++i_;
      }
    }
    throw LexError("unterminated /* comment", begin);
  }

  /// The text quoted by `quote` starting at i_ (on the quote), the quote doubled inside; with
  /// `escapes`, backslash escapes as in an E'' string. An error points at `begin`.
  std::string quoted(char quote, const char* what, bool escapes, size_t begin) {
    std::string value;
    for (++i_;; ++i_) {
      if (i_ >= sql_.size()) throw LexError(std::string("unterminated ") + what, begin);
      char c = sql_[i_];
      if (c == quote) {
        if (i_ + 1 < sql_.size() && sql_[i_ + 1] == quote) {
          value += quote;
          ++i_;
          continue;
        }
        ++i_;
        return value;
      }
      if (escapes && c == '\\' && i_ + 1 < sql_.size()) {
        value += escaped();
        continue;
      }
      value += c;
    }
  }

  /// The character of the backslash escape at i_ (on the backslash); i_ left on its last char.
  char escaped() {
    char c = sql_[++i_];
    switch (c) {
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      default:
        break;
    }
    auto digits = [&](size_t at, size_t most, int base) {
      size_t n = 0;
      while (n < most && at + n < sql_.size() &&
             (base == 8 ? sql_[at + n] >= '0' && sql_[at + n] <= '7'
                        : std::isxdigit(static_cast<unsigned char>(sql_[at + n])))) {
        ++n;
      }
      return n;
    };
    if (c >= '0' && c <= '7') {
      size_t n = digits(i_, 3, 8);
      char value = static_cast<char>(std::stoi(std::string(sql_.substr(i_, n)), nullptr, 8));
      i_ += n - 1;
      return value;
    }
    if (c == 'x') {
      size_t n = digits(i_ + 1, 2, 16);
      if (n == 0) return c;
      char value = static_cast<char>(std::stoi(std::string(sql_.substr(i_ + 1, n)), nullptr, 16));
      i_ += n;
      return value;
    }
    return c;
  }

  /// Whether a dollar quote's opening tag (`$$`, `$tag$`) starts at i_; its length in tag_.
  bool dollar_tag() {
    size_t j = i_ + 1;
    if (j < sql_.size() && is_identifier_start(sql_[j]) && sql_[j] != '$') {
      while (j < sql_.size() && is_identifier_char(sql_[j]) && sql_[j] != '$') ++j;
    }
    if (j >= sql_.size() || sql_[j] != '$') return false;
    tag_ = sql_.substr(i_, j - i_ + 1);
    return true;
  }

  void dollar_quoted(size_t begin) {
    size_t body = i_ + tag_.size();
    size_t close = sql_.find(tag_, body);
    if (close == std::string_view::npos) throw LexError("unterminated dollar-quoted string", begin);
    i_ = close + tag_.size();
    push(Token::Kind::kString, std::string(sql_.substr(body, close - body)), begin, '$');
  }

  void number(size_t begin) {
    while (
        i_ < sql_.size() &&
        (std::isalnum(static_cast<unsigned char>(sql_[i_])) || sql_[i_] == '.' ||
         ((sql_[i_] == '-' || sql_[i_] == '+') && (sql_[i_ - 1] == 'e' || sql_[i_ - 1] == 'E')))) {
      ++i_;
    }
    push(Token::Kind::kNumber, std::string(sql_.substr(begin, i_ - begin)), begin);
  }

  /// A word, or a prefixed string literal (E'', B'', X'', N'') when one of those letters is
  /// followed by a quote.
  void word(size_t begin) {
    while (i_ < sql_.size() && is_identifier_char(sql_[i_])) ++i_;
    std::string text = lower(sql_.substr(begin, i_ - begin));
    if (i_ < sql_.size() && sql_[i_] == '\'' && text.size() == 1 &&
        std::string_view("ebxn").find(text[0]) != std::string_view::npos) {
      bool escapes = text == "e";
      std::string value = quoted('\'', "string literal", escapes, begin);
      push(Token::Kind::kString, std::move(value), begin,
           static_cast<char>(std::toupper(static_cast<unsigned char>(text[0]))));
      return;
    }
    push(Token::Kind::kWord, std::move(text), begin);
  }

  /// The operator starting at i_: the longest run of operator characters (a comment ends it),
  /// less a trailing + or - unless the run holds one of ~ ! @ # % ^ & | ` ? (so `>-1` is `>`
  /// then `-1`).
  size_t operator_length() {
    size_t end = i_;
    while (end < sql_.size() && is_operator_char(sql_[end])) {
      if (sql_.substr(end, 2) == "--" || sql_.substr(end, 2) == "/*") break;
      ++end;
    }
    std::string_view run = sql_.substr(i_, end - i_);
    bool special = run.find_first_of("~!@#%^&|`?") != std::string_view::npos;
    while (!special && run.size() > 1 && (run.back() == '+' || run.back() == '-')) {
      run.remove_suffix(1);
    }
    return run.empty() ? 1 : run.size();
  }

  std::string_view sql_;
  size_t i_ = 0;
  std::string_view tag_;
  std::vector<Token> tokens_;
};

}  // namespace

bool is_identifier_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool is_identifier_char(char c) { return is_identifier_start(c) || is_digit(c) || c == '$'; }

std::vector<Token> tokenize(std::string_view sql) { return Lexer(sql).run(); }

std::vector<std::vector<Token>> statements(std::string_view sql) {
  std::vector<std::vector<Token>> out(1);
  for (Token& token : tokenize(sql)) {
    if (token.kind == Token::Kind::kEnd) break;
    if (token.is_symbol(";")) {
      if (!out.back().empty()) out.emplace_back();
    } else {
      out.back().push_back(std::move(token));
    }
  }
  if (out.back().empty()) out.pop_back();
  return out;
}

bool ends_in_line_comment(std::string_view sql) {
  std::vector<Token> tokens;
  try {
    tokens = tokenize(sql);
  } catch (const LexError&) {
    return false;
  }
  size_t last = tokens.size() > 1 ? tokens[tokens.size() - 2].end : 0;
  size_t comment = sql.find("--", last);
  return comment != std::string_view::npos && sql.find('\n', comment) == std::string_view::npos;
}

}  // namespace asq::sql
