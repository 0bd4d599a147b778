#pragma once

// The analysed form of an expression (what PostgreSQL's parse analysis makes of the syntax
// tree): every node typed, implicit casts inserted, operators and functions resolved. Internal
// to src/schema: expression_analysis.cpp builds it, expression_printer.cpp prints it.

#include <string>
#include <vector>

#include "schema/expression.h"

namespace asq::expr {

struct Typed {
  enum class Kind {
    kVar,            // text = printed reference, column = name
    kConst,          // text = printed constant ("" while still of type unknown: value holds it)
    kFunc,           // text = printed name; args
    kAggregate,      // as kFunc; star, distinct, has_filter (filter = args.back())
    kValueFunction,  // text = CURRENT_TIMESTAMP, ...
    kOperator,       // text = operator; args = {left, right} or {operand}
    kAnd,
    kOr,
    kNot,
    kNullTest,     // negated: IS NOT NULL
    kBooleanTest,  // text = TRUE / FALSE / UNKNOWN; negated
    kDistinct,     // IS DISTINCT FROM
    kCast,         // type = target; implicit when the parser added it
    kArray,
    kArrayOperator,  // text = operator; all; args = {left, array}
    kCoalesce,       // text = COALESCE / GREATEST / LEAST / NULLIF
  };
  Kind kind = Kind::kConst;
  std::string type;
  std::string text;
  std::string value;  // constants of type unknown: the literal's value
  std::string column;
  std::vector<Typed> args;
  bool implicit = false;
  bool negated = false;
  bool all = false;
  bool star = false;
  bool distinct = false;
  bool has_filter = false;
};

/// `sql` analysed against `columns`. Throws SpellingError when it leaves the modelled set.
Typed analyse(std::string_view sql, const ColumnLookup& columns, bool aggregates);

/// `node` printed as the top of an expression (implicit casts at the top hidden, as
/// pg_get_expr does).
std::string print(const Typed& node, ExpressionStyle style);

/// Whether `node` calls an aggregate anywhere.
bool contains_aggregate(const Typed& node);

/// The type without its modifier and in the spelling the catalogs name it by
/// ("character varying(6)" -> "character varying", "character(3)" -> "bpchar").
std::string base_type(const std::string& type);

}  // namespace asq::expr
