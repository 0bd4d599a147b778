#pragma once

// The one vocabulary between stages: replay produces Ops, diff produces Ops, the renderers and
// the in-memory apply consume them. A closed set: a stage that forgets a kind fails to compile.

#include <optional>
#include <string>
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
struct CreateEnum {
  EnumType type;
};
struct DropEnum {
  QualifiedName name;
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
/// Raw SQL (op.execute); `data_only` when it changes rows, not the schema.
struct Execute {
  std::string sql;
  bool data_only = false;
};

using Op = std::variant<CreateSchema, DropSchema, CreateExtension, DropExtension, CreateEnum,
                        DropEnum, AddEnumValue, CreateSequence, DropSequence, SetSequenceOwner,
                        CreateTable, DropTable, RenameTable, SetTableComment, AddColumn,
                        DropColumn, AlterColumn, CreateIndex, DropIndex, AddConstraint,
                        DropConstraint, Execute>;

/// An op and the place in a revision file it came from (empty for ops made by diff).
struct LocatedOp {
  Op op;
  SourceLocation where;
};

}  // namespace asq
