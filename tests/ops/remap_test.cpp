#include "ops/remap.h"

#include <gtest/gtest.h>

#include "render/sql.h"
#include "support/schema_builders.h"

namespace asq {
namespace {

using test::column;
using test::in_public;

const SchemaRenamer kToTenant("public", "tenant_e");

TEST(RemapOps, MovesTheTableTypeAndDefaultOfAnAddedColumn) {
  Column state = column("state", "public.status");
  state.default_value = "'a'::public.status";
  Op op = remap_schema(AddColumn{in_public("item"), state}, kToTenant);
  const auto& add = std::get<AddColumn>(op);
  EXPECT_EQ(add.table, (QualifiedName{"tenant_e", "item"}));
  EXPECT_EQ(add.column.type, "tenant_e.status");
  EXPECT_EQ(add.column.default_value, "'a'::tenant_e.status");
}

TEST(RemapOps, MovesWhatAnAlterColumnChangesTo) {
  AlterColumn alter{in_public("item"), "state", column("state", "text")};
  alter.type = "public.status";
  alter.using_expression = "state::public.status";
  alter.default_value = std::optional<std::string>("'a'::public.status");
  Op op = remap_schema(alter, kToTenant);
  const auto& moved = std::get<AlterColumn>(op);
  EXPECT_EQ(moved.type, "tenant_e.status");
  EXPECT_EQ(moved.using_expression, "state::tenant_e.status");
  EXPECT_EQ(*moved.default_value, "'a'::tenant_e.status");
}

TEST(RemapOps, RenderedSqlNamesTheTenantSchema) {
  EnumType status{in_public("status"), {"a"}};
  Op op = remap_schema(CreateEnum{status, false}, kToTenant);
  EXPECT_EQ(render_sql(op), std::vector<std::string>{"CREATE TYPE tenant_e.status AS ENUM ('a')"});
}

TEST(RemapOps, LeavesRawSqlAsWritten) {
  Op op = remap_schema(Execute{"ALTER TABLE public.item ADD COLUMN x int", false}, kToTenant);
  EXPECT_EQ(std::get<Execute>(op).sql, "ALTER TABLE public.item ADD COLUMN x int");
}

}  // namespace
}  // namespace asq
