// op.create_table: columns, keys, defaults, enums, indexes, partitioning and
// inheritance.

#include <gtest/gtest.h>

#include <filesystem>

#include "interpret/interpreter.h"
#include "interpret/partitioning.h"
#include "sql/type_names.h"
#include "support/interpret.h"

namespace asq {
namespace {

using namespace test;

// Expected ops follow what Alembic 1.8.1 / SQLAlchemy 1.4.46 emit for the same file
// (`alembic upgrade head --sql`), in the model's canonical spelling.

TEST(CreateTable, ColumnArgumentFormsAndServerDefaults) {
  auto ops = upgrade_ops(R"py(    op.create_table('t',
        sa.Column(name='a', type_=sa.Integer(), nullable=False, server_default=sa.text('0')),
        sa.Column('b', sa.DateTime, server_default=sa.func.current_timestamp()),
        sa.Column('c', sa.DateTime(timezone=True), server_default=sa.func.timezone('utc', sa.func.now())),
        sa.Column('d', sa.Boolean(), server_default=sa.false()),
        sa.Column('e', postgresql.JSONB(), server_default=sa.text("'{}'::jsonb")),
        sa.Column('f', sa.String(20), server_default=sa.text("'new'")),
        sa.Column('g', sa.Integer, default=5, onupdate=6),
        sa.Column('h', sa.Text, server_default=None, comment="it's"),
        sa.Column('i', sa.String(10, collation='C')),
        sa.Column('j', postgresql.ARRAY(sa.String(20)), server_default='{}'),
        sa.Column('k', sa.BigInteger, server_default='-1'),
        sa.Column('l', postgresql.UUID(as_uuid=True), server_default=sa.text('gen_random_uuid()')),
    )
)py");
  EXPECT_EQ(ops, (Strings{
                     "CREATE TABLE public.t (a integer NOT NULL DEFAULT 0, "
                     "b timestamp without time zone DEFAULT CURRENT_TIMESTAMP, "
                     "c timestamp with time zone DEFAULT timezone('utc'::text, now()), "
                     "d boolean DEFAULT false, e jsonb DEFAULT '{}'::jsonb, "
                     "f character varying(20) DEFAULT 'new'::character varying, g integer, "
                     "h text COMMENT 'it's', i character varying(10) COLLATE \"C\", "
                     "j character varying(20)[] DEFAULT '{}'::character varying[], "
                     "k bigint DEFAULT '-1'::bigint, l uuid DEFAULT gen_random_uuid())",
                 }));
}

TEST(CreateTable, DefaultsThatCannotBePredictedAreReported) {
  EXPECT_EQ(
      error_of("    op.add_column('t', sa.Column('at', sa.DateTime(timezone=True), "
               "server_default='2020-01-01'))\n"),
      "v/abc_test.py:19:83: server_default: cannot normalize a string default on a column of type "
      "timestamp with time zone\n"
      "    op.add_column('t', sa.Column('at', sa.DateTime(timezone=True), "
      "server_default='2020-01-01'))\n"
      "                                                                                  ^");
}

TEST(CreateTable, AutogenerateStyleTable) {
  auto ops = upgrade_ops(R"py(    op.create_table('project',
    sa.Column('id', postgresql.UUID(as_uuid=True), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('is_active', sa.Boolean(), server_default=sa.text('true'), nullable=False),
    sa.Column('is_public', sa.Boolean(), server_default='false', nullable=False),
    sa.Column('owner_id', postgresql.UUID(as_uuid=True), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('price', sa.Numeric(precision=10, scale=2), nullable=True),
    sa.Column('currency', sa.String(length=3), server_default='USD', nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['user.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('owner_id', 'name', name='uq_project_owner_id_name')
    )
    op.create_index(op.f('ix_project_owner_id'), 'project', ['owner_id'], unique=False)
)py");
  EXPECT_EQ(
      ops,
      (Strings{
          "CREATE TABLE public.project (id uuid NOT NULL, name character varying(255) NOT NULL, "
          "is_active boolean NOT NULL DEFAULT true, is_public boolean NOT NULL DEFAULT false, "
          "owner_id uuid NOT NULL, created_at timestamp with time zone NOT NULL DEFAULT now(), "
          "price numeric(10,2), currency character varying(3) NOT NULL DEFAULT "
          "'USD'::character varying, PK (id), FK (owner_id) -> public.user(id) ON DELETE CASCADE, "
          "UNIQUE uq_project_owner_id_name (owner_id, name))",
          "CREATE INDEX ix_project_owner_id (owner_id) ON public.project",
      }));
}

TEST(CreateTable, IntegerPrimaryKeyBecomesSerial) {
  auto ops = upgrade_ops(R"py(    op.create_table(
        "user",
        sa.Column("email", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
)py");
  EXPECT_EQ(ops,
            (Strings{
                "CREATE SEQUENCE public.user_id_seq AS integer MAXVALUE 2147483647",
                "CREATE TABLE public.user (email character varying NOT NULL, id integer NOT NULL "
                "DEFAULT nextval('public.user_id_seq'::regclass), PK (id))",
                "OWNED BY public.user_id_seq user.id",
            }));
}

TEST(CreateTable, SerialFollowsSqlAlchemysAutoincrementRules) {
  auto ops =
      upgrade_ops(R"py(    op.create_table('a', sa.Column('id', sa.BigInteger(), primary_key=True))
    op.create_table('b', sa.Column('id', sa.SmallInteger, primary_key=True), schema='s')
    op.create_table('c', sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
                    sa.PrimaryKeyConstraint('id'))
    op.create_table('d', sa.Column('id', sa.Integer, primary_key=True, server_default='1'))
    op.create_table('e', sa.Column('id', sa.Integer, sa.ForeignKey('a.id'), primary_key=True))
    op.create_table('f', sa.Column('x', sa.Integer, primary_key=True),
                    sa.Column('y', sa.Integer, primary_key=True))
    op.create_table('g', sa.Column('id', sa.Numeric(10, 0), primary_key=True))
)py");
  EXPECT_EQ(ops,
            (Strings{
                "CREATE SEQUENCE public.a_id_seq AS bigint MAXVALUE 9223372036854775807",
                "CREATE TABLE public.a (id bigint NOT NULL DEFAULT "
                "nextval('public.a_id_seq'::regclass), PK (id))",
                "OWNED BY public.a_id_seq a.id",
                "CREATE SEQUENCE s.b_id_seq AS smallint MAXVALUE 32767",
                "CREATE TABLE s.b (id smallint NOT NULL DEFAULT nextval('s.b_id_seq'::regclass), "
                "PK (id))",
                "OWNED BY s.b_id_seq b.id",
                "CREATE TABLE public.c (id integer NOT NULL, PK (id))",
                "CREATE TABLE public.d (id integer NOT NULL DEFAULT 1, PK (id))",
                "CREATE TABLE public.e (id integer NOT NULL, PK (id), FK (id) -> public.a(id))",
                "CREATE TABLE public.f (x integer NOT NULL, y integer NOT NULL, PK (x, y))",
                "CREATE SEQUENCE public.g_id_seq AS integer MAXVALUE 2147483647",
                "CREATE TABLE public.g (id integer NOT NULL DEFAULT "
                "nextval('public.g_id_seq'::regclass), PK (id))",
                "OWNED BY public.g_id_seq g.id",
            }));
}

TEST(CreateTable, AutoincrementColumnComesFirstInAnImplicitPrimaryKey) {
  auto ops = upgrade_ops(R"py(    op.create_table('u', sa.Column('a', sa.Integer, primary_key=True),
                    sa.Column('b', sa.SmallInteger, primary_key=True, autoincrement=True))
)py");
  EXPECT_EQ(ops, (Strings{
                     "CREATE SEQUENCE public.u_b_seq AS smallint MAXVALUE 32767",
                     "CREATE TABLE public.u (a integer NOT NULL, b smallint NOT NULL DEFAULT "
                     "nextval('public.u_b_seq'::regclass), PK (b, a))",
                     "OWNED BY public.u_b_seq u.b",
                 }));
}

TEST(CreateTable, IdentityComputedAndColumnLevelItems) {
  auto result = interpret(R"py(    op.create_table('t',
        sa.Column('id', sa.BigInteger, sa.Identity(always=True, start=5), primary_key=True),
        sa.Column('n', sa.Integer, sa.Identity()),
        sa.Column('double_id', sa.Integer, sa.Computed('id * 2')),
        sa.Column('o', sa.Integer, sa.ForeignKey('other.id', ondelete='SET NULL', name='fk_o'),
                  unique=True, comment='the other'),
        sa.Column('q', sa.Integer, sa.CheckConstraint('q > 0')),
        sa.Column('e', sa.Enum('a', 'b', name='ee'), unique=True, index=True),
        sa.CheckConstraint('n != 1', name='n_not_one'),
        comment='a table')
)py");
  EXPECT_EQ(
      texts(result.upgrade),
      (Strings{
          "CREATE TYPE public.ee ('a', 'b')",
          "CREATE TABLE public.t (id bigint NOT NULL IDENTITY always (START WITH 5), n integer "
          "NOT NULL IDENTITY "
          "by default, double_id integer GENERATED (id * 2), o integer COMMENT 'the other', "
          "q integer, e public.ee, PK (id), UNIQUE (o), CHECK (q > 0), "
          "FK fk_o (o) -> public.other(id) ON DELETE SET NULL, CHECK n_not_one (n <> 1)) "
          "COMMENT 'a table'",
          "CREATE UNIQUE INDEX ix_t_e (e) ON public.t",
      }));
  EXPECT_TRUE(result.notes.empty());
}

TEST(CreateTable, EnumTypesAreCreatedOnceBeforeTheTable) {
  auto ops = upgrade_ops(R"py(    op.create_table('node',
        sa.Column('status', sa.Enum('online', 'offline', name='nodestatus'), server_default='offline', nullable=False),
        sa.Column('previous', sa.Enum('online', 'offline', name='nodestatus')),
        sa.Column('kind', postgresql.ENUM('x', name='kind', create_type=False)),
        sa.Column('mode', sa.Enum('p', 'qq', native_enum=False)),
        sa.Column('region', sa.Enum('eu', name='region', schema='geo')))
)py");
  EXPECT_EQ(ops, (Strings{
                     "CREATE TYPE public.nodestatus ('online', 'offline')",
                     "CREATE TYPE geo.region ('eu')",
                     "CREATE TABLE public.node (status public.nodestatus NOT NULL DEFAULT "
                     "'offline'::public.nodestatus, previous public.nodestatus, kind public.kind, "
                     "mode character varying(2), region geo.region)",
                 }));
}

TEST(CreateTable, ColumnIndexesGetConventionalNames) {
  auto ops = upgrade_ops(R"py(    op.create_table('t',
        sa.Column('id', sa.Integer, index=True),
        sa.Column('a_very_long_column_name_that_goes_on_and_on_and_on_forever', sa.Integer, index=True),
        sa.Index('ix_named', 'id', unique=True),
        schema='s')
)py");
  EXPECT_EQ(ops, (Strings{
                     "CREATE TABLE s.t (id integer, "
                     "a_very_long_column_name_that_goes_on_and_on_and_on_forever integer)",
                     "CREATE INDEX ix_s_t_id (id) ON s.t",
                     "CREATE INDEX ix_s_t_a_very_long_column_name_that_goes_on_and_on_and__e7f8 "
                     "(a_very_long_column_name_that_goes_on_and_on_and_on_forever) ON s.t",
                     "CREATE UNIQUE INDEX ix_named (id) ON s.t",
                 }));
}

TEST(CreateTable, ColumnsHeldInVariablesAndSplicedLists) {
  auto ops = upgrade_ops(R"py(    cols = [sa.Column(name, sa.Text()) for name in TEXT_COLUMNS]
    key = sa.Column('id', postgresql.UUID(as_uuid=True), primary_key=True)
    op.create_table('doc', key, *cols, sa.Column('n', sa.Integer))
)py",
                         "TEXT_COLUMNS = ('title', 'body')\n\n");
  EXPECT_EQ(ops, (Strings{"CREATE TABLE public.doc (id uuid NOT NULL, title text, body text, n "
                          "integer, PK (id))"}));
}

