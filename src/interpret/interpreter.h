#pragma once

// The revision-file interpreter: evaluates upgrade() and downgrade() of an Alembic revision
// file into Ops, the way Alembic 1.8 and SQLAlchemy 1.4 act on PostgreSQL, without running
// Python. What it does not understand is a SourceError at file:line:col naming the construct;
// nothing is skipped silently.
//
// Names in the Ops are normalized once: QualifiedName with schema "public" unless `schema=`
// says otherwise; types and defaults in PostgreSQL's canonical spelling (sql/type_names.h,
// schema/defaults.h). A constraint name left empty means the file gave none and PostgreSQL
// names it (`<table>_pkey`, `<table>_<column>_fkey`, `<table>_<column>_key`,
// `<table>_<column>_check`).

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/config.h"
#include "interpret/naming.h"
#include "ops/ops.h"
#include "python/ast.h"
#include "revisions/revision_file.h"

namespace asq {

/// squash.toml's `[types]`, read: an application type by dotted name as imported
/// (`app.db.types.UTCDateTime`) -> its PostgreSQL type, canonical (`timestamp with time zone`).
using AppTypes = std::map<std::string, std::string, std::less<>>;

/// Reads `Config::types`. Throws SourceError at the squash.toml line of a type it cannot read.
AppTypes read_app_types(const std::map<std::string, TypeMapping>& types);

/// What the caller knows of the schema the revision runs against (e.g. a replay engine passes
/// its schema as replayed so far). The interpreter also remembers what earlier ops of the same
/// file did; these are asked for the rest.
struct InterpretOptions {
  /// The canonical type of an existing column, "" when unknown. Used to normalize a plain
  /// string server_default (and check expressions) when the file gives no type.
  std::function<std::string(const QualifiedName& table, const std::string& column)> column_type;
  /// The kind of an existing constraint, for op.drop_constraint without type_.
  std::function<std::optional<Constraint::Kind>(const QualifiedName& table,
                                                const std::string& name)>
      constraint_kind;
  /// The default of an existing column in canonical form (nullopt inside: none); nullopt when
  /// the column is unknown. op.sync_enum_values restores it after converting the column.
  std::function<std::optional<std::optional<std::string>>(const QualifiedName& table,
                                                          const std::string& column)>
      column_default;
  /// The tables of a schema as the chain has made them so far (what an inspector's
  /// get_table_names() answers during `alembic upgrade` from an empty database, the version
  /// table included); nullopt when unknown (raw SQL may have made or dropped one, or the
  /// revisions before this one were not read in this run).
  std::function<std::optional<std::vector<std::string>>(const std::string& schema)> table_names;
  /// Alembic's version table, which exists while the revisions run (table_names has it).
  QualifiedName version_table{"public", "alembic_version"};
  /// Application types (squash.toml's `[types]`); a call of one is a column of that type.
  AppTypes app_types;
  /// The naming convention of env.py's target_metadata, which Alembic's operations apply to
  /// the constraints and indexes they create (and to names dropped with type_).
  NamingConvention naming = NamingConvention::sqlalchemy_default();
  /// squash.toml's `[values]`: names of the application by dotted name, each the Python literal
  /// it is (`app.models.Tag.__tablename__` -> `'tag'`).
  std::map<std::string, std::string, std::less<>> app_values;
  /// `-x KEY=VALUE` as given, what `context.get_x_argument()` answers in a revision file.
  std::vector<std::string> x_arguments;
};

/// Starts a note (RevisionOps::notes) for what the reader accepted without modelling it (an
/// unknown keyword, a schema change that depends on a value read from the database): the
/// revision's ops may differ from what Alembic does, so another engine (the real Alembic) should
/// replay it.
inline constexpr std::string_view kNotModelled = "not modelled: ";

/// The notes of `ops` that start with kNotModelled, without it.
std::vector<std::pair<SourceLocation, std::string>> unmodelled(const RevisionOps& ops);

/// Interprets a parsed revision file: the ops of upgrade() and downgrade() in the order Alembic
/// runs them, and notes for what it saw but that changes no schema (op.bulk_insert, data
/// statements built with sa.table, a downgrade() that raises, options the model cannot hold).
/// `source` is the file's text (for error lines). Throws SourceError.
RevisionOps interpret_revision(const py::Module& module, std::string_view source,
                               const RevisionFile& file, const InterpretOptions& options = {});

/// Parses and interprets a revision file's text; `path` names it in errors and in the result.
/// The revision id is read from the file's `revision` variable.
RevisionOps interpret_revision_source(std::string_view source, const std::string& path,
                                      const InterpretOptions& options = {});

}  // namespace asq
