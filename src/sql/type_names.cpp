// Types written in SQL (as raw DDL writes them), read into PostgreSQL's canonical spelling.
// The text is split by the one SQL tokenizer (sql/tokens.h).

#include "sql/type_names.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "sql/identifiers.h"
#include "sql/tokens.h"

namespace asq {
namespace {

/// Reads a SQL type name: words (lowercased unless quoted), numbers and ( ) , [ ] .
class SqlTypeParser {
 public:
  explicit SqlTypeParser(std::string_view sql) : sql_(sql), tokens_(read_tokens()) {}

  SqlTextType parse() {
    if (tokens_.empty()) fail("empty type");
    SqlTextType type = base();
    bool array = false;
    while (accept("[")) {
      if (at_number()) ++at_;
      expect("]");
      array = true;
    }
    if (accept_word("array")) {
      if (accept("[")) {
        if (at_number()) ++at_;
        expect("]");
      }
      array = true;
    }
    if (at_ < tokens_.size()) fail("unexpected '" + tokens_[at_].text + "'");
    if (array) {
      if (type.serial) fail("serial types cannot be arrays");
      type.spelling += "[]";
    }
    return type;
  }

 private:
  using Token = sql::Token;

  /// The tokens of a type name: words, quoted names, numbers and ( ) [ ] , . (nothing else).
  std::vector<Token> read_tokens() const {
    std::vector<Token> tokens;
    try {
      tokens = sql::tokenize(sql_);
    } catch (const sql::LexError& error) {
      if (sql_[error.offset()] == '"') fail("unterminated quoted name");
      fail(std::string("unexpected '") + sql_[error.offset()] + "'");
    }
    tokens.pop_back();  // kEnd
    for (const Token& token : tokens) {
      bool punctuation = token.kind == Token::Kind::kSymbol &&
                         std::string_view("()[],.").find(token.text) != std::string_view::npos &&
                         token.text.size() == 1;
      if (token.kind != Token::Kind::kWord && token.kind != Token::Kind::kQuotedWord &&
          token.kind != Token::Kind::kNumber && !punctuation) {
        fail(std::string("unexpected '") + sql_[token.begin] + "'");
      }
    }
    return tokens;
  }

  SqlTextType base() {
    const Token& first = tokens_[at_++];
    if (first.kind == Token::Kind::kQuotedWord) {
      if (first.text == "char") return {"\"char\"", false};
      return {user_type(first.text), false};
    }
    const std::string& w = first.text;
    static const std::map<std::string, std::string, std::less<>> simple = {
        {"int", "integer"},
        {"integer", "integer"},
        {"int4", "integer"},
        {"bigint", "bigint"},
        {"int8", "bigint"},
        {"smallint", "smallint"},
        {"int2", "smallint"},
        {"bool", "boolean"},
        {"boolean", "boolean"},
        {"real", "real"},
        {"float4", "real"},
        {"float8", "double precision"},
        {"text", "text"},
        {"date", "date"},
        {"uuid", "uuid"},
        {"json", "json"},
        {"jsonb", "jsonb"},
        {"bytea", "bytea"},
        {"inet", "inet"},
        {"cidr", "cidr"},
        {"macaddr", "macaddr"},
        {"macaddr8", "macaddr8"},
        {"money", "money"},
        {"tsvector", "tsvector"},
        {"tsquery", "tsquery"},
        {"regconfig", "regconfig"},
        {"xml", "xml"},
        {"oid", "oid"},
        {"regclass", "regclass"},
        {"regtype", "regtype"},
        {"regproc", "regproc"},
        {"name", "name"},
        {"int4range", "int4range"},
        {"int8range", "int8range"},
        {"numrange", "numrange"},
        {"daterange", "daterange"},
        {"tsrange", "tsrange"},
        {"tstzrange", "tstzrange"},
        {"point", "point"},
        {"line", "line"},
        {"lseg", "lseg"},
        {"box", "box"},
        {"path", "path"},
        {"polygon", "polygon"},
        {"circle", "circle"},
        {"pg_lsn", "pg_lsn"},
        {"jsonpath", "jsonpath"},
        {"bpchar", "bpchar"}};
    static const std::map<std::string, std::string, std::less<>> serials = {
        {"serial", "integer"}, {"serial4", "integer"},      {"bigserial", "bigint"},
        {"serial8", "bigint"}, {"smallserial", "smallint"}, {"serial2", "smallint"}};
    if (w == "double") {
      expect_word("precision");
      return {"double precision", false};
    }
    if (w == "national") {
      if (!accept_word("character") && !accept_word("char")) fail("expected character");
      return {character(), false};
    }
    if (w == "character" || w == "char" || w == "nchar") return {character(), false};
    if (w == "varchar") return {varying("character varying"), false};
    if (w == "bpchar" && at("(")) return {"character(" + typmod() + ")", false};
    if (w == "bit") {
      if (accept_word("varying")) return {varying("bit varying"), false};
      return {"bit(" + (at("(") ? typmod() : std::string("1")) + ")", false};
    }
    if (w == "varbit") return {varying("bit varying"), false};
    if (w == "numeric" || w == "decimal" || w == "dec") return {numeric(), false};
    if (w == "float") {
      if (!at("(")) return {"double precision", false};
      return {std::stoi(typmod()) <= 24 ? "real" : "double precision", false};
    }
    if (w == "timestamp" || w == "time") return {datetime(w, false), false};
    if (w == "timestamptz") return {datetime("timestamp", true), false};
    if (w == "timetz") return {datetime("time", true), false};
    if (w == "interval") return {interval(), false};
    if (auto it = serials.find(w); it != serials.end()) return {it->second, true};
    if (auto it = simple.find(w); it != simple.end() && !at(".")) {
      if (at("(")) fail(w + " takes no type modifier");
      return {it->second, false};
    }
    return {user_type(w), false};
  }

