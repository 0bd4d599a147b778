// Migration plugins as the SQL they run: alembic_utils entities and alembic_postgresql_enum's
// sync_enum_values. Expected statements follow the libraries' sources (and the stand-ins in
// fixtures/realworld/vendor/, which the real Alembic of this machine runs).

#include <gtest/gtest.h>

#include "interpret/interpreter.h"
#include "support/interpret.h"

namespace asq {
namespace {

using namespace test;

TEST(AlembicUtils, CreateDropAndReplaceEachEntityKind) {
  const std::string module =
      "from alembic_utils.pg_extension import PGExtension\n"
      "from alembic_utils.pg_function import PGFunction\n"
      "from alembic_utils.pg_view import PGView\n"
      "from alembic_utils.pg_materialized_view import PGMaterializedView\n"
      "from alembic_utils.pg_trigger import PGTrigger\n"
      "from alembic_utils.pg_policy import PGPolicy\n"
      "fn = PGFunction(schema='public', signature='touch(a text DEFAULT \\'x\\', b int = 2)',\n"
      "    definition='RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN -- 1\\\\: 2\\n"
      "  NEW.at := now()::date; RETURN NEW; END; $f$;')\n\n";
  EXPECT_EQ(
      upgrade_ops("    op.create_entity(PGExtension('public', 'citext'))\n"
                  "    op.create_entity(fn)\n"
                  "    op.replace_entity(fn)\n"
                  "    op.drop_entity(fn, cascade=True)\n"
                  "    v = PGView(schema='public', signature='v', definition='SELECT 1 AS one;')\n"
                  "    op.create_entity(v)\n"
                  "    op.replace_entity(v)\n"
                  "    op.drop_entity(v)\n"
                  "    m = PGMaterializedView(schema='public', signature='m', "
                  "definition='SELECT 1 AS one', with_data=False)\n"
                  "    op.create_entity(m)\n"
                  "    op.replace_entity(m)\n"
                  "    t = PGTrigger(schema='public', signature='t_touch', on_entity='t', "
                  "is_constraint=False, definition='BEFORE UPDATE ON public.t FOR EACH ROW "
                  "EXECUTE FUNCTION public.touch()')\n"
                  "    op.create_entity(t)\n"
                  "    op.replace_entity(t)\n"
                  "    op.drop_entity(t)\n"
                  "    p = PGPolicy('public', 'iso', 'public.t', 'AS PERMISSIVE FOR ALL TO public "
                  "USING (true)')\n"
                  "    op.create_entity(p)\n"
                  "    op.replace_entity(p)\n"
                  "    op.drop_entity(p, cascade=True)\n"
                  "    op.drop_entity(PGExtension(schema='public', signature='citext'))\n",
                  module),
      (Strings{
          "EXECUTE CREATE EXTENSION \"citext\" WITH SCHEMA \"public\"",
          "EXECUTE CREATE FUNCTION \"public\".\"touch\"(a text DEFAULT 'x', b int = 2) RETURNS "
          "trigger LANGUAGE plpgsql AS $f$ BEGIN -- 1: 2\n  NEW.at := now()::date; RETURN NEW; "
          "END; $f$",
          "EXECUTE CREATE OR REPLACE FUNCTION \"public\".\"touch\"(a text DEFAULT 'x', b int = 2) "
          "RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN -- 1: 2\n  NEW.at := now()::date; "
          "RETURN NEW; END; $f$",
          "EXECUTE DROP FUNCTION \"public\".\"touch\"(a text, b int) CASCADE",
          "EXECUTE CREATE VIEW \"public\".\"v\" AS SELECT 1 AS one",
          "EXECUTE CREATE OR REPLACE VIEW \"public\".\"v\" AS SELECT 1 AS one",
          "EXECUTE DROP VIEW \"public\".\"v\"",
          "EXECUTE CREATE MATERIALIZED VIEW \"public\".\"m\" AS SELECT 1 AS one WITH NO DATA",
          "EXECUTE DROP MATERIALIZED VIEW IF EXISTS \"public\".\"m\"",
          "EXECUTE CREATE MATERIALIZED VIEW \"public\".\"m\" AS SELECT 1 AS one WITH NO DATA",
          "EXECUTE CREATE TRIGGER \"t_touch\" BEFORE UPDATE ON public.t FOR EACH ROW EXECUTE "
          "FUNCTION public.touch()",
          "EXECUTE DROP TRIGGER IF EXISTS \"t_touch\" ON public.t",
          "EXECUTE CREATE TRIGGER \"t_touch\" BEFORE UPDATE ON public.t FOR EACH ROW EXECUTE "
          "FUNCTION public.touch()",
          "EXECUTE DROP TRIGGER \"t_touch\" ON public.t",
          "EXECUTE CREATE POLICY iso ON public.t AS PERMISSIVE FOR ALL TO public USING (true)",
          "EXECUTE DROP POLICY IF EXISTS iso ON public.t",
          "EXECUTE CREATE POLICY iso ON public.t AS PERMISSIVE FOR ALL TO public USING (true)",
          "EXECUTE DROP POLICY iso ON public.t",
          "EXECUTE DROP EXTENSION \"citext\"",
      }));
}

TEST(AlembicUtils, AnEntityMissingItsSignatureOrAWrongTargetIsAnError) {
  EXPECT_EQ(error_of("    op.create_entity(PGView(schema='public', definition='SELECT 1'))\n",
                     "from alembic_utils.pg_view import PGView\n\n"),
            "v/abc_test.py:21:22: PGView() is missing argument signature\n"
            "    op.create_entity(PGView(schema='public', definition='SELECT 1'))\n"
            "                     ^");
  EXPECT_EQ(error_of("    op.create_entity('v')\n"),
            "v/abc_test.py:19:22: op.create_entity(): expected an alembic_utils entity "
            "(PGFunction(...), PGView(...), ...), found a string\n"
            "    op.create_entity('v')\n"
            "                     ^");
}

InterpretOptions known_defaults() {
  InterpretOptions options;
  options.column_default =
      [](const QualifiedName& table,
         const std::string& column) -> std::optional<std::optional<std::string>> {
    if (table.name == "so" && column == "status")
      return std::optional<std::string>("'draft'::public.st");
    if (table.name == "visit" && column == "status") return std::optional<std::string>();
    if (table.name == "mail" && column == "status")  // cast to the type's name before a rename
      return std::optional<std::string>("'sent'::public.mail_states");
    return std::nullopt;
  };
  return options;
}

const char* kSyncPrologue[] = {
    "EXECUTE ALTER TYPE \"public\".\"st\" RENAME TO st_old",
    "EXECUTE CREATE TYPE \"public\".\"st\" AS ENUM ('draft', 'held', 'done')",
    "EXECUTE CREATE FUNCTION new_old_equals(new_enum_val \"public\".\"st\", old_enum_val "
    "\"public\".\"st_old\") RETURNS boolean AS $$ SELECT new_enum_val::text = old_enum_val::text "
    "$$ LANGUAGE SQL IMMUTABLE",
    "EXECUTE CREATE OPERATOR = (leftarg = \"public\".\"st\", rightarg = \"public\".\"st_old\", "
    "procedure = new_old_equals)",
    "EXECUTE CREATE FUNCTION new_old_not_equals(new_enum_val \"public\".\"st\", old_enum_val "
    "\"public\".\"st_old\") RETURNS boolean AS $$ SELECT new_enum_val::text != "
    "old_enum_val::text $$ LANGUAGE SQL IMMUTABLE",
    "EXECUTE CREATE OPERATOR != (leftarg = \"public\".\"st\", rightarg = \"public\".\"st_old\", "
    "procedure = new_old_not_equals)",
};
const char* kSyncEpilogue[] = {
    "EXECUTE DROP FUNCTION new_old_equals(new_enum_val \"public\".\"st\", old_enum_val "
    "\"public\".\"st_old\") CASCADE",
    "EXECUTE DROP FUNCTION new_old_not_equals(new_enum_val \"public\".\"st\", old_enum_val "
    "\"public\".\"st_old\") CASCADE",
    "EXECUTE DROP TYPE \"public\".\"st_old\"",
};

Strings sync_ops(const Strings& middle) {
  Strings out(std::begin(kSyncPrologue), std::end(kSyncPrologue));
  out.insert(out.end(), middle.begin(), middle.end());
  out.insert(out.end(), std::begin(kSyncEpilogue), std::end(kSyncEpilogue));
  return out;
}

TEST(AlembicPostgresqlEnum, KeywordFormWithTableReferencesKeepsTheDefaults) {
  auto result = interpret(
      "    op.sync_enum_values(\n"
      "        enum_schema='public', enum_name='st', new_values=['draft', 'held', 'done'],\n"
      "        affected_columns=[TableReference(table_schema='public', table_name='so', "
      "column_name='status'), TableReference(table_schema='public', table_name='visit', "
      "column_name='status')],\n"
      "        enum_values_to_rename=[])\n",
      "    pass\n", "from alembic_postgresql_enum import TableReference\n\n", known_defaults());
  EXPECT_EQ(texts(result.upgrade),
            sync_ops({"EXECUTE ALTER TABLE \"public\".\"so\" ALTER COLUMN \"status\" DROP DEFAULT",
                      "EXECUTE ALTER TABLE \"public\".\"so\" ALTER COLUMN \"status\" TYPE "
                      "\"public\".\"st\" USING \"status\"::text::\"public\".\"st\"",
                      "EXECUTE ALTER TABLE \"public\".\"so\" ALTER COLUMN \"status\" SET DEFAULT "
                      "'draft'::public.st",
                      "EXECUTE ALTER TABLE \"public\".\"visit\" ALTER COLUMN \"status\" TYPE "
                      "\"public\".\"st\" USING \"status\"::text::\"public\".\"st\""}));
}

TEST(AlembicPostgresqlEnum, PositionalTupleAndArrayFormsWithRenames) {
  auto result = interpret(
      "    op.sync_enum_values('public', 'st', ['draft', 'held', 'done'],\n"
      "        [('visit', 'status'), TableReference('so', 'tags', column_type=ColumnType.ARRAY, "
      "existing_server_default=\"'{}'::public.st[]\")],\n"
      "        enum_values_to_rename=[('hold', 'held')])\n",
      "    pass\n", "from alembic_postgresql_enum import ColumnType, TableReference\n\n",
      known_defaults());
  EXPECT_EQ(texts(result.upgrade),
            sync_ops({"EXECUTE ALTER TABLE \"public\".\"visit\" ALTER COLUMN \"status\" TYPE "
                      "\"public\".\"st\" USING CASE WHEN \"status\"::text = 'hold' THEN "
                      "'held'::\"public\".\"st\" ELSE \"status\"::text::\"public\".\"st\" END",
                      "EXECUTE ALTER TABLE \"public\".\"so\" ALTER COLUMN \"tags\" DROP DEFAULT",
                      "EXECUTE ALTER TABLE \"public\".\"so\" ALTER COLUMN \"tags\" TYPE "
                      "\"public\".\"st\"[] USING array_replace(\"tags\"::text[], 'hold', "
                      "'held')::\"public\".\"st\"[]",
                      "EXECUTE ALTER TABLE \"public\".\"so\" ALTER COLUMN \"tags\" SET DEFAULT "
                      "'{}'::public.st[]"}));
}

TEST(AlembicPostgresqlEnum, ALabelDefaultCastToTheTypesEarlierNameIsCastToTheEnum) {
  // op.execute("ALTER TYPE mail_states RENAME TO st") before: PostgreSQL then prints the
  // default as 'sent'::st, which the library reads and restores.
  auto result = interpret(
      "    op.sync_enum_values('public', 'st', ['draft', 'held', 'done'],\n"
      "                        [('mail', 'status')])\n",
      "    pass\n", "", known_defaults());
  EXPECT_EQ(texts(result.upgrade)[8],
            "EXECUTE ALTER TABLE \"public\".\"mail\" ALTER COLUMN \"status\" SET DEFAULT "
            "'sent'::\"public\".\"st\"");
}

TEST(AlembicPostgresqlEnum, AnUnknownDefaultOrTheOtherLibrarysSignatureIsAnError) {
  EXPECT_EQ(error_of("    op.sync_enum_values('public', 'st', ['a'], [('t', 'c')])\n"),
            "v/abc_test.py:19:48: op.sync_enum_values(): the default of t.c is not known "
            "(unmodelled revision); give it as TableReference(..., existing_server_default=...)\n"
            "    op.sync_enum_values('public', 'st', ['a'], [('t', 'c')])\n"
            "                                               ^");
  EXPECT_EQ(error_of("    op.sync_enum_values('public', 'st', ['a'], ['a', 'b'])\n"),
            "v/abc_test.py:19:48: op.sync_enum_values(schema, name, old_values, new_values) of "
            "alembic-autogenerate-enums is not supported by the interpreter\n"
            "    op.sync_enum_values('public', 'st', ['a'], ['a', 'b'])\n"
            "                                               ^");
}

}  // namespace
}  // namespace asq
