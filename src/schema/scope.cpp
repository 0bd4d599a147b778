// What introspection would read of a model: of a database the in-memory engine built, or of
// one tenant's part of a snapshot of several.

#include "schema/scope.h"

#include <algorithm>
#include <set>

#include "schema/privileges.h"

namespace asq {
namespace {

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

/// PostgreSQL's own schemas (pg_temp's helpers of a data migration) are nobody's to squash.
bool postgresqls_own(const std::string& name) {
  return name.empty() || name.starts_with("pg_") || name == "information_schema";
}

}  // namespace

bool introspected_schema(const std::string& name, const IntrospectOptions& options) {
  return contains(options.schemas, name);
}

bool introspected_table(const QualifiedName& name, const IntrospectOptions& options) {
  return introspected_schema(name.schema, options) &&
         !contains(options.exclude_tables, name.name) &&
         !contains(options.exclude_tables, name.schema + "." + name.name) &&
         !((name.schema == options.version_table_schema || options.version_table_in_every_schema) &&
           name.name == options.version_table);
}

bool left_out_relation(const QualifiedName& name, const IntrospectOptions& options) {
  return !postgresqls_own(name.schema) && !introspected_schema(name.schema, options) &&
         !(name.schema == options.version_table_schema && name.name == options.version_table) &&
         !contains(options.exclude_tables, name.name) &&
         !contains(options.exclude_tables, name.schema + "." + name.name);
}

bool left_out_made_schema(const std::string& name, const IntrospectOptions& options) {
  return !postgresqls_own(name) && !introspected_schema(name, options) && name != "public" &&
         name != options.version_table_schema;
}

std::vector<std::string> left_out_schemas(const Schema& schema, const IntrospectOptions& options) {
  std::set<std::string> out;
  auto holds = [&](const std::string& name) {
    if (!postgresqls_own(name) && !introspected_schema(name, options)) out.insert(name);
  };
  for (const auto& name : schema.schemas) {
    if (left_out_made_schema(name, options)) out.insert(name);
  }
  // A comment on a schema (public's default one is no entry).
  for (const auto& [name, comment] : schema.schema_comments) holds(name);
  for (const auto& table : schema.tables) {
    if (left_out_relation(table.name, options)) out.insert(table.name.schema);
  }
  for (const auto& e : schema.enums) holds(e.name.schema);
  for (const auto& s : schema.sequences) {
    // A sequence a table owns (serial, identity; same schema) goes with that table.
    if (s.owned_by_table.empty()) {
      holds(s.name.schema);
    } else if (left_out_relation({s.name.schema, s.owned_by_table}, options)) {
      out.insert(s.name.schema);
    }
  }
  for (const auto& o : schema.objects) holds(o.name.schema);  // event triggers have none
  return {out.begin(), out.end()};
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
  std::erase_if(schema.privileges,
                [&](const Privileges& p) { return !managed(privilege_schema(p.target)); });
  return schema;
}

}  // namespace asq