  std::string user_type(const std::string& first) {
    QualifiedName name{"public", first};
    if (accept(".")) {
      if (at_ >= tokens_.size()) fail("expected a type name after '.'");
      name = {first, tokens_[at_++].text};
    }
    if (at("(")) fail("type modifiers of " + name.name + " are not supported");
    return qualified_spelling(name);
  }

  std::string character() {
    if (accept_word("varying")) return varying("character varying");
    return "character(" + (at("(") ? typmod() : std::string("1")) + ")";
  }

  std::string varying(const std::string& base) {
    return at("(") ? base + "(" + typmod() + ")" : base;
  }

  std::string numeric() {
    if (!accept("(")) return "numeric";
    std::string precision = number();
    std::string scale = accept(",") ? number() : "0";
    expect(")");
    return "numeric(" + precision + "," + scale + ")";
  }

  std::string datetime(const std::string& base, bool with_zone) {
    std::string spelling = at("(") ? base + "(" + typmod() + ")" : base;
    if (accept_word("with")) {
      with_zone = true;
      expect_word("time");
      expect_word("zone");
    } else if (accept_word("without")) {
      expect_word("time");
      expect_word("zone");
    }
    return spelling + (with_zone ? " with time zone" : " without time zone");
  }

  std::string interval() {
    static const std::vector<std::string> units = {"year", "month",  "day",
                                                   "hour", "minute", "second"};
    std::string spelling = "interval";
    auto unit = [&]() -> bool {
      return at_ < tokens_.size() &&
             std::find(units.begin(), units.end(), tokens_[at_].text) != units.end();
    };
    if (unit()) {
      spelling += " " + tokens_[at_++].text;
      if (accept_word("to")) {
        if (!unit()) fail("expected an interval field after 'to'");
        spelling += " to " + tokens_[at_++].text;
      }
    }
    if (at("(")) spelling += "(" + typmod() + ")";
    return spelling;
  }

  std::string typmod() {
    expect("(");
    std::string value = number();
    expect(")");
    return value;
  }

  std::string number() {
    if (!at_number()) fail("expected a number");
    return std::to_string(std::stoll(tokens_[at_++].text));
  }

  bool at_number() const {
    return at_ < tokens_.size() && tokens_[at_].kind == Token::Kind::kNumber &&
           std::all_of(tokens_[at_].text.begin(), tokens_[at_].text.end(),
                       [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  }
  bool at(std::string_view text) const {
    return at_ < tokens_.size() && tokens_[at_].kind != Token::Kind::kQuotedWord &&
           tokens_[at_].text == text;
  }
  bool accept(std::string_view text) {
    if (!at(text)) return false;
    ++at_;
    return true;
  }
  bool accept_word(std::string_view word) { return accept(word); }
  void expect(std::string_view text) {
    if (!accept(text)) fail("expected '" + std::string(text) + "'");
  }
  void expect_word(std::string_view word) { expect(word); }

  [[noreturn]] void fail(const std::string& message) const {
    throw SpellingError("cannot read type '" + std::string(sql_) + "': " + message);
  }

  std::string_view sql_;
  std::vector<Token> tokens_;
  size_t at_ = 0;
};

}  // namespace

SqlTextType canonical_type_from_sql(std::string_view sql) { return SqlTypeParser(sql).parse(); }

std::string without_type_modifiers(std::string_view type) {
  std::string out;
  int depth = 0;
  for (char c : type) {
    if (c == '(') ++depth;
    if (depth == 0) out += c;
    if (c == ')') --depth;
  }
  return out;
}

}  // namespace asq
