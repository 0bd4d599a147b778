#include "schema/privileges.h"

#include <gtest/gtest.h>

#include "common/json.h"
#include "schema/json.h"

namespace asq {
namespace {

using Grants = std::vector<Grant>;

TEST(Privileges, CanonicalFormSortsByGranteeAndPrivilegeAndMergesGrantOption) {
  Privileges p{"TABLE public.t",
               "",
               "app",
               false,
               {{"reader", "SELECT", false},
                {"app", "UPDATE", false},
                {"reader", "SELECT", true},
                {"PUBLIC", "SELECT", false},
                {"app", "DELETE", false}}};
  canonicalize(p);
  EXPECT_EQ(p.grants, (Grants{{"PUBLIC", "SELECT", false},
                              {"app", "DELETE", false},
                              {"app", "UPDATE", false},
                              {"reader", "SELECT", true}}));
  Privileges shuffled{"TABLE public.t",
                      "",
                      "app",
                      false,
                      {{"reader", "SELECT", true},
                       {"app", "DELETE", false},
                       {"PUBLIC", "SELECT", false},
                       {"app", "UPDATE", false}}};
  canonicalize(shuffled);
  EXPECT_EQ(p, shuffled);
}

TEST(Privileges, DefaultsFollowPostgresAcldefaultPerKind) {
  EXPECT_EQ(default_privileges("SEQUENCE public.s").grants,
            (Grants{{"CURRENT_USER", "SELECT", false},
                    {"CURRENT_USER", "UPDATE", false},
                    {"CURRENT_USER", "USAGE", false}}));
  EXPECT_EQ(default_privileges("FUNCTION public.f(integer)").grants,
            (Grants{{"CURRENT_USER", "EXECUTE", false}, {"PUBLIC", "EXECUTE", false}}));
  EXPECT_EQ(default_privileges("DOMAIN public.d").grants,
            (Grants{{"CURRENT_USER", "USAGE", false}, {"PUBLIC", "USAGE", false}}));
  EXPECT_EQ(default_privileges("VIEW public.v").grants.size(), 7u);
  Privileges public_schema = default_privileges("SCHEMA public");
  EXPECT_EQ(public_schema.owner, "pg_database_owner");
  EXPECT_EQ(public_schema.grants, (Grants{{"PUBLIC", "USAGE", false},
                                          {"pg_database_owner", "CREATE", false},
                                          {"pg_database_owner", "USAGE", false}}));
  EXPECT_EQ(default_privileges("SCHEMA billing").owner, "CURRENT_USER");
  Privileges column = default_privileges("TABLE public.t", "c");
  EXPECT_EQ(column.owner, "");
  EXPECT_TRUE(column.grants.empty());
  EXPECT_TRUE(is_default(column));
}

TEST(Privileges, NewOwnerTakesOverTheOldOwnersGrantsMergedWithItsOwn) {
  Privileges p = default_privileges("SEQUENCE public.s");
  p.grants.push_back({"reader", "SELECT", true});
  canonicalize(p);
  Privileges moved = with_owner(p, "reader");
  EXPECT_EQ(moved.owner, "reader");
  EXPECT_EQ(moved.grants, (Grants{{"reader", "SELECT", true},
                                  {"reader", "UPDATE", false},
                                  {"reader", "USAGE", false}}));
  EXPECT_FALSE(is_default(moved));
  EXPECT_TRUE(is_default(with_owner(moved, "CURRENT_USER")) == false);  // grant option stays
}

TEST(Privileges, TargetsKindsAndRoleSpellings) {
  EXPECT_EQ(privilege_kind("MATERIALIZED VIEW public.m"), "MATERIALIZED VIEW");
  EXPECT_EQ(privilege_kind("FUNCTION public.f(integer, text)"), "FUNCTION");
  EXPECT_EQ(grant_target("MATERIALIZED VIEW public.m"), "TABLE public.m");
  EXPECT_EQ(privilege_schema("MATERIALIZED VIEW tenant_1.m"), "tenant_1");
  EXPECT_EQ(privilege_schema("FUNCTION \"We.\"\"ird\".f(a.b)"), "We.\"ird");
  EXPECT_EQ(privilege_schema("SCHEMA \"Tenant\""), "Tenant");
  EXPECT_EQ(privilege_schema("SCHEMA public"), "public");
  EXPECT_EQ(grant_target("VIEW public.\"order view\""), "TABLE public.\"order view\"");
  EXPECT_EQ(grant_target("SEQUENCE public.s"), "SEQUENCE public.s");
  EXPECT_EQ(table_target({"public", "user"}), "TABLE public.\"user\"");
  EXPECT_EQ(role_spelling("CURRENT_USER"), "CURRENT_USER");
  EXPECT_EQ(role_spelling("PUBLIC"), "PUBLIC");
  EXPECT_EQ(role_spelling("Report Readers"), "\"Report Readers\"");
}

TEST(Privileges, RolesNamedLeaveOutPublicAndTheMigratingRole) {
  Schema s;
  s.privileges.push_back({"TABLE public.t",
                          "",
                          "owner_role",
                          false,
                          {{"CURRENT_USER", "SELECT", false},
                           {"PUBLIC", "SELECT", false},
                           {"reader", "SELECT", false},
                           {"owner_role", "SELECT", false}}});
  EXPECT_EQ(roles_named(s), (std::vector<std::string>{"owner_role", "reader"}));
}

TEST(Privileges, SnapshotKeepsThemAndOlderSnapshotsReadAsNone) {
  Schema s;
  s.privileges.push_back({"SEQUENCE public.t_id_seq",
                          "",
                          "app",
                          true,
                          {{"app", "SELECT", false}, {"reader", "USAGE", true}}});
  s.privileges.push_back({"TABLE public.t", "name", "", false, {{"reader", "UPDATE", false}}});
  Json json = schema_to_json(s);
  EXPECT_EQ(schema_from_json(json, "snap.json"), s);
  Schema none;
  EXPECT_EQ(schema_to_json(none).find("privileges"), nullptr);
  EXPECT_TRUE(schema_from_json(schema_to_json(none), "snap.json").privileges.empty());
}

}  // namespace
}  // namespace asq
