// What the reader tolerates because a squash does not need it: downgrades it cannot read, data
// migrations, keywords of newer Alembic and SQLAlchemy, unknown keywords (issue 11, section 1).

#include <gtest/gtest.h>

#include <algorithm>

#include "interpret/interpreter.h"
#include "support/interpret.h"

namespace asq {
namespace {

using namespace test;

/// "<line>: <text>" for each located note or warning.
Strings lines(const std::vector<std::pair<SourceLocation, std::string>>& items) {
  Strings out;
  for (const auto& [where, text] : items) out.push_back(std::to_string(where.line) + ": " + text);
  return out;
}

// ---- downgrade() is never needed ----

TEST(Downgrade, WhatCannotBeReadIsANoteNotAStop) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"    op.drop_constraint(None, 't', type_='foreignkey')\n",
       "23: downgrade() is set aside (a squash does not need it): op.drop_constraint(): "
       "constraint_name must be a string, found None"},
      {"    op.drop_constraint('ck_x')\n",
       "23: downgrade() is set aside (a squash does not need it): op.drop_constraint() is "
       "missing argument table_name"},
      {"    op.create_view('v', 'SELECT 1')\n",
       "23: downgrade() is set aside (a squash does not need it): op.create_view is not "
       "supported by the interpreter"},
      {"    op.drop_table('a')\n    raise NotImplementedError()\n",
       "24: downgrade() raises: raise NotImplementedError()"},
  };
  for (const auto& [downgrade, note] : cases) {
    RevisionOps ops = interpret("    op.drop_table('t')\n", downgrade);
    EXPECT_EQ(texts(ops.upgrade), Strings{"DROP TABLE public.t"}) << downgrade;
    EXPECT_EQ(lines(ops.notes), Strings{note}) << downgrade;
    EXPECT_TRUE(unmodelled(ops).empty()) << downgrade;
  }
  RevisionOps ops = interpret("    pass\n", "    op.drop_constraint(None, 't')\n");
  EXPECT_TRUE(ops.downgrade.empty());
}

TEST(Downgrade, UnknownKeywordsThereAreNotesNotWarnings) {
  RevisionOps ops =
      interpret("    pass\n", "    op.create_index('ix', 't', ['a'], postgresql_tablespace='x')\n");
  EXPECT_EQ(texts(ops.downgrade), Strings{"CREATE INDEX ix (a) ON public.t"});
  EXPECT_EQ(lines(ops.notes),
            Strings{"23: downgrade(): op.create_index(): argument postgresql_tablespace= is not "
                    "known to the interpreter; the revision is read without it"});
  EXPECT_TRUE(unmodelled(ops).empty());
}

TEST(Downgrade, AnUnreadableUpgradeStillStops) {
  EXPECT_EQ(error_of("    op.drop_constraint(None, 't')\n"),
            "v/abc_test.py:19:24: op.drop_constraint(): constraint_name must be a string, found "
            "None\n"
            "    op.drop_constraint(None, 't')\n"
            "                       ^");
}

// ---- data migrations ----

TEST(DataMigrations, LoopsAndValuesReadFromTheDatabaseAreSetAside) {
  RevisionOps ops = interpret(
      "    op.add_column('t', sa.Column('x', sa.Integer()))\n"
      "    conn = op.get_bind()\n"
      "    for row in conn.execute(sa.text('SELECT id FROM t')):\n"
      "        conn.execute(sa.text('UPDATE t SET x = 1 WHERE id = :i'), {'i': row.id})\n"
      "    while conn.execute(sa.text('SELECT count(*) FROM t WHERE x IS NULL')).scalar() > 0:\n"
      "        conn.execute(sa.text('UPDATE t SET x = 0'))\n"
      "    n = next(iter(conn.execute(sa.text('SELECT count(*) FROM t'))))[0]\n"
      "    batches = n / 1000 * 2\n"
      "    ids = [r.id for r in conn.execute(sa.text('SELECT id FROM t')).fetchall()]\n"
      "    if batches > 3:\n"
      "        conn.execute(sa.text('DELETE FROM t'))\n"
      "    op.get_bind().commit()\n"
      "    op.alter_column('t', 'x', nullable=False)\n");
  EXPECT_EQ(texts(ops.upgrade),
            (Strings{"ADD COLUMN public.t x integer", "DATA SELECT id FROM t",
                     "DATA SELECT count(*) FROM t WHERE x IS NULL", "DATA SELECT count(*) FROM t",
                     "DATA SELECT id FROM t", "ALTER COLUMN public.t x [was x integer] NOT NULL"}));
  EXPECT_EQ(lines(ops.notes),
            (Strings{"21: a loop over the result of a query: runs as the data says (data, not "
                     "schema)",
                     "22: op.get_bind().execute() of a data statement with parameters (data, not "
                     "schema)",
                     "23: a while loop over a comparison of unknown values: runs as the data says "
                     "(data, not schema)",
                     "24: a data statement in a while loop over a comparison of unknown values "
                     "(data, not schema)",
                     "28: an if over a comparison of unknown values: runs as the data says (data, "
                     "not schema)",
                     "29: a data statement in an if over a comparison of unknown values (data, "
                     "not schema)",
                     "30: op.get_bind().commit(): transaction handling (data, not schema)"}));
  EXPECT_TRUE(unmodelled(ops).empty());
}

