#include "cli/fills.h"

#include "common/errors.h"
#include "sql/fill_expression.h"

namespace asq {
namespace {

std::string column_label(const Fill& fill) { return fill.key + " (" + fill.type + ")"; }

}  // namespace

FillValues fill_values(const CommandContext& context) {
  FillValues fills = context.config.fills;
  for (const std::string& given : context.invocation.values("fill")) {
    size_t eq = given.find('=');
    if (eq == std::string::npos) {
      throw UsageError("--fill " + given + ": write --fill TABLE.COLUMN=SQL");
    }
    std::string key = given.substr(0, eq);
    std::string sql = given.substr(eq + 1);
    if (auto problem = sql::fill_key_problem(key)) throw UsageError("--fill: " + *problem);
    if (auto problem = sql::fill_expression_problem(sql)) {
      throw UsageError("--fill " + key + ": " + *problem);
    }
    fills[key] = sql;
  }
  return fills;
}

std::string fill_source(const CommandContext& context, const Fill& fill) {
  if (!fill.given) return "";
  for (const std::string& given : context.invocation.values("fill")) {
    if (given.rfind(fill.key + "=", 0) == 0) return "option";
  }
  if (context.config.fills.count(fill.key)) return "config";
  return "answer";
}

std::optional<std::string> ask_fill(std::istream& in, std::ostream& err, const Fill& fill) {
  err << "The sync revision adds the NOT NULL column " << column_label(fill)
      << " without a default: rows that exist where it runs need a value.\n";
  while (true) {
    err << "SQL value for " << fill.key;
    if (fill.suggestion) err << " [" << *fill.suggestion << "]";
    err << ": " << std::flush;
    std::string answer;
    if (!std::getline(in, answer)) {
      err << "\n";
      return std::nullopt;
    }
    while (!answer.empty() && (answer.back() == ' ' || answer.back() == '\r')) answer.pop_back();
    size_t start = answer.find_first_not_of(' ');
    answer = start == std::string::npos ? "" : answer.substr(start);
    if (answer.empty()) {
      if (fill.suggestion) return fill.suggestion;
      err << "  there is no suggestion for this type: type an SQL expression\n";
      continue;
    }
    if (auto problem = sql::fill_expression_problem(answer)) {
      err << "  " << *problem << "\n";
      continue;
    }
    return answer;
  }
}

void refuse_missing_fills(const SquashPlan& plan) {
  std::vector<Fill> missing = missing_fills(plan);
  if (missing.empty()) return;
  std::string list;
  for (const Fill& fill : missing) {
    list += "\n  " + column_label(fill) +
            (fill.suggestion ? ", suggested: " + *fill.suggestion : std::string(", no suggestion"));
  }
  throw Refused(
      "the sync revision adds NOT NULL columns that rows elsewhere need a value for; give each "
      "with --fill TABLE.COLUMN=SQL or in squash.toml's [fill] (or run squash on a terminal to "
      "be asked). Nothing was changed:" +
      list);
}

void print_fills(const CommandContext& context, const SquashPlan& plan) {
  if (plan.fills.empty()) return;
  std::ostream& out = context.out;
  out << "fills (the value existing rows get for each new NOT NULL column):\n";
  for (const Fill& fill : plan.fills) {
    out << "  " << column_label(fill) << " = ";
    if (fill.given) {
      out << *fill.given << "  [" << fill_source(context, fill) << "]\n";
    } else {
      out << "MISSING: squash asks on a terminal, else refuses; "
          << (fill.suggestion ? "suggested: " + *fill.suggestion : std::string("no suggestion"))
          << "\n";
    }
  }
}

Json fills_json(const CommandContext& context, const SquashPlan& plan) {
  Json fills = Json::Array{};
  for (const Fill& fill : plan.fills) {
    Json json;
    json["key"] = fill.key;
    json["schema"] = fill.table.schema;
    json["table"] = fill.table.name;
    json["column"] = fill.column;
    json["type"] = fill.type;
    json["value"] = fill.given ? Json(*fill.given) : Json();
    json["source"] = fill.given ? Json(fill_source(context, fill)) : Json();
    json["suggestion"] = fill.suggestion ? Json(*fill.suggestion) : Json();
    fills.push_back(std::move(json));
  }
  return fills;
}

}  // namespace asq
