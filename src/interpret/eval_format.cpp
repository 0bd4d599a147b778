// String formatting of the evaluator: f-strings, `%` and str.format().

#include <cctype>

#include "interpret/eval.h"
#include "python/parser.h"

namespace asq::interp {
namespace {

/// Where the `}` closing a replacement field that starts after `open` is.
size_t field_end(const std::string& text, size_t open) {
  int depth = 0;
  char quote = 0;
  for (size_t i = open; i < text.size(); ++i) {
    char c = text[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '(' || c == '[' || c == '{') {
      ++depth;
    } else if (c == ')' || c == ']' || (c == '}' && depth > 0)) {
      --depth;
    } else if (c == '}') {
      return i;
    }
  }
  return std::string::npos;
}

/// Where a `!conversion` or `:spec` starts in an f-string field, npos when there is none.
size_t top_level_suffix(const std::string& field) {
  int depth = 0;
  char quote = 0;
  for (size_t i = 0; i < field.size(); ++i) {
    char c = field[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '(' || c == '[' || c == '{') {
      ++depth;
    } else if (c == ')' || c == ']' || c == '}') {
      --depth;
    } else if (depth == 0 && c == ':') {
      return i;
    } else if (depth == 0 && c == '!' && i + 1 < field.size() && field[i + 1] != '=') {
      return i;
    }
  }
  return std::string::npos;
}

}  // namespace

Value Evaluator::fstring(const std::string& text, const py::Expr& expr) {
  std::string out;
  bool unknown = false;
  bool runtime = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if ((c == '{' || c == '}') && i + 1 < text.size() && text[i + 1] == c) {
      out += c;
      ++i;
      continue;
    }
    if (c == '}') context_.fail(expr.position, "single '}' in f-string");
    if (c != '{') {
      out += c;
      continue;
    }
    size_t end = field_end(text, i + 1);
    if (end == std::string::npos) context_.fail(expr.position, "unterminated '{' in f-string");
    std::string field = text.substr(i + 1, end - i - 1);
    i = end;
    bool repr = false;
    size_t cut = top_level_suffix(field);
    if (cut != std::string::npos) {
      std::string suffix = field.substr(cut);
      field.resize(cut);
      if (suffix == "!r") {
        repr = true;
      } else if (suffix != "!s") {
        context_.fail(expr.position, "format spec '" + suffix +
                                         "' in an f-string is not supported by the interpreter");
      }
    }
    Value value;
    try {
      value = evaluate(*py::parse_expression(field, context_.file()));
    } catch (const SourceError& error) {
      context_.fail(expr.position, "in f-string field {" + field + "}: " + error.message());
    }
    if (value.get<Opaque>()) {
      unknown = true;
      runtime = runtime || is_runtime(value);
      continue;
    }
    out += text_of(value, expr.position, repr);
  }
  if (unknown) return Opaque{"an f-string with unknown values", false, runtime};
  return out;
}

Value Evaluator::percent_format(const std::string& format, const Value& args,
                                const py::Position& at) {
  if (args.get<Opaque>())
    return Opaque{"a %-formatted string with unknown values", false, is_runtime(args)};
  std::vector<Value> positional;
  auto* mapping = args.get<DictValue>();
  if (auto* tuple = args.get<ListValue>(); tuple && tuple->is_tuple) {
    positional = tuple->items;
  } else if (!mapping) {
    positional.push_back(args);
  }
  std::string out;
  size_t next = 0;
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%') {
      out += format[i];
      continue;
    }
    if (++i >= format.size()) context_.fail(at, "incomplete format");
    Value value;
    if (format[i] == '%') {
      out += '%';
      continue;
    }
    if (format[i] == '(') {
      size_t close = format.find(')', i);
      if (!mapping || close == std::string::npos)
        context_.fail(at, "%(name) formatting needs a dict");
      std::string key = format.substr(i + 1, close - i - 1);
      bool found = false;
      for (size_t k = 0; k < mapping->keys.size(); ++k) {
        if (auto* s = mapping->keys[k].get<std::string>(); s && *s == key) {
          value = mapping->values[k];
          found = true;
        }
      }
      if (!found) context_.fail(at, "key '" + key + "' missing for % formatting");
      i = close + 1;
    } else {
      if (next >= positional.size()) context_.fail(at, "not enough arguments for format string");
      value = positional[next++];
    }
    if (i >= format.size()) context_.fail(at, "incomplete format");
    char conversion = format[i];
    if (value.get<Opaque>())
      return Opaque{"a %-formatted string with unknown values", false, is_runtime(value)};
    if (conversion == 's') {
      out += text_of(value, at);
    } else if (conversion == 'r') {
      out += text_of(value, at, true);
    } else if (conversion == 'd' || conversion == 'i') {
      if (auto* d = value.get<double>()) {
        out += std::to_string(static_cast<std::int64_t>(*d));
      } else {
        out += std::to_string(integer(value, at));
      }
    } else {
      context_.fail(
          at, std::string("%") + conversion + " formatting is not supported by the interpreter");
    }
  }
  if (!mapping && next < positional.size())
    context_.fail(at, "not all arguments converted during string formatting");
  return out;
}

Value Evaluator::str_format(const std::string& format, const Arguments& args,
                            const py::Position& at) {
  std::string out;
  size_t next = 0;
  for (size_t i = 0; i < format.size(); ++i) {
    char c = format[i];
    if ((c == '{' || c == '}') && i + 1 < format.size() && format[i + 1] == c) {
      out += c;
      ++i;
      continue;
    }
    if (c != '{') {
      out += c;
      continue;
    }
    size_t close = format.find('}', i);
    if (close == std::string::npos) context_.fail(at, "unterminated '{' in format string");
    std::string field = format.substr(i + 1, close - i - 1);
    i = close;
    bool repr = false;
    if (field.size() >= 2 && field[field.size() - 2] == '!') {
      repr = field.back() == 'r';
      field.resize(field.size() - 2);
    }
    if (field.find(':') != std::string::npos)
      context_.fail(at, "format specs are not supported by the interpreter");
    const Value* value = nullptr;
    if (field.empty()) {
      if (next >= args.positional.size()) context_.fail(at, "not enough arguments for format()");
      value = &args.positional[next++].value;
    } else if (std::isdigit(static_cast<unsigned char>(field[0]))) {
      size_t index = std::stoul(field);
      if (index >= args.positional.size()) context_.fail(at, "format() index out of range");
      value = &args.positional[index].value;
    } else {
      for (const auto& [key, arg] : args.keywords) {
        if (key == field) value = &arg.value;
      }
      if (!value) context_.fail(at, "format() is missing '" + field + "'");
    }
    if (value->get<Opaque>())
      return Opaque{"a formatted string with unknown values", false, is_runtime(*value)};
    out += text_of(*value, at, repr);
  }
  return out;
}

}  // namespace asq::interp
