#pragma once

// SQL expressions printed the way PostgreSQL's ruleutils prints them with search_path = '':
// the parser's implicit casts made visible (`(vc)::text`, `(0)::numeric`), literals labelled
// with the type they were given (`'x'::text`, `'a'::public.e`), IN lists as `= ANY (ARRAY[..])`,
// LIKE as `~~`, and the server's parenthesisation. The printed form is only returned when it is
// predicted exactly; anything outside the modelled types, operators and functions is nullopt.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "schema/model.h"

namespace asq {

/// A column an expression may name.
struct ExpressionColumn {
  /// Canonical type ("integer", "character varying(6)", "public.mood").
  std::string type;
  /// How the server prints a reference to it (`title`, `d.title`, `"order".id`).
  std::string printed;
  /// The type is an enum (a user type whose literals the server labels with it); other user
  /// types (domains, extension types) keep expressions on them unpredicted.
  bool is_enum = false;
  /// The extension whose type it is, when the printer models that extension's operators
  /// and casts ("citext"); "".
  std::string extension = {};
};

/// The column `qualifier.name` (`qualifier` empty when none was written); nullopt when unknown.
using ColumnLookup = std::function<std::optional<ExpressionColumn>(const std::string& qualifier,
                                                                   const std::string& name)>;

enum class ExpressionStyle {
  /// pg_get_expr(expr, rel) and pg_get_constraintdef: every operator in parentheses.
  kPlain,
  /// pg_get_expr(expr, rel, true), pg_get_viewdef(view, true): parentheses only where needed.
  kPretty,
};

struct PrintedExpression {
  std::string text;
  /// Canonical type of the value.
  std::string type;
  /// The column's name when the expression is a plain column reference, else "".
  std::string column;
  /// A bare function call (pg_get_indexdef then leaves it without parentheses).
  bool function_like = false;
  /// Contains an aggregate call.
  bool aggregate = false;
};

/// `sql` printed in `style`, or nullopt when its printed form cannot be predicted.
/// `aggregates`: whether aggregate calls are allowed (select lists of views).
std::optional<PrintedExpression> print_expression(std::string_view sql, const ColumnLookup& columns,
                                                  ExpressionStyle style, bool aggregates = false);

/// The extension among `installed` whose type `type` (canonical) is, when the printer models
/// its operators: "citext" for `public.citext` while citext lives in public; else "".
std::string modelled_extension_of(const std::string& type, const std::vector<Extension>& installed);

/// A lookup of the unqualified columns of one table, by their canonical types ("" when unknown):
/// what CHECK constraints, generated columns and index expressions see.
/// A type name the callback calls an enum counts as one; a type of the `installed` extensions
/// as that extension's.
ColumnLookup table_columns(const std::function<std::string(std::string_view)>& column_type,
                           const std::function<bool(const std::string&)>& is_enum = {},
                           const std::vector<Extension>& installed = {});

}  // namespace asq
