#pragma once

// SQL value expressions as written (CHECK bodies, generated columns, index keys and predicates,
// view select lists): the syntax tree PostgreSQL's grammar builds before types are known.
// Internal to src/schema and the in-memory engine; what it cannot read throws SpellingError.

#include <string>
#include <string_view>
#include <vector>

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

/// Parses one whole expression. Throws SpellingError for what the grammar here does not cover.
Node parse_expression(std::string_view sql);

}  // namespace asq::syntax
