#include "schema/expression_catalog.h"

#include <algorithm>
#include <map>
#include <set>

namespace asq::expr {
namespace {

const std::vector<std::string> kIntegers = {"smallint", "integer", "bigint"};
const std::vector<std::string> kComparable = {"smallint",
                                              "integer",
                                              "bigint",
                                              "numeric",
                                              "real",
                                              "double precision",
                                              "text",
                                              "bpchar",
                                              "boolean",
                                              "date",
                                              "timestamp without time zone",
                                              "timestamp with time zone",
                                              "interval",
                                              "uuid",
                                              "time without time zone",
                                              "jsonb",
                                              "bytea"};
const std::vector<std::string> kDateTimes = {"date", "timestamp without time zone",
                                             "timestamp with time zone"};

int integer_width(const std::string& type) {
  auto it = std::find(kIntegers.begin(), kIntegers.end(), type);
  return it == kIntegers.end() ? -1 : static_cast<int>(it - kIntegers.begin());
}

char category(const std::string& type) {
  if (is_citext(type)) return 'S';  // citext's typcategory
  static const std::map<std::string, char, std::less<>> categories = {
      {"smallint", 'N'},
      {"integer", 'N'},
      {"bigint", 'N'},
      {"numeric", 'N'},
      {"real", 'N'},
      {"double precision", 'N'},
      {"text", 'S'},
      {"character varying", 'S'},
      {"bpchar", 'S'},
      {"date", 'D'},
      {"timestamp without time zone", 'D'},
      {"timestamp with time zone", 'D'},
      {"interval", 'T'},
      {"boolean", 'B'}};
  auto it = categories.find(type);
  if (it != categories.end()) return it->second;
  return type.ends_with("[]") ? 'A' : 'U';
}

bool preferred(const std::string& type) {
  return type == "double precision" || type == "text" || type == "timestamp with time zone" ||
         type == "interval" || type == "boolean";
}

/// Binary operators: the same-type comparisons, integer cross-type ones, date/time ones.
std::vector<Signature> binary_operators(const std::string& op) {
  static const std::set<std::string, std::less<>> comparisons = {"=", "<>", "<", ">", "<=", ">="};
  std::vector<Signature> out;
  auto add = [&](const std::string& l, const std::string& r, const std::string& result) {
    out.push_back({{l, r}, result, false});
  };
  if (comparisons.count(op)) {
    for (const auto& t : kComparable) add(t, t, "boolean");
    for (const auto& l : kIntegers)
      for (const auto& r : kIntegers)
        if (l != r) add(l, r, "boolean");
    add("real", "double precision", "boolean");
    add("double precision", "real", "boolean");
    for (const auto& l : kDateTimes)
      for (const auto& r : kDateTimes)
        if (l != r) add(l, r, "boolean");
    return out;
  }
  if (op == "+" || op == "-" || op == "*" || op == "/") {
    for (const auto& l : kIntegers)
      for (const auto& r : kIntegers) add(l, r, integer_width(l) > integer_width(r) ? l : r);
    for (const char* t : {"numeric", "real", "double precision"}) add(t, t, t);
    add("real", "double precision", "double precision");
    add("double precision", "real", "double precision");
  }
  if (op == "%") {
    for (const char* t : {"smallint", "integer", "bigint", "numeric"}) add(t, t, t);
  }
  if (op == "+" || op == "-") {
    const std::string tz = "timestamp with time zone", ts = "timestamp without time zone";
    add("date", "integer", "date");
    add("date", "interval", ts);
    add(tz, "interval", tz);
    add(ts, "interval", ts);
    add("interval", "interval", "interval");
    if (op == "+") {
      add("integer", "date", "date");
      add("interval", tz, tz);
      add("interval", ts, ts);
    } else {
      add("date", "date", "integer");
      add(tz, tz, "interval");
      add(ts, ts, "interval");
    }
  }
  if (op == "*") {
    add("interval", "double precision", "interval");
    add("double precision", "interval", "interval");
  }
  if (op == "/") add("interval", "double precision", "interval");
  if (op == "||") add("text", "text", "text");
  static const std::set<std::string, std::less<>> patterns = {"~~", "!~~", "~~*", "!~~*",
                                                              "~",  "!~",  "~*",  "!~*"};
  if (patterns.count(op)) {
    add("text", "text", "boolean");
    add("bpchar", "text", "boolean");
  }
  return out;
}

std::map<std::string, std::vector<Signature>, std::less<>> make_functions() {
  std::map<std::string, std::vector<Signature>, std::less<>> f;
  const std::string t = "text", i = "integer", n = "numeric", d = "double precision";
  const std::string tz = "timestamp with time zone", ts = "timestamp without time zone";
  for (const char* name : {"lower", "upper", "initcap", "md5", "btrim", "ltrim", "rtrim"}) {
    f[name].push_back({{t}, t});
  }
  for (const char* name : {"btrim", "ltrim", "rtrim"}) f[name].push_back({{t, t}, t});
  for (const char* name : {"length", "char_length", "character_length"}) {
    f[name] = {{{t}, i}, {{"bpchar"}, i}};
  }
  f["octet_length"] = {{{t}, i}};
  f["replace"] = {{{t, t, t}, t}};
  f["left"] = {{{t, i}, t}};
  f["right"] = {{{t, i}, t}};
  f["substr"] = {{{t, i}, t}, {{t, i, i}, t}};
  f["split_part"] = {{{t, t, i}, t}};
  f["starts_with"] = {{{t, t}, "boolean"}};
  f["lpad"] = {{{t, i}, t}, {{t, i, t}, t}};
  f["rpad"] = f["lpad"];
  f["concat"] = {{{kAnyType}, t, true}};
  f["concat_ws"] = {{{t, kAnyType}, t, true}};
  f["abs"] = {{{"smallint"}, "smallint"}, {{i}, i}, {{"bigint"}, "bigint"}, {{n}, n},
              {{"real"}, "real"},         {{d}, d}};
  for (const char* name : {"round", "trunc"}) f[name] = {{{d}, d}, {{n}, n}, {{n, i}, n}};
  for (const char* name : {"ceil", "ceiling", "floor"}) f[name] = {{{d}, d}, {{n}, n}};
  for (const char* name :
       {"now", "clock_timestamp", "statement_timestamp", "transaction_timestamp"}) {
    f[name] = {{{}, tz}};
  }
  f["random"] = {{{}, d}};
  f["gen_random_uuid"] = {{{}, "uuid"}};
  f["date_trunc"] = {{{t, ts}, ts}, {{t, tz}, tz}, {{t, "interval"}, "interval"}};
  f["date_part"] = {{{t, ts}, d}, {{t, tz}, d}, {{t, "interval"}, d}};
  f["age"] = {{{tz}, "interval"}, {{tz, tz}, "interval"}};
  f["to_tsvector"] = {{{"regconfig", t}, "tsvector"}, {{t}, "tsvector"}};
  f["to_char"] = {{{tz, t}, t}, {{ts, t}, t}, {{n, t}, t}, {{"bigint", t}, t}, {{i, t}, t}};
  f["jsonb_typeof"] = {{{"jsonb"}, t}};
  f["current_setting"] = {{{t}, t}, {{t, "boolean"}, t}};
  return f;
}

std::map<std::string, std::vector<Signature>, std::less<>> make_aggregates() {
  std::map<std::string, std::vector<Signature>, std::less<>> a;
  const std::string n = "numeric", d = "double precision";
  a["count"] = {{{kAnyType}, "bigint"}};
  a["sum"] = {{{"smallint"}, "bigint"},  {{"integer"}, "bigint"},
              {{"bigint"}, n},           {{n}, n},
              {{"real"}, "real"},        {{d}, d},
              {{"interval"}, "interval"}};
  a["avg"] = {{{"smallint"}, n}, {{"integer"}, n}, {{"bigint"}, n},
              {{n}, n},          {{d}, d},         {{"interval"}, "interval"}};
  for (const char* name : {"min", "max"}) {
    for (const char* type :
         {"smallint", "integer", "bigint", "numeric", "real", "double precision", "text", "bpchar",
          "date", "timestamp without time zone", "timestamp with time zone", "interval"}) {
      a[name].push_back({{type}, type});
    }
  }
  for (const char* name : {"bool_and", "bool_or", "every"}) a[name] = {{{"boolean"}, "boolean"}};
  a["string_agg"] = {{{"text", "text"}, "text"}};
  return a;
}

/// How well `param` takes an argument of type `arg`: 2 exactly, 1 through a cast or as a
/// literal, 0 not at all.
int fit(const std::string& param, const std::string& arg) {
  if (param == kAnyType || param == arg) return 2;
  if (arg == kUnknown || implicit_cast(arg, param)) return 1;
  return 0;
}

}  // namespace

bool is_citext(const std::string& type) { return type.size() > 7 && type.ends_with(".citext"); }

std::string citext_schema(const std::string& type) { return type.substr(0, type.size() - 7); }

std::vector<Signature> citext_operators(const std::string& op, const std::string& citext) {
  // pg_operator after CREATE EXTENSION citext (1.6): comparisons and pattern comparisons on
  // (citext, citext); the regular expression and LIKE operators also on (citext, text).
  static const std::set<std::string, std::less<>> same_type = {"=",  "<>",  "<",    "<=",   ">",
                                                               ">=", "~<~", "~<=~", "~>=~", "~>~"};
  static const std::set<std::string, std::less<>> patterns = {"~",  "~*",  "!~",  "!~*",
                                                              "~~", "~~*", "!~~", "!~~*"};
  std::string schema = citext_schema(citext);
  std::vector<Signature> out;
  if (same_type.count(op) || patterns.count(op)) {
    out.push_back({{citext, citext}, "boolean", false, schema});
  }
  if (patterns.count(op)) out.push_back({{citext, "text"}, "boolean", false, schema});
  return out;
}

bool citext_overloads(const std::string& name) {
  static const std::set<std::string, std::less<>> names = {"regexp_match",
                                                           "regexp_matches",
                                                           "regexp_replace",
                                                           "regexp_split_to_array",
                                                           "regexp_split_to_table",
                                                           "replace",
                                                           "split_part",
                                                           "strpos",
                                                           "translate",
                                                           "min",
                                                           "max"};
  return names.count(name) > 0;
}

bool implicit_cast(const std::string& from, const std::string& to) {
  if (from == to) return true;
  // citext's casts in pg_cast: to text and varchar implicitly (binary); from them only on
  // assignment.
  if (is_citext(from)) return to == "text" || to == "character varying";
  if (from.ends_with("[]") && to.ends_with("[]")) {
    return implicit_cast(from.substr(0, from.size() - 2), to.substr(0, to.size() - 2));
  }
  int from_width = integer_width(from), to_width = integer_width(to);
  if (from_width >= 0) {
    if (to_width >= 0) return to_width > from_width;
    return to == "numeric" || to == "real" || to == "double precision";
  }
  static const std::set<std::pair<std::string, std::string>> casts = {
      {"numeric", "real"},
      {"numeric", "double precision"},
      {"real", "double precision"},
      {"character varying", "text"},
      {"text", "character varying"},
      {"bpchar", "text"},
      {"bpchar", "character varying"},
      {"text", "bpchar"},
      {"character varying", "bpchar"},
      {"date", "timestamp without time zone"},
      {"date", "timestamp with time zone"},
      {"timestamp without time zone", "timestamp with time zone"}};
  return casts.count({from, to}) > 0;
}

bool builtin_type(const std::string& type) {
  std::string base = type.ends_with("[]") ? type.substr(0, type.size() - 2) : type;
  if (is_citext(base)) return false;
  return category(base) != 'U' || base == "uuid" || base == "jsonb" || base == "bytea" ||
         base == "time without time zone" || base == "tsvector" || base == "regconfig" ||
         base == "name";
}

bool function_cast(const std::string& from, const std::string& to) {
  char from_category = category(from), to_category = category(to);
  if (from_category == 'N' || from_category == 'D') return from_category == to_category;
  return from == "bpchar" && to_category == 'S';
}

std::vector<Signature> operator_signatures(const std::string& op, size_t arity) {
  if (arity == 2) return binary_operators(op);
  std::vector<Signature> out;
  if (op == "-" || op == "+") {
    for (const char* t :
         {"smallint", "integer", "bigint", "numeric", "real", "double precision", "interval"}) {
      out.push_back({{t}, t, false});
    }
  }
  return out;
}

const std::vector<Signature>& function_signatures(const std::string& name) {
  static const auto functions = make_functions();
  static const std::vector<Signature> none;
  auto it = functions.find(name);
  return it == functions.end() ? none : it->second;
}

const std::vector<Signature>& aggregate_signatures(const std::string& name) {
  static const auto aggregates = make_aggregates();
  static const std::vector<Signature> none;
  auto it = aggregates.find(name);
  return it == aggregates.end() ? none : it->second;
}

std::optional<Signature> choose(const std::vector<Signature>& candidates,
                                const std::vector<std::string>& args, bool is_operator) {
  auto param = [](const Signature& s, size_t i) -> const std::string& {
    return i < s.params.size() ? s.params[i] : s.params.back();
  };
  std::vector<const Signature*> fitting;
  for (const Signature& s : candidates) {
    bool arity = s.variadic ? args.size() >= s.params.size() : args.size() == s.params.size();
    bool fits = arity;
    for (size_t i = 0; fits && i < args.size(); ++i) fits = fit(param(s, i), args[i]) > 0;
    if (fits) fitting.push_back(&s);
  }
  // An operator with one literal side: the one taking the other side's type on both.
  if (is_operator && args.size() == 2 && (args[0] == kUnknown) != (args[1] == kUnknown)) {
    const std::string& known = args[0] == kUnknown ? args[1] : args[0];
    for (const Signature* s : fitting) {
      if (s->params[0] == known && s->params[1] == known) return *s;
    }
  }
  auto keep_best = [&](auto score) {
    int best = -1;
    for (const Signature* s : fitting) best = std::max(best, score(*s));
    std::erase_if(fitting, [&](const Signature* s) { return score(*s) < best; });
  };
  keep_best([&](const Signature& s) {
    int exact = 0;
    for (size_t i = 0; i < args.size(); ++i) exact += fit(param(s, i), args[i]) == 2;
    return exact;
  });
  keep_best([&](const Signature& s) {
    int preferred_count = 0;
    for (size_t i = 0; i < args.size(); ++i) {
      preferred_count += fit(param(s, i), args[i]) == 1 && preferred(param(s, i));
    }
    return preferred_count;
  });
  if (fitting.size() != 1) return std::nullopt;
  return *fitting.front();
}

std::optional<std::string> common_type(const std::vector<std::string>& types) {
  std::string chosen;
  for (const std::string& type : types) {
    if (type == kUnknown) continue;
    if (chosen.empty()) {
      chosen = type;
    } else if (type != chosen) {
      if (category(type) != category(chosen) || category(type) == 'U') return std::nullopt;
      if (!preferred(chosen) && implicit_cast(chosen, type) && !implicit_cast(type, chosen)) {
        chosen = type;
      }
    }
  }
  return chosen.empty() ? "text" : chosen;
}

}  // namespace asq::expr
