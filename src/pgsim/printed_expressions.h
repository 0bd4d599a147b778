#pragma once

// Expressions on a table (checks, generated columns, index keys and predicates) in the form the
// server prints them (schema/expression.h); a form that cannot be predicted is an ApplyError
// naming a construct not modelled.

#include <optional>
#include <string>
#include <string_view>

#include "schema/expression.h"
#include "schema/model.h"

namespace asq::memsql {

/// The printed form of `sql`, an expression on `table` (which sees its inherited columns
/// too); nullopt when it cannot be predicted.
std::optional<PrintedExpression> printed_on(std::string_view sql, const Table& table,
                                            const Schema& schema, ExpressionStyle style);

/// `expression` as the server prints it on `table`; throws ApplyError (a construct not
/// modelled) when that form cannot be predicted. `what` names it in the message.
std::string printed_form(const std::string& what, const std::string& expression, const Table& table,
                         const Schema& schema, ExpressionStyle style);

/// A check's expression and definition as pg_get_expr and pg_get_constraintdef print them.
void print_check(Constraint& k, const Table& table, const Schema& schema);

/// The generated columns and checks of `table` printed as the server prints them.
void print_expressions(Table& table, const Schema& schema);

/// An index key as pg_get_indexdef(index, column, true) prints it: a column (quoted where
/// needed, with an optional opclass and ordering) as written; an expression printed, in
/// parentheses unless it is a bare function call.
std::string printed_key(const std::string& key, const Table& table, const Schema& schema);

/// The keys and predicate of `index` on `table` printed as the server prints them.
void print_expressions(Index& index, const Table& table, const Schema& schema);

}  // namespace asq::memsql
