#include "python/parser.h"

#include <vector>

#include "python/expression_parser.h"
#include "python/lexer.h"
#include "python/statement_parser.h"
#include "python/token_cursor.h"

namespace asq::py {

Module parse_module(std::string_view source, const std::string& file, ParseOptions options) {
  source = strip_bom(source);
  std::vector<Token> tokens = tokenize(source, file, options.skip_function_bodies);
  TokenCursor cursor(tokens, source, file);
  Module module;
  module.file = file;
  module.body = StatementParser(cursor, options).module();
  return module;
}

ExprPtr parse_expression(std::string_view source, const std::string& file) {
  source = strip_bom(source);
  std::vector<Token> tokens = tokenize(source, file);
  TokenCursor cursor(tokens, source, file);
  ExprPtr expr = ExpressionParser(cursor).expression_list();
  cursor.expect(TokenKind::kNewline, "end of line");
  cursor.expect(TokenKind::kEndOfFile, "end of file");
  return expr;
}

}  // namespace asq::py
