#pragma once

// Reading the SQL inside op.execute() strings for the in-memory engine: statements split into
// tokens, and a Reader that walks one statement. A Reader that meets something outside the
// modelled set throws ApplyError (construct), so the caller falls back to the scratch engine.

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "pgsim/engine.h"
#include "schema/model.h"
#include "sql/tokens.h"

namespace asq::memsql {

using Token = sql::Token;

/// Splits `sql` into statements of tokens (sql::statements); comments dropped, `;` ends a
/// statement. Throws ApplyError on an unterminated literal, name or comment.
std::vector<std::vector<Token>> statements_of(const std::string& sql);

class Reader {
 public:
  Reader(const std::string& sql, const std::vector<Token>& tokens) : sql_(sql), t_(tokens) {}

  bool done() const { return i_ >= t_.size(); }
  bool at(const std::string& word) const {
    return !done() && t_[i_].kind == Token::Kind::kWord && t_[i_].text == word;
  }
  bool at_symbol(const std::string& symbol) const {
    return !done() && t_[i_].kind == Token::Kind::kSymbol && t_[i_].text == symbol;
  }
  /// Consumes the words if they come next (all of them), else nothing.
  bool accept(std::initializer_list<const char*> words) {
    size_t j = i_;
    for (const char* w : words) {
      if (j >= t_.size() || t_[j].kind != Token::Kind::kWord || t_[j].text != w) return false;
      ++j;
    }
    i_ = j;
    return true;
  }
  void expect(std::initializer_list<const char*> words) {
    if (!accept(words)) unmodelled();
  }
  void expect_symbol(const std::string& symbol) {
    if (!at_symbol(symbol)) unmodelled();
    ++i_;
  }
  std::string identifier() {
    if (done() || (t_[i_].kind != Token::Kind::kWord && t_[i_].kind != Token::Kind::kQuotedWord)) {
      unmodelled();
    }
    return t_[i_++].text;
  }
  QualifiedName qualified() {
    QualifiedName name{"public", identifier()};
    if (at_symbol(".")) {
      ++i_;
      name.schema = name.name;
      name.name = identifier();
    }
    return name;
  }
  /// `( a, b, ... )` of identifiers.
  std::vector<std::string> identifier_list() {
    std::vector<std::string> names;
    expect_symbol("(");
    do {
      names.push_back(identifier());
    } while (at_symbol(",") && (++i_, true));
    expect_symbol(")");
    return names;
  }
  /// The text inside the parentheses that come next (which are consumed).
  std::string parenthesized() {
    if (!at_symbol("(")) unmodelled();
    size_t open = i_;
    int depth = 0;
    do {
      if (at_symbol("(")) ++depth;
      if (at_symbol(")")) --depth;
      ++i_;
    } while (depth > 0 && !done());
    if (depth != 0 || i_ - open < 3) unmodelled();
    return sql_.substr(t_[open + 1].begin, t_[i_ - 2].end - t_[open + 1].begin);
  }
  bool at_number() const { return !done() && t_[i_].kind == Token::Kind::kNumber; }
  std::string number() {
    if (!at_number()) unmodelled();
    return t_[i_++].text;
  }
  /// A string literal, '...' or dollar-quoted; a prefixed one (E'', B'', ...) is not modelled.
  std::string string() {
    if (done() || t_[i_].kind != Token::Kind::kString) unmodelled();
    if (t_[i_].prefix != 0 && t_[i_].prefix != '$') unmodelled();
    return t_[i_++].text;
  }
  /// The source text from here to the next top-level `stop` word, `,` or the end.
  std::string text_until(const std::set<std::string>& stop) {
    size_t first = i_;
    int depth = 0;
    while (!done()) {
      const Token& token = t_[i_];
      if (token.kind == Token::Kind::kSymbol && token.text == "(") ++depth;
      if (token.kind == Token::Kind::kSymbol && token.text == ")") --depth;
      if (depth == 0 && ((token.kind == Token::Kind::kWord && stop.count(token.text)) ||
                         (token.kind == Token::Kind::kSymbol && token.text == ","))) {
        break;
      }
      if (depth < 0) break;
      ++i_;
    }
    if (first == i_) unmodelled();
    return sql_.substr(t_[first].begin, t_[i_ - 1].end - t_[first].begin);
  }
  /// The end of a COMMENT ON statement: `IS 'text'` or `IS NULL` (nullopt).
  std::optional<std::string> comment_text() {
    expect({"is"});
    if (accept({"null"})) return std::nullopt;
    std::string text = string();
    if (!done()) unmodelled();
    return text;
  }
  [[noreturn]] void unmodelled() const {
    size_t begin = t_.empty() ? 0 : t_.front().begin;
    size_t end = t_.empty() ? 0 : t_.back().end;
    std::string statement = sql_.substr(begin, end - begin);
    std::replace(statement.begin(), statement.end(), '\n', ' ');
    if (statement.size() > 80) statement = statement.substr(0, 77) + "...";
    throw ApplyError("raw SQL not modelled in memory: " + statement, true);
  }

