#include "render/sql.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <pqxx/pqxx>

#include "sql/identifiers.h"
#include "sql/literals.h"
#include "support/postgres.h"
#include "support/schema_builders.h"

namespace asq {
namespace {

using Strings = std::vector<std::string>;

// Expected statements follow `alembic upgrade head --sql` (Alembic 1.8.1, SQLAlchemy 1.4.46) for
// the equivalent op.* call, with types spelled as the model keeps them (canonical PostgreSQL).

using test::column;
using test::constraint;
using test::in_public;

TEST(QuoteIdentifier, LeavesPlainLowercaseNamesBare) {
  EXPECT_EQ(quote_identifier("credential"), "credential");
  EXPECT_EQ(quote_identifier("_x1"), "_x1");
  EXPECT_EQ(quote_identifier("name"), "name");  // unreserved keyword
  EXPECT_EQ(quote_identifier("type"), "type");
}

TEST(QuoteIdentifier, QuotesReservedWordsUppercaseAndSpecialCharacters) {
  EXPECT_EQ(quote_identifier("user"), "\"user\"");
  EXPECT_EQ(quote_identifier("order"), "\"order\"");
  EXPECT_EQ(quote_identifier("timestamp"), "\"timestamp\"");  // column-name keyword
  EXPECT_EQ(quote_identifier("Email"), "\"Email\"");
  EXPECT_EQ(quote_identifier("uuid-ossp"), "\"uuid-ossp\"");
  EXPECT_EQ(quote_identifier("a$b"), "\"a$b\"");
  EXPECT_EQ(quote_identifier("1st"), "\"1st\"");
  EXPECT_EQ(quote_identifier("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(quote_identifier(""), "\"\"");
}

TEST(QualifiedName, LeavesOutPublic) {
  EXPECT_EQ(qualified_name(in_public("user")), "\"user\"");
  EXPECT_EQ(qualified_name({"Audit", "log"}), "\"Audit\".log");
}

TEST(QuoteLiteral, DoublesQuotesAndEscapesBackslashes) {
  EXPECT_EQ(quote_literal("login's"), "'login''s'");
  EXPECT_EQ(quote_literal("a\\b"), "E'a\\\\b'");
}

TEST(RenderSql, SchemasAndExtensions) {
  EXPECT_EQ(render_sql(CreateSchema{"audit"}), Strings{"CREATE SCHEMA audit"});
  EXPECT_EQ(render_sql(DropSchema{"Audit"}), Strings{"DROP SCHEMA \"Audit\""});
  EXPECT_EQ(render_sql(CreateExtension{{"uuid-ossp", "public", "1.1"}}),
            Strings{"CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\" WITH SCHEMA public"});
  EXPECT_EQ(render_sql(DropExtension{"citext"}), Strings{"DROP EXTENSION citext"});
}

TEST(RenderSql, CreateEnum) {
  CreateEnum op{{in_public("kind"), {"a", "it's"}}};
  EXPECT_EQ(render_sql(op), Strings{"CREATE TYPE kind AS ENUM ('a', 'it''s')"});
  op.type.name = {"audit", "Kind"};
  EXPECT_EQ(render_sql(op), Strings{"CREATE TYPE audit.\"Kind\" AS ENUM ('a', 'it''s')"});
}

TEST(RenderSql, CreateEnumIfNotExistsIsADoBlockThatChecksPgType) {
  CreateEnum op{{in_public("kind"), {"a", "b"}}, true};
  EXPECT_EQ(render_sql(op),
            Strings{"DO $asq$\n"
                    "BEGIN\n"
                    "  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type t JOIN "
                    "pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = "
                    "'public' AND t.typname = 'kind') THEN\n"
                    "    CREATE TYPE kind AS ENUM ('a', 'b');\n"
                    "  END IF;\n"
                    "END\n"
                    "$asq$"});
}

TEST(RenderSql, CreateEnumIfNotExistsPicksADollarTagNotInTheBody) {
  CreateEnum op{{in_public("kind"), {"$asq$"}}, true};
  std::string sql = render_sql(op)[0];
  EXPECT_TRUE(sql.starts_with("DO $asq1$\n")) << sql;
  EXPECT_TRUE(sql.ends_with("\n$asq1$")) << sql;
}

TEST(RenderSql, DropEnumAndAddEnumValue) {
  EXPECT_EQ(render_sql(DropEnum{in_public("kind")}), Strings{"DROP TYPE kind"});
  EXPECT_EQ(render_sql(DropEnum{{"audit", "kind"}, true}),
            Strings{"DROP TYPE IF EXISTS audit.kind"});
  EXPECT_EQ(render_sql(AddEnumValue{in_public("kind"), "c"}),
            Strings{"ALTER TYPE kind ADD VALUE 'c'"});
  EXPECT_EQ(render_sql(AddEnumValue{in_public("kind"), "c", "b"}),
            Strings{"ALTER TYPE kind ADD VALUE 'c' BEFORE 'b'"});
  EXPECT_EQ(render_sql(AddEnumValue{in_public("kind"), "c", "", "a"}),
            Strings{"ALTER TYPE kind ADD VALUE 'c' AFTER 'a'"});
}

TEST(RenderSql, CreateSequenceLikeSqlAlchemyWithNoMinMaxForTheTypeDefaults) {
  Sequence serial;
  serial.name = in_public("user_id_seq");
  serial.data_type = "integer";
  serial.max_value = 2147483647;
  serial.owned_by_table = "user";
  serial.owned_by_column = "id";
  EXPECT_EQ(render_sql(CreateSequence{serial}),
            Strings{"CREATE SEQUENCE user_id_seq AS integer INCREMENT BY 1 START WITH 1 NO "
                    "MINVALUE NO MAXVALUE CACHE 1"});
  Sequence custom;
  custom.name = {"audit", "ticket"};
  custom.start = 100;
  custom.increment = 5;
  custom.min_value = 10;
  custom.max_value = 1000;
  custom.cache = 20;
  custom.cycle = true;
  EXPECT_EQ(render_sql(CreateSequence{custom}),
            Strings{"CREATE SEQUENCE audit.ticket AS bigint INCREMENT BY 5 START WITH 100 "
                    "MINVALUE 10 MAXVALUE 1000 CACHE 20 CYCLE"});
}

TEST(RenderSql, CreateSequenceTakesAnOutOfRangeMaximumAsTheTypeDefault) {
  Sequence small;
  small.name = in_public("s");
  small.data_type = "smallint";  // max_value keeps the model's bigint default
  EXPECT_EQ(render_sql(CreateSequence{small}),
            Strings{"CREATE SEQUENCE s AS smallint INCREMENT BY 1 START WITH 1 NO MINVALUE NO "
                    "MAXVALUE CACHE 1"});
  Sequence down;
  down.name = in_public("d");
  down.increment = -1;
  down.start = -1;
  down.min_value = -50;
  down.max_value = -1;
  EXPECT_EQ(render_sql(CreateSequence{down}),
            Strings{"CREATE SEQUENCE d AS bigint INCREMENT BY -1 START WITH -1 MINVALUE -50 "
                    "NO MAXVALUE CACHE 1"});
}

TEST(RenderSql, DropSequenceAndOwner) {
  EXPECT_EQ(render_sql(DropSequence{in_public("s")}), Strings{"DROP SEQUENCE s"});
  EXPECT_EQ(render_sql(SetSequenceOwner{in_public("user_id_seq"), "user", "id"}),
            Strings{"ALTER SEQUENCE user_id_seq OWNED BY \"user\".id"});
  EXPECT_EQ(render_sql(SetSequenceOwner{{"audit", "s"}, "log", "Id"}),
            Strings{"ALTER SEQUENCE audit.s OWNED BY audit.log.\"Id\""});
  EXPECT_EQ(render_sql(SetSequenceOwner{in_public("s")}),
            Strings{"ALTER SEQUENCE s OWNED BY NONE"});
}

Table user_table() {
  Table table;
  table.name = {"audit", "user"};
  table.comment = "people";
  Column id = column("id", "integer", false);
  id.default_value = "nextval('audit.user_id_seq'::regclass)";
  Column email = column("Email", "character varying(255)", false);
  email.default_value = "'x'::character varying";
  email.comment = "login's";
  Column kind = column("kind", "audit.kind");
  Column n = column("n", "bigint", false);
  n.identity = "always";
  Column g = column("g", "integer");
  g.generated = "id * 2";
  Column name = column("name", "character varying");
  name.collation = "\"C\"";
  Column parent = column("parent_id", "integer");
  table.columns = {id, email, kind, n, g, name, parent};
  Constraint fk = constraint(Constraint::Kind::kForeignKey, "fk_parent", {"parent_id"});
  fk.references = {"audit", "user"};
  fk.referenced_columns = {"id"};
  fk.on_delete = "CASCADE";
  fk.on_update = "SET NULL";
  fk.deferrable = true;
  fk.initially_deferred = true;
  Constraint check = constraint(Constraint::Kind::kCheck, "ck_n", {});
  check.expression = "n > 0";
  table.constraints = {check, fk, constraint(Constraint::Kind::kPrimaryKey, "pk_user", {"id"}),
                       constraint(Constraint::Kind::kUnique, "uq_email", {"Email"}),
                       constraint(Constraint::Kind::kUnique, "", {"name"})};
  return table;
}

TEST(RenderSql, CreateTableWithColumnsConstraintsAndComments) {
  EXPECT_EQ(render_sql(CreateTable{user_table()}),
            (Strings{"CREATE TABLE audit.\"user\" (\n"
                     "    id integer DEFAULT nextval('audit.user_id_seq'::regclass) NOT NULL,\n"
                     "    \"Email\" character varying(255) DEFAULT 'x'::character varying NOT "
                     "NULL,\n"
                     "    kind audit.kind,\n"
                     "    n bigint GENERATED ALWAYS AS IDENTITY,\n"
                     "    g integer GENERATED ALWAYS AS (id * 2) STORED,\n"
                     "    name character varying COLLATE \"C\",\n"
                     "    parent_id integer,\n"
                     "    CONSTRAINT ck_n CHECK (n > 0),\n"
                     "    CONSTRAINT fk_parent FOREIGN KEY (parent_id) REFERENCES "
                     "audit.\"user\"(id) ON UPDATE SET NULL ON DELETE CASCADE DEFERRABLE "
                     "INITIALLY DEFERRED,\n"
                     "    CONSTRAINT pk_user PRIMARY KEY (id),\n"
                     "    CONSTRAINT uq_email UNIQUE (\"Email\"),\n"
                     "    UNIQUE (name)\n"
                     ")",
                     "COMMENT ON TABLE audit.\"user\" IS 'people'",
                     "COMMENT ON COLUMN audit.\"user\".\"Email\" IS 'login''s'"}));
}

TEST(RenderSql, CreateTableWithoutColumns) {
  Table empty;
  empty.name = in_public("empty");
  EXPECT_EQ(render_sql(CreateTable{empty}), Strings{"CREATE TABLE empty ()"});
}

TEST(RenderSql, IdentityByDefaultAndBareCollationName) {
  Table table;
  table.name = in_public("t");
  Column id = column("id", "bigint", false);
  id.identity = "by default";
  Column name = column("name", "text");
  name.collation = "C";
  table.columns = {id, name};
  EXPECT_EQ(render_sql(CreateTable{table}),
            Strings{"CREATE TABLE t (\n    id bigint GENERATED BY DEFAULT AS IDENTITY,\n"
                    "    name text COLLATE \"C\"\n)"});
}

TEST(RenderSql, IdentitySequenceOptionsAndName) {
  Table table;
  table.name = {"billing", "t"};
  Column id = column("id", "integer", false);
  id.identity = "always";
  id.identity_options.start = 1000;
  id.identity_options.cache = 20;
  id.identity_options.cycle = true;
  id.identity_options.sequence_name = "old_id_seq";
  table.columns = {id};
  EXPECT_EQ(render_sql(CreateTable{table}),
            Strings{"CREATE TABLE billing.t (\n    id integer GENERATED ALWAYS AS IDENTITY "
                    "(SEQUENCE NAME billing.old_id_seq START WITH 1000 CACHE 20 CYCLE)\n)"});
}

TEST(RenderSql, AlterColumnIdentityOptionsAreAddedSetAndRenamed) {
  AlterColumn op;
  op.table = in_public("t");
  op.column = "n";
  op.existing = column("n", "integer", false);
  op.identity = "by default";
  op.identity_options = IdentityOptions{};
  op.identity_options->start = 20000;
  EXPECT_EQ(render_sql(op), Strings{"ALTER TABLE t ALTER COLUMN n ADD GENERATED BY DEFAULT AS "
                                    "IDENTITY (START WITH 20000)"});
  op.existing.identity = "by default";
  op.existing.identity_options = *op.identity_options;
  op.identity.reset();
  op.identity_options = IdentityOptions{};
  op.identity_options->increment = -1;
  op.identity_options->sequence_name = "n_seq";
  EXPECT_EQ(render_sql(op),
            (Strings{"ALTER TABLE t ALTER COLUMN n SET INCREMENT BY -1 SET MINVALUE -2147483648 "
                     "SET MAXVALUE -1 SET START WITH -1",
                     "ALTER SEQUENCE t_n_seq RENAME TO n_seq"}));
}

TEST(RenderSql, ConstraintWithADefinitionIsRenderedFromIt) {
  Constraint unique = constraint(Constraint::Kind::kUnique, "uq_a", {"a"});
  unique.definition = "UNIQUE NULLS NOT DISTINCT (a)";
  EXPECT_EQ(render_sql(AddConstraint{in_public("t"), unique}),
            Strings{"ALTER TABLE t ADD CONSTRAINT uq_a UNIQUE NULLS NOT DISTINCT (a)"});
  Constraint exclusion;
  exclusion.kind = Constraint::Kind::kExclusion;
  exclusion.name = "ex_room";
  exclusion.definition = "EXCLUDE USING gist (room WITH =, during WITH &&)";
  EXPECT_EQ(render_sql(AddConstraint{in_public("booking"), exclusion}),
            Strings{"ALTER TABLE booking ADD CONSTRAINT ex_room EXCLUDE USING gist (room WITH =, "
                    "during WITH &&)"});
  exclusion.definition.clear();
  EXPECT_THROW(render_sql(AddConstraint{in_public("booking"), exclusion}), std::invalid_argument);
}

TEST(RenderSql, AddConstraintOfEachKind) {
  QualifiedName user = in_public("user");
  Constraint fk = constraint(Constraint::Kind::kForeignKey, "fk_a", {"gid"});
  fk.references = {"other", "group"};
  fk.referenced_columns = {"id"};
  fk.on_delete = "SET NULL";
  EXPECT_EQ(render_sql(AddConstraint{{"audit", "user"}, fk}),
            Strings{"ALTER TABLE audit.\"user\" ADD CONSTRAINT fk_a FOREIGN KEY (gid) REFERENCES "
                    "other.\"group\"(id) ON DELETE SET NULL"});
  EXPECT_EQ(
      render_sql(AddConstraint{user, constraint(Constraint::Kind::kUnique, "uq_a", {"a", "b"})}),
      Strings{"ALTER TABLE \"user\" ADD CONSTRAINT uq_a UNIQUE (a, b)"});
  Constraint check = constraint(Constraint::Kind::kCheck, "ck_a", {});
  check.expression = "a > 0";
  EXPECT_EQ(render_sql(AddConstraint{user, check}),
            Strings{"ALTER TABLE \"user\" ADD CONSTRAINT ck_a CHECK (a > 0)"});
  EXPECT_EQ(
      render_sql(AddConstraint{user, constraint(Constraint::Kind::kPrimaryKey, "pk_a", {"id"})}),
      Strings{"ALTER TABLE \"user\" ADD CONSTRAINT pk_a PRIMARY KEY (id)"});
  EXPECT_EQ(render_sql(AddConstraint{user, constraint(Constraint::Kind::kPrimaryKey, "", {"id"})}),
            Strings{"ALTER TABLE \"user\" ADD PRIMARY KEY (id)"});
}

TEST(RenderSql, DropConstraint) {
  EXPECT_EQ(render_sql(DropConstraint{{"audit", "user"}, "fk_a"}),
            Strings{"ALTER TABLE audit.\"user\" DROP CONSTRAINT fk_a"});
  EXPECT_THROW(render_sql(DropConstraint{in_public("user"), ""}), std::invalid_argument);
}

TEST(RenderSql, TablesRenamedDroppedCommented) {
  EXPECT_EQ(render_sql(DropTable{{"audit", "user"}}), Strings{"DROP TABLE audit.\"user\""});
  EXPECT_EQ(render_sql(RenameTable{in_public("user"), "person"}),
            Strings{"ALTER TABLE \"user\" RENAME TO person"});
  EXPECT_EQ(render_sql(SetTableComment{in_public("user"), "hi"}),
            Strings{"COMMENT ON TABLE \"user\" IS 'hi'"});
  EXPECT_EQ(render_sql(SetTableComment{in_public("user"), std::nullopt}),
            Strings{"COMMENT ON TABLE \"user\" IS NULL"});
}

TEST(RenderSql, AddColumnWithItsComment) {
  Column age = column("age", "integer", false);
  age.default_value = "0";
  age.comment = "yrs";
  EXPECT_EQ(render_sql(AddColumn{in_public("user"), age}),
            (Strings{"ALTER TABLE \"user\" ADD COLUMN age integer DEFAULT 0 NOT NULL",
                     "COMMENT ON COLUMN \"user\".age IS 'yrs'"}));
  EXPECT_EQ(render_sql(DropColumn{in_public("user"), "age"}),
            Strings{"ALTER TABLE \"user\" DROP COLUMN age"});
}

TEST(RenderSql, AlterColumnOneStatementPerChangeInAlembicsOrder) {
  AlterColumn op;
  op.table = in_public("user");
  op.column = "age";
  op.existing = column("age", "integer", false);
  op.new_name = "years";
  op.type = "bigint";
  op.using_expression = "age::bigint";
  op.nullable = true;
  op.default_value = std::optional<std::string>("5");
  op.comment = std::optional<std::string>("c");
  EXPECT_EQ(render_sql(op), (Strings{"ALTER TABLE \"user\" ALTER COLUMN age TYPE bigint USING "
                                     "age::bigint",
                                     "ALTER TABLE \"user\" ALTER COLUMN age DROP NOT NULL",
                                     "ALTER TABLE \"user\" ALTER COLUMN age SET DEFAULT 5",
                                     "COMMENT ON COLUMN \"user\".age IS 'c'",
                                     "ALTER TABLE \"user\" RENAME age TO years"}));
}

TEST(RenderSql, AlterColumnDropsDefaultAndCommentSetsNotNull) {
  AlterColumn op;
  op.table = {"audit", "t"};
  op.column = "Name";
  op.nullable = false;
  op.default_value = std::optional<std::string>();
  op.comment = std::optional<std::string>();
  EXPECT_EQ(render_sql(op), (Strings{"ALTER TABLE audit.t ALTER COLUMN \"Name\" SET NOT NULL",
                                     "ALTER TABLE audit.t ALTER COLUMN \"Name\" DROP DEFAULT",
                                     "COMMENT ON COLUMN audit.t.\"Name\" IS NULL"}));
  AlterColumn nothing;
  nothing.table = in_public("t");
  nothing.column = "c";
  EXPECT_EQ(render_sql(nothing), Strings{});
}

TEST(RenderSql, AlterColumnIdentityAddsSetsOrDropsIt) {
  AlterColumn op;
  op.table = in_public("t");
  op.column = "id";
  op.existing = column("id", "bigint", false);
  op.nullable = false;
  op.identity = "by default";
  EXPECT_EQ(render_sql(op), (Strings{"ALTER TABLE t ALTER COLUMN id SET NOT NULL",
                                     "ALTER TABLE t ALTER COLUMN id ADD GENERATED BY DEFAULT AS "
                                     "IDENTITY"}));
  op.nullable.reset();
  op.existing.identity = "by default";
  op.identity = "always";
  EXPECT_EQ(render_sql(op), Strings{"ALTER TABLE t ALTER COLUMN id SET GENERATED ALWAYS"});
  op.identity = "by default";
  EXPECT_EQ(render_sql(op), Strings{});
  op.identity = "";
  EXPECT_EQ(render_sql(op), Strings{"ALTER TABLE t ALTER COLUMN id DROP IDENTITY"});
}

TEST(RenderSql, CreateIndexWithEveryClause) {
  Index index;
  index.name = "ix_x";
  index.unique = true;
  index.method = "gin";
  index.keys = {"name", "lower(\"Email\")"};
  index.include = {"id"};
  index.where = "id > 0";
  EXPECT_EQ(render_sql(CreateIndex{{"audit", "user"}, index}),
            Strings{"CREATE UNIQUE INDEX ix_x ON audit.\"user\" USING gin (name, lower(\"Email\")) "
                    "INCLUDE (id) WHERE id > 0"});
}

TEST(RenderSql, CreateIndexQuotesBareColumnsAndParenthesisesExpressions) {
  Index index;
  index.name = "ix_y";
  index.keys = {"Email",   "\"Email\"", "b DESC NULLS LAST", "lower(\"Email\") text_pattern_ops",
                "(a + b)", "a + b",     "(a)::text",         "a::text",
                "user"};
  index.include = {"\"Note\"", "Extra"};
  index.nulls_not_distinct = true;
  EXPECT_EQ(render_sql(CreateIndex{in_public("t"), index}),
            Strings{"CREATE INDEX ix_y ON t (\"Email\", \"Email\", b DESC NULLS LAST, "
                    "lower(\"Email\") text_pattern_ops, (a + b), (a + b), ((a)::text), "
                    "(a::text), \"user\") INCLUDE (\"Note\", \"Extra\") NULLS NOT DISTINCT"});
  index.name.clear();
  index.keys = {"a"};
  index.include.clear();
  index.nulls_not_distinct = false;
  EXPECT_EQ(render_sql(CreateIndex{in_public("t"), index}), Strings{"CREATE INDEX ON t (a)"});
}

TEST(RenderSql, DropIndexInTheTablesSchema) {
  EXPECT_EQ(render_sql(DropIndex{{"audit", "user"}, "ix_x"}), Strings{"DROP INDEX audit.ix_x"});
  EXPECT_EQ(render_sql(DropIndex{in_public("user"), "Ix"}), Strings{"DROP INDEX \"Ix\""});
}

TEST(RenderSql, ExecuteIsVerbatim) {
  EXPECT_EQ(render_sql(Execute{"UPDATE t SET a = '%'  "}), Strings{"UPDATE t SET a = '%'  "});
}

TEST(TerminateStatement, AddsASemicolonOnlyWhenMissing) {
  EXPECT_EQ(terminate_statement("SELECT 1"), "SELECT 1;");
  EXPECT_EQ(terminate_statement("SELECT 1;\n  "), "SELECT 1;");
  EXPECT_EQ(terminate_statement("SELECT 1 -- done;"), "SELECT 1 -- done;\n;");
  EXPECT_EQ(terminate_statement("SELECT 1\n-- note"), "SELECT 1\n-- note\n;");
  EXPECT_EQ(terminate_statement("SELECT '--'"), "SELECT '--';");  // no comment: in a literal
}

// Convergence: every statement above is accepted by PostgreSQL and does what it says.
TEST(RenderSqlOnPostgres, StatementsOfEveryKindRun) {
  test::TestDatabase db("render_sql");
  Sequence serial;
  serial.name = {"audit", "user_id_seq"};
  serial.data_type = "integer";
  AlterColumn alter;
  alter.table = {"audit", "user"};
  alter.column = "parent_id";
  alter.type = "bigint";
  alter.using_expression = "parent_id::bigint";
  alter.nullable = true;
  alter.default_value = std::optional<std::string>("7");
  alter.comment = std::optional<std::string>("up");
  alter.new_name = "Parent";
  Index index;
  index.name = "ix_user_lower";
  index.keys = {"lower(\"Email\"::text) DESC", "kind", "id + 1"};
  index.include = {"name"};
  index.where = "id > 0";
  Constraint check = constraint(Constraint::Kind::kCheck, "ck_kind", {});
  check.expression = "kind <> 'b'";
  Column note = column("note", "text", false);
  note.default_value = "''::text";
  note.comment = "free text";
  auto identity = [](std::string column_name, std::string existing, std::string wanted) {
    AlterColumn op;
    op.table = {"audit", "user"};
    op.column = std::move(column_name);
    op.existing = column(op.column, "bigint", false);
    op.existing.identity = std::move(existing);
    op.identity = std::move(wanted);
    return op;
  };
  auto identity_options = [](std::string column_name, std::int64_t start, std::string name) {
    AlterColumn op;
    op.table = {"audit", "user"};
    op.column = std::move(column_name);
    op.existing = column(op.column, "bigint", false);
    op.existing.identity = "by default";
    op.identity_options = IdentityOptions{};
    op.identity_options->start = start;
    op.identity_options->sequence_name = std::move(name);
    if (start == 5) {
      op.existing.identity_options.start = 1000;
      op.existing.identity_options.sequence_name = "user_tid";
    }
    return op;
  };
  std::vector<Op> ops = {
      CreateSchema{"audit"},
      CreateExtension{{"citext", "audit", ""}},
      CreateEnum{{{"audit", "kind"}, {"a", "c"}}},
      CreateEnum{{{"audit", "kind"}, {"x"}}, true},
      CreateEnum{{{"audit", "mood"}, {"x"}}, true},
      DropEnum{{"audit", "mood"}},
      AddEnumValue{{"audit", "kind"}, "b", "c"},
      CreateSequence{serial},
      CreateTable{user_table()},
      SetSequenceOwner{serial.name, "user", "id"},
      AddColumn{{"audit", "user"}, note},
      AddColumn{{"audit", "user"}, column("tid", "bigint", false)},
      identity("tid", "", "always"),
      identity("tid", "always", "by default"),
      identity_options("tid", 1000, "user_tid"),
      identity_options("tid", 5, ""),
      AddColumn{{"audit", "user"}, column("tmp", "bigint", false)},
      identity("tmp", "", "by default"),
      identity("tmp", "by default", ""),
      DropColumn{{"audit", "user"}, "tmp"},
      AlterColumn{alter},
      CreateIndex{{"audit", "user"}, index},
      AddConstraint{{"audit", "user"}, check},
      SetTableComment{{"audit", "user"}, std::nullopt},
      RenameTable{{"audit", "user"}, "person"},
      DropIndex{{"audit", "person"}, "ix_user_lower"},
      DropConstraint{{"audit", "person"}, "ck_kind"},
      DropColumn{{"audit", "person"}, "note"},
      Execute{"INSERT INTO audit.person (\"Email\", \"Parent\") VALUES ('a@b', NULL)"},
      SetSequenceOwner{serial.name},
      DropTable{{"audit", "person"}},
      DropSequence{serial.name},
      DropEnum{{"audit", "kind"}},
      DropEnum{{"audit", "kind"}, true},
      DropExtension{"citext"},
      DropSchema{"audit"},
  };
  pqxx::connection connection(db.url());
  for (const auto& op : ops) {
    for (const auto& statement : render_sql(op)) {
      pqxx::nontransaction tx(connection);
      EXPECT_NO_THROW(tx.exec(statement)) << statement;
    }
  }
  pqxx::nontransaction tx(connection);
  EXPECT_EQ(tx.exec("SELECT 1 FROM pg_namespace WHERE nspname = 'audit'").size(), 0u);
}

}  // namespace
}  // namespace asq

namespace asq {
namespace {

CatalogObject trigger_object() {
  CatalogObject o;
  o.kind = CatalogObject::Kind::kTrigger;
  o.name = {"audit", "Touch"};
  o.signature = "audit.\"user\"";
  o.definition =
      "CREATE TRIGGER \"Touch\" BEFORE UPDATE ON audit.\"user\" FOR EACH ROW EXECUTE "
      "FUNCTION audit.touch()";
  o.comment = "it's \\ late";
  return o;
}

TEST(RenderSql, CatalogObjectsAsTheServerPrintsThemWithExactDrops) {
  CatalogObject o = trigger_object();
  EXPECT_EQ(render_sql(CreateObject{o}),
            (std::vector<std::string>{o.definition,
                                      "COMMENT ON TRIGGER \"Touch\" ON audit.\"user\" IS E'it''s "
                                      "\\\\ late'"}));
  EXPECT_EQ(render_sql(DropObject{o}),
            std::vector<std::string>{"DROP TRIGGER \"Touch\" ON audit.\"user\""});
  o.comment.reset();
  EXPECT_EQ(render_sql(SetObjectComment{o}),
            std::vector<std::string>{"COMMENT ON TRIGGER \"Touch\" ON audit.\"user\" IS NULL"});
  CatalogObject f;
  f.kind = CatalogObject::Kind::kProcedure;
  f.name = {"public", "reset"};
  f.signature = "n integer, VARIADIC rest text[]";
  EXPECT_EQ(
      render_sql(DropObject{f}),
      std::vector<std::string>{"DROP PROCEDURE public.reset(n integer, VARIADIC rest text[])"});
  CatalogObject e;
  e.kind = CatalogObject::Kind::kEventTrigger;
  e.name = {"", "log_ddl"};
  EXPECT_EQ(render_sql(DropObject{e}), std::vector<std::string>{"DROP EVENT TRIGGER log_ddl"});
}

TEST(RenderSql, CommentsOnSchemasTypesSequencesIndexesAndConstraints) {
  using Target = SetComment::Target;
  EXPECT_EQ(render_sql(SetComment{Target::kSchema, {"", "Billing"}, "", "it's"}),
            Strings{"COMMENT ON SCHEMA \"Billing\" IS 'it''s'"});
  EXPECT_EQ(render_sql(SetComment{Target::kSchema, {"", "public"}, "", ""}),
            Strings{"COMMENT ON SCHEMA public IS ''"});
  EXPECT_EQ(render_sql(SetComment{Target::kEnum, {"audit", "kind"}, "", "a \\ b"}),
            Strings{"COMMENT ON TYPE audit.kind IS E'a \\\\ b'"});
  EXPECT_EQ(render_sql(SetComment{Target::kSequence, in_public("s"), "", std::nullopt}),
            Strings{"COMMENT ON SEQUENCE s IS NULL"});
  EXPECT_EQ(render_sql(SetComment{Target::kIndex, {"audit", "ix"}, "user", "x"}),
            Strings{"COMMENT ON INDEX audit.ix IS 'x'"});
  EXPECT_EQ(render_sql(SetComment{Target::kConstraint, in_public("user_pkey"), "user", "k"}),
            Strings{"COMMENT ON CONSTRAINT user_pkey ON \"user\" IS 'k'"});
}

TEST(RenderSql, CreatedIndexesConstraintsTypesAndSequencesAreFollowedByTheirComments) {
  Index index;
  index.name = "ix_a";
  index.keys = {"a"};
  index.comment = "by a";
  EXPECT_EQ(render_sql(CreateIndex{in_public("t"), index}),
            (Strings{"CREATE INDEX ix_a ON t (a)", "COMMENT ON INDEX ix_a IS 'by a'"}));
  Constraint key = constraint(Constraint::Kind::kPrimaryKey, "t_pkey", {"a"});
  key.comment = "the key";
  EXPECT_EQ(render_sql(AddConstraint{in_public("t"), key}),
            (Strings{"ALTER TABLE t ADD CONSTRAINT t_pkey PRIMARY KEY (a)",
                     "COMMENT ON CONSTRAINT t_pkey ON t IS 'the key'"}));
  EnumType mood{in_public("mood"), {"ok"}, "feeling"};
  EXPECT_EQ(render_sql(CreateEnum{mood, false}),
            (Strings{"CREATE TYPE mood AS ENUM ('ok')", "COMMENT ON TYPE mood IS 'feeling'"}));
}

TEST(RenderSql, PartitionsInheritanceAndRowLevelSecurity) {
  Table parent;
  parent.name = test::in_public("event");
  parent.columns = {test::column("at", "date", false)};
  parent.partition_by = "LIST (at)";
  parent.rls_forced = true;
  EXPECT_EQ(render_sql(CreateTable{parent}),
            (std::vector<std::string>{
                "CREATE TABLE event (\n    at date NOT NULL\n) PARTITION BY LIST (at)",
                "ALTER TABLE event FORCE ROW LEVEL SECURITY"}));
  Table part;
  part.name = test::in_public("event_x");
  part.partition_of = test::in_public("event");
  part.partition_bound = "DEFAULT";
  part.constraints = {test::constraint(Constraint::Kind::kCheck, "ck", {})};
  part.constraints[0].expression = "at > '2000-01-01'::date";
  EXPECT_EQ(render_sql(CreateTable{part}),
            std::vector<std::string>{"CREATE TABLE event_x PARTITION OF event (\n"
                                     "    CONSTRAINT ck CHECK (at > '2000-01-01'::date)\n"
                                     ") DEFAULT"});
  Table child;
  child.name = test::in_public("child");
  child.inherits = {test::in_public("a"), {"audit", "b"}};
  EXPECT_EQ(render_sql(CreateTable{child}),
            std::vector<std::string>{"CREATE TABLE child () INHERITS (a, audit.b)"});
  EXPECT_EQ(render_sql(SetRowSecurity{test::in_public("event"), true, false}),
            (std::vector<std::string>{"ALTER TABLE event ENABLE ROW LEVEL SECURITY",
                                      "ALTER TABLE event NO FORCE ROW LEVEL SECURITY"}));
}

}  // namespace
}  // namespace asq
