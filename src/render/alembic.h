#pragma once

// Ops -> an Alembic revision file (Python) in Alembic's own layout, that Alembic >= 1.8 runs
// with SQLAlchemy 1.4 or 2.0 and that gives exactly the schema the ops describe.

#include <optional>
#include <string>
#include <vector>

#include "ops/ops.h"
#include "schema/model.h"

namespace asq {

/// What one revision file says.
struct RevisionSpec {
  std::string revision;
  /// The parent revision; nullopt for a base revision.
  std::optional<std::string> down_revision;
  /// The first line of the docstring (Alembic's `-m` message).
  std::string message;
  /// As Alembic writes it: "2024-07-01 13:55:26.390044".
  std::string create_date;
  /// Revisions this one stands for (a squash's archived chain), written as a module-level
  /// `replaces = (...)` tuple that Alembic does not read. Left out when empty.
  std::vector<std::string> replaces;
  std::vector<Op> upgrade;
  std::vector<Op> downgrade;
  /// Enum types that columns in the ops may have, for the labels of `postgresql.ENUM(...)`
  /// (types the ops create are known without this; a column of an enum type that is in neither
  /// is written as SQL).
  std::vector<EnumType> enum_types;
};

/// The revision file, byte for byte the same for the same spec, laid out as black lays it out.
/// Enum types are created by their own CreateEnum ops (never implicitly by create_table); a
/// serial primary key whose sequence is exactly SERIAL's is a plain integer column that
/// create_table makes SERIAL (render/alembic_serial.h), other serial columns keep their
/// explicit sequence and `nextval` default (autoincrement=False); every default is
/// `server_default=sa.text(<canonical expression>)`; constraint names are always written out;
/// raw SQL goes through `op.execute` escaped for sqlalchemy.text().
/// Throws std::invalid_argument for an op no revision file can express (an exclusion
/// constraint without its definition, SQL that sqlalchemy.text() cannot carry).
std::string render_revision(const RevisionSpec& spec);

/// The body of upgrade() or downgrade() for `ops` (4-space indented lines, `pass` for none),
/// as render_revision writes it; `reverse` is the other direction's ops (a serial key's
/// sequence written by autogenerate's spelling there is dropped with its table here).
std::string revision_body(const RevisionSpec& spec, const std::vector<Op>& ops,
                          const std::vector<Op>& reverse);
/// `text` for the module docstring: written as is, but for what would end the docstring early
/// or start an escape.
std::string docstring_text(const std::string& text);
/// The module-level `replaces = (...)` tuple of the revisions a file stands for, with its
/// comment; empty for none.
std::string replaces_block(const std::vector<std::string>& replaces);

}  // namespace asq
