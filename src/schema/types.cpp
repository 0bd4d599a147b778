#include "schema/types.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <functional>
#include <map>

#include "common/source_error.h"

namespace asq {
namespace {

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

// ---- SQLAlchemy type classes ----

/// The bound arguments of one type call.
class TypeArgs {
 public:
  TypeArgs(const TypeCall& call, std::vector<std::string_view> params, bool varargs,
           std::vector<std::string_view> ignored)
      : callee_(call.callee) {
    // With varargs (Enum's *enums) every positional argument is a vararg; the rest are
    // keyword-only.
    size_t i = 0;
    for (; !varargs && i < call.args.size() && i < params.size(); ++i) {
      named_[std::string(params[i])] = call.args[i];
    }
    for (; i < call.args.size(); ++i) {
      if (!varargs)
        fail("takes at most " + std::to_string(params.size()) + " positional arguments");
      rest_.push_back(call.args[i]);
    }
    for (const auto& [key, value] : call.kwargs) {
      bool known = std::find(params.begin(), params.end(), key) != params.end();
      bool skip = std::find(ignored.begin(), ignored.end(), key) != ignored.end();
      if (!known && !skip) fail("argument " + key + "= is not supported");
      if (named_.count(key)) fail("got two values for " + key);
      if (known) named_[key] = value;
    }
  }

  [[noreturn]] void fail(const std::string& message) const {
    throw SpellingError(callee_ + "(): " + message);
  }

  bool has(const std::string& name) const {
    auto it = named_.find(name);
    return it != named_.end() && !std::holds_alternative<std::monostate>(it->second);
  }
  std::optional<std::int64_t> integer(const std::string& name) const {
    if (!has(name)) return std::nullopt;
    if (auto* i = std::get_if<std::int64_t>(&named_.at(name))) return *i;
    fail(name + " must be an integer");
  }
  bool flag(const std::string& name, bool fallback = false) const {
    if (!has(name)) return fallback;
    if (auto* b = std::get_if<bool>(&named_.at(name))) return *b;
    fail(name + " must be True or False");
  }
  std::optional<std::string> text(const std::string& name) const {
    if (!has(name)) return std::nullopt;
    if (auto* s = std::get_if<std::string>(&named_.at(name))) return *s;
    fail(name + " must be a string");
  }
  std::optional<SqlType> type(const std::string& name) const {
    if (!has(name)) return std::nullopt;
    if (auto* t = std::get_if<SqlType>(&named_.at(name))) return *t;
    fail(name + " must be a type");
  }
  const std::vector<TypeArgument>& rest() const { return rest_; }

