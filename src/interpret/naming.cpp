#include "interpret/naming.h"

#include <regex>

#include "interpret/tables.h"

namespace asq {
namespace {

/// The value of one token of a template, or why it has none here.
struct Token {
  std::string value;
  std::string problem;
};

Token token_value(const std::string& key, const NamingConvention& convention,
                  const std::string& given, const NameParts& parts) {
  if (convention.custom_tokens.count(key)) {
    return {"", "the naming convention's token %(" + key + ")s is a function of the project"};
  }
  if (key == "table_name") return {parts.table.name, ""};
  if (key == "constraint_name") {
    if (given.empty()) {
      return {"",
              "the naming convention uses %(constraint_name)s but the object has no name "
              "(SQLAlchemy refuses it)"};
    }
    return {given, ""};
  }
  if (key == "referred_table_name") return {parts.referred_table.name, ""};
  // column_0_name, column_1_key, column_0_label, column_0N_name, column_0_N_name, and the
  // referred_column_* forms, as SQLAlchemy's ConventionDict reads them.
  static const std::regex column(R"(^(referred_)?column_(\d+)(_?N)?_(name|key|label)$)");
  std::smatch match;
  if (!std::regex_match(key, match, column)) {
    return {"", "the naming convention's token %(" + key + ")s is not one SQLAlchemy knows"};
  }
  bool referred = match[1].matched;
  std::string attribute = match[4].str();
  if (referred && attribute != "name") {
    return {"", "the naming convention's token %(" + key + ")s is not one SQLAlchemy knows"};
  }
  if (!parts.columns_known) {
    return {"", "the naming convention's %(" + key + ")s needs the columns, which " +
                    "a drop by name does not give"};
  }
  const std::vector<std::string>& names = referred ? parts.referred_columns : parts.columns;
  auto text = [&](const std::string& name) {
    if (attribute != "label") return name;
    return (parts.schema_given ? parts.table.schema + "_" : "") + parts.table.name + "_" + name;
  };
  if (match[3].matched) {
    std::string joined;
    std::string separator = match[3].str().front() == '_' ? "_" : "";
    for (size_t i = 0; i < names.size(); ++i) joined += (i ? separator : "") + text(names[i]);
    return {joined, ""};
  }
  size_t index = std::stoul(match[2].str());
  return {index < names.size() ? text(names[index]) : "", ""};
}

}  // namespace

NamingConvention NamingConvention::sqlalchemy_default() {
  NamingConvention convention;
  convention.templates["ix"] = "ix_%(column_0_label)s";
  return convention;
}

std::string_view convention_key(Constraint::Kind kind) {
  switch (kind) {
    case Constraint::Kind::kPrimaryKey:
      return "pk";
    case Constraint::Kind::kForeignKey:
      return "fk";
    case Constraint::Kind::kUnique:
      return "uq";
    case Constraint::Kind::kCheck:
      return "ck";
    default:
      return "";
  }
}

ConventionalName conventional_name(const NamingConvention& convention, std::string_view kind,
                                   const std::string& given, bool given_is_conv,
                                   const NameParts& parts) {
  if (given_is_conv) return {given, ""};
  auto found = convention.templates.find(std::string(kind));
  if (found == convention.templates.end()) return {given, ""};
  const std::string& pattern = found->second;
  if (!given.empty() && pattern.find("%(constraint_name)s") == std::string::npos) {
    return {given, ""};
  }
  std::string out;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '%') {
      out += pattern[i];
      continue;
    }
    if (i + 1 < pattern.size() && pattern[i + 1] == '%') {
      out += '%';
      ++i;
      continue;
    }
    size_t close = pattern.find(")s", i);
    if (i + 1 >= pattern.size() || pattern[i + 1] != '(' || close == std::string::npos) {
      return {given, "the naming convention template '" + pattern + "' is not a %(token)s one"};
    }
    Token token = token_value(pattern.substr(i + 2, close - i - 2), convention, given, parts);
    if (!token.problem.empty()) return {given, token.problem};
    out += token.value;
    i = close + 1;
  }
  return {interp::truncated_name(out), ""};
}

}  // namespace asq
