#pragma once

// The fast replay engine: revisions' ops applied to a Schema in memory, no database. It models
// PostgreSQL's consequences (dropping a column drops the indexes and constraints on it and the
// sequences it owns; renaming a table keeps its index and constraint names and moves foreign
// keys that point at it; a primary key makes its columns NOT NULL). What it cannot model it
// names with file:line instead of guessing; the scratch engine (scratch_replay.h) is then the
// one to trust, and it stays the truth this engine is tested against.

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "common/source_error.h"
#include "ops/ops.h"
#include "ops/run_memo.h"
#include "pgsim/sql.h"
#include "schema/model.h"
#include "schema/scope.h"

namespace asq {

/// An op the in-memory engine does not model, or one PostgreSQL would refuse in the state the
/// engine has built (the two are the same to a caller: only the scratch engine can tell).
struct Unmodelled {
  SourceLocation where;
  std::string revision;
  std::string what;
};

/// Applying an op failed: PostgreSQL would refuse it, or the engine cannot model it.
class ApplyError : public std::runtime_error {
 public:
  /// `construct`: the engine has no model for what the op does (a statement it cannot read);
  /// otherwise the op contradicts the state built so far (PostgreSQL would refuse it, or an
  /// earlier unmodelled op left the state wrong).
  explicit ApplyError(const std::string& what, bool construct = false)
      : std::runtime_error(what), construct_(construct) {}
  bool construct() const { return construct_; }

 private:
  bool construct_ = false;
};

/// Applies one op to `schema` with PostgreSQL's consequences. Throws ApplyError when the op
/// cannot be modelled (schema-changing raw SQL) or PostgreSQL would refuse it; `schema` may
/// then be half-changed.
void apply_op(Schema& schema, const Op& op, const ServerFacts& server = {});

/// What CREATE TABLE keeps of the key constraints it is given in statement order
/// (transformIndexConstraints): the primary key, then each UNIQUE unless one kept already has the
/// same key (columns, INCLUDE, NULLS NOT DISTINCT, deferrability); a dropped one's name goes to
/// the kept one when that has none. Other constraints are kept. (ALTER TABLE ... ADD keeps both.)
std::vector<Constraint> kept_key_constraints(const std::vector<Constraint>& written);

/// The name PostgreSQL chooses for what it creates on a table (ChooseRelationName):
/// `name1_name2_label` shortened to 63 bytes, with 1, 2, ... appended to the label while a
/// relation or constraint in schema `schema_name` has that name.
std::string choose_relation_name(const Schema& schema, const std::string& schema_name,
                                 const std::string& name1, std::string name2,
                                 const std::string& label);

/// ChooseIndexNameAddition: the names of an index's columns (keys, then INCLUDE; a function's
/// name for a call, "expr" for an operator expression; repeated names numbered) joined by `_`.
/// Throws ApplyError (construct) for an expression whose name is not predicted.
std::string index_name_addition(const std::vector<std::string>& keys,
                                const std::vector<std::string>& include);

/// What an in-memory replay built.
struct MemoryReplay {
  Schema schema;
  /// Empty when every op was modelled: `schema` is then what the scratch engine would read.
  std::vector<Unmodelled> unmodelled;
  bool modelled() const { return unmodelled.empty(); }
  /// What the replay made outside the managed schemas (left_out_schemas in schema/scope.h).
  std::vector<std::string> left_out_schemas;
};

struct MemoryReplayOptions {
  /// The result is filtered like introspection (managed schemas, excluded tables).
  IntrospectOptions introspect;
  /// What CREATE EXTENSION without VERSION installs, the session time zone (see server_facts).
  ServerFacts server;
};

/// Applies the upgrade ops of `revisions` (in upgrade order, one after the other).
MemoryReplay replay_in_memory(const std::vector<RevisionOps>& revisions,
                              const MemoryReplayOptions& options = {});

/// Applies one revision's upgrade ops to `schema` (unfiltered), adding what it cannot model to
/// `unmodelled`. Once something was not modelled, later contradictions are its consequences and
/// are not added again (`unmodelled` non-empty on entry counts as such). With `privileges`
/// (--privileges), raw SQL that grants, revokes or changes an owner is not modelled. `run`: the
/// memo of the Alembic run the revision is part of (one for every revision applied to `schema`
/// since it was empty).
void apply_revision(Schema& schema, const RevisionOps& revision, const ServerFacts& server,
                    std::vector<Unmodelled>& unmodelled, RunMemo& run, bool privileges = false);

}  // namespace asq
