#include "schema/catalog_object.h"

#include <array>

#include "sql/identifiers.h"

namespace asq {
namespace {

constexpr std::array<const char*, 10> kWords = {
    "domain", "composite_type", "function",      "procedure", "view", "materialized_view",
    "index",  "trigger",        "event_trigger", "policy"};

/// The words COMMENT ON and DROP use for the kind.
const char* sql_word(CatalogObject::Kind kind) {
  using Kind = CatalogObject::Kind;
  switch (kind) {
    case Kind::kDomain:
      return "DOMAIN";
    case Kind::kCompositeType:
      return "TYPE";
    case Kind::kFunction:
      return "FUNCTION";
    case Kind::kProcedure:
      return "PROCEDURE";
    case Kind::kView:
      return "VIEW";
    case Kind::kMaterializedView:
      return "MATERIALIZED VIEW";
    case Kind::kIndex:
      return "INDEX";
    case Kind::kTrigger:
      return "TRIGGER";
    case Kind::kEventTrigger:
      return "EVENT TRIGGER";
    case Kind::kPolicy:
      return "POLICY";
  }
  return "";
}

}  // namespace

std::string object_target(const CatalogObject& object) {
  using Kind = CatalogObject::Kind;
  std::string word = sql_word(object.kind);
  switch (object.kind) {
    case Kind::kFunction:
    case Kind::kProcedure:
      return word + " " + qualified_spelling(object.name) + "(" + object.signature + ")";
    case Kind::kTrigger:
    case Kind::kPolicy:
      return word + " " + quote_identifier(object.name.name) + " ON " + object.signature;
    case Kind::kEventTrigger:
      return word + " " + quote_identifier(object.name.name);
    default:
      return word + " " + qualified_spelling(object.name);
  }
}

std::string object_key(const CatalogObject& object) { return object_target(object); }

std::string relation_key(const QualifiedName& table) {
  return "TABLE " + qualified_spelling(table);
}

std::string type_key(const QualifiedName& type) { return "TYPE " + qualified_spelling(type); }

std::string drop_statement(const CatalogObject& object) { return "DROP " + object_target(object); }

const char* kind_word(CatalogObject::Kind kind) { return kWords[static_cast<size_t>(kind)]; }

std::optional<CatalogObject::Kind> kind_from_word(const std::string& word) {
  for (size_t i = 0; i < kWords.size(); ++i) {
    if (word == kWords[i]) return static_cast<CatalogObject::Kind>(i);
  }
  return std::nullopt;
}

bool is_type_kind(CatalogObject::Kind kind) {
  return kind == CatalogObject::Kind::kDomain || kind == CatalogObject::Kind::kCompositeType;
}

}  // namespace asq
