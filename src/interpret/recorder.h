#pragma once

// The record of what one revision file did: its ops in the order Alembic runs them (batch
// blocks flushed at their end, autocommit blocks marked), its notes, and what the ops tell about
// the tables they touch.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "interpret/eval.h"
#include "interpret/interpreter.h"
#include "ops/ops.h"
#include "ops/table_changes.h"

namespace asq::interp {

/// Where interpreted ops go, and what the interpreter learns from them about the tables they
/// touch (column types, constraint kinds), asked before the caller's InterpretOptions.
class Recorder {
 public:
  Recorder(const SourceContext& context, const InterpretOptions& options)
      : context_(context), options_(options) {}

  /// Records `op` of the call at `at`. Ops of batch_op calls wait for the end of their
  /// `with op.batch_alter_table()` block, as Alembic runs them then.
  void emit(Op op, const py::Position& at, bool batch = false);
  void note(const py::Position& at, std::string text);
  void note(const SourceLocation& where, std::string text);
  /// Something accepted but not modelled (RevisionOps::unmodelled).
  void unmodelled(const py::Position& at, std::string text);
  /// Ops emitted between begin and end depend on a value read from the database (`why` says
  /// which): data statements become notes, schema changes make the revision unmodelled.
  /// Ops until end_data_dependent() run as `cause` says (values read from the database, values
  /// the reader does not know, an exception caught): data is noted, a schema change unmodelled.
  void begin_data_dependent(std::string why, DataCause cause = DataCause::kDatabase) {
    data_dependent_.push_back({std::move(why), cause});
  }
  void end_data_dependent() { data_dependent_.pop_back(); }
  void begin_batch() { ++batch_depth_; }
  void end_batch();
  /// A block left by an exception: Alembic never runs its batch.
  void discard_batch();
  void set_autocommit(bool on) { autocommit_ = on; }
  bool autocommit() const { return autocommit_; }

  /// The ops and notes recorded since the last take.
  std::vector<LocatedOp> take_ops() { return std::exchange(ops_, {}); }
  std::vector<std::pair<SourceLocation, std::string>> take_notes() {
    return std::exchange(notes_, {});
  }

  /// The canonical type of a column, "" when unknown.
  std::string column_type(const QualifiedName& table, const std::string& column) const;
  /// The default of a column (nullopt inside: none); nullopt when unknown.
  std::optional<std::optional<std::string>> column_default(const QualifiedName& table,
                                                           const std::string& column) const;
  std::optional<Constraint::Kind> constraint_kind(const QualifiedName& table,
                                                  const std::string& name) const;
  /// The tables of `schema` now (InterpretOptions::table_names and what this revision did so
  /// far), sorted; nullopt when unknown.
  std::optional<std::vector<std::string>> table_names(const std::string& schema) const;

  /// op.f(name): SQLAlchemy's conv(), which naming conventions leave as it is.
  void mark_conv(const std::string& name) { conv_names_.insert(name); }
  /// The name the naming convention gives an object of `kind` ("ix", "uq", "ck", "fk", "pk")
  /// named `given` ("" for None) in a call at `at`; what cannot be computed makes the revision
  /// unmodelled. An index always gets a name (SQLAlchemy refuses an index without one).
  std::string name_of(std::string_view kind, const std::string& given, const NameParts& parts,
                      const py::Position& at);

 private:
  using Key = std::pair<QualifiedName, std::string>;
  void learn(const Op& op);
  TableLedger tables_;  // what this revision did to the tables so far

  const SourceContext& context_;
  const InterpretOptions& options_;
  std::vector<LocatedOp> ops_;
  std::vector<LocatedOp> batch_;
  std::vector<std::pair<SourceLocation, std::string>> notes_;
  struct DataDependent {
    std::string why;
    DataCause cause = DataCause::kDatabase;
  };
  std::vector<DataDependent> data_dependent_;
  int batch_depth_ = 0;
  bool autocommit_ = false;
  /// nullopt: known not to exist (dropped); the caller's options are not asked.
  std::map<Key, std::optional<std::string>> types_;
  std::map<Key, std::optional<Constraint::Kind>> kinds_;
  std::set<QualifiedName> dropped_tables_;
  std::set<std::string> conv_names_;
};

}  // namespace asq::interp
