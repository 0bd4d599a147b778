// Printing analysed expressions the way ruleutils.c does (get_rule_expr): in the plain style
// every operator, boolean connective and test carries its own parentheses; in the pretty style
// a child is parenthesised only where isSimpleNode says its parent needs it.

#include <algorithm>
#include <optional>

#include "schema/constants.h"
#include "schema/expression.h"
#include "schema/expression_catalog.h"
#include "schema/expression_tree.h"
#include "sql/identifiers.h"
#include "sql/literals.h"
#include "sql/type_names.h"

namespace asq {
namespace expr {
namespace {

using Kind = Typed::Kind;

/// The operators isSimpleNode knows the precedence of: + - (low) and * / % (high).
int arithmetic_priority(const Typed& node) {
  if (node.kind != Kind::kOperator || node.args.size() != 2 || node.text.size() != 1) return 0;
  if (node.text == "+" || node.text == "-") return 1;
  if (node.text == "*" || node.text == "/" || node.text == "%") return 2;
  return 0;
}

/// Parents that put their own parentheses or separators around an argument.
bool separates(const Typed& parent) {
  switch (parent.kind) {
    case Kind::kFunc:
    case Kind::kAggregate:
    case Kind::kArray:
    case Kind::kCoalesce:
      return true;
    default:
      return false;
  }
}

/// isSimpleNode: whether `node` needs no parentheses as an argument of `parent` (pretty style).
bool is_simple(const Typed& node, const Typed& parent, bool first_argument) {
  switch (node.kind) {
    case Kind::kVar:
    case Kind::kConst:
    case Kind::kFunc:
    case Kind::kAggregate:
    case Kind::kValueFunction:
    case Kind::kArray:
    case Kind::kCoalesce:
      return true;
    case Kind::kCast:
      // A cast through a function prints like a call; relabelling and I/O casts like their
      // argument.
      return function_cast(base_type(node.args[0].type), base_type(node.type)) ||
             is_simple(node.args[0], node, true);
    case Kind::kOperator: {
      int priority = arithmetic_priority(node), parent_priority = arithmetic_priority(parent);
      if (parent.kind == Kind::kOperator) {
        if (priority == 0 || parent_priority == 0) return false;
        if (priority > parent_priority) return true;
        if (priority < parent_priority) return false;
        return first_argument;
      }
      [[fallthrough]];
    }
    case Kind::kNullTest:
    case Kind::kBooleanTest:
    case Kind::kDistinct:
      return parent.kind == Kind::kAnd || parent.kind == Kind::kOr || parent.kind == Kind::kNot ||
             separates(parent);
    case Kind::kAnd:
    case Kind::kOr:
    case Kind::kNot:
      if (parent.kind == Kind::kAnd || parent.kind == Kind::kOr || parent.kind == Kind::kNot) {
        bool in_connective = parent.kind == Kind::kAnd || parent.kind == Kind::kOr;
        if (node.kind == Kind::kOr) return parent.kind == Kind::kOr;
        return in_connective;
      }
      return separates(parent);
    case Kind::kArrayOperator:
      return false;
  }
  return false;
}

class Printer {
 public:
  explicit Printer(ExpressionStyle style) : pretty_(style == ExpressionStyle::kPretty) {}

  std::string top(const Typed& node) {
    if (node.kind == Kind::kCast && node.implicit) return child(node.args[0], node, true);
    return expression(node);
  }

