#pragma once

// The SQLAlchemy type classes a revision file uses (`sa.String(255)`, `postgresql.ENUM(...)`,
// `postgresql.ARRAY(sa.Integer())`) as the PostgreSQL types they denote, in the canonical
// spelling of sql/type_names.h.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "python/ast.h"
#include "schema/model.h"
#include "sql/type_names.h"

namespace asq::interp {

/// A column type as PostgreSQL stores it, with the SQLAlchemy facts that depend on the type.
struct SqlType {
  /// Canonical spelling (format_type with search_path = '').
  std::string spelling;
  /// What SQLAlchemy's SERIAL rendering makes of an autoincrement primary key of this type
  /// ("integer", "bigint" or "smallint"); empty when SQLAlchemy never autoincrements it.
  std::string serial_type;
  /// Native enum types: the type with its labels in order.
  std::optional<EnumType> enum_type;
  /// Enums: whether op.create_table issues CREATE TYPE (false for
  /// postgresql.ENUM(..., create_type=False)).
  bool create_type = false;
  /// `collation=` of a string type, quoted as PostgreSQL prints it; empty for the default.
  std::string collation;
  /// A generic SQLAlchemy type PostgreSQL has no type for (sa.DATETIME, sa.BLOB, ...): what
  /// Alembic would emit for it ("DATETIME"), which PostgreSQL rejects; `spelling` is empty.
  std::string postgres_lacks;

  bool operator==(const SqlType&) const = default;
};

/// An evaluated argument of a SQLAlchemy type constructor: None, a bool, a number, a string or
/// a type (ARRAY's item type, JSONB's astext_type).
using TypeArgument = std::variant<std::monostate, bool, std::int64_t, double, std::string, SqlType>;

/// A call of a SQLAlchemy type class, arguments evaluated. `callee` is canonical (see
/// canonical_symbol): `sa.String`, `postgresql.ENUM`, `sqlmodel.AutoString`.
struct TypeCall {
  std::string callee;
  std::vector<TypeArgument> args;
  std::vector<std::pair<std::string, TypeArgument>> kwargs;
};

/// The short, canonical name of a symbol of the SQLAlchemy world, given its full dotted path:
/// `sqlalchemy.types.String` and `sqlalchemy.sql.sqltypes.String` -> `sa.String`,
/// `sqlalchemy.dialects.postgresql.json.JSONB` -> `postgresql.JSONB`,
/// `sqlmodel.sql.sqltypes.AutoString` -> `sqlmodel.AutoString`, `alembic.op.f` -> `op.f`.
/// Other paths come back unchanged.
std::string canonical_symbol(std::string_view dotted_path);

/// Whether `callee` (canonical) names a SQLAlchemy type class this file knows.
bool is_sqlalchemy_type(std::string_view callee);

/// The type a SQLAlchemy type constructor denotes on PostgreSQL (a class used without a call,
/// `sa.Integer`, is a call without arguments). Throws SpellingError for an unknown class or
/// argument, and for a type PostgreSQL cannot take (an ENUM without a name).
SqlType sqlalchemy_type(const TypeCall& call);

/// The type a SQLAlchemy type expression with literal arguments denotes, as in
/// `sa.String(length=255)`, `postgresql.ARRAY(sa.Integer())`, `sa.Enum('a', 'b', name='x')`.
/// Understands the usual module names (`sa`, `sqlalchemy`, `postgresql`, `sqlmodel`, dotted
/// paths below them). Throws SourceError naming `file`:line:col, `source` giving the line.
SqlType canonical_type_from_sqlalchemy(const py::Expr& type_expr, const std::string& file,
                                       std::string_view source);

}  // namespace asq::interp
