// Python builtins and methods of plain values (str, list, dict) for the evaluator.

#include <algorithm>
#include <cctype>

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

Value Evaluator::builtin(const std::string& name, Arguments args, const py::Expr& expr) {
  const py::Position& at = expr.position;
  auto& positional = args.positional;
  auto arity = [&](size_t low, size_t high) {
    if (positional.size() < low || positional.size() > high) {
      context_.fail(at, name + "() takes " + std::to_string(low) +
                            (high > low ? " to " + std::to_string(high) : "") + " arguments");
    }
  };
  if (name == "print") return NoneValue{};
  if (name != "dict" && name != "sorted" && name != "enumerate" && !args.keywords.empty()) {
    context_.fail(args.keywords.front().second.at, name + "() takes no keyword arguments here");
  }
  if (name == "len") {
    arity(1, 1);
    const Value& v = positional[0].value;
    if (auto* s = v.get<std::string>()) return static_cast<std::int64_t>(s->size());
    return static_cast<std::int64_t>(items(v, positional[0].at).size());
  }
  if (name == "range") {
    arity(1, 3);
    std::int64_t start = 0, stop = 0, step = 1;
    if (positional.size() == 1) {
      stop = integer(positional[0].value, positional[0].at);
    } else {
      start = integer(positional[0].value, positional[0].at);
      stop = integer(positional[1].value, positional[1].at);
      if (positional.size() == 3) step = integer(positional[2].value, positional[2].at);
    }
    if (step == 0) context_.fail(at, "range() step must not be zero");
    ListValue out;
    for (std::int64_t i = start; step > 0 ? i < stop : i > stop; i += step) {
      if (out.items.size() > 100000) context_.fail(at, "range() too long for the interpreter");
      out.items.push_back(i);
    }
    return out;
  }
  if (name == "reversed" || name == "list" || name == "tuple" || name == "sorted" ||
      name == "set") {
    if (name == "list" || name == "tuple") arity(0, 1);
    if (name != "list" && name != "tuple") arity(1, 1);
    std::vector<Value> values =
        positional.empty() ? std::vector<Value>{} : items(positional[0].value, positional[0].at);
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
    if (name == "sorted") {
      bool reverse = false;
      for (const auto& [key, arg] : args.keywords) {
        if (key != "reverse")
          context_.fail(arg.at, "sorted(" + key + "=) is not supported by the interpreter");
        reverse = truthy(arg.value, arg.at);
      }
      for (const auto& v : values) {
        if (!v.get<std::string>() && !v.get<std::int64_t>()) {
          context_.fail(at, "sorted() of " + describe(v) + " is not supported by the interpreter");
        }
      }
      std::stable_sort(values.begin(), values.end(), [](const Value& a, const Value& b) {
        if (auto* x = a.get<std::int64_t>(), *y = b.get<std::int64_t>(); x && y) return *x < *y;
        auto* x = a.get<std::string>();
        auto* y = b.get<std::string>();
        return x && y && *x < *y;
      });
      if (reverse) std::reverse(values.begin(), values.end());
    }
    return ListValue{std::move(values), name == "tuple"};
  }
  if (name == "enumerate") {
    arity(1, 1);
    std::int64_t start = 0;
    for (const auto& [key, arg] : args.keywords) {
      if (key != "start") context_.fail(arg.at, "enumerate() got an unexpected argument " + key);
      start = integer(arg.value, arg.at);
    }
    ListValue out;
    for (Value& v : items(positional[0].value, positional[0].at)) {
      out.items.push_back(ListValue{{start++, std::move(v)}, true});
    }
    return out;
  }
  if (name == "zip") {
    std::vector<std::vector<Value>> columns;
    for (const auto& arg : positional) columns.push_back(items(arg.value, arg.at));
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
  if (name == "dict") {
    arity(0, 1);
    DictValue out;
    if (!positional.empty()) {
      if (auto* d = positional[0].value.get<DictValue>()) {
        out = *d;
      } else {
        for (Value& pair : items(positional[0].value, positional[0].at)) {
          std::vector<Value> kv = items(pair, positional[0].at);
          if (kv.size() != 2) context_.fail(positional[0].at, "dict() needs pairs");
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
  if (name == "str" || name == "repr") {
    arity(0, 1);
    if (positional.empty()) return std::string();
    if (auto* opaque = positional[0].value.get<Opaque>())
      return Opaque{name + "(" + opaque->description + ")"};
    return text_of(positional[0].value, positional[0].at, name == "repr");
  }
  if (name == "int") {
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
      context_.fail(positional[0].at, "invalid literal for int(): '" + *s + "'");
    }
    if (auto* d = v.get<double>()) return static_cast<std::int64_t>(*d);
    return integer(v, positional[0].at);
  }
  if (name == "float") {
    arity(1, 1);
    const Value& v = positional[0].value;
    if (auto* d = v.get<double>()) return *d;
    if (auto* s = v.get<std::string>()) return std::stod(*s);
    return static_cast<double>(integer(v, positional[0].at));
  }
  if (name == "bool") {
    arity(0, 1);
    return !positional.empty() && truthy(positional[0].value, positional[0].at);
  }
  if (name == "any" || name == "all") {
    arity(1, 1);
    for (const Value& v : items(positional[0].value, positional[0].at)) {
      bool truth = truthy(v, positional[0].at);
      if (name == "any" && truth) return true;
      if (name == "all" && !truth) return false;
    }
    return name == "all";
  }
  if (name == "min" || name == "max" || name == "sum") {
    std::vector<Value> values;
    if (positional.size() == 1) {
      values = items(positional[0].value, positional[0].at);
    } else {
      for (const auto& arg : positional) values.push_back(arg.value);
    }
    if (name == "sum") {
      Value total = std::int64_t{0};
      for (const Value& v : values) total = binary("+", total, v, at);
      return total;
    }
    if (values.empty()) context_.fail(at, name + "() of an empty sequence");
    Value best = values[0];
    for (const Value& v : values) {
      auto* x = v.get<std::int64_t>();
      auto* y = best.get<std::int64_t>();
      if (!x || !y)
        context_.fail(at, name + "() of " + describe(v) + " is not supported by the interpreter");
      if (name == "min" ? *x < *y : *x > *y) best = v;
    }
    return best;
  }
  context_.fail(at, name + "() is not supported by the interpreter");
}

Value Evaluator::method(const Value& receiver, const std::string& name, Arguments args,
                        const py::Expr& expr) {
  const py::Position& at = expr.position;
  auto& positional = args.positional;
  if (auto* unevaluated = receiver.get<Unevaluated>()) throw unevaluated->error;
  if (auto* opaque = receiver.get<Opaque>()) {
    return Opaque{opaque->description + "." + name + "(...)", opaque->statement};
  }
  if (auto* s = receiver.get<std::string>()) {
    if (name == "format") return str_format(*s, args, at);
    if (!args.keywords.empty())
      context_.fail(at, "str." + name + "() with keywords is not supported");
    if (name == "upper" || name == "lower") {
      std::string out = *s;
      for (char& c : out) {
        c = static_cast<char>(name == "upper" ? std::toupper(static_cast<unsigned char>(c))
                                              : std::tolower(static_cast<unsigned char>(c)));
      }
      return out;
    }
    if ((name == "strip" || name == "lstrip" || name == "rstrip") && positional.empty()) {
      return strip(*s, name != "rstrip", name != "lstrip");
    }
    auto text_arg = [&](size_t i) {
      if (i >= positional.size()) context_.fail(at, "str." + name + "() is missing an argument");
      auto* t = positional[i].value.get<std::string>();
      if (!t)
        context_.fail(positional[i].at,
                      "expected a string, found " + describe(positional[i].value));
      return *t;
    };
    if (name == "replace" && positional.size() == 2) {
      std::string from = text_arg(0), to = text_arg(1), out;
      if (from.empty()) context_.fail(at, "str.replace() of an empty string is not supported");
      for (size_t i = 0; i < s->size();) {
        if (s->compare(i, from.size(), from) == 0) {
          out += to;
          i += from.size();
        } else {
          out += (*s)[i++];
        }
      }
      return out;
    }
    if (name == "startswith" && positional.size() == 1) return s->rfind(text_arg(0), 0) == 0;
    if (name == "endswith" && positional.size() == 1) {
      std::string suffix = text_arg(0);
      return s->size() >= suffix.size() &&
             s->compare(s->size() - suffix.size(), suffix.size(), suffix) == 0;
    }
    if (name == "join" && positional.size() == 1) {
      std::string out;
      bool first = true;
      for (const Value& v : items(positional[0].value, positional[0].at)) {
        auto* part = v.get<std::string>();
        if (!part)
          context_.fail(positional[0].at, "str.join() needs strings, found " + describe(v));
        if (!first) out += *s;
        out += *part;
        first = false;
      }
      return out;
    }
    if (name == "split" && positional.size() <= 1) {
      ListValue out;
      if (positional.empty()) {
        std::string word;
        for (char c : *s + " ") {
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
      if (separator.empty()) context_.fail(at, "empty separator");
      size_t start = 0;
      for (size_t found; (found = s->find(separator, start)) != std::string::npos;
           start = found + separator.size()) {
        out.items.push_back(s->substr(start, found - start));
      }
      out.items.push_back(s->substr(start));
      return out;
    }
  }
  if (auto* d = receiver.get<DictValue>()) {
    if (name == "items" || name == "keys" || name == "values") {
      ListValue out;
      for (size_t i = 0; i < d->keys.size(); ++i) {
        if (name == "items") out.items.push_back(ListValue{{d->keys[i], d->values[i]}, true});
        if (name == "keys") out.items.push_back(d->keys[i]);
        if (name == "values") out.items.push_back(d->values[i]);
      }
      return out;
    }
    if (name == "get" && (positional.size() == 1 || positional.size() == 2)) {
      for (size_t i = 0; i < d->keys.size(); ++i) {
        if (equal(d->keys[i], positional[0].value).value_or(false)) return d->values[i];
      }
      return positional.size() == 2 ? positional[1].value : Value(NoneValue{});
    }
  }
  if (auto* l = receiver.get<ListValue>()) {
    if (name == "index" || name == "count") {
      if (positional.size() != 1) context_.fail(at, "list." + name + "() takes one argument");
      std::int64_t count = 0;
      for (size_t i = 0; i < l->items.size(); ++i) {
        if (equal(l->items[i], positional[0].value).value_or(false)) {
          if (name == "index") return static_cast<std::int64_t>(i);
          ++count;
        }
      }
      if (name == "index") context_.fail(at, "value is not in the list");
      return count;
    }
  }
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
