#include "schema/scope.h"

#include <gtest/gtest.h>

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
}

}  // namespace
}  // namespace asq
