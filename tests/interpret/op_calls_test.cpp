// op.* calls other than create_table: columns, indexes, constraints, raw SQL, batch mode.

#include <gtest/gtest.h>

#include <filesystem>

#include "interpret/interpreter.h"
#include "support/interpret.h"

namespace asq {
namespace {

using namespace test;

// Expected ops follow what Alembic 1.8.1 / SQLAlchemy 1.4.46 emit for the same file
// (`alembic upgrade head --sql`), in the model's canonical spelling.

TEST(Enums, VariableCreatedWithCheckfirstAndUsedAsAColumnType) {
  auto result = interpret(R"py(    issue_status = postgresql.ENUM(
        'pending', 'assigned', name='issuestatus',
        create_type=False,
    )
    issue_status.create(op.get_bind(), checkfirst=True)
    op.create_table('issue',
    sa.Column('id', postgresql.UUID(as_uuid=True), nullable=False),
    sa.Column('status', issue_status, server_default='pending', nullable=False),
    sa.Column('priority', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
)py",
                          R"py(    op.drop_table('issue')
    postgresql.ENUM(name='issuestatus').drop(op.get_bind(), checkfirst=True)
    sa.Enum(name='other').drop(op.get_bind(), checkfirst=False)
)py");
  EXPECT_EQ(
      texts(result.upgrade),
      (Strings{
          "CREATE TYPE IF NOT EXISTS public.issuestatus ('pending', 'assigned')",
          "CREATE TABLE public.issue (id uuid NOT NULL, status public.issuestatus NOT NULL DEFAULT "
          "'pending'::public.issuestatus, priority integer NOT NULL DEFAULT 0, PK (id))",
      }));
  EXPECT_EQ(texts(result.downgrade),
            (Strings{"DROP TABLE public.issue", "DROP TYPE IF EXISTS public.issuestatus",
                     "DROP TYPE public.other"}));
}

TEST(Enums, CreateWithoutCheckfirstAndModuleLevelEnums) {
  auto ops = upgrade_ops(R"py(    STATUS.create(op.get_bind(), checkfirst=False)
    STATUS.create(bind=op.get_bind())
    op.add_column('node', sa.Column('status', STATUS, nullable=True))
)py",
                         "STATUS = sa.Enum('up', 'down', name='status')\n\n");
  EXPECT_EQ(ops, (Strings{"CREATE TYPE public.status ('up', 'down')",
                          "CREATE TYPE IF NOT EXISTS public.status ('up', 'down')",
                          "ADD COLUMN public.node status public.status"}));
}

TEST(AddColumn, PlainForeignKeyUniqueIndexAndComment) {
  auto ops = upgrade_ops(
      R"py(    op.add_column('issue', sa.Column('owner_id', postgresql.UUID(as_uuid=True), nullable=True))
    op.add_column('issue', sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False))
    op.add_column(table_name='item', column=sa.Column('sku', sa.String(64), unique=True, comment='stock unit'))
    op.add_column('item', sa.Column('code', sa.String(8), index=True, unique=True), schema='s')
    op.add_column('item', sa.Column('user_id', sa.Integer, sa.ForeignKey('user.id', ondelete='CASCADE'), index=True))
    op.add_column('node', sa.Column('state', sa.Enum('up', 'down', name='nodestate')))
)py");
  EXPECT_EQ(
      ops, (Strings{
               "ADD COLUMN public.issue owner_id uuid",
               "ADD COLUMN public.issue created_at timestamp with time zone NOT NULL DEFAULT now()",
               "ADD COLUMN public.item sku character varying(64) COMMENT 'stock unit'",
               "ADD UNIQUE (sku) ON public.item",
               "ADD COLUMN s.item code character varying(8)",
               "CREATE UNIQUE INDEX ix_s_item_code (code) ON s.item",
               "ADD COLUMN public.item user_id integer",
               "ADD FK (user_id) -> public.user(id) ON DELETE CASCADE ON public.item",
               "CREATE INDEX ix_item_user_id (user_id) ON public.item",
               "ADD COLUMN public.node state public.nodestate",
           }));
}

