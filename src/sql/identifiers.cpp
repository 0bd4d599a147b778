// Identifiers as PostgreSQL prints them: quote_ident's rules and its keyword list.

#include "sql/identifiers.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "sql/tokens.h"

namespace asq {
namespace {

/// Splits `a.b` at each dot outside quotes (as the SQL tokenizer reads it) and unquotes each
/// quoted name; other text is kept as written (no case folding). Text the tokenizer cannot read
/// is one part, as written.
std::vector<std::string> split_parts(const std::string& text) {
  std::vector<sql::Token> tokens;
  try {
    tokens = sql::tokenize(text);
  } catch (const sql::LexError&) {
    return {text};
  }
  std::vector<std::string> parts(1);
  size_t copied = 0;
  for (const sql::Token& token : tokens) {
    parts.back() += text.substr(copied, token.begin - copied);  // blanks and comments
    copied = token.end;
    if (token.is_symbol(".")) {
      parts.emplace_back();
    } else if (token.kind == sql::Token::Kind::kQuotedWord) {
      parts.back() += token.text;
    } else {
      parts.back() += text.substr(token.begin, token.end - token.begin);
    }
  }
  return parts;
}

// Keywords quote_ident quotes (pg_get_keywords() where catcode <> 'U', PostgreSQL 15).
constexpr std::array<std::string_view, 157> kQuotedKeywords = {"all",
                                                               "analyse",
                                                               "analyze",
                                                               "and",
                                                               "any",
                                                               "array",
                                                               "as",
                                                               "asc",
                                                               "asymmetric",
                                                               "authorization",
                                                               "between",
                                                               "bigint",
                                                               "binary",
                                                               "bit",
                                                               "boolean",
                                                               "both",
                                                               "case",
                                                               "cast",
                                                               "char",
                                                               "character",
                                                               "check",
                                                               "coalesce",
                                                               "collate",
                                                               "collation",
                                                               "column",
                                                               "concurrently",
                                                               "constraint",
                                                               "create",
                                                               "cross",
                                                               "current_catalog",
                                                               "current_date",
                                                               "current_role",
                                                               "current_schema",
                                                               "current_time",
                                                               "current_timestamp",
                                                               "current_user",
                                                               "dec",
                                                               "decimal",
                                                               "default",
                                                               "deferrable",
                                                               "desc",
                                                               "distinct",
                                                               "do",
                                                               "else",
                                                               "end",
                                                               "except",
                                                               "exists",
                                                               "extract",
                                                               "false",
                                                               "fetch",
                                                               "float",
                                                               "for",
                                                               "foreign",
                                                               "freeze",
                                                               "from",
                                                               "full",
                                                               "grant",
                                                               "greatest",
                                                               "group",
                                                               "grouping",
                                                               "having",
                                                               "ilike",
                                                               "in",
                                                               "initially",
                                                               "inner",
                                                               "inout",
                                                               "int",
                                                               "integer",
                                                               "intersect",
                                                               "interval",
                                                               "into",
                                                               "is",
                                                               "isnull",
                                                               "join",
                                                               "lateral",
                                                               "leading",
                                                               "least",
                                                               "left",
                                                               "like",
                                                               "limit",
                                                               "localtime",
                                                               "localtimestamp",
                                                               "national",
                                                               "natural",
                                                               "nchar",
                                                               "none",
                                                               "normalize",
                                                               "not",
                                                               "notnull",
                                                               "null",
                                                               "nullif",
                                                               "numeric",
                                                               "offset",
                                                               "on",
                                                               "only",
                                                               "or",
                                                               "order",
                                                               "out",
                                                               "outer",
                                                               "overlaps",
                                                               "overlay",
                                                               "placing",
                                                               "position",
                                                               "precision",
                                                               "primary",
                                                               "real",
                                                               "references",
                                                               "returning",
                                                               "right",
                                                               "row",
                                                               "select",
                                                               "session_user",
                                                               "setof",
                                                               "similar",
                                                               "smallint",
                                                               "some",
                                                               "substring",
                                                               "symmetric",
                                                               "table",
                                                               "tablesample",
                                                               "then",
                                                               "time",
                                                               "timestamp",
                                                               "to",
                                                               "trailing",
                                                               "treat",
                                                               "trim",
                                                               "true",
                                                               "union",
                                                               "unique",
                                                               "user",
                                                               "using",
                                                               "values",
                                                               "varchar",
                                                               "variadic",
                                                               "verbose",
                                                               "when",
                                                               "where",
                                                               "window",
                                                               "with",
                                                               "xmlattributes",
                                                               "xmlconcat",
                                                               "xmlelement",
                                                               "xmlexists",
                                                               "xmlforest",
                                                               "xmlnamespaces",
                                                               "xmlparse",
                                                               "xmlpi",
                                                               "xmlroot",
                                                               "xmlserialize",
                                                               "xmltable"};

}  // namespace

std::string quote_identifier(std::string_view name) {
  bool safe =
      !name.empty() && (std::islower(static_cast<unsigned char>(name[0])) || name[0] == '_');
  for (char c : name) {
    unsigned char u = static_cast<unsigned char>(c);
    if (!(std::islower(u) || std::isdigit(u) || c == '_')) safe = false;
  }
  if (safe &&
      std::find(kQuotedKeywords.begin(), kQuotedKeywords.end(), name) != kQuotedKeywords.end()) {
    safe = false;
  }
  if (safe) return std::string(name);
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string qualified_spelling(const QualifiedName& name) {
  return quote_identifier(name.schema) + "." + quote_identifier(name.name);
}

std::string qualified_name(const QualifiedName& name) {
  if (name.schema.empty() || name.schema == "public") return quote_identifier(name.name);
  return quote_identifier(name.schema) + "." + quote_identifier(name.name);
}

std::string QualifiedName::display() const {
  return schema == "public" ? quote_identifier(name)
                            : quote_identifier(schema) + "." + quote_identifier(name);
}

QualifiedName parse_qualified(const std::string& text) {
  std::vector<std::string> parts = split_parts(text);
  if (parts.size() == 1) return {"public", parts[0]};
  return {parts[0], parts[1]};
}

}  // namespace asq