TEST(CreateTable, ReturnsATableForBulkInsert) {
  auto result = interpret(
      R"py(    t = op.create_table('kv', sa.Column('k', sa.Text, primary_key=True), sa.Column('v', sa.Text))
    op.bulk_insert(t, [{'k': 'a', 'v': '1'}, {'k': 'b', 'v': '2'}])
    op.bulk_insert(sa.table('kv', sa.column('k'), sa.column('v')), [{'k': 'c', 'v': str(uuid.uuid4())}])
)py",
      "    pass\n", "import uuid\n\n");
  EXPECT_EQ(texts(result.upgrade).size(), 1u);
  ASSERT_EQ(result.notes.size(), 2u);
  EXPECT_EQ(result.notes[0].second, "op.bulk_insert into 'kv': 2 rows (data, not schema)");
  EXPECT_EQ(result.notes[0].first, (SourceLocation{"v/abc_test.py", 22, 5}));
  EXPECT_EQ(result.notes[1].second, "op.bulk_insert into 'kv': 1 rows (data, not schema)");
}

// prefixes=["TEMPORARY"]: a table of the migration's session only, no part of the schema (it
// was read as a permanent table, which the sync revision then dropped); other prefixes make
// what the model does not carry.
TEST(CreateTable, ATemporaryTableIsNoPartOfTheSchema) {
  auto result = interpret(
      R"py(    op.create_table('t', sa.Column('id', sa.Integer, primary_key=True))
    tmp = op.create_table('tmp_ids', sa.Column('id', sa.Integer), prefixes=['TEMPORARY'])
    op.bulk_insert(tmp, [{'id': 1}])
)py");
  EXPECT_EQ(texts(result.upgrade),
            (Strings{"CREATE SEQUENCE public.t_id_seq AS integer MAXVALUE 2147483647",
                     "CREATE TABLE public.t (id integer NOT NULL DEFAULT "
                     "nextval('public.t_id_seq'::regclass), PK (id))",
                     "OWNED BY public.t_id_seq t.id"}));
  ASSERT_EQ(result.notes.size(), 2u);
  EXPECT_EQ(result.notes[0].second,
            "op.create_table(prefixes=['TEMPORARY']): a temporary table, gone when the "
            "migration's session ends: no part of the schema");
  EXPECT_EQ(
      error_of("    op.create_table('u', sa.Column('id', sa.Integer), prefixes=['UNLOGGED'])\n"),
      "v/abc_test.py:19:64: op.create_table(prefixes=...): 'UNLOGGED' tables are not "
      "carried by the model (only TEMPORARY ones are read)\n"
      "    op.create_table('u', sa.Column('id', sa.Integer), prefixes=['UNLOGGED'])\n"
      "                                                               ^");
}

