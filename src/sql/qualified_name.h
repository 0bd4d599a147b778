#pragma once

#include <compare>
#include <string>

namespace asq {

/// `schema.name` of a table, type, sequence or index.
struct QualifiedName {
  std::string schema = "public";
  std::string name;

  auto operator<=>(const QualifiedName&) const = default;
  /// `name` when the schema is public, else `schema.name` (both quoted where PostgreSQL needs it).
  std::string display() const;
};

}  // namespace asq