TEST(DataMigrations, ASchemaChangeThatDependsOnRowsIsUnmodelled) {
  RevisionOps ops = interpret(
      "    conn = op.get_bind()\n"
      "    for row in conn.execute(sa.text('SELECT name FROM old_tables')):\n"
      "        op.drop_table(row.name)\n"
      "    if conn.execute(sa.text('SELECT 1')).scalar():\n"
      "        op.drop_table('t')\n"
      "    op.drop_table('u')\n");
  EXPECT_EQ(texts(ops.upgrade),
            (Strings{"DATA SELECT name FROM old_tables", "DATA SELECT 1", "DROP TABLE public.u"}));
  EXPECT_EQ(lines(unmodelled(ops)),
            (Strings{"21: in a loop over the result of a query: op.drop_table(): table_name "
                     "must be a string, found an item of the result of a query.name",
                     "23: a schema change in an if over the result of a query.scalar(...) "
                     "depends on values read from the database"}));
}

TEST(DataMigrations, ALoopOverWhatAnUnknownCallReturnedRunsAsItsItemsSay) {
  // An ORM data migration: rows grouped into a defaultdict, then one object added per group.
  RevisionOps ops = interpret(
      "    op.create_table('role', sa.Column('id', sa.Integer()))\n"
      "    session = Session(bind=op.get_bind())\n"
      "    roles = defaultdict(list)\n"
      "    for kind in session.query(Kind).all():\n"
      "        roles[(kind.project_id, 'lead')].append(kind)\n"
      "    for key, kinds in roles.items():\n"
      "        project_id, name = key\n"
      "        session.add(Role(project_id=project_id, kinds=kinds, name=name))\n"
      "    session.commit()\n"
      "    for name in registry.tables():\n"
      "        op.drop_table(name)\n",
      "    pass\n",
      "from collections import defaultdict\nfrom sqlalchemy.orm import Session\n"
      "from app import Kind, Role, registry\n\n");
  EXPECT_EQ(texts(ops.upgrade), (Strings{"CREATE TABLE public.role (id integer)"}));
  Strings notes = lines(ops.notes);
  EXPECT_NE(std::find(notes.begin(), notes.end(),
                      "28: a loop over the result of collections.defaultdict().items(...): runs "
                      "as its items say (data, not schema)"),
            notes.end())
      << ::testing::PrintToString(notes);
  EXPECT_EQ(lines(unmodelled(ops)),
            (Strings{"33: in a loop over the result of app.registry.tables(): op.drop_table(): "
                     "table_name must be a string, found an item of the result of "
                     "app.registry.tables()"}));
}

TEST(DataMigrations, ATryBlockThatCatchesRunsUnlessAnExceptionStopsIt) {
  RevisionOps ops = interpret(
      "    try:\n"
      "        settings = PluginSettings(key=config('KEY'))\n"
      "        migrate(op.get_bind(), settings)\n"
      "        op.execute('UPDATE plugin SET enabled = false')\n"
      "    except ValidationError as error:\n"
      "        print('skipped', error)\n"
      "    try:\n"
      "        op.drop_constraint('t_x_key', 't', type_='unique')\n"
      "    except Exception:\n"
      "        pass\n"
      "    try:\n"
      "        op.add_column('t', sa.Column('y', sa.Integer()))\n"
      "    except Exception:\n"
      "        log('failed')\n"
      "        raise\n"
      "    finally:\n"
      "        op.execute('UPDATE t SET y = 0')\n"
      "    try:\n"
      "        op.add_column('t', sa.Column('z', sa.Integer()))\n"
      "    finally:\n"
      "        pass\n",
      "    pass\n", "from app import PluginSettings, ValidationError, config, log, migrate\n\n");
  EXPECT_EQ(texts(ops.upgrade), (Strings{"ADD COLUMN public.t y integer", "DATA UPDATE t SET y = 0",
                                         "ADD COLUMN public.t z integer"}));
  EXPECT_EQ(lines(unmodelled(ops)),
            (Strings{"23: the project's app.migrate() is given the database connection; what it "
                     "does to the schema is not modelled",
                     "28: a schema change in a try block that catches exceptions may be skipped "
                     "by an exception the block catches"}));
}

TEST(DataMigrations, TheMigrationContextsConnectionIsTheBind) {
  RevisionOps ops = interpret(
      "    conn = op.get_context().connection\n"
      "    conn.execute(sa.text('UPDATE t SET x = 1'))\n"
      "    op.get_context().bind.execute(sa.text('UPDATE t SET x = 2'))\n"
      "    metadata = sa.MetaData(schema=conn.dialect.default_schema_name)\n"
      "    metadata.bind = conn\n"
      "    sync_trigger(conn, metadata, 'search_vector')\n",
      "    pass\n", "from app.search import sync_trigger\n\n");
  EXPECT_EQ(texts(ops.upgrade), (Strings{"DATA UPDATE t SET x = 1", "DATA UPDATE t SET x = 2"}));
  // The schema is the server's (env.py may set it); setting an attribute of an object the
  // reader does not know changes nothing it models; the helper given the connection does.
  EXPECT_EQ(lines(unmodelled(ops)),
            (Strings{"26: the project's app.search.sync_trigger() is given the database "
                     "connection; what it does to the schema is not modelled"}));
}

