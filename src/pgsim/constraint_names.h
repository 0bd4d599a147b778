#pragma once

// What PostgreSQL fills in for a constraint written without a name or definition: the name it
// chooses (ChooseConstraintName), the columns a check uses, what pg_get_constraintdef prints.

#include <string>

#include "schema/model.h"

namespace asq::memsql {

/// Whether `name` is taken in `namespace_` by a relation (table, sequence, index) or a
/// constraint: what ChooseConstraintName and ChooseRelationName avoid.
bool name_taken(const Schema& schema, const std::string& namespace_, const std::string& name);

/// The name PostgreSQL chooses: `<table>_pkey`, `<table>_<cols>_key`, `<table>_<cols>_fkey`,
/// `<table>_<col>_check` (or `<table>_check` when the check uses several columns), with 1, 2, ...
/// appended to the label while the name is taken.
std::string chosen_name(const Schema& schema, const Table& table, const Constraint& k);

/// What pg_get_constraintdef prints for a key or a foreign key (other kinds: their definition).
std::string key_definition(const Constraint& k);

/// Fills in what the server adds to a constraint as written: its name, the columns a check
/// uses (inherited ones too), the printed definition.
Constraint completed(const Schema& schema, const Table& table, Constraint k);

}  // namespace asq::memsql