TEST(AddColumn, IntegerPrimaryKeyIsSerialButAddsNoPrimaryKey) {
  auto ops = upgrade_ops(R"py(    op.add_column('u', sa.Column('z', sa.Integer, primary_key=True))
    op.add_column('u', sa.Column('w', sa.Integer, sa.ForeignKey('t.id'), primary_key=True))
)py");
  EXPECT_EQ(
      ops, (Strings{
               "CREATE SEQUENCE public.u_z_seq AS integer MAXVALUE 2147483647",
               "ADD COLUMN public.u z integer NOT NULL DEFAULT nextval('public.u_z_seq'::regclass)",
               "OWNED BY public.u_z_seq u.z",
               "ADD COLUMN public.u w integer NOT NULL",
               "ADD FK (w) -> public.t(id) ON public.u",
           }));
}

TEST(DropColumn, PositionalKeywordAndSchema) {
  auto ops = upgrade_ops(R"py(    op.drop_column('issue', 'updated_at')
    op.drop_column(table_name='issue', column_name='x', schema='s', mssql_drop_check=True)
)py");
  EXPECT_EQ(ops, (Strings{"DROP COLUMN public.issue updated_at", "DROP COLUMN s.issue x"}));
}

TEST(AlterColumn, EveryChangeAndItsExistingState) {
  auto ops = upgrade_ops(R"py(    op.alter_column('credential', 'name', new_column_name='title',
               existing_type=sa.VARCHAR(length=255), existing_nullable=False)
    op.alter_column('credential', 'password', existing_type=sa.VARCHAR(length=255),
               type_=sa.Text(), existing_nullable=True)
    op.alter_column('item', 'owner_id', existing_type=postgresql.UUID(as_uuid=True), nullable=False)
    op.alter_column('t', 'x', type_=sa.Text, server_default='a', nullable=False, comment='c',
                    new_column_name='y', postgresql_using='x::text')
    op.alter_column('t', 'n', existing_type=sa.Integer(), server_default=None, comment=None)
    op.alter_column('t', 'flag', existing_type=sa.Boolean(), server_default=sa.false(),
                    existing_server_default=sa.text('true'), existing_comment='on?')
    op.alter_column('t', 'm', existing_type=sa.Integer(), server_default=False, comment=False)
)py");
  EXPECT_EQ(
      ops,
      (Strings{
          "ALTER COLUMN public.credential name [was name character varying(255) NOT NULL] RENAME "
          "TO title",
          "ALTER COLUMN public.credential password [was password character varying(255)] TYPE text",
          "ALTER COLUMN public.item owner_id [was owner_id uuid] NOT NULL",
          "ALTER COLUMN public.t x [was x ] TYPE text USING x::text NOT NULL DEFAULT 'a'::text "
          "COMMENT 'c' RENAME TO y",
          "ALTER COLUMN public.t n [was n integer] DROP DEFAULT COMMENT NULL",
          "ALTER COLUMN public.t flag [was flag boolean DEFAULT true COMMENT 'on?'] DEFAULT false",
      }));
}

TEST(AlterColumn, PlainStringDefaultTakesTheTypeLearnedOrGiven) {
  InterpretOptions options;
  options.column_type = [](const QualifiedName& table, const std::string& column) -> std::string {
    return table.name == "account" && column == "currency" ? "character varying(3)" : "";
  };
  auto result = interpret(R"py(    op.add_column('t', sa.Column('n', sa.BigInteger()))
    op.alter_column('t', 'n', server_default='0')
    op.alter_column('account', 'currency', server_default='USD')
    op.alter_column('t', 'n', new_column_name='m')
    op.alter_column('t', 'm', server_default='1')
)py",
                          "    pass\n", "", options);
  EXPECT_EQ(texts(result.upgrade),
            (Strings{
                "ADD COLUMN public.t n bigint",
                "ALTER COLUMN public.t n [was n bigint] DEFAULT '0'::bigint",
                "ALTER COLUMN public.account currency [was currency character varying(3)] DEFAULT "
                "'USD'::character varying",
                "ALTER COLUMN public.t n [was n bigint] RENAME TO m",
                "ALTER COLUMN public.t m [was m bigint] DEFAULT '1'::bigint",
            }));
  EXPECT_EQ(
      error_of("    op.alter_column('t', 'z', server_default='x')\n"),
      "v/abc_test.py:19:46: server_default: the column's type is unknown; pass existing_type=\n"
      "    op.alter_column('t', 'z', server_default='x')\n"
      "                                             ^");
}

