#pragma once

// Schema x Schema -> Ops: the steps that turn one database into another, in an order PostgreSQL
// accepts, with the destructive or risky ones named as hazards.

#include <map>
#include <optional>
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

/// Values for existing rows of new NOT NULL columns, by `table.column` (`schema.table.column`
/// outside the schema public): SQL expressions a person chose.
using FillValues = std::map<std::string, std::string>;

/// A new NOT NULL column without a default on a table that exists on both sides: existing rows
/// need a value, which the diff writes as `UPDATE table SET column = value` before SET NOT NULL.
struct Fill {
  std::string key;  // `table.column`, as FillValues names it
  QualifiedName table;
  std::string column;
  std::string type;
  /// What the diff would use unaided: the smallest key of a single-column foreign key's target,
  /// else a value of the type ('', 0, false, the first enum label); none for other types.
  std::optional<std::string> suggestion;
  /// The value given in FillValues; without one the suggestion is used (and a squash refuses).
  std::optional<std::string> given;

  bool operator==(const Fill&) const = default;
};

/// The ops that turn `from` into `to`, the hazards among them, and the fills they use.
struct DiffResult {
  std::vector<Op> ops;
  std::vector<Hazard> hazards;
  std::vector<Fill> fills;
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
/// Deterministic: ties are broken by name. Throws DiffError on an unbreakable cycle. A new NOT
/// NULL column is filled with its value in `fills`, else with its suggestion (see Fill).
DiffResult diff_schemas(const Schema& from, const Schema& to, const FillValues& fills = {});

}  // namespace asq
