#include "sql/expression_syntax.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace asq::syntax {
namespace {

using sql::Token;

[[noreturn]] void fail(const std::string& message) { throw SpellingError(message); }
using Kind = Node::Kind;

/// Words that end a type name written after `::` (the grammar's reserved words that may
/// follow an expression, and OPERATOR, which starts a qualified operator).
const std::set<std::string, std::less<>>& words_after_expression() {
  static const std::set<std::string, std::less<>> words = {
      "and",       "or",     "not",     "is",    "isnull", "notnull", "in",      "between",
      "like",      "ilike",  "similar", "as",    "from",   "then",    "when",    "else",
      "end",       "asc",    "desc",    "nulls", "filter", "over",    "collate", "escape",
      "on",        "where",  "group",   "order", "limit",  "having",  "union",   "except",
      "intersect", "window", "offset",  "using", "join",   "left",    "right",   "inner",
      "full",      "cross",  "natural", "with",  "for",    "operator"};
  return words;
}

const std::set<std::string, std::less<>>& comparison_operators() {
  static const std::set<std::string, std::less<>> ops = {"=", "<>", "!=", "<", ">", "<=", ">="};
  return ops;
}

Node make(Kind kind, std::string text = "", std::vector<Node> args = {}) {
  Node node;
  node.kind = kind;
  node.text = std::move(text);
  node.args = std::move(args);
  return node;
}

class Parser {
 public:
  explicit Parser(std::string_view sql) : sql_(sql), t_(tokens_of(sql)) {}

  Node whole() {
    Node node = expression();
    if (peek().kind != Token::Kind::kEnd) unsupported();
    return node;
  }

 private:
  Node expression() { return disjunction(); }

