#pragma once

// SQL value expressions as written (CHECK bodies, generated columns, index keys and predicates,
// view select lists): the syntax tree PostgreSQL's grammar builds before types are known.
// What it cannot read throws SpellingError (sql/type_names.h).

#include <string>
#include <string_view>
#include <vector>

#include "sql/tokens.h"
#include "sql/type_names.h"

namespace asq::syntax {

struct Node {
  enum class Kind {
    kColumn,  // text = name, qualifier = table alias or "" (or "*" for alias.*)
    kString,  // text = value
    kNumber,  // text = as written, optionally with a leading '-'
    kTrue,
    kFalse,
    kNull,
    kValueFunction,  // text = CURRENT_TIMESTAMP, CURRENT_USER, ...
    kCall,           // text = name, qualifier = schema; args; star (count(*)); filter
    kOperator,       // text = operator, qualifier = schema of OPERATOR(schema.op);
                     // args = {left, right}, or {operand} for a prefix one
    kAnd,
    kOr,
    kNot,
    kIsNull,      // negated: IS NOT NULL
    kIsBoolean,   // text = TRUE / FALSE / UNKNOWN; negated
    kIsDistinct,  // negated: IS NOT DISTINCT FROM
    kIn,          // args = {operand, items...}; negated
    kQuantified,  // text, qualifier as kOperator; all = ALL (else ANY); args = {operand, array}
    kBetween,     // args = {operand, low, high}; negated
    kCast,        // text = canonical target type; args = {operand}
    kArray,       // args = elements
    kCase,        // args = [operand] when/then pairs... [else]; operand, has_else
    kCoalesce,    // also GREATEST, LEAST, NULLIF: text = the keyword
  };
  Kind kind = Kind::kNull;
  std::string text;
  std::string qualifier;
  std::vector<Node> args;
  bool negated = false;
  bool all = false;
  bool star = false;
  bool distinct = false;
  bool has_operand = false;
  bool has_else = false;
  /// Aggregates: FILTER (WHERE ...), as args.back() when has_filter.
  bool has_filter = false;
};

/// What the grammar here does not cover; the message names the offset where reading stopped.
class UnreadableExpression : public SpellingError {
 public:
  using SpellingError::SpellingError;
};

/// Parses one whole expression. Throws UnreadableExpression for what the grammar here does not
/// cover, SpellingError for a type name it cannot read (sql/type_names.h) and for the tokens
/// tokens_of refuses.
Node parse_expression(std::string_view sql);

/// The tokens of an expression (sql/tokens.h). Throws SpellingError on an unterminated literal
/// or name, and on a prefixed string (E'', B'', X'', or a word right before a quote), which
/// the expression readers do not cover.
std::vector<sql::Token> tokens_of(std::string_view sql);

/// Whether `text` is a number literal (optionally signed, with fraction or exponent).
bool is_number(std::string_view text);

}  // namespace asq::syntax
