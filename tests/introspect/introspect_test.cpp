#include "introspect/introspect.h"

#include <gtest/gtest.h>

#include "support/postgres.h"

namespace asq {
namespace {

using test::TestDatabase;

const char* kSchemaSql = R"sql(
CREATE EXTENSION IF NOT EXISTS "uuid-ossp";
CREATE TYPE credentialcategory AS ENUM ('git', 'api', 'ssh');
CREATE TABLE "user" (
  id uuid DEFAULT uuid_generate_v4() NOT NULL PRIMARY KEY,
  email varchar(255) NOT NULL,
  created_at timestamptz DEFAULT now() NOT NULL
);
COMMENT ON TABLE "user" IS 'people';
COMMENT ON COLUMN "user".email IS 'login';
CREATE UNIQUE INDEX ix_user_email ON "user" (email);
CREATE TABLE credential (
  id serial PRIMARY KEY,
  owner_id uuid NOT NULL REFERENCES "user"(id) ON DELETE CASCADE,
  category credentialcategory NOT NULL,
  price numeric(10, 2),
  currency varchar(3) DEFAULT 'USD' NOT NULL,
  is_disabled boolean DEFAULT false NOT NULL,
  CONSTRAINT ck_price CHECK (price >= 0),
  CONSTRAINT uq_owner_category UNIQUE (owner_id, category)
);
CREATE INDEX ix_credential_lower ON credential (lower(currency)) WHERE NOT is_disabled;
CREATE TABLE alembic_version (version_num varchar(32) NOT NULL PRIMARY KEY);
)sql";

class Introspect : public testing::Test {
 protected:
  void SetUp() override { db_.execute(kSchemaSql); }
  Introspection read(IntrospectOptions options = {}) {
    pqxx::connection connection(db_.url());
    return introspect(connection, options);
  }
  TestDatabase db_{"introspect"};
};

TEST_F(Introspect, ReadsTablesButNotTheVersionTable) {
  Schema schema = read().schema;
  ASSERT_EQ(schema.tables.size(), 2u);
  EXPECT_EQ(schema.tables[0].name.name, "credential");
  EXPECT_EQ(schema.tables[1].name.name, "user");
  EXPECT_EQ(schema.tables[1].comment, "people");
}

TEST_F(Introspect, ReadsColumnsInOrderWithCanonicalTypesAndDefaults) {
  Schema schema = read().schema;
  const Table& credential = schema.tables[0];
  ASSERT_EQ(credential.columns.size(), 6u);
  EXPECT_EQ(credential.columns[0].name, "id");
  EXPECT_EQ(credential.columns[0].type, "integer");
  EXPECT_EQ(credential.columns[0].default_value, "nextval('public.credential_id_seq'::regclass)");
  EXPECT_FALSE(credential.columns[0].nullable);
  EXPECT_EQ(credential.columns[2].type, "public.credentialcategory");
  EXPECT_EQ(credential.columns[3].type, "numeric(10,2)");
  EXPECT_TRUE(credential.columns[3].nullable);
  EXPECT_EQ(credential.columns[4].type, "character varying(3)");
  EXPECT_EQ(credential.columns[4].default_value, "'USD'::character varying");
  EXPECT_EQ(credential.columns[5].default_value, "false");
  const Table& user = schema.tables[1];
  EXPECT_EQ(user.columns[0].default_value, "public.uuid_generate_v4()");
  EXPECT_EQ(user.columns[2].type, "timestamp with time zone");
  EXPECT_EQ(user.columns[2].default_value, "now()");
  EXPECT_EQ(user.columns[1].comment, "login");
}

TEST_F(Introspect, ReadsConstraintsWithActions) {
  Schema schema = read().schema;
  const auto& constraints = schema.tables[0].constraints;
  ASSERT_EQ(constraints.size(), 4u);
  EXPECT_EQ(constraints[0].name, "ck_price");
  EXPECT_EQ(constraints[0].kind, Constraint::Kind::kCheck);
  EXPECT_EQ(constraints[0].definition, "CHECK ((price >= (0)::numeric))");
  EXPECT_EQ(constraints[1].name, "credential_owner_id_fkey");
  EXPECT_EQ(constraints[1].kind, Constraint::Kind::kForeignKey);
  EXPECT_EQ(constraints[1].references, (QualifiedName{"public", "user"}));
  EXPECT_EQ(constraints[1].referenced_columns, std::vector<std::string>{"id"});
  EXPECT_EQ(constraints[1].on_delete, "CASCADE");
  EXPECT_EQ(constraints[1].on_update, "NO ACTION");
  EXPECT_EQ(constraints[2].name, "credential_pkey");
  EXPECT_EQ(constraints[3].name, "uq_owner_category");
  EXPECT_EQ(constraints[3].columns, (std::vector<std::string>{"owner_id", "category"}));
}

TEST_F(Introspect, ReadsIndexesThatBackNoConstraint) {
  Schema schema = read().schema;
  ASSERT_EQ(schema.tables[0].indexes.size(), 1u);
  const Index& index = schema.tables[0].indexes[0];
  EXPECT_EQ(index.name, "ix_credential_lower");
  EXPECT_EQ(index.keys, std::vector<std::string>{"lower(currency::text)"});
  EXPECT_EQ(index.where, "NOT is_disabled");
  ASSERT_EQ(schema.tables[1].indexes.size(), 1u);
  EXPECT_TRUE(schema.tables[1].indexes[0].unique);
}

TEST_F(Introspect, KeepsKeyOrderingAndOpclassesOfIndexKeys) {
  db_.execute(
      "CREATE TABLE t (n int, name text, email varchar(200));"
      "CREATE INDEX ix_a ON t (name DESC);"
      "CREATE INDEX ix_b ON t (lower(email) text_pattern_ops);"
      "CREATE INDEX ix_c ON t (n NULLS FIRST, name DESC NULLS LAST);"
      "CREATE INDEX ix_d ON t USING hash (name);");
  Schema schema = read().schema;
  const Table* t = schema.table({"public", "t"});
  ASSERT_NE(t, nullptr);
  ASSERT_EQ(t->indexes.size(), 4u);
  EXPECT_EQ(t->indexes[0].keys, std::vector<std::string>{"name DESC"});
  EXPECT_EQ(t->indexes[1].keys, std::vector<std::string>{"lower(email::text) text_pattern_ops"});
  EXPECT_EQ(t->indexes[2].keys,
            (std::vector<std::string>{"n NULLS FIRST", "name DESC NULLS LAST"}));
  EXPECT_EQ(t->indexes[3].keys, std::vector<std::string>{"name"});
  EXPECT_EQ(t->indexes[3].method, "hash");
}

TEST_F(Introspect, ReadsEnumsSequencesAndExtensions) {
  Schema schema = read().schema;
  ASSERT_EQ(schema.enums.size(), 1u);
  EXPECT_EQ(schema.enums[0].values, (std::vector<std::string>{"git", "api", "ssh"}));
  ASSERT_EQ(schema.sequences.size(), 1u);
  EXPECT_EQ(schema.sequences[0].name.name, "credential_id_seq");
  EXPECT_EQ(schema.sequences[0].data_type, "integer");
  EXPECT_EQ(schema.sequences[0].owned_by_table, "credential");
  EXPECT_EQ(schema.sequences[0].owned_by_column, "id");
  ASSERT_EQ(schema.extensions.size(), 1u);
  EXPECT_EQ(schema.extensions[0].name, "uuid-ossp");
}

TEST_F(Introspect, ExcludesConfiguredTables) {
  IntrospectOptions options;
  options.exclude_tables = {"credential"};
  Schema schema = read(options).schema;
  ASSERT_EQ(schema.tables.size(), 1u);
  EXPECT_EQ(schema.tables[0].name.name, "user");
}

TEST_F(Introspect, ReadsDependenciesOnlyWhenThereAreObjects) {
  // pg_depend is read for the whole database (a schema-per-tenant database's every tenant):
  // without views, functions, triggers, ... in the managed schemas nothing needs it.
  int without = read().queries;
  db_.execute("CREATE VIEW v_user AS SELECT id FROM \"user\"");
  EXPECT_EQ(read().queries, without + 1);
}

TEST_F(Introspect, IssuesTheSameNumberOfQueriesWhateverTheTableCount) {
  db_.execute("CREATE VIEW v_user AS SELECT id FROM \"user\"");  // an object on both sides
  int small = read().queries;
  std::string more;
  for (int i = 0; i < 40; ++i) {
    more += "CREATE TABLE extra_" + std::to_string(i) +
            " (id serial PRIMARY KEY, name text, CONSTRAINT ck_" + std::to_string(i) +
            " CHECK (name <> '')); CREATE INDEX ix_extra_" + std::to_string(i) + " ON extra_" +
            std::to_string(i) + " (name); CREATE VIEW v_" + std::to_string(i) +
            " AS SELECT * FROM extra_" + std::to_string(i) + ";";
  }
  db_.execute(more);
  Introspection large = read();
  EXPECT_EQ(large.schema.tables.size(), 42u);
  EXPECT_EQ(large.schema.objects.size(), 41u);
  EXPECT_EQ(large.queries, small);
  EXPECT_LE(large.queries, 20);
}

}  // namespace
}  // namespace asq
