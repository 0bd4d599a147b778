#include "interpret/partitioning.h"

#include <algorithm>
#include <cctype>

#include "common/text.h"
#include "sql/identifiers.h"
#include "sql/tokens.h"
#include "sql/type_names.h"

namespace asq::interp {
namespace {

/// The tokens of one key element: a bare column (folded to lower case) or a quoted one (as
/// written) gives its name; anything else "".
std::string column_name(const std::vector<sql::Token>& element) {
  if (element.size() != 1 || !element[0].is_name()) return "";
  return element[0].text;
}

}  // namespace

PartitionKey partition_key_from_sql(std::string_view sql) {
  std::string_view text = trim(sql);
  auto malformed = [&]() {
    return SpellingError("expected RANGE, LIST or HASH and the key in parentheses, found '" +
                         std::string(text) + "'");
  };
  std::vector<sql::Token> t;
  try {
    t = sql::tokenize(text);
  } catch (const sql::LexError&) {
    throw malformed();
  }
  t.pop_back();  // kEnd
  bool strategy_word =
      !t.empty() && (t[0].is_word("range") || t[0].is_word("list") || t[0].is_word("hash"));
  if (!strategy_word || t.size() < 3 || !t[1].is_symbol("(") || !t.back().is_symbol(")")) {
    throw malformed();
  }
  std::string strategy = t[0].text;
  for (char& c : strategy) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  // The elements between the parentheses, split at the commas outside nested ones.
  std::vector<std::vector<sql::Token>> elements(1);
  int depth = 0;
  for (size_t i = 2; i + 1 < t.size(); ++i) {
    if (t[i].is_symbol("(")) ++depth;
    if (t[i].is_symbol(")")) --depth;
    if (depth == 0 && t[i].is_symbol(",")) {
      elements.emplace_back();
    } else {
      elements.back().push_back(t[i]);
    }
  }
  PartitionKey key;
  std::vector<std::string> printed;
  for (const auto& element : elements) {
    if (element.empty()) throw malformed();
    std::string column = column_name(element);
    std::string written(
        text.substr(element.front().begin, element.back().end - element.front().begin));
    if (column.empty()) key.as_written.push_back(written);
    printed.push_back(column.empty() ? written : quote_identifier(column));
  }
  std::string list;
  for (const auto& p : printed) list += (list.empty() ? "" : ", ") + p;
  key.text = strategy + " (" + list + ")";
  return key;
}

std::vector<QualifiedName> inherited_tables(const Argument& argument, const BoundArguments& call) {
  std::vector<Value> names{argument.value};
  if (auto* list = argument.value.get<ListValue>()) names = list->items;
  std::vector<QualifiedName> parents;
  for (const Value& name : names) {
    auto* text = name.get<std::string>();
    if (!text) {
      call.fail(argument.at, call.callee() +
                                 "(): postgresql_inherits must be a table name or a list of "
                                 "them, found " +
                                 describe(name));
    }
    parents.push_back({"public", *text});
  }
  return parents;
}

}  // namespace asq::interp
