#include "python/expression_parser.h"

#include <algorithm>
#include <string>

namespace asq::py {
namespace {

/// The binding strength of a binary operator token, from `|` (1) to `*` (6); 0 for others.
int binary_precedence(const Token& token) {
  if (token.kind != TokenKind::kOperator) return 0;
  std::string_view op = token.text;
  if (op.size() == 1) {
    switch (op[0]) {
      case '|':
        return 1;
      case '^':
        return 2;
      case '&':
        return 3;
      case '+':
      case '-':
        return 5;
      case '*':
      case '/':
      case '%':
      case '@':
        return 6;
      default:
        return 0;
    }
  }
  if (op == "<<" || op == ">>") return 4;
  if (op == "//") return 6;
  return 0;
}

bool is_unary_operator(const Token& token) {
  return token.kind == TokenKind::kOperator &&
         (token.text == "-" || token.text == "+" || token.text == "~");
}

}  // namespace

ExpressionParser::NestingGuard::NestingGuard(ExpressionParser& parser) : parser_(parser) {
  if (++parser_.nesting_ > kMaxNesting) {
    parser_.cursor_.fail(parser_.cursor_.peek().position, "expression nested too deeply");
  }
}

bool ExpressionParser::at_expression_start() const {
  const Token& token = cursor_.peek();
  std::string_view text = token.text;
  switch (token.kind) {
    case TokenKind::kName:
    case TokenKind::kNumber:
    case TokenKind::kString:
      return true;
    case TokenKind::kKeyword:
      return text == "None" || text == "True" || text == "False" || text == "not" ||
             text == "lambda" || text == "await" || text == "yield";
    case TokenKind::kOperator:
      return text == "(" || text == "[" || text == "{" || text == "-" || text == "+" ||
             text == "~" || text == "*" || text == "...";
    default:
      return false;
  }
}

ExprPtr ExpressionParser::expression() {
  NestingGuard guard(*this);
  if (cursor_.at_keyword("lambda")) return lambda();
  ExprPtr body = disjunction();
  if (cursor_.accept_keyword("if")) {
    Position position = body->position;
    Conditional conditional;
    conditional.body = std::move(body);
    conditional.test = disjunction();
    cursor_.expect_keyword("else");
    conditional.orelse = expression();
    body = make_expr(std::move(conditional), position);
  }
  if (cursor_.at_op(":=")) {
    cursor_.fail(cursor_.peek().position, "assignment expressions (':=') are not supported");
  }
  return body;
}

ExprPtr ExpressionParser::expression_list() {
  Position start = cursor_.peek().position;
  ExprPtr first = star_expression();
  if (!cursor_.at_op(",")) {
    if (std::holds_alternative<Starred>(first->node)) {
      cursor_.fail(first->position, "cannot use starred expression here");
    }
    return first;
  }
  Tuple tuple;
  tuple.elements.push_back(std::move(first));
  while (cursor_.accept_op(",") && at_expression_start()) {
    tuple.elements.push_back(star_expression());
  }
  return make_expr(std::move(tuple), start);
}

ExprPtr ExpressionParser::target_list() {
  Position start = cursor_.peek().position;
  ExprPtr first = target();
  if (!cursor_.at_op(",")) return first;
  Tuple tuple;
  tuple.elements.push_back(std::move(first));
  while (cursor_.accept_op(",") && at_expression_start()) tuple.elements.push_back(target());
  return make_expr(std::move(tuple), start);
}

ExprPtr ExpressionParser::target() {
  Position position = cursor_.peek().position;
  if (!cursor_.accept_op("*")) return bitwise_or();
  return make_expr(Starred{bitwise_or(), false}, position);
}

ExprPtr ExpressionParser::disjunction() {
  ExprPtr first = conjunction();
  if (!cursor_.at_keyword("or")) return first;
  Position position = first->position;
  BoolOp op{"or", {}};
  op.values.push_back(std::move(first));
  while (cursor_.accept_keyword("or")) op.values.push_back(conjunction());
  return make_expr(std::move(op), position);
}

ExprPtr ExpressionParser::conjunction() {
  ExprPtr first = inversion();
  if (!cursor_.at_keyword("and")) return first;
  Position position = first->position;
  BoolOp op{"and", {}};
  op.values.push_back(std::move(first));
  while (cursor_.accept_keyword("and")) op.values.push_back(inversion());
  return make_expr(std::move(op), position);
}

ExprPtr ExpressionParser::inversion() {
  if (!cursor_.at_keyword("not")) return comparison();
  NestingGuard guard(*this);
  Position position = cursor_.next().position;
  return make_expr(Unary{"not", inversion()}, position);
}

ExprPtr ExpressionParser::comparison() {
  ExprPtr left = bitwise_or();
  std::string_view op = comparison_operator();
  if (op.empty()) return left;
  Position position = left->position;
  Compare compare;
  compare.left = std::move(left);
  for (; !op.empty(); op = comparison_operator()) {
    compare.ops.emplace_back(op);
    compare.comparators.push_back(bitwise_or());
  }
  return make_expr(std::move(compare), position);
}

/// Moves past a comparison operator and returns it (`not in` and `is not` as one); "" if none.
std::string_view ExpressionParser::comparison_operator() {
  const Token& token = cursor_.peek();
  if (token.kind == TokenKind::kOperator) {
    std::string_view op = token.text;
    if (op == "<" || op == ">" || op == "==" || op == "<=" || op == ">=" || op == "!=") {
      cursor_.next();
      return op;
    }
    return {};
  }
  if (token.kind != TokenKind::kKeyword) return {};
  if (token.text == "in") {
    cursor_.next();
    return "in";
  }
  if (token.text == "is") {
    cursor_.next();
    return cursor_.accept_keyword("not") ? "is not" : "is";
  }
  if (token.text == "not" && TokenCursor::is_keyword_token(cursor_.peek(1), "in")) {
    cursor_.next();
    cursor_.next();
    return "not in";
  }
  return {};
}

/// Left-associative binary operators from `|` up to `* / // % @`, by precedence climbing.
ExprPtr ExpressionParser::binary(int min_precedence) {
  ExprPtr left = unary();
  while (true) {
    int precedence = binary_precedence(cursor_.peek());
    if (precedence < min_precedence || precedence == 0) return left;
    std::string op(cursor_.next().text);
    ExprPtr right = binary(precedence + 1);
    Position position = left->position;
    left = make_expr(Binary{std::move(op), std::move(left), std::move(right)}, position);
  }
}

ExprPtr ExpressionParser::unary() {
  if (!is_unary_operator(cursor_.peek())) return power();
  NestingGuard guard(*this);
  const Token& op = cursor_.next();
  return make_expr(Unary{std::string(op.text), unary()}, op.position);
}

ExprPtr ExpressionParser::power() {
  ExprPtr base;
  if (cursor_.at_keyword("await")) {
    Position position = cursor_.next().position;
    base = make_expr(Unary{"await", primary()}, position);
  } else {
    base = primary();
  }
  if (!cursor_.accept_op("**")) return base;
  NestingGuard guard(*this);
  Position position = base->position;
  return make_expr(Binary{"**", std::move(base), unary()}, position);
}

ExprPtr ExpressionParser::primary() {
  ExprPtr value = atom();
  while (true) {
    Position position = value->position;
    if (cursor_.accept_op(".")) {
      std::string attr(cursor_.expect(TokenKind::kName, "attribute name").text);
      value = make_expr(Attribute{std::move(value), std::move(attr)}, position);
    } else if (cursor_.accept_op("(")) {
      Call call;
      call.func = std::move(value);
      arguments(call.args, call.keywords);
      value = make_expr(std::move(call), position);
    } else if (cursor_.accept_op("[")) {
      ExprPtr index = subscript_index();
      cursor_.expect_op("]");
      value = make_expr(Subscript{std::move(value), std::move(index)}, position);
    } else {
      return value;
    }
  }
}

ExprPtr ExpressionParser::lambda() {
  Position position = cursor_.expect_keyword("lambda").position;
  Lambda lambda;
  lambda.parameters = parameters(":", false);
  cursor_.expect_op(":");
  lambda.body = expression();
  return make_expr(std::move(lambda), position);
}

std::vector<Parameter> ExpressionParser::parameters(std::string_view closing, bool annotations) {
  std::vector<Parameter> result;
  bool seen_default = false;
  bool seen_star = false;
  while (!cursor_.at_op(closing)) {
    const Token& token = cursor_.peek();
    if (cursor_.accept_op("/")) {
      if (result.empty() || seen_star) cursor_.fail(token.position, "'/' must follow a parameter");
      for (Parameter& previous : result) previous.positional_only = true;
    } else {
      Parameter parameter = this->parameter(annotations);
      if (parameter.kind != Parameter::Kind::kPlain) {
        seen_star = true;
      } else if (parameter.default_value) {
        seen_default = true;
      } else if (seen_default && !seen_star) {
        cursor_.fail(token.position,
                     "parameter without a default follows parameter with a default");
      }
      result.push_back(std::move(parameter));
    }
    if (!cursor_.accept_op(",")) break;
  }
  return result;
}

/// `name[: annotation][= default]`, `*[name[: annotation]]` or `**name[: annotation]`.
Parameter ExpressionParser::parameter(bool annotations) {
  Parameter parameter;
  parameter.position = cursor_.peek().position;
  if (cursor_.accept_op("*")) {
    parameter.kind = Parameter::Kind::kVarArgs;
    if (!cursor_.at_kind(TokenKind::kName)) return parameter;
  } else if (cursor_.accept_op("**")) {
    parameter.kind = Parameter::Kind::kKwArgs;
  }
  parameter.name = cursor_.expect(TokenKind::kName, "parameter name").text;
  if (annotations && cursor_.accept_op(":")) parameter.annotation = expression();
  if (parameter.kind == Parameter::Kind::kPlain && cursor_.accept_op("=")) {
    parameter.default_value = expression();
  }
  return parameter;
}

void ExpressionParser::arguments(std::vector<ExprPtr>& args, std::vector<Keyword>& keywords) {
  while (!cursor_.at_op(")")) {
    Position position = cursor_.peek().position;
    argument(args, keywords);
    if (at_comprehension()) {
      if (args.size() != 1 || !keywords.empty() ||
          std::holds_alternative<Starred>(args.back()->node)) {
        cursor_.fail(position, "a generator argument must be parenthesized unless it is alone");
      }
      args.back() =
          comprehension(Comprehension::Kind::kGenerator, nullptr, std::move(args.back()), position);
      break;
    }
    if (!cursor_.accept_op(",")) break;
  }
  if (!cursor_.at_op(")")) cursor_.fail_expected("',' or ')'");
  cursor_.next();
}

/// One call argument: `value`, `*value`, `name=value` or `**value`.
void ExpressionParser::argument(std::vector<ExprPtr>& args, std::vector<Keyword>& keywords) {
  const Token& token = cursor_.peek();
  if (cursor_.accept_op("**")) {
    keywords.push_back({std::nullopt, expression(), token.position});
    return;
  }
  if (token.kind == TokenKind::kName && TokenCursor::is_op(cursor_.peek(1), "=")) {
    cursor_.next();
    cursor_.next();
    keywords.push_back({std::string(token.text), expression(), token.position});
    return;
  }
  bool starred = cursor_.accept_op("*");
  bool after_unpacking = std::any_of(keywords.begin(), keywords.end(),
                                     [](const Keyword& keyword) { return !keyword.name; });
  if (starred) {
    if (after_unpacking) {
      cursor_.fail(token.position,
                   "iterable argument unpacking follows keyword argument unpacking");
    }
    args.push_back(make_expr(Starred{expression(), false}, token.position));
    return;
  }
  if (!keywords.empty()) {
    cursor_.fail(token.position, after_unpacking
                                     ? "positional argument follows keyword argument unpacking"
                                     : "positional argument follows keyword argument");
  }
  args.push_back(expression());
}

}  // namespace asq::py
