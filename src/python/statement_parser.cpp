#include "python/statement_parser.h"

#include <string>

namespace asq::py {
namespace {

bool is_augmented_assignment(const Token& token) {
  if (token.kind != TokenKind::kOperator || token.text.size() < 2) return false;
  std::string_view op = token.text;
  return op.back() == '=' && op != "==" && op != "<=" && op != ">=" && op != "!=";
}

/// How an expression that cannot be assigned to reads in an error.
const char* describe_non_target(const Expr& expr) {
  if (std::holds_alternative<Call>(expr.node)) return "function call";
  if (std::holds_alternative<String>(expr.node) || std::holds_alternative<Number>(expr.node) ||
      std::holds_alternative<Constant>(expr.node)) {
    return "literal";
  }
  if (std::holds_alternative<Comprehension>(expr.node)) return "comprehension";
  if (std::holds_alternative<Lambda>(expr.node)) return "lambda";
  return "expression";
}

}  // namespace

Body StatementParser::module() {
  Body body;
  while (!cursor_.at_kind(TokenKind::kEndOfFile)) statement(body);
  return body;
}

void StatementParser::statement(Body& out) {
  const Token& token = cursor_.peek();
  if (token.kind == TokenKind::kIndent) cursor_.fail(token.position, "unexpected indent");
  if (StmtPtr compound = compound_statement()) {
    out.push_back(std::move(compound));
    return;
  }
  if (token.kind == TokenKind::kName && token.text == "match" && at_match_statement()) {
    cursor_.fail(token.position, "'match' statements are not supported");
  }
  simple_statements(out);
}

/// Whether the logical line at the cursor ends with `:` and opens a block (`match x:`).
bool StatementParser::at_match_statement() const {
  size_t i = cursor_.index() + 1;
  while (cursor_.at(i).kind != TokenKind::kNewline && cursor_.at(i).kind != TokenKind::kEndOfFile) {
    ++i;
  }
  return i > cursor_.index() + 2 && TokenCursor::is_op(cursor_.at(i - 1), ":") &&
         cursor_.at(i + 1).kind == TokenKind::kIndent;
}

void StatementParser::simple_statements(Body& out) {
  do {
    out.push_back(simple_statement());
  } while (cursor_.accept_op(";") && !cursor_.at_kind(TokenKind::kNewline));
  cursor_.expect(TokenKind::kNewline, "end of line");
}

StmtPtr StatementParser::simple_statement() {
  if (cursor_.at_kind(TokenKind::kKeyword)) {
    if (StmtPtr statement = keyword_statement()) return statement;
  }
  if (!expressions_.at_expression_start()) cursor_.fail_expected("statement");
  return expression_statement();
}

/// A simple statement that starts with its keyword; null when the keyword starts an expression.
StmtPtr StatementParser::keyword_statement() {
  const Token& token = cursor_.peek();
  std::string_view word = token.text;
  Position position = token.position;
  if (word == "import") return import_statement();
  if (word == "from") return from_import();
  if (word == "yield") cursor_.fail(position, "'yield' is not supported");
  if (word == "del") return delete_statement();
  if (word == "global" || word == "nonlocal") return global_statement();
  if (word == "return" || word == "raise" || word == "assert") return flow_statement();
  if (word == "pass" || word == "break" || word == "continue") {
    cursor_.next();
    if (word == "pass") return make_stmt(Pass{}, position);
    if (word == "break") return make_stmt(Break{}, position);
    return make_stmt(Continue{}, position);
  }
  return nullptr;
}

/// `return [value]`, `raise [exception [from cause]]`, `assert test[, message]`.
StmtPtr StatementParser::flow_statement() {
  const Token& keyword = cursor_.next();
  if (keyword.text == "return") {
    Return result;
    if (!at_statement_end()) result.value = expressions_.expression_list();
    return make_stmt(std::move(result), keyword.position);
  }
  if (keyword.text == "raise") {
    Raise result;
    if (!at_statement_end()) result.exception = expressions_.expression();
    if (result.exception && cursor_.accept_keyword("from"))
      result.cause = expressions_.expression();
    return make_stmt(std::move(result), keyword.position);
  }
  Assert result;
  result.test = expressions_.expression();
  if (cursor_.accept_op(",")) result.message = expressions_.expression();
  return make_stmt(std::move(result), keyword.position);
}

/// `del a, b[0], c.d`
StmtPtr StatementParser::delete_statement() {
  Position position = cursor_.expect_keyword("del").position;
  Delete result;
  do {
    result.targets.push_back(expressions_.bitwise_or());
    check_target(*result.targets.back(), "delete");
  } while (cursor_.accept_op(",") && !at_statement_end());
  return make_stmt(std::move(result), position);
}

/// `global a, b` / `nonlocal a`
StmtPtr StatementParser::global_statement() {
  const Token& keyword = cursor_.next();
  Global result;
  result.is_nonlocal = keyword.text == "nonlocal";
  do {
    result.names.emplace_back(cursor_.expect(TokenKind::kName, "name").text);
  } while (cursor_.accept_op(","));
  return make_stmt(std::move(result), keyword.position);
}

/// An expression, an assignment (plain, annotated or augmented) or a call.
StmtPtr StatementParser::expression_statement() {
  Position position = cursor_.peek().position;
  ExprPtr first = expressions_.expression_list();
  if (cursor_.at_op("=")) {
    std::vector<ExprPtr> chain;
    chain.push_back(std::move(first));
    while (cursor_.accept_op("=")) chain.push_back(expressions_.expression_list());
    Assign assign;
    assign.value = std::move(chain.back());
    chain.pop_back();
    for (const ExprPtr& target : chain) check_target(*target, "assign to");
    assign.targets = std::move(chain);
    return make_stmt(std::move(assign), position);
  }
  if (cursor_.accept_op(":")) {
    check_single_target(*first, "annotated");
    AnnAssign assign;
    assign.target = std::move(first);
    assign.annotation = expressions_.expression();
    if (cursor_.accept_op("=")) assign.value = expressions_.expression_list();
    return make_stmt(std::move(assign), position);
  }
  if (is_augmented_assignment(cursor_.peek())) {
    check_single_target(*first, "augmented-assigned");
    std::string_view op = cursor_.next().text;
    op.remove_suffix(1);
    ExprPtr value = expressions_.expression_list();
    return make_stmt(AugAssign{std::move(first), std::string(op), std::move(value)}, position);
  }
  return make_stmt(ExprStmt{std::move(first)}, position);
}

/// `import a.b as c, d`
StmtPtr StatementParser::import_statement() {
  Position position = cursor_.expect_keyword("import").position;
  Import result;
  do {
    result.names.push_back(import_name(true));
  } while (cursor_.accept_op(","));
  return make_stmt(std::move(result), position);
}

/// `from ..a.b import c as d, e`, `from a import (b, c,)`, `from a import *`
StmtPtr StatementParser::from_import() {
  Position position = cursor_.expect_keyword("from").position;
  Import result;
  result.is_from = true;
  while (cursor_.at_op(".") || cursor_.at_op("...")) {
    result.level += static_cast<int>(cursor_.next().text.size());
  }
  if (result.level == 0 || !cursor_.at_keyword("import")) result.module = dotted_name();
  cursor_.expect_keyword("import");
  if (cursor_.accept_op("*")) {
    result.names.push_back({"*", std::nullopt});
    return make_stmt(std::move(result), position);
  }
  bool parenthesized = cursor_.accept_op("(");
  do {
    if (parenthesized && cursor_.at_op(")")) break;
    result.names.push_back(import_name(false));
  } while (cursor_.accept_op(","));
  if (parenthesized && !cursor_.at_op(")")) cursor_.fail_expected("',' or ')'");
  if (parenthesized) cursor_.next();
  return make_stmt(std::move(result), position);
}

std::string StatementParser::dotted_name() {
  std::string name(cursor_.expect(TokenKind::kName, "module name").text);
  while (cursor_.accept_op(".")) {
    name += '.';
    name += cursor_.expect(TokenKind::kName, "name").text;
  }
  return name;
}

/// `name [as alias]`; a dotted name when `dotted`.
ImportName StatementParser::import_name(bool dotted) {
  ImportName name;
  name.name = dotted ? dotted_name() : std::string(cursor_.expect(TokenKind::kName, "name").text);
  if (cursor_.accept_keyword("as")) {
    name.alias = std::string(cursor_.expect(TokenKind::kName, "name").text);
  }
  return name;
}

bool StatementParser::at_statement_end() const {
  return cursor_.at_kind(TokenKind::kNewline) || cursor_.at_op(";");
}

/// Fails unless `target` can be assigned to (or deleted): names, attributes, subscripts, and
/// tuples, lists and starred of those.
void StatementParser::check_target(const Expr& target, const char* verb) const {
  if (std::holds_alternative<Name>(target.node) || std::holds_alternative<Attribute>(target.node) ||
      std::holds_alternative<Subscript>(target.node)) {
    return;
  }
  const std::vector<ExprPtr>* elements = nullptr;
  if (auto* tuple = std::get_if<Tuple>(&target.node)) elements = &tuple->elements;
  if (auto* list = std::get_if<List>(&target.node)) elements = &list->elements;
  if (elements) {
    for (const ExprPtr& element : *elements) check_target(*element, verb);
    return;
  }
  if (auto* starred = std::get_if<Starred>(&target.node)) {
    check_target(*starred->value, verb);
    return;
  }
  cursor_.fail(target.position, std::string("cannot ") + verb + " " + describe_non_target(target));
}

/// Fails unless `target` is one name, attribute or subscript.
void StatementParser::check_single_target(const Expr& target, const char* what) const {
  if (std::holds_alternative<Name>(target.node) || std::holds_alternative<Attribute>(target.node) ||
      std::holds_alternative<Subscript>(target.node)) {
    return;
  }
  cursor_.fail(target.position,
               std::string("only a single name, attribute or subscript can be ") + what);
}

/// `: statements` on the same line, or `:` NEWLINE INDENT statements DEDENT.
Body StatementParser::block() {
  cursor_.expect_op(":");
  Body body;
  if (!cursor_.at_kind(TokenKind::kNewline)) {
    simple_statements(body);
    return body;
  }
  cursor_.next();
  cursor_.expect(TokenKind::kIndent, "indented block");
  while (!cursor_.at_kind(TokenKind::kDedent) && !cursor_.at_kind(TokenKind::kEndOfFile)) {
    statement(body);
  }
  cursor_.next();
  return body;
}

/// Moves past a block without parsing it.
void StatementParser::skip_block() {
  cursor_.expect_op(":");
  if (!cursor_.at_kind(TokenKind::kNewline)) {
    while (!cursor_.at_kind(TokenKind::kNewline) && !cursor_.at_kind(TokenKind::kEndOfFile)) {
      cursor_.next();
    }
    cursor_.next();
    return;
  }
  cursor_.next();
  cursor_.expect(TokenKind::kIndent, "indented block");
  for (int depth = 1; depth > 0 && !cursor_.at_kind(TokenKind::kEndOfFile);) {
    TokenKind kind = cursor_.next().kind;
    if (kind == TokenKind::kIndent) ++depth;
    if (kind == TokenKind::kDedent) --depth;
  }
}

}  // namespace asq::py
