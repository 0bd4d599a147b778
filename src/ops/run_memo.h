#pragma once

// What SQLAlchemy remembers for the length of one Alembic run (one `alembic upgrade`: one
// migration context, whose impl carries a `memo`): the enum types that a table's before_create
// event has created. A later op.create_table with a column of the same type, in the same
// revision or a later one of the same run, creates no type; the same revisions upgraded one run
// at a time fail with 'type ... already exists'. Every consumer that runs a sequence of
// revisions as one run (the in-memory engine, the scratch replay, adopt's upgrades of a target)
// keeps one RunMemo for it.

#include <set>

#include "ops/ops.h"

namespace asq {

class RunMemo {
 public:
  /// Whether this run leaves `op` out: a CreateEnum of a table's event whose type an earlier
  /// table event of the run created. Notes the type otherwise. Other ops are never left out.
  bool leaves_out(const Op& op);

 private:
  std::set<QualifiedName> enums_;
};

}  // namespace asq
