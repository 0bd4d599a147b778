#pragma once

// Ops -> PostgreSQL DDL, statement for statement what Alembic 1.8 with SQLAlchemy 1.4 sends to
// PostgreSQL for the same operation (same statements, same order, same clause order), with
// types, defaults and expressions spelled as the op carries them (canonical PostgreSQL).

#include <string>
#include <vector>

#include "ops/ops.h"
#include "sql/identifiers.h"

namespace asq {

/// The statements (without a trailing `;`) that carry out `op`, in the order to run them.
/// - Names are quoted only where PostgreSQL needs it (quote_identifier); `public.` is left out.
/// - An empty constraint or index name lets the server pick one (no CONSTRAINT clause).
/// - A constraint with a `definition` is rendered from it (it is exact: NULLS NOT DISTINCT,
///   INCLUDE, NOT VALID, MATCH FULL), otherwise from its fields.
/// - CreateTable renders the table's columns, constraints and comments, not its indexes
///   (those are CreateIndex ops); CreateSequence renders no OWNED BY (the owning table comes
///   later: that is a SetSequenceOwner op).
/// - AlterColumn: TYPE ... USING, then [SET|DROP] NOT NULL, [SET|DROP] DEFAULT, identity (ADD
///   GENERATED / SET GENERATED / DROP IDENTITY, judged against `existing`, and the sequence
///   options), COMMENT, RENAME —
///   Alembic's order.
/// - A created enum type, sequence, index or constraint (a table's too) is followed by its
///   COMMENT ON.
/// - CreateEnum with if_not_exists is a DO block that creates the type unless pg_type has it
///   (what `ENUM.create(bind, checkfirst=True)` checks).
/// Throws std::invalid_argument for ops no SQL can express (dropping an unnamed constraint,
/// an exclusion constraint without its definition).
std::vector<std::string> render_sql(const Op& op);

/// The identity part of `op` (DROP IDENTITY / ADD GENERATED with its sequence options / SET
/// GENERATED, then the options set on a kept identity's sequence and its rename), statements of
/// their own; `spell` writes the table's and the sequence's names.
std::vector<std::string> identity_statements(
    const AlterColumn& op, std::string (*spell)(const QualifiedName&) = qualified_name);

/// An index's storage parameters as the WITH clause of CREATE INDEX (" WITH (fillfactor =
/// '50')", each value a string literal, which PostgreSQL stores as the value itself); "" for
/// none.
std::string storage_clause(const std::vector<std::string>& storage);

/// ALTER TABLE ... RESET (...) and ALTER TABLE ... SET (...) for `op` (one, both or none).
std::vector<std::string> table_storage(const SetTableStorage& op);

/// `statement` ended with `;` so that another may follow it in one script: nothing added when
/// it already ends with one, and the `;` goes on a line of its own after a `--` comment.
std::string terminate_statement(std::string statement);

}  // namespace asq
