#pragma once

// Schema x Schema -> Ops: the steps that turn one database into another, in an order PostgreSQL
// accepts, with the destructive or risky ones named as hazards.

#include <stdexcept>
#include <string>
#include <vector>

#include "ops/ops.h"
#include "schema/model.h"

namespace asq {

/// A step of a diff that can lose data or fail on existing rows.
struct Hazard {
  /// "drop_table", "drop_column", "type_narrowing", "type_change", "not_null",
  /// "not_null_backfill", "enum_value_removed", "enum_values_reordered", "new_constraint",
  /// "column_order", "generated_change", "drop_schema", "drop_extension".
  std::string kind;
  /// The object, as `table`, `table.column`, `schema.type`.
  std::string object;
  std::string message;

  bool operator==(const Hazard&) const = default;
};

/// The ops that turn `from` into `to`, and the hazards among them.
struct DiffResult {
  std::vector<Op> ops;
  std::vector<Hazard> hazards;
};

/// Objects depend on each other in a cycle that no op order can satisfy.
class DiffError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Ops that turn `from` into `to`, dependency-ordered in fixed phases: schemas, extensions, enum
/// types, sequences, tables (foreign keys inline when their target already exists, else added
/// after all tables), columns, sequence owners, indexes, constraints; drops of foreign keys,
/// indexes and constraints that go or change come first, the other drops last, in reverse.
/// Deterministic: ties are broken by name. Throws DiffError on an unbreakable cycle.
DiffResult diff_schemas(const Schema& from, const Schema& to);

}  // namespace asq
