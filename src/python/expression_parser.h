#pragma once

// Python expressions by recursive descent, with Python's operator precedence.

#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "python/ast.h"
#include "python/token_cursor.h"

namespace asq::py {

/// Wraps `node` in a heap-allocated Expr at `position`.
template <class Node>
ExprPtr make_expr(Node&& node, Position position) {
  return std::make_unique<Expr>(Expr{ExprNode(std::forward<Node>(node)), position});
}

/// Parses expressions from a TokenCursor shared with the statement parser.
class ExpressionParser {
 public:
  /// Reads from `cursor`, which must outlive the parser.
  explicit ExpressionParser(TokenCursor& cursor) : cursor_(cursor) {}

  /// Whether the current token can start an expression.
  bool at_expression_start() const;
  /// One expression: a lambda, `a if b else c`, or anything that binds tighter (no bare tuple).
  ExprPtr expression();
  /// `a, *b, c` (star_expressions): a Tuple when there is a comma, else the one expression.
  ExprPtr expression_list();
  /// The targets of a `for` (`a, (b, c)`, `*rest`): a Tuple when there is a comma.
  ExprPtr target_list();
  /// One target: `*x` or an operand of `|` and tighter (stops before `in`, `=`, `,`).
  ExprPtr target();
  /// `a or b` and tighter: no conditional, no lambda.
  ExprPtr disjunction();
  /// `a | b` and tighter.
  ExprPtr bitwise_or() { return binary(1); }
  /// The parameters of a def (annotations allowed) or a lambda, up to but not including
  /// operator `closing`.
  std::vector<Parameter> parameters(std::string_view closing, bool annotations);
  /// Call arguments after the `(`, through the `)`.
  void arguments(std::vector<ExprPtr>& args, std::vector<Keyword>& keywords);

 private:
  /// Counts one level of recursion for as long as it lives; fails past kMaxNesting levels, before
  /// the stack could overflow on pathological input.
  class NestingGuard {
   public:
    explicit NestingGuard(ExpressionParser& parser);
    ~NestingGuard() { --parser_.nesting_; }
    NestingGuard(const NestingGuard&) = delete;
    NestingGuard& operator=(const NestingGuard&) = delete;

   private:
    ExpressionParser& parser_;
  };
  static constexpr int kMaxNesting = 1000;

  ExprPtr conjunction();
  ExprPtr inversion();
  ExprPtr comparison();
  std::string_view comparison_operator();
  ExprPtr binary(int min_precedence);
  ExprPtr unary();
  ExprPtr power();
  ExprPtr primary();
  ExprPtr lambda();
  Parameter parameter(bool annotations);
  void argument(std::vector<ExprPtr>& args, std::vector<Keyword>& keywords);

  // expression_atoms.cpp
  ExprPtr atom();
  ExprPtr star_expression();
  ExprPtr strings();
  ExprPtr parenthesized();
  ExprPtr list_display();
  ExprPtr brace_display();
  ExprPtr dict_display(ExprPtr first_key, ExprPtr first_value, Position start);
  void dict_entry(std::vector<ExprPtr>& keys, std::vector<ExprPtr>& values);
  void rest_of_elements(std::vector<ExprPtr>& elements, std::string_view closing);
  bool at_comprehension() const;
  ExprPtr comprehension(Comprehension::Kind kind, ExprPtr key, ExprPtr element, Position start);
  ExprPtr subscript_index();
  ExprPtr slice_item();

  TokenCursor& cursor_;
  int nesting_ = 0;
};

}  // namespace asq::py
