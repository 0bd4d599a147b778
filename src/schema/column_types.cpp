#include "schema/column_types.h"

#include <algorithm>
#include <array>
#include <cstdlib>

#include "sql/identifiers.h"
#include "sql/literals.h"

namespace asq {
namespace {

/// A canonical type split into its name, its modifiers and array-ness:
/// "numeric(10,2)" -> {"numeric", {10, 2}}, "timestamp(3) with time zone" ->
/// {"timestamp with time zone", {3}}, "text[]" -> {"text", {}, true}.
struct TypeParts {
  std::string base;
  std::vector<long> modifiers;
  bool array = false;
};

TypeParts parse(std::string type) {
  TypeParts parts;
  while (type.size() > 2 && type.compare(type.size() - 2, 2, "[]") == 0) {
    parts.array = true;
    type.resize(type.size() - 2);
  }
  size_t open = type.find('(');
  size_t close = type.find(')', open);
  if (open != std::string::npos && close != std::string::npos && type.find('"') > open) {
    std::string inside = type.substr(open + 1, close - open - 1);
    for (size_t start = 0; start <= inside.size();) {
      size_t comma = inside.find(',', start);
      if (comma == std::string::npos) comma = inside.size();
      parts.modifiers.push_back(
          std::strtol(inside.substr(start, comma - start).c_str(), nullptr, 10));
      start = comma + 1;
    }
    std::string rest = type.substr(close + 1);
    type = type.substr(0, open) + rest;
  }
  parts.base = type;
  return parts;
}

int integer_rank(const std::string& base) {
  if (base == "smallint") return 1;
  if (base == "integer") return 2;
  if (base == "bigint") return 3;
  return 0;
}

/// Decimal digits an integer type needs before the point.
int integer_digits(int rank) { return rank == 1 ? 5 : rank == 2 ? 10 : 19; }

bool is_string(const std::string& base) {
  return base == "character varying" || base == "text" || base == "character";
}

/// Families within which PostgreSQL casts implicitly or by assignment.
std::string family(const TypeParts& parts) {
  const std::string& b = parts.base;
  std::string f;
  if (integer_rank(b) || b == "numeric" || b == "real" || b == "double precision") {
    f = "number";
  } else if (is_string(b)) {
    f = "string";
  } else if (b == "timestamp with time zone" || b == "timestamp without time zone" || b == "date") {
    f = "datetime";
  } else if (b == "json" || b == "jsonb") {
    f = "json";
  } else {
    f = b;
  }
  return parts.array ? f + "[]" : f;
}

TypeChange compare_numbers(const TypeParts& from, const TypeParts& to) {
  int from_rank = integer_rank(from.base), to_rank = integer_rank(to.base);
  if (from_rank && to_rank) {
    return to_rank > from_rank ? TypeChange::kWidening : TypeChange::kNarrowing;
  }
  auto integer_places = [](const TypeParts& numeric) {
    return numeric.modifiers.size() == 2 ? numeric.modifiers[0] - numeric.modifiers[1]
           : numeric.modifiers.empty()   ? 1000
                                         : numeric.modifiers[0];
  };
  auto scale = [](const TypeParts& numeric) {
    return numeric.modifiers.size() == 2 ? numeric.modifiers[1]
           : numeric.modifiers.empty()   ? 1000
                                         : 0;
  };
  if (from_rank && to.base == "numeric") {
    return integer_places(to) >= integer_digits(from_rank) ? TypeChange::kWidening
                                                           : TypeChange::kNarrowing;
  }
  if (from.base == "numeric" && to_rank) return TypeChange::kNarrowing;
  if (from.base == "numeric" && to.base == "numeric") {
    bool wider = integer_places(to) >= integer_places(from) && scale(to) >= scale(from);
    return wider ? TypeChange::kWidening : TypeChange::kNarrowing;
  }
  if (from.base == "real" && to.base == "double precision") return TypeChange::kWidening;
  if (from.base == "double precision" && to.base == "real") return TypeChange::kNarrowing;
  return TypeChange::kOther;
}

TypeChange compare_strings(const TypeParts& from, const TypeParts& to) {
  if (from.base == "character" || to.base == "character") return TypeChange::kOther;
  long from_length = from.modifiers.empty() ? -1 : from.modifiers[0];
  long to_length = to.modifiers.empty() ? -1 : to.modifiers[0];
  if (to_length < 0) return TypeChange::kWidening;
  if (from_length < 0 || to_length < from_length) return TypeChange::kNarrowing;
  return TypeChange::kWidening;
}

}  // namespace

TypeChange classify_type_change(const std::string& from, const std::string& to) {
  if (from == to) return TypeChange::kSame;
  TypeParts a = parse(from), b = parse(to);
  if (a.array != b.array) return TypeChange::kOther;
  std::string fa = family(a), fb = family(b);
  if (fa != fb) return TypeChange::kOther;
  if (fa == "number" || fa == "number[]") return compare_numbers(a, b);
  if (fa == "string" || fa == "string[]") return compare_strings(a, b);
  if (a.base == b.base && a.modifiers.size() == 1 && b.modifiers.size() == 1) {
    // bit varying(n), timestamp(p), time(p), interval(p): more is wider.
    return b.modifiers[0] >= a.modifiers[0] ? TypeChange::kWidening : TypeChange::kNarrowing;
  }
  if (a.base == b.base && a.modifiers.size() == 1 && b.modifiers.empty()) {
    return TypeChange::kWidening;
  }
  if (a.base == b.base && a.modifiers.empty() && b.modifiers.size() == 1) {
    return TypeChange::kNarrowing;
  }
  return TypeChange::kOther;
}

bool needs_using(const std::string& from, const std::string& to) {
  return family(parse(from)) != family(parse(to));
}

const EnumType* enum_of(const std::string& type, const std::vector<EnumType>& enums) {
  TypeParts parts = parse(type);
  if (parts.base.find('.') == std::string::npos) return nullptr;
  QualifiedName name = parse_qualified(parts.base);
  auto it = std::find_if(enums.begin(), enums.end(), [&](auto& e) { return e.name == name; });
  return it == enums.end() ? nullptr : &*it;
}

std::optional<std::string> fill_value(const std::string& type, const std::vector<EnumType>& enums) {
  TypeParts parts = parse(type);
  if (parts.array) return "'{}'";
  const std::string& b = parts.base;
  if (b == "boolean") return "false";
  if (family(parts) == "number" || b == "money") return "0";
  if (is_string(b) || b == "bytea") return "''";
  if (family(parts) == "datetime") return "now()";
  if (b.rfind("time", 0) == 0 || b.rfind("interval", 0) == 0) return "'00:00:00'";
  if (b == "uuid") return "gen_random_uuid()";
  if (b == "json" || b == "jsonb") return "'{}'";
  if (const EnumType* e = enum_of(type, enums); e && !e->values.empty()) {
    return sql_literal(e->values.front());
  }
  return std::nullopt;
}

}  // namespace asq