  Node disjunction() {
    Node left = conjunction();
    if (!at_word("or")) return left;
    Node node = make(Kind::kOr, "", {std::move(left)});
    while (accept_word("or")) node.args.push_back(conjunction());
    return node;
  }
  Node conjunction() {
    Node left = negation();
    if (!at_word("and")) return left;
    Node node = make(Kind::kAnd, "", {std::move(left)});
    while (accept_word("and")) node.args.push_back(negation());
    return node;
  }
  Node negation() {
    if (accept_word("not")) return make(Kind::kNot, "", {negation()});
    return is_test();
  }
  Node is_test() {
    Node node = comparison();
    if (accept_word("isnull")) return make(Kind::kIsNull, "", {std::move(node)});
    if (accept_word("notnull")) {
      Node test = make(Kind::kIsNull, "", {std::move(node)});
      test.negated = true;
      return test;
    }
    if (!accept_word("is")) return node;
    bool negated = accept_word("not");
    Node test;
    if (accept_word("null")) {
      test = make(Kind::kIsNull, "", {std::move(node)});
    } else if (at_word("true") || at_word("false") || at_word("unknown")) {
      std::string value = upper(t_[at_++].text);
      test = make(Kind::kIsBoolean, value, {std::move(node)});
    } else if (accept_word("distinct")) {
      expect_word("from");
      test = make(Kind::kIsDistinct, "", {std::move(node), comparison()});
    } else {
      unsupported();
    }
    test.negated = negated;
    return test;
  }
  Node comparison() {
    Node left = membership();
    if (peek().kind != Token::Kind::kSymbol || !comparison_operators().count(peek().text)) {
      return left;
    }
    std::string op = t_[at_++].text;
    if (op == "!=") op = "<>";
    if (at_word("any") || at_word("some") || at_word("all")) {
      Node node = make(Kind::kOperator, op);
      quantified_right(node, std::move(left));
      return node;
    }
    return make(Kind::kOperator, op, {std::move(left), membership()});
  }
  Node membership() {
    Node left = other_operators();
    bool negated = at_word("not") && (next_is_word("between") || next_is_word("in") ||
                                      next_is_word("like") || next_is_word("ilike"));
    if (negated) ++at_;
    Node node;
    if (accept_word("between")) {
      Node low = other_operators();
      expect_word("and");
      node = make(Kind::kBetween, "", {std::move(left), std::move(low), other_operators()});
    } else if (accept_word("in")) {
      node = make(Kind::kIn, "", {std::move(left)});
      expect("(");
      do {
        node.args.push_back(expression());
      } while (accept(","));
      expect(")");
    } else if (at_word("like") || at_word("ilike")) {
      std::string op = t_[at_++].text == "like" ? "~~" : "~~*";
      if (negated) op = "!" + op;
      Node pattern = other_operators();
      if (at_word("escape")) unsupported();
      return make(Kind::kOperator, op, {std::move(left), std::move(pattern)});
    } else {
      if (negated) unsupported();
      return left;
    }
    node.negated = negated;
    return node;
  }
  Node other_operators() {
    Node left = additive();
    while (true) {
      Node node = make(Kind::kOperator);
      if (peek().kind == Token::Kind::kSymbol && is_other_operator(peek().text)) {
        node.text = t_[at_++].text;
      } else if (at_word("operator") && next_is_symbol("(")) {
        qualified_operator(node);
      } else {
        return left;
      }
      if (at_word("any") || at_word("some") || at_word("all")) {
        quantified_right(node, std::move(left));
      } else {
        node.args = {std::move(left), additive()};
      }
      left = std::move(node);
    }
  }
  /// `op ANY|SOME|ALL (array)` after `left`: turns `node` (the operator) into kQuantified.
  void quantified_right(Node& node, Node left) {
    node.kind = Kind::kQuantified;
    node.all = t_[at_++].text == "all";
    expect("(");
    node.args = {std::move(left), expression()};
    expect(")");
  }
  /// `OPERATOR(schema.op)`, which the grammar gives the precedence of any other operator
  /// whatever `op` is.
  void qualified_operator(Node& node) {
    at_ += 2;
    if (peek().kind != Token::Kind::kWord && peek().kind != Token::Kind::kQuotedWord) {
      unsupported();
    }
    node.qualifier = t_[at_++].text;
    expect(".");
    if (peek().kind != Token::Kind::kSymbol) unsupported();
    node.text = t_[at_++].text;
    expect(")");
  }
  static bool is_other_operator(const std::string& op) {
    static const std::set<std::string, std::less<>> not_other = {
        "+", "-", "*", "/", "%", "^", "=", "<>", "!=", "<", ">", "<=", ">="};
    return op.find_first_of("+-*/<>=~!@#%^&|`?") == 0 && !not_other.count(op);
  }
  Node additive() {
    Node left = multiplicative();
    while (at_symbol("+") || at_symbol("-")) {
      std::string op = t_[at_++].text;
      left = make(Kind::kOperator, op, {std::move(left), multiplicative()});
    }
    return left;
  }
  Node multiplicative() {
    Node left = unary();
    while (at_symbol("*") || at_symbol("/") || at_symbol("%")) {
      std::string op = t_[at_++].text;
      left = make(Kind::kOperator, op, {std::move(left), unary()});
    }
    return left;
  }
  Node unary() {
    if (at_symbol("-") || at_symbol("+")) {
      bool minus = t_[at_++].text == "-";
      Node operand = unary();
      if (operand.kind == Kind::kNumber && operand.text[0] != '-') {
        if (minus) operand.text = "-" + operand.text;
        return operand;  // the grammar folds a sign into a number
      }
      return make(Kind::kOperator, minus ? "-" : "+", {std::move(operand)});
    }
    return postfix();
  }
  Node postfix() {
    Node node = primary();
    while (accept("::")) node = make(Kind::kCast, type_name(), {std::move(node)});
    if (at_symbol("[")) unsupported();
    return node;
  }
  /// A type name up to the next token that cannot belong to it.
  std::string type_name() {
    size_t first = at_;
    int depth = 0;
    while (peek().kind != Token::Kind::kEnd) {
      const Token& t = peek();
      bool symbol = t.kind == Token::Kind::kSymbol;
      if (symbol && t.text == "(") ++depth;
      if (symbol && t.text == ")" && depth-- == 0) break;
      bool array_brackets = t.text == "[" && at_ + 1 < t_.size() && t_[at_ + 1].text == "]";
      if (depth == 0 && symbol && t.text != "." && !array_brackets && t.text != ")") break;
      if (array_brackets) ++at_;
      if (depth == 0 && t.kind == Token::Kind::kWord && at_ > first &&
          words_after_expression().count(t.text))
        break;
      ++at_;
    }
    if (at_ == first) unsupported();
    return canonical_type_from_sql(sql_.substr(t_[first].begin, t_[at_ - 1].end - t_[first].begin))
        .spelling;
  }

