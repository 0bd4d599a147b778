#pragma once

// Walks the token list for the parsers and words their "expected X, found Y" errors.

#include <string>
#include <string_view>
#include <vector>

#include "python/token.h"

namespace asq::py {

/// A read position in a token list that ends with kEndOfFile; never moves past that token.
class TokenCursor {
 public:
  /// `source` (BOM already stripped) and `file` are used for error messages only.
  TokenCursor(const std::vector<Token>& tokens, std::string_view source, const std::string& file)
      : tokens_(tokens), source_(source), file_(file) {}

  /// The current token.
  const Token& peek() const { return tokens_[index_]; }
  /// The token `ahead` places after the current one (the last token when past the end).
  const Token& peek(size_t ahead) const {
    size_t at = index_ + ahead;
    return at < tokens_.size() ? tokens_[at] : tokens_.back();
  }
  /// Returns the current token and moves past it.
  const Token& next() {
    const Token& token = tokens_[index_];
    if (token.kind != TokenKind::kEndOfFile) ++index_;
    return token;
  }
  /// The index of the current token, for looking ahead by hand.
  size_t index() const { return index_; }
  /// The token at `index` (the last one when past the end).
  const Token& at(size_t index) const {
    return index < tokens_.size() ? tokens_[index] : tokens_.back();
  }

  /// Whether the current token is operator `op`.
  bool at_op(std::string_view op) const { return is_op(peek(), op); }
  /// Whether the current token is keyword `word`.
  bool at_keyword(std::string_view word) const { return is_keyword_token(peek(), word); }
  /// Whether the current token is of `kind`.
  bool at_kind(TokenKind kind) const { return peek().kind == kind; }
  /// Moves past operator `op` if it is next.
  bool accept_op(std::string_view op) {
    if (!at_op(op)) return false;
    next();
    return true;
  }
  /// Moves past keyword `word` if it is next.
  bool accept_keyword(std::string_view word) {
    if (!at_keyword(word)) return false;
    next();
    return true;
  }
  /// Moves past operator `op` or throws "expected 'op', found ...".
  const Token& expect_op(std::string_view op);
  /// Moves past keyword `word` or throws "expected 'word', found ...".
  const Token& expect_keyword(std::string_view word);
  /// Moves past a token of `kind` or throws "expected `what`, found ...".
  const Token& expect(TokenKind kind, std::string_view what);

  /// Throws "expected `what`, found <current token>" at the current token.
  [[noreturn]] void fail_expected(std::string_view what) const;
  /// Throws `message` at `where`.
  [[noreturn]] void fail(Position where, std::string message) const;

  /// Whether `token` is operator `op`.
  static bool is_op(const Token& token, std::string_view op) {
    return token.kind == TokenKind::kOperator && same_text(token.text, op);
  }
  /// Whether `token` is keyword `word`.
  static bool is_keyword_token(const Token& token, std::string_view word) {
    return token.kind == TokenKind::kKeyword && same_text(token.text, word);
  }

 private:
  /// `a == b` without a library call: the texts compared here are a few bytes long.
  static bool same_text(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      if (a[i] != b[i]) return false;
    }
    return true;
  }

  const std::vector<Token>& tokens_;
  std::string_view source_;
  const std::string& file_;
  size_t index_ = 0;
};

}  // namespace asq::py
