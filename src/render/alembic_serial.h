#pragma once

// Serial columns written as autogenerate writes them: an integer primary key column without a
// default in op.create_table, which SQLAlchemy creates as SERIAL (BIGSERIAL, SMALLSERIAL), in
// place of CREATE SEQUENCE + a nextval() default + ALTER SEQUENCE ... OWNED BY.

#include <cstddef>
#include <functional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "ops/ops.h"

namespace asq {

/// What folding serial columns into their create_table leaves out of a list of ops.
struct SerialColumns {
  /// (table, column) of each serial column written without its default.
  std::set<std::pair<QualifiedName, std::string>> columns;
  /// Indexes of the CreateSequence and SetSequenceOwner ops that SERIAL does by itself.
  std::set<size_t> skipped;
  /// The sequence of each of those columns (owned by it once the ops have run) and the indexes
  /// of the ops that create it, its table and make the column own it.
  struct Owned {
    QualifiedName sequence;
    QualifiedName table;
    size_t created, table_at, owned;
  };
  std::vector<Owned> sequences;
};

/// The columns of CreateTable ops in `ops` (written as op.create_table when `as_call` says so)
/// that SQLAlchemy 1.4/2.0 makes SERIAL and whose sequence is exactly SERIAL's: the column is an
/// integer type, the only column of an inline primary key, in no foreign key, not an identity
/// or generated column, NOT NULL, with the default nextval('<table>_<column>_seq'); the ops
/// create that sequence (of the column's type, from 1 by 1 up to the type's maximum, cache 1,
/// no cycle, no comment) before the table, with no op between them naming it, and make the
/// column own it afterwards. Any other sequence stays as SQL.
SerialColumns sqlalchemy_serials(const std::vector<Op>& ops,
                                 const std::function<bool(const Table&)>& as_call);

/// The ops of `ops` that op.drop_table does by itself, as autogenerate's downgrade leaves them
/// to it: ALTER SEQUENCE s OWNED BY NONE before the table's drop and DROP SEQUENCE s after it,
/// for each serial sequence s of `reverse` (the opposite direction, which ends where `ops`
/// starts) that nothing but its own table uses there, when no other op of `ops` names s in
/// between.
std::set<size_t> dropped_with_their_table(const std::vector<Op>& ops,
                                          const std::vector<Op>& reverse);

}  // namespace asq
