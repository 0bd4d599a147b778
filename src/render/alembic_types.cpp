#include "render/alembic_types.h"

#include <optional>

#include "render/alembic_python.h"
#include "sql/identifiers.h"

namespace asq {
namespace {

struct TypeParts {
  std::string base;
  std::vector<std::string> modifiers;
  bool array = false;
};

/// "numeric(10,2)" -> {"numeric", {"10", "2"}}; "timestamp(3) with time zone" ->
/// {"timestamp with time zone", {"3"}}; "text[]" -> {"text", {}, true}. Quoted names are left
/// whole.
TypeParts split(std::string type) {
  TypeParts parts;
  if (type.ends_with("[]")) {
    parts.array = true;
    while (type.ends_with("[]")) type.resize(type.size() - 2);
  }
  size_t open = type.find('(');
  size_t close = type.find(')', open == std::string::npos ? 0 : open);
  if (type.find('"') == std::string::npos && open != std::string::npos &&
      close != std::string::npos) {
    std::string inside = type.substr(open + 1, close - open - 1);
    size_t start = 0;
    while (true) {
      size_t comma = inside.find(',', start);
      parts.modifiers.push_back(inside.substr(start, comma - start));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    type = type.substr(0, open) + type.substr(close + 1);
  }
  parts.base = type;
  return parts;
}

std::string with_collation(const std::string& call, const std::string& arguments,
                           const std::string& collation) {
  std::string args = arguments;
  if (!collation.empty()) {
    args += (args.empty() ? "" : ", ") + std::string("collation=") +
            py_str(parse_qualified(collation).name);
  }
  return call + "(" + args + ")";
}

const std::map<std::string, std::string>& simple_types() {
  static const std::map<std::string, std::string> types = {
      {"smallint", "sa.SmallInteger()"},
      {"integer", "sa.Integer()"},
      {"bigint", "sa.BigInteger()"},
      {"real", "sa.REAL()"},
      {"double precision", "postgresql.DOUBLE_PRECISION()"},
      {"boolean", "sa.Boolean()"},
      {"date", "sa.Date()"},
      {"uuid", "postgresql.UUID(as_uuid=True)"},
      {"json", "postgresql.JSON(astext_type=sa.Text())"},
      {"jsonb", "postgresql.JSONB(astext_type=sa.Text())"},
      {"bytea", "postgresql.BYTEA()"},
      {"inet", "postgresql.INET()"},
      {"cidr", "postgresql.CIDR()"},
      {"macaddr", "postgresql.MACADDR()"},
      {"macaddr8", "postgresql.MACADDR8()"},
      {"money", "postgresql.MONEY()"},
      {"oid", "postgresql.OID()"},
      {"regclass", "postgresql.REGCLASS()"},
      {"tsvector", "postgresql.TSVECTOR()"},
      {"int4range", "postgresql.INT4RANGE()"},
      {"int8range", "postgresql.INT8RANGE()"},
      {"numrange", "postgresql.NUMRANGE()"},
      {"daterange", "postgresql.DATERANGE()"},
      {"tsrange", "postgresql.TSRANGE()"},
      {"tstzrange", "postgresql.TSTZRANGE()"},
  };
  return types;
}

/// Types that take a collation in SQLAlchemy.
std::optional<std::string> string_type(const TypeParts& t, const std::string& collation) {
  std::string length = t.modifiers.empty() ? "" : "length=" + t.modifiers[0];
  if (t.base == "character varying") return with_collation("sa.String", length, collation);
  if (t.base == "character") return with_collation("sa.CHAR", length, collation);
  if (t.base == "text" && t.modifiers.empty()) return with_collation("sa.Text", "", collation);
  return std::nullopt;
}

std::optional<std::string> time_type(const TypeParts& t) {
  const std::string& b = t.base;
  bool zone = b.ends_with(" with time zone");
  std::string precision = t.modifiers.empty() ? "" : "precision=" + t.modifiers[0];
  if (b.starts_with("timestamp ")) {
    if (precision.empty()) return zone ? "sa.DateTime(timezone=True)" : "sa.DateTime()";
    return std::string("postgresql.TIMESTAMP(") + (zone ? "timezone=True, " : "") + precision + ")";
  }
  if (b.starts_with("time ")) {
    if (precision.empty()) return zone ? "sa.Time(timezone=True)" : "sa.Time()";
    return std::string("postgresql.TIME(") + (zone ? "timezone=True, " : "") + precision + ")";
  }
  if (b == "interval" || b.starts_with("interval ")) {
    std::string args;
    if (b.size() > 9) args = "fields=" + py_str(b.substr(9));
    if (!precision.empty()) args += (args.empty() ? "" : ", ") + precision;
    return "postgresql.INTERVAL(" + args + ")";
  }
  return std::nullopt;
}

std::optional<std::string> other_type(const TypeParts& t) {
  const std::string& b = t.base;
  if (auto it = simple_types().find(b); it != simple_types().end() && t.modifiers.empty()) {
    return it->second;
  }
  if (b == "numeric") {
    if (t.modifiers.empty()) return "sa.Numeric()";
    if (t.modifiers.size() == 2) {
      return "sa.Numeric(precision=" + t.modifiers[0] + ", scale=" + t.modifiers[1] + ")";
    }
    return "sa.Numeric(precision=" + t.modifiers[0] + ")";
  }
  if (b == "bit" && t.modifiers.size() == 1) return "postgresql.BIT(length=" + t.modifiers[0] + ")";
  if (b == "bit varying") {
    if (t.modifiers.empty()) return "postgresql.BIT(varying=True)";
    return "postgresql.BIT(length=" + t.modifiers[0] + ", varying=True)";
  }
  return time_type(t);
}

std::optional<PyExpr> enum_type(const TypeParts& t, const EnumLabels& enums) {
  if (!t.modifiers.empty() || t.base.find('.') == std::string::npos) return std::nullopt;
  QualifiedName name = parse_qualified(t.base);
  auto it = enums.find(name);
  if (it == enums.end()) return std::nullopt;
  std::vector<std::pair<std::string, PyExpr>> args;
  for (const auto& label : it->second) args.push_back({"", py_str(label)});
  args.push_back({"name", py_str(name.name)});
  if (name.schema != "public") args.push_back({"schema", py_str(name.schema)});
  args.push_back({"create_type", "False"});
  return py_call("postgresql.ENUM", std::move(args));
}

}  // namespace

std::optional<PyExpr> python_type(const std::string& type, const std::string& collation,
                                  const EnumLabels& enums) {
  TypeParts parts = split(type);
  if (!parts.array) {
    if (auto text = string_type(parts, collation)) return PyExpr(*text);
  }
  if (!collation.empty()) return std::nullopt;
  TypeParts element = parts;
  element.array = false;
  std::optional<PyExpr> scalar;
  if (auto text = string_type(element, "")) scalar = PyExpr(*text);
  if (!scalar) {
    if (auto text = other_type(element)) scalar = PyExpr(*text);
  }
  if (!scalar) scalar = enum_type(element, enums);
  if (scalar && parts.array) scalar = py_call("postgresql.ARRAY", {{"", *scalar}});
  return scalar;
}

}  // namespace asq
