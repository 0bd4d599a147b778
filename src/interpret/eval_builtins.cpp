// Python builtins and methods of plain values (str, list, dict) for the evaluator.

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>

#include "interpret/eval.h"

namespace asq::interp {
namespace {

std::string strip(const std::string& text, bool left, bool right) {
  size_t begin = 0, end = text.size();
  while (left && begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
  while (right && end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  return text.substr(begin, end - begin);
}

}  // namespace

/// One call of a Python builtin; each member function below is the builtin of its name.
struct Evaluator::Builtin {
  Evaluator& self;
  const std::string& name;
  Arguments& args;
  const py::Position& at;
  std::vector<Argument>& positional = args.positional;

  void arity(size_t low, size_t high) const {
    if (positional.size() < low || positional.size() > high) {
      self.context_.fail(at, name + "() takes " + std::to_string(low) +
                                 (high > low ? " to " + std::to_string(high) : "") + " arguments");
    }
  }
  std::vector<Value> items_of(size_t i) const {
    return self.items(positional[i].value, positional[i].at);
  }

  Value print() { return NoneValue{}; }

  Value len() {
    arity(1, 1);
    const Value& v = positional[0].value;
    if (auto* s = v.get<std::string>()) return static_cast<std::int64_t>(s->size());
    return static_cast<std::int64_t>(items_of(0).size());
  }

  Value range() {
    arity(1, 3);
    std::int64_t start = 0, stop = 0, step = 1;
    if (positional.size() == 1) {
      stop = self.integer(positional[0].value, positional[0].at);
    } else {
      start = self.integer(positional[0].value, positional[0].at);
      stop = self.integer(positional[1].value, positional[1].at);
      if (positional.size() == 3) step = self.integer(positional[2].value, positional[2].at);
    }
    if (step == 0) self.context_.fail(at, "range() step must not be zero");
    ListValue out;
    for (std::int64_t i = start; step > 0 ? i < stop : i > stop; i += step) {
      if (out.items.size() > 100000) self.context_.fail(at, "range() too long for the interpreter");
      out.items.push_back(i);
    }
    return out;
  }

  /// list(), tuple(), reversed(), set(), iter().
  Value sequence() {
    bool empty_allowed = name == "list" || name == "tuple" || name == "set";
    arity(empty_allowed ? 0 : 1, 1);
    // iter() is a list here: next() takes its first item.
    std::vector<Value> values = positional.empty() ? std::vector<Value>{} : items_of(0);
    if (name == "reversed") std::reverse(values.begin(), values.end());
    if (name == "set") {
      std::vector<Value> unique;
      for (auto& v : values) {
        if (std::none_of(unique.begin(), unique.end(),
                         [&](const Value& u) { return equal(u, v).value_or(false); })) {
          unique.push_back(v);
        }
      }
      values = std::move(unique);
    }
    return ListValue{std::move(values), name == "tuple"};
  }

  Value sorted() {
    arity(1, 1);
    std::vector<Value> values = items_of(0);
    bool reverse = false;
    for (const auto& [key, arg] : args.keywords) {
      if (key != "reverse")
        self.context_.fail(arg.at, "sorted(" + key + "=) is not supported by the interpreter");
      reverse = self.truthy(arg.value, arg.at);
    }
    for (const auto& v : values) {
      if (!v.get<std::string>() && !v.get<std::int64_t>()) {
        self.context_.fail(at,
                           "sorted() of " + describe(v) + " is not supported by the interpreter");
      }
    }
    std::stable_sort(values.begin(), values.end(), [](const Value& a, const Value& b) {
      if (auto* x = a.get<std::int64_t>(), *y = b.get<std::int64_t>(); x && y) return *x < *y;
      auto* x = a.get<std::string>();
      auto* y = b.get<std::string>();
      return x && y && *x < *y;
    });
    if (reverse) std::reverse(values.begin(), values.end());
    return ListValue{std::move(values), false};
  }

  /// hasattr() of what Alembic or the database hands out depends on the library versions that
  /// run the migration: a value the interpreter does not know.
  Value has_attribute() {
    arity(2, 2);
    const Value& object = positional[0].value;
    if (object.get<HostObject>() || object.get<Opaque>())
      return Opaque{"hasattr(" + describe(object) + ")", false, true};
    self.context_.fail(at,
                       "hasattr() of " + describe(object) + " is not supported by the interpreter");
  }

  /// isinstance() of a plain value and a builtin type (or a tuple of them).
  Value is_instance() {
    arity(2, 2);
    const Value& object = positional[0].value;
    if (auto* symbol = object.get<Symbol>(); symbol && !symbol->path.starts_with("builtins.")) {
      // A name of the application: the reader does not know what it is.
      self.context_.fail(positional[0].at, "isinstance() of " + symbol->path +
                                               ", which the reader cannot see" +
                                               values_hint(object));
    }
    std::vector<Value> types;
    if (auto* list = positional[1].value.get<ListValue>(); list && list->is_tuple) {
      types = list->items;
    } else {
      types.push_back(positional[1].value);
    }
    auto* list = object.get<ListValue>();
    const std::map<std::string_view, bool> kinds = {
        {"list", list && !list->is_tuple},
        {"tuple", list && list->is_tuple},
        {"dict", object.get<DictValue>() != nullptr},
        {"str", object.get<std::string>() != nullptr},
        {"bool", object.get<bool>() != nullptr},
        {"int", object.get<std::int64_t>() || object.get<bool>()},
        {"float", object.get<double>() != nullptr}};
    for (const Value& type : types) {
      auto* symbol = type.get<Symbol>();
      auto kind = symbol && symbol->path.starts_with("builtins.")
                      ? kinds.find(std::string_view(symbol->path).substr(9))
                      : kinds.end();
      if (kind == kinds.end()) {
        self.context_.fail(positional[1].at, "isinstance() of " + describe(type) +
                                                 " is not supported by the interpreter");
      }
      if (kind->second) return true;
    }
    return false;
  }

  Value next() {
    arity(1, 2);
    std::vector<Value> values = items_of(0);
    if (!values.empty()) return values.front();
    if (positional.size() == 2) return positional[1].value;
    self.context_.fail(at, "next() of an empty sequence raises StopIteration");
  }

  Value enumerate() {
    arity(1, 1);
    std::int64_t start = 0;
    for (const auto& [key, arg] : args.keywords) {
      if (key != "start")
        self.context_.fail(arg.at, "enumerate() got an unexpected argument " + key);
      start = self.integer(arg.value, arg.at);
    }
    ListValue out;
    for (Value& v : items_of(0)) out.items.push_back(ListValue{{start++, std::move(v)}, true});
    return out;
  }

  Value zip() {
    std::vector<std::vector<Value>> columns;
    for (size_t i = 0; i < positional.size(); ++i) columns.push_back(items_of(i));
    ListValue out;
    size_t rows = columns.empty() ? 0 : columns[0].size();
    for (const auto& column : columns) rows = std::min(rows, column.size());
    for (size_t r = 0; r < rows; ++r) {
      ListValue row{{}, true};
      for (const auto& column : columns) row.items.push_back(column[r]);
      out.items.push_back(std::move(row));
    }
    return out;
  }

  Value dict() {
    arity(0, 1);
    DictValue out;
    if (!positional.empty()) {
      if (auto* d = positional[0].value.get<DictValue>()) {
        out = *d;
      } else {
        for (Value& pair : items_of(0)) {
          std::vector<Value> kv = self.items(pair, positional[0].at);
          if (kv.size() != 2) self.context_.fail(positional[0].at, "dict() needs pairs");
          out.keys.push_back(kv[0]);
          out.values.push_back(kv[1]);
        }
      }
    }
    for (auto& [key, arg] : args.keywords) {
      out.keys.push_back(key);
      out.values.push_back(arg.value);
    }
    return out;
  }

  /// str() and repr().
  Value text() {
    arity(0, 1);
    if (positional.empty()) return std::string();
    if (auto* opaque = positional[0].value.get<Opaque>())
      return Opaque{name + "(" + opaque->description + ")", false, opaque->runtime};
    return self.text_of(positional[0].value, positional[0].at, name == "repr");
  }

  Value to_int() {
    arity(1, 1);
    const Value& v = positional[0].value;
    if (auto* s = v.get<std::string>()) {
      std::string t = strip(*s, true, true);
      try {
        size_t used = 0;
        std::int64_t n = std::stoll(t, &used);
        if (used == t.size()) return n;
      } catch (const std::exception&) {
      }
      self.context_.fail(positional[0].at, "invalid literal for int(): '" + *s + "'");
    }
    if (auto* d = v.get<double>()) return static_cast<std::int64_t>(*d);
    return self.integer(v, positional[0].at);
  }

  Value to_float() {
    arity(1, 1);
    const Value& v = positional[0].value;
    if (auto* d = v.get<double>()) return *d;
    if (auto* s = v.get<std::string>()) return std::stod(*s);
    return static_cast<double>(self.integer(v, positional[0].at));
  }

  Value to_bool() {
    arity(0, 1);
    return !positional.empty() && self.truthy(positional[0].value, positional[0].at);
  }

  /// any() and all().
  Value any_all() {
    arity(1, 1);
    for (const Value& v : items_of(0)) {
      bool truth = self.truthy(v, positional[0].at);
      if (name == "any" && truth) return true;
      if (name == "all" && !truth) return false;
    }
    return name == "all";
  }

  /// min(), max() and sum().
  Value fold() {
    std::vector<Value> values;
    if (positional.size() == 1) {
      values = items_of(0);
    } else {
      for (const auto& arg : positional) values.push_back(arg.value);
    }
    if (name == "sum") {
      Value total = std::int64_t{0};
      for (const Value& v : values) total = self.binary("+", total, v, at);
      return total;
    }
    if (values.empty()) self.context_.fail(at, name + "() of an empty sequence");
    Value best = values[0];
    for (const Value& v : values) {
      auto* x = v.get<std::int64_t>();
      auto* y = best.get<std::int64_t>();
      if (!x || !y) {
        self.context_.fail(at,
                           name + "() of " + describe(v) + " is not supported by the interpreter");
      }
      if (name == "min" ? *x < *y : *x > *y) best = v;
    }
    return best;
  }
};

Value Evaluator::builtin(const std::string& name, Arguments args, const py::Expr& expr) {
  struct Row {
    Value (Builtin::*call)();
    bool keywords;  // takes keyword arguments
  };
  static const std::map<std::string, Row, std::less<>> kBuiltins = {
      {"all", {&Builtin::any_all, false}},
      {"any", {&Builtin::any_all, false}},
      {"bool", {&Builtin::to_bool, false}},
      {"dict", {&Builtin::dict, true}},
      {"enumerate", {&Builtin::enumerate, true}},
      {"float", {&Builtin::to_float, false}},
      {"hasattr", {&Builtin::has_attribute, false}},
      {"int", {&Builtin::to_int, false}},
      {"isinstance", {&Builtin::is_instance, false}},
      {"iter", {&Builtin::sequence, false}},
      {"next", {&Builtin::next, false}},
      {"len", {&Builtin::len, false}},
      {"list", {&Builtin::sequence, false}},
      {"max", {&Builtin::fold, false}},
      {"min", {&Builtin::fold, false}},
      {"print", {&Builtin::print, true}},
      {"range", {&Builtin::range, false}},
      {"repr", {&Builtin::text, false}},
      {"reversed", {&Builtin::sequence, false}},
      {"set", {&Builtin::sequence, false}},
      {"sorted", {&Builtin::sorted, true}},
      {"str", {&Builtin::text, false}},
      {"sum", {&Builtin::fold, false}},
      {"tuple", {&Builtin::sequence, false}},
      {"zip", {&Builtin::zip, false}},
  };
  for (const Argument& arg : args.positional) {
    // Of a value read from the database or one the reader does not know (what the application
    // returned): as unknown; only where it steers the schema does that stop the reader.
    if (auto* opaque = arg.value.get<Opaque>())
      return Opaque{name + "(" + describe(arg.value) + ")", false, opaque->runtime};
  }
  auto row = kBuiltins.find(name);
  if (row != kBuiltins.end() && !row->second.keywords && !args.keywords.empty()) {
    context_.fail(args.keywords.front().second.at, name + "() takes no keyword arguments here");
  }
  if (row == kBuiltins.end()) {
    if (!args.keywords.empty())
      context_.fail(args.keywords.front().second.at, name + "() takes no keyword arguments here");
    context_.fail(expr.position, name + "() is not supported by the interpreter");
  }
  Builtin call{*this, name, args, expr.position};
  return (call.*row->second.call)();
}

/// One call of a method of a plain value; each member function below is a method (or family);
/// nullopt: not with these arguments.
struct Evaluator::Method {
  Evaluator& self;
  const std::string& name;
  Arguments& args;
  const py::Position& at;
  std::vector<Argument>& positional = args.positional;

  std::string text_arg(size_t i) const {
    if (i >= positional.size()) self.context_.fail(at, "str." + name + "() is missing an argument");
    auto* t = positional[i].value.get<std::string>();
    if (!t) {
      self.context_.fail(positional[i].at,
                         "expected a string, found " + describe(positional[i].value));
    }
    return *t;
  }

  std::optional<Value> change_case(const std::string& s) {
    std::string out = s;
    for (char& c : out) {
      c = static_cast<char>(name == "upper" ? std::toupper(static_cast<unsigned char>(c))
                                            : std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
  }

  std::optional<Value> strip_text(const std::string& s) {
    if (!positional.empty()) return std::nullopt;
    return strip(s, name != "rstrip", name != "lstrip");
  }

  std::optional<Value> replace(const std::string& s) {
    if (positional.size() != 2) return std::nullopt;
    std::string from = text_arg(0), to = text_arg(1), out;
    if (from.empty()) self.context_.fail(at, "str.replace() of an empty string is not supported");
    for (size_t i = 0; i < s.size();) {
      if (s.compare(i, from.size(), from) == 0) {
        out += to;
        i += from.size();
      } else {
        out += s[i++];
      }
    }
    return out;
  }

  std::optional<Value> startswith(const std::string& s) {
    if (positional.size() != 1) return std::nullopt;
    return s.rfind(text_arg(0), 0) == 0;
  }

  std::optional<Value> endswith(const std::string& s) {
    if (positional.size() != 1) return std::nullopt;
    std::string suffix = text_arg(0);
    return s.size() >= suffix.size() &&
           s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
  }

  std::optional<Value> join(const std::string& s) {
    if (positional.size() != 1) return std::nullopt;
    std::string out;
    bool first = true;
    for (const Value& v : self.items(positional[0].value, positional[0].at)) {
      auto* part = v.get<std::string>();
      if (!part)
        self.context_.fail(positional[0].at, "str.join() needs strings, found " + describe(v));
      if (!first) out += s;
      out += *part;
      first = false;
    }
    return out;
  }

  std::optional<Value> split(const std::string& s) {
    if (positional.size() > 1) return std::nullopt;
    ListValue out;
    if (positional.empty()) {
      std::string word;
      for (char c : s + " ") {
        if (std::isspace(static_cast<unsigned char>(c))) {
          if (!word.empty()) out.items.push_back(word);
          word.clear();
        } else {
          word += c;
        }
      }
      return out;
    }
    std::string separator = text_arg(0);
    if (separator.empty()) self.context_.fail(at, "empty separator");
    size_t start = 0;
    for (size_t found; (found = s.find(separator, start)) != std::string::npos;
         start = found + separator.size()) {
      out.items.push_back(s.substr(start, found - start));
    }
    out.items.push_back(s.substr(start));
    return out;
  }

  /// items(), keys() and values().
  std::optional<Value> view(const DictValue& d) {
    ListValue out;
    for (size_t i = 0; i < d.keys.size(); ++i) {
      if (name == "items") out.items.push_back(ListValue{{d.keys[i], d.values[i]}, true});
      if (name == "keys") out.items.push_back(d.keys[i]);
      if (name == "values") out.items.push_back(d.values[i]);
    }
    return out;
  }

  std::optional<Value> get(const DictValue& d) {
    if (positional.size() != 1 && positional.size() != 2) return std::nullopt;
    for (size_t i = 0; i < d.keys.size(); ++i) {
      if (equal(d.keys[i], positional[0].value).value_or(false)) return d.values[i];
    }
    return positional.size() == 2 ? positional[1].value : Value(NoneValue{});
  }

  /// index() and count().
  std::optional<Value> find(const ListValue& l) {
    if (positional.size() != 1) self.context_.fail(at, "list." + name + "() takes one argument");
    std::int64_t count = 0;
    for (size_t i = 0; i < l.items.size(); ++i) {
      if (equal(l.items[i], positional[0].value).value_or(false)) {
        if (name == "index") return static_cast<std::int64_t>(i);
        ++count;
      }
    }
    if (name == "index") self.context_.fail(at, "value is not in the list");
    return count;
  }
};

Value Evaluator::method(const Value& receiver, const std::string& name, Arguments args,
                        const py::Expr& expr) {
  using StrMethod = std::optional<Value> (Method::*)(const std::string&);
  using DictMethod = std::optional<Value> (Method::*)(const DictValue&);
  using ListMethod = std::optional<Value> (Method::*)(const ListValue&);
  static const std::map<std::string, StrMethod, std::less<>> kStr = {
      {"endswith", &Method::endswith}, {"join", &Method::join},
      {"lower", &Method::change_case}, {"lstrip", &Method::strip_text},
      {"replace", &Method::replace},   {"rstrip", &Method::strip_text},
      {"split", &Method::split},       {"startswith", &Method::startswith},
      {"strip", &Method::strip_text},  {"upper", &Method::change_case},
  };
  static const std::map<std::string, DictMethod, std::less<>> kDict = {{"get", &Method::get},
                                                                       {"items", &Method::view},
                                                                       {"keys", &Method::view},
                                                                       {"values", &Method::view}};
  static const std::map<std::string, ListMethod, std::less<>> kList = {{"count", &Method::find},
                                                                       {"index", &Method::find}};
  const py::Position& at = expr.position;
  if (auto* unevaluated = receiver.get<Unevaluated>()) throw unevaluated->error;
  if (auto* opaque = receiver.get<Opaque>()) {
    return Opaque{opaque->description + "." + name + "(...)", opaque->statement, opaque->runtime};
  }
  Method call{*this, name, args, at};
  auto apply = [&](const auto& table, const auto& value) -> std::optional<Value> {
    auto row = table.find(name);
    if (row == table.end()) return std::nullopt;
    return (call.*row->second)(value);
  };
  std::optional<Value> result;
  if (auto* s = receiver.get<std::string>()) {
    if (name == "format") return str_format(*s, args, at);
    if (!args.keywords.empty())
      context_.fail(at, "str." + name + "() with keywords is not supported");
    result = apply(kStr, *s);
  } else if (auto* d = receiver.get<DictValue>()) {
    result = apply(kDict, *d);
  } else if (auto* l = receiver.get<ListValue>()) {
    result = apply(kList, *l);
  }
  if (result) return std::move(*result);
  bool plain = receiver.get<std::string>() || receiver.get<DictValue>() ||
               receiver.get<ListValue>() || receiver.get<std::int64_t>() ||
               receiver.get<double>() || receiver.get<bool>() || receiver.is_none();
  if (plain) {
    context_.fail(at, "method " + name + "() of " + describe(receiver) +
                          " is not supported by the interpreter");
  }
  return host_.call_method(receiver, name, std::move(args), expr);
}

Value Evaluator::mutate(Value& target, const std::string& name, Arguments args,
                        const py::Expr& expr) {
  auto* list = target.get<ListValue>();
  if (!list || list->is_tuple)
    context_.fail(expr.position, describe(target) + " has no method " + name + "()");
  auto& positional = args.positional;
  if (!args.keywords.empty()) context_.fail(expr.position, "list." + name + "() takes no keywords");
  if (name == "append" && positional.size() == 1) {
    list->items.push_back(positional[0].value);
  } else if (name == "extend" && positional.size() == 1) {
    for (Value& v : items(positional[0].value, positional[0].at))
      list->items.push_back(std::move(v));
  } else if (name == "insert" && positional.size() == 2) {
    std::int64_t size = static_cast<std::int64_t>(list->items.size());
    std::int64_t index = integer(positional[0].value, positional[0].at);
    if (index < 0) index = std::max<std::int64_t>(0, index + size);
    index = std::min(index, size);
    list->items.insert(list->items.begin() + index, positional[1].value);
  } else {
    context_.fail(expr.position, "list." + name + "() with these arguments is not supported");
  }
  return NoneValue{};
}

}  // namespace asq::interp
