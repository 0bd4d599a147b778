#include "interpret/args.h"

#include <algorithm>

namespace asq::interp {

BoundArguments::BoundArguments(const SourceContext& context, std::string callee, Arguments args,
                               const std::vector<std::string_view>& params, const py::Position& at)
    : context_(context), callee_(std::move(callee)), at_(at) {
  bool collects_rest = false, collects_keywords = false;
  std::vector<std::string_view> names;
  for (std::string_view p : params) {
    if (p == "**") {
      collects_keywords = true;
    } else if (!p.empty() && p[0] == '*') {
      collects_rest = true;
    } else if (!collects_rest) {
      names.push_back(p);
    }
  }
  std::vector<std::string_view> keyword_only;
  bool after_rest = false;
  for (std::string_view p : params) {
    if (p == "**") continue;
    if (!p.empty() && p[0] == '*') {
      after_rest = true;
    } else if (after_rest) {
      keyword_only.push_back(p);
    }
  }
  size_t i = 0;
  for (; i < args.positional.size() && i < names.size(); ++i) {
    named_.emplace_back(std::string(names[i]), std::move(args.positional[i]));
  }
  for (; i < args.positional.size(); ++i) {
    if (!collects_rest) {
      context_.fail(
          args.positional[i].at,
          callee_ + "() takes at most " + std::to_string(names.size()) + " positional arguments");
    }
    rest_.push_back(std::move(args.positional[i]));
  }
  for (auto& [key, arg] : args.keywords) {
    bool known = std::find(names.begin(), names.end(), key) != names.end() ||
                 std::find(keyword_only.begin(), keyword_only.end(), key) != keyword_only.end();
    if (!known) {
      if (!collects_keywords) {
        context_.fail(arg.at,
                      callee_ + "(): argument " + key + "= is not supported by the interpreter");
      }
      extra_.emplace_back(key, std::move(arg));
      continue;
    }
    if (find(key)) context_.fail(arg.at, callee_ + "() got two values for " + key);
    named_.emplace_back(key, std::move(arg));
  }
}

const Argument* BoundArguments::find(std::string_view name) const {
  for (const auto& [key, arg] : named_) {
    if (key == name) return &arg;
  }
  for (const auto& [key, arg] : extra_) {  // a keyword the call takes through **kw
    if (key == name) return &arg;
  }
  return nullptr;
}

bool BoundArguments::given(std::string_view name) const {
  const Argument* arg = find(name);
  return arg && !arg->value.is_none();
}

const Argument& BoundArguments::required(std::string_view name) const {
  const Argument* arg = find(name);
  if (!arg) fail(at_, callee_ + "() is missing argument " + std::string(name));
  return *arg;
}

std::string BoundArguments::string(std::string_view name) const {
  const Argument& arg = required(name);
  if (auto* s = arg.value.get<std::string>()) return *s;
  fail(arg.at, callee_ + "(): " + std::string(name) + " must be a string, found " +
                   describe(arg.value) + values_hint(arg.value, "\"...\""));
}

std::optional<std::string> BoundArguments::optional_string(std::string_view name) const {
  if (!given(name)) return std::nullopt;
  return string(name);
}

std::optional<bool> BoundArguments::optional_bool(std::string_view name) const {
  if (!given(name)) return std::nullopt;
  const Argument& arg = required(name);
  if (auto* b = arg.value.get<bool>()) return *b;
  fail(arg.at, callee_ + "(): " + std::string(name) + " must be True or False, found " +
                   describe(arg.value));
}

bool BoundArguments::flag(std::string_view name, bool fallback) const {
  return optional_bool(name).value_or(fallback);
}

std::vector<std::string> BoundArguments::strings(std::string_view name) const {
  const Argument& arg = required(name);
  auto* list = arg.value.get<ListValue>();
  if (!list)
    fail(arg.at, callee_ + "(): " + std::string(name) + " must be a list of names, found " +
                     describe(arg.value));
  std::vector<std::string> out;
  for (const Value& item : list->items) {
    auto* s = item.get<std::string>();
    if (!s)
      fail(arg.at,
           callee_ + "(): " + std::string(name) + " must hold strings, found " + describe(item));
    out.push_back(*s);
  }
  return out;
}

std::string BoundArguments::schema(std::string_view name) const {
  return optional_string(name).value_or("public");
}

void BoundArguments::reject_extra(const std::vector<std::string_view>& ignored) const {
  static const std::vector<std::string_view> other_dialects = {"mysql_", "mariadb_", "mssql_",
                                                               "sqlite_", "oracle_"};
  for (const auto& [key, arg] : extra_) {
    bool other = std::any_of(other_dialects.begin(), other_dialects.end(),
                             [&](std::string_view p) { return key.rfind(p, 0) == 0; });
    if (other || std::find(ignored.begin(), ignored.end(), key) != ignored.end()) continue;
    context_.warn(arg.at, callee_ + "(): argument " + key +
                              "= is not known to the interpreter; the revision is read without it");
  }
}

void BoundArguments::fail(const py::Position& at, const std::string& message) const {
  context_.fail(at, message);
}

void BoundArguments::fail_argument(std::string_view name, const std::string& message) const {
  const Argument* arg = find(name);
  fail(arg ? arg->at : at_, callee_ + "(): " + message);
}

std::optional<std::string> sql_text(const Value& value) {
  if (auto* s = value.get<std::string>()) return *s;
  if (auto* t = value.get<SqlText>()) return t->sql;
  return std::nullopt;
}

}  // namespace asq::interp
