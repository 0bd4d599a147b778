#include "interpret/sqlalchemy_types.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <functional>
#include <map>

#include "common/source_error.h"
#include "sql/identifiers.h"
#include "sql/type_names.h"

namespace asq::interp {
namespace {

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
  std::string spelling = item->spelling;
  if (spelling.size() < 2 || spelling.compare(spelling.size() - 2, 2, "[]") != 0) spelling += "[]";
  SqlType type = plain(spelling);
  type.collation = item->collation;
  // An array of an enum: op.create_table creates the enum type as for a plain enum column.
  type.enum_type = item->enum_type;
  type.create_type = item->create_type;
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

/// sqlalchemy_utils (0.38) column types as their load_dialect_impl / impl make them on
/// PostgreSQL. Arguments that are not literals (choices, keys, engines) were read as None.
void add_sqlalchemy_utils_types(TypeTable& t) {
  auto fixed = [](std::string spelling) {
    return [spelling](const TypeArgs&) { return plain(spelling); };
  };
  auto varchar = [](const char* length_param, std::int64_t fallback) {
    return [length_param, fallback](const TypeArgs& a) {
      return plain("character varying(" +
                   std::to_string(a.integer(length_param).value_or(fallback)) + ")");
    };
  };
  const std::string u = "sqlalchemy_utils.";
  add(t, {(u + "UUIDType").c_str()},
      {{"binary", "native"}, false, {}, [](const TypeArgs& a) {
         if (a.flag("native", true)) return plain("uuid");
         return plain(a.flag("binary", true) ? "bytea" : "character(32)");
       }});
  add(t, {(u + "ChoiceType").c_str()}, {{"choices", "impl"}, false, {}, [](const TypeArgs& a) {
                                          if (auto impl = a.type("impl")) return *impl;
                                          return plain("character varying(255)");
                                        }});
  add(t, {(u + "EmailType").c_str()}, {{"length"}, false, {}, varchar("length", 255)});
  add(t, {(u + "URLType").c_str(), (u + "ScalarListType").c_str()},
      {{}, false, {"coerce_func", "separator"}, fixed("text")});
  add(t, {(u + "JSONType").c_str()}, {{}, false, {}, fixed("json")});
  add(t, {(u + "TSVectorType").c_str()}, {{}, true, {"regconfig", "weights"}, fixed("tsvector")});
  add(t, {(u + "IPAddressType").c_str()}, {{"max_length"}, false, {}, varchar("max_length", 50)});
  add(t, {(u + "PhoneNumberType").c_str()},
      {{"region", "max_length"}, false, {"check_region"}, varchar("max_length", 20)});
  add(t, {(u + "ColorType").c_str()}, {{"max_length"}, false, {}, varchar("max_length", 20)});
  add(t, {(u + "CountryType").c_str()}, {{}, false, {}, fixed("character varying(2)")});
  add(t, {(u + "CurrencyType").c_str()}, {{}, false, {}, fixed("character varying(3)")});
  add(t, {(u + "TimezoneType").c_str()}, {{"backend"}, false, {}, fixed("character varying(50)")});
  add(t, {(u + "LocaleType").c_str()}, {{}, false, {}, fixed("character varying(10)")});
  add(t, {(u + "PasswordType").c_str()},
      {{"max_length"}, false, {"schemes", "deprecated", "onload"}, fixed("bytea")});
  add(t, {(u + "StringEncryptedType").c_str()},
      {{"type_in", "key", "engine", "padding", "length"}, false, {}, [](const TypeArgs& a) {
         return plain(with_length("character varying", a.integer("length")));
       }});
  add(t, {(u + "EncryptedType").c_str()},
      {{"type_in", "key", "engine", "padding"}, false, {}, fixed("bytea")});
  add(t, {(u + "ArrowType").c_str()}, {{"timezone"}, false, {}, timestamp_type});
  add(t, {(u + "IntRangeType").c_str()}, {{"step"}, false, {}, fixed("int4range")});
  add(t, {(u + "Int8RangeType").c_str()}, {{"step"}, false, {}, fixed("int8range")});
  add(t, {(u + "NumericRangeType").c_str()}, {{"step"}, false, {}, fixed("numrange")});
  add(t, {(u + "DateRangeType").c_str()}, {{"step"}, false, {}, fixed("daterange")});
  add(t, {(u + "DateTimeRangeType").c_str()}, {{"step"}, false, {}, fixed("tsrange")});
  add(t, {(u + "LtreeType").c_str()}, {{}, false, {}, fixed("public.ltree")});
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
    add(t, {"sa.String", "sa.VARCHAR", "sa.Unicode", "postgresql.VARCHAR", "sqlmodel.AutoString"},
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
    // Generic types of other databases: SQLAlchemy compiles them as they are named for every
    // dialect, and PostgreSQL has none of them (histories that came from MySQL or SQL Server
    // name them as existing_type=).
    auto lacking = [](std::string word) {
      return [word](const TypeArgs&) {
        SqlType type;
        type.postgres_lacks = word;
        return type;
      };
    };
    add(t, {"sa.BLOB"}, {{"length"}, false, {}, lacking("BLOB")});
    add(t, {"sa.BINARY"}, {{"length"}, false, {}, lacking("BINARY")});
    add(t, {"sa.VARBINARY"}, {{"length"}, false, {}, lacking("VARBINARY")});
    add(t, {"sa.CLOB"}, {{"length", "collation"}, false, string_ignored, lacking("CLOB")});
    add(t, {"sa.NVARCHAR"}, {{"length", "collation"}, false, string_ignored, lacking("NVARCHAR")});
    add(t, {"sa.DATETIME"}, {{"timezone"}, false, {}, lacking("DATETIME")});
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
         // create_type= is accepted and ignored by sa.Enum before SQLAlchemy 2.1.
         {"metadata", "validate_strings", "omit_aliases", "quote", "_create_events",
          "sort_key_function", "create_type"},
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
    // pgvector's types (pgvector.sqlalchemy, 0.2 to 0.4), the extension assumed installed in
    // schema public as the others: vector(dim), halfvec(dim), sparsevec(dim).
    auto pgvector = [](std::string name) {
      return
          [name](const TypeArgs& a) { return plain(with_length(name.c_str(), a.integer("dim"))); };
    };
    add(t, {"pgvector.Vector", "pgvector.VECTOR"}, {{"dim"}, false, {}, pgvector("public.vector")});
    add(t, {"pgvector.HALFVEC"}, {{"dim"}, false, {}, pgvector("public.halfvec")});
    add(t, {"pgvector.SPARSEVEC"}, {{"dim"}, false, {}, pgvector("public.sparsevec")});
    add_sqlalchemy_utils_types(t);
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
      {"sqlalchemy_utils.", "sqlalchemy_utils."},
      {"pgvector.sqlalchemy.", "pgvector."},
  };
  std::string path(dotted_path);
  if (path == "alembic.op") return "op";
  if (path == "sqlalchemy") return "sa";
  if (path == "sqlalchemy.dialects.postgresql") return "postgresql";
  for (const auto& [prefix, replacement] : prefixes) {
    if (path.compare(0, prefix.size(), prefix) != 0) continue;
    std::string rest = path.substr(prefix.size());
    if (replacement == "postgresql." || replacement == "sqlalchemy_utils." ||
        replacement == "pgvector.") {
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

namespace {

/// "mysql.MEDIUMTEXT" for a type of another database's dialect (sa.dialects.mysql.MEDIUMTEXT,
/// ...mysql.types.MEDIUMTEXT), "" otherwise.
std::string other_dialect_type(std::string_view callee) {
  for (std::string_view dialect : {"mysql", "mssql", "oracle", "sqlite"}) {
    std::string prefix = "sa.dialects." + std::string(dialect) + ".";
    if (!callee.starts_with(prefix)) continue;
    std::string_view name = callee.substr(callee.rfind('.') + 1);
    if (name.empty() || !std::isupper(static_cast<unsigned char>(name.front()))) return "";
    return std::string(dialect) + "." + std::string(name);
  }
  return "";
}

}  // namespace

bool is_sqlalchemy_type(std::string_view callee) {
  return type_table().find(callee) != type_table().end() || !other_dialect_type(callee).empty();
}

SqlType sqlalchemy_type(const TypeCall& call) {
  if (std::string other = other_dialect_type(call.callee); !other.empty()) {
    // Named for a variant or as existing_type= of a history that ran on that database too:
    // PostgreSQL has no such type (its arguments do not matter).
    SqlType type;
    type.postgres_lacks = other;
    return type;
  }
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

}  // namespace asq::interp
