// Parse analysis of SQL expressions (the part of PostgreSQL's parser that types them):
// columns looked up, literals typed by their context, operators and functions chosen the way
// the server chooses them, and the implicit casts that choice needs.

#include <algorithm>
#include <map>
#include <set>

#include "schema/constants.h"
#include "schema/expression_catalog.h"
#include "schema/expression_tree.h"
#include "sql/expression_syntax.h"
#include "sql/identifiers.h"
#include "sql/literals.h"
#include "sql/type_names.h"

namespace asq::expr {
namespace {

using detail::fail;
using syntax::Node;

Typed typed(Typed::Kind kind, std::string type, std::string text = "",
            std::vector<Typed> args = {}) {
  Typed node;
  node.kind = kind;
  node.type = std::move(type);
  node.text = std::move(text);
  node.args = std::move(args);
  return node;
}

bool is_array(const std::string& type) { return type.ends_with("[]"); }
std::string element_of(const std::string& type) { return type.substr(0, type.size() - 2); }

bool mentions_column(const Node& node) {
  if (node.kind == Node::Kind::kColumn) return true;
  for (const Node& arg : node.args) {
    if (mentions_column(arg)) return true;
  }
  return false;
}

/// A literal's value as a constant of `type`, printed as ruleutils prints it.
std::string literal_of_type(const std::string& value, const std::string& type,
                            bool explicit_typmod) {
  if (base_type(type) == "regconfig") {
    static const std::set<std::string, std::less<>> configs = {"simple", "english", "german",
                                                               "french", "spanish"};
    if (!configs.count(value)) fail("text search configuration '" + value + "' not modelled");
    return sql_literal(value) + "::regconfig";
  }
  return detail::constant(value, type, explicit_typmod);
}

class Analyser {
 public:
  Analyser(const ColumnLookup& columns, bool aggregates)
      : columns_(columns), aggregates_(aggregates) {}

  /// The whole expression: a bare column reference prints as itself whatever its type.
  Typed whole(const Node& node) {
    note_citext(node);
    return node.kind == Node::Kind::kColumn ? column(node, true) : analyse(node);
  }

  Typed boolean(const Node& node) {
    Typed result = analyse(node);
    if (result.type == kUnknown || base_type(result.type) != "boolean") {
      fail("expression is not boolean");
    }
    return result;
  }

  Typed analyse(const Node& node) {
    switch (node.kind) {
      case Node::Kind::kColumn:
        return column(node);
      case Node::Kind::kString: {
        Typed literal = typed(Typed::Kind::kConst, kUnknown);
        literal.value = node.text;
        return literal;
      }
      case Node::Kind::kNumber:
        return number(node.text);
      case Node::Kind::kTrue:
      case Node::Kind::kFalse:
        return typed(Typed::Kind::kConst, "boolean",
                     node.kind == Node::Kind::kTrue ? "true" : "false");
      case Node::Kind::kNull:
        fail("NULL literals are not modelled");
      case Node::Kind::kValueFunction:
        return value_function(node.text);
      case Node::Kind::kCall:
        return call(node);
      case Node::Kind::kOperator:
        return operation(node.text, node.args, node.qualifier);
      case Node::Kind::kAnd:
      case Node::Kind::kOr: {
        Typed out =
            typed(node.kind == Node::Kind::kAnd ? Typed::Kind::kAnd : Typed::Kind::kOr, "boolean");
        for (const Node& arg : node.args) out.args.push_back(boolean(arg));
        return out;
      }
      case Node::Kind::kNot:
        return typed(Typed::Kind::kNot, "boolean", "", {boolean(node.args[0])});
      case Node::Kind::kIsNull: {
        Typed out = typed(Typed::Kind::kNullTest, "boolean", "", {analyse(node.args[0])});
        if (out.args[0].type == kUnknown) fail("IS NULL of a literal is not modelled");
        out.negated = node.negated;
        return out;
      }
      case Node::Kind::kIsBoolean: {
        Typed out = typed(Typed::Kind::kBooleanTest, "boolean", node.text, {boolean(node.args[0])});
        out.negated = node.negated;
        return out;
      }
      case Node::Kind::kIsDistinct: {
        Typed equal = operation("=", node.args);
        Typed out = typed(Typed::Kind::kDistinct, "boolean", "", std::move(equal.args));
        return node.negated ? typed(Typed::Kind::kNot, "boolean", "", {std::move(out)}) : out;
      }
      case Node::Kind::kIn:
        return in_list(node);
      case Node::Kind::kQuantified:
        return quantified(node.text, node.qualifier, node.all, analyse(node.args[0]),
                          analyse(node.args[1]));
      case Node::Kind::kBetween:
        return between(node);
      case Node::Kind::kCast:
        return cast(analyse(node.args[0]), node.text);
      case Node::Kind::kArray:
        return array(node.args);
      case Node::Kind::kCoalesce:
        return coalesce(node);
      case Node::Kind::kCase:
        break;
    }
    fail("CASE expressions are not modelled");
  }

