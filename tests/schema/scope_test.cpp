#include "schema/scope.h"

#include <gtest/gtest.h>

#include "schema/catalog_object.h"

namespace asq {
namespace {

Table table(const std::string& schema, const std::string& name) {
  Table t;
  t.name = {schema, name};
  return t;
}

TEST(Scope, LeftOutSchemasAreWhatABuildFromEmptyMadeOutsideTheManagedOnes) {
  Schema built;
  built.schemas = {"audit", "auth", "empty_made"};
  built.tables = {table("public", "account"), table("auth", "user"),
                  table("gis", "spatial_ref_sys"), table("meta", "alembic_version")};
  built.enums = {{{"types", "status"}, {"a"}, std::nullopt}};
  IntrospectOptions options;
  options.schemas = {"public", "audit"};
  options.version_table_schema = "meta";
  options.exclude_tables = {"gis.spatial_ref_sys"};
  // auth: a table; empty_made: made, empty; types: an enum. Not: audit (managed), gis (only an
  // excluded table), meta (the version table's schema, holding only it), public (managed).
  EXPECT_EQ(left_out_schemas(built, options),
            (std::vector<std::string>{"auth", "empty_made", "types"}));
  options.schemas = {"public", "audit", "auth", "empty_made", "types"};
  EXPECT_EQ(left_out_schemas(built, options), std::vector<std::string>{});
  // public itself is left out when it holds something and is not managed.
  options.schemas = {"audit", "auth", "empty_made", "types"};
  EXPECT_EQ(left_out_schemas(built, options), std::vector<std::string>{"public"});
  // ... or when the chain comments on it.
  built.tables.erase(built.tables.begin());
  EXPECT_EQ(left_out_schemas(built, options), std::vector<std::string>{});
  built.schema_comments["public"] = "app data";
  EXPECT_EQ(left_out_schemas(built, options), std::vector<std::string>{"public"});
}

TEST(Scope, SequencesGoWithTheirTablesAndPostgreSQLsOwnSchemasAreNobodys) {
  Schema built;
  built.tables = {table("public", "legacy"), table("app", "t")};
  Sequence serial;
  serial.name = {"public", "legacy_id_seq"};
  serial.owned_by_table = "legacy";
  serial.owned_by_column = "id";
  Sequence free;
  free.name = {"public", "ticket_numbers"};
  built.sequences = {serial};
  CatalogObject helper;
  helper.kind = CatalogObject::Kind::kFunction;
  helper.name = {"pg_temp", "helper"};
  built.objects = {helper};
  IntrospectOptions options;
  options.schemas = {"app"};
  options.exclude_tables = {"legacy"};
  // The excluded table's serial sequence is excluded with it; a function in pg_temp (a data
  // migration's helper) is no schema of the project.
  EXPECT_EQ(left_out_schemas(built, options), std::vector<std::string>{});
  // A sequence of its own is the chain's.
  built.sequences.push_back(free);
  EXPECT_EQ(left_out_schemas(built, options), std::vector<std::string>{"public"});
}

}  // namespace
}  // namespace asq
