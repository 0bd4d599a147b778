#include "interpret/interpreter.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <ostream>

#include "interpret/partitioning.h"
#include "python/parser.h"
#include "revisions/graph.h"
#include "revisions/scan.h"
#include "schema/identity.h"
#include "squash/plan.h"
#include "support/process.h"

namespace asq {

void PrintTo(const SourceLocation& where, std::ostream* out) {
  *out << where.file << ":" << where.line << ":" << where.column;
}

namespace {

// Expected ops follow what Alembic 1.8.1 / SQLAlchemy 1.4.46 emit for the same file
// (`alembic upgrade head --sql`), in the model's canonical spelling.

std::string join(const std::vector<std::string>& parts, const std::string& separator = ", ") {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? separator : "") + parts[i];
  return out;
}

std::string name(const QualifiedName& n) { return n.schema + "." + n.name; }

std::string column_text(const Column& c) {
  std::string out = c.name + " " + c.type;
  if (!c.collation.empty()) out += " COLLATE " + c.collation;
  if (!c.nullable) out += " NOT NULL";
  if (c.default_value) out += " DEFAULT " + *c.default_value;
  if (!c.identity.empty()) out += " IDENTITY " + c.identity + identity_options_clause({}, c);
  if (c.generated) out += " GENERATED " + *c.generated;
  if (c.comment) out += " COMMENT '" + *c.comment + "'";
  return out;
}

std::string constraint_text(const Constraint& c) {
  std::string label = c.name.empty() ? "" : c.name + " ";
  std::string defer =
      c.deferrable ? (c.initially_deferred ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE") : "";
  switch (c.kind) {
    case Constraint::Kind::kPrimaryKey:
      return "PK " + label + "(" + join(c.columns) + ")" + defer;
    case Constraint::Kind::kUnique:
      return "UNIQUE " + label + "(" + join(c.columns) + ")" + defer;
    case Constraint::Kind::kCheck:
      return "CHECK " + label + c.expression;
    case Constraint::Kind::kForeignKey: {
      std::string out = "FK " + label + "(" + join(c.columns) + ") -> " + name(c.references) + "(" +
                        join(c.referenced_columns) + ")";
      if (c.on_delete != "NO ACTION") out += " ON DELETE " + c.on_delete;
      if (c.on_update != "NO ACTION") out += " ON UPDATE " + c.on_update;
      return out + defer;
    }
    case Constraint::Kind::kExclusion:
      return "EXCLUDE " + label;
  }
  return "?";
}

std::string index_text(const Index& i) {
  std::string out = std::string(i.unique ? "UNIQUE " : "") + "INDEX " + i.name;
  if (i.method != "btree") out += " USING " + i.method;
  out += " (" + join(i.keys) + ")";
  if (!i.include.empty()) out += " INCLUDE (" + join(i.include) + ")";
  if (i.where) out += " WHERE " + *i.where;
  if (i.nulls_not_distinct) out += " NULLS NOT DISTINCT";
  return out;
}

std::string op_text(const Op& op) {
  return std::visit(
      [](const auto& o) -> std::string {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<T, CreateEnum>) {
          std::vector<std::string> values;
          for (const auto& v : o.type.values) values.push_back("'" + v + "'");
          return std::string("CREATE TYPE ") + (o.if_not_exists ? "IF NOT EXISTS " : "") +
                 name(o.type.name) + " (" + join(values) + ")";
        } else if constexpr (std::is_same_v<T, DropEnum>) {
          return std::string("DROP TYPE ") + (o.if_exists ? "IF EXISTS " : "") + name(o.name);
        } else if constexpr (std::is_same_v<T, CreateSequence>) {
          return "CREATE SEQUENCE " + name(o.sequence.name) + " AS " + o.sequence.data_type +
                 " MAXVALUE " + std::to_string(o.sequence.max_value);
        } else if constexpr (std::is_same_v<T, SetSequenceOwner>) {
          return "OWNED BY " + name(o.name) + " " + o.table + "." + o.column;
        } else if constexpr (std::is_same_v<T, CreateTable>) {
          std::vector<std::string> parts;
          for (const auto& c : o.table.columns) parts.push_back(column_text(c));
          for (const auto& c : o.table.constraints) parts.push_back(constraint_text(c));
          std::string out = "CREATE TABLE " + name(o.table.name) + " (" + join(parts) + ")";
          std::vector<std::string> parents;
          for (const auto& parent : o.table.inherits) parents.push_back(name(parent));
          if (!parents.empty()) out += " INHERITS (" + join(parents) + ")";
          if (!o.table.partition_by.empty()) out += " PARTITION BY " + o.table.partition_by;
          if (o.table.comment) out += " COMMENT '" + *o.table.comment + "'";
          return out;
        } else if constexpr (std::is_same_v<T, DropTable>) {
          return "DROP TABLE " + name(o.name);
        } else if constexpr (std::is_same_v<T, RenameTable>) {
          return "RENAME TABLE " + name(o.name) + " TO " + o.new_name;
        } else if constexpr (std::is_same_v<T, SetTableComment>) {
          return "COMMENT ON " + name(o.table) + (o.comment ? " '" + *o.comment + "'" : " NULL");
        } else if constexpr (std::is_same_v<T, AddColumn>) {
          return "ADD COLUMN " + name(o.table) + " " + column_text(o.column);
        } else if constexpr (std::is_same_v<T, DropColumn>) {
          return "DROP COLUMN " + name(o.table) + " " + o.column;
        } else if constexpr (std::is_same_v<T, AlterColumn>) {
          std::string out = "ALTER COLUMN " + name(o.table) + " " + o.column + " [was " +
                            column_text(o.existing) + "]";
          if (o.type) out += " TYPE " + *o.type;
          if (o.using_expression) out += " USING " + *o.using_expression;
          if (o.nullable) out += *o.nullable ? " NULL" : " NOT NULL";
          if (o.default_value)
            out += *o.default_value ? " DEFAULT " + **o.default_value : " DROP DEFAULT";
          if (o.comment) out += *o.comment ? " COMMENT '" + **o.comment + "'" : " COMMENT NULL";
          if (o.new_name) out += " RENAME TO " + *o.new_name;
          if (o.identity) out += " IDENTITY " + *o.identity;
          if (o.identity_options && *o.identity_options != IdentityOptions{}) {
            Column options;
            options.identity_options = *o.identity_options;
            out += " OPTIONS" + identity_options_clause({}, options);
          }
          return out;
        } else if constexpr (std::is_same_v<T, CreateIndex>) {
          return "CREATE " + index_text(o.index) + " ON " + name(o.table);
        } else if constexpr (std::is_same_v<T, DropIndex>) {
          return "DROP INDEX " + o.name + " ON " + name(o.table);
        } else if constexpr (std::is_same_v<T, AddConstraint>) {
          return "ADD " + constraint_text(o.constraint) + " ON " + name(o.table);
        } else if constexpr (std::is_same_v<T, DropConstraint>) {
          const char* kinds[] = {"PK", "FK", "UNIQUE", "CHECK", "EXCLUDE"};
          return std::string("DROP ") + kinds[static_cast<int>(o.kind)] + " " + o.name + " ON " +
                 name(o.table);
        } else if constexpr (std::is_same_v<T, Execute>) {
          return std::string(o.data_only ? "DATA " : "EXECUTE ") + o.sql;
        } else {
          return "other op";
        }
      },
      op);
}

std::vector<std::string> texts(const std::vector<LocatedOp>& ops) {
  std::vector<std::string> out;
  for (const auto& op : ops) out.push_back((op.autocommit ? "[autocommit] " : "") + op_text(op.op));
  return out;
}

const char* kHeader =
    "\"\"\"test revision\n\nRevision ID: abc\nRevises:\nCreate Date: 2024-01-01 "
    "00:00:00\n\n\"\"\"\n"
    "from alembic import op\n"
    "import sqlalchemy as sa\n"
    "import sqlmodel\n"
    "from sqlalchemy.dialects import postgresql\n"
    "\n"
    "revision = 'abc'\n"
    "down_revision = None\n"
    "branch_labels = None\n"
    "depends_on = None\n"
    "\n";  // 17 lines: `def upgrade():` is line 18 (without module-level code), its body 19

std::string revision_file(const std::string& upgrade, const std::string& downgrade = "    pass\n",
                          const std::string& module_level = "") {
  return std::string(kHeader) + module_level + "def upgrade():\n" + upgrade +
         "\n\ndef downgrade():\n" + downgrade;
}

RevisionOps interpret(const std::string& upgrade, const std::string& downgrade = "    pass\n",
                      const std::string& module_level = "", const InterpretOptions& options = {}) {
  return interpret_revision_source(revision_file(upgrade, downgrade, module_level), "v/abc_test.py",
                                   options);
}

std::vector<std::string> upgrade_ops(const std::string& upgrade,
                                     const std::string& module_level = "") {
  return texts(interpret(upgrade, "    pass\n", module_level).upgrade);
}

std::string error_of(const std::string& upgrade, const std::string& module_level = "") {
  try {
    interpret(upgrade, "    pass\n", module_level);
  } catch (const SourceError& e) {
    return e.what();
  }
  return "no error";
}

using Strings = std::vector<std::string>;

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

TEST(Interpreter, ParsedModuleEntryPointAndConstraintKindsFromTheCaller) {
  std::string source = revision_file("    op.drop_constraint('mystery', 't')\n");
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

// ---- enums ----

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

// ---- add_column / drop_column ----

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

// ---- alter_column ----

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

// Without existing_server_default (False), Alembic 1.8.1 emits `SET GENERATED ALWAYS` /
// `SET START WITH 5` for an identity it assumes the column has, and an empty
// `ALTER COLUMN id` for sa.Identity().
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

// ---- indexes ----

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

// ---- constraints ----

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

// ---- tables and comments ----

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

// ---- raw SQL and data ----

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

// ---- batch mode and autocommit ----

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

// ---- the evaluator ----

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
)py",
                         "PREFIX = 'app_'\nROLE = 'reader'\nLABELS = {'app_event': 'events'}\n\n");
  EXPECT_EQ(ops, (Strings{
                     "EXECUTE COMMENT ON TABLE app_event IS 'events'",
                     "EXECUTE GRANT SELECT ON app_event TO reader",
                     "EXECUTE GRANT SELECT ON app_event TO reader",
                     "DATA ANALYZE app_event",
                     "DATA ANALYZE app_event_2",
                     "EXECUTE VACUUM A",
                     "DATA SELECT '5%'",
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
)py",
                         "from alembic import context\n\n");
  EXPECT_EQ(ops, (Strings{"EXECUTE CREATE SCHEMA IF NOT EXISTS audit"}));
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

// ---- errors ----

TEST(Errors, UnsupportedOperationNamesFileLineAndColumn) {
  EXPECT_EQ(error_of(R"py(    op.create_table('t', sa.Column('id', sa.Integer()))
    op.create_exclude_constraint('excl', 't', ('period', '&&'))
)py"),
            "v/abc_test.py:20:5: op.create_exclude_constraint is not supported by the interpreter\n"
            "    op.create_exclude_constraint('excl', 't', ('period', '&&'))\n"
            "    ^");
}

TEST(Errors, UnknownTypesArgumentsAndNames) {
  EXPECT_EQ(
      error_of("    op.add_column('t', sa.Column('g', Geometry('POINT')))\n",
               "from geoalchemy2 import Geometry\n\n"),
      "v/abc_test.py:21:39: sa.Column('g'): the result of geoalchemy2.Geometry() is not a type "
      "the interpreter knows\n"
      "    op.add_column('t', sa.Column('g', Geometry('POINT')))\n"
      "                                      ^");
  EXPECT_EQ(error_of("    op.add_column('t', sa.Column('x', sa.String(length=10, flavour=1)))\n"),
            "v/abc_test.py:19:39: sa.String(): argument flavour= is not supported\n"
            "    op.add_column('t', sa.Column('x', sa.String(length=10, flavour=1)))\n"
            "                                      ^");
  EXPECT_EQ(error_of("    op.create_index('ix', 't', ['a'], postgresql_with={'fillfactor': 50})\n"),
            "v/abc_test.py:19:55: op.create_index(): argument postgresql_with= is not supported by "
            "the interpreter\n"
            "    op.create_index('ix', 't', ['a'], postgresql_with={'fillfactor': 50})\n"
            "                                                      ^");
  EXPECT_EQ(error_of("    op.drop_table(missing)\n"),
            "v/abc_test.py:19:19: name 'missing' is not defined\n"
            "    op.drop_table(missing)\n"
            "                  ^");
}

TEST(Errors, UnknownValuesCannotSteerTheSchema) {
  EXPECT_EQ(error_of("    if os.environ.get('SKIP'):\n        return\n", "import os\n\n"),
            "v/abc_test.py:21:8: the condition depends on the result of os.environ.get(), which "
            "the interpreter does not know\n"
            "    if os.environ.get('SKIP'):\n"
            "       ^");
  EXPECT_EQ(
      error_of("    op.execute(f\"DROP TABLE {helpers.name()}\")\n", "import helpers\n\n"),
      "v/abc_test.py:21:16: op.execute(): the SQL depends on an f-string with unknown values, "
      "which the interpreter does not know\n"
      "    op.execute(f\"DROP TABLE {helpers.name()}\")\n"
      "               ^");
  EXPECT_EQ(
      error_of(
          "    for row in op.get_bind().execute(sa.text('SELECT id FROM t')):\n        pass\n"),
      "v/abc_test.py:19:16: cannot iterate over the result of a query: the interpreter does "
      "not know its items\n"
      "    for row in op.get_bind().execute(sa.text('SELECT id FROM t')):\n"
      "               ^");
}

TEST(Errors, UnsupportedStatementsAndModuleLevelFailures) {
  EXPECT_EQ(error_of("    try:\n        op.drop_table('t')\n    except Exception:\n        pass\n"),
            "v/abc_test.py:19:5: try statements are not supported by the interpreter\n"
            "    try:\n"
            "    ^");
  EXPECT_EQ(error_of("    op.drop_table(NAME)\n", "NAME = compute()\n\n"),
            "v/abc_test.py:18:8: name 'compute' is not defined\n"
            "NAME = compute()\n"
            "       ^");
  EXPECT_EQ(error_of("    op.drop_table(NAME)\n", "if True:\n    NAME = 't'\n\n"),
            "v/abc_test.py:19:5: 'NAME' is defined by a module-level if statement, which the "
            "interpreter does not evaluate\n"
            "    NAME = 't'\n"
            "    ^");
}

TEST(Errors, OperationsAtModuleLevel) {
  EXPECT_EQ(error_of("    pass\n", "op.drop_table('t')\nprint('loaded')\n\n"),
            "v/abc_test.py:18:1: op.drop_table at module level runs when Alembic imports the file, "
            "outside any migration\n"
            "op.drop_table('t')\n"
            "^");
}

TEST(Errors, MissingUpgradeIsAnError) {
  try {
    interpret_revision_source("revision = 'x'\ndown_revision = None\n", "v/x.py");
    FAIL() << "no error";
  } catch (const SourceError& e) {
    EXPECT_EQ(std::string(e.what()), "v/x.py: no upgrade() function");
  }
}

// ---- the fixtures ----

class Fixtures : public testing::TestWithParam<std::string> {};

TEST_P(Fixtures, EveryRevisionFileInterprets) {
  namespace fs = std::filesystem;
  int files = 0;
  for (const auto& entry : fs::directory_iterator(test::source_path(GetParam()))) {
    if (entry.path().extension() != ".py") continue;
    ++files;
    std::string path = entry.path().string();
    std::string text = test::read_text(path);
    RevisionOps ops;
    EXPECT_NO_THROW(ops = interpret_revision_source(text, path)) << path;
    EXPECT_EQ(ops.path, path);
    EXPECT_FALSE(ops.revision.empty()) << path;
    EXPECT_TRUE(ops.notes.empty()) << path << ": " << ops.notes[0].second;
  }
  EXPECT_GE(files, 10);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, Fixtures,
                         testing::Values("fixtures/seed16/alembic/versions",
                                         "fixtures/branches/alembic/versions"),
                         [](const testing::TestParamInfo<std::string>& fixture_dir) {
                           return std::string(fixture_dir.param.find("seed16") != std::string::npos
                                                  ? "seed16"
                                                  : "branches");
                         });

RevisionOps fixture(const std::string& file) {
  std::string path = test::source_path("fixtures/seed16/alembic/versions/" + file);
  return interpret_revision_source(test::read_text(path), path);
}

TEST(SeedFixture, InitialModelsUseSerialKeys) {
  RevisionOps ops = fixture("e2412789c190_initialize_models.py");
  EXPECT_EQ(ops.revision, "e2412789c190");
  EXPECT_EQ(
      texts(ops.upgrade),
      (Strings{
          "CREATE SEQUENCE public.user_id_seq AS integer MAXVALUE 2147483647",
          "CREATE TABLE public.user (email character varying NOT NULL, is_active boolean NOT NULL, "
          "is_superuser boolean NOT NULL, full_name character varying, id integer NOT NULL DEFAULT "
          "nextval('public.user_id_seq'::regclass), hashed_password character varying NOT NULL, PK "
          "(id))",
          "OWNED BY public.user_id_seq user.id",
          "CREATE UNIQUE INDEX ix_user_email (email) ON public.user",
          "CREATE SEQUENCE public.item_id_seq AS integer MAXVALUE 2147483647",
          "CREATE TABLE public.item (description character varying, id integer NOT NULL DEFAULT "
          "nextval('public.item_id_seq'::regclass), title character varying NOT NULL, owner_id "
          "integer "
          "NOT NULL, PK (id), FK (owner_id) -> public.user(id))",
          "OWNED BY public.item_id_seq item.id",
      }));
  EXPECT_EQ(texts(ops.downgrade),
            (Strings{"DROP TABLE public.item", "DROP INDEX ix_user_email ON public.user",
                     "DROP TABLE public.user"}));
  EXPECT_EQ(ops.upgrade[3].where, (SourceLocation{ops.path, 33, 5}));
}

TEST(SeedFixture, UuidKeysComeFromAnExtensionFunction) {
  RevisionOps ops = fixture("d98dd8ec85a3_edit_replace_id_integers_in_all_models_.py");
  Strings upgrade = texts(ops.upgrade);
  ASSERT_GE(upgrade.size(), 3u);
  EXPECT_EQ(upgrade[0], "EXECUTE CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\"");
  EXPECT_EQ(upgrade[1],
            "ADD COLUMN public.user new_id uuid NOT NULL DEFAULT public.uuid_generate_v4()");
  EXPECT_EQ(texts(ops.downgrade)[0], "EXECUTE ALTER TABLE \"user\" ADD COLUMN old_id SERIAL");
}

TEST(SeedFixture, EnumCreatedWithCheckfirstAndNodeStatusDefault) {
  EXPECT_EQ(texts(fixture("c1234567890d_add_issue_table.py").upgrade)[0],
            "CREATE TYPE IF NOT EXISTS public.issuestatus ('pending', 'assigned', 'running', "
            "'completed', 'failed')");
  Strings node = texts(fixture("f1234567890a_add_node_table.py").upgrade);
  EXPECT_EQ(node[0], "CREATE TYPE public.nodestatus ('online', 'offline', 'busy')");
  EXPECT_NE(node[1].find("status public.nodestatus NOT NULL DEFAULT 'offline'::public.nodestatus"),
            std::string::npos);
}

// ---- create_table ----

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

// ---- the object-kind fixtures (issue #5) ----

std::string located(const std::string& path, int line, const std::string& text) {
  return std::filesystem::path(path).filename().string() + ":" + std::to_string(line) + ": " + text;
}

/// The notes of a fixture's revisions interpreted in upgrade order, each knowing what the ones
/// before it did (as the pipeline runs them), one line each: "<file>:<line>: <note>".
Strings chain_notes(const std::string& fixture) {
  VersionsScan scan = scan_versions(
      {test::source_path("fixtures/" + fixture + "/alembic/versions")}, {true, false, {}});
  RevisionGraph graph = RevisionGraph::build(scan.files);
  Strings out;
  for (const RevisionOps& ops : interpret_revisions(graph, upgrade_order(graph))) {
    for (const auto& [where, note] : ops.notes) out.push_back(located(ops.path, where.line, note));
  }
  return out;
}

TEST(ObjectKindFixtures, TriggersEnumsMultischemaAndRawSqlHaveOnlyDataNotes) {
  EXPECT_EQ(chain_notes("triggers"),
            (Strings{"7d3c0b9f2e48_enable_row_level_security_on_document.py:32: op.bulk_insert "
                     "into 'account': 1 rows (data, not schema)"}));
  EXPECT_EQ(chain_notes("enums"),
            (Strings{"4d9e2b7a0c58_add_escalation_rule_table.py:30: op.bulk_insert into "
                     "'escalation_rule': 2 rows (data, not schema)"}));
  EXPECT_EQ(chain_notes("multischema"), Strings{});
  EXPECT_EQ(chain_notes("rawsql"), Strings{});
}

TEST(ObjectKindFixtures, IdentitySequenceOptionsAreCarriedNotNoted) {
  EXPECT_EQ(chain_notes("identity"),
            (Strings{"2e7f5b8d1c64_add_customer_number_and_search_name.py:22: op.bulk_insert into "
                     "'customer': 2 rows (data, not schema)"}));
}

// Partitioning and inheritance are read (postgresql_partition_by, postgresql_inherits); what
// is left is the seed row of a parent table.
TEST(ObjectKindFixtures, PartitionsHaveOnlyADataNote) {
  EXPECT_EQ(chain_notes("partitions"),
            (Strings{"3a9f7c0b5e26_add_device_tables_with_inheritance.py:41: op.bulk_insert into "
                     "'device': 1 rows (data, not schema)"}));
}

// ---- partitioning and inheritance (SQLAlchemy's postgresql_partition_by / _inherits) ----

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

TEST(Errors, MalformedPartitioningOptionsNameTheArgument) {
  EXPECT_EQ(error_of("    op.create_table('t', sa.Column('a', sa.Integer()), "
                     "postgresql_partition_by='BY RANGE (a)')\n"),
            "v/abc_test.py:19:80: op.create_table(): postgresql_partition_by: expected RANGE, "
            "LIST or HASH and the key in parentheses, found 'BY RANGE (a)'\n"
            "    op.create_table('t', sa.Column('a', sa.Integer()), "
            "postgresql_partition_by='BY RANGE (a)')\n"
            "                                                                               ^");
  EXPECT_EQ(error_of("    op.create_table('t', sa.Column('a', sa.Integer()), "
                     "postgresql_partition_by=sa.text('LIST (a)'))\n"),
            "v/abc_test.py:19:80: op.create_table(): postgresql_partition_by must be a string, "
            "found SQL text\n"
            "    op.create_table('t', sa.Column('a', sa.Integer()), "
            "postgresql_partition_by=sa.text('LIST (a)'))\n"
            "                                                                               ^");
  EXPECT_EQ(error_of("    op.create_table('t', sa.Column('a', sa.Integer()), "
                     "postgresql_inherits=['device', 3])\n"),
            "v/abc_test.py:19:76: op.create_table(): postgresql_inherits must be a table name or "
            "a list of them, found an int\n"
            "    op.create_table('t', sa.Column('a', sa.Integer()), "
            "postgresql_inherits=['device', 3])\n"
            "                                                                           ^");
}

}  // namespace
}  // namespace asq
