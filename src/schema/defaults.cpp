#include "schema/defaults.h"

#include <limits>

#include "schema/constants.h"
#include "sql/identifiers.h"
#include "sql/literals.h"

namespace asq {
namespace {

using detail::constant;

}  // namespace

std::string default_from_string(std::string_view value, std::string_view column_type) {
  return constant(value, column_type, false);
}

std::string nextval_default(const QualifiedName& sequence) {
  return "nextval(" + sql_literal(qualified_spelling(sequence)) + "::regclass)";
}

std::string object_name(std::string_view name1, std::string_view name2, std::string_view label) {
  const size_t available = 63 - (label.size() + 1 + (name2.empty() ? 0 : 1));
  size_t chars1 = name1.size(), chars2 = name2.size();
  while (chars1 + chars2 > available) {
    if (chars1 > chars2) {
      --chars1;
    } else {
      --chars2;
    }
  }
  auto clip = [](std::string_view text, size_t chars) {
    // Never cut a UTF-8 sequence in half (pg_mbcliplen).
    while (chars > 0 && chars < text.size() &&
           (static_cast<unsigned char>(text[chars]) & 0xC0) == 0x80) {
      --chars;
    }
    return std::string(text.substr(0, chars));
  };
  std::string name = clip(name1, chars1);
  if (!name2.empty()) name += "_" + clip(name2, chars2);
  return name + "_" + std::string(label);
}

Sequence sequence_of_type(const QualifiedName& name, const std::string& type) {
  Sequence sequence;
  sequence.name = name;
  sequence.data_type = type;
  sequence.max_value = type == "smallint"  ? 32767
                       : type == "integer" ? 2147483647
                                           : std::numeric_limits<std::int64_t>::max();
  return sequence;
}

std::string serial_sequence_name(std::string_view table, std::string_view column) {
  return object_name(table, column, "seq");
}

}  // namespace asq
