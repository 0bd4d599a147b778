#pragma once

// The objects Alembic's autogenerate has no words for (views, functions, triggers, policies,
// domains, ...), in one uniform shape: what it is, its name, and the CREATE statement exactly as
// the server prints it (pg_get_viewdef, pg_get_functiondef, pg_get_triggerdef, ...). They are
// created and dropped through raw SQL, so the text is all a migration needs.

#include <optional>
#include <string>
#include <vector>

#include "sql/qualified_name.h"

namespace asq {

struct CatalogObject {
  /// In the order objects of one name sort (and the order of the kind words in keys).
  enum class Kind {
    kDomain,
    kCompositeType,
    kFunction,
    kProcedure,
    kView,
    kMaterializedView,
    kIndex,  // an index on a materialized view
    kTrigger,
    kEventTrigger,
    kPolicy,
  };
  Kind kind = Kind::kView;
  /// Triggers, policies and indexes take their table's schema; event triggers have none ("").
  QualifiedName name;
  /// Functions and procedures: the identity arguments (pg_get_function_identity_arguments);
  /// triggers, policies and indexes: their table or view, schema-qualified; else empty.
  std::string signature;
  /// The CREATE statement as the server prints it, without a trailing `;` (several statements
  /// joined by ";\n" when one is not enough, e.g. an event trigger that is disabled).
  std::string definition;
  std::optional<std::string> comment;
  /// Keys (object_key / relation_key / type_key) of what this object needs first, sorted. Derived
  /// from the catalog (pg_depend), so not part of the comparison.
  std::vector<std::string> depends_on;

  bool operator==(const CatalogObject& other) const {
    return kind == other.kind && name == other.name && signature == other.signature &&
           definition == other.definition && comment == other.comment;
  }
};

/// What COMMENT ON and DROP name the object by: `VIEW public.v`, `FUNCTION public.f(integer)`,
/// `TRIGGER tg ON public.t`, `EVENT TRIGGER et`, ...
std::string object_target(const CatalogObject& object);

/// The object's key among all objects of a schema: its target (unique per database).
std::string object_key(const CatalogObject& object);

/// The key of a table, as objects that depend on it list it.
std::string relation_key(const QualifiedName& table);

/// The key of an enum type, as objects that depend on it list it.
std::string type_key(const QualifiedName& type);

/// `DROP <target>`: drops exactly this object, nothing that depends on it.
std::string drop_statement(const CatalogObject& object);

/// The kind as a word for snapshots and messages: "view", "materialized_view", "function", ...
const char* kind_word(CatalogObject::Kind kind);

/// The kind of a word of kind_word; nullopt for an unknown word.
std::optional<CatalogObject::Kind> kind_from_word(const std::string& word);

/// Whether objects of this kind are types a column may have (domains, composite types).
bool is_type_kind(CatalogObject::Kind kind);

}  // namespace asq