TEST(DataMigrations, WhatDependsOnReflectionIsUnmodelled) {
  RevisionOps ops = interpret(
      "    inspector = Inspector.from_engine(op.get_bind())\n"
      "    if 'old' in inspector.get_table_names():\n"
      "        op.drop_table('old')\n"
      "    indexes = sa.inspect(op.get_bind()).get_indexes('t')\n"
      "    if not any(i['name'] == 'ix_t_x' for i in indexes):\n"
      "        op.create_index('ix_t_x', 't', ['x'])\n"
      "    op.add_column('t', sa.Column('y', sa.Integer()))\n",
      "    pass\n", "from sqlalchemy.engine.reflection import Inspector\n\n");
  EXPECT_EQ(texts(ops.upgrade), (Strings{"ADD COLUMN public.t y integer"}));
  EXPECT_EQ(lines(unmodelled(ops)),
            (Strings{"23: a schema change in an if over a comparison of unknown values depends "
                     "on values read from the database",
                     "26: a schema change in an if over not any(a comprehension over the database "
                     "inspected.get_indexes(...)) depends on values read from the database"}));
}

TEST(DataMigrations, BoundParametersAndValuesTheApplicationGivesMoveRowsOnly) {
  RevisionOps ops = interpret(
      "    op.execute(sa.text('UPDATE jobs SET removed = TRUE WHERE status IN :s').bindparams(\n"
      "        sa.bindparam('s', expanding=True),\n"
      "        s=tuple(i.value.upper() for i in JobStatus.finished())))\n"
      "    op.execute(sa.text('UPDATE jobs SET n = :n').bindparams(n=len(JobStatus.all())))\n",
      "    pass\n", "from app.models import JobStatus\n\n");
  EXPECT_TRUE(ops.upgrade.empty()) << ::testing::PrintToString(texts(ops.upgrade));
  EXPECT_EQ(lines(ops.notes),
            (Strings{"21: op.execute() of a data statement with parameters (data, not schema)",
                     "24: op.execute() of a data statement with parameters (data, not schema)"}));
  EXPECT_EQ(error_of("    op.execute(sa.text('ALTER TABLE t ADD c int DEFAULT :d').bindparams("
                     "d=1))\n"),
            "v/abc_test.py:19:5: op.execute() of DDL with parameters is not supported by the "
            "interpreter\n"
            "    op.execute(sa.text('ALTER TABLE t ADD c int DEFAULT :d').bindparams(d=1))\n"
            "    ^");
}

TEST(DataMigrations, BatchedBackfillWithAHelperAndConditionsOnRows) {
  RevisionOps ops = interpret(
      "    conn = op.get_bind()\n"
      "    total = _remaining(conn)\n"
      "    max_loops = total / 500 * 2 + 1\n"
      "    loops = 0\n"
      "    while _remaining(conn) > 0 and loops < max_loops:\n"
      "        loops += 1\n"
      "        conn.execute(sa.text('UPDATE v SET d = 0 WHERE id IN (SELECT id FROM v LIMIT "
      ":n)'), {'n': 500})\n"
      "        if hasattr(conn, 'commit'):\n"
      "            op.get_bind().commit()\n"
      "    left = conn.execute(sa.text('SELECT count(*) FROM v WHERE d IS NULL')).scalar()\n"
      "    op.execute('UPDATE v SET d = 0 WHERE d IS NULL' if left else 'SELECT 1')\n"
      "    op.alter_column('v', 'd', existing_type=sa.INTEGER(), nullable=False)\n",
      "    pass\n",
      "def _remaining(conn):\n"
      "    return next(iter(conn.execute(sa.text('SELECT count(*) FROM v'))))[0]\n\n");
  EXPECT_EQ(texts(ops.upgrade).back(), "ALTER COLUMN public.v d [was d integer] NOT NULL");
  EXPECT_EQ(lines(unmodelled(ops)),
            Strings{"32: op.execute(): the SQL depends on a value chosen by the result of a "
                    "query.scalar(...), read from the database"});
}

TEST(DataMigrations, OrmSessionsAndModelClassesMoveRowsOnly) {
  RevisionOps ops = interpret(
      "    op.add_column('u', sa.Column('dn', sa.String(length=120), nullable=True))\n"
      "    session = Session(bind=op.get_bind())\n"
      "    for user in session.query(User).filter(User.dn.is_(None)):\n"
      "        user.dn = (user.full_name or user.email.split('@')[0])[:120]\n"
      "    session.commit()\n",
      "    pass\n",
      "from sqlalchemy.orm import Session, declarative_base\n"
      "Base = declarative_base()\n\n"
      "class User(Base):\n"
      "    __tablename__ = 'u'\n"
      "    id = sa.Column(sa.Integer, primary_key=True)\n\n");
  EXPECT_EQ(texts(ops.upgrade), Strings{"ADD COLUMN public.u dn character varying(120)"});
  EXPECT_TRUE(unmodelled(ops).empty()) << lines(unmodelled(ops))[0];
  EXPECT_EQ(lines(ops.notes),
            Strings{"28: a loop over the result of sa.orm.Session().query(...).filter(...): runs "
                    "as the data says (data, not schema)"});
}

