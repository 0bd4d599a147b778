#pragma once

// The one vocabulary between stages: replay produces Ops, diff produces Ops, the renderers and
// the in-memory apply consume them. A closed set: a stage that forgets a kind fails to compile.

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "common/source_error.h"
#include "schema/model.h"

namespace asq {

struct CreateSchema {
  std::string name;
};
struct DropSchema {
  std::string name;
};
struct CreateExtension {
  Extension extension;
};
struct DropExtension {
  std::string name;
};
/// CREATE TYPE ... AS ENUM; `if_not_exists` for ENUM.create(bind, checkfirst=True).
/// `table_event`: created by op.create_table for a column's sa.Enum (SQLAlchemy's before_create
/// event), which an Alembic run does at most once per type: see RunMemo.
struct CreateEnum {
  EnumType type;
  bool if_not_exists = false;
  bool table_event = false;
};
struct DropEnum {
  QualifiedName name;
  bool if_exists = false;
};
/// ALTER TYPE ... ADD VALUE (after `after` when set, else at the end).
struct AddEnumValue {
  QualifiedName name;
  std::string value;
  std::string before;
  std::string after;
};
struct CreateSequence {
  Sequence sequence;
};
struct DropSequence {
  QualifiedName name;
};
/// ALTER SEQUENCE ... OWNED BY table.column (empty table: OWNED BY NONE).
struct SetSequenceOwner {
  QualifiedName name;
  std::string table;
  std::string column;
};
/// CREATE TABLE with its columns and constraints (indexes are separate CreateIndex ops).
struct CreateTable {
  Table table;
};
struct DropTable {
  QualifiedName name;
};
struct RenameTable {
  QualifiedName name;
  std::string new_name;
};
struct SetTableComment {
  QualifiedName table;
  std::optional<std::string> comment;
};
struct AddColumn {
  QualifiedName table;
  Column column;
};
struct DropColumn {
  QualifiedName table;
  std::string column;
};
/// ALTER COLUMN: each engaged field is one change; the `existing` column describes it before.
struct AlterColumn {
  QualifiedName table;
  std::string column;
  Column existing;
  std::optional<std::string> new_name;
  std::optional<std::string> type;
  std::optional<std::string> using_expression;
  std::optional<bool> nullable;
  std::optional<std::optional<std::string>> default_value;
  std::optional<std::optional<std::string>> comment;
  /// New identity: "" drops it, "always" / "by default" adds or sets it.
  std::optional<std::string> identity;
  /// New options (and sequence name) of the identity: with an added identity, those it is made
  /// with; on a kept one, the options set on its sequence.
  std::optional<IdentityOptions> identity_options;
};
struct CreateIndex {
  QualifiedName table;
  Index index;
};
struct DropIndex {
  QualifiedName table;
  std::string name;
};
struct AddConstraint {
  QualifiedName table;
  Constraint constraint;
};
struct DropConstraint {
  QualifiedName table;
  std::string name;
  Constraint::Kind kind = Constraint::Kind::kForeignKey;
};
/// ALTER TABLE ... [ENABLE|DISABLE] ROW LEVEL SECURITY, [NO] FORCE ROW LEVEL SECURITY.
struct SetRowSecurity {
  QualifiedName table;
  bool enabled = false;
  bool forced = false;
};
/// ALTER TABLE ... RESET (keys), then ALTER TABLE ... SET (items): `reset` names the storage
/// parameters to remove, `set` the "name=value" ones to set (each moved after those kept, as
/// PostgreSQL keeps them).
struct SetTableStorage {
  QualifiedName table;
  std::vector<std::string> reset;
  std::vector<std::string> set;
};
/// A view, function, trigger, policy, domain, ... created from its definition (and comment).
struct CreateObject {
  CatalogObject object;
};
/// DROP of exactly that object (drop_statement).
struct DropObject {
  CatalogObject object;
};
/// COMMENT ON the object, to the object's `comment` (IS NULL when it has none).
struct SetObjectComment {
  CatalogObject object;
};
/// COMMENT ON a schema, an enum type, a sequence, an index of a table or a table constraint,
/// IS NULL when `comment` is unset. (Tables, columns and catalog objects have their own ops;
/// a created index, constraint, type or sequence brings its comment in its create op.)
struct SetComment {
  enum class Target { kSchema, kEnum, kSequence, kIndex, kConstraint };
  Target target = Target::kSchema;
  /// The object: {"", schema name} for a schema; an index or a constraint in the schema of
  /// its table.
  QualifiedName name;
  /// Indexes and constraints: their table's name (in `name.schema`).
  std::string table;
  std::optional<std::string> comment;
};
/// Raw SQL (op.execute); `data_only` when it changes rows, not the schema.
struct Execute {
  std::string sql;
  bool data_only = false;
};

using Op =
    std::variant<CreateSchema, DropSchema, CreateExtension, DropExtension, CreateEnum, DropEnum,
                 AddEnumValue, CreateSequence, DropSequence, SetSequenceOwner, CreateTable,
                 DropTable, RenameTable, SetTableComment, AddColumn, DropColumn, AlterColumn,
                 CreateIndex, DropIndex, AddConstraint, DropConstraint, SetRowSecurity,
                 SetTableStorage, CreateObject, DropObject, SetObjectComment, SetComment, Execute>;

/// An op and the place in a revision file it came from (empty for ops made by diff).
struct LocatedOp {
  Op op;
  SourceLocation where;
  /// Ran inside `with op.get_context().autocommit_block():` (outside the transaction).
  bool autocommit = false;
};

/// What one revision file does, as Ops, in the order Alembic would run them.
struct RevisionOps {
  std::string revision;
  std::string path;
  std::vector<LocatedOp> upgrade;
  std::vector<LocatedOp> downgrade;
  /// Things seen but not turned into schema changes (op.bulk_insert, data-only SQL), with
  /// where they are: reported, never silently dropped.
  std::vector<std::pair<SourceLocation, std::string>> notes;
};

}  // namespace asq
