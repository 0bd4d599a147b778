// Owners and privileges read from a real PostgreSQL (--privileges): the canonical form, what
// is left out by default, and convergence: the diff's GRANT / REVOKE / OWNER TO applied to a
// database built without them reads back equal.

#include "schema/privileges.h"

#include <gtest/gtest.h>

#include "db/roles.h"
#include "diff/diff.h"
#include "introspect/introspect.h"
#include "render/sql.h"
#include "support/postgres.h"

namespace asq {
namespace {

using test::TestDatabase;
using test::TestRoles;

const char* kObjects = R"sql(
CREATE TYPE mood AS ENUM ('ok', 'meh');
CREATE TABLE note (id serial PRIMARY KEY, body text, mood mood);
CREATE VIEW note_bodies AS SELECT id, body FROM note;
CREATE FUNCTION note_count() RETURNS bigint LANGUAGE sql AS $$ SELECT 1::bigint $$;
)sql";

Introspection read(const TestDatabase& db, bool privileges) {
  pqxx::connection connection(db.url());
  IntrospectOptions options;
  options.privileges = privileges;
  return introspect(connection, options);
}

/// Runs the ops of `diff` on `db`, as the SQL renderer writes them.
void apply(const TestDatabase& db, const DiffResult& diff) {
  std::string sql;
  for (const Op& op : diff.ops) {
    for (const std::string& statement : render_sql(op)) sql += statement + ";\n";
  }
  db.execute(sql);
}

TEST(IntrospectPrivileges, NothingWithoutTheOptionAndOnlyDeviationsWithIt) {
  TestRoles roles("introspect_priv", {"reader"});
  TestDatabase db("introspect_priv");
  db.execute(kObjects);
  EXPECT_TRUE(read(db, false).schema.privileges.empty());
  EXPECT_TRUE(read(db, true).schema.privileges.empty()) << "all as a migration leaves them";

  db.execute("GRANT SELECT ON note TO " + roles["reader"] +
             " WITH GRANT OPTION;"
             "GRANT UPDATE (body) ON note TO " +
             roles["reader"] +
             ";"
             "ALTER VIEW note_bodies OWNER TO " +
             roles["reader"] +
             ";"
             "REVOKE EXECUTE ON FUNCTION note_count() FROM PUBLIC");
  Introspection live = read(db, true);
  EXPECT_TRUE(live.unsupported.empty());
  std::vector<std::string> keys;
  for (const Privileges& p : live.schema.privileges) keys.push_back(p.target + "|" + p.column);
  EXPECT_EQ(keys, (std::vector<std::string>{"FUNCTION public.note_count()|", "TABLE public.note|",
                                            "TABLE public.note|body", "VIEW public.note_bodies|"}));
  Privileges note = privileges_of(live.schema, "TABLE public.note");
  EXPECT_EQ(note.owner, "CURRENT_USER");
  EXPECT_EQ(note.grants.back(), (Grant{roles["reader"], "SELECT", true}));
  EXPECT_EQ(privileges_of(live.schema, "VIEW public.note_bodies").owner, roles["reader"]);
  EXPECT_EQ(privileges_of(live.schema, "FUNCTION public.note_count()").grants,
            (std::vector<Grant>{{"CURRENT_USER", "EXECUTE", false}}));
  EXPECT_EQ(roles_named(live.schema), std::vector<std::string>{roles["reader"]});
}

TEST(IntrospectPrivileges, DiffOpsRebuildTheSamePrivilegesAndRevertThem) {
  TestRoles roles("converge_priv", {"reader", "owner"});
  TestDatabase live_db("converge_live");
  TestDatabase built_db("converge_built");
  live_db.execute(kObjects);
  built_db.execute(kObjects);
  live_db.execute("ALTER TABLE note OWNER TO " + roles["owner"] +
                  ";"
                  "GRANT SELECT, INSERT ON note TO " +
                  roles["reader"] +
                  ";"
                  "GRANT USAGE ON SEQUENCE note_id_seq TO " +
                  roles["reader"] +
                  ";"
                  "REVOKE USAGE ON TYPE mood FROM PUBLIC;"
                  "GRANT CREATE ON SCHEMA public TO " +
                  roles["reader"]);
  Schema live = read(live_db, true).schema;
  Schema built = read(built_db, true).schema;
  ASSERT_FALSE(live == built);
  apply(built_db, diff_schemas(built, live));
  EXPECT_EQ(read(built_db, true).schema, live);
  apply(built_db, diff_schemas(live, built));
  EXPECT_EQ(read(built_db, true).schema, built);
}

TEST(IntrospectPrivileges, MissingRolesAreNamedInOrderAndRefused) {
  TestRoles roles("missing_priv", {"present"});
  TestDatabase db("missing_priv");
  pqxx::connection connection(db.url());
  pqxx::read_transaction tx(connection);
  std::string absent = roles["present"] + "_absent";
  EXPECT_EQ(missing_roles(tx, {absent, roles["present"]}), std::vector<std::string>{absent});
  Schema schema;
  schema.privileges.push_back(
      {"TABLE public.t", "", roles["present"], false, {{absent, "SELECT", false}}});
  try {
    require_roles(tx, schema, "the scratch server", "the live schema's owners and grants");
    FAIL() << "a missing role must be refused";
  } catch (const std::exception& e) {
    EXPECT_EQ(
        std::string(e.what()),
        "the live schema's owners and grants name a role that the scratch server lacks: " + absent +
            "; create it (CREATE ROLE ...) or leave owners and privileges out (no "
            "--privileges). Nothing was changed");
  }
}

}  // namespace
}  // namespace asq
