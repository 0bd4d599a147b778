#include "interpret/partitioning.h"

#include <algorithm>
#include <cctype>

#include "schema/types.h"

namespace asq::interp {
namespace {

std::string_view trimmed(std::string_view text) {
  const char* blanks = " \t\r\n";
  size_t first = text.find_first_not_of(blanks);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(blanks) - first + 1);
}

bool is_identifier_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }

bool is_identifier_part(char c) {
  return is_identifier_start(c) || std::isdigit(static_cast<unsigned char>(c)) || c == '$';
}

/// The name a key element denotes when it is a bare column (folded to lower case) or a quoted
/// one (as written); empty for anything else.
std::string column_name(std::string_view element) {
  if (element.size() >= 2 && element.front() == '"' && element.back() == '"') {
    std::string name;
    for (size_t i = 1; i + 1 < element.size(); ++i) {
      if (element[i] == '"') {
        if (element[i + 1] != '"' || i + 2 == element.size()) return "";
        ++i;
      }
      name += element[i];
    }
    return name;
  }
  if (element.empty() || !is_identifier_start(element.front()) ||
      !std::all_of(element.begin(), element.end(), is_identifier_part)) {
    return "";
  }
  std::string name(element);
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

/// The key's elements, split at the commas outside parentheses and quotes.
std::vector<std::string_view> key_elements(std::string_view list) {
  std::vector<std::string_view> out;
  int depth = 0;
  char quote = 0;
  size_t start = 0;
  for (size_t i = 0; i < list.size(); ++i) {
    char c = list[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (c == ',' && depth == 0) {
      out.push_back(trimmed(list.substr(start, i - start)));
      start = i + 1;
    }
  }
  out.push_back(trimmed(list.substr(start)));
  return out;
}

}  // namespace

PartitionKey partition_key_from_sql(std::string_view sql) {
  std::string_view text = trimmed(sql);
  auto malformed = [&]() {
    return SpellingError("expected RANGE, LIST or HASH and the key in parentheses, found '" +
                         std::string(text) + "'");
  };
  size_t word_end = 0;
  while (word_end < text.size() && std::isalpha(static_cast<unsigned char>(text[word_end]))) {
    ++word_end;
  }
  std::string strategy(text.substr(0, word_end));
  for (char& c : strategy) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::string_view rest = trimmed(text.substr(word_end));
  if ((strategy != "RANGE" && strategy != "LIST" && strategy != "HASH") || rest.size() < 2 ||
      rest.front() != '(' || rest.back() != ')') {
    throw malformed();
  }
  PartitionKey key;
  std::vector<std::string> printed;
  for (std::string_view element : key_elements(rest.substr(1, rest.size() - 2))) {
    if (element.empty()) throw malformed();
    std::string column = column_name(element);
    if (column.empty()) key.as_written.emplace_back(element);
    printed.push_back(column.empty() ? std::string(element) : quote_identifier(column));
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