 private:
  /// Records the citext type when a column `node` names has it, before anything is typed: the
  /// operators and casts of citext apply wherever it appears in the expression.
  void note_citext(const Node& node) {
    if (node.kind == Node::Kind::kColumn && node.text != "*") {
      std::optional<ExpressionColumn> found = columns_(node.qualifier, node.text);
      if (found && found->extension == "citext" && is_citext(found->type)) citext_ = found->type;
    }
    for (const Node& arg : node.args) note_citext(arg);
  }
  /// `any_type`: a bare column reference prints as itself whatever its type.
  Typed column(const Node& node, bool any_type = false) {
    if (node.text == "*") fail("* is not an expression");
    std::optional<ExpressionColumn> found = columns_(node.qualifier, node.text);
    if (!found || found->type.empty()) fail("unknown column " + node.text);
    std::string type = found->type;
    bool citext = !citext_.empty() && type == citext_;
    if (!builtin_type(base_type(type)) && !found->is_enum && !citext && !any_type) {
      fail("type " + type + " not modelled");
    }
    if (found->is_enum) enums_.insert(type);
    Typed var = typed(Typed::Kind::kVar, type, found->printed);
    var.column = node.text;
    return var;
  }
  static Typed number(const std::string& text) {
    bool integral = text.find_first_of(".eE") == std::string::npos;
    if (!integral) return typed(Typed::Kind::kConst, "numeric", detail::number_literal(text));
    std::string printed = detail::integer_literal(text);
    std::string type = printed.ends_with("::bigint")    ? "bigint"
                       : printed.ends_with("::numeric") ? "numeric"
                                                        : "integer";
    return typed(Typed::Kind::kConst, type, printed);
  }
  static Typed value_function(const std::string& name) {
    static const std::map<std::string, std::string, std::less<>> types = {
        {"CURRENT_TIMESTAMP", "timestamp with time zone"},
        {"CURRENT_DATE", "date"},
        {"LOCALTIMESTAMP", "timestamp without time zone"},
        {"CURRENT_USER", "name"},
        {"SESSION_USER", "name"},
        {"CURRENT_ROLE", "name"}};
    auto it = types.find(name);
    if (it == types.end()) fail(name + " not modelled");
    return typed(Typed::Kind::kValueFunction, it->second, name);
  }

