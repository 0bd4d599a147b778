#pragma once

// Short builders for the model values that tests write by hand.

#include <string>
#include <utility>
#include <vector>

#include "schema/model.h"

namespace asq::test {

/// A column of canonical type `type`, without default or comment.
inline Column column(std::string name, std::string type, bool nullable = true) {
  Column c;
  c.name = std::move(name);
  c.type = std::move(type);
  c.nullable = nullable;
  return c;
}

/// A constraint of `kind` on `columns`, nothing else filled in.
inline Constraint constraint(Constraint::Kind kind, std::string name,
                             std::vector<std::string> columns) {
  Constraint c;
  c.kind = kind;
  c.name = std::move(name);
  c.columns = std::move(columns);
  return c;
}

/// `name` in schema public.
inline QualifiedName in_public(std::string name) { return {"public", std::move(name)}; }

}  // namespace asq::test
