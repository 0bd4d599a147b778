#pragma once

// Moving a model from one schema to another: a schema-per-tenant database holds the baseline's
// objects in a tenant schema, so comparing it with the baseline (or running the archived
// revisions in it) needs every object and every schema-qualified spelling moved.

#include <string>
#include <string_view>

#include "schema/model.h"

namespace asq {

/// Renames schema `from` to `to` in names, and in the schema-qualified spellings PostgreSQL
/// prints inside types, defaults and expressions (`public.status`,
/// `nextval('public.user_id_seq'::regclass)`, `REFERENCES public."user"(id)`). Objects of
/// other schemas are left alone.
class SchemaRenamer {
 public:
  SchemaRenamer(std::string from, std::string to);

  /// `text` with every qualifier `from.` (spelled as quote_ident spells it, at the start of an
  /// identifier) replaced by `to.`. A string literal that happens to hold `from.` is renamed
  /// too: regclass literals must be, and canonical text does not tell the two apart.
  std::string text(std::string_view text) const;

  void apply(QualifiedName& name) const;
  void apply(Column& column) const;
  void apply(Constraint& constraint) const;
  void apply(Index& index) const;
  void apply(Table& table) const;
  void apply(EnumType& type) const;
  void apply(Sequence& sequence) const;
  void apply(Extension& extension) const;
  /// Names, signature and definition text (a body's literal `from.` included, see text()).
  void apply(CatalogObject& object) const;
  /// Everything, keeping the model's invariants: lists re-sorted by name, `schemas` listing
  /// the schemas besides public.
  void apply(Schema& schema) const;

  /// The schema name itself: `to` for `from`, anything else unchanged.
  std::string schema_name(const std::string& name) const;

 private:
  void move_schema_comment(Schema& schema) const;

  std::string from_;
  std::string to_;
  std::string from_spelling_;  // quote_identifier(from) + "."
  std::string to_spelling_;
};

/// `schema` with everything in schema `from` moved to schema `to`.
Schema remap_schema(Schema schema, const std::string& from, const std::string& to);

}  // namespace asq