  /// `node` converted to `type` as the parser converts an argument (nothing, a literal typed,
  /// or an implicit cast).
  Typed coerce(Typed node, const std::string& type) {
    if (type == kAnyType) return node;
    if (node.type == kUnknown) {
      if (node.kind != Typed::Kind::kConst) fail("untyped expression");
      node.text = literal_of_type(node.value, type, false);
      node.type = type;
      return node;
    }
    if (base_type(node.type) == base_type(type)) return node;
    if (!implicit_cast(base_type(node.type), base_type(type))) {
      fail("no implicit cast from " + node.type + " to " + type);
    }
    Typed out = typed(Typed::Kind::kCast, type, "", {std::move(node)});
    out.implicit = true;
    return out;
  }
  std::vector<std::string> types_of(const std::vector<Typed>& args) const {
    std::vector<std::string> types;
    for (const Typed& arg : args) {
      types.push_back(arg.type == kUnknown ? kUnknown : base_type(arg.type));
    }
    return types;
  }
  std::vector<Signature> enum_signatures(const std::string& op, const std::vector<Typed>& args) {
    std::vector<Signature> out;
    static const std::set<std::string, std::less<>> comparisons = {"=", "<>", "<", ">", "<=", ">="};
    if (args.size() != 2 || !comparisons.count(op)) return out;
    for (const Typed& arg : args) {
      if (enums_.count(arg.type)) return {{{arg.type, arg.type}, "boolean", false}};
    }
    return out;
  }
  /// The operators named `op` the server looks at: with `schema` (OPERATOR(schema.op)) that
  /// schema's, else those on the search path (pg_catalog, public). citext's operators count
  /// only once a citext column is seen: without a citext argument they never win.
  std::vector<Signature> operator_candidates(const std::string& op, const std::string& schema,
                                             const std::vector<Typed>& args) {
    std::vector<Signature> out;
    if (schema.empty() || schema == "pg_catalog") {
      out = operator_signatures(op, args.size());
      for (Signature& s : enum_signatures(op, args)) out.push_back(std::move(s));
    }
    std::string citext_on = schema.empty() ? "public" : quote_identifier(schema);
    if (!citext_.empty() && args.size() == 2 && citext_schema(citext_) == citext_on) {
      for (Signature& s : citext_operators(op, citext_)) out.push_back(std::move(s));
    }
    if (out.empty() && !schema.empty()) fail("operators of schema " + schema + " not modelled");
    return out;
  }
  static std::string printed_operator(const std::string& op, const Signature& chosen) {
    return chosen.schema.empty() ? op : "OPERATOR(" + chosen.schema + "." + op + ")";
  }
  Typed operation(const std::string& op, const std::vector<Node>& operands,
                  const std::string& schema = "") {
    std::vector<Typed> args;
    for (const Node& operand : operands) args.push_back(analyse(operand));
    std::optional<Signature> chosen =
        choose(operator_candidates(op, schema, args), types_of(args), true);
    if (!chosen) fail("operator " + op + " not modelled for these types");
    for (size_t i = 0; i < args.size(); ++i)
      args[i] = coerce(std::move(args[i]), chosen->params[i]);
    return typed(Typed::Kind::kOperator, chosen->result, printed_operator(op, *chosen),
                 std::move(args));
  }
  Typed call(const Node& node) {
    if (!node.qualifier.empty() && node.qualifier != "pg_catalog") fail("user function");
    const std::vector<Signature>& aggregates = aggregate_signatures(node.text);
    bool aggregate = !aggregates.empty();
    if (aggregate && !aggregates_) fail("aggregate not allowed here");
    if (!aggregate && (node.star || node.distinct || node.has_filter)) fail("not an aggregate");
    std::vector<Typed> args;
    size_t count = node.args.size() - (node.has_filter ? 1 : 0);
    for (size_t i = 0; i < count; ++i) args.push_back(analyse(node.args[i]));
    bool citext_argument =
        std::any_of(args.begin(), args.end(), [](const Typed& arg) { return is_citext(arg.type); });
    if (citext_argument && citext_overloads(node.text)) fail("citext's " + node.text);
    std::string result;
    if (node.star) {
      if (node.text != "count") fail("only count(*) takes *");
      result = "bigint";
    } else {
      std::optional<Signature> chosen =
          choose(aggregate ? aggregates : function_signatures(node.text), types_of(args), false);
      if (!chosen) fail("function " + node.text + " not modelled for these types");
      for (size_t i = 0; i < args.size(); ++i) {
        const std::string& param =
            i < chosen->params.size() ? chosen->params[i] : chosen->params.back();
        args[i] = coerce(std::move(args[i]), param);
      }
      result = chosen->result;
    }
    Typed out = typed(aggregate ? Typed::Kind::kAggregate : Typed::Kind::kFunc, result, node.text,
                      std::move(args));
    out.star = node.star;
    out.distinct = node.distinct;
    if (node.has_filter) {
      out.has_filter = true;
      out.args.push_back(boolean(node.args.back()));
    }
    return out;
  }
  Typed in_list(const Node& node) {
    const std::string op = node.negated ? "<>" : "=";
    std::vector<Node> items(node.args.begin() + 1, node.args.end());
    if (items.size() == 1) return operation(op, {node.args[0], items[0]});
    for (const Node& item : items) {
      if (mentions_column(item)) fail("IN lists naming columns are not modelled");
    }
    Typed operand = analyse(node.args[0]);
    std::vector<Typed> elements;
    for (const Node& item : items) elements.push_back(analyse(item));
    std::vector<std::string> types = types_of(elements);
    types.insert(types.begin(), operand.type == kUnknown ? kUnknown : base_type(operand.type));
    std::optional<std::string> common = common_type(types);
    if (!common) fail("IN list of mixed types");
    std::string element_type =
        operand.type != kUnknown && base_type(operand.type) == *common ? operand.type : *common;
    if (enums_.count(operand.type)) element_type = operand.type;
    Typed list = typed(Typed::Kind::kArray, base_type(element_type) + "[]");
    for (Typed& element : elements) list.args.push_back(coerce(std::move(element), element_type));
    return quantified(op, "", node.negated, std::move(operand), std::move(list));
  }
  Typed quantified(const std::string& op, const std::string& schema, bool all, Typed left,
                   Typed array) {
    if (!is_array(array.type)) fail("ANY/ALL of a non-array");
    std::string element = element_of(array.type);
    Typed element_value = typed(Typed::Kind::kConst, element);
    std::vector<Signature> candidates = operator_candidates(op, schema, {left, element_value});
    std::optional<Signature> chosen = choose(
        candidates, {left.type == kUnknown ? kUnknown : base_type(left.type), element}, true);
    if (!chosen || chosen->result != "boolean") fail("operator " + op + " ANY not modelled");
    left = coerce(std::move(left), chosen->params[0]);
    if (chosen->params[1] != element) {
      if (!implicit_cast(element, chosen->params[1])) fail("array element cast");
      Typed cast = typed(Typed::Kind::kCast, chosen->params[1] + "[]", "", {std::move(array)});
      cast.implicit = true;
      array = std::move(cast);
    }
    Typed out = typed(Typed::Kind::kArrayOperator, "boolean", printed_operator(op, *chosen),
                      {std::move(left), std::move(array)});
    out.all = all;
    return out;
  }
  Typed between(const Node& node) {
    const Node& value = node.args[0];
    if (node.negated) {
      return typed(Typed::Kind::kOr, "boolean", "",
                   {operation("<", {value, node.args[1]}), operation(">", {value, node.args[2]})});
    }
    return typed(Typed::Kind::kAnd, "boolean", "",
                 {operation(">=", {value, node.args[1]}), operation("<=", {value, node.args[2]})});
  }
  Typed cast(Typed operand, const std::string& target) {
    bool has_typmod = target != base_type(target) && target.find('(') != std::string::npos;
    if (operand.type == kUnknown) {
      operand.text = literal_of_type(operand.value, target, true);
      operand.type = target;
      return operand;
    }
    if (operand.type == target) return operand;
    if (has_typmod) fail("casts to a type modifier are not modelled");
    if (base_type(operand.type) == base_type(target)) return operand;
    bool to_citext = target == citext_ && implicit_cast(base_type(operand.type), "text");
    if (!builtin_type(base_type(target)) && !enums_.count(target) && !to_citext) {
      fail("cast to " + target);
    }
    return typed(Typed::Kind::kCast, target, "", {std::move(operand)});
  }
  Typed array(const std::vector<Node>& items) {
    if (items.empty()) fail("empty ARRAY[] not modelled");
    std::vector<Typed> elements;
    for (const Node& item : items) elements.push_back(analyse(item));
    std::optional<std::string> common = common_type(types_of(elements));
    if (!common || is_array(*common)) fail("ARRAY of mixed types");
    Typed out = typed(Typed::Kind::kArray, *common + "[]");
    for (Typed& element : elements) out.args.push_back(coerce(std::move(element), *common));
    return out;
  }
  /// NULLIF(a, b): the parser resolves `a = b` and keeps its (coerced) arguments; the value
  /// has the type of the first one (transformAExprNullIf).
  Typed nullif(const Node& node) {
    if (node.args.size() != 2) fail("NULLIF takes two arguments");
    Typed equal = operation("=", node.args);
    if (equal.type != "boolean") fail("NULLIF of an operator not returning boolean");
    std::string type = equal.args[0].type;
    return typed(Typed::Kind::kCoalesce, type, node.text, std::move(equal.args));
  }
  Typed coalesce(const Node& node) {
    if (node.text == "NULLIF") return nullif(node);
    std::vector<Typed> args;
    for (const Node& arg : node.args) args.push_back(analyse(arg));
    std::optional<std::string> common = common_type(types_of(args));
    if (!common) fail(node.text + " of mixed types");
    bool same = std::all_of(args.begin(), args.end(),
                            [&](const Typed& a) { return a.type == args.front().type; });
    std::string type = same && args.front().type != kUnknown ? args.front().type : *common;
    Typed out = typed(Typed::Kind::kCoalesce, type, node.text);
    for (Typed& arg : args) out.args.push_back(coerce(std::move(arg), type));
    return out;
  }

  const ColumnLookup& columns_;
  bool aggregates_;
  std::set<std::string> enums_;
  /// The citext type (`public.citext`) once a column of it is seen, else "".
  std::string citext_;
};

}  // namespace

std::string base_type(const std::string& type) {
  if (type.ends_with("[]")) return base_type(type.substr(0, type.size() - 2)) + "[]";
  std::string out = without_type_modifiers(type);
  while (out.find("  ") != std::string::npos) out.erase(out.find("  "), 1);
  if (!out.empty() && out.back() == ' ') out.pop_back();
  if (out == "character") return "bpchar";
  return out;
}

Typed analyse(std::string_view sql, const ColumnLookup& columns, bool aggregates) {
  return Analyser(columns, aggregates).whole(syntax::parse_expression(sql));
}

}  // namespace asq::expr
