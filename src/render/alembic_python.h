#pragma once

// Python text for the Alembic renderer: string literals quoted as black leaves them, SQL made
// safe for sqlalchemy.text() (which op.execute and every sa.text() go through), and calls laid
// out as black lays them out (render/python_layout.h).

#include <string>
#include <utility>
#include <vector>

#include "render/python_layout.h"

namespace asq {

/// A Python string literal of `value` that black's quote normalisation leaves as it is: double
/// quotes unless the text has more double quotes than single ones; backslash escapes for the
/// enclosing quote, backslashes and control characters; other UTF-8 text as is.
std::string py_str(const std::string& value);
/// A constraint or index name as autogenerate writes one that is final: `op.f('name')`, which
/// the naming convention of the project's env.py (target_metadata) leaves as it is.
std::string py_name(const std::string& name);

/// `sql` escaped for sqlalchemy.text(), so that it reaches PostgreSQL unchanged: a `:name` that
/// text() would take for a bind parameter gets a backslash (`\:name`), as does a backslash that
/// text() would otherwise eat before a colon. `%` needs nothing (SQLAlchemy doubles it for the
/// driver and the driver undoes it). Throws std::invalid_argument for the rare text that
/// text() cannot carry (`:ab:` after a non-word character).
std::string text_safe(const std::string& sql);

/// `sql` with the qualifier `public.` taken off every name (in literals too, such as
/// `nextval('public.x_seq'::regclass)`): the generated files then name objects of the default
/// schema the way autogenerate does, and they land in whichever schema the migration's
/// search_path puts first, so one chain serves every tenant of a schema-per-tenant layout. The
/// catalog stores references by OID, so the schema PostgreSQL builds is the same.
std::string unqualified_public(const std::string& sql);

/// `sa.text('...')` of `sql`, unqualified and escaped with text_safe.
std::string sa_text(const std::string& sql);

/// `op.execute('...')` of `sql`, unqualified and escaped with text_safe.
std::string op_execute(const std::string& sql);

/// A triple-quoted Python string literal of `value` that keeps its lines as they are: only
/// backslashes, the quote that would close the literal early (every third `"` of a run and one
/// at the end), carriage returns and other control characters but tab are escaped.
std::string py_triple_str(const std::string& value);

/// `op.execute(` of the triple-quoted SQL (unqualified and escaped with text_safe), laid out by
/// black_layout at `indent`: SQL of several lines goes on the next line and `)` on a line of its
/// own (the caller indents the first line). How a view's or a function's definition reads best
/// in a revision file; the SQL's own lines stay as they are (a function body is stored verbatim).
std::string op_execute_block(const std::string& sql, int indent);

/// A Python expression: plain text, or a call whose arguments are laid out as space allows.
struct PyExpr {
  std::string head;
  /// (keyword or "", value) for a call; empty with `call` false for plain text.
  std::vector<std::pair<std::string, PyExpr>> args;
  bool call = false;
  /// Text after the closing parenthesis of a call (`.create(op.get_bind())`).
  std::string suffix;
  /// A call of two or more arguments written with black's magic trailing comma: one argument
  /// per line whatever the width (a table reads as its column list).
  bool one_per_line = false;

  PyExpr() = default;
  PyExpr(std::string text) : head(std::move(text)) {}  // NOLINT: plain text reads naturally
  PyExpr(const char* text) : head(text) {}             // NOLINT
};

/// A call expression `callee(args...)`.
PyExpr py_call(std::string callee, std::vector<std::pair<std::string, PyExpr>> args,
               std::string suffix = "");

/// A list literal `['a', 'b']` of string literals.
std::string py_list(const std::vector<std::string>& items);

/// `expr` as one line of Python source, spaced as black spaces it.
std::string one_line(const PyExpr& expr);

/// The statement `expr` as black lays it out on lines indented by `indent` (the caller indents
/// the first line).
std::string render_expr(const PyExpr& expr, int indent);

}  // namespace asq
