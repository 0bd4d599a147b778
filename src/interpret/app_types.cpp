#include "interpret/app_types.h"

#include <algorithm>
#include <cctype>

#include "interpret/interpreter.h"
#include "sql/type_names.h"

namespace asq {

AppTypes read_app_types(const std::map<std::string, TypeMapping>& types) {
  AppTypes out;
  for (const auto& [name, mapping] : types) {
    auto fail = [&](const std::string& message) {
      throw SourceError(mapping.where, "[types] \"" + name + "\": " + message, mapping.line);
    };
    if (name.find('.') == std::string::npos || name.front() == '.' || name.back() == '.') {
      fail("expected the dotted name the revisions import (module.Type)");
    }
    try {
      if (mapping.sql.find('{') != std::string::npos) {
        // A template: checked with 1 for every argument, filled in where the type is called.
        std::string filled = interp::fill_app_type(mapping.sql, [](const std::string& key) {
          auto digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
          auto word = [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
          };
          bool position =
              !key.empty() && key.size() <= 3 && std::all_of(key.begin(), key.end(), digit);
          bool name =
              !key.empty() && !digit(key.front()) && std::all_of(key.begin(), key.end(), word);
          if (!position && !name) {
            throw SpellingError("'{" + key + "}' is not an argument: write {name} or {0}");
          }
          return std::optional<std::string>("1");
        });
        if (canonical_type_from_sql(filled).serial)
          fail("serial is not a type a column can have; write integer or bigint");
        out[name] = mapping.sql;
        continue;
      }
      SqlTextType type = canonical_type_from_sql(mapping.sql);
      if (type.serial) fail("serial is not a type a column can have; write integer or bigint");
      out[name] = type.spelling;
    } catch (const SpellingError& error) {
      fail(error.what());
    }
  }
  return out;
}

namespace interp {

std::string fill_app_type(
    const std::string& mapping,
    const std::function<std::optional<std::string>(const std::string&)>& arg) {
  std::string out;
  for (size_t i = 0; i < mapping.size(); ++i) {
    if (mapping[i] != '{') {
      out += mapping[i];
      continue;
    }
    size_t close = mapping.find('}', i);
    if (close == std::string::npos) throw SpellingError("a '{' without its '}'");
    std::string key = mapping.substr(i + 1, close - i - 1);
    std::optional<std::string> value = arg(key);
    if (!value) throw SpellingError("the call gives no argument {" + key + "}");
    out += *value;
    i = close;
  }
  return out;
}

SqlType app_type(const std::string& spelling) {
  SqlType type;
  type.spelling = spelling;
  if (spelling == "integer" || spelling == "bigint" || spelling == "smallint") {
    type.serial_type = spelling;
  }
  return type;
}

}  // namespace interp
}  // namespace asq
