#pragma once

// Calls into SQLAlchemy as a revision file makes them: types, sa.Column, constraints,
// sa.Index, sa.text / sa.func, sa.table for data statements. Each becomes a Value that the
// Alembic operations read.

#include <optional>
#include <string>

#include "interpret/eval.h"
#include "interpret/value.h"

namespace asq::interp {

class BoundArguments;

/// Whether `callee` (canonical) belongs to SQLAlchemy, sqlmodel, sqlalchemy_utils or pgvector.
bool is_sqlalchemy_symbol(const std::string& callee);

/// The value of a call of `callee` (canonical: `sa.Column`, `postgresql.ENUM`, `sa.func.now`).
/// Throws SourceError at the call for what the interpreter does not know.
Value call_sqlalchemy(const std::string& callee, Arguments args, const py::Expr& call,
                      const SourceContext& context);

/// For a generic SQLAlchemy type PostgreSQL has no type for (sa.DATETIME(), sa.BLOB, ...): what
/// Alembic would emit for it ("DATETIME"); "" for anything else.
std::string postgres_lacks(const Value& value);

/// The SQL type `value` denotes: a type object, or a type class used without a call. Throws
/// SourceError for a type PostgreSQL lacks (postgres_lacks), unless `allow_lacking` (an
/// sa.Column, which may only describe rows: column_model refuses it where it makes DDL).
std::optional<SqlType> as_type(const Value& value, const py::Position& at,
                               const SourceContext& context, bool allow_lacking = false);

/// Why a type PostgreSQL lacks cannot be a column's: "PostgreSQL has no type DATETIME: ...".
std::string lacking_type_message(const std::string& word);

/// Throws when `value`, used where a type belongs, is the result of calling an application type
/// that squash.toml's `[types]` does not map: the error, prefixed `what: `, names it and the line
/// to add. Returns for every other value.
void reject_unmapped_app_type(const Value& value, const py::Position& at, const std::string& what,
                              const SourceContext& context);

/// A server default as written (a string or SQL); nullopt for None.
std::optional<DefaultSpec> as_default(const Value& value, const py::Position& at,
                                      const SourceContext& context);

class BoundArguments;

/// Reads the postgresql_* options of sa.Index / op.create_index (using, where, include, ops,
/// nulls_not_distinct; concurrently changes nothing in the schema) into `spec`; other unknown
/// keywords are errors.
void apply_index_options(const BoundArguments& bound, IndexSpec& spec);

/// The SQL a `sa.text()` string compiles to: SQLAlchemy drops the backslash of an escaped colon
/// (`'{"retries"\:3}'` runs as `'{"retries":3}'`; its regex `\\(:[\w$]*)(?![:\w$])`). Alembic
/// wraps a plain string given to `op.execute` in `sa.text()`, so the same holds there.
std::string compiled_text(std::string_view text);

/// A column name: a string, or the name of a sa.Column.
std::optional<std::string> as_column_name(const Value& value);

/// postgresql_include= / postgresql_nulls_not_distinct= of a unique constraint, which the model
/// does not hold: a warning each (the revision is unmodelled).
void unmodelled_constraint_options(const BoundArguments& bound);

}  // namespace asq::interp
