// SQL defaults read and printed the way pg_get_expr prints them; CHECK and generated-column
// expressions through the expression printer (schema/expression.h).

#include <cctype>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "schema/constants.h"
#include "schema/defaults.h"
#include "schema/expression.h"
#include "sql/identifiers.h"
#include "sql/tokens.h"
#include "sql/type_names.h"

namespace asq {
namespace {

using detail::constant;
using detail::fail;
using detail::integer_literal;
using detail::is_number;
using detail::lowered;
using detail::number_literal;
using detail::trimmed;

using detail::tokens_of;
using sql::Token;

/// A parsed default expression: a literal, a SQL value function, a call or a cast.
struct SqlNode {
  enum class Kind { kString, kNumber, kTrue, kFalse, kNull, kValueFunction, kCall, kCast } kind;
  std::string text;
  std::string schema;
  std::vector<SqlNode> args;
  std::string type;
};

class DefaultParser {
 public:
  explicit DefaultParser(std::string_view sql) : sql_(sql), tokens_(tokens_of(sql)) {}

  SqlNode parse() {
    SqlNode node = expression();
    if (peek().kind != Token::Kind::kEnd) unsupported();
    return node;
  }

 private:
  SqlNode expression() {
    SqlNode node = primary();
    while (accept("::")) {
      size_t begin = peek().begin, end = begin;
      int depth = 0;
      while (peek().kind != Token::Kind::kEnd) {
        const Token& t = peek();
        bool symbol = t.kind == Token::Kind::kSymbol;
        if (symbol && t.text == "(") ++depth;
        if (symbol && t.text == ")" && depth-- == 0) break;
        if (symbol && depth == 0 && t.text != "." && t.text != "[" && t.text != "]" &&
            t.text != ")")
          break;
        end = t.end;
        ++at_;
      }
      SqlNode cast{SqlNode::Kind::kCast, "", "", {std::move(node)}, ""};
      cast.type = canonical_type_from_sql(sql_.substr(begin, end - begin)).spelling;
      node = std::move(cast);
    }
    return node;
  }

  SqlNode primary() {
    Token token = tokens_[at_++];
    using Kind = Token::Kind;
    if (token.kind == Kind::kSymbol && token.text == "(") {
      SqlNode inner = expression();
      expect(")");
      return inner;
    }
    if (token.kind == Kind::kSymbol && (token.text == "-" || token.text == "+") &&
        peek().kind == Kind::kNumber) {
      return {
          SqlNode::Kind::kNumber, (token.text == "-" ? "-" : "") + tokens_[at_++].text, "", {}, ""};
    }
    if (token.kind == Kind::kString) return {SqlNode::Kind::kString, token.text, "", {}, ""};
    if (token.kind == Kind::kNumber) {
      if (!is_number(token.text)) unsupported();
      return {SqlNode::Kind::kNumber, token.text, "", {}, ""};
    }
    if (token.kind != Kind::kWord && token.kind != Kind::kQuotedWord) unsupported();
    if (token.kind == Kind::kWord) {
      if (token.text == "true") return {SqlNode::Kind::kTrue, "", "", {}, ""};
      if (token.text == "false") return {SqlNode::Kind::kFalse, "", "", {}, ""};
      if (token.text == "null") return {SqlNode::Kind::kNull, "", "", {}, ""};
      static const std::set<std::string, std::less<>> value_functions = {
          "current_timestamp", "current_date",    "current_time",  "localtimestamp",
          "localtime",         "current_user",    "session_user",  "user",
          "current_role",      "current_catalog", "current_schema"};
      if (value_functions.count(token.text)) {
        std::string name = token.text == "user" ? "CURRENT_USER" : token.text;
        for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (accept("(")) {
          if (peek().kind != Kind::kNumber) unsupported();
          name += "(" + tokens_[at_++].text + ")";
          expect(")");
        }
        return {SqlNode::Kind::kValueFunction, name, "", {}, ""};
      }
    }
    if (token.kind == Kind::kWord && peek().kind == Kind::kString) {
      // A typed literal: `interval '1 day'` is `'1 day'::interval`.
      SqlNode cast{SqlNode::Kind::kCast,
                   "",
                   "",
                   {{SqlNode::Kind::kString, tokens_[at_++].text, "", {}, ""}},
                   ""};
      cast.type = canonical_type_from_sql(token.text).spelling;
      return cast;
    }
    SqlNode call{SqlNode::Kind::kCall, token.text, "", {}, ""};
    if (accept(".")) {
      if (peek().kind != Kind::kWord && peek().kind != Kind::kQuotedWord) unsupported();
      call.schema = call.text;
      call.text = tokens_[at_++].text;
    }
    expect("(");
    if (!accept(")")) {
      do {
        call.args.push_back(expression());
      } while (accept(","));
      expect(")");
    }
    return call;
  }

  const Token& peek() const { return tokens_[at_]; }
  bool accept(std::string_view symbol) {
    if (peek().kind != Token::Kind::kSymbol || peek().text != symbol) return false;
    ++at_;
    return true;
  }
  void expect(std::string_view symbol) {
    if (!accept(symbol)) unsupported();
  }
  [[noreturn]] void unsupported() const {
    fail("cannot normalize SQL default " + std::string(sql_) +
         " (literals, casts of literals and function calls are understood)");
  }

  std::string_view sql_;
  std::vector<Token> tokens_;
  size_t at_ = 0;
};

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

std::string render(const SqlNode& node, std::string_view target) {
  switch (node.kind) {
    case SqlNode::Kind::kString:
      if (target.empty()) fail("cannot type the string literal '" + node.text + "'");
      return constant(node.text, target, false);
    case SqlNode::Kind::kNumber:
      return number_literal(node.text);
    case SqlNode::Kind::kTrue:
      return "true";
    case SqlNode::Kind::kFalse:
      return "false";
    case SqlNode::Kind::kNull:
      fail("NULL inside an expression is not supported");
    case SqlNode::Kind::kValueFunction:
      return node.text;
    case SqlNode::Kind::kCast: {
      const SqlNode& operand = node.args[0];
      if (operand.kind == SqlNode::Kind::kString) return constant(operand.text, node.type, true);
      return "(" + render(operand, "") + ")::" + node.type;
    }
    case SqlNode::Kind::kCall:
      break;
  }
  const auto& builtins = builtin_functions();
  auto it = builtins.find(node.text);
  bool builtin = it != builtins.end() && (node.schema.empty() || node.schema == "pg_catalog");
  std::string out =
      builtin ? node.text
              : qualified_spelling({node.schema.empty() ? "public" : node.schema, node.text});
  std::vector<std::string> args;
  for (size_t i = 0; i < node.args.size(); ++i) {
    std::string type = builtin && i < it->second.size() ? it->second[i] : "";
    args.push_back(render(node.args[i], type));
  }
  out += "(";
  for (size_t i = 0; i < args.size(); ++i) out += (i ? ", " : "") + args[i];
  return out + ")";
}

}  // namespace

std::optional<std::string> default_from_sql(std::string_view sql, std::string_view column_type) {
  SqlNode node = DefaultParser(sql).parse();
  if (node.kind == SqlNode::Kind::kNull) return std::nullopt;
  return render(node, column_type);
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
  return canonical_expression(sql, column_type).value_or(std::string(trimmed(sql)));
}

}  // namespace asq
