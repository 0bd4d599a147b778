#include "schema/remap.h"

#include <gtest/gtest.h>

#include "support/schema_builders.h"

namespace asq {
namespace {

using test::column;
using test::constraint;
using test::in_public;

TEST(SchemaRenamer, RenamesQualifiersInTypesDefaultsAndDefinitions) {
  SchemaRenamer to_tenant("public", "tenant_e");
  EXPECT_EQ(to_tenant.text("public.credentialcategory[]"), "tenant_e.credentialcategory[]");
  EXPECT_EQ(to_tenant.text("nextval('public.user_id_seq'::regclass)"),
            "nextval('tenant_e.user_id_seq'::regclass)");
  EXPECT_EQ(to_tenant.text("FOREIGN KEY (owner_id) REFERENCES public.\"user\"(id)"),
            "FOREIGN KEY (owner_id) REFERENCES tenant_e.\"user\"(id)");
  EXPECT_EQ(to_tenant.text("('a'::public.status = ANY (ARRAY['b'::public.status]))"),
            "('a'::tenant_e.status = ANY (ARRAY['b'::tenant_e.status]))");
}

TEST(SchemaRenamer, LeavesLongerNamesAndOtherSchemasAlone) {
  SchemaRenamer to_tenant("public", "tenant_e");
  EXPECT_EQ(to_tenant.text("mypublic.t"), "mypublic.t");
  EXPECT_EQ(to_tenant.text("\"my public\".t"), "\"my public\".t");
  EXPECT_EQ(to_tenant.text("audit.public_log"), "audit.public_log");
  EXPECT_EQ(to_tenant.text("t.public.x"), "t.public.x");
  EXPECT_EQ(to_tenant.text("public"), "public");
  EXPECT_EQ(to_tenant.text("now()"), "now()");
}

TEST(SchemaRenamer, QuotesNamesThatNeedIt) {
  EXPECT_EQ(SchemaRenamer("public", "Tenant A").text("public.status"), "\"Tenant A\".status");
  EXPECT_EQ(SchemaRenamer("Tenant A", "public").text("nextval('\"Tenant A\".s'::regclass)"),
            "nextval('public.s'::regclass)");
  EXPECT_EQ(SchemaRenamer("Tenant A", "public").text("tenant a.s"), "tenant a.s");
}

Schema tenant_like_schema() {
  Schema schema;
  schema.extensions.push_back({"uuid-ossp", "public", "1.1"});
  schema.enums.push_back({in_public("status"), {"a", "b"}});
  schema.sequences.push_back({/*options:*/ {}, in_public("item_id_seq")});
  Table user{in_public("user")};
  user.columns.push_back(column("id", "uuid", false));
  user.columns.back().default_value = "public.uuid_generate_v4()";
  Table item{in_public("item")};
  item.columns.push_back(column("id", "integer", false));
  item.columns.back().default_value = "nextval('public.item_id_seq'::regclass)";
  item.columns.push_back(column("state", "public.status"));
  Constraint fk = constraint(Constraint::Kind::kForeignKey, "item_owner_fkey", {"owner_id"});
  fk.references = in_public("user");
  fk.definition = "FOREIGN KEY (owner_id) REFERENCES public.\"user\"(id)";
  item.constraints.push_back(fk);
  Index index;
  index.name = "ix_item_state";
  index.keys = {"state"};
  index.where = "(state = 'a'::public.status)";
  item.indexes.push_back(index);
  schema.tables = {item, user};
  return schema;
}

TEST(RemapSchema, MovesEveryObjectAndSpelling) {
  Schema moved = remap_schema(tenant_like_schema(), "public", "tenant_e");
  EXPECT_EQ(moved.schemas, std::vector<std::string>{"tenant_e"});
  EXPECT_EQ(moved.extensions[0].schema, "tenant_e");
  EXPECT_EQ(moved.enums[0].name, (QualifiedName{"tenant_e", "status"}));
  EXPECT_EQ(moved.sequences[0].name, (QualifiedName{"tenant_e", "item_id_seq"}));
  const Table* item = moved.table({"tenant_e", "item"});
  ASSERT_NE(item, nullptr);
  EXPECT_EQ(item->columns[0].default_value, "nextval('tenant_e.item_id_seq'::regclass)");
  EXPECT_EQ(item->columns[1].type, "tenant_e.status");
  EXPECT_EQ(item->constraints[0].references, (QualifiedName{"tenant_e", "user"}));
  EXPECT_EQ(item->constraints[0].definition,
            "FOREIGN KEY (owner_id) REFERENCES tenant_e.\"user\"(id)");
  EXPECT_EQ(item->indexes[0].where, "(state = 'a'::tenant_e.status)");
  EXPECT_EQ(moved.table({"tenant_e", "user"})->columns[0].default_value,
            "tenant_e.uuid_generate_v4()");
}

TEST(RemapSchema, MovingThereAndBackGivesTheSameSchema) {
  Schema original = tenant_like_schema();
  EXPECT_EQ(remap_schema(remap_schema(original, "public", "tenant_e"), "tenant_e", "public"),
            original);
  EXPECT_NE(remap_schema(original, "public", "tenant_e"), original);
}

TEST(RemapSchema, LeavesOtherSchemasAndKeepsListsSorted) {
  Schema schema;
  schema.schemas = {"audit"};
  schema.tables.push_back(Table{{"audit", "log"}});
  schema.tables.push_back(Table{in_public("item")});
  Schema moved = remap_schema(schema, "public", "zz");
  EXPECT_EQ(moved.schemas, (std::vector<std::string>{"audit", "zz"}));
  ASSERT_EQ(moved.tables.size(), 2u);
  EXPECT_EQ(moved.tables[0].name, (QualifiedName{"audit", "log"}));
  EXPECT_EQ(moved.tables[1].name, (QualifiedName{"zz", "item"}));
}

}  // namespace
}  // namespace asq