TEST(AlterColumn, ForLoopOverAModuleLevelList) {
  // As fixtures/seed16/.../9c0a54914c78 does.
  auto result = interpret(R"py(    for table, column, nullable in BOUNDED_COLUMNS:
        op.alter_column(
            table,
            column,
            existing_type=sa.VARCHAR(),
            type_=sqlmodel.sql.sqltypes.AutoString(length=255),
            existing_nullable=nullable,
        )
)py",
                          R"py(    for table, column, nullable in reversed(BOUNDED_COLUMNS):
        op.alter_column(table, column, existing_type=sqlmodel.sql.sqltypes.AutoString(length=255),
                        type_=sa.VARCHAR(), existing_nullable=nullable)
)py",
                          "BOUNDED_COLUMNS = [\n    (\"user\", \"email\", False),\n    (\"item\", "
                          "\"title\", True),\n]\n\n");
  EXPECT_EQ(texts(result.upgrade), (Strings{
                                       "ALTER COLUMN public.user email [was email character "
                                       "varying NOT NULL] TYPE character varying(255)",
                                       "ALTER COLUMN public.item title [was title character "
                                       "varying] TYPE character varying(255)",
                                   }));
  EXPECT_EQ(texts(result.downgrade), (Strings{
                                         "ALTER COLUMN public.item title [was title character "
                                         "varying(255)] TYPE character varying",
                                         "ALTER COLUMN public.user email [was email character "
                                         "varying(255) NOT NULL] TYPE character varying",
                                     }));
  EXPECT_EQ(result.upgrade[1].where, (SourceLocation{"v/abc_test.py", 25, 9}));
}

TEST(KeywordForms, EveryOperationTakesItsArgumentsByName) {
  auto result = interpret(R"py(    op.drop_table(table_name='x', schema='s')
    op.alter_column('t', 'c', False)
    op.create_unique_constraint(constraint_name='uq', table_name='t', columns=['a'])
    op.create_check_constraint(constraint_name='ck', table_name='t', condition=sa.text('a > b'), schema='s')
    op.create_primary_key(constraint_name='pk', table_name='t', columns=['a', 'b'])
    op.drop_constraint(constraint_name='pk', table_name='t', type_='primary', schema='s')
    op.drop_index(index_name='ix', table_name='t', schema='s')
    op.execute(sqltext='SELECT 1')
    op.bulk_insert(table=sa.table('t'), rows=[], multiinsert=False)
    op.create_table_comment(table_name='t', comment='c')
    op.drop_table_comment(table_name='t', existing_comment='c')
)py");
  EXPECT_EQ(texts(result.upgrade),
            (Strings{"DROP TABLE s.x", "ALTER COLUMN public.t c [was c ] NOT NULL",
                     "ADD UNIQUE uq (a) ON public.t", "ADD CHECK ck a > b ON s.t",
                     "ADD PK pk (a, b) ON public.t", "DROP PK pk ON s.t", "DROP INDEX ix ON s.t",
                     "DATA SELECT 1", "COMMENT ON public.t 'c'", "COMMENT ON public.t NULL"}));
  ASSERT_EQ(result.notes.size(), 1u);
  EXPECT_EQ(result.notes[0].second, "op.bulk_insert into 't': 0 rows (data, not schema)");
}

TEST(AlterColumn, IdentityAddedAndDropped) {
  auto ops = upgrade_ops(
      R"py(    op.alter_column('t', 'id', existing_type=sa.Integer(), server_default=sa.Identity(always=True),
                    existing_server_default=None)
    op.alter_column('t', 'id', existing_type=sa.Integer(), server_default=None,
                    existing_server_default=sa.Identity())
)py");
  EXPECT_EQ(
      ops,
      (Strings{
          "ALTER COLUMN public.t id [was id integer] IDENTITY always",
          "ALTER COLUMN public.t id [was id integer NOT NULL IDENTITY by default] IDENTITY "}));
}

