#pragma once

// Alembic's operations (op.* and batch_op.*) as PostgreSQL sees them, turned into Ops.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "interpret/eval.h"
#include "interpret/recorder.h"
#include "interpret/value.h"
#include "ops/ops.h"

namespace asq::interp {

class BoundArguments;

/// One op.* or batch_op.* call on its way to its handler.
struct OpCall {
  const std::string& name;
  Arguments args;
  const py::Expr& call;
  bool batch;
  std::string callee;  // "op.<name>" or "batch_op.<name>"
};

/// op.* and batch_op.* calls.
class AlembicCalls {
 public:
  AlembicCalls(Recorder& recorder, const SourceContext& context)
      : recorder_(recorder), context_(context) {}

  /// `op.<name>(...)`.
  Value call(const std::string& name, Arguments args, const py::Expr& call);
  /// `batch_op.<name>(...)` in `with op.batch_alter_table(...) as batch_op`.
  Value call_batch(const HostObject& batch, const std::string& name, Arguments args,
                   const py::Expr& call);
  /// `enum.create(bind, checkfirst=True)` / `enum.drop(bind, checkfirst=True)`.
  Value enum_method(const SqlType& type, const std::string& name, Arguments args,
                    const py::Expr& call);
  /// `op.execute(sql)` and `op.get_bind().execute(sql)`.
  void execute(const Argument& statement, const std::string& callee, bool has_parameters,
               const py::Expr& call);

 private:
  Value dispatch(const std::string& name, Arguments args, const py::Expr& call, bool batch);
  BoundArguments bind(OpCall& op, const std::vector<std::string_view>& params);
  // The handlers of dispatch(), one per op name (or family of names).
  Value op_create_table(OpCall& op);
  Value op_add_column(OpCall& op);
  Value op_alter_column(OpCall& op);
  Value op_create_index(OpCall& op);
  Value op_create_constraint(OpCall& op);
  Value op_drop_constraint(OpCall& op);
  Value op_drop_table(OpCall& op);
  Value op_rename_table(OpCall& op);
  Value op_drop_column(OpCall& op);
  Value op_drop_index(OpCall& op);
  Value op_table_comment(OpCall& op);
  Value op_execute(OpCall& op);
  Value op_bulk_insert(OpCall& op);
  Value op_f(OpCall& op);
  Value op_inline_literal(OpCall& op);
  Value op_get_bind(OpCall& op);
  Value op_batch_alter_table(OpCall& op);
  // Plugins (plugins_alembic_utils.cpp, plugins_enum_sync.cpp).
  Value op_entity(OpCall& op);
  Value op_sync_enum_values(OpCall& op);
  std::string create_table(Arguments args, const py::Expr& call);
  void add_column(Arguments args, const py::Expr& call, bool batch);
  void alter_column(Arguments args, const py::Expr& call, bool batch);
  /// server_default=sa.Identity(...) in alter_column, read the way Alembic 1.8 reads it.
  void alter_identity(const IdentitySpec& identity, const Argument* existing_default,
                      AlterColumn& alter, const Argument& server_default);
  void create_index(Arguments args, const py::Expr& call, bool batch);
  void create_constraint(const std::string& name, Arguments args, const py::Expr& call, bool batch);
  void drop_constraint(Arguments args, const py::Expr& call, bool batch);
  std::optional<std::optional<std::string>> default_change(const Argument* argument,
                                                           const std::string& type);

  Recorder& recorder_;
  const SourceContext& context_;
};

}  // namespace asq::interp
