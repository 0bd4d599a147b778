#pragma once

// Calls into SQLAlchemy as a revision file makes them: types, sa.Column, constraints,
// sa.Index, sa.text / sa.func, sa.table for data statements. Each becomes a Value that the
// Alembic operations read.

#include <optional>
#include <string>

#include "interpret/eval.h"
#include "interpret/value.h"

namespace asq::interp {

/// Whether `callee` (canonical) belongs to SQLAlchemy or sqlmodel.
bool is_sqlalchemy_symbol(const std::string& callee);

/// The value of a call of `callee` (canonical: `sa.Column`, `postgresql.ENUM`, `sa.func.now`).
/// Throws SourceError at the call for what the interpreter does not know.
Value call_sqlalchemy(const std::string& callee, Arguments args, const py::Expr& call,
                      const SourceContext& context);

/// The SQL type `value` denotes: a type object, or a type class used without a call.
std::optional<SqlType> as_type(const Value& value, const py::Position& at,
                               const SourceContext& context);

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

/// A column name: a string, or the name of a sa.Column.
std::optional<std::string> as_column_name(const Value& value);

}  // namespace asq::interp
