// COMMENT ON inside op.execute for the in-memory engine: schemas (public's too), enum types,
// sequences, indexes, table constraints and the catalog objects (views, functions, triggers,
// domains, ...). Tables and columns are read in sql.cpp.

#include <algorithm>
#include <optional>
#include <vector>

#include "pgsim/objects.h"
#include "pgsim/sql_reader.h"
#include "sql/identifiers.h"

namespace asq::memsql {
namespace {

using ObjectKind = CatalogObject::Kind;

/// The catalog objects of `kind` that `matches`.
template <typename Match>
std::vector<const CatalogObject*> objects_where(const Schema& schema, ObjectKind kind,
                                                Match matches) {
  std::vector<const CatalogObject*> out;
  for (const CatalogObject& object : schema.objects) {
    if (object.kind == kind && matches(object)) out.push_back(&object);
  }
  return out;
}

/// Comments the one object found; PostgreSQL refuses a missing one, and an ambiguous one
/// (an overloaded function named without its arguments) is left to the scratch engine.
void comment_object(Reader& r, Schema& schema, const std::vector<const CatalogObject*>& found,
                    const std::string& what) {
  if (found.empty()) throw ApplyError(what + " does not exist");
  if (found.size() > 1) r.unmodelled();
  CatalogObject object = *found.front();
  object.comment = r.comment_text();
  apply_op(schema, SetObjectComment{object});
}

/// FUNCTION / PROCEDURE name [(argument types)]: the types tell overloads apart.
void comment_on_routine(Reader& r, Schema& schema, ObjectKind kind) {
  std::optional<CatalogObject> routine = named_routine(r, schema, kind_word(kind));
  if (!routine || routine->kind != kind) {
    throw ApplyError(std::string(kind_word(kind)) + " does not exist");
  }
  routine->comment = r.comment_text();
  apply_op(schema, SetObjectComment{*routine});
}

void comment_named_object(Reader& r, Schema& schema, ObjectKind kind) {
  QualifiedName name = r.qualified();
  auto found = objects_where(schema, kind, [&](const CatalogObject& o) { return o.name == name; });
  comment_object(r, schema, found, kind_word(kind) + (" " + name.display()));
}

/// TRIGGER name ON table, POLICY name ON table.
void comment_object_on_table(Reader& r, Schema& schema, ObjectKind kind) {
  std::string name = r.identifier();
  r.expect({"on"});
  QualifiedName table = r.qualified();
  std::string signature = qualified_spelling(table);
  auto found = objects_where(schema, kind, [&](const CatalogObject& o) {
    return o.name.name == name && o.signature == signature;
  });
  comment_object(r, schema, found, kind_word(kind) + (" " + name + " on " + table.display()));
}

void comment_on_type(Reader& r, Schema& schema) {
  QualifiedName name = r.qualified();
  bool is_enum = std::any_of(schema.enums.begin(), schema.enums.end(),
                             [&](const EnumType& e) { return e.name == name; });
  if (is_enum) {
    apply_op(schema, SetComment{SetComment::Target::kEnum, name, "", r.comment_text()});
    return;
  }
  auto found = objects_where(schema, ObjectKind::kDomain,
                             [&](const CatalogObject& o) { return o.name == name; });
  if (found.empty()) {
    found = objects_where(schema, ObjectKind::kCompositeType,
                          [&](const CatalogObject& o) { return o.name == name; });
  }
  comment_object(r, schema, found, "type " + name.display());
}

/// An index of a table, else of a materialized view (a catalog object).
void comment_on_index(Reader& r, Schema& schema) {
  QualifiedName name = r.qualified();
  for (const Table& table : schema.tables) {
    bool has = table.name.schema == name.schema &&
               std::any_of(table.indexes.begin(), table.indexes.end(),
                           [&](const Index& i) { return i.name == name.name; });
    if (has) {
      apply_op(schema,
               SetComment{SetComment::Target::kIndex, name, table.name.name, r.comment_text()});
      return;
    }
  }
  auto found = objects_where(schema, ObjectKind::kIndex,
                             [&](const CatalogObject& o) { return o.name == name; });
  comment_object(r, schema, found, "index " + name.display());
}

void comment_on_constraint(Reader& r, Schema& schema) {
  std::string name = r.identifier();
  r.expect({"on"});
  if (r.at("domain")) r.unmodelled();  // the model has no place for a domain constraint's
  QualifiedName table = r.qualified();
  apply_op(
      schema,
      SetComment{
          SetComment::Target::kConstraint, {table.schema, name}, table.name, r.comment_text()});
}

}  // namespace

bool apply_comment_statement(Reader& r, Schema& schema) {
  if (!r.accept({"comment", "on"})) return false;
  using Target = SetComment::Target;
  if (r.accept({"schema"})) {
    std::string name = r.identifier();
    apply_op(schema, SetComment{Target::kSchema, {"", name}, "", r.comment_text()});
  } else if (r.accept({"sequence"})) {
    QualifiedName name = r.qualified();
    apply_op(schema, SetComment{Target::kSequence, name, "", r.comment_text()});
  } else if (r.accept({"type"})) {
    comment_on_type(r, schema);
  } else if (r.accept({"index"})) {
    comment_on_index(r, schema);
  } else if (r.accept({"constraint"})) {
    comment_on_constraint(r, schema);
  } else if (r.accept({"domain"})) {
    comment_named_object(r, schema, ObjectKind::kDomain);
  } else if (r.accept({"view"})) {
    comment_named_object(r, schema, ObjectKind::kView);
  } else if (r.accept({"materialized", "view"})) {
    comment_named_object(r, schema, ObjectKind::kMaterializedView);
  } else if (r.accept({"function"})) {
    comment_on_routine(r, schema, ObjectKind::kFunction);
  } else if (r.accept({"procedure"})) {
    comment_on_routine(r, schema, ObjectKind::kProcedure);
  } else if (r.accept({"trigger"})) {
    comment_object_on_table(r, schema, ObjectKind::kTrigger);
  } else if (r.accept({"policy"})) {
    comment_object_on_table(r, schema, ObjectKind::kPolicy);
  } else {
    r.unmodelled();  // COMMENT ON EVENT TRIGGER, COLLATION, EXTENSION, ...
  }
  return true;
}

}  // namespace asq::memsql
