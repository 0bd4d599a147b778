// Owners and privileges in the diff (--privileges): ALTER ... OWNER TO, then REVOKE and GRANT,
// after the objects exist; an object the diff creates starts from what a migration gives it.

#include <gtest/gtest.h>

#include "diff/diff.h"
#include "diff/schema_builders.h"
#include "schema/privileges.h"

namespace asq {
namespace {

using test::col;
using test::table;
using Lines = std::vector<std::string>;

/// The SQL of the owner and privilege statements among the ops, in order.
Lines privilege_sql(const DiffResult& result) {
  Lines out;
  for (const Op& op : result.ops) {
    const Execute* e = std::get_if<Execute>(&op);
    if (!e) continue;
    if (e->sql.rfind("GRANT", 0) == 0 || e->sql.rfind("REVOKE", 0) == 0 ||
        e->sql.find(" OWNER TO ") != std::string::npos) {
      out.push_back(e->sql);
    }
  }
  return out;
}

Privileges entry(std::string target, std::string owner, std::vector<Grant> grants,
                 std::string column = "") {
  Privileges p{std::move(target), std::move(column), std::move(owner), false, std::move(grants)};
  canonicalize(p);
  return p;
}

/// A table `account (id, name)` owned by app_owner: everything for the owner, SELECT for
/// reader, UPDATE (name) for clerk.
Schema granted_schema() {
  Schema s;
  s.tables.push_back(table("account", {col("id", "integer", false), col("name", "text")}));
  Privileges t = with_owner(default_privileges("TABLE public.account"), "app_owner");
  t.grants.push_back({"reader", "SELECT", false});
  t.grants.push_back({"clerk", "SELECT", true});
  canonicalize(t);
  s.privileges.push_back(t);
  s.privileges.push_back(entry("TABLE public.account", "", {{"clerk", "UPDATE", false}}, "name"));
  return s;
}

TEST(PrivilegesDiff, NewObjectGetsItsOwnerThenItsGrantsAfterItExists) {
  DiffResult result = diff_schemas(Schema{}, granted_schema());
  EXPECT_EQ(privilege_sql(result),
            (Lines{"ALTER TABLE public.account OWNER TO app_owner",
                   "GRANT SELECT ON TABLE public.account TO reader",
                   "GRANT SELECT ON TABLE public.account TO clerk WITH GRANT OPTION",
                   "GRANT UPDATE (name) ON TABLE public.account TO clerk"}));
  ASSERT_TRUE(std::holds_alternative<CreateTable>(result.ops.front()));
}

TEST(PrivilegesDiff, DroppingTheObjectTakesItsGrantsWithIt) {
  DiffResult result = diff_schemas(granted_schema(), Schema{});
  EXPECT_EQ(privilege_sql(result), Lines{});
}

TEST(PrivilegesDiff, WithoutPrivilegesInEitherSchemaNothingIsGranted) {
  Schema s = granted_schema();
  s.privileges.clear();
  EXPECT_EQ(privilege_sql(diff_schemas(Schema{}, s)), Lines{});
  EXPECT_EQ(privilege_sql(diff_schemas(s, s)), Lines{});
}

TEST(PrivilegesDiff, ChangedGrantsAreRevokedAndGrantedAndRevertBack) {
  Schema before = granted_schema();
  Schema after = granted_schema();
  Privileges& t = after.privileges[0];
  std::erase_if(t.grants, [](const Grant& g) { return g.grantee == "reader"; });
  for (Grant& g : t.grants) g.grantable = false;  // clerk loses the grant option
  t.grants.push_back({"PUBLIC", "SELECT", false});
  canonicalize(t);
  EXPECT_EQ(privilege_sql(diff_schemas(before, after)),
            (Lines{"REVOKE GRANT OPTION FOR SELECT ON TABLE public.account FROM clerk",
                   "REVOKE SELECT ON TABLE public.account FROM reader",
                   "GRANT SELECT ON TABLE public.account TO PUBLIC"}));
  EXPECT_EQ(privilege_sql(diff_schemas(after, before)),
            (Lines{"REVOKE SELECT ON TABLE public.account FROM PUBLIC",
                   "GRANT SELECT ON TABLE public.account TO reader",
                   "GRANT SELECT ON TABLE public.account TO clerk WITH GRANT OPTION"}));
}

TEST(PrivilegesDiff, OwnerChangeMovesTheOldOwnersGrants) {
  Schema before = granted_schema();
  Schema after = granted_schema();
  after.privileges[0] = with_owner(after.privileges[0], "CURRENT_USER");
  EXPECT_EQ(privilege_sql(diff_schemas(before, after)),
            Lines{"ALTER TABLE public.account OWNER TO CURRENT_USER"});
}

TEST(PrivilegesDiff, SequenceOwnedByAColumnFollowsItsTable) {
  Schema s = granted_schema();
  s.sequences.push_back(test::serial_sequence("account", "id"));
  Privileges seq = with_owner(default_privileges("SEQUENCE public.account_id_seq"), "app_owner");
  seq.owner_follows_table = true;
  seq.grants.push_back({"reader", "USAGE", false});
  canonicalize(seq);
  s.privileges.insert(s.privileges.begin(), seq);
  Lines sql = privilege_sql(diff_schemas(Schema{}, s));
  EXPECT_EQ(sql.front(), "ALTER TABLE public.account OWNER TO app_owner");
  EXPECT_EQ(
      std::count(sql.begin(), sql.end(), "GRANT USAGE ON SEQUENCE public.account_id_seq TO reader"),
      1);
  for (const std::string& line : sql) EXPECT_EQ(line.find("ALTER SEQUENCE"), std::string::npos);
}

TEST(PrivilegesDiff, RebuiltViewStartsAfreshAndGetsItsGrantsAgain) {
  CatalogObject view;
  view.kind = CatalogObject::Kind::kView;
  view.name = {"public", "names"};
  view.definition = "CREATE VIEW public.names AS\n SELECT account.name FROM public.account";
  view.depends_on = {"TABLE public.account"};
  Schema before = granted_schema();
  before.objects.push_back(view);
  before.privileges.push_back(entry("VIEW public.names", "CURRENT_USER",
                                    {{"CURRENT_USER", "SELECT", false},
                                     {"CURRENT_USER", "INSERT", false},
                                     {"CURRENT_USER", "UPDATE", false},
                                     {"CURRENT_USER", "DELETE", false},
                                     {"CURRENT_USER", "TRUNCATE", false},
                                     {"CURRENT_USER", "REFERENCES", false},
                                     {"CURRENT_USER", "TRIGGER", false},
                                     {"reader", "SELECT", false}}));
  Schema after = before;
  after.tables[0].columns[1].type = "character varying(50)";  // the view is rebuilt around it
  EXPECT_EQ(privilege_sql(diff_schemas(before, after)),
            Lines{"GRANT SELECT ON TABLE public.names TO reader"});
}

}  // namespace
}  // namespace asq