 private:
  std::string expression(const Typed& node) {
    switch (node.kind) {
      case Kind::kVar:
      case Kind::kValueFunction:
        return node.text;
      case Kind::kConst:
        return node.type == kUnknown ? sql_literal(node.value) : node.text;
      case Kind::kFunc:
      case Kind::kAggregate:
        return call(node);
      case Kind::kOperator:
        return wrapped(node.args.size() == 2 ? child(node.args[0], node, true) + " " + node.text +
                                                   " " + child(node.args[1], node, false)
                                             : node.text + " " + child(node.args[0], node, true));
      case Kind::kAnd:
      case Kind::kOr: {
        std::string out;
        for (const Typed& arg : node.args) {
          if (!out.empty()) out += node.kind == Kind::kAnd ? " AND " : " OR ";
          out += child(arg, node, &arg == &node.args.front());
        }
        return wrapped(out);
      }
      case Kind::kNot:
        return wrapped("NOT " + child(node.args[0], node, true));
      case Kind::kNullTest:
        return wrapped(child(node.args[0], node, true) +
                       (node.negated ? " IS NOT NULL" : " IS NULL"));
      case Kind::kBooleanTest:
        return wrapped(child(node.args[0], node, true) + (node.negated ? " IS NOT " : " IS ") +
                       node.text);
      case Kind::kDistinct:
        return wrapped(child(node.args[0], node, true) + " IS DISTINCT FROM " +
                       child(node.args[1], node, false));
      case Kind::kCast:
        return cast(node);
      case Kind::kArray:
        return "ARRAY[" + list(node.args) + "]";
      case Kind::kArrayOperator:
        return wrapped(child(node.args[0], node, true) + " " + node.text +
                       (node.all ? " ALL (" : " ANY (") + child(node.args[1], node, false) + ")");
      case Kind::kCoalesce:
        return node.text + "(" + list(node.args) + ")";
    }
    return "";
  }
  std::string wrapped(const std::string& text) const { return pretty_ ? text : "(" + text + ")"; }
  std::string child(const Typed& node, const Typed& parent, bool first) {
    std::string text = expression(node);
    return pretty_ && !is_simple(node, parent, first) ? "(" + text + ")" : text;
  }
  std::string list(const std::vector<Typed>& args, size_t count = std::string::npos) {
    std::string out;
    for (size_t i = 0; i < args.size() && i < count; ++i) {
      out += (i ? ", " : "") + expression(args[i]);
    }
    return out;
  }
  std::string call(const Typed& node) {
    size_t count = node.args.size() - (node.has_filter ? 1 : 0);
    std::string out = node.text + "(";
    if (node.star) out += "*";
    if (node.distinct) out += "DISTINCT ";
    out += list(node.args, count) + ")";
    if (node.has_filter) out += " FILTER (WHERE " + expression(node.args.back()) + ")";
    return out;
  }
  std::string cast(const Typed& node) {
    std::string operand = child(node.args[0], node, true);
    if (!pretty_) operand = "(" + operand + ")";
    return operand + "::" + node.type;
  }

  bool pretty_;
};

}  // namespace

std::string print(const Typed& node, ExpressionStyle style) { return Printer(style).top(node); }

bool contains_aggregate(const Typed& node) {
  if (node.kind == Kind::kAggregate) return true;
  return std::any_of(node.args.begin(), node.args.end(),
                     [](const Typed& arg) { return contains_aggregate(arg); });
}

}  // namespace expr

std::optional<PrintedExpression> print_expression(std::string_view sql, const ColumnLookup& columns,
                                                  ExpressionStyle style, bool aggregates) {
  try {
    expr::Typed node = expr::analyse(sql, columns, aggregates);
    if (node.type == expr::kUnknown) return std::nullopt;
    PrintedExpression out;
    out.text = expr::print(node, style);
    out.type = node.type;
    if (node.kind == expr::Typed::Kind::kVar) out.column = node.column;
    out.function_like =
        node.kind == expr::Typed::Kind::kFunc || node.kind == expr::Typed::Kind::kAggregate ||
        node.kind == expr::Typed::Kind::kCoalesce || node.kind == expr::Typed::Kind::kValueFunction;
    out.aggregate = expr::contains_aggregate(node);
    return out;
  } catch (const SpellingError&) {
    return std::nullopt;
  }
}

std::string modelled_extension_of(const std::string& type,
                                  const std::vector<Extension>& installed) {
  for (const Extension& e : installed) {
    if (e.name == "citext" && type == quote_identifier(e.schema) + ".citext") return e.name;
  }
  return "";
}

ColumnLookup table_columns(const std::function<std::string(std::string_view)>& column_type,
                           const std::function<bool(const std::string&)>& is_enum,
                           const std::vector<Extension>& installed) {
  return [column_type, is_enum, installed](
             const std::string& qualifier,
             const std::string& name) -> std::optional<ExpressionColumn> {
    if (!qualifier.empty()) return std::nullopt;
    std::string type = column_type(name);
    if (type.empty()) return std::nullopt;
    return ExpressionColumn{type, quote_identifier(name), is_enum && is_enum(type),
                            modelled_extension_of(type, installed)};
  };
}

}  // namespace asq