  /// The source text from the next token to the end of the statement ("" when done).
  std::string rest_text() const {
    if (done()) return "";
    return sql_.substr(t_[i_].begin, t_.back().end - t_[i_].begin);
  }
  /// The next token (nullptr at the end), and stepping over it.
  const Token* peek() const { return done() ? nullptr : &t_[i_]; }
  void skip() {
    if (!done()) ++i_;
  }

 private:
  const std::string& sql_;
  const std::vector<Token>& t_;
  size_t i_ = 0;
};

/// After `CREATE TABLE name PARTITION OF`: the parent, the bound, what may follow
/// (src/pgsim/sql_partitions.cpp).
Table partition_table(Reader& r, const Schema& schema, const QualifiedName& name,
                      const ServerFacts& server);

/// `FOR VALUES ...` or `DEFAULT` of a partition of `parent`, as pg_get_expr prints it.
std::string partition_bound(Reader& r, const Schema& schema, const Table& parent,
                            const ServerFacts& server);

/// What may follow a table's column list: INHERITS (...), PARTITION BY ...; the end of the
/// statement after them.
void table_options(Reader& r, Table& table);

/// `ATTACH PARTITION ...` / `DETACH PARTITION ...` of ALTER TABLE `table`: applies it and
/// returns true; false (nothing consumed) for another action.
bool apply_partition_action(Reader& r, Schema& schema, const QualifiedName& table,
                            const ServerFacts& server);

/// After EXCLUDE: `[USING method] (column WITH operator, ...) [INCLUDE (...)] [WHERE (...)]`
/// of `table`, the definition as pg_get_constraintdef prints it but for the attributes
/// (src/pgsim/sql_constraints.cpp).
Constraint exclusion(Reader& r, const std::string& name, const Table& table);

/// After `CREATE INDEX ... ON table`: the method, keys, INCLUDE, NULLS [NOT] DISTINCT and
/// WHERE, to the end of the statement: columns in the form introspection reads them,
/// expressions as written (the engine prints them when applying the index)
/// (src/pgsim/sql_indexes.cpp).
void index_body(Reader& r, Index& index, const Schema& schema);

/// `( name = value, ... )` of WITH or SET, as pg_class.reloptions keeps it: "name=value", a
/// name lower-cased (as the parser folds it), a value as written: a word folded, a number as
/// reloption_number keeps it, a string's text. Not modelled: a `toast.` name (it holds only
/// where the table has a TOAST table), a name given twice, other values.
std::vector<std::string> storage_parameters(Reader& r);

/// After a column's `GENERATED`: `ALWAYS | BY DEFAULT AS IDENTITY [(options)]` or `ALWAYS AS
/// (expression) STORED`, onto `column` of table `table` (src/pgsim/sql_identity.cpp).
void generated_clause(Reader& r, const std::string& table, Column& column);

/// The identity options `[( START WITH ... INCREMENT BY ... SEQUENCE NAME ...)]` of a new
/// identity on `column` of table `table`, in the model's form.
IdentityOptions new_identity_options(Reader& r, const std::string& table, const Column& column);

/// ALTER COLUMN's identity actions (ADD GENERATED ... AS IDENTITY [(...)], SET GENERATED ...,
/// SET START WITH ..., RESTART, ...) into `op`; false (nothing consumed) for another action.
bool identity_change(Reader& r, const std::string& table, AlterColumn& op);

/// Reads one constraint attribute (DEFERRABLE, NOT DEFERRABLE, INITIALLY DEFERRED | IMMEDIATE,
/// NOT VALID) into `k`; false when none comes next. `creating`: in CREATE TABLE, where NOT
/// VALID is ignored (the new table is empty).
bool constraint_attribute(Reader& r, Constraint& k, bool creating);

/// Appends DEFERRABLE / INITIALLY DEFERRED to an exclusion constraint's definition.
void print_exclusion_attributes(Constraint& k);

/// Statements about views and materialized views (src/pgsim/views.cpp): applies the
/// statement and returns true when it is one; false (nothing consumed) when it is not.
bool apply_view_statement(Reader& r, Schema& schema);

/// Statements about functions, procedures, triggers, event triggers, domains and composite
/// types (src/pgsim/objects.cpp): as apply_view_statement.
bool apply_object_statement(Reader& r, Schema& schema);

/// COMMENT ON a schema, enum type, sequence, index, constraint, view, function, trigger,
/// policy, domain or composite type (src/pgsim/comments.cpp): applies it and returns
/// true when the statement is a COMMENT ON (unmodelled for the kinds it does not know).
bool apply_comment_statement(Reader& r, Schema& schema);

}  // namespace asq::memsql