TEST(CreateTable, PartitionedTableKeepsItsKeyAsTheServerPrintsIt) {
  auto ops = upgrade_ops(R"py(    op.execute("CREATE SEQUENCE measurement_id_seq AS bigint")
    op.create_table('measurement',
    sa.Column('id', sa.BigInteger(), server_default=sa.text("nextval('measurement_id_seq'::regclass)"), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', 'recorded_at'),
    postgresql_partition_by='RANGE (recorded_at)'
    )
    op.create_table('event_log', sa.Column('kind', sa.String(length=16), nullable=False),
                    postgresql_partition_by='list(Kind)')
)py");
  EXPECT_EQ(ops, (Strings{
                     "EXECUTE CREATE SEQUENCE measurement_id_seq AS bigint",
                     "CREATE TABLE public.measurement (id bigint NOT NULL DEFAULT "
                     "nextval('public.measurement_id_seq'::regclass), recorded_at timestamp with "
                     "time zone NOT NULL, PK (id, recorded_at)) PARTITION BY RANGE (recorded_at)",
                     "CREATE TABLE public.event_log (kind character varying(16) NOT NULL) "
                     "PARTITION BY LIST (kind)",
                 }));
}

TEST(CreateTable, PartitionKeyExpressionsAreNotedAsKeptAsWritten) {
  RevisionOps result =
      interpret(R"py(    op.create_table('reading', sa.Column('amount', sa.Integer()),
                    postgresql_partition_by='RANGE (amount, (amount * 2))')
)py");
  ASSERT_EQ(result.notes.size(), 1u);
  EXPECT_EQ(result.notes[0].first, (SourceLocation{"v/abc_test.py", 19, 5}));
  EXPECT_EQ(result.notes[0].second,
            "partition key of 'reading': (amount * 2) is kept as written, not as the server "
            "prints it");
}

