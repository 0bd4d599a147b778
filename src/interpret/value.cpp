#include "interpret/value.h"

#include <charconv>

#include "common/text.h"

namespace asq::interp {
namespace {

std::string python_float(double value) {
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  std::string text(buffer, result.ptr);
  if (text.find_first_of(".en") == std::string::npos) text += ".0";
  return text;
}

std::optional<std::string> join_repr(const std::vector<Value>& items, const char* open,
                                     const char* close, bool one_tuple) {
  std::string out = open;
  for (size_t i = 0; i < items.size(); ++i) {
    auto item = to_repr(items[i]);
    if (!item) return std::nullopt;
    if (i) out += ", ";
    out += *item;
  }
  if (one_tuple && items.size() == 1) out += ",";
  return out + close;
}

}  // namespace

std::string values_hint(const Value& value, std::string_view example) {
  auto* symbol = value.get<Symbol>();
  if (!symbol || symbol->path.find('.') == std::string::npos ||
      symbol->path.starts_with("builtins.")) {
    return "";
  }
  std::string hint =
      "; if the application defines it, give its value under [values] in squash.toml";
  if (!example.empty()) hint += ": \"" + symbol->path + "\" = " + std::string(example);
  return hint;
}

std::string describe(const Value& value) {
  return std::visit(
      [](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, NoneValue>) return "None";
        if constexpr (std::is_same_v<T, bool>) return "a bool";
        if constexpr (std::is_same_v<T, std::int64_t>) return "an int";
        if constexpr (std::is_same_v<T, double>) return "a float";
        if constexpr (std::is_same_v<T, std::string>) return "a string";
        if constexpr (std::is_same_v<T, ListValue>) return v.is_tuple ? "a tuple" : "a list";
        if constexpr (std::is_same_v<T, DictValue>) return "a dict";
        if constexpr (std::is_same_v<T, Symbol>) return canonical_symbol(v.path);
        if constexpr (std::is_same_v<T, FunctionValue>) return "function " + v.def->name + "()";
        if constexpr (std::is_same_v<T, SqlText>) return "SQL text";
        if constexpr (std::is_same_v<T, TypeValue>) return "a type";
        if constexpr (std::is_same_v<T, ForeignKeySpec>) return "sa.ForeignKey(...)";
        if constexpr (std::is_same_v<T, IdentitySpec>) return "sa.Identity(...)";
        if constexpr (std::is_same_v<T, ComputedSpec>) return "sa.Computed(...)";
        if constexpr (std::is_same_v<T, ConstraintSpec>) return "a constraint";
        if constexpr (std::is_same_v<T, ColumnSpec>) return "sa.Column(...)";
        if constexpr (std::is_same_v<T, IndexSpec>) return "sa.Index(...)";
        if constexpr (std::is_same_v<T, TableClause>) return "sa.table('" + v.name + "')";
        if constexpr (std::is_same_v<T, Opaque>) return v.description;
        if constexpr (std::is_same_v<T, PluginObject>) return v.kind + "(...)";
        if constexpr (std::is_same_v<T, HostObject>) {
          switch (v.kind) {
            case HostObject::Kind::kBind:
              return v.engine ? "op.get_bind().engine" : "op.get_bind()";
            case HostObject::Kind::kMigrationContext:
              return "op.get_context()";
            case HostObject::Kind::kDialect:
              return "the dialect";
            case HostObject::Kind::kAutocommitBlock:
              return "an autocommit block";
            case HostObject::Kind::kBatchBlock:
              return "op.batch_alter_table(...)";
            case HostObject::Kind::kBatchOps:
              return "batch operations";
            case HostObject::Kind::kInspector:
              return "the database inspected";
          }
        }
        if constexpr (std::is_same_v<T, EnumClass>) return "the enum class " + v.name;
        if constexpr (std::is_same_v<T, EnumMember>) return v.class_name + "." + v.name;
        if constexpr (std::is_same_v<T, Unevaluated>) return "an unevaluated name";
        return "a value";
      },
      value.node);
}

EnumMember member_of(const EnumClass& enum_class, size_t index) {
  return {enum_class.name,
          enum_class.names[index],
          {enum_class.values[index]},
          enum_class.prints_as_name,
          enum_class.mixed};
}

std::optional<std::string> to_str(const Value& value) {
  if (auto* s = value.get<std::string>()) return *s;
  if (auto* t = value.get<SqlText>()) return t->sql;
  if (auto* m = value.get<EnumMember>(); m && m->prints_as_name) {
    return m->class_name + "." + m->name;
  }
  return to_repr(value);
}

std::optional<std::string> to_repr(const Value& value) {
  if (value.is_none()) return "None";
  if (auto* b = value.get<bool>()) return *b ? "True" : "False";
  if (auto* i = value.get<std::int64_t>()) return std::to_string(*i);
  if (auto* d = value.get<double>()) return python_float(*d);
  if (auto* s = value.get<std::string>()) return python_repr(*s);
  if (auto* l = value.get<ListValue>()) {
    return l->is_tuple ? join_repr(l->items, "(", ")", true) : join_repr(l->items, "[", "]", false);
  }
  if (auto* d = value.get<DictValue>()) {
    std::string out = "{";
    for (size_t i = 0; i < d->keys.size(); ++i) {
      auto key = to_repr(d->keys[i]);
      auto item = to_repr(d->values[i]);
      if (!key || !item) return std::nullopt;
      out += (i ? ", " : "") + *key + ": " + *item;
    }
    return out + "}";
  }
  return std::nullopt;
}

std::optional<bool> equal(const Value& a, const Value& b) {
  auto* ma = a.get<EnumMember>();
  auto* mb = b.get<EnumMember>();
  if (ma && mb) return ma->class_name == mb->class_name && ma->name == mb->name;
  if (ma || mb) {
    // A plain Enum's member equals only itself; a mixed-in one compares as its value.
    const EnumMember& m = ma ? *ma : *mb;
    if (!m.mixed) return false;
    return equal(m.value.front(), ma ? b : a);
  }
  auto number = [](const Value& v) -> std::optional<double> {
    if (auto* i = v.get<std::int64_t>()) return static_cast<double>(*i);
    if (auto* d = v.get<double>()) return *d;
    if (auto* flag = v.get<bool>()) return *flag ? 1.0 : 0.0;
    return std::nullopt;
  };
  if (auto x = number(a), y = number(b); x && y) return *x == *y;
  // A name the reader does not evaluate (`op._proxy.x.y`, `sa.__version__`) against a plain
  // value: its value is unknown, so is the answer.
  if ((a.get<Symbol>() != nullptr) != (b.get<Symbol>() != nullptr)) return std::nullopt;
  if (a.is_none() || b.is_none()) return a.is_none() && b.is_none();
  auto* sa = a.get<std::string>();
  auto* sb = b.get<std::string>();
  if (sa || sb) return sa && sb && *sa == *sb;
  auto* la = a.get<ListValue>();
  auto* lb = b.get<ListValue>();
  if (la && lb) {
    if (la->is_tuple != lb->is_tuple || la->items.size() != lb->items.size()) return false;
    for (size_t i = 0; i < la->items.size(); ++i) {
      auto same = equal(la->items[i], lb->items[i]);
      if (!same || !*same) return same;
    }
    return true;
  }
  if (auto* x = a.get<Symbol>(), *y = b.get<Symbol>(); x && y) return x->path == y->path;
  bool plain_a = la || a.get<DictValue>() || a.get<Symbol>();
  bool plain_b = lb || b.get<DictValue>() || b.get<Symbol>();
  if (plain_a && plain_b) return false;
  return std::nullopt;
}

}  // namespace asq::interp
