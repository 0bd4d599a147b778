// Row level security policies written in SQL, kept as src/introspect/sql/policies.sql prints
// them (a CREATE POLICY with every clause spelled out and the expressions as pg_get_expr prints
// them), and what renaming, retyping or dropping their table or column does to them.

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/text.h"
#include "pgsim/objects.h"
#include "schema/column_types.h"
#include "schema/expression.h"
#include "sql/identifiers.h"

namespace asq::memsql {
namespace {

using Kind = CatalogObject::Kind;

struct Policy {
  std::string name;
  QualifiedName table;
  bool permissive = true;
  std::string command = "ALL";                  // SELECT, INSERT, UPDATE, DELETE
  std::vector<std::string> roles;               // sorted; empty for PUBLIC
  std::optional<std::string> using_expression;  // as pg_get_expr prints it
  std::optional<std::string> check_expression;
};

// ---- expressions ----

using ColumnTypes = std::function<std::string(std::string_view)>;

/// The canonical types of `table`'s columns ("" for none).
ColumnTypes column_types(const Table& table) {
  return [&table](std::string_view name) {
    const Column* c = table.column(std::string(name));
    return c ? c->type : std::string();
  };
}

/// `sql` as pg_get_expr prints it on a table of `columns`; nullopt when the printed form cannot
/// be predicted. A policy's expression must be boolean, else the server refuses the policy.
std::optional<std::string> printed_on(const std::string& sql, const ColumnTypes& columns,
                                      const Schema& schema) {
  auto is_enum = [&](const std::string& type) { return enum_of(type, schema.enums) != nullptr; };
  std::optional<PrintedExpression> printed = print_expression(
      sql, table_columns(columns, is_enum, schema.extensions), ExpressionStyle::kPlain);
  if (!printed) return std::nullopt;
  if (printed->type != "boolean") {
    throw ApplyError("argument of POLICY must be type boolean, not " + printed->type);
  }
  return printed->text;
}

/// Calls `visit(token)` for each token of printed expression `sql` that names `column`: the
/// printer writes a column as quote_identifier(name), and never before `(` or after `::`.
template <typename Visit>
void for_each_reference(const std::string& sql, const std::string& column, Visit visit) {
  auto statements = statements_of(sql);
  if (statements.size() != 1) return;
  const std::vector<Token>& t = statements.front();
  bool quoted = quote_identifier(column) != column;
  for (size_t i = 0; i < t.size(); ++i) {
    bool named = t[i].text == column &&
                 t[i].kind == (quoted ? Token::Kind::kQuotedWord : Token::Kind::kWord);
    bool call = i + 1 < t.size() && t[i + 1].text == "(";
    bool type = i > 0 && t[i - 1].text == "::";
    if (named && !call && !type) visit(t[i]);
  }
}

bool references(const std::optional<std::string>& sql, const std::string& column) {
  bool found = false;
  if (sql) for_each_reference(*sql, column, [&](const Token&) { found = true; });
  return found;
}

std::string with_column_renamed(const std::string& sql, const std::string& from,
                                const std::string& to) {
  std::string out;
  size_t copied = 0;
  for_each_reference(sql, from, [&](const Token& token) {
    out += sql.substr(copied, token.begin - copied) + quote_identifier(to);
    copied = token.end;
  });
  return out + sql.substr(copied);
}

// ---- reading ----

/// `name ON table`.
void read_target(Reader& r, Policy& p) {
  p.name = r.identifier();
  r.expect({"on"});
  p.table = r.qualified();
}

/// `TO role, ...`: PUBLIC among them stands for all (the server ignores the others).
void read_roles(Reader& r, Policy& p) {
  bool everyone = false;
  p.roles.clear();
  do {
    if (r.at("current_user") || r.at("current_role") || r.at("session_user")) r.unmodelled();
    std::string role = r.identifier();
    if (role == "public") {
      everyone = true;
    } else {
      p.roles.push_back(role);
    }
  } while (r.at_symbol(",") && (r.expect_symbol(","), true));
  if (everyone) p.roles.clear();
  std::sort(p.roles.begin(), p.roles.end());
  if (std::adjacent_find(p.roles.begin(), p.roles.end()) != p.roles.end()) r.unmodelled();
}

/// `[TO roles] [USING (expr)] [WITH CHECK (expr)]` to the end of the statement, expressions as
/// written.
void read_roles_and_expressions(Reader& r, Policy& p) {
  if (r.accept({"to"})) read_roles(r, p);
  if (r.accept({"using"})) p.using_expression = r.parenthesized();
  if (r.accept({"with", "check"})) p.check_expression = r.parenthesized();
  if (!r.done()) r.unmodelled();
}

/// The rest of CREATE POLICY after POLICY.
Policy read_policy(Reader& r) {
  Policy p;
  read_target(r, p);
  if (r.accept({"as"})) {
    p.permissive = r.accept({"permissive"}) || (r.expect({"restrictive"}), false);
  }
  if (r.accept({"for"})) {
    static const std::map<std::string, std::string> commands = {{"all", "ALL"},
                                                                {"select", "SELECT"},
                                                                {"insert", "INSERT"},
                                                                {"update", "UPDATE"},
                                                                {"delete", "DELETE"}};
    const Token* command = r.peek();
    if (!command || command->kind != Token::Kind::kWord || !commands.count(command->text)) {
      r.unmodelled();
    }
    p.command = commands.at(command->text);
    r.skip();
  }
  read_roles_and_expressions(r, p);
  return p;
}

Policy read_back(const CatalogObject& object) {
  OwnedReader owned(object.definition);
  Reader& r = owned.reader();
  r.expect({"create", "policy"});
  return read_policy(r);
}

// ---- printing ----

std::string definition(const Policy& p) {
  std::vector<std::string> roles;
  for (const auto& role : p.roles) roles.push_back(quote_identifier(role));
  std::string out = "CREATE POLICY " + quote_identifier(p.name) + " ON " +
                    qualified_spelling(p.table) + " AS " +
                    (p.permissive ? "PERMISSIVE" : "RESTRICTIVE") + " FOR " + p.command + " TO " +
                    (roles.empty() ? "PUBLIC" : join(roles));
  if (p.using_expression) out += " USING (" + *p.using_expression + ")";
  if (p.check_expression) out += " WITH CHECK (" + *p.check_expression + ")";
  return out;
}

CatalogObject object_of(const Policy& p) {
  return object_on_table(Kind::kPolicy, p.table, p.name, definition(p));
}

/// Replaces `old` by `p` printed, keeping its comment (which belongs to the policy's oid).
void replace_policy(Schema& schema, const CatalogObject& old, const Policy& p) {
  remove_object(schema, old);
  CatalogObject changed = object_of(p);
  changed.comment = old.comment;
  put_object(schema, changed);
}

// ---- statements ----

const Table& table_of(const Schema& schema, const QualifiedName& name) {
  const Table* table = schema.table(name);
  if (!table) throw ApplyError("relation " + name.display() + " does not exist or is no table");
  return *table;
}

/// Checks `p` the way CREATE and ALTER POLICY do and prints its expressions (written as in
/// the statement `r` reads) the way the server keeps them.
void check_and_print(Reader& r, Policy& p, const Schema& schema) {
  const Table& table = table_of(schema, p.table);
  if (p.command == "INSERT" && p.using_expression) {
    throw ApplyError("only WITH CHECK expression allowed for INSERT (policy " + p.name + ")");
  }
  if ((p.command == "SELECT" || p.command == "DELETE") && p.check_expression) {
    throw ApplyError("WITH CHECK cannot be applied to SELECT or DELETE (policy " + p.name + ")");
  }
  for (std::optional<std::string>* expression : {&p.using_expression, &p.check_expression}) {
    if (!*expression) continue;
    std::optional<std::string> printed = printed_on(**expression, column_types(table), schema);
    if (!printed) r.unmodelled();
    *expression = *printed;
  }
}

CatalogObject* policy_named(Schema& schema, const Policy& p) {
  return find_object(schema, Kind::kPolicy, {p.table.schema, p.name}, qualified_spelling(p.table));
}

CatalogObject& existing_policy(Schema& schema, const Policy& p) {
  CatalogObject* found = policy_named(schema, p);
  if (!found) throw ApplyError("policy " + p.name + " on " + p.table.display() + " does not exist");
  return *found;
}

void create_policy(Reader& r, Schema& schema) {
  Policy p = read_policy(r);
  check_and_print(r, p, schema);
  put_object(schema, object_of(p));
}

void drop_policy(Reader& r, Schema& schema) {
  bool quiet = r.accept({"if", "exists"});
  Policy p;
  read_target(r, p);
  if (!r.accept({"cascade"})) r.accept({"restrict"});  // nothing depends on a policy
  if (!r.done()) r.unmodelled();
  if (quiet && !policy_named(schema, p)) return;
  remove_object(schema, CatalogObject(existing_policy(schema, p)));
}

void alter_policy(Reader& r, Schema& schema) {
  Policy target;
  read_target(r, target);
  CatalogObject old = existing_policy(schema, target);
  Policy p = read_back(old);
  if (r.accept({"rename", "to"})) {
    p.name = r.identifier();
    if (!r.done()) r.unmodelled();
    if (policy_named(schema, p)) throw ApplyError("policy " + p.name + " already exists");
  } else {
    // Only the clauses written change; they are checked against the policy's command.
    Policy written{p.name, p.table, p.permissive, p.command, p.roles, {}, {}};
    read_roles_and_expressions(r, written);
    check_and_print(r, written, schema);
    p.roles = std::move(written.roles);
    if (written.using_expression) p.using_expression = std::move(written.using_expression);
    if (written.check_expression) p.check_expression = std::move(written.check_expression);
  }
  replace_policy(schema, old, p);
}

/// The policies on `table`, read back.
std::vector<std::pair<CatalogObject, Policy>> policies_on(const Schema& schema,
                                                          const QualifiedName& table) {
  std::vector<std::pair<CatalogObject, Policy>> out;
  for (const CatalogObject& object : objects_of_kind(schema, Kind::kPolicy)) {
    if (object.signature == qualified_spelling(table)) out.emplace_back(object, read_back(object));
  }
  return out;
}

}  // namespace

bool apply_policy_statement(Reader& r, Schema& schema) {
  if (r.accept({"create", "policy"})) return create_policy(r, schema), true;
  if (r.accept({"drop", "policy"})) return drop_policy(r, schema), true;
  if (r.accept({"alter", "policy"})) return alter_policy(r, schema), true;
  return false;
}

void rename_table_in_policies(Schema& schema, const QualifiedName& from, const QualifiedName& to) {
  for (auto& [object, policy] : policies_on(schema, from)) {
    policy.table = to;
    replace_policy(schema, object, policy);
  }
}

void rename_column_in_policies(Schema& schema, const QualifiedName& table, const std::string& from,
                               const std::string& to) {
  ColumnTypes old_types = column_types(table_of(schema, table));
  auto new_types = [&](std::string_view name) {
    if (name == from) return std::string();
    return old_types(name == to ? std::string_view(from) : name);
  };
  for (auto& [object, policy] : policies_on(schema, table)) {
    for (std::optional<std::string>* expression :
         {&policy.using_expression, &policy.check_expression}) {
      if (!references(*expression, from)) continue;
      std::string renamed = with_column_renamed(**expression, from, to);
      // What the server printed reads back to itself; a rename the printer does not read back
      // the same way is one this engine cannot predict.
      if (printed_on(renamed, new_types, schema) != renamed) {
        throw ApplyError("renaming column " + from + " used by policy " + policy.name +
                             " not modelled in memory",
                         true);
      }
      *expression = renamed;
    }
    replace_policy(schema, object, policy);
  }
}

void require_no_policy_on_column(const Schema& schema, const QualifiedName& table,
                                 const std::string& column, const std::string& change) {
  for (const auto& [object, policy] : policies_on(schema, table)) {
    if (references(policy.using_expression, column) ||
        references(policy.check_expression, column)) {
      throw ApplyError("policy " + policy.name + " on " + table.display() + " depends on column " +
                       column + "; PostgreSQL refuses " + change);
    }
  }
}

}  // namespace asq::memsql