 private:
  std::string callee_;
  std::map<std::string, TypeArgument> named_;
  std::vector<TypeArgument> rest_;
};

SqlType plain(std::string spelling, std::string serial = "") {
  SqlType type;
  type.spelling = std::move(spelling);
  type.serial_type = std::move(serial);
  return type;
}

std::string with_length(const char* base, std::optional<std::int64_t> length) {
  return length ? std::string(base) + "(" + std::to_string(*length) + ")" : std::string(base);
}

std::string zone(bool timezone) { return timezone ? " with time zone" : " without time zone"; }

SqlType string_type(const TypeArgs& a, const char* base) {
  SqlType type = plain(with_length(base, a.integer("length")));
  if (auto collation = a.text("collation")) type.collation = quote_identifier(*collation);
  return type;
}

SqlType character_type(const TypeArgs& a) {
  SqlType type = plain("character(" + std::to_string(a.integer("length").value_or(1)) + ")");
  if (auto collation = a.text("collation")) type.collation = quote_identifier(*collation);
  return type;
}

SqlType float_type(const TypeArgs& a) {
  auto precision = a.integer("precision");
  return plain(precision && *precision <= 24 ? "real" : "double precision", "integer");
}

SqlType numeric_type(const TypeArgs& a) {
  auto precision = a.integer("precision");
  if (!precision) return plain("numeric", "integer");
  return plain("numeric(" + std::to_string(*precision) + "," +
                   std::to_string(a.integer("scale").value_or(0)) + ")",
               "integer");
}

SqlType timestamp_type(const TypeArgs& a) {
  return plain(with_length("timestamp", a.integer("precision")) + zone(a.flag("timezone")));
}

SqlType time_type(const TypeArgs& a) {
  return plain(with_length("time", a.integer("precision")) + zone(a.flag("timezone")));
}

SqlType interval_type(const TypeArgs& a, const std::string& precision_param) {
  std::string spelling = "interval";
  if (auto fields = a.text("fields")) {
    std::string lowered = *fields;
    for (char& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    spelling += " " + lowered;
  }
  if (auto precision = a.integer(precision_param))
    spelling += "(" + std::to_string(*precision) + ")";
  return plain(spelling);
}

SqlType array_type(const TypeArgs& a) {
  auto item = a.type("item_type");
  if (!item) a.fail("needs an item type");
  if (item->enum_type) a.fail("arrays of enum types are not supported");
  std::string spelling = item->spelling;
  if (spelling.size() < 2 || spelling.compare(spelling.size() - 2, 2, "[]") != 0) spelling += "[]";
  SqlType type = plain(spelling);
  type.collation = item->collation;
  return type;
}

SqlType enum_type(const TypeArgs& a, bool is_postgresql_enum) {
  std::vector<std::string> values;
  for (const auto& value : a.rest()) {
    auto* s = std::get_if<std::string>(&value);
    if (!s) a.fail("enum values must be strings (Python enum classes are not supported)");
    values.push_back(*s);
  }
  if (a.has("values_callable")) a.fail("values_callable= is not supported");
  if (!is_postgresql_enum && !a.flag("native_enum", true)) {
    if (a.flag("create_constraint")) a.fail("create_constraint=True is not supported");
    std::int64_t length = 0;
    for (const auto& v : values) length = std::max<std::int64_t>(length, v.size());
    return plain("character varying(" + std::to_string(a.integer("length").value_or(length)) + ")");
  }
  auto name = a.text("name");
  if (!name) a.fail("a PostgreSQL ENUM needs name=");
  if (a.flag("inherit_schema")) a.fail("inherit_schema=True is not supported");
  EnumType type;
  type.name = {a.text("schema").value_or("public"), *name};
  type.values = std::move(values);
  SqlType result = plain(qualified_spelling(type.name));
  result.enum_type = std::move(type);
  result.create_type = !is_postgresql_enum || a.flag("create_type", true);
  return result;
}

SqlType bit_type(const TypeArgs& a) {
  auto length = a.integer("length");
  if (a.flag("varying")) return plain(with_length("bit varying", length));
  return plain("bit(" + std::to_string(length.value_or(1)) + ")");
}

struct TypeClass {
  std::vector<std::string_view> params;
  bool varargs = false;
  std::vector<std::string_view> ignored;
  std::function<SqlType(const TypeArgs&)> make;
};

using TypeTable = std::map<std::string, TypeClass, std::less<>>;

void add(TypeTable& table, std::initializer_list<const char*> names, TypeClass type_class) {
  for (const char* name : names) table.emplace(name, type_class);
}

const TypeTable& type_table() {
  static const TypeTable table = [] {
    TypeTable t;
    const std::vector<std::string_view> numeric_ignored = {"asdecimal", "decimal_return_scale"};
    auto fixed = [](std::string spelling, std::string serial = "") {
      return [spelling, serial](const TypeArgs&) { return plain(spelling, serial); };
    };
    add(t, {"sa.Integer", "sa.INTEGER", "sa.INT", "postgresql.INTEGER"},
        {{}, false, {}, fixed("integer", "integer")});
    add(t, {"sa.BigInteger", "sa.BIGINT", "postgresql.BIGINT"},
        {{}, false, {}, fixed("bigint", "bigint")});
    add(t, {"sa.SmallInteger", "sa.SMALLINT", "postgresql.SMALLINT"},
        {{}, false, {}, fixed("smallint", "smallint")});
    const std::vector<std::string_view> string_ignored = {"convert_unicode", "unicode_error",
                                                          "_warn_on_bytestring", "_expect_unicode"};
    add(t,
        {"sa.String", "sa.VARCHAR", "sa.NVARCHAR", "sa.Unicode", "postgresql.VARCHAR",
         "sqlmodel.AutoString"},
        {{"length", "collation"}, false, string_ignored, [](const TypeArgs& a) {
           return string_type(a, "character varying");
         }});
    add(t, {"sa.CHAR", "sa.NCHAR", "postgresql.CHAR"},
        {{"length", "collation"}, false, string_ignored, character_type});
    add(t, {"sa.Text", "sa.TEXT", "sa.UnicodeText", "postgresql.TEXT"},
        {{"length", "collation"}, false, string_ignored, [](const TypeArgs& a) {
           if (a.has("length")) a.fail("PostgreSQL's text takes no length");
           return string_type(a, "text");
         }});
    add(t, {"sa.Boolean", "sa.BOOLEAN", "postgresql.BOOLEAN"},
        {{"create_constraint", "name"}, false, {"_create_events"}, fixed("boolean")});
    add(t, {"sa.Float", "sa.FLOAT", "postgresql.FLOAT"},
        {{"precision"}, false, numeric_ignored, float_type});
    add(t, {"sa.REAL", "postgresql.REAL"},
        {{"precision"}, false, numeric_ignored, fixed("real", "integer")});
    add(t, {"sa.Double", "sa.DOUBLE", "sa.DOUBLE_PRECISION", "postgresql.DOUBLE_PRECISION"},
        {{"precision"}, false, numeric_ignored, fixed("double precision", "integer")});
    add(t, {"sa.Numeric", "sa.NUMERIC", "sa.DECIMAL", "postgresql.NUMERIC"},
        {{"precision", "scale"}, false, numeric_ignored, numeric_type});
    add(t, {"sa.DateTime", "sa.TIMESTAMP"}, {{"timezone"}, false, {}, timestamp_type});
    add(t, {"postgresql.TIMESTAMP"}, {{"timezone", "precision"}, false, {}, timestamp_type});
    add(t, {"sa.Date", "sa.DATE", "postgresql.DATE"}, {{}, false, {}, fixed("date")});
    add(t, {"sa.Time", "sa.TIME"}, {{"timezone"}, false, {}, time_type});
    add(t, {"postgresql.TIME"}, {{"timezone", "precision"}, false, {}, time_type});
    add(t, {"sa.Interval"},
        {{"native", "second_precision", "day_precision"}, false, {}, [](const TypeArgs& a) {
           return interval_type(a, "second_precision");
         }});
    add(t, {"postgresql.INTERVAL"}, {{"precision", "fields"}, false, {}, [](const TypeArgs& a) {
                                       return interval_type(a, "precision");
                                     }});
    add(t, {"sa.LargeBinary", "postgresql.BYTEA"}, {{"length"}, false, {}, fixed("bytea")});
    add(t, {"sa.PickleType"}, {{"protocol", "pickler", "comparator"}, false, {}, fixed("bytea")});
    add(t, {"sa.JSON", "postgresql.JSON"},
        {{"none_as_null"}, false, {"astext_type"}, fixed("json")});
    add(t, {"postgresql.JSONB"}, {{"none_as_null"}, false, {"astext_type"}, fixed("jsonb")});
    add(t, {"sa.Uuid", "sa.UUID", "postgresql.UUID", "sqlmodel.GUID"},
        {{"as_uuid"}, false, {"native_uuid"}, fixed("uuid")});
    add(t, {"sa.ARRAY", "postgresql.ARRAY"},
        {{"item_type", "as_tuple", "dimensions", "zero_indexes"}, false, {}, array_type});
    add(t, {"sa.Enum"},
        {{"name", "schema", "native_enum", "create_constraint", "length", "inherit_schema",
          "values_callable"},
         true,
         {"metadata", "validate_strings", "omit_aliases", "quote", "_create_events",
          "sort_key_function"},
         [](const TypeArgs& a) { return enum_type(a, false); }});
    add(t, {"postgresql.ENUM"},
        {{"name", "schema", "create_type", "inherit_schema", "values_callable"},
         true,
         {"metadata", "validate_strings", "omit_aliases", "quote", "_create_events", "native_enum",
          "sort_key_function"},
         [](const TypeArgs& a) { return enum_type(a, true); }});
    add(t, {"postgresql.BIT"}, {{"length", "varying"}, false, {}, bit_type});
    for (const char* name :
         {"INET", "CIDR", "MACADDR", "MACADDR8", "MONEY", "OID", "REGCLASS", "TSVECTOR", "TSQUERY",
          "INT4RANGE", "INT8RANGE", "NUMRANGE", "DATERANGE", "TSRANGE", "TSTZRANGE"}) {
      std::string lowered = name;
      for (char& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      add(t, {("postgresql." + std::string(name)).c_str()}, {{}, false, {}, fixed(lowered)});
    }
    // Extension types, assumed installed in schema public.
    add(t, {"postgresql.HSTORE"}, {{}, false, {"text_type"}, fixed("public.hstore")});
    add(t, {"postgresql.CITEXT"}, {{}, false, {}, fixed("public.citext")});
    return t;
  }();
  return table;
}

// ---- type expressions with literal arguments ----

class LiteralTypeReader {
 public:
  LiteralTypeReader(const std::string& file, std::string_view source)
      : file_(file), source_(source) {}

  SqlType type(const py::Expr& expr) {
    if (auto* call = std::get_if<py::Call>(&expr.node)) {
      TypeCall type_call{callee(*call->func), {}, {}};
      for (const auto& arg : call->args) {
        if (auto* starred = std::get_if<py::Starred>(&arg->node)) {
          for (auto& item : sequence(*starred->value)) type_call.args.push_back(argument(*item));
        } else {
          type_call.args.push_back(argument(*arg));
        }
      }
      for (const auto& keyword : call->keywords) {
        if (!keyword.name) fail(keyword.value->position, "**arguments are not supported here");
        type_call.kwargs.emplace_back(*keyword.name, argument(*keyword.value));
      }
      return make(type_call, expr);
    }
    return make(TypeCall{callee(expr), {}, {}}, expr);
  }

 private:
  SqlType make(const TypeCall& call, const py::Expr& expr) {
    if (!is_sqlalchemy_type(call.callee)) fail(expr.position, call.callee + " is not a known type");
    try {
      return sqlalchemy_type(call);
    } catch (const SpellingError& e) {
      fail(expr.position, e.what());
    }
  }

  std::string callee(const py::Expr& expr) {
    std::string path = dotted(expr);
    std::string head = path.substr(0, path.find('.'));
    std::string tail = path.size() > head.size() ? path.substr(head.size()) : "";
    if (head == "sa") head = "sqlalchemy";
    if (head == "postgresql" || head == "pg") head = "sqlalchemy.dialects.postgresql";
    return canonical_symbol(head + tail);
  }

  std::string dotted(const py::Expr& expr) {
    if (auto* name = std::get_if<py::Name>(&expr.node)) return name->id;
    if (auto* attribute = std::get_if<py::Attribute>(&expr.node)) {
      return dotted(*attribute->value) + "." + attribute->attr;
    }
    fail(expr.position, "expected a type");
  }

  const std::vector<py::ExprPtr>& sequence(const py::Expr& expr) {
    if (auto* list = std::get_if<py::List>(&expr.node)) return list->elements;
    if (auto* tuple = std::get_if<py::Tuple>(&expr.node)) return tuple->elements;
    fail(expr.position, "expected a literal list");
  }

  TypeArgument argument(const py::Expr& expr) {
    if (auto* s = std::get_if<py::String>(&expr.node)) {
      if (s->is_bytes || s->is_fstring) fail(expr.position, "expected a plain string");
      return s->value;
    }
    if (auto* n = std::get_if<py::Number>(&expr.node)) return number(n->text, expr);
    if (auto* u = std::get_if<py::Unary>(&expr.node); u && u->op == "-") {
      if (auto* n = std::get_if<py::Number>(&u->operand->node)) return -number(n->text, expr);
    }
    if (auto* c = std::get_if<py::Constant>(&expr.node)) {
      if (c->kind == py::Constant::Kind::kTrue) return true;
      if (c->kind == py::Constant::Kind::kFalse) return false;
      if (c->kind == py::Constant::Kind::kNone) return std::monostate{};
    }
    if (std::holds_alternative<py::Call>(expr.node)) return type(expr);
    if (std::holds_alternative<py::Name>(expr.node) ||
        std::holds_alternative<py::Attribute>(expr.node)) {
      if (is_sqlalchemy_type(callee(expr))) return type(expr);
    }
    fail(expr.position, "expected a literal argument or a type");
  }

  std::int64_t number(const std::string& text, const py::Expr& expr) {
    std::int64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) {
      fail(expr.position, "expected an integer, found " + text);
    }
    return value;
  }

  [[noreturn]] void fail(const py::Position& at, const std::string& message) {
    throw SourceError({file_, at.line, at.column}, message, source_line_at(source_, at.line));
  }

  const std::string& file_;
  std::string_view source_;
};

// ---- types written in SQL ----

/// Reads a SQL type name: words (lowercased unless quoted), numbers and ( ) , [ ] .
class SqlTypeParser {
 public:
  explicit SqlTypeParser(std::string_view sql) : sql_(sql) { tokenize(); }

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
  struct Token {
    std::string text;
    bool quoted = false;
  };

  void tokenize() {
    for (size_t i = 0; i < sql_.size();) {
      unsigned char c = static_cast<unsigned char>(sql_[i]);
      if (std::isspace(c)) {
        ++i;
      } else if (std::isalpha(c) || c == '_') {
        size_t start = i;
        while (i < sql_.size() && (std::isalnum(static_cast<unsigned char>(sql_[i])) ||
                                   sql_[i] == '_' || sql_[i] == '$')) {
          ++i;
        }
        std::string word(sql_.substr(start, i - start));
        for (char& ch : word) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        tokens_.push_back({word, false});
      } else if (std::isdigit(c)) {
        size_t start = i;
        while (i < sql_.size() && std::isdigit(static_cast<unsigned char>(sql_[i]))) ++i;
        tokens_.push_back({std::string(sql_.substr(start, i - start)), false});
      } else if (c == '"') {
        std::string word;
        for (++i;; ++i) {
          if (i >= sql_.size()) fail("unterminated quoted name");
          if (sql_[i] == '"') {
            if (i + 1 < sql_.size() && sql_[i + 1] == '"') {
              word += '"';
              ++i;
              continue;
            }
            ++i;
            break;
          }
          word += sql_[i];
        }
        tokens_.push_back({word, true});
      } else if (std::string_view("()[],.").find(static_cast<char>(c)) != std::string_view::npos) {
        tokens_.push_back({std::string(1, static_cast<char>(c)), false});
        ++i;
      } else {
        fail(std::string("unexpected '") + static_cast<char>(c) + "'");
      }
    }
  }

  SqlTextType base() {
    const Token& first = tokens_[at_++];
    if (first.quoted) {
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
    return at_ < tokens_.size() && std::isdigit(static_cast<unsigned char>(tokens_[at_].text[0])) &&
           !tokens_[at_].quoted;
  }
  bool at(std::string_view text) const {
    return at_ < tokens_.size() && !tokens_[at_].quoted && tokens_[at_].text == text;
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

std::string canonical_symbol(std::string_view dotted_path) {
  static const std::vector<std::pair<std::string_view, std::string_view>> prefixes = {
      {"sqlalchemy.dialects.postgresql.", "postgresql."},
      {"sqlmodel.sql.sqltypes.", "sqlmodel."},
      {"sqlalchemy.sql.sqltypes.", "sa."},
      {"sqlalchemy.sql.expression.", "sa."},
      {"sqlalchemy.sql.schema.", "sa."},
      {"sqlalchemy.sql.elements.", "sa."},
      {"sqlalchemy.sql.functions.", "sa."},
      {"sqlalchemy.sql.", "sa."},
      {"sqlalchemy.types.", "sa."},
      {"sqlalchemy.schema.", "sa."},
      {"sqlalchemy.", "sa."},
      {"alembic.op.", "op."},
      {"sqlmodel.", "sqlmodel."},
  };
  std::string path(dotted_path);
  if (path == "alembic.op") return "op";
  if (path == "sqlalchemy") return "sa";
  if (path == "sqlalchemy.dialects.postgresql") return "postgresql";
  for (const auto& [prefix, replacement] : prefixes) {
    if (path.compare(0, prefix.size(), prefix) != 0) continue;
    std::string rest = path.substr(prefix.size());
    if (replacement == "postgresql.") {
      // Submodules: sqlalchemy.dialects.postgresql.json.JSONB, ...base.ENUM.
      size_t dot = rest.rfind('.');
      if (dot != std::string::npos && std::islower(static_cast<unsigned char>(rest[0]))) {
        rest = rest.substr(dot + 1);
      }
    }
    return std::string(replacement) + rest;
  }
  return path;
}

bool is_sqlalchemy_type(std::string_view callee) {
  return type_table().find(callee) != type_table().end();
}

SqlType sqlalchemy_type(const TypeCall& call) {
  auto it = type_table().find(call.callee);
  if (it == type_table().end()) throw SpellingError(call.callee + " is not a known type");
  const TypeClass& type_class = it->second;
  TypeArgs args(call, type_class.params, type_class.varargs, type_class.ignored);
  return type_class.make(args);
}

SqlType canonical_type_from_sqlalchemy(const py::Expr& type_expr, const std::string& file,
                                       std::string_view source) {
  return LiteralTypeReader(file, source).type(type_expr);
}

SqlTextType canonical_type_from_sql(std::string_view sql) { return SqlTypeParser(sql).parse(); }

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

}  // namespace asq