  Node primary() {
    const Token token = t_[at_++];
    switch (token.kind) {
      case Token::Kind::kString:
        return make(Kind::kString, token.text);
      case Token::Kind::kNumber:
        if (!is_number(token.text)) unsupported();
        return make(Kind::kNumber, token.text);
      case Token::Kind::kSymbol:
        if (token.text != "(") unsupported();
        return parenthesized();
      case Token::Kind::kQuotedWord:
        return name_or_call(token.text);
      case Token::Kind::kWord:
        return word(token.text);
      case Token::Kind::kEnd:
        break;
    }
    unsupported();
  }
  Node parenthesized() {
    Node inner = expression();
    expect(")");
    return inner;
  }
  Node word(const std::string& text) {
    if (text == "true") return make(Kind::kTrue);
    if (text == "false") return make(Kind::kFalse);
    if (text == "null") return make(Kind::kNull);
    if (text == "array") return array();
    if (text == "case") return case_expression();
    if (text == "cast") return cast_call();
    if (text == "coalesce" || text == "greatest" || text == "least" || text == "nullif") {
      Node node = make(Kind::kCoalesce, upper(text));
      node.args = arguments();
      return node;
    }
    static const std::set<std::string, std::less<>> value_functions = {
        "current_timestamp", "current_date",    "current_time",  "localtimestamp",
        "localtime",         "current_user",    "session_user",  "user",
        "current_role",      "current_catalog", "current_schema"};
    if (value_functions.count(text) && !at_symbol("(")) {
      return make(Kind::kValueFunction, text == "user" ? "CURRENT_USER" : upper(text));
    }
    if (peek().kind == Token::Kind::kString) {
      // A typed literal: `interval '1 day'` is `'1 day'::interval`.
      std::string type = canonical_type_from_sql(text).spelling;
      return make(Kind::kCast, type, {make(Kind::kString, t_[at_++].text)});
    }
    if (words_after_expression().count(text)) unsupported();
    return name_or_call(text);
  }
  Node name_or_call(const std::string& first) {
    std::vector<std::string> parts{first};
    while (accept(".")) {
      if (accept("*")) {
        Node all = make(Kind::kColumn, "*");
        all.qualifier = parts.back();
        if (parts.size() != 1) unsupported();
        return all;
      }
      if (peek().kind != Token::Kind::kWord && peek().kind != Token::Kind::kQuotedWord) {
        unsupported();
      }
      parts.push_back(t_[at_++].text);
    }
    if (parts.size() > 2) unsupported();
    Node node = make(at_symbol("(") ? Kind::kCall : Kind::kColumn, parts.back());
    if (parts.size() == 2) node.qualifier = parts.front();
    if (node.kind == Kind::kCall) call_arguments(node);
    return node;
  }
  void call_arguments(Node& call) {
    expect("(");
    if (accept("*")) {
      call.star = true;
      expect(")");
    } else if (!accept(")")) {
      call.distinct = accept_word("distinct");
      do {
        call.args.push_back(expression());
      } while (accept(","));
      if (at_word("order")) unsupported();
      expect(")");
    }
    if (at_word("within") || at_word("over")) unsupported();
    if (accept_word("filter")) {
      expect("(");
      expect_word("where");
      call.args.push_back(expression());
      call.has_filter = true;
      expect(")");
    }
  }
  std::vector<Node> arguments() {
    std::vector<Node> args;
    expect("(");
    do {
      args.push_back(expression());
    } while (accept(","));
    expect(")");
    return args;
  }
  Node array() {
    Node node = make(Kind::kArray);
    expect("[");
    if (!accept("]")) {
      do {
        node.args.push_back(expression());
      } while (accept(","));
      expect("]");
    }
    return node;
  }
  Node case_expression() {
    Node node = make(Kind::kCase);
    if (!at_word("when")) {
      node.has_operand = true;
      node.args.push_back(expression());
    }
    while (accept_word("when")) {
      node.args.push_back(expression());
      expect_word("then");
      node.args.push_back(expression());
    }
    if (accept_word("else")) {
      node.has_else = true;
      node.args.push_back(expression());
    }
    expect_word("end");
    return node;
  }
  Node cast_call() {
    expect("(");
    Node operand = expression();
    expect_word("as");
    Node node = make(Kind::kCast, type_name(), {std::move(operand)});
    expect(")");
    return node;
  }

