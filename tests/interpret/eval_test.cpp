// The evaluator: helper functions, strings, if, imports, raise.

#include <gtest/gtest.h>

#include <filesystem>

#include "interpret/interpreter.h"
#include "python/parser.h"
#include "support/interpret.h"

namespace asq {
namespace {

using namespace test;

// Expected ops follow what Alembic 1.8.1 / SQLAlchemy 1.4.46 emit for the same file
// (`alembic upgrade head --sql`), in the model's canonical spelling.

TEST(Interpreter, ParsedModuleEntryPointAndConstraintKindsFromTheCaller) {
  std::string source = revision_source("    op.drop_constraint('mystery', 't')\n");
  py::Module module = py::parse_module(source, "v/abc_test.py");
  RevisionFile file;
  file.path = "v/abc_test.py";
  file.revision = "abc";
  InterpretOptions options;
  options.constraint_kind = [](const QualifiedName& table,
                               const std::string& name) -> std::optional<Constraint::Kind> {
    if (table.name == "t" && name == "mystery") return Constraint::Kind::kUnique;
    return std::nullopt;
  };
  RevisionOps ops = interpret_revision(module, source, file, options);
  EXPECT_EQ(ops.revision, "abc");
  EXPECT_EQ(texts(ops.upgrade), (Strings{"DROP UNIQUE mystery ON public.t"}));
  EXPECT_TRUE(ops.notes.empty());
  EXPECT_EQ(ops.upgrade[0].where, (SourceLocation{"v/abc_test.py", 19, 5}));
}

TEST(Evaluator, HelperFunctionsWithParametersDefaultsAndReturnValues) {
  auto ops = upgrade_ops(R"py(    for name in TABLES:
        add_timestamps(name)
    add_timestamps('node', server_default=None)
    op.create_table('audit', *audit_columns('audit', extra=2))
)py",
                         R"py(TABLES = ['issue', 'item']


def add_timestamps(table, server_default=sa.text('now()')):
    """Both timestamp columns."""
    for column in ('created_at', 'updated_at'):
        op.add_column(table, sa.Column(column, sa.DateTime(timezone=True),
                                       server_default=server_default, nullable=True))


def audit_columns(prefix, *, extra=0):
    columns = [sa.Column('id', postgresql.UUID(as_uuid=True), primary_key=True)]
    for i in range(extra):
        columns.append(sa.Column(f'{prefix}_field_{i}', sa.Text()))
    return columns


)py");
  EXPECT_EQ(ops, (Strings{
                     "ADD COLUMN public.issue created_at timestamp with time zone DEFAULT now()",
                     "ADD COLUMN public.issue updated_at timestamp with time zone DEFAULT now()",
                     "ADD COLUMN public.item created_at timestamp with time zone DEFAULT now()",
                     "ADD COLUMN public.item updated_at timestamp with time zone DEFAULT now()",
                     "ADD COLUMN public.node created_at timestamp with time zone",
                     "ADD COLUMN public.node updated_at timestamp with time zone",
                     "CREATE TABLE public.audit (id uuid NOT NULL, audit_field_0 text, "
                     "audit_field_1 text, PK (id))",
                 }));
}

TEST(Evaluator, StringsAreBuiltByConcatenationAndFormatting) {
  auto ops = upgrade_ops(R"py(    table = PREFIX + 'event'
    op.execute(f"COMMENT ON TABLE {table} IS '{LABELS[table]!s}'")
    op.execute("GRANT SELECT ON %s TO %s" % (table, ROLE))
    op.execute("GRANT SELECT ON %(t)s TO reader" % {'t': table})
    op.execute("ANALYZE {}".format(table))
    op.execute("ANALYZE {name}_{n}".format(name=table, n=2))
    op.execute(", ".join(['VACUUM ' + t.upper() for t in ('a', 'b') if t != 'b']))
    op.execute("SELECT '%d%%'" % 5)
    op.execute(f"ALTER TABLE {table} ADD CHECK (data != '{{}}'::jsonb) NOT VALID" " -- {x}")
    op.execute(f"ALTER TABLE {table} ADD CHECK (data != '{{}}'::jsonb) AND "
               "(extra != '{}'::jsonb)")
)py",
                         "PREFIX = 'app_'\nROLE = 'reader'\nLABELS = {'app_event': 'events'}\n\n");
  EXPECT_EQ(ops,
            (Strings{
                "EXECUTE COMMENT ON TABLE app_event IS 'events'",
                "EXECUTE GRANT SELECT ON app_event TO reader",
                "EXECUTE GRANT SELECT ON app_event TO reader",
                "DATA ANALYZE app_event",
                "DATA ANALYZE app_event_2",
                "EXECUTE VACUUM A",
                "DATA SELECT '5%'",
                "EXECUTE ALTER TABLE app_event ADD CHECK (data != '{}'::jsonb) NOT VALID -- {x}",
                "EXECUTE ALTER TABLE app_event ADD CHECK (data != '{}'::jsonb) AND (extra != "
                "'{}'::jsonb)",
            }));
}

TEST(Evaluator, IfOverKnownValues) {
  auto ops = upgrade_ops(R"py(    bind = op.get_bind()
    if bind.dialect.name == 'postgresql':
        op.execute('SELECT 1')
    else:
        op.execute('SELECT 2')
    if op.get_context().dialect.name != "postgresql" or not ENABLED:
        op.drop_table('never')
    elif len(TABLES) > 1 and 'b' in TABLES:
        op.drop_table(TABLES[-1])
    if ENABLED is True and None is None:
        op.drop_table('x' if ENABLED else 'y')
)py",
                         "ENABLED = True\nTABLES = ('a', 'b')\n\n");
  EXPECT_EQ(ops, (Strings{"DATA SELECT 1", "DROP TABLE public.b", "DROP TABLE public.x"}));
}

