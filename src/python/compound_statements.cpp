// Statements with a block: if, while, for, try, with, def, class, and decorators.

#include "python/statement_parser.h"

namespace asq::py {

/// The compound statement at the cursor; null when the cursor is not at one.
StmtPtr StatementParser::compound_statement() {
  const Token& token = cursor_.peek();
  if (TokenCursor::is_op(token, "@")) return decorated();
  if (token.kind != TokenKind::kKeyword) return nullptr;
  std::string_view word = token.text;
  if (word == "async") {
    const Token& next = cursor_.peek(1);
    if (TokenCursor::is_keyword_token(next, "def")) return function_def({});
    if (TokenCursor::is_keyword_token(next, "for")) return for_statement();
    if (TokenCursor::is_keyword_token(next, "with")) return with_statement();
    cursor_.next();
    cursor_.fail_expected("'def', 'for' or 'with' after 'async'");
  }
  if (word == "if") return if_statement();
  if (word == "def") return function_def({});
  if (word == "class") return class_def({});
  if (word == "for") return for_statement();
  if (word == "while") return while_statement();
  if (word == "with") return with_statement();
  if (word == "try") return try_statement();
  return nullptr;
}

/// `if` test block, then `elif ...` (each an If alone in the previous orelse) and `else` block.
StmtPtr StatementParser::if_statement() {
  Position position = cursor_.expect_keyword("if").position;
  If result;
  result.test = expressions_.expression();
  result.body = block();
  Body* orelse = &result.orelse;
  while (cursor_.at_keyword("elif")) {
    Position elif_position = cursor_.next().position;
    If elif;
    elif.test = expressions_.expression();
    elif.body = block();
    orelse->push_back(make_stmt(std::move(elif), elif_position));
    orelse = &std::get<If>(orelse->back()->node).orelse;
  }
  if (cursor_.accept_keyword("else")) *orelse = block();
  return make_stmt(std::move(result), position);
}

StmtPtr StatementParser::while_statement() {
  Position position = cursor_.expect_keyword("while").position;
  While result;
  result.test = expressions_.expression();
  result.body = block();
  if (cursor_.accept_keyword("else")) result.orelse = block();
  return make_stmt(std::move(result), position);
}

StmtPtr StatementParser::for_statement() {
  Position position = cursor_.peek().position;
  For result;
  result.is_async = cursor_.accept_keyword("async");
  cursor_.expect_keyword("for");
  result.target = expressions_.target_list();
  check_target(*result.target, "assign to");
  cursor_.expect_keyword("in");
  result.iter = expressions_.expression_list();
  result.body = block();
  if (cursor_.accept_keyword("else")) result.orelse = block();
  return make_stmt(std::move(result), position);
}

StmtPtr StatementParser::try_statement() {
  Position position = cursor_.expect_keyword("try").position;
  Try result;
  result.body = block();
  while (cursor_.at_keyword("except")) result.handlers.push_back(except_clause());
  if (!result.handlers.empty() && cursor_.accept_keyword("else")) result.orelse = block();
  if (cursor_.accept_keyword("finally")) {
    result.finalbody = block();
  } else if (result.handlers.empty()) {
    cursor_.fail_expected("'except' or 'finally'");
  }
  return make_stmt(std::move(result), position);
}

/// `except [type [as name]]: block`
ExceptHandler StatementParser::except_clause() {
  ExceptHandler handler;
  handler.position = cursor_.expect_keyword("except").position;
  if (cursor_.at_op("*")) cursor_.fail(cursor_.peek().position, "'except*' is not supported");
  if (!cursor_.at_op(":")) {
    handler.type = expressions_.expression();
    if (cursor_.accept_keyword("as")) {
      handler.name = std::string(cursor_.expect(TokenKind::kName, "name").text);
    }
  }
  handler.body = block();
  return handler;
}

/// `with a as b, c:` and the parenthesized form `with (a as b, c,):`.
StmtPtr StatementParser::with_statement() {
  Position position = cursor_.peek().position;
  With result;
  result.is_async = cursor_.accept_keyword("async");
  cursor_.expect_keyword("with");
  if (at_parenthesized_with_items()) {
    cursor_.next();
    while (!cursor_.at_op(")")) {
      result.items.push_back(with_item());
      if (!cursor_.accept_op(",")) break;
    }
    if (!cursor_.at_op(")")) cursor_.fail_expected("',' or ')'");
    cursor_.next();
  } else {
    do {
      result.items.push_back(with_item());
    } while (cursor_.accept_op(","));
  }
  result.body = block();
  return make_stmt(std::move(result), position);
}

/// Whether the cursor is at `(` whose matching `)` is followed by the `:` of the with.
bool StatementParser::at_parenthesized_with_items() const {
  if (!cursor_.at_op("(")) return false;
  int depth = 0;
  for (size_t i = cursor_.index();; ++i) {
    const Token& token = cursor_.at(i);
    if (token.kind == TokenKind::kNewline || token.kind == TokenKind::kEndOfFile) return false;
    if (token.kind != TokenKind::kOperator || token.text.size() != 1) continue;
    char c = token.text[0];
    if (c == '(' || c == '[' || c == '{') ++depth;
    if ((c == ')' || c == ']' || c == '}') && --depth == 0) {
      return TokenCursor::is_op(cursor_.at(i + 1), ":");
    }
  }
}

WithItem StatementParser::with_item() {
  WithItem item;
  item.context = expressions_.expression();
  if (cursor_.accept_keyword("as")) {
    item.target = expressions_.target();
    check_target(*item.target, "assign to");
  }
  return item;
}

/// `@decorator` lines, then the def or class they decorate.
StmtPtr StatementParser::decorated() {
  std::vector<ExprPtr> decorators;
  while (cursor_.accept_op("@")) {
    decorators.push_back(expressions_.expression());
    cursor_.expect(TokenKind::kNewline, "end of line");
  }
  if (cursor_.at_keyword("def") ||
      (cursor_.at_keyword("async") && TokenCursor::is_keyword_token(cursor_.peek(1), "def"))) {
    return function_def(std::move(decorators));
  }
  if (cursor_.at_keyword("class")) return class_def(std::move(decorators));
  cursor_.fail_expected("'def' or 'class' after decorators");
}

/// `[async] def name(parameters) [-> returns]: block`; with skip_function_bodies the block is
/// skipped and the body left empty.
StmtPtr StatementParser::function_def(std::vector<ExprPtr> decorators) {
  Position position = cursor_.peek().position;
  FunctionDef result;
  result.decorators = std::move(decorators);
  result.is_async = cursor_.accept_keyword("async");
  cursor_.expect_keyword("def");
  result.name = cursor_.expect(TokenKind::kName, "function name").text;
  cursor_.expect_op("(");
  result.parameters = expressions_.parameters(")", true);
  if (!cursor_.at_op(")")) cursor_.fail_expected("',' or ')'");
  cursor_.next();
  if (cursor_.accept_op("->")) result.returns = expressions_.expression();
  if (options_.skip_function_bodies) {
    skip_block();
  } else {
    result.body = block();
  }
  return make_stmt(std::move(result), position);
}

/// `class Name[(bases, keywords)]: block`
StmtPtr StatementParser::class_def(std::vector<ExprPtr> decorators) {
  Position position = cursor_.expect_keyword("class").position;
  ClassDef result;
  result.decorators = std::move(decorators);
  result.name = cursor_.expect(TokenKind::kName, "class name").text;
  if (cursor_.accept_op("(")) expressions_.arguments(result.bases, result.keywords);
  result.body = block();
  return make_stmt(std::move(result), position);
}

}  // namespace asq::py