TEST(AlterColumn, IdentityWithoutExistingDefaultAltersTheIdentityAlembicAssumes) {
  auto result = interpret(
      R"py(    op.alter_column('t', 'id', existing_type=sa.Integer(), server_default=sa.Identity(always=True))
    op.alter_column('t', 'id', existing_type=sa.Integer(), server_default=sa.Identity(start=5))
)py");
  EXPECT_EQ(texts(result.upgrade),
            (Strings{"ALTER COLUMN public.t id [was id integer NOT NULL IDENTITY by default] "
                     "IDENTITY always",
                     "ALTER COLUMN public.t id [was id integer NOT NULL IDENTITY by default] "
                     "IDENTITY by default OPTIONS (START WITH 5)"}));
  EXPECT_TRUE(result.notes.empty());
  EXPECT_EQ(error_of("    op.alter_column('t', 'id', server_default=sa.Identity())\n"),
            "v/abc_test.py:19:47: server_default=sa.Identity() without existing_server_default: "
            "Alembic 1.8 emits an empty ALTER COLUMN; pass existing_server_default=None to add an "
            "identity\n"
            "    op.alter_column('t', 'id', server_default=sa.Identity())\n"
            "                                              ^");
}

TEST(AlterColumn, IdentityOptionsAddedWithExistingDefaultNoneAreKept) {
  auto result = interpret(
      R"py(    op.alter_column('c', 'n', existing_type=sa.Integer(),
                    server_default=sa.Identity(always=False, start=20000, increment=1),
                    existing_server_default=None, existing_nullable=False)
    op.alter_column('c', 'n', existing_type=sa.Integer(),
                    server_default=sa.Identity(start=-1, increment=-1, cycle=True, cache=20),
                    existing_server_default=sa.Identity(start=20000), existing_nullable=False)
)py");
  EXPECT_EQ(texts(result.upgrade),
            (Strings{"ALTER COLUMN public.c n [was n integer NOT NULL] IDENTITY by default "
                     "OPTIONS (START WITH 20000)",
                     "ALTER COLUMN public.c n [was n integer NOT NULL IDENTITY by default (START "
                     "WITH 20000)] IDENTITY by default OPTIONS (INCREMENT BY -1 CACHE 20 CYCLE)"}));
  EXPECT_TRUE(result.notes.empty());
  EXPECT_EQ(error_of("    op.alter_column('c', 'n', server_default=sa.Identity(start='5'),\n"
                     "                    existing_server_default=None)\n"),
            "v/abc_test.py:19:64: sa.Identity(): start must be an integer, found a string\n"
            "    op.alter_column('c', 'n', server_default=sa.Identity(start='5'),\n"
            "                                                               ^");
}

TEST(Indexes, CreateAndDropInEveryForm) {
  auto ops =
      upgrade_ops(R"py(    op.create_index(op.f('ix_user_email'), 'user', ['email'], unique=True)
    op.create_index('ix_a', 'audit_event', ['actor', 'occurred_at'], unique=False)
    op.create_index(index_name='ix_b', table_name='t', columns=['Name'], schema='s')
    op.create_index('ix_c', 't', ['x', sa.text('lower(x)')], postgresql_where=sa.text('x > 1'),
                    postgresql_using='GIN', postgresql_include=['g'],
                    postgresql_ops={'x': 'text_pattern_ops'})
    op.create_index(None, 't', ['y'], postgresql_concurrently=True)
    op.create_index('ix_d', 't', [sa.text('(data->>\'k\')')])
    op.drop_index(op.f('ix_user_email'), table_name='user')
    op.drop_index('ix_b', 't', schema='s')
    op.drop_index('ix_c')
)py");
  EXPECT_EQ(ops, (Strings{
                     "CREATE UNIQUE INDEX ix_user_email (email) ON public.user",
                     "CREATE INDEX ix_a (actor, occurred_at) ON public.audit_event",
                     "CREATE INDEX ix_b (\"Name\") ON s.t",
                     "CREATE INDEX ix_c USING gin (x text_pattern_ops, lower(x)) INCLUDE (g) WHERE "
                     "x > 1 ON public.t",
                     "CREATE INDEX ix_t_y (y) ON public.t",
                     "CREATE INDEX ix_d ((data->>'k')) ON public.t",
                     "DROP INDEX ix_user_email ON public.user",
                     "DROP INDEX ix_b ON s.t",
                     "DROP INDEX ix_c ON public.",
                 }));
}

