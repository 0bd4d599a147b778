// What introspection would read from a database the in-memory engine built: its managed
// schemas, without excluded tables and the version table.

#include <algorithm>

#include "pgsim/column_references.h"
#include "pgsim/engine.h"

namespace asq {

using memsql::contains;

bool introspected_schema(const std::string& name, const IntrospectOptions& options) {
  return contains(options.schemas, name);
}

bool introspected_table(const QualifiedName& name, const IntrospectOptions& options) {
  return introspected_schema(name.schema, options) &&
         !contains(options.exclude_tables, name.name) &&
         !contains(options.exclude_tables, name.schema + "." + name.name) &&
         !(name.schema == options.version_table_schema && name.name == options.version_table);
}

Schema as_introspected(Schema schema, const IntrospectOptions& options) {
  auto managed = [&](const std::string& name) { return introspected_schema(name, options); };
  std::erase_if(schema.schemas, [&](const std::string& s) { return !managed(s); });
  std::erase_if(schema.schema_comments, [&](const auto& entry) { return !managed(entry.first); });
  std::erase_if(schema.enums, [&](const EnumType& e) { return !managed(e.name.schema); });
  std::erase_if(schema.sequences, [&](const Sequence& s) { return !managed(s.name.schema); });
  std::erase_if(schema.objects, [&](const CatalogObject& o) {
    return !o.name.schema.empty() && !managed(o.name.schema);  // event triggers have none
  });
  std::erase_if(schema.tables,
                [&](const Table& t) { return !introspected_table(t.name, options); });
  return schema;
}

}  // namespace asq
