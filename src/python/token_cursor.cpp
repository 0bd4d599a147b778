#include "python/token_cursor.h"

#include "common/source_error.h"

namespace asq::py {

const Token& TokenCursor::expect_op(std::string_view op) {
  if (!at_op(op)) fail_expected("'" + std::string(op) + "'");
  return next();
}

const Token& TokenCursor::expect_keyword(std::string_view word) {
  if (!at_keyword(word)) fail_expected("'" + std::string(word) + "'");
  return next();
}

const Token& TokenCursor::expect(TokenKind kind, std::string_view what) {
  if (!at_kind(kind)) fail_expected(what);
  return next();
}

void TokenCursor::fail_expected(std::string_view what) const {
  fail(peek().position, "expected " + std::string(what) + ", found " + describe(peek()));
}

void TokenCursor::fail(Position where, std::string message) const {
  throw SourceError({file_, where.line, where.column}, std::move(message),
                    source_line_at(source_, where.line));
}

}  // namespace asq::py