// ---- keywords of Alembic 1.12+ / SQLAlchemy 2.0 / the PostgreSQL dialect ----

TEST(NewerKeywords, IfExistsIsModelledIfNotExistsAccepted) {
  RevisionOps ops = interpret(
      "    op.create_index('ix', 't', ['a'], if_not_exists=True)\n"
      "    op.drop_index('ix_old', table_name='t', if_exists=True)\n"
      "    op.drop_index('ix_w', table_name='t', postgresql_where=sa.text('a > 0'))\n"
      "    op.create_table('n', sa.Column('id', sa.Integer()), if_not_exists=True)\n"
      "    op.drop_table('gone', schema='audit', if_exists=True)\n");
  EXPECT_EQ(
      texts(ops.upgrade),
      (Strings{"CREATE INDEX ix (a) ON public.t", "EXECUTE DROP INDEX IF EXISTS public.ix_old",
               "DROP INDEX ix_w ON public.t", "CREATE TABLE public.n (id integer)",
               "EXECUTE DROP TABLE IF EXISTS audit.gone"}));
  EXPECT_EQ(lines(ops.notes),
            (Strings{"19: op.create_index(if_not_exists=True): modelled as a plain CREATE INDEX "
                     "(the index must not exist yet)",
                     "22: op.create_table(if_not_exists=True): modelled as a plain CREATE TABLE "
                     "(the table must not exist yet)"}));
  EXPECT_TRUE(unmodelled(ops).empty());
}

TEST(NewerKeywords, TypesOfSqlAlchemy2AndThePostgresqlDialect) {
  EXPECT_EQ(
      upgrade_ops("    op.create_table('t',\n"
                  "        sa.Column('id', sa.UUID(), nullable=False),\n"
                  "        sa.Column('email', postgresql.CITEXT()),\n"
                  "        sa.Column('s', sa.Enum('a', 'b', name='st', create_type=False)),\n"
                  "        sa.Column('tags', postgresql.ARRAY(sa.Enum('x', 'y', name='tag'))),\n"
                  "        sa.Column('k', postgresql.ARRAY(postgresql.ENUM(name='kd', "
                  "create_type=False))))\n"),
      (Strings{"CREATE TYPE public.st ('a', 'b')", "CREATE TYPE public.tag ('x', 'y')",
               "CREATE TABLE public.t (id uuid NOT NULL, email public.citext, s public.st, "
               "tags public.tag[], k public.kd[])"}));
}

TEST(NewerKeywords, IndexOptionsAreModelledConstraintOptionsWarn) {
  RevisionOps ops = interpret(
      "    op.create_index('ix', 't', ['a'], unique=True, postgresql_include=['b'],\n"
      "                    postgresql_nulls_not_distinct=True)\n"
      "    op.create_unique_constraint('uq', 't', ['a'], postgresql_include=['b'])\n");
  EXPECT_EQ(texts(ops.upgrade),
            (Strings{"CREATE UNIQUE INDEX ix (a) INCLUDE (b) NULLS NOT DISTINCT ON public.t",
                     "ADD UNIQUE uq (a) ON public.t"}));
  EXPECT_EQ(lines(unmodelled(ops)),
            Strings{"21: op.create_unique_constraint(): postgresql_include= on a constraint is "
                    "not modelled; the revision is read without it"});
}

TEST(UnknownKeywords, AreWarningsAndTheOpIsKept) {
  RevisionOps ops =
      interpret("    op.create_index('ix', 't', ['a'], postgresql_tablespace='fast')\n");
  EXPECT_EQ(texts(ops.upgrade), Strings{"CREATE INDEX ix (a) ON public.t"});
  EXPECT_EQ(lines(unmodelled(ops)),
            Strings{"19: op.create_index(): argument postgresql_tablespace= is not known to the "
                    "interpreter; the revision is read without it"});
}

// ---- names as SQLAlchemy makes them ----

TEST(OpF, NamesPast63CharactersAreCutAsSqlAlchemyCutsThem) {
  // Pinned from SQLAlchemy 1.4.46: CreateIndex(Index(conv(name), ...)) on the postgresql dialect.
  EXPECT_EQ(
      upgrade_ops("    op.create_index(op.f("
                  "'ix_subscription_notification_preferences_organization_id_and_channel'), "
                  "'t', ['a'])\n"
                  "    op.create_index(op.f('ix_" +
                  std::string(60, 'a') + "'), 't', ['a'])\n" + "    op.create_index(op.f('ix_" +
                  std::string(61, 'a') + "'), 't', ['a'])\n" +
                  "    op.create_unique_constraint(op.f("
                  "'uq_subscription_notification_preferences_organization_id_channel_key'), 't', "
                  "['a'])\n"),
      (Strings{"CREATE INDEX ix_subscription_notification_preferences_organization_i_0670 (a) ON "
               "public.t",
               "CREATE INDEX ix_" + std::string(60, 'a') + " (a) ON public.t",
               "CREATE INDEX ix_" + std::string(52, 'a') + "_c94c (a) ON public.t",
               "ADD UNIQUE uq_subscription_notification_preferences_organization_i_26db (a) ON "
               "public.t"}));
}

