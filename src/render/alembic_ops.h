#pragma once

// Ops -> the Python statements of an upgrade() or downgrade() body.

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "ops/ops.h"
#include "render/alembic_python.h"
#include "render/alembic_types.h"

namespace asq {

/// Writes the statements for a sequence of ops. It follows the enum types the ops create or
/// extend, so later columns of those types get their labels. An op with a column type that no
/// SQLAlchemy class spells exactly is written as `op.execute` of its SQL (render/sql.h).
class AlembicOpWriter {
 public:
  explicit AlembicOpWriter(EnumLabels enums) : enums_(std::move(enums)) {}

  /// The body of a function (4-space indented lines), `pass` when there are no ops. Runs of
  /// ALTER TYPE ... ADD VALUE go into `with op.get_context().autocommit_block():`, because
  /// the new label cannot be used in the transaction that added it. A serial primary key whose
  /// sequence is exactly SERIAL's is written as autogenerate writes it (render/alembic_serial.h),
  /// without the ops that create and own its sequence; where `reverse` (the opposite direction's
  /// ops) writes one so, dropping its table drops the sequence too.
  std::string body(const std::vector<Op>& ops, const std::vector<Op>& reverse = {});

  /// The statements for one op at `indent`.
  std::vector<std::string> statements(const Op& op, int indent);

 private:
  using Args = std::vector<std::pair<std::string, PyExpr>>;

  PyExpr type(const std::string& canonical, const std::string& collation = "");
  PyExpr column_item(const Column& column, bool no_autoincrement);
  bool spelled(const Column& column) const;
  /// Whether create_table writes `table` (else it is SQL).
  bool written_as_call(const Table& table) const;
  std::vector<std::string> as_sql(const Op& op, int indent);
  /// `out` followed by the COMMENT ON statements of what `op` creates.
  template <typename CreateOp>
  std::vector<std::string> with_comments(std::vector<std::string> out, const CreateOp& op,
                                         int indent);
  std::vector<std::string> constraint_statements(const AddConstraint& op, int indent);
  std::vector<std::string> index_statements(const CreateIndex& op, int indent);
  std::vector<std::string> sql(const std::string& text, int indent);
  std::vector<std::string> call(const char* function, const QualifiedName& table, Args rest,
                                int indent);

  // One writer per op kind: an op kind without one does not compile.
  std::vector<std::string> write(const CreateSchema& op, int indent);
  std::vector<std::string> write(const DropSchema& op, int indent);
  std::vector<std::string> write(const CreateExtension& op, int indent);
  std::vector<std::string> write(const DropExtension& op, int indent);
  std::vector<std::string> write(const CreateEnum& op, int indent);
  std::vector<std::string> write(const DropEnum& op, int indent);
  std::vector<std::string> write(const AddEnumValue& op, int indent);
  std::vector<std::string> write(const CreateSequence& op, int indent);
  std::vector<std::string> write(const DropSequence& op, int indent);
  std::vector<std::string> write(const SetSequenceOwner& op, int indent);
  std::vector<std::string> write(const CreateTable& op, int indent);
  std::vector<std::string> write(const DropTable& op, int indent);
  std::vector<std::string> write(const RenameTable& op, int indent);
  std::vector<std::string> write(const SetTableComment& op, int indent);
  std::vector<std::string> write(const AddColumn& op, int indent);
  std::vector<std::string> write(const DropColumn& op, int indent);
  std::vector<std::string> write(const AlterColumn& op, int indent);
  std::vector<std::string> write(const CreateIndex& op, int indent);
  std::vector<std::string> write(const DropIndex& op, int indent);
  std::vector<std::string> write(const AddConstraint& op, int indent);
  std::vector<std::string> write(const DropConstraint& op, int indent);
  std::vector<std::string> write(const SetRowSecurity& op, int indent);
  std::vector<std::string> write(const SetTableStorage& op, int indent);
  std::vector<std::string> write(const CreateObject& op, int indent);
  std::vector<std::string> write(const DropObject& op, int indent);
  std::vector<std::string> write(const SetObjectComment& op, int indent);
  std::vector<std::string> write(const SetComment& op, int indent);
  std::vector<std::string> write(const Execute& op, int indent);

  EnumLabels enums_;
  /// (table, column) of the serial columns that create_table writes as SQLAlchemy's SERIAL.
  std::set<std::pair<QualifiedName, std::string>> serials_;
};

}  // namespace asq
