// The atoms of expressions: names, literals, displays, comprehensions and subscripts.

#include "python/expression_parser.h"
#include "python/string_literal.h"

namespace asq::py {
namespace {

/// Where byte `offset` of `token` is in the source.
Position position_in(const Token& token, size_t offset) {
  Position position = token.position;
  size_t line_start = std::string_view::npos;
  for (size_t i = 0; i < offset && i < token.text.size(); ++i) {
    if (token.text[i] == '\n') {
      ++position.line;
      line_start = i + 1;
    }
  }
  if (line_start == std::string_view::npos) {
    position.column += static_cast<int>(offset);
  } else {
    position.column = static_cast<int>(offset - line_start) + 1;
  }
  return position;
}

}  // namespace

ExprPtr ExpressionParser::atom() {
  const Token& token = cursor_.peek();
  switch (token.kind) {
    case TokenKind::kName:
      cursor_.next();
      return make_expr(Name{std::string(token.text)}, token.position);
    case TokenKind::kNumber:
      cursor_.next();
      return make_expr(Number{std::string(token.text)}, token.position);
    case TokenKind::kString:
      return strings();
    case TokenKind::kKeyword: {
      std::string_view word = token.text;
      Constant::Kind kind = Constant::Kind::kNone;
      if (word == "True") {
        kind = Constant::Kind::kTrue;
      } else if (word == "False") {
        kind = Constant::Kind::kFalse;
      } else if (word == "yield") {
        cursor_.fail(token.position, "'yield' expressions are not supported");
      } else if (word != "None") {
        break;
      }
      cursor_.next();
      return make_expr(Constant{kind}, token.position);
    }
    case TokenKind::kOperator:
      if (token.text == "(") return parenthesized();
      if (token.text == "[") return list_display();
      if (token.text == "{") return brace_display();
      if (token.text == "...") {
        cursor_.next();
        return make_expr(Constant{Constant::Kind::kEllipsis}, token.position);
      }
      break;
    default:
      break;
  }
  cursor_.fail_expected("expression");
}

ExprPtr ExpressionParser::star_expression() {
  Position position = cursor_.peek().position;
  if (!cursor_.accept_op("*")) return expression();
  return make_expr(Starred{bitwise_or(), false}, position);
}

namespace {

/// `text` with its braces doubled: a plain literal's text inside an f-string's template.
std::string braces_doubled(std::string_view text) {
  std::string out;
  for (char c : text) {
    out += c;
    if (c == '{' || c == '}') out += c;
  }
  return out;
}

}  // namespace

/// Adjacent string literals, concatenated into one String. When one of them is an f-string the
/// whole is kept as an f-string's template, so the braces of the plain ones are doubled there
/// (`f'{a}' '{}'` formats as the value of a then `{}`).
ExprPtr ExpressionParser::strings() {
  Position position = cursor_.peek().position;
  String value;
  bool first = true;
  while (cursor_.at_kind(TokenKind::kString)) {
    const Token& token = cursor_.next();
    StringPrefix prefix = string_prefix(token.text);
    if (!first && prefix.bytes != value.is_bytes) {
      cursor_.fail(token.position, "cannot mix bytes and nonbytes literals");
    }
    first = false;
    value.is_bytes = prefix.bytes;
    if (prefix.fstring && !value.is_fstring) value.value = braces_doubled(value.value);
    value.is_fstring = value.is_fstring || prefix.fstring;
    std::string part;
    if (auto error = append_string_value(token.text, part)) {
      cursor_.fail(position_in(token, error->offset), error->message);
    }
    value.value += value.is_fstring && !prefix.fstring ? braces_doubled(part) : part;
  }
  return make_expr(std::move(value), position);
}

/// `()`, `(x)`, `(x,)`, `(x, *y)`, `(x for ...)`.
ExprPtr ExpressionParser::parenthesized() {
  Position start = cursor_.expect_op("(").position;
  if (cursor_.accept_op(")")) return make_expr(Tuple{}, start);
  ExprPtr first = star_expression();
  if (at_comprehension()) {
    ExprPtr generator =
        comprehension(Comprehension::Kind::kGenerator, nullptr, std::move(first), start);
    cursor_.expect_op(")");
    return generator;
  }
  if (cursor_.accept_op(")")) {
    if (std::holds_alternative<Starred>(first->node)) {
      cursor_.fail(first->position, "cannot use starred expression here");
    }
    return first;
  }
  Tuple tuple;
  tuple.elements.push_back(std::move(first));
  rest_of_elements(tuple.elements, ")");
  return make_expr(std::move(tuple), start);
}

/// `[]`, `[a, *b]`, `[x for ...]`.
ExprPtr ExpressionParser::list_display() {
  Position start = cursor_.expect_op("[").position;
  List list;
  if (cursor_.accept_op("]")) return make_expr(std::move(list), start);
  ExprPtr first = star_expression();
  if (at_comprehension()) {
    ExprPtr result = comprehension(Comprehension::Kind::kList, nullptr, std::move(first), start);
    cursor_.expect_op("]");
    return result;
  }
  list.elements.push_back(std::move(first));
  rest_of_elements(list.elements, "]");
  return make_expr(std::move(list), start);
}

/// `{}`, dicts, sets and their comprehensions.
ExprPtr ExpressionParser::brace_display() {
  Position start = cursor_.expect_op("{").position;
  if (cursor_.accept_op("}")) return make_expr(Dict{}, start);
  if (cursor_.at_op("**")) return dict_display(nullptr, nullptr, start);
  ExprPtr first = star_expression();
  if (cursor_.accept_op(":")) {
    ExprPtr value = expression();
    if (!at_comprehension()) return dict_display(std::move(first), std::move(value), start);
    ExprPtr result =
        comprehension(Comprehension::Kind::kDict, std::move(first), std::move(value), start);
    cursor_.expect_op("}");
    return result;
  }
  if (at_comprehension()) {
    ExprPtr result = comprehension(Comprehension::Kind::kSet, nullptr, std::move(first), start);
    cursor_.expect_op("}");
    return result;
  }
  Set set;
  set.elements.push_back(std::move(first));
  rest_of_elements(set.elements, "}");
  return make_expr(std::move(set), start);
}

/// The rest of a dict display after its first entry (or at its first `**`), through the `}`.
ExprPtr ExpressionParser::dict_display(ExprPtr first_key, ExprPtr first_value, Position start) {
  Dict dict;
  if (first_value) {
    dict.keys.push_back(std::move(first_key));
    dict.values.push_back(std::move(first_value));
  } else {
    dict_entry(dict.keys, dict.values);
  }
  while (cursor_.accept_op(",") && !cursor_.at_op("}")) dict_entry(dict.keys, dict.values);
  if (!cursor_.at_op("}")) cursor_.fail_expected("',' or '}'");
  cursor_.next();
  return make_expr(std::move(dict), start);
}

/// `key: value` or `**mapping` (a null key).
void ExpressionParser::dict_entry(std::vector<ExprPtr>& keys, std::vector<ExprPtr>& values) {
  if (cursor_.accept_op("**")) {
    keys.push_back(nullptr);
    values.push_back(bitwise_or());
    return;
  }
  keys.push_back(expression());
  cursor_.expect_op(":");
  values.push_back(expression());
}

/// After a display's first element: `, element`... and the closing bracket.
void ExpressionParser::rest_of_elements(std::vector<ExprPtr>& elements, std::string_view closing) {
  while (cursor_.accept_op(",") && !cursor_.at_op(closing)) {
    elements.push_back(star_expression());
  }
  if (!cursor_.at_op(closing)) cursor_.fail_expected("',' or '" + std::string(closing) + "'");
  cursor_.next();
}

bool ExpressionParser::at_comprehension() const {
  return cursor_.at_keyword("for") || cursor_.at_keyword("async");
}

/// The `for ... in ... if ...` clauses after a comprehension's element.
ExprPtr ExpressionParser::comprehension(Comprehension::Kind kind, ExprPtr key, ExprPtr element,
                                        Position start) {
  Comprehension result;
  result.kind = kind;
  result.key = std::move(key);
  result.element = std::move(element);
  while (at_comprehension()) {
    if (cursor_.at_keyword("async")) {
      cursor_.fail(cursor_.peek().position, "asynchronous comprehensions are not supported");
    }
    cursor_.next();
    ComprehensionFor clause;
    clause.target = target_list();
    cursor_.expect_keyword("in");
    clause.iter = disjunction();
    while (cursor_.accept_keyword("if")) clause.conditions.push_back(disjunction());
    result.generators.push_back(std::move(clause));
  }
  return make_expr(std::move(result), start);
}

/// Inside `[...]` after a value: one index or slice, or a Tuple of them.
ExprPtr ExpressionParser::subscript_index() {
  Position start = cursor_.peek().position;
  ExprPtr first = slice_item();
  if (!cursor_.at_op(",")) return first;
  Tuple tuple;
  tuple.elements.push_back(std::move(first));
  while (cursor_.accept_op(",") && !cursor_.at_op("]")) tuple.elements.push_back(slice_item());
  return make_expr(std::move(tuple), start);
}

/// `x`, `*x` or `lower:upper:step` with any part left out.
ExprPtr ExpressionParser::slice_item() {
  Position start = cursor_.peek().position;
  ExprPtr lower;
  if (!cursor_.at_op(":")) {
    lower = star_expression();
    if (!cursor_.at_op(":")) return lower;
  }
  cursor_.next();
  Slice slice;
  slice.lower = std::move(lower);
  auto at_part_end = [&] { return cursor_.at_op(":") || cursor_.at_op("]") || cursor_.at_op(","); };
  if (!at_part_end()) slice.upper = expression();
  if (cursor_.accept_op(":") && !at_part_end()) slice.step = expression();
  return make_expr(std::move(slice), start);
}

}  // namespace asq::py