// ---- generic types of other databases (histories that came from MySQL or SQL Server) ----

TEST(TypesPostgresLacks, AsExistingTypeTheyAreSetAsideForTheColumnsKnownType) {
  RevisionOps ops = interpret(
      "    op.create_table('u', sa.Column('made', sa.DateTime()), sa.Column('raw', "
      "sa.LargeBinary()))\n"
      "    op.alter_column('u', 'made', existing_type=sa.DATETIME(), nullable=False)\n"
      "    op.alter_column('u', 'raw', existing_type=sa.BLOB, nullable=False)\n");
  ASSERT_EQ(ops.upgrade.size(), 3u);
  EXPECT_EQ(texts(ops.upgrade)[1],
            "ALTER COLUMN public.u made [was made timestamp without time zone] NOT NULL");
  EXPECT_EQ(texts(ops.upgrade)[2], "ALTER COLUMN public.u raw [was raw bytea] NOT NULL");
  EXPECT_EQ(lines(ops.notes),
            (Strings{"20: op.alter_column(): existing_type DATETIME set aside: PostgreSQL has no "
                     "such type; the column's known type is used",
                     "21: op.alter_column(): existing_type BLOB set aside: PostgreSQL has no "
                     "such type; the column's known type is used"}));
  EXPECT_TRUE(unmodelled(ops).empty());
}

TEST(TypesPostgresLacks, InATableThatOnlyDescribesRowsTheyAreNoDdl) {
  RevisionOps ops = interpret(
      "    people = sa.Table('people', sa.MetaData(), sa.Column('name', sa.NVARCHAR(50)),\n"
      "                      sa.Column('born', sa.DATETIME))\n"
      "    op.bulk_insert(people, [{'name': 'a', 'born': None}])\n");
  EXPECT_TRUE(ops.upgrade.empty());
  EXPECT_EQ(lines(ops.notes),
            Strings{"21: op.bulk_insert into 'people': 1 rows (data, not schema)"});
  EXPECT_NE(error_of("    op.create_table('people', sa.Column('born', sa.DATETIME))\n")
                .find("column 'born': PostgreSQL has no type DATETIME"),
            std::string::npos);
}

TEST(TypesPostgresLacks, AsAColumnsTypeTheyAreRefusedAsAlembicWouldFail) {
  for (const char* type :
       {"NVARCHAR(10)", "DATETIME()", "BLOB()", "BINARY(4)", "VARBINARY(8)", "CLOB()"}) {
    std::string word = std::string(type).substr(0, std::string(type).find('('));
    std::string error =
        error_of(std::string("    op.add_column('u', sa.Column('c', sa.") + type + "))\n");
    EXPECT_NE(error.find("PostgreSQL has no type " + word + ": Alembic would emit " + word),
              std::string::npos)
        << error;
  }
}

// ---- the migration context, reached the ways public histories reach it ----

TEST(MigrationContext, ContextOfTheRevisionFileAndOpsProxyAreOpsOwn) {
  RevisionOps ops = interpret(
      "    if context.get_context().dialect.name == 'postgresql':\n"
      "        op.create_index('ix_a', 't', ['a'])\n"
      "    if op._proxy.migration_context.dialect.name == 'postgresql':\n"
      "        op.create_index('ix_b', 't', ['b'])\n"
      "    if context.get_bind().dialect.name != 'postgresql':\n"
      "        op.drop_table('t')\n",
      "    pass\n", "from alembic import context\n");
  EXPECT_EQ(texts(ops.upgrade),
            (Strings{"CREATE INDEX ix_a (a) ON public.t", "CREATE INDEX ix_b (b) ON public.t"}));
}

TEST(MigrationContext, XArgumentsAreTheOnesTheToolWasGiven) {
  const std::string kUpgrade =
      "    if context.get_x_argument(as_dictionary=True).get('data', None):\n"
      "        op.execute('UPDATE t SET a = 1')\n"
      "    if 'schema=x' in context.get_x_argument():\n"
      "        op.drop_table('t')\n";
  RevisionOps none = interpret(kUpgrade, "    pass\n", "from alembic import context\n");
  EXPECT_TRUE(none.upgrade.empty());
  InterpretOptions options;
  options.x_arguments = {"data=true", "schema=x"};
  RevisionOps both = interpret(kUpgrade, "    pass\n", "from alembic import context\n", options);
  ASSERT_EQ(texts(both.upgrade).size(), 2u);
  EXPECT_EQ(texts(both.upgrade)[1], "DROP TABLE public.t");
}

TEST(MigrationContext, AnAttributeTheReaderDoesNotKnowIsNeverEqualToAValueByDefault) {
  // Compared with a string, a name the reader does not evaluate used to be taken as unequal:
  // the branch was skipped silently.
  std::string error = error_of(
      "    if op._proxy.something.name == 'postgresql':\n"
      "        op.drop_table('t')\n");
  EXPECT_NE(error.find("cannot compare"), std::string::npos) << error;
}

// ---- pgvector ----

