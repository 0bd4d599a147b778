// Introspection of what autogenerate has no words for: views, functions, triggers, policies,
// domains, composite types, partitions, inheritance, with their dependencies.

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "introspect/introspect.h"
#include "support/postgres.h"

namespace asq {
namespace {

using test::TestDatabase;
using Kind = CatalogObject::Kind;

const char* kObjectsSql = R"sql(
CREATE DOMAIN positive_amount AS numeric(10,2) DEFAULT 0 NOT NULL
  CONSTRAINT positive_amount_check CHECK (VALUE >= 0);
COMMENT ON DOMAIN positive_amount IS 'money, never negative';
CREATE TYPE money_pair AS (low positive_amount, high numeric);
CREATE TABLE account (
  id serial PRIMARY KEY,
  owner text NOT NULL,
  balance positive_amount,
  updated_at timestamptz
);
CREATE FUNCTION double_it(x integer) RETURNS integer LANGUAGE sql IMMUTABLE
  AS $$ SELECT x * 2 $$;
CREATE FUNCTION double_it(x numeric) RETURNS numeric LANGUAGE sql IMMUTABLE
  AS $$ SELECT x * 2 $$;
COMMENT ON FUNCTION double_it(integer) IS 'twice';
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END $$;
CREATE PROCEDURE reset_balances() LANGUAGE sql AS $$ UPDATE public.account SET balance = 0 $$;
CREATE TRIGGER account_touch BEFORE UPDATE ON account FOR EACH ROW EXECUTE FUNCTION touch();
CREATE VIEW rich AS SELECT id, owner, double_it(id) AS twice FROM account WHERE balance > 100;
CREATE VIEW very_rich AS SELECT id, owner FROM rich WHERE twice > 10;
COMMENT ON VIEW very_rich IS 'the top';
CREATE MATERIALIZED VIEW owners AS SELECT DISTINCT owner FROM account;
CREATE UNIQUE INDEX owners_owner ON owners (owner);
ALTER TABLE account ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON account FOR SELECT TO PUBLIC USING (owner = CURRENT_USER);
CREATE TABLE event (id bigint NOT NULL, at date NOT NULL, body text) PARTITION BY RANGE (at);
CREATE TABLE event_2024 PARTITION OF event FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE event_other PARTITION OF event DEFAULT;
CREATE INDEX event_at ON event (at);
CREATE TABLE base_item (id integer, name text);
CREATE TABLE special_item (extra text) INHERITS (base_item);
)sql";

class IntrospectObjects : public testing::Test {
 protected:
  void SetUp() override { db_.execute(kObjectsSql); }
  Schema read() {
    pqxx::connection connection(db_.url());
    return introspect(connection, IntrospectOptions{}).schema;
  }
  static const CatalogObject& object(const Schema& s, const std::string& key) {
    auto it = std::find_if(s.objects.begin(), s.objects.end(),
                           [&](const CatalogObject& o) { return object_key(o) == key; });
    if (it == s.objects.end()) throw std::runtime_error("no object " + key);
    return *it;
  }
  TestDatabase db_{"objects"};
};

TEST_F(IntrospectObjects, ReadsEveryKindUnderItsKey) {
  Schema s = read();
  std::vector<std::string> keys;
  for (const CatalogObject& o : s.objects) keys.push_back(object_key(o));
  EXPECT_EQ(keys, (std::vector<std::string>{
                      "DOMAIN public.positive_amount",
                      "FUNCTION public.double_it(x integer)",
                      "FUNCTION public.double_it(x numeric)",
                      "FUNCTION public.touch()",
                      "INDEX public.owners_owner",
                      "MATERIALIZED VIEW public.owners",
                      "POLICY own_rows ON public.account",
                      "PROCEDURE public.reset_balances()",
                      "TRIGGER account_touch ON public.account",
                      "TYPE public.money_pair",
                      "VIEW public.rich",
                      "VIEW public.very_rich",
                  }));
}

TEST_F(IntrospectObjects, KeepsTheServersDefinitionsWithQualifiedNames) {
  Schema s = read();
  EXPECT_EQ(object(s, "VIEW public.very_rich").definition,
            "CREATE VIEW public.very_rich AS\n SELECT rich.id,\n    rich.owner\n"
            "   FROM public.rich\n  WHERE rich.twice > 10");
  EXPECT_EQ(object(s, "VIEW public.very_rich").comment, "the top");
  EXPECT_EQ(object(s, "TRIGGER account_touch ON public.account").definition,
            "CREATE TRIGGER account_touch BEFORE UPDATE ON public.account FOR EACH ROW EXECUTE "
            "FUNCTION public.touch()");
  EXPECT_EQ(object(s, "FUNCTION public.double_it(x integer)").definition,
            "CREATE OR REPLACE FUNCTION public.double_it(x integer)\n RETURNS integer\n"
            " LANGUAGE sql\n IMMUTABLE\nAS $function$ SELECT x * 2 $function$");
  EXPECT_EQ(object(s, "FUNCTION public.double_it(x integer)").comment, "twice");
  EXPECT_EQ(object(s, "DOMAIN public.positive_amount").definition,
            "CREATE DOMAIN public.positive_amount AS numeric(10,2) DEFAULT 0 NOT NULL\n"
            "  CONSTRAINT positive_amount_check CHECK ((VALUE >= (0)::numeric))");
  EXPECT_EQ(object(s, "TYPE public.money_pair").definition,
            "CREATE TYPE public.money_pair AS (\n    low public.positive_amount,\n"
            "    high numeric\n)");
  EXPECT_EQ(object(s, "POLICY own_rows ON public.account").definition,
            "CREATE POLICY own_rows ON public.account AS PERMISSIVE FOR SELECT TO PUBLIC USING "
            "((owner = CURRENT_USER))");
  EXPECT_EQ(object(s, "INDEX public.owners_owner").definition,
            "CREATE UNIQUE INDEX owners_owner ON public.owners USING btree (owner)");
}

TEST_F(IntrospectObjects, ReadsDependenciesFromTheCatalog) {
  Schema s = read();
  EXPECT_EQ(object(s, "VIEW public.very_rich").depends_on,
            std::vector<std::string>{"VIEW public.rich"});
  EXPECT_EQ(
      object(s, "VIEW public.rich").depends_on,
      (std::vector<std::string>{"FUNCTION public.double_it(x integer)", "TABLE public.account"}));
  EXPECT_EQ(object(s, "TRIGGER account_touch ON public.account").depends_on,
            (std::vector<std::string>{"FUNCTION public.touch()", "TABLE public.account"}));
  EXPECT_EQ(object(s, "INDEX public.owners_owner").depends_on,
            std::vector<std::string>{"MATERIALIZED VIEW public.owners"});
  EXPECT_EQ(object(s, "TYPE public.money_pair").depends_on,
            std::vector<std::string>{"DOMAIN public.positive_amount"});
}

TEST_F(IntrospectObjects, ReadsRowLevelSecurityPartitionsAndInheritance) {
  Schema s = read();
  const Table* account = s.table({"public", "account"});
  ASSERT_NE(account, nullptr);
  EXPECT_TRUE(account->rls_enabled);
  EXPECT_FALSE(account->rls_forced);
  EXPECT_EQ(account->columns[2].type, "public.positive_amount");
  const Table* event = s.table({"public", "event"});
  ASSERT_NE(event, nullptr);
  EXPECT_EQ(event->partition_by, "RANGE (at)");
  ASSERT_EQ(event->indexes.size(), 1u);
  const Table* part = s.table({"public", "event_2024"});
  ASSERT_NE(part, nullptr);
  EXPECT_EQ(part->partition_of, (QualifiedName{"public", "event"}));
  EXPECT_EQ(part->partition_bound, "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')");
  EXPECT_TRUE(part->columns.empty());
  EXPECT_TRUE(part->indexes.empty());
  EXPECT_EQ(s.table({"public", "event_other"})->partition_bound, "DEFAULT");
  const Table* special = s.table({"public", "special_item"});
  ASSERT_NE(special, nullptr);
  EXPECT_EQ(special->inherits, std::vector<QualifiedName>{(QualifiedName{"public", "base_item"})});
  ASSERT_EQ(special->columns.size(), 1u);
  EXPECT_EQ(special->columns[0].name, "extra");
}

TEST_F(IntrospectObjects, ReadsEventTriggersAndLeavesNothingUnsupported) {
  db_.execute(
      "CREATE FUNCTION audit_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;"
      "CREATE EVENT TRIGGER audit_ddl ON ddl_command_end WHEN TAG IN ('CREATE TABLE')"
      " EXECUTE FUNCTION audit_ddl();"
      "ALTER EVENT TRIGGER audit_ddl DISABLE;");
  pqxx::connection connection(db_.url());
  Introspection result = introspect(connection, IntrospectOptions{});
  EXPECT_EQ(object(result.schema, "EVENT TRIGGER audit_ddl").definition,
            "CREATE EVENT TRIGGER audit_ddl ON ddl_command_end\n"
            "  WHEN TAG IN ('CREATE TABLE')\n"
            "  EXECUTE FUNCTION public.audit_ddl();\n"
            "ALTER EVENT TRIGGER audit_ddl DISABLE");
  EXPECT_EQ(object(result.schema, "EVENT TRIGGER audit_ddl").depends_on,
            std::vector<std::string>{"FUNCTION public.audit_ddl()"});
  EXPECT_TRUE(result.unsupported.empty()) << result.unsupported.front();
}

TEST_F(IntrospectObjects, StillRefusesAggregatesRulesAndUnloggedTables) {
  db_.execute(
      "CREATE AGGREGATE total(integer) (SFUNC = int4pl, STYPE = integer);"
      "CREATE RULE no_delete AS ON DELETE TO base_item DO INSTEAD NOTHING;"
      "CREATE UNLOGGED TABLE scratch_rows (id serial PRIMARY KEY);"
      "CREATE UNLOGGED SEQUENCE spare_numbers;");
  pqxx::connection connection(db_.url());
  Introspection result = introspect(connection, IntrospectOptions{});
  EXPECT_EQ(result.unsupported,
            (std::vector<std::string>{
                "aggregate public.total(integer)", "rule public.base_item.no_delete",
                "unlogged sequence public.scratch_rows_id_seq",
                "unlogged sequence public.spare_numbers", "unlogged table public.scratch_rows"}));
}

// Storage parameters: introspection of both sides lacked them, so a baseline dropped them and
// verify could not see it. Tables and listed indexes carry them; a constraint's index does not
// (the model does not list it): refused.
TEST_F(IntrospectObjects, ReadsStorageParametersAndRefusesThoseOfIndexesItDoesNotList) {
  db_.execute(
      "CREATE TABLE packed (id integer, tag text) WITH (fillfactor = 70);"
      "CREATE INDEX packed_tag ON packed (tag) WITH (fillfactor = 50);"
      "ALTER TABLE base_item SET (autovacuum_vacuum_scale_factor = 0.01);"
      "CREATE INDEX plain_tag ON packed (id);"
      "CREATE VIEW guarded WITH (security_barrier) AS SELECT id FROM packed;"
      "CREATE TABLE alembic_version (version_num varchar(32) NOT NULL) WITH (fillfactor = 90);"
      "CREATE TABLE keyed (a integer PRIMARY KEY WITH (fillfactor = 80), b text) "
      "WITH (toast.autovacuum_enabled = false);"
      "CREATE TABLE shrunk (a integer, b text) WITH (toast.autovacuum_enabled = false);"
      "ALTER TABLE shrunk DROP COLUMN b;");
  pqxx::connection connection(db_.url());
  Introspection result = introspect(connection, IntrospectOptions{});
  EXPECT_EQ(result.unsupported, (std::vector<std::string>{
                                    "storage parameters of index public.keyed_pkey (fillfactor=80)",
                                    "storage parameters of the TOAST table of public.shrunk "
                                    "(autovacuum_enabled=false)"}));
  // Tables carry theirs, their TOAST table's after them.
  EXPECT_EQ(result.schema.table({"public", "packed"})->storage,
            std::vector<std::string>{"fillfactor=70"});
  EXPECT_EQ(result.schema.table({"public", "base_item"})->storage,
            std::vector<std::string>{"autovacuum_vacuum_scale_factor=0.01"});
  EXPECT_EQ(result.schema.table({"public", "keyed"})->storage,
            std::vector<std::string>{"toast.autovacuum_enabled=false"});
  // An index carries its own.
  const Table* packed = result.schema.table({"public", "packed"});
  ASSERT_NE(packed, nullptr);
  ASSERT_EQ(packed->indexes.size(), 2u);
  EXPECT_EQ(packed->indexes[0].name, "packed_tag");
  EXPECT_EQ(packed->indexes[0].storage, std::vector<std::string>{"fillfactor=50"});
  EXPECT_TRUE(packed->indexes[1].storage.empty());
}

TEST_F(IntrospectObjects, ReadsCommentsOnIndexesConstraintsSequencesEnumsAndPublic) {
  db_.execute(
      "CREATE TYPE mood AS ENUM ('ok');"
      "CREATE SEQUENCE ticket_seq;"
      "CREATE TABLE note (id integer CONSTRAINT note_id_positive CHECK (id > 0));"
      "CREATE INDEX note_id_idx ON note (id);"
      "COMMENT ON TYPE mood IS 'a';"
      "COMMENT ON SEQUENCE ticket_seq IS 'b';"
      "COMMENT ON CONSTRAINT note_id_positive ON note IS 'c';"
      "COMMENT ON INDEX note_id_idx IS 'd''s';"
      "COMMENT ON SCHEMA public IS 'the app';");
  pqxx::connection connection(db_.url());
  Introspection result = introspect(connection, IntrospectOptions{});
  EXPECT_EQ(result.unsupported, std::vector<std::string>{});
  const Schema& s = result.schema;
  const Table* note = s.table({"public", "note"});
  ASSERT_NE(note, nullptr);
  EXPECT_EQ(note->constraints.at(0).comment, "c");
  EXPECT_EQ(note->indexes.at(0).comment, "d's");
  auto mood = std::find_if(s.enums.begin(), s.enums.end(),
                           [](const EnumType& e) { return e.name.name == "mood"; });
  ASSERT_NE(mood, s.enums.end());
  EXPECT_EQ(mood->comment, "a");
  auto ticket = std::find_if(s.sequences.begin(), s.sequences.end(),
                             [](const Sequence& q) { return q.name.name == "ticket_seq"; });
  ASSERT_NE(ticket, s.sequences.end());
  EXPECT_EQ(ticket->comment, "b");
  EXPECT_EQ(s.schema_comments, (std::map<std::string, std::string>{{"public", "the app"}}));
}

TEST_F(IntrospectObjects, PublicsDefaultCommentIsNoEntryAndItsRemovalAnEmptyOne) {
  EXPECT_EQ(read().schema_comments, (std::map<std::string, std::string>{}));
  db_.execute("COMMENT ON SCHEMA public IS NULL");
  EXPECT_EQ(read().schema_comments, (std::map<std::string, std::string>{{"public", ""}}));
}

TEST_F(IntrospectObjects, RefusesCommentsAndObjectsTheModelHasNoPlaceFor) {
  db_.execute(
      "CREATE TABLE keyed (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY);"
      "COMMENT ON INDEX keyed_pkey IS 'on the constraint''s index';"
      "COMMENT ON SEQUENCE keyed_id_seq IS 'on an identity''s sequence';"
      "COMMENT ON INDEX event_2024_at_idx IS 'on a partition''s share';"
      "COMMENT ON COLUMN event_2024.body IS 'on an inherited column';"
      "COMMENT ON COLUMN very_rich.owner IS 'on a view''s column';"
      "COMMENT ON COLUMN owners.owner IS 'on a materialized view''s column';"
      "COMMENT ON COLUMN money_pair.low IS 'on a composite type''s attribute';"
      "COMMENT ON CONSTRAINT positive_amount_check ON DOMAIN positive_amount IS 'domain';"
      "ALTER TABLE base_item ADD CONSTRAINT base_item_id CHECK (id > 0);"
      "COMMENT ON CONSTRAINT base_item_id ON special_item IS 'inherited';"
      "CREATE EXTENSION citext;"
      "COMMENT ON EXTENSION citext IS 'not what its control file says';"
      "CREATE COLLATION loose (provider = icu, locale = 'und');"
      "CREATE STATISTICS account_stats ON id, owner FROM account;"
      "CREATE TEXT SEARCH CONFIGURATION plain (COPY = simple);");
  pqxx::connection connection(db_.url());
  EXPECT_EQ(introspect(connection, IntrospectOptions{}).unsupported,
            (std::vector<std::string>{
                "collation public.loose",
                "comment on column public.event_2024.body",
                "comment on column public.money_pair.low",
                "comment on column public.owners.owner",
                "comment on column public.very_rich.owner",
                "comment on constraint public.positive_amount.positive_amount_check",
                "comment on constraint public.special_item.base_item_id",
                "comment on extension citext",
                "comment on identity sequence public.keyed_id_seq",
                "comment on index public.event_2024_at_idx",
                "comment on index public.keyed_pkey",
                "statistics object public.account_stats",
                "text search configuration public.plain",
            }));
}

}  // namespace
}  // namespace asq