TEST(CreateTable, InheritingTableHasOnlyItsOwnColumnsAndNamesItsParents) {
  auto ops = upgrade_ops(R"py(    op.create_table('gateway',
    sa.Column('uplink', sa.String(length=40), nullable=False),
    postgresql_inherits='device'
    )
    op.create_table('relay', sa.Column('hops', sa.Integer()), schema='edge',
                    postgresql_inherits=('device', 'Powered'), postgresql_partition_by=None)
)py");
  EXPECT_EQ(ops, (Strings{
                     "CREATE TABLE public.gateway (uplink character varying(40) NOT NULL) "
                     "INHERITS (public.device)",
                     "CREATE TABLE edge.relay (hops integer) INHERITS (public.device, "
                     "public.Powered)",
                 }));
}

std::string key_of(std::string_view sql) { return interp::partition_key_from_sql(sql).text; }

TEST(PartitionKey, SpellsColumnsAsPgGetPartkeydefAndKeepsExpressionsAsWritten) {
  EXPECT_EQ(key_of("range(Recorded_At, \"Kind\")"), "RANGE (recorded_at, \"Kind\")");
  EXPECT_EQ(key_of("  HASH ( \"select\" )\n"), "HASH (\"select\")");
  EXPECT_EQ(key_of("LIST (\"a\"\"b\")"), "LIST (\"a\"\"b\")");
  EXPECT_EQ(key_of("RANGE ((x + y), lower(k), k COLLATE \"C\")"),
            "RANGE ((x + y), lower(k), k COLLATE \"C\")");
  EXPECT_EQ(interp::partition_key_from_sql("RANGE ((x + y), lower(k), z)").as_written,
            (Strings{"(x + y)", "lower(k)"}));
  EXPECT_THROW(key_of("RANGE recorded_at"), SpellingError);
  EXPECT_THROW(key_of("INTERVAL (recorded_at)"), SpellingError);
  EXPECT_THROW(key_of("RANGE (a, )"), SpellingError);
}

}  // namespace
}  // namespace asq