TEST(Evaluator, OfflineModeTestAndDdlObjects) {
  auto ops = upgrade_ops(R"py(    if not context.is_offline_mode():
        op.execute(sa.DDL('CREATE SCHEMA IF NOT EXISTS audit'))
    op.execute(CreateSchema('event_editing'))
    op.execute(sa.schema.CreateSchema('Odd Name'))
    op.execute(DropSchema('event_editing', cascade=True))
    op.execute(DropSchema('user'))
)py",
                         "from alembic import context\n"
                         "from sqlalchemy.schema import CreateSchema\n"
                         "from sqlalchemy.sql.ddl import DropSchema\n\n");
  EXPECT_EQ(ops,
            (Strings{"EXECUTE CREATE SCHEMA IF NOT EXISTS audit",
                     "EXECUTE CREATE SCHEMA event_editing", "EXECUTE CREATE SCHEMA \"Odd Name\"",
                     "EXECUTE DROP SCHEMA event_editing CASCADE", "EXECUTE DROP SCHEMA \"user\""}));
}

// Python enum classes defined in the revision (a public history: 27 classes in 19 files): their
// members' names and values, iteration, comparison, and sa.Enum(Class) as SQLAlchemy makes it
// (the names are the labels, the type named after the class). Refereed by the real Alembic by
// hand: `diff chain live` said the same.
TEST(Evaluator, EnumClassesDefinedInTheRevision) {
  const std::string classes =
      "import enum\n\n"
      "class Status(enum.Enum):\n"
      "    \"\"\"Where a ticket is.\"\"\"\n"
      "    active = 'on'\n"
      "    closed = 'off'\n\n"
      "    def label(self):\n"
      "        return self.value.title()\n\n"
      "class Level(int, enum.Enum):\n"
      "    low = 1\n"
      "    high = 2\n\n"
      "class Color(enum.Enum):\n"
      "    red = enum.auto()\n\n";
  auto ops = upgrade_ops(R"py(    op.create_table('t', sa.Column('s', sa.Enum(Status)),
                    sa.Column('u', sa.Enum(Status, name='state')),
                    sa.Column('lvl', sa.SmallInteger(), server_default=str(Level.high.value)))
    for m in Status:
        op.execute(f"COMMENT ON COLUMN t.s IS '{m.name}={m.value} {m}'")
    op.create_check_constraint('ck_lvl', 't', f"lvl IN ({', '.join(str(l.value) for l in Level)})")
    if Level.low == 1 and Status.active != 'on' and Status.closed == Status.closed:
        op.drop_table('x')
)py",
                         classes);
  EXPECT_EQ(ops, (Strings{
                     "CREATE TYPE public.status ('active', 'closed')",
                     "CREATE TYPE public.state ('active', 'closed')",
                     "CREATE TABLE public.t (s public.status, u public.state, lvl smallint DEFAULT "
                     "'2'::smallint)",
                     "EXECUTE COMMENT ON COLUMN t.s IS 'active=on Status.active'",
                     "EXECUTE COMMENT ON COLUMN t.s IS 'closed=off Status.closed'",
                     "ADD CHECK ck_lvl (lvl = ANY (ARRAY[1, 2])) ON public.t",
                     "DROP TABLE public.x",
                 }));
  // How a member of an int or str enum prints depends on the Python version: refused.
  EXPECT_EQ(error_of("    op.execute(f'SELECT {Level.high}')\n", classes),
            "v/abc_test.py:36:16: cannot format Level.high as text: how Python prints a member "
            "of an int or str enum (or one with its own __str__) depends on its version; write "
            "Level.high.value or .name\n"
            "    op.execute(f'SELECT {Level.high}')\n"
            "               ^");
  // A class whose members the reader cannot see (auto()) stays an unknown class.
  EXPECT_NE(error_of("    op.create_table('t', sa.Column('c', sa.Enum(Color)))\n", classes)
                .find("a label must be a string the reader can see, found the class Color"),
            std::string::npos);
}

TEST(Evaluator, TypeAnnotationsAndImportsInsideFunctions) {
  auto ops = upgrade_ops(R"py(    from sqlalchemy.dialects.postgresql import JSONB
    from sqlalchemy import Column, Integer as Int
    column: Column = Column('payload', JSONB(astext_type=sa.Text()), nullable=True)
    op.add_column('event', column)
    op.add_column('event', Column('n', Int(), server_default='0'))
)py");
  EXPECT_EQ(ops, (Strings{"ADD COLUMN public.event payload jsonb",
                          "ADD COLUMN public.event n integer DEFAULT 0"}));
}

TEST(Evaluator, DowngradeThatRaisesIsANote) {
  auto result =
      interpret("    op.drop_table('t')\n", "    raise NotImplementedError('irreversible')\n");
  EXPECT_TRUE(result.downgrade.empty());
  ASSERT_EQ(result.notes.size(), 1u);
  EXPECT_EQ(result.notes[0].first, (SourceLocation{"v/abc_test.py", 23, 5}));
  EXPECT_EQ(result.notes[0].second,
            "downgrade() raises: raise NotImplementedError('irreversible')");
}

}  // namespace
}  // namespace asq