TEST(Pgvector, VectorColumnsAndTheirIndexesAreRead) {
  RevisionOps ops = interpret(
      "    op.execute('CREATE EXTENSION IF NOT EXISTS vector')\n"
      "    op.add_column('doc', sa.Column('embedding', Vector(768), nullable=True))\n"
      "    op.add_column('doc', sa.Column('small', pgvector.sqlalchemy.vector.VECTOR(dim=3)))\n"
      "    op.create_index('ix_doc_embedding', 'doc', ['embedding'], postgresql_using='hnsw',\n"
      "                    postgresql_ops={'embedding': 'vector_cosine_ops'})\n"
      "    op.create_index('ix_doc_hnsw', 'doc', ['small'], postgresql_using='hnsw',\n"
      "                    postgresql_with={'M': 16, 'ef_construction': '064', 'x': True})\n",
      "    pass\n", "from pgvector.sqlalchemy import Vector\nimport pgvector\n");
  EXPECT_EQ(texts(ops.upgrade),
            (Strings{"EXECUTE CREATE EXTENSION IF NOT EXISTS vector",
                     "ADD COLUMN public.doc embedding public.vector(768)",
                     "ADD COLUMN public.doc small public.vector(3)",
                     "CREATE INDEX ix_doc_embedding USING hnsw (embedding vector_cosine_ops) ON "
                     "public.doc",
                     "CREATE INDEX ix_doc_hnsw USING hnsw (small) ON public.doc"}));
  auto* index = std::get_if<CreateIndex>(&ops.upgrade.back().op);
  ASSERT_NE(index, nullptr);
  EXPECT_EQ(index->index.storage, (Strings{"m=16", "ef_construction=64", "x=true"}));
  for (const char* bad : {"'a b'", "'1.2.3'", "'0x32'"}) {
    EXPECT_NE(error_of(std::string("    op.create_index('ix', 't', ['a'], postgresql_with={'m': ") +
                       bad + "})\n")
                  .find("postgresql_with must map names to numbers, True/False or words"),
              std::string::npos)
        << bad;
  }
}

// ---- seen in public histories (session 8 review) ----

// SQLAlchemy's CREATE TABLE leaves out a foreign key with use_alter=True on PostgreSQL, and
// op.create_table adds nothing after it (checked with Alembic 1.8 / SQLAlchemy 1.4: the
// upgraded database has no such constraint).
TEST(CreateTable, AForeignKeyWithUseAlterIsNotCreated) {
  RevisionOps ops = interpret(
      "    op.create_table('a', sa.Column('id', sa.Integer(), primary_key=True),\n"
      "        sa.Column('b_id', sa.Integer(), sa.ForeignKey('b.id', use_alter=True)),\n"
      "        sa.Column('c_id', sa.Integer()),\n"
      "        sa.ForeignKeyConstraint(['c_id'], ['b.id'], name='fk_c', use_alter=True),\n"
      "        sa.ForeignKeyConstraint(['c_id'], ['a.id'], name='fk_self'))\n");
  std::vector<std::string> foreign_keys;
  for (const auto& located : ops.upgrade) {
    if (auto* create = std::get_if<CreateTable>(&located.op)) {
      for (const auto& c : create->table.constraints) {
        if (c.kind == Constraint::Kind::kForeignKey) foreign_keys.push_back(c.name);
      }
    }
  }
  EXPECT_EQ(foreign_keys, Strings{"fk_self"});
  EXPECT_EQ(lines(ops.notes),
            (Strings{"19: foreign key to b.id (use_alter=True) is not created: SQLAlchemy leaves "
                     "it out of op.create_table",
                     "19: foreign key fk_c (use_alter=True) is not created: SQLAlchemy leaves it "
                     "out of op.create_table"}));
}

// A batched data migration: `while True: ... if result.rowcount <= 0: break` ends as the rows
// say; its body is read once, as data.
TEST(DataMigrations, AWhileLoopEndedByATestOnTheDataIsReadOnce) {
  RevisionOps ops = interpret(
      "    conn = op.get_bind()\n"
      "    while True:\n"
      "        result = conn.execute(sa.text('UPDATE t SET a = 1 WHERE a IS NULL'))\n"
      "        for i in [1, 2]:\n"
      "            if i == 2:\n"
      "                break\n"
      "        if result.rowcount <= 0:\n"
      "            break\n"
      "    op.add_column('t', sa.Column('b', sa.Integer()))\n");
  EXPECT_EQ(texts(ops.upgrade).back(), "ADD COLUMN public.t b integer");
  Strings notes = lines(ops.notes);
  EXPECT_TRUE(std::find(notes.begin(), notes.end(),
                        "20: a while loop ended by a test on the data: runs as the data says "
                        "(data, not schema)") != notes.end())
      << ::testing::PrintToString(notes);
  EXPECT_TRUE(unmodelled(ops).empty());
}

