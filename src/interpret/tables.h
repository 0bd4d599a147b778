#pragma once

// What SQLAlchemy and Alembic make of a table or a column on PostgreSQL: the enum types
// create_table creates, SERIAL columns with their sequences, primary keys, foreign keys, unique
// and check constraints, indexes and their conventional names. Names come from a Namer (the
// naming convention, interpret/naming.h); a constraint name left empty is one PostgreSQL gives
// (`<table>_pkey`, `<table>_<col>_fkey`, ...).

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "interpret/eval.h"
#include "interpret/naming.h"
#include "interpret/value.h"
#include "ops/ops.h"

namespace asq::interp {

/// The ops one Alembic call expands to, in the order Alembic runs them, and what the model
/// cannot hold (reported as notes).
struct Expansion {
  std::vector<Op> ops;
  std::vector<std::string> notes;
};

/// What op.create_table receives besides the name.
struct TableSpec {
  QualifiedName name;
  bool schema_given = false;  // `schema=` was passed (it shows in conventional index names)
  std::vector<ColumnSpec> columns;
  std::vector<ConstraintSpec> constraints;
  std::vector<IndexSpec> indexes;
  std::optional<std::string> comment;
  std::string partition_by;             // canonical, as pg_get_partkeydef prints it
  std::vector<QualifiedName> inherits;  // postgresql_inherits=, in order
};

/// The name of a constraint or index of `kind` ("ix", "uq", "ck", "fk", "pk") given as `given`
/// ("" for none), as the naming convention makes it (Recorder::name_of).
using Namer = std::function<std::string(std::string_view kind, const std::string& given,
                                        const NameParts& parts)>;

/// op.create_table: CREATE TYPE for the enums it creates, the SERIAL sequence, CREATE TABLE,
/// the sequence's owner, then the indexes.
Expansion expand_create_table(const TableSpec& table, const SourceContext& context,
                              const Namer& namer);

/// op.add_column: the column (SERIAL when SQLAlchemy makes it so), then its foreign keys,
/// unique and check constraints and index. Never CREATE TYPE; never a primary key constraint.
Expansion expand_add_column(const QualifiedName& table, bool schema_given, const ColumnSpec& column,
                            const SourceContext& context, const Namer& namer);

/// "always" or "by default", as Column.identity spells them.
std::string identity_kind(const IdentitySpec& identity);

/// The options of sa.Identity as the model keeps them for a column of `type`.
IdentityOptions identity_options_of(const IdentitySpec& identity, const std::string& type);

/// The index the model keeps for `spec`, named `name`.
Index index_model(const IndexSpec& spec, const std::string& name);

/// A name SQLAlchemy made (op.f(), a naming convention) as it renders it on PostgreSQL: past 63
/// characters, the first 55, `_` and the last 4 hex digits of the md5 of the whole name.
std::string truncated_name(const std::string& name);

/// The referenced table and column of a foreign key target `table.column` or
/// `schema.table.column`.
std::pair<QualifiedName, std::string> foreign_key_target(const std::string& target,
                                                         const py::Position& at,
                                                         const SourceContext& context);

/// A server default in canonical form for a column of canonical type `column_type`; nullopt for
/// SQL NULL. Errors point at where the default was written.
std::optional<std::string> canonical_default(const DefaultSpec& spec,
                                             const std::string& column_type,
                                             const SourceContext& context);

/// A check constraint as the model keeps it (expression and definition).
Constraint check_constraint(Constraint constraint, const std::string& sql,
                            const std::function<std::string(std::string_view)>& column_type);

}  // namespace asq::interp
