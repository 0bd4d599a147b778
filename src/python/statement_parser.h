#pragma once

// Python statements by recursive descent over the token list.

#include <utility>
#include <vector>

#include "python/ast.h"
#include "python/expression_parser.h"
#include "python/parser.h"
#include "python/token_cursor.h"

namespace asq::py {

/// Wraps `node` in a heap-allocated Stmt at `position`.
template <class Node>
StmtPtr make_stmt(Node&& node, Position position) {
  return std::make_unique<Stmt>(Stmt{StmtNode(std::forward<Node>(node)), position});
}

/// Parses statements from a TokenCursor; expressions go to an ExpressionParser on the same cursor.
class StatementParser {
 public:
  /// Reads from `cursor`, which must outlive the parser.
  StatementParser(TokenCursor& cursor, ParseOptions options)
      : cursor_(cursor), expressions_(cursor), options_(options) {}

  /// All statements up to the end of the file.
  Body module();

 private:
  void statement(Body& out);
  bool at_match_statement() const;
  void simple_statements(Body& out);
  StmtPtr simple_statement();
  StmtPtr keyword_statement();
  StmtPtr flow_statement();
  StmtPtr delete_statement();
  StmtPtr global_statement();
  StmtPtr expression_statement();
  StmtPtr import_statement();
  StmtPtr from_import();
  std::string dotted_name();
  ImportName import_name(bool dotted);
  bool at_statement_end() const;
  void check_target(const Expr& target, const char* verb) const;
  void check_single_target(const Expr& target, const char* what) const;
  Body block();
  void skip_block();

  // compound_statements.cpp
  StmtPtr compound_statement();
  StmtPtr if_statement();
  StmtPtr while_statement();
  StmtPtr for_statement();
  StmtPtr try_statement();
  ExceptHandler except_clause();
  StmtPtr with_statement();
  bool at_parenthesized_with_items() const;
  WithItem with_item();
  StmtPtr decorated();
  StmtPtr function_def(std::vector<ExprPtr> decorators);
  StmtPtr class_def(std::vector<ExprPtr> decorators);

  TokenCursor& cursor_;
  ExpressionParser expressions_;
  ParseOptions options_;
};

}  // namespace asq::py
