#pragma once

// The in-memory engine's model of functions, procedures, triggers, event triggers, domains,
// composite types and policies written in SQL. Each is kept as the server prints it
// (pg_get_functiondef, pg_get_triggerdef, domains.sql, policies.sql, ...); since that text is
// itself SQL these readers understand, a later change (ALTER, a renamed table) reads the printed
// object back, changes it and prints it again.

#include <optional>
#include <string>
#include <vector>

#include "pgsim/sql_reader.h"
#include "schema/model.h"

namespace asq::memsql {

// ---- the sorted object list ----

/// The object with that kind, name and signature, or nullptr.
CatalogObject* find_object(Schema& schema, CatalogObject::Kind kind, const QualifiedName& name,
                           const std::string& signature = "");

/// Adds `object` in key order; replaces an object of the same key when `replace`, else that is
/// an error (PostgreSQL's "already exists").
void put_object(Schema& schema, CatalogObject object, bool replace = false);

/// A trigger or policy `name` on `table`, defined by `definition`: named in the table's schema,
/// its signature the table as regclass prints it.
CatalogObject object_on_table(CatalogObject::Kind kind, const QualifiedName& table,
                              const std::string& name, std::string definition);

/// Removes the object with `object`'s key (which must exist).
void remove_object(Schema& schema, const CatalogObject& object);

/// The objects of `kind` (copies, so that the list may change while they are visited).
std::vector<CatalogObject> objects_of_kind(const Schema& schema, CatalogObject::Kind kind);

/// A Reader over `sql`, which must hold exactly one statement (for text the model printed).
class OwnedReader {
 public:
  explicit OwnedReader(std::string sql);
  OwnedReader(const OwnedReader&) = delete;
  OwnedReader& operator=(const OwnedReader&) = delete;
  Reader& reader() { return reader_; }

 private:
  std::string sql_;
  std::vector<Token> tokens_;
  Reader reader_;
};

// ---- types of arguments, attributes, domains ----

/// The canonical type written in `text` (sql/type_names.h), pseudo-types (trigger, void, record,
/// ...) included; `typmod` false drops type modifiers, as function signatures print types.
/// Throws unmodelled (through `r`) for what cannot be read.
std::string canonical_type(Reader& r, const std::string& text, bool typmod = true);

/// Whether `type` (canonical, without []) is a domain or composite type of the model.
bool is_object_type(const Schema& schema, const std::string& type);

/// Whether a column of a table, an attribute of a composite type or a domain uses `type`.
bool type_in_use(const Schema& schema, const std::string& type);

// ---- statements, by kind (each returns false, consuming nothing, for another statement) ----

bool apply_function_statement(Reader& r, Schema& schema);
bool apply_trigger_statement(Reader& r, Schema& schema);
bool apply_event_trigger_statement(Reader& r, Schema& schema);
bool apply_type_statement(Reader& r, Schema& schema);
bool apply_policy_statement(Reader& r, Schema& schema);

/// `name [( arguments )]` of DROP / ALTER / COMMENT ON a function or procedure (`kind`): the
/// one routine it names (overloads told apart by their input types), or nullopt. Throws
/// ApplyError when several match (PostgreSQL's "is not unique").
std::optional<CatalogObject> named_routine(Reader& r, const Schema& schema, const char* kind);

// ---- consequences of table changes (called by engine.cpp) ----

/// Triggers on `from` now print `to` (a renamed table).
void rename_table_in_triggers(Schema& schema, const QualifiedName& from, const QualifiedName& to);

/// Triggers on `table` now print column `to` where they named `from`.
void rename_column_in_triggers(Schema& schema, const QualifiedName& table, const std::string& from,
                               const std::string& to);

/// Throws ApplyError when a trigger on `table` names `column` (PostgreSQL refuses the drop).
void require_no_trigger_on_column(const Schema& schema, const QualifiedName& table,
                                  const std::string& column);

/// Policies on `from` now print `to` (a renamed table).
void rename_table_in_policies(Schema& schema, const QualifiedName& from, const QualifiedName& to);

/// Policies on `table` now print column `to` where they named `from` (called before the column
/// is renamed); throws unmodelled when that printed form cannot be predicted.
void rename_column_in_policies(Schema& schema, const QualifiedName& table, const std::string& from,
                               const std::string& to);

/// Throws ApplyError when a policy on `table` names `column`: PostgreSQL refuses `change`
/// ("dropping it", "changing its type").
void require_no_policy_on_column(const Schema& schema, const QualifiedName& table,
                                 const std::string& column, const std::string& change);

/// Throws unless a function `name` with no input arguments exists (what a trigger calls). One
/// the chain did not create is refused when `written_qualified`, else named as not modelled
/// (a built-in of pg_catalog, which the model does not list, may be meant).
void require_trigger_function(const Schema& schema, const QualifiedName& name,
                              bool written_qualified);

/// Whether the name that comes next is written with its schema (nothing consumed).
bool next_name_is_qualified(const Reader& r);

/// Whether a trigger calls function `name` (PostgreSQL refuses to drop it).
bool trigger_calls(const Schema& schema, const QualifiedName& function);

/// Whether an event trigger calls function `name`.
bool event_trigger_calls(const Schema& schema, const QualifiedName& function);

/// Triggers that call function `from` now print `to` (a renamed function).
void rename_function_in_triggers(Schema& schema, const QualifiedName& from,
                                 const QualifiedName& to);

/// Event triggers that call function `from` now print `to`.
void rename_function_in_event_triggers(Schema& schema, const QualifiedName& from,
                                       const QualifiedName& to);

}  // namespace asq::memsql
