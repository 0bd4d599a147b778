// Row level security policies written in op.execute SQL: the in-memory engine must print them
// as src/introspect/sql/policies.sql reads them from a real PostgreSQL (the scratch engine),
// follow their table and columns, refuse what the server refuses and name what it cannot predict.

#include <gtest/gtest.h>

#include "pgsim/engine.h"
#include "support/engines.h"
#include "support/postgres.h"

namespace asq {
namespace {

using test::chain;
using test::expect_engines_agree;
using test::options_of_test_server;

const char* kDocument = R"py(    op.execute("""
        CREATE TYPE visibility AS ENUM ('private', 'shared');
        CREATE TABLE account (id serial PRIMARY KEY, email text NOT NULL);
        CREATE TABLE document (
            id integer PRIMARY KEY,
            account_id integer NOT NULL,
            title varchar(200) NOT NULL,
            shown visibility NOT NULL DEFAULT 'private'
        )
    """)
)py";

/// What the in-memory engine names for `bodies` (after kDocument).
std::vector<Unmodelled> unmodelled_of(const std::vector<std::string>& bodies) {
  std::vector<std::string> all = {kDocument};
  all.insert(all.end(), bodies.begin(), bodies.end());
  return replay_in_memory(chain(all), options_of_test_server()).unmodelled;
}

/// `text` with each `{name}` replaced by its value.
std::string filled(std::string text,
                   const std::vector<std::pair<std::string, std::string>>& values) {
  for (const auto& [name, value] : values) {
    std::string slot = "{" + name + "}";
    for (size_t at = text.find(slot); at != std::string::npos; at = text.find(slot, at)) {
      text.replace(at, slot.size(), value);
      at += value.size();
    }
  }
  return text;
}

TEST(MemoryPolicies, PoliciesArePrintedAsTheServerPrintsThem) {
  // Roles belong to the whole server: this test's own. Written alpha first, listed by name.
  test::TestRoles roles("policies", {"alpha", "Zeta"});
  std::string policies = filled(R"py(    op.execute("""
        CREATE POLICY document_owner ON document
            USING (account_id = nullif(current_setting('app.account_id', true), '')::integer)
            WITH CHECK (account_id = nullif(current_setting('app.account_id', true), '')::integer);
        COMMENT ON POLICY document_owner ON document IS 'Accounts see only their own documents';
        CREATE POLICY "Shared ones" ON public.document AS RESTRICTIVE FOR SELECT TO public
            USING (shown = 'shared' OR title LIKE 'public:%');
        CREATE POLICY document_insert ON document FOR INSERT TO {alpha}, "{Zeta}"
            WITH CHECK (account_id > 0);
        CREATE POLICY document_any ON document FOR ALL TO {alpha}, PUBLIC USING (true);
        CREATE POLICY account_self ON account FOR DELETE USING (email LIKE '%@example.com');
        CREATE POLICY document_edit ON document FOR UPDATE USING (true);
        ALTER POLICY document_edit ON document TO "{Zeta}" USING (account_id > 1);
    """)
)py",
                                {{"alpha", roles["alpha"]}, {"Zeta", roles["Zeta"]}});
  expect_engines_agree(chain({kDocument, policies}));
}

TEST(MemoryPolicies, PoliciesFollowRenamesAndDropsOfTheirTableAndColumns) {
  expect_engines_agree(
      chain({kDocument, R"py(    op.execute("""
        CREATE POLICY document_owner ON document
            USING (account_id = nullif(current_setting('app.account_id', true), '')::integer);
        COMMENT ON POLICY document_owner ON document IS 'Own documents';
        CREATE POLICY document_titled ON document FOR UPDATE
            USING (length(title) > 0) WITH CHECK (title <> '');
        CREATE POLICY gone ON document USING (true);
        CREATE POLICY account_self ON account USING (email <> '');
    """)
)py",
             R"py(    op.alter_column('document', 'account_id', new_column_name='owner_id')
    op.execute('ALTER TABLE document RENAME COLUMN title TO "Heading"')
    op.rename_table('document', 'paper')
    op.execute("ALTER POLICY document_owner ON paper RENAME TO paper_owner")
    op.execute("ALTER POLICY document_titled ON paper WITH CHECK (\"Heading\" <> 'x')")
    op.execute("ALTER POLICY gone ON paper USING (owner_id > 1)")
    op.execute("DROP POLICY IF EXISTS gone ON paper")
    op.execute("DROP POLICY IF EXISTS never ON paper")
    op.drop_table('account')
)py"}));
}

TEST(MemoryPolicies, WhatItCannotPredictIsNamedNotGuessed) {
  const std::vector<std::string> spellings = {
      "CREATE POLICY p ON document TO current_user USING (true)",
      "CREATE POLICY p ON document USING (account_id IN (SELECT id FROM account))",
      "CREATE POLICY p ON document USING (CASE WHEN account_id > 0 THEN true ELSE false END)",
      "CREATE POLICY p ON document USING (public.allowed(account_id))",
      "CREATE POLICY p ON account USING (email = current_user)",
      "CREATE POLICY p ON document USING (true); "
      "ALTER POLICY p ON document USING (account_id = ANY (ARRAY[]))",
  };
  for (const std::string& sql : spellings) {
    std::vector<Unmodelled> gaps = unmodelled_of({"    op.execute(\"" + sql + "\")\n"});
    ASSERT_EQ(gaps.size(), 1u) << sql;
    EXPECT_EQ(gaps[0].where.file, "versions/r2.py") << sql;
    EXPECT_EQ(gaps[0].where.line, 10) << sql;
    EXPECT_NE(gaps[0].what.find("raw SQL not modelled in memory: "), std::string::npos)
        << gaps[0].what;
  }
}

TEST(MemoryPolicies, WhatPostgresqlWouldRefuseIsNamed) {
  const char* kPolicy = "    op.execute('CREATE POLICY p ON document USING (account_id > 0)')\n";
  const std::vector<std::pair<std::string, std::string>> refused = {
      {"    op.drop_column('document', 'account_id')\n",
       "policy p on document depends on column account_id; PostgreSQL refuses dropping it"},
      {"    op.alter_column('document', 'account_id', type_=sa.BigInteger())\n",
       "policy p on document depends on column account_id; PostgreSQL refuses changing its type"},
      {"    op.execute('CREATE POLICY p ON document USING (true)')\n",
       "POLICY p ON public.document already exists"},
      {"    op.execute('CREATE POLICY q ON document FOR INSERT USING (true)')\n",
       "only WITH CHECK expression allowed for INSERT (policy q)"},
      {"    op.execute('ALTER POLICY p ON document RENAME TO p')\n", "policy p already exists"},
      {"    op.execute('CREATE POLICY q ON document FOR SELECT WITH CHECK (true)')\n",
       "WITH CHECK cannot be applied to SELECT or DELETE (policy q)"},
      {"    op.execute('CREATE POLICY q ON document USING (account_id)')\n",
       "argument of POLICY must be type boolean, not integer"},
      {"    op.execute('CREATE POLICY q ON nothing USING (true)')\n",
       "relation nothing does not exist or is no table"},
      {"    op.execute('DROP POLICY q ON document')\n", "policy q on document does not exist"},
  };
  for (const auto& [body, message] : refused) {
    std::vector<Unmodelled> gaps = unmodelled_of({kPolicy, body});
    ASSERT_EQ(gaps.size(), 1u) << body;
    EXPECT_EQ(gaps[0].what, message);
  }
}

}  // namespace
}  // namespace asq
