// Functions, procedures, triggers, event triggers, domains and composite types written in
// op.execute SQL: the in-memory engine must print them exactly as the server does (the scratch
// engine reads them back from a real PostgreSQL), and name what it cannot predict.

#include <gtest/gtest.h>

#include "interpret/interpreter.h"
#include "pgsim/engine.h"
#include "replay/scratch_replay.h"
#include "revisions/graph.h"
#include "revisions/scan.h"
#include "schema/json.h"
#include "squash/stages.h"
#include "support/engines.h"
#include "support/postgres.h"
#include "support/process.h"

namespace asq {
namespace {

using test::chain;
using test::expect_engines_agree;
using test::options_of_test_server;

const char* kDocument = R"py(    op.execute("""
        CREATE TABLE account (id serial PRIMARY KEY, email text NOT NULL);
        CREATE TABLE document (
            id integer PRIMARY KEY,
            account_id integer NOT NULL,
            title text NOT NULL,
            body text NOT NULL,
            version integer NOT NULL DEFAULT 1,
            updated_at timestamptz NOT NULL DEFAULT now()
        )
    """)
)py";

/// What the in-memory engine names for `bodies` (after kDocument).
std::vector<Unmodelled> unmodelled_of(const std::vector<std::string>& bodies) {
  std::vector<std::string> all = {kDocument};
  all.insert(all.end(), bodies.begin(), bodies.end());
  return replay_in_memory(chain(all), options_of_test_server()).unmodelled;
}

TEST(MemoryObjects, FunctionsAndProceduresArePrintedAsTheServerPrintsThem) {
  expect_engines_agree(chain({kDocument, R"py(    op.execute("""
        CREATE FUNCTION document_count(p_account_id integer) RETURNS bigint
            LANGUAGE sql STABLE
            AS $$ SELECT count(*) FROM document WHERE account_id = p_account_id $$;
        CREATE FUNCTION document_count(p_account_id int4, p_since timestamptz)
        RETURNS bigint
        LANGUAGE sql STABLE
        AS $$
            SELECT count(*) FROM document
            WHERE account_id = p_account_id AND updated_at >= p_since
        $$;
        CREATE SCHEMA auth;
        CREATE FUNCTION auth.is_admin(p_user_id integer) RETURNS boolean
            LANGUAGE sql STABLE
            SET search_path = pg_catalog, pg_temp
            AS $$ SELECT p_user_id = 1 $$;
        CREATE FUNCTION tally(a int DEFAULT 3, b varchar(20) = 'x', OUT total bigint,
                              INOUT note text DEFAULT 'n')
            LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF COST 5
            SET work_mem TO '64MB' SET statement_timeout = 10
            AS 'begin total := a; end';
        CREATE FUNCTION "Titles"(numeric(10,2), VARIADIC ids integer[])
            RETURNS TABLE(id integer, "Title" text)
            LANGUAGE sql ROWS 10 SECURITY DEFINER
            AS $body$ SELECT id, title FROM document WHERE id = ANY (ids) $body$;
        CREATE FUNCTION dollar() RETURNS SETOF text LANGUAGE plpgsql PARALLEL RESTRICTED
            AS $$begin return next '$function$'; end$$;
        CREATE PROCEDURE archive(doc integer, INOUT moved int DEFAULT 0)
            LANGUAGE plpgsql SECURITY DEFINER
            AS $$ BEGIN moved := doc; END $$;
    """)
)py",
                              R"py(    op.execute("""
        CREATE OR REPLACE FUNCTION document_count(p_account_id integer) RETURNS bigint
            LANGUAGE sql STABLE
            AS $$ SELECT count(*) + 0 FROM document WHERE account_id = p_account_id $$;
        DROP FUNCTION document_count(integer, timestamp with time zone);
        ALTER FUNCTION dollar RENAME TO dollars;
        DROP PROCEDURE IF EXISTS missing(integer);
        DROP FUNCTION IF EXISTS tally(integer, character varying, text), "Titles";
    """)
)py"}));
}

TEST(MemoryObjects, TriggersArePrintedAsTheServerPrintsThemAndFollowTheirTable) {
  expect_engines_agree(
      chain({kDocument, R"py(    op.execute("""
        CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.updated_at := now();
            RETURN NEW;
        END;
        $$;
        CREATE TRIGGER document_touch
            BEFORE UPDATE ON document
            FOR EACH ROW
            WHEN (OLD.* IS DISTINCT FROM NEW.*)
            EXECUTE FUNCTION touch();
        CREATE TRIGGER document_bump
            BEFORE UPDATE OF title, body ON document
            FOR EACH ROW EXECUTE PROCEDURE touch();
        CREATE CONSTRAINT TRIGGER document_checked
            AFTER INSERT OR UPDATE OF title ON document
            DEFERRABLE INITIALLY DEFERRED
            FOR EACH ROW EXECUTE FUNCTION touch();
        CREATE TRIGGER document_log
            AFTER UPDATE ON document
            REFERENCING NEW TABLE AS added OLD TABLE AS removed
            FOR EACH STATEMENT EXECUTE FUNCTION touch('log', 42, 'it''s', plain);
        CREATE TRIGGER document_audit AFTER UPDATE OR DELETE OR INSERT ON document
            FOR EACH ROW EXECUTE FUNCTION touch();
        CREATE TRIGGER account_truncate BEFORE TRUNCATE ON account EXECUTE FUNCTION touch();
    """)
)py",
             R"py(    op.execute("ALTER TABLE document RENAME COLUMN title TO heading")
    op.rename_table('document', 'paper')
    op.execute("ALTER TRIGGER document_log ON paper RENAME TO paper_log")
    op.execute("DROP TRIGGER IF EXISTS document_bump ON paper")
    op.execute("ALTER FUNCTION touch() RENAME TO touched")
    op.execute("CREATE OR REPLACE TRIGGER paper_log AFTER UPDATE ON paper EXECUTE FUNCTION touched()")
    op.drop_table('account')
)py"}));
}

TEST(MemoryObjects, EventTriggersKeepTheirTagsAndState) {
  expect_engines_agree(chain({kDocument, R"py(    op.execute("""
        CREATE FUNCTION ddl_note() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;
        CREATE EVENT TRIGGER note_creates ON ddl_command_start
            WHEN TAG IN ('create table', 'DROP TABLE')
            EXECUTE FUNCTION ddl_note();
        CREATE EVENT TRIGGER note_drops ON sql_drop EXECUTE PROCEDURE ddl_note();
        CREATE EVENT TRIGGER note_rewrites ON table_rewrite EXECUTE FUNCTION ddl_note();
        ALTER EVENT TRIGGER note_drops DISABLE;
        ALTER EVENT TRIGGER note_creates ENABLE ALWAYS;
        ALTER EVENT TRIGGER note_rewrites RENAME TO rewrites;
    """)
)py",
                              R"py(    op.execute("DROP EVENT TRIGGER rewrites")
    op.execute("DROP EVENT TRIGGER IF EXISTS rewrites")
)py"}));
}

TEST(MemoryObjects, DomainsAndCompositeTypesAreTypesColumnsMayHave) {
  expect_engines_agree(chain({kDocument, R"py(    op.execute("""
        CREATE DOMAIN positive AS int4 NOT NULL DEFAULT 1 CHECK (VALUE > 0) CHECK (value < 100);
        CREATE DOMAIN code AS varchar(20) COLLATE "C" DEFAULT 'x';
        CREATE DOMAIN amount numeric(12, 2) NULL;
        CREATE DOMAIN mail AS text CHECK (VALUE ~ '@');
        CREATE TYPE price AS (
            amount   numeric(12,2),
            currency char(3),
            "Label"  text COLLATE "C",
            steps    amount[]
        );
        CREATE TYPE nothing AS ();
        ALTER TABLE document ADD COLUMN list_price price;
        ALTER TABLE document ADD COLUMN rank positive;
    """)
)py",
                              R"py(    op.execute("""
        ALTER DOMAIN positive ADD CONSTRAINT positive_small CHECK (VALUE <= 50);
        ALTER DOMAIN positive DROP CONSTRAINT positive_check1;
        ALTER DOMAIN positive ADD CHECK (VALUE <> 7);
        ALTER DOMAIN amount SET DEFAULT 0;
        ALTER DOMAIN code DROP DEFAULT;
        DROP TYPE nothing;
        DROP DOMAIN IF EXISTS code, missing;
    """)
)py"}));
}

/// Each spelling whose printed form the engine cannot predict, named with its line.
TEST(MemoryObjects, WhatItCannotPredictIsNamedNotGuessed) {
  const std::vector<std::string> spellings = {
      "CREATE FUNCTION one() RETURNS int LANGUAGE sql RETURN 1",
      "CREATE FUNCTION one() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END",
      "CREATE FUNCTION one() RETURNS int LANGUAGE c AS 'one.so', 'one'",
      "CREATE FUNCTION one(a int DEFAULT 1 + 1) RETURNS int LANGUAGE sql AS 'SELECT 1'",
      "CREATE FUNCTION one() RETURNS int LANGUAGE sql SET work_mem FROM CURRENT AS 'SELECT 1'",
      "CREATE FUNCTION one() RETURNS int LANGUAGE sql AS E'SELECT 1'",
      "CREATE TRIGGER t BEFORE UPDATE ON document FOR EACH ROW WHEN (NEW.title <> 'x') "
      "EXECUTE FUNCTION f()",
      "CREATE DOMAIN mail AS text CHECK (CASE WHEN VALUE = '' THEN false ELSE true END)",
      "CREATE TYPE pair AS (a int, b int); ALTER TYPE pair ADD ATTRIBUTE c int",
      "CREATE DOMAIN d AS text; ALTER DOMAIN d RENAME TO e",
      "CREATE TRIGGER t BEFORE UPDATE ON document FOR EACH ROW "
      "EXECUTE FUNCTION suppress_redundant_updates_trigger()",
  };
  for (const std::string& sql : spellings) {
    std::vector<Unmodelled> gaps = unmodelled_of({"    op.execute(\"" + sql + "\")\n"});
    ASSERT_EQ(gaps.size(), 1u) << sql;
    EXPECT_EQ(gaps[0].where.file, "versions/r2.py") << sql;
    EXPECT_EQ(gaps[0].where.line, 10) << sql;
    EXPECT_NE(gaps[0].what.find("not modelled in memory"), std::string::npos) << gaps[0].what;
  }
}

TEST(MemoryObjects, WhatPostgresqlWouldRefuseIsNamed) {
  const char* kTouch =
      "    op.execute(\"CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS "
      "'begin return new; end'\")\n"
      "    op.execute('CREATE TRIGGER t BEFORE UPDATE OF title ON document FOR EACH ROW "
      "EXECUTE FUNCTION touch()')\n";
  const std::vector<std::pair<std::string, std::string>> refused = {
      {"    op.execute('DROP FUNCTION touch')\n", "triggers depend on FUNCTION public.touch()"},
      {"    op.drop_column('document', 'title')\n",
       "trigger t on document depends on column title"},
      {"    op.execute('CREATE TRIGGER u AFTER INSERT ON document EXECUTE FUNCTION "
       "public.nope()')\n",
       "function nope() does not exist"},
      {"    op.execute('CREATE DOMAIN d AS integer')\n"
       "    op.execute('ALTER TABLE document ADD COLUMN n d')\n"
       "    op.execute('DROP DOMAIN d')\n",
       "other objects depend on type d"},
      {"    op.execute(\"CREATE FUNCTION touch() RETURNS trigger LANGUAGE sql AS 'x'\")\n",
       "FUNCTION public.touch() already exists"},
  };
  for (const auto& [body, message] : refused) {
    std::vector<Unmodelled> gaps = unmodelled_of({kTouch, body});
    ASSERT_EQ(gaps.size(), 1u) << body;
    EXPECT_EQ(gaps[0].what, message);
  }
}

/// The functions, procedures, triggers, event triggers, domains and composite types of `schema`.
std::string objects_of_this_lane(const Schema& schema) {
  Schema objects;
  for (CatalogObject object : schema.objects) {
    if (object.kind == CatalogObject::Kind::kView ||
        object.kind == CatalogObject::Kind::kMaterializedView ||
        object.kind == CatalogObject::Kind::kIndex || object.kind == CatalogObject::Kind::kPolicy) {
      continue;
    }
    object.comment.reset();  // COMMENT ON is not modelled here
    object.depends_on.clear();
    objects.objects.push_back(object);
  }
  return schema_to_json(objects).dump();
}

class FixtureObjects : public testing::TestWithParam<std::string> {};

/// The fixtures are not wholly modelled (views, policies, comments), but every function, trigger,
/// domain and composite type they create is (rawsql's domain CHECK uses a citext operator).
TEST_P(FixtureObjects, InMemoryObjectsAreTheScratchEnginesObjects) {
  std::string project = test::source_path("fixtures/" + GetParam());
  VersionsScan scan = scan_versions({project + "/alembic/versions"}, {true, false, {}});
  RevisionGraph graph = RevisionGraph::build(scan.files);
  std::vector<RevisionOps> revisions = interpret_revisions(graph, upgrade_order(graph));
  MemoryReplayOptions options = options_of_test_server();
  options.introspect.schemas = {"auth", "billing", "public"};  // multischema's
  MemoryReplay memory = replay_in_memory(revisions, options);
  for (const Unmodelled& u : memory.unmodelled) {
    for (const char* kind : {"FUNCTION", "TRIGGER", "TYPE"}) {
      EXPECT_EQ(u.what.find(std::string("CREATE ") + kind), std::string::npos) << u.what;
    }
  }
  Schema scratch = replay_in_scratch(test::server_url(), revisions, {options.introspect});
  EXPECT_NE(objects_of_this_lane(scratch).find("\"kind\": \"function\""), std::string::npos);
  EXPECT_EQ(objects_of_this_lane(memory.schema), objects_of_this_lane(scratch));
}

INSTANTIATE_TEST_SUITE_P(Fixtures, FixtureObjects,
                         testing::Values("triggers", "multischema", "rawsql"));

}  // namespace
}  // namespace asq
