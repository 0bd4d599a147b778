#include "python/ast.h"

namespace asq::py {

const String* docstring(const Module& module) {
  if (module.body.empty()) return nullptr;
  auto* statement = std::get_if<ExprStmt>(&module.body.front()->node);
  if (!statement || !statement->value) return nullptr;
  auto* string = std::get_if<String>(&statement->value->node);
  if (!string || string->is_bytes || string->is_fstring) return nullptr;
  return string;
}

}  // namespace asq::py