TEST(Constraints, ForeignKeysPositionalAndKeyword) {
  auto ops = upgrade_ops(
      R"py(    op.create_foreign_key('item_owner_id_fkey', 'item', 'user', ['owner_id'], ['id'], ondelete='CASCADE')
    op.create_foreign_key(
        constraint_name=None, source_table='a', referent_table='b', local_cols=['x', 'y'],
        remote_cols=['p', 'q'], onupdate='set null', deferrable=True, initially='DEFERRED',
        source_schema='s', referent_schema='r')
)py");
  EXPECT_EQ(
      ops, (Strings{
               "ADD FK item_owner_id_fkey (owner_id) -> public.user(id) ON DELETE CASCADE ON "
               "public.item",
               "ADD FK (x, y) -> r.b(p, q) ON UPDATE SET NULL DEFERRABLE INITIALLY DEFERRED ON s.a",
           }));
}

TEST(Constraints, UniqueCheckPrimaryKeyAndDrops) {
  auto result = interpret(R"py(    op.create_unique_constraint('uq_sku', 'product', ['sku'])
    op.create_unique_constraint(None, 'product', ['a', 'b'], schema='s', deferrable=True)
    op.create_check_constraint('ck_qty', 'line', 'quantity > 0')
    op.create_check_constraint('ck_text', 'line', sa.text("note <> ''"))
    op.create_primary_key('user_pkey', 'user', ['id'])
    op.drop_constraint('item_owner_id_fkey', 'item', type_='foreignkey')
    op.drop_constraint('user_pkey', 'user', type_='primary')
    op.drop_constraint('uq_sku', 'product')
    op.drop_constraint('ck_qty', table_name='line')
    op.drop_constraint('something', 'line')
)py");
  EXPECT_EQ(texts(result.upgrade), (Strings{
                                       "ADD UNIQUE uq_sku (sku) ON public.product",
                                       "ADD UNIQUE (a, b) DEFERRABLE ON s.product",
                                       "ADD CHECK ck_qty quantity > 0 ON public.line",
                                       "ADD CHECK ck_text note <> '' ON public.line",
                                       "ADD PK user_pkey (id) ON public.user",
                                       "DROP FK item_owner_id_fkey ON public.item",
                                       "DROP PK user_pkey ON public.user",
                                       "DROP UNIQUE uq_sku ON public.product",
                                       "DROP CHECK ck_qty ON public.line",
                                       "DROP FK something ON public.line",
                                   }));
  ASSERT_EQ(result.notes.size(), 1u);
  EXPECT_EQ(result.notes[0].second,
            "op.drop_constraint('something') without type_: the kind of constraint is unknown "
            "(taken as a foreign key; PostgreSQL drops it by name)");
}

TEST(Constraints, CheckExpressionsOnKnownIntegerColumnsAreCanonical) {
  auto ops = upgrade_ops(R"py(    op.create_table('line', sa.Column('quantity', sa.Integer),
                    sa.CheckConstraint('quantity > 0', name='line_quantity_positive'))
    op.create_check_constraint('ck_q', 'line', 'quantity <= 100')
)py");
  EXPECT_EQ(ops, (Strings{
                     "CREATE TABLE public.line (quantity integer, CHECK line_quantity_positive "
                     "(quantity > 0))",
                     "ADD CHECK ck_q (quantity <= 100) ON public.line",
                 }));
}

TEST(Tables, DropRenameAndComments) {
  auto ops = upgrade_ops(R"py(    op.drop_table('prompt')
    op.drop_table('x', schema='s')
    op.rename_table('old', 'new')
    op.rename_table(old_table_name='a', new_table_name='b', schema='s')
    op.create_table_comment('t', 'what it holds')
    op.create_table_comment('t', comment='again', existing_comment='what it holds', schema='s')
    op.drop_table_comment('t', existing_comment='again')
)py");
  EXPECT_EQ(ops,
            (Strings{"DROP TABLE public.prompt", "DROP TABLE s.x", "RENAME TABLE public.old TO new",
                     "RENAME TABLE s.a TO b", "COMMENT ON public.t 'what it holds'",
                     "COMMENT ON s.t 'again'", "COMMENT ON public.t NULL"}));
}

