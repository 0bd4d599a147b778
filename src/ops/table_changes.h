#pragma once

// Whether an op may make, drop, rename or move a table in a way the op itself does not say:
// raw SQL beyond plain DDL of other objects. What an inspector's get_table_names() answers is
// known only while no such op ran.

#include "ops/ops.h"

namespace asq {

/// True for Execute ops unless each statement is one that leaves the set of tables as it is:
/// CREATE/DROP of other objects (not TABLE, SCHEMA, EXTENSION), ALTER TABLE without RENAME or
/// SET SCHEMA, ALTER of other objects (not EXTENSION), COMMENT, GRANT, REVOKE, INSERT, UPDATE,
/// DELETE, SET, RESET. A SELECT or DO may call a function that makes tables: true. So does
/// CREATE or DROP EXTENSION. Other ops say what they do: false.
bool may_change_tables(const Op& op);

}  // namespace asq