  static std::string upper(std::string text) {
    for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return text;
  }
  const Token& peek() const { return t_[at_]; }
  bool at_symbol(std::string_view symbol) const {
    return peek().kind == Token::Kind::kSymbol && peek().text == symbol;
  }
  bool at_word(std::string_view word) const {
    return peek().kind == Token::Kind::kWord && peek().text == word;
  }
  bool next_is_word(std::string_view word) const {
    return at_ + 1 < t_.size() && t_[at_ + 1].kind == Token::Kind::kWord &&
           t_[at_ + 1].text == word;
  }
  bool next_is_symbol(std::string_view symbol) const {
    return at_ + 1 < t_.size() && t_[at_ + 1].kind == Token::Kind::kSymbol &&
           t_[at_ + 1].text == symbol;
  }
  bool accept(std::string_view symbol) {
    if (!at_symbol(symbol)) return false;
    ++at_;
    return true;
  }
  bool accept_word(std::string_view word) {
    if (!at_word(word)) return false;
    ++at_;
    return true;
  }
  void expect(std::string_view symbol) {
    if (!accept(symbol)) unsupported();
  }
  void expect_word(std::string_view word) {
    if (!accept_word(word)) unsupported();
  }
  [[noreturn]] void unsupported() const {
    size_t at = std::min(at_, t_.size() - 1);
    throw UnreadableExpression("cannot read the SQL expression " + std::string(sql_) +
                               " at offset " + std::to_string(t_[at].begin));
  }

  std::string_view sql_;
  std::vector<Token> t_;
  size_t at_ = 0;
};

}  // namespace

Node parse_expression(std::string_view sql) { return Parser(sql).whole(); }

std::vector<sql::Token> tokens_of(std::string_view sql) {
  std::vector<sql::Token> tokens;
  try {
    tokens = sql::tokenize(sql);
  } catch (const sql::LexError& e) {
    fail(std::string(e.what()) + " in " + std::string(sql));
  }
  for (size_t i = 0; i < tokens.size(); ++i) {
    const sql::Token& t = tokens[i];
    if (t.kind != sql::Token::Kind::kString || t.prefix == '$') continue;
    bool after_word =
        i > 0 && tokens[i - 1].kind == sql::Token::Kind::kWord && tokens[i - 1].end == t.begin;
    if (t.prefix != 0 || after_word) {
      fail("prefixed string literals (E'', B'', X'') are not supported: " + std::string(sql));
    }
  }
  return tokens;
}

bool is_number(std::string_view text) {
  if (text.empty()) return false;
  size_t i = text[0] == '-' || text[0] == '+' ? 1 : 0;
  bool digit = false, dot = false, exponent = false;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digit = true;
    } else if (c == '.' && !dot && !exponent) {
      dot = true;
    } else if ((c == 'e' || c == 'E') && digit && !exponent) {
      exponent = true;
      if (i + 1 < text.size() && (text[i + 1] == '-' || text[i + 1] == '+')) ++i;
      digit = false;
    } else {
      return false;
    }
  }
  return digit;
}

}  // namespace asq::syntax