TEST(Execute, SchemaAndDataStatements) {
  auto result = interpret(R"py(    op.execute('CREATE EXTENSION IF NOT EXISTS "uuid-ossp"')
    op.execute(sa.text("ALTER TYPE ee ADD VALUE 'b'"))
    op.execute(
        """
        UPDATE issue
           SET owner_id = NULL
        """
    )
    op.execute("-- fix rows\ndelete from issue; insert into t values (1)")
    op.execute("UPDATE t SET a = 1; ALTER TABLE t ADD COLUMN b int")
    conn = op.get_bind()
    conn.execute(sa.text("SELECT 1"))
    conn.execute(sa.text("UPDATE t SET a = :v"), {"v": 2})
    accounts = sa.table('account', sa.column('name', sa.String))
    op.execute(accounts.update().where(accounts.c.name == op.inline_literal('a')).values({'name': 'b'}))
)py");
  EXPECT_EQ(texts(result.upgrade),
            (Strings{
                "EXECUTE CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\"",
                "EXECUTE ALTER TYPE ee ADD VALUE 'b'",
                "DATA \n        UPDATE issue\n           SET owner_id = NULL\n        ",
                "DATA -- fix rows\ndelete from issue; insert into t values (1)",
                "EXECUTE UPDATE t SET a = 1; ALTER TABLE t ADD COLUMN b int",
                "DATA SELECT 1",
            }));
  ASSERT_EQ(result.notes.size(), 2u);
  EXPECT_EQ(result.notes[0].second,
            "op.get_bind().execute() of a data statement with parameters (data, not schema)");
  EXPECT_EQ(
      result.notes[1].second,
      "op.execute() of sa.table('account').update().where(...).values(...) (data, not schema)");
}

TEST(BatchMode, RunsTheAltersWhenTheBlockEnds) {
  auto ops = upgrade_ops(R"py(    with op.batch_alter_table('item', schema=None) as batch_op:
        batch_op.add_column(sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False))
        op.execute("UPDATE item SET x = 1")
        batch_op.alter_column('title', existing_type=sa.VARCHAR(), nullable=True)
        batch_op.drop_column('old')
        batch_op.create_index(batch_op.f('ix_item_title'), ['title'], unique=False)
        batch_op.drop_index('ix_old')
        batch_op.create_foreign_key('fk_owner', 'user', ['owner_id'], ['id'], ondelete='CASCADE')
        batch_op.create_unique_constraint('uq_title', ['title'])
        batch_op.create_check_constraint('ck_title', 'length(title) > 0')
        batch_op.create_primary_key('item_pkey', ['id'])
        batch_op.drop_constraint('fk_old', type_='foreignkey')
    with op.batch_alter_table('node', schema='s') as b:
        b.drop_column('x')
)py");
  EXPECT_EQ(ops,
            (Strings{
                "DATA UPDATE item SET x = 1",
                "ADD COLUMN public.item created_at timestamp with time zone NOT NULL DEFAULT now()",
                "ALTER COLUMN public.item title [was title character varying] NULL",
                "DROP COLUMN public.item old",
                "CREATE INDEX ix_item_title (title) ON public.item",
                "DROP INDEX ix_old ON public.item",
                "ADD FK fk_owner (owner_id) -> public.user(id) ON DELETE CASCADE ON public.item",
                "ADD UNIQUE uq_title (title) ON public.item",
                "ADD CHECK ck_title length(title) > 0 ON public.item",
                "ADD PK item_pkey (id) ON public.item",
                "DROP FK fk_old ON public.item",
                "DROP COLUMN s.node x",
            }));
}

// The same calls with their arguments named (Alembic 1.8's signatures): the batch's table is
// then given by name, not put first in place of the constraint's or index's name.
TEST(BatchMode, ArgumentsGivenByName) {
  auto ops = upgrade_ops(R"py(    with op.batch_alter_table('metrics', schema=None) as batch_op:
        batch_op.drop_constraint(constraint_name='metric_pk', type_='primary')
        batch_op.create_primary_key(constraint_name='metric_pk', columns=['key', 'ts'])
        batch_op.create_index(index_name='ix_metrics_key', columns=['key'])
        batch_op.create_foreign_key(constraint_name='fk_run', referent_table='run',
                                    local_cols=['run_id'], remote_cols=['id'])
        batch_op.create_unique_constraint('uq_key', columns=['key'])
        batch_op.alter_column(column_name='key', nullable=False)
        batch_op.create_foreign_key('fk_b', 'b', ['b_id'], ['id'], None, 'CASCADE')
)py");
  EXPECT_EQ(ops, (Strings{
                     "DROP PK metric_pk ON public.metrics",
                     "ADD PK metric_pk (key, ts) ON public.metrics",
                     "CREATE INDEX ix_metrics_key (key) ON public.metrics",
                     "ADD FK fk_run (run_id) -> public.run(id) ON public.metrics",
                     "ADD UNIQUE uq_key (key) ON public.metrics",
                     "ALTER COLUMN public.metrics key [was key ] NOT NULL",
                     "ADD FK fk_b (b_id) -> public.b(id) ON UPDATE CASCADE ON public.metrics",
                 }));
}

