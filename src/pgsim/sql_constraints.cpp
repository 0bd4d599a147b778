// Constraint clauses written in SQL, for the in-memory engine: EXCLUDE and the attributes a
// constraint may carry (DEFERRABLE, INITIALLY DEFERRED, NOT VALID), in the form
// pg_get_constraintdef prints them.

#include "common/text.h"
#include "pgsim/sql_reader.h"
#include "schema/defaults.h"
#include "sql/identifiers.h"

namespace asq::memsql {
namespace {

/// An operator of an EXCLUDE element (`=`, `&&`, `<>`): its symbols, written together.
std::string exclusion_operator(Reader& r) {
  std::string op;
  const Token* previous = nullptr;
  for (const Token* token = r.peek();
       token && token->kind == Token::Kind::kSymbol && token->text != "," && token->text != ")" &&
       token->text != "(";
       token = r.peek()) {
    if (previous && previous->end != token->begin) r.unmodelled();
    op += token->text;
    previous = token;
    r.skip();
  }
  if (op.empty()) r.unmodelled();  // OPERATOR(schema.op)
  return op;
}

std::string quoted_names(const std::vector<std::string>& names) {
  std::vector<std::string> quoted;
  for (const auto& name : names) quoted.push_back(quote_identifier(name));
  return join(quoted, ", ");
}

}  // namespace

Constraint exclusion(Reader& r, const std::string& name, const Table& table) {
  Constraint k;
  k.kind = Constraint::Kind::kExclusion;
  k.name = name;
  std::string method = r.accept({"using"}) ? r.identifier() : "btree";
  std::vector<std::string> elements;
  r.expect_symbol("(");
  do {
    k.columns.push_back(r.identifier());  // expressions, opclasses, ordering: not modelled
    r.expect({"with"});
    elements.push_back(quote_identifier(k.columns.back()) + " WITH " + exclusion_operator(r));
  } while (r.at_symbol(",") && (r.skip(), true));
  r.expect_symbol(")");
  k.definition = "EXCLUDE USING " + method + " (" + join(elements, ", ") + ")";
  if (r.accept({"include"})) {
    if (name.empty()) r.unmodelled();  // the chosen name would list the included columns
    k.definition += " INCLUDE (" + quoted_names(r.identifier_list()) + ")";
  }
  if (r.accept({"where"})) {
    auto type_of = [&](std::string_view column) {
      const Column* c = table.column(std::string(column));
      return c ? c->type : std::string();
    };
    auto predicate = canonical_expression(r.parenthesized(), type_of);
    if (!predicate) r.unmodelled();
    k.definition += " WHERE (" + *predicate + ")";
  }
  return k;
}

bool constraint_attribute(Reader& r, Constraint& k, bool creating) {
  bool check = k.kind == Constraint::Kind::kCheck;
  if (r.accept({"deferrable"})) {
    if (check) throw ApplyError("check constraints cannot be marked DEFERRABLE");
    k.deferrable = true;
  } else if (r.accept({"not", "deferrable"})) {
    if (k.initially_deferred)
      throw ApplyError("a constraint declared INITIALLY DEFERRED must be DEFERRABLE");
    k.deferrable = false;
  } else if (r.accept({"initially", "deferred"})) {
    if (check) throw ApplyError("check constraints cannot be marked DEFERRABLE");
    k.deferrable = k.initially_deferred = true;
  } else if (r.accept({"initially", "immediate"})) {
    k.initially_deferred = false;
  } else if (r.accept({"not", "valid"})) {
    if (!check && k.kind != Constraint::Kind::kForeignKey) {
      throw ApplyError("only check and foreign key constraints can be NOT VALID");
    }
    // The model keeps validity in the printed definition; a foreign key's is printed later
    // (key_definition keeps the mark).
    if (!creating) k.definition = (check ? k.definition : "") + " NOT VALID";
  } else {
    return false;
  }
  return true;
}

void print_exclusion_attributes(Constraint& k) {
  if (k.deferrable) k.definition += " DEFERRABLE";
  if (k.initially_deferred) k.definition += " INITIALLY DEFERRED";
}

}  // namespace asq::memsql
