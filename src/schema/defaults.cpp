#include "schema/defaults.h"

#include "schema/constants.h"
#include "schema/types.h"

namespace asq {
namespace {

using detail::constant;
using detail::quote_literal;

}  // namespace

std::string default_from_string(std::string_view value, std::string_view column_type) {
  return constant(value, column_type, false);
}

std::string nextval_default(const QualifiedName& sequence) {
  return "nextval(" + quote_literal(qualified_spelling(sequence)) + "::regclass)";
}

std::string serial_sequence_name(std::string_view table, std::string_view column) {
  const size_t available = 63 - (1 + 4);  // "_" between the names, "_seq" after
  size_t table_chars = table.size(), column_chars = column.size();
  while (table_chars + column_chars > available) {
    if (table_chars > column_chars) {
      --table_chars;
    } else {
      --column_chars;
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
  return clip(table, table_chars) + "_" + clip(column, column_chars) + "_seq";
}

}  // namespace asq
