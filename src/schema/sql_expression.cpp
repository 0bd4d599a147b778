// SQL defaults, read by the one expression parser (sql/expression_syntax.h) and printed the way
// pg_get_expr prints them; CHECK and generated-column expressions through the expression printer
// (schema/expression.h).

#include <cctype>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/text.h"
#include "schema/constants.h"
#include "schema/defaults.h"
#include "schema/expression.h"
#include "sql/expression_syntax.h"
#include "sql/identifiers.h"

namespace asq {
namespace {

using detail::constant;
using detail::fail;
using detail::lowered;
using detail::number_literal;

[[noreturn]] void unsupported(std::string_view sql) {
  fail("cannot normalize SQL default " + std::string(sql) +
       " (literals, casts of literals and function calls are understood)");
}

/// SQL value functions (CURRENT_TIMESTAMP, CURRENT_USER, ...), which a default may give a
/// precision: `CURRENT_TIMESTAMP(3)`.
bool is_value_function(const std::string& name) {
  static const std::set<std::string, std::less<>> names = {
      "current_timestamp", "current_date",    "current_time",  "localtimestamp",
      "localtime",         "current_user",    "session_user",  "user",
      "current_role",      "current_catalog", "current_schema"};
  return names.count(name) > 0;
}

/// Functions of pg_catalog, with the types their string-literal arguments get ("" for none).
const std::map<std::string, std::vector<std::string>, std::less<>>& builtin_functions() {
  static const std::map<std::string, std::vector<std::string>, std::less<>> functions = {
      {"now", {}},
      {"clock_timestamp", {}},
      {"statement_timestamp", {}},
      {"transaction_timestamp", {}},
      {"timeofday", {}},
      {"random", {}},
      {"gen_random_uuid", {}},
      {"pg_backend_pid", {}},
      {"txid_current", {}},
      {"current_database", {}},
      {"version", {}},
      {"timezone", {"text", ""}},
      {"date_trunc", {"text", ""}},
      {"nextval", {"regclass"}},
      {"currval", {"regclass"}},
      {"lower", {"text"}},
      {"upper", {"text"}},
      {"md5", {"text"}},
      {"to_char", {"", "text"}},
      {"current_setting", {"text"}},
      {"jsonb_build_object", {}},
      {"json_build_object", {}},
      {"jsonb_build_array", {}},
      {"json_build_array", {}},
      {"uuid_in", {}}};
  return functions;
}

std::string call(const syntax::Node& node, std::string_view sql);

/// A default as the expression parser (sql/expression_syntax.h) reads it, printed for a value
/// of type `target` ("" when unknown): literals, SQL value functions, casts and calls; any other
/// node is not a default here. `sql` is the whole default, for the message.
std::string render(const syntax::Node& node, std::string_view target, std::string_view sql) {
  using Kind = syntax::Node::Kind;
  switch (node.kind) {
    case Kind::kString:
      if (target.empty()) fail("cannot type the string literal '" + node.text + "'");
      return constant(node.text, target, false);
    case Kind::kNumber:
      return number_literal(node.text);
    case Kind::kTrue:
      return "true";
    case Kind::kFalse:
      return "false";
    case Kind::kNull:
      fail("NULL inside an expression is not supported");
    case Kind::kValueFunction:
      return node.text;
    case Kind::kCast: {
      const syntax::Node& operand = node.args[0];
      if (operand.kind == Kind::kString) return constant(operand.text, node.text, true);
      return "(" + render(operand, "", sql) + ")::" + node.text;
    }
    case Kind::kCall:
    case Kind::kCoalesce:
      return call(node, sql);
    default:
      unsupported(sql);
  }
}

/// A function call; COALESCE and its kin are calls here, as a default spells them.
std::string call(const syntax::Node& node, std::string_view sql) {
  if (node.star || node.distinct || node.has_filter) unsupported(sql);
  std::string name = node.kind == syntax::Node::Kind::kCoalesce ? lowered(node.text) : node.text;
  if (node.qualifier.empty() && is_value_function(name)) {
    // `CURRENT_TIMESTAMP(3)`: the precision is an unsigned number.
    if (node.args.size() != 1 || node.args[0].kind != syntax::Node::Kind::kNumber ||
        node.args[0].text[0] == '-') {
      unsupported(sql);
    }
    std::string printed = name == "user" ? "CURRENT_USER" : name;
    for (char& c : printed) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return printed + "(" + node.args[0].text + ")";
  }
  const auto& builtins = builtin_functions();
  auto it = builtins.find(name);
  bool builtin = it != builtins.end() && (node.qualifier.empty() || node.qualifier == "pg_catalog");
  std::string out =
      builtin ? name
              : qualified_spelling({node.qualifier.empty() ? "public" : node.qualifier, name});
  std::vector<std::string> args;
  for (size_t i = 0; i < node.args.size(); ++i) {
    std::string type = builtin && i < it->second.size() ? it->second[i] : "";
    args.push_back(render(node.args[i], type, sql));
  }
  out += "(";
  for (size_t i = 0; i < args.size(); ++i) out += (i ? ", " : "") + args[i];
  return out + ")";
}

}  // namespace

std::optional<std::string> default_from_sql(std::string_view sql, std::string_view column_type) {
  syntax::Node node;
  try {
    node = syntax::parse_expression(sql);
  } catch (const syntax::UnreadableExpression&) {
    unsupported(sql);
  }
  if (node.kind == syntax::Node::Kind::kNull) return std::nullopt;
  return render(node, column_type, sql);
}

std::optional<std::string> canonical_expression(
    std::string_view sql, const std::function<std::string(std::string_view)>& column_type,
    const std::vector<Extension>& installed) {
  std::optional<PrintedExpression> printed =
      print_expression(sql, table_columns(column_type, {}, installed), ExpressionStyle::kPlain);
  if (!printed) return std::nullopt;
  return printed->text;
}

std::string expression_from_sql(std::string_view sql,
                                const std::function<std::string(std::string_view)>& column_type) {
  return canonical_expression(sql, column_type).value_or(std::string(trim(sql)));
}

}  // namespace asq
