#pragma once

// What PostgreSQL does to partitions and inheritance children, for the in-memory engine. The
// model keeps only a child's own columns, constraints and indexes (what introspection reads);
// those it has from its parent are implied, and these functions make them explicit when the
// child leaves its parent.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "schema/model.h"

namespace asq {

/// Every column `table` has: its parents' (partition parent, INHERITS parents, recursively,
/// in order) then its own; a column both inherited and its own is listed once, as its own.
std::vector<Column> columns_with_inherited(const Schema& schema, const Table& table);

/// The canonical type of the column of `columns` by that name ("" when none), as
/// canonical_expression asks for it. `columns` must outlive the function.
std::function<std::string(std::string_view)> column_type_in(const std::vector<Column>& columns);

/// The partition key's columns of partitioned table `parent` (from `partition_by`, e.g.
/// "RANGE (a, b)"). Throws ApplyError (construct) for an expression key.
std::vector<std::string> partition_key_columns(const Table& parent);

/// Whether a partition of `parent` has copies of its indexes and key constraints, named after
/// the partition (renaming it would leave them with their names: not modelled).
bool has_copies_for_partitions(const Table& parent);

/// A new table's partition parent is partitioned; a column both inherited and written is
/// merged, which is not modelled. Throws ApplyError.
void require_partition_parents(const Schema& schema, const Table& table);

/// An index on partitioned table `parent` takes over a partition's matching index instead of
/// making a copy, which the model would have to hide: throws ApplyError (construct) then.
void require_no_partition_index_taken_over(const Schema& schema, const QualifiedName& parent,
                                           const Index& index);

/// ALTER TABLE parent ATTACH PARTITION child FOR VALUES ... (`bound` as printed): the child's
/// columns become inherited ones. Modelled
/// when the parent has no index and no constraint (otherwise which of the child's own are
/// merged into the parent's is not modelled) and the child's columns match the parent's.
void attach_partition(Schema& schema, const QualifiedName& parent, const QualifiedName& child,
                      const std::string& bound);

/// ALTER TABLE parent DETACH PARTITION child: the child keeps, as its own, the columns,
/// constraints and indexes it had from the parent, under the names PostgreSQL gave them
/// (`<child>_pkey`, `<child>_<columns>_idx`, ...; foreign keys and checks keep the parent's).
void detach_partition(Schema& schema, const QualifiedName& parent, const QualifiedName& child);

}  // namespace asq
