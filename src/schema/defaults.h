#pragma once

// Column defaults and simple expressions in PostgreSQL's canonical spelling: what
// pg_get_expr() prints with search_path = '' ("now()", "false", "'USD'::character varying",
// "nextval('public.user_id_seq'::regclass)", "public.uuid_generate_v4()").
// Errors are SpellingError (sql/type_names.h); the caller adds where the default was written.

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "schema/model.h"

namespace asq {

/// A default given as a plain string (`server_default='USD'`, which SQLAlchemy renders as the
/// literal 'USD') on a column of canonical type `column_type`: `'USD'::character varying`,
/// `false`, `0`, `'0'::bigint`, `'pending'::public.issuestatus`. Throws SpellingError when the
/// type's output form cannot be predicted (timestamptz, money, ...).
std::string default_from_string(std::string_view value, std::string_view column_type);

/// A default given as SQL (`sa.text('now()')`, `sa.func.now()` rendered, `sa.false()`), on a
/// column of canonical type `column_type`. Literals, casts of literals, SQL value functions
/// (CURRENT_TIMESTAMP), and calls of known functions are understood; a function PostgreSQL does
/// not define is taken to live in schema public (as extensions and op.execute put them).
/// nullopt for NULL (PostgreSQL stores no default). Throws SpellingError for other SQL.
std::optional<std::string> default_from_sql(std::string_view sql, std::string_view column_type);

/// The default of a serial column: `nextval('public.user_id_seq'::regclass)`.
std::string nextval_default(const QualifiedName& sequence);

/// makeObjectName: `name1_name2_label` (`name1_label` without name2), the longer of the two
/// names shortened first, never inside a UTF-8 sequence, until the whole fits in 63 bytes: how
/// PostgreSQL names what it creates for a table (`<table>_pkey`, `<table>_<col>_fkey`, ...).
std::string object_name(std::string_view name1, std::string_view name2, std::string_view label);

/// The sequence `CREATE SEQUENCE name AS type` makes (and SERIAL, for a column of that type):
/// counting up from 1 to the maximum of `type` ("smallint", "integer" or "bigint").
Sequence sequence_of_type(const QualifiedName& name, const std::string& type);

/// The name PostgreSQL gives the sequence of serial column `column` of `table` (its
/// ChooseRelationName without the collision suffix: `<table>_<column>_seq`, shortened to 63
/// bytes the way makeObjectName does).
std::string serial_sequence_name(std::string_view table, std::string_view column);

/// A CHECK or generated-column expression the way pg_get_expr prints the simple forms, where
/// the operands are integer columns and integer literals (`quantity > 0` -> `(quantity > 0)`,
/// `a != 1` -> `(a <> 1)`, `id * 2` -> `(id * 2)`) or a null test (`x IS NOT NULL` ->
/// `(x IS NOT NULL)`). Other SQL, whose printed form depends on types and operators, comes back
/// trimmed, as written. `column_type` gives the canonical type of a column ("" when unknown).
std::string expression_from_sql(std::string_view sql,
                                const std::function<std::string(std::string_view)>& column_type);

/// The same when the form is one of those simple ones (an expression already printed that way
/// is read back to itself); nullopt when the printed form cannot be predicted. Columns of an
/// `installed` extension's type (citext) use that extension's operators.
std::optional<std::string> canonical_expression(
    std::string_view sql, const std::function<std::string(std::string_view)>& column_type,
    const std::vector<Extension>& installed = {});

}  // namespace asq