// Constructs of a real public history's data migrations (116 revisions), each of which made the
// revision unmodelled: isinstance() in a helper that rewrites JSON, a dict built with ** from a
// row, sa.text(...).params(...), an async function with a closure run by the application's
// helper, and op.create_foreign_key(use_alter=True) (which ADD CONSTRAINT ignores).
TEST(DataMigrations, HelpersClosuresAndAsyncFunctionsOfDataMigrationsMoveRowsOnly) {
  RevisionOps ops = interpret(
      "    conn = op.get_bind()\n"
      "    for id, fields in conn.execute(sa.text('SELECT id, fields FROM s')):\n"
      "        new = {**fields, 'slug': _slug(fields)}\n"
      "        conn.execute(sa.text('UPDATE s SET fields = :f WHERE id = :i').params(\n"
      "            {'f': new, 'i': id}))\n"
      "    slots = conn.execute(sa.text('SELECT slots FROM l')).scalar()\n"
      "    if slots:\n"
      "        async def make_leases():\n"
      "            for slot in slots:\n"
      "                await storage.create(slot)\n"
      "        run_sync(make_leases())\n"
      "    op.create_foreign_key('fk_a_b', 'a', 'b', ['b_id'], ['id'], use_alter=True)\n",
      "    pass\n",
      "from app.utils import run_sync, storage\n\n"
      "def _slug(fields):\n"
      "    if isinstance(fields, (list, tuple)):\n"
      "        return [_slug(f) for f in fields]\n"
      "    if isinstance(fields, dict):\n"
      "        return {k: _slug(v) for k, v in fields.items()}\n"
      "    return fields\n\n");
  EXPECT_EQ(texts(ops.upgrade),
            (Strings{"DATA SELECT id, fields FROM s", "DATA SELECT slots FROM l",
                     "ADD FK fk_a_b (b_id) -> public.b(id) ON public.a"}));
  EXPECT_TRUE(unmodelled(ops).empty()) << ::testing::PrintToString(lines(unmodelled(ops)));
}

TEST(Closures, ReadTheNamesOfTheFunctionTheyWereDefinedInAsTheyAreWhenCalled) {
  RevisionOps ops = interpret(
      "    table = 'a'\n"
      "    def add(column):\n"
      "        op.add_column(table, sa.Column(column, sa.Integer()))\n"
      "    add('x')\n"
      "    table = 'b'\n"
      "    add('y')\n"
      "    _factory('c')('z')\n",
      "    pass\n",
      "def _factory(table):\n"
      "    def add(column):\n"
      "        op.add_column(table, sa.Column(column, sa.Integer()))\n"
      "    return add\n\n");
  EXPECT_EQ(texts(ops.upgrade),
            (Strings{"ADD COLUMN public.a x integer", "ADD COLUMN public.b y integer",
                     "ADD COLUMN public.c z integer"}));
}

// Found in review: what a closure changes reaches the function it was defined in; a sibling's
// names do not leak into it; called from elsewhere, it reads the names as they are then.
TEST(Closures, SeeTheirDefiningCallLiveNotTheCallers) {
  EXPECT_EQ(texts(interpret("    names = []\n"
                            "    def collect(n):\n"
                            "        names.append(n)\n"
                            "    collect('a')\n"
                            "    collect('b')\n"
                            "    for n in names:\n"
                            "        op.drop_table(n)\n")
                      .upgrade),
            (Strings{"DROP TABLE public.a", "DROP TABLE public.b"}));
  EXPECT_EQ(texts(interpret("    name = 'users'\n"
                            "    def add(col):\n"
                            "        op.add_column(name, sa.Column(col, sa.Text()))\n"
                            "    def add_all(cols):\n"
                            "        for name in cols:\n"
                            "            add(name)\n"
                            "    add_all(['a', 'b'])\n")
                      .upgrade),
            (Strings{"ADD COLUMN public.users a text", "ADD COLUMN public.users b text"}));
  EXPECT_EQ(texts(interpret("    table = 'a'\n"
                            "    def add(col):\n"
                            "        op.add_column(table, sa.Column(col, sa.Text()))\n"
                            "    table = 'b'\n"
                            "    _each(add)\n",
                            "    pass\n", "def _each(f):\n    f('x')\n\n")
                      .upgrade),
            Strings{"ADD COLUMN public.b x text"});
}

// Seen in a public history (a workflow scheduler): the project's context manager around batch
// operations, contextlib.suppress around a drop, Python-side default=/onupdate= given to
// alter_column (Alembic's impl ignores them), PickleType(pickler=dill).
TEST(ContextManagers, TheProjectsRunsItsBlockSuppressMakesItDataDependent) {
  RevisionOps ops = interpret(
      "    with disable_sqlite_fkeys(op), op.batch_alter_table('t') as batch_op:\n"
      "        batch_op.add_column(sa.Column('p', sa.PickleType(pickler=dill)))\n"
      "    with suppress(sa.exc.DatabaseError):\n"
      "        op.drop_index('ix_old', table_name='t')\n"
      "    with app_lock():\n"
      "        op.alter_column('t', 'u', default=0, onupdate=lambda: 1, nullable=False)\n",
      "    pass\n",
      "from contextlib import suppress\nimport dill\n"
      "from app.migrations.utils import disable_sqlite_fkeys, app_lock\n\n");
  EXPECT_EQ(texts(ops.upgrade),
            (Strings{"ADD COLUMN public.t p bytea", "ALTER COLUMN public.t u [was u ] NOT NULL"}));
  EXPECT_EQ(lines(unmodelled(ops)),
            (Strings{"23: the project's app.migrations.utils.disable_sqlite_fkeys() is given the "
                     "database connection; what it does to the schema is not modelled",
                     "26: a schema change in a with contextlib.suppress() block may be skipped "
                     "by an exception the block catches"}));
  Strings notes = lines(ops.notes);
  EXPECT_NE(std::find(notes.begin(), notes.end(),
                      "27: with app.migrations.utils.app_lock(): the block is read as written; "
                      "what the context manager does on entering and leaving is not seen"),
            notes.end())
      << ::testing::PrintToString(notes);
}

