// Schema-per-tenant adopt reads the tenants of a database in one introspection
// (snapshot_tenants) and hands each tenant its part: each part must be exactly what reading that
// tenant alone gives, moved to public, whatever the other tenants and public hold.

#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "introspect/introspect.h"
#include "schema/remap.h"
#include "squash/adopt.h"
#include "squash/stages.h"
#include "support/postgres.h"

namespace asq {
namespace {

using test::TestDatabase;

/// One tenant's objects, in schema `s`, with its own version table.
std::string tenant_sql(const std::string& s) {
  return "CREATE SCHEMA " + s + ";\nSET search_path TO " + s +
         ";\n"
         "CREATE TYPE status AS ENUM ('new', 'done');\n"
         "CREATE TABLE project (id serial PRIMARY KEY, name text NOT NULL, "
         "  state status DEFAULT 'new' NOT NULL);\n"
         "CREATE TABLE task (id serial PRIMARY KEY, "
         "  project_id integer REFERENCES project(id) ON DELETE CASCADE);\n"
         "CREATE INDEX ix_task_project ON task (project_id);\n"
         "CREATE VIEW open_project AS SELECT id, name FROM project WHERE state = 'new';\n"
         "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS "
         "  $$BEGIN RETURN NEW; END$$;\n"
         "CREATE TRIGGER tg_touch BEFORE UPDATE ON project FOR EACH ROW EXECUTE FUNCTION touch();\n"
         "COMMENT ON TABLE project IS 'work';\n"
         "CREATE TABLE alembic_version (version_num varchar(32) NOT NULL PRIMARY KEY);\n"
         "INSERT INTO alembic_version VALUES ('abc');\n"
         "GRANT SELECT ON project TO PUBLIC;\n"
         "RESET search_path;\n";
}

class TenantsReadTogether : public testing::Test {
 protected:
  void SetUp() override {
    db_.execute(tenant_sql("t1") + tenant_sql("t2") + tenant_sql("t3"));
    // Tenants differ: a column, a comment on the schema, a dropped view.
    db_.execute(
        "ALTER TABLE t2.project ADD COLUMN extra integer;"
        "COMMENT ON SCHEMA t2 IS 'second';"
        "DROP VIEW t3.open_project;"
        "CREATE TABLE public.shared (id integer);");  // public is no tenant
  }
  /// What reading `tenant` alone gives, moved to public (adopt_target's own reading).
  Schema alone(const Config& config, const std::string& tenant) {
    IntrospectOptions options = introspect_options_of(config);
    options.schemas = {tenant};
    options.version_table_schema = tenant;
    pqxx::connection connection(db_.url());
    return remap_schema(introspect(connection, options).schema, tenant, "public");
  }
  void expect_each_part_alone(const Config& config) {
    pqxx::connection connection(db_.url());
    std::vector<std::string> tenants{"t1", "t2", "t3", "absent"};
    std::map<std::string, Schema> parts = snapshot_tenants(connection, config, tenants);
    ASSERT_EQ(parts.size(), tenants.size());
    for (const auto& tenant : tenants) {
      EXPECT_TRUE(parts[tenant] == alone(config, tenant)) << tenant;
    }
    // The parts are not all alike, and hold the tenant's objects, not the version table.
    EXPECT_FALSE(parts["t1"] == parts["t2"]);
    EXPECT_FALSE(parts["t1"] == parts["t3"]);
    ASSERT_EQ(parts["t1"].tables.size(), 2u);
    EXPECT_EQ(parts["t1"].tables[0].name, (QualifiedName{"public", "project"}));
    EXPECT_TRUE(parts["absent"].tables.empty());
  }
  TestDatabase db_{"tenants_together"};
};

TEST_F(TenantsReadTogether, EachTenantsPartIsWhatReadingItAloneGives) {
  expect_each_part_alone(Config{});
}

TEST_F(TenantsReadTogether, WithPrivilegesEachTenantKeepsItsOwnGrants) {
  Config config;
  config.privileges = true;
  expect_each_part_alone(config);
  pqxx::connection connection(db_.url());
  std::map<std::string, Schema> parts = snapshot_tenants(connection, config, {"t1", "t2"});
  EXPECT_FALSE(parts["t1"].privileges.empty());
}

// An event trigger belongs to no schema: a tenant's part of one reading could not say whose it
// is, so the snapshot refuses (and adopt reads each tenant on its own, with a note).
TEST_F(TenantsReadTogether, AnEventTriggerMakesTheSnapshotStepAside) {
  db_.execute(
      "CREATE FUNCTION t1.on_ddl() RETURNS event_trigger LANGUAGE plpgsql AS "
      "$$BEGIN END$$;"
      "CREATE EVENT TRIGGER tenant_ddl ON ddl_command_end EXECUTE FUNCTION t1.on_ddl();");
  pqxx::connection connection(db_.url());
  try {
    snapshot_tenants(connection, Config{}, {"t1", "t2"});
    ADD_FAILURE() << "an event trigger was handed to a tenant";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("event trigger (tenant_ddl)"), std::string::npos)
        << error.what();
  }
}

}  // namespace
}  // namespace asq