// Seen in two public histories (a workflow scheduler, an ML tracking server): dialect variants
// of a type, the bind's engine, batch_op.get_bind(), an empty set(), a Python-side default.
TEST(BatchMode, VariantsEngineNamesAndPythonSideDefaults) {
  auto ops = upgrade_ops(R"py(    conn = op.get_bind()
    names = set()
    if conn.engine.name == 'mysql':
        names.add('x')
    with op.batch_alter_table('dag') as batch_op:
        if batch_op.get_bind().dialect.name == 'postgresql' and not names:
            batch_op.add_column(sa.Column('data', sa.JSON().with_variant(postgresql.JSONB, 'postgresql')))
        batch_op.add_column(sa.Column('id', sa.String(36).with_variant(postgresql.UUID(), 'postgresql', 'cockroachdb')))
        batch_op.add_column(sa.Column('body', sa.Text().with_variant(mysql.MEDIUMTEXT(), 'mysql')))
        batch_op.add_column(sa.Column('at', sa.BigInteger(), default=lambda: int(time.time())))
        batch_op.alter_column('n', existing_type=mysql.INTEGER(display_width=11), nullable=False)
)py",
                         "from sqlalchemy.dialects import mysql\nimport time\n\n");
  EXPECT_EQ(ops, (Strings{
                     "ADD COLUMN public.dag data jsonb",
                     "ADD COLUMN public.dag id uuid",
                     "ADD COLUMN public.dag body text",
                     "ADD COLUMN public.dag at bigint",
                     "ALTER COLUMN public.dag n [was n ] NOT NULL",
                 }));
  EXPECT_EQ(error_of("    op.add_column('t', sa.Column('b', mysql.MEDIUMTEXT()))\n",
                     "from sqlalchemy.dialects import mysql\n\n"),
            "v/abc_test.py:21:24: column 'b': mysql.MEDIUMTEXT is a type of another database, "
            "which PostgreSQL does not have (use a PostgreSQL type, or .with_variant() for the "
            "other database)\n"
            "    op.add_column('t', sa.Column('b', mysql.MEDIUMTEXT()))\n"
            "                       ^");
  // The engine has a name; the connection has none (AttributeError under Alembic).
  EXPECT_EQ(error_of("    if op.get_bind().name == 'postgresql':\n        pass\n"),
            "v/abc_test.py:19:8: a connection has no attribute 'name' (Python raises "
            "AttributeError here when Alembic runs it); the database's name is "
            "op.get_bind().dialect.name\n"
            "    if op.get_bind().name == 'postgresql':\n"
            "       ^");
}

TEST(BatchMode, RecreateAlwaysIsReported) {
  EXPECT_EQ(error_of("    with op.batch_alter_table('t', recreate='always') as b:\n        "
                     "b.drop_column('x')\n"),
            "v/abc_test.py:19:45: op.batch_alter_table(): recreate='always' (move and copy) is not "
            "supported by the interpreter\n"
            "    with op.batch_alter_table('t', recreate='always') as b:\n"
            "                                            ^");
}

TEST(Autocommit, OpsInTheBlockAreMarked) {
  auto ops = upgrade_ops(R"py(    op.execute("ALTER TYPE s ADD VALUE 'x'")
    with op.get_context().autocommit_block():
        op.execute("ALTER TYPE s ADD VALUE 'y'")
        op.create_index('ix_c', 't', ['c'], postgresql_concurrently=True)
    op.execute("UPDATE t SET s = 'y'")
)py");
  EXPECT_EQ(ops, (Strings{"EXECUTE ALTER TYPE s ADD VALUE 'x'",
                          "[autocommit] EXECUTE ALTER TYPE s ADD VALUE 'y'",
                          "[autocommit] CREATE INDEX ix_c (c) ON public.t",
                          "DATA UPDATE t SET s = 'y'"}));
}

}  // namespace
}  // namespace asq