// Seen in a public history (an ML tracking server): ORM queries over the application's models in
// a data migration.
TEST(DataMigrations, OrmQueriesOverTheApplicationsModelsMoveRowsOnly) {
  RevisionOps ops = interpret(
      "    session = orm.Session(bind=op.get_bind())\n"
      "    runs = session.query(distinct(Metric.run_uuid)).all()\n"
      "    for run in runs:\n"
      "        top = session.query(func.max(Metric.step)).filter(Metric.run_uuid == run[0])\n"
      "        session.query(Metric).order_by(desc(Metric.step)).first()\n"
      "    op.add_column('metrics', sa.Column('step', sa.BigInteger(), nullable=True))\n",
      "    pass\n",
      "from sqlalchemy import orm, distinct, func, desc\nfrom app.models import Metric\n\n");
  EXPECT_EQ(texts(ops.upgrade), Strings{"ADD COLUMN public.metrics step bigint"});
  EXPECT_TRUE(unmodelled(ops).empty()) << ::testing::PrintToString(lines(unmodelled(ops)));
}

// Found in review: a coroutine that is never awaited does not run.
TEST(AsyncFunctions, RunOnlyWhenAwaitedOrHandedOn) {
  RevisionOps ops = interpret(
      "    async def gone():\n"
      "        op.drop_table('t')\n"
      "    gone()\n"
      "    async def made():\n"
      "        op.create_table('u', sa.Column('id', sa.Integer()))\n"
      "    asyncio.run(made())\n",
      "    pass\n", "import asyncio\n\n");
  EXPECT_EQ(texts(ops.upgrade), Strings{"CREATE TABLE public.u (id integer)"});
  EXPECT_EQ(lines(unmodelled(ops)),
            Strings{"23: gone() is an async function called without await: its body does not "
                    "run"});
  EXPECT_EQ(error_of("    pass\n").substr(0, 8), "no error");
  try {
    interpret_revision_source(
        "revision = 'a'\ndown_revision = None\nfrom alembic import op\n"
        "async def upgrade():\n    op.drop_table('t')\ndef downgrade():\n    pass\n",
        "v/a.py");
    FAIL() << "no error";
  } catch (const SourceError& error) {
    EXPECT_EQ(error.message(),
              "async def upgrade(): Alembic calls it without awaiting it, so it changes "
              "nothing; make it a plain def");
  }
}

TEST(Builtins, IsinstanceOfPlainValuesAndBuiltinTypes) {
  RevisionOps ops = interpret(
      "    for v in [[1], (1,), {'a': 1}, 'x', 3, True, 1.5]:\n"
      "        kinds = [k for k in ['list', 'tuple', 'dict', 'str', 'int', 'bool', 'float']\n"
      "                 if isinstance(v, {'list': list, 'tuple': tuple, 'dict': dict, 'str': str,\n"
      "                                   'int': int, 'bool': bool, 'float': float}[k])]\n"
      "        op.add_column('t', sa.Column('_'.join(kinds), sa.Integer()))\n"
      "    if isinstance(3, (str, int)):\n"
      "        op.drop_table('t')\n");
  EXPECT_EQ(texts(ops.upgrade),
            (Strings{"ADD COLUMN public.t list integer", "ADD COLUMN public.t tuple integer",
                     "ADD COLUMN public.t dict integer", "ADD COLUMN public.t str integer",
                     "ADD COLUMN public.t int integer", "ADD COLUMN public.t int_bool integer",
                     "ADD COLUMN public.t float integer", "DROP TABLE public.t"}));
  EXPECT_EQ(error_of("    if isinstance(SCHEMA, str):\n        pass\n",
                     "from app.settings import SCHEMA\n\n"),
            "v/abc_test.py:21:19: isinstance() of app.settings.SCHEMA, which the reader cannot "
            "see; if the application defines it, give its value under [values] in squash.toml\n"
            "    if isinstance(SCHEMA, str):\n"
            "                  ^");
  EXPECT_EQ(error_of("    if isinstance(3, sa.Integer):\n        pass\n"),
            "v/abc_test.py:19:22: isinstance() of sa.Integer is not supported by the "
            "interpreter\n"
            "    if isinstance(3, sa.Integer):\n"
            "                     ^");
}

// MigrationContext.as_sql, as context.is_offline_mode(): false, the upgrade is online.
TEST(MigrationContext, AsSqlIsFalse) {
  RevisionOps ops = interpret(
      "    if not op.get_context().as_sql:\n"
      "        op.drop_table('t')\n");
  EXPECT_EQ(texts(ops.upgrade), Strings{"DROP TABLE public.t"});
}

}  // namespace
}  // namespace asq
