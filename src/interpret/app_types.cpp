#include "interpret/app_types.h"

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
