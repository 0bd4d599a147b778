#include "render/alembic.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <stdexcept>

#include "diff/diff.h"
#include "diff/schema_builders.h"
#include "render/alembic_python.h"
#include "render/alembic_types.h"
#include "schema/privileges.h"
#include "support/process.h"

namespace asq {
namespace {

using test::col;
using test::table;

TEST(PyStr, QuotesAsBlackLeavesThem) {
  EXPECT_EQ(py_str("user"), "\"user\"");
  EXPECT_EQ(py_str("it's"), "\"it's\"");
  EXPECT_EQ(py_str("say \"hi\""), "'say \"hi\"'");
  EXPECT_EQ(py_str("it's \"x\""), "'it\\'s \"x\"'");
  EXPECT_EQ(py_str("'a' \"b\""), "\"'a' \\\"b\\\"\"");
  EXPECT_EQ(py_str("a\\b"), "\"a\\\\b\"");
  EXPECT_EQ(py_str("\\\""), "'\\\\\"'");
  EXPECT_EQ(py_str("line\nnext\ttab\x01"), "\"line\\nnext\\ttab\\x01\"");
  EXPECT_EQ(py_str("café"), "\"café\"");
}

TEST(TextSafe, EscapesWhatTextWouldTakeForBindParameters) {
  EXPECT_EQ(text_safe("nextval('public.s'::regclass)"), "nextval('public.s'::regclass)");
  EXPECT_EQ(text_safe("'12:30:00'::time"), "'12:30:00'::time");
  EXPECT_EQ(text_safe("'{\"a\":1}'::jsonb"), "'{\"a\"\\:1}'::jsonb");
  EXPECT_EQ(text_safe("x <> ' :name'"), "x <> ' \\:name'");
  EXPECT_EQ(text_safe("':$1'"), "'\\:$1'");
  EXPECT_EQ(text_safe("'100%' LIKE '%x%'"), "'100%' LIKE '%x%'");
  EXPECT_EQ(text_safe("E'a\\:b'"), "E'a\\\\:b'");
  EXPECT_EQ(text_safe("':a:'"), "':a:'");
  EXPECT_THROW(text_safe("' :ab:'"), std::invalid_argument);
  EXPECT_EQ(sa_text("now()"), "sa.text(\"now()\")");
  EXPECT_EQ(op_execute("UPDATE t SET c = 'x'"), "op.execute(\"UPDATE t SET c = 'x'\")");
}

TEST(RenderExpr, LaysOutAsBlackDoes) {
  PyExpr call = py_call("op.add_column", {{"", "'t'"}, {"", py_call("sa.Column", {{"", "'c'"}})}});
  EXPECT_EQ(render_expr(call, 4), "op.add_column('t', sa.Column('c'))");
  std::string long_name(70, 'x');
  PyExpr wide = py_call("f", {{"", py_str(long_name)}, {"key", "g(1, 2)"}}, ".create()");
  EXPECT_EQ(render_expr(wide, 4),
            "f(\n        \"" + long_name + "\",\n        key=g(1, 2),\n    ).create()");
  std::string name_60(60, 'x');
  PyExpr hugged = py_call("f", {{"", py_str(name_60)}, {"key", "g(1, 2)"}}, ".create()");
  EXPECT_EQ(render_expr(hugged, 4), "f(\n        \"" + name_60 + "\", key=g(1, 2)\n    ).create()");
  PyExpr table = py_call("op.create_table", {{"", "'t'"}, {"", "sa.Column('c')"}});
  table.one_per_line = true;
  EXPECT_EQ(render_expr(table, 4),
            "op.create_table(\n        't',\n        sa.Column('c'),\n    )");
}

std::string type_of(const std::string& type, const std::string& collation = "") {
  EnumLabels enums{{{"public", "status"}, {"new", "it's"}}, {{"audit", "kind"}, {"x"}}};
  std::optional<PyExpr> t = python_type(type, collation, enums);
  return t ? render_expr(*t, 0) : "(none)";
}

TEST(PythonType, MapsCanonicalTypesToClassesThatRecreateThem) {
  EXPECT_EQ(type_of("integer"), "sa.Integer()");
  EXPECT_EQ(type_of("bigint"), "sa.BigInteger()");
  EXPECT_EQ(type_of("smallint"), "sa.SmallInteger()");
  EXPECT_EQ(type_of("character varying(255)"), "sa.String(length=255)");
  EXPECT_EQ(type_of("character varying"), "sa.String()");
  EXPECT_EQ(type_of("character(3)"), "sa.CHAR(length=3)");
  EXPECT_EQ(type_of("text"), "sa.Text()");
  EXPECT_EQ(type_of("boolean"), "sa.Boolean()");
  EXPECT_EQ(type_of("timestamp with time zone"), "sa.DateTime(timezone=True)");
  EXPECT_EQ(type_of("timestamp without time zone"), "sa.DateTime()");
  EXPECT_EQ(type_of("timestamp(3) with time zone"),
            "postgresql.TIMESTAMP(timezone=True, precision=3)");
  EXPECT_EQ(type_of("time without time zone"), "sa.Time()");
  EXPECT_EQ(type_of("time(2) with time zone"), "postgresql.TIME(timezone=True, precision=2)");
  EXPECT_EQ(type_of("date"), "sa.Date()");
  EXPECT_EQ(type_of("interval"), "postgresql.INTERVAL()");
  EXPECT_EQ(type_of("interval day to second(3)"),
            "postgresql.INTERVAL(fields=\"day to second\", precision=3)");
  EXPECT_EQ(type_of("uuid"), "postgresql.UUID(as_uuid=True)");
  EXPECT_EQ(type_of("jsonb"), "postgresql.JSONB(astext_type=sa.Text())");
  EXPECT_EQ(type_of("json"), "postgresql.JSON(astext_type=sa.Text())");
  EXPECT_EQ(type_of("numeric(10,2)"), "sa.Numeric(precision=10, scale=2)");
  EXPECT_EQ(type_of("numeric"), "sa.Numeric()");
  EXPECT_EQ(type_of("real"), "sa.REAL()");
  EXPECT_EQ(type_of("double precision"), "postgresql.DOUBLE_PRECISION()");
  EXPECT_EQ(type_of("bytea"), "postgresql.BYTEA()");
  EXPECT_EQ(type_of("bit(3)"), "postgresql.BIT(length=3)");
  EXPECT_EQ(type_of("bit varying(8)"), "postgresql.BIT(length=8, varying=True)");
  EXPECT_EQ(type_of("tstzrange"), "postgresql.TSTZRANGE()");
}

TEST(PythonType, ArraysEnumsCollationsAndFallback) {
  EXPECT_EQ(type_of("text[]"), "postgresql.ARRAY(sa.Text())");
  EXPECT_EQ(type_of("character varying(20)[]"), "postgresql.ARRAY(sa.String(length=20))");
  EXPECT_EQ(type_of("public.status"),
            "postgresql.ENUM(\"new\", \"it's\", name=\"status\", create_type=False)");
  EXPECT_EQ(type_of("audit.kind[]"),
            "postgresql.ARRAY(postgresql.ENUM(\"x\", name=\"kind\", schema=\"audit\", "
            "create_type=False))");
  EXPECT_EQ(type_of("text", "\"C\""), "sa.Text(collation=\"C\")");
  EXPECT_EQ(type_of("character varying(9)", "ucs_basic"),
            "sa.String(length=9, collation=\"ucs_basic\")");
  EXPECT_EQ(type_of("text[]", "\"C\""), "(none)");
  EXPECT_EQ(type_of("integer", "\"C\""), "(none)");
  EXPECT_EQ(type_of("point"), "(none)");
  EXPECT_EQ(type_of("public.citext"), "(none)");
  EXPECT_EQ(type_of("public.unknown_enum[]"), "(none)");
}

RevisionSpec spec_of(const std::string& revision, std::optional<std::string> down,
                     const std::string& message, const Schema& from, const Schema& to) {
  return {revision,
          std::move(down),
          message,
          "2024-07-01 12:00:00.000000",
          {},
          diff_schemas(from, to).ops,
          diff_schemas(to, from).ops,
          from.enums};
}

/// Compares with tests/render/golden/<name>.py; ASQ_UPDATE_GOLDEN=1 rewrites the file instead.
void expect_golden(const std::string& name, const std::string& text) {
  std::string path = test::source_path("tests/render/golden/" + name + ".py");
  if (const char* update = std::getenv("ASQ_UPDATE_GOLDEN"); update && *update == '1') {
    test::write_text(path, text);
    return;
  }
  EXPECT_EQ(text, test::read_text(path))
      << "golden " << path << " differs (ASQ_UPDATE_GOLDEN=1 rewrites it)";
}

TEST(RenderRevision, GoldenBaseline) {
  RevisionSpec spec = spec_of("001_initial_schema", std::nullopt, "initial schema", Schema{},
                              test::seed_like_schema());
  spec.replaces = {"e2412789c190", "9c0a54914c78", "7c4d1e9a2b58"};
  expect_golden("baseline", render_revision(spec));
}

TEST(RenderRevision, GoldenSync) {
  Schema chain = test::seed_like_schema();
  RevisionSpec spec = spec_of("318e2657ad46", "001_initial_schema", "sync with database", chain,
                              test::seed_like_drift_schema());
  expect_golden("sync", render_revision(spec));
}

TEST(RenderRevision, GoldenObjects) {
  expect_golden("objects", render_revision(spec_of("0b1c2d3e4f50", "001_initial_schema", "objects",
                                                   Schema{}, test::objects_schema())));
}

TEST(RenderRevision, GoldenComments) {
  Schema from = test::seed_like_schema();
  Schema to = from;
  to.schema_comments = {{"public", "the app's"}};
  to.enums[0].comment = "where an issue is: 100%";
  to.sequences[0].comment = "prompt :ids";
  to.table({"public", "user"})->constraints[0].comment = "the \"key\"";
  to.table({"public", "user"})->indexes[0].comment = "a \\ b";
  expect_golden("comments", render_revision(spec_of("5e6f7a8b9c0d", "001_initial_schema",
                                                    "comments", from, to)));
}

// --privileges: an owner other than the migrating role, grants in the ACL order live has (the
// reader was granted before the clerk, so it comes first although it sorts after), a grant
// option, a column grant and a grant on public.
TEST(RenderRevision, GoldenPrivileges) {
  Schema from = test::seed_like_schema();
  Schema to = from;
  const Table& user = *to.table({"public", "user"});
  Privileges table = with_owner(default_privileges(table_target(user.name)), "app_owner");
  table.grants.push_back({"zz_reader", "SELECT", false});
  table.grants.push_back({"clerk", "SELECT", true});
  table.grants.push_back({"clerk", "INSERT", false});
  canonicalize(table);
  table.grantee_order = {"app_owner", "zz_reader", "clerk"};
  Privileges column = default_privileges(table_target(user.name), user.columns.back().name);
  column.grants.push_back({"clerk", "UPDATE", false});
  Privileges schema = default_privileges(schema_target("public"), "", "pg_database_owner");
  schema.grants.push_back({"zz_reader", "USAGE", false});
  canonicalize(schema);
  to.privileges = {schema, table, column};
  std::sort(to.privileges.begin(), to.privileges.end(), [](const auto& a, const auto& b) {
    return std::pair(a.target, a.column) < std::pair(b.target, b.column);
  });
  expect_golden("privileges", render_revision(spec_of("6f7a8b9c0d1e", "001_initial_schema",
                                                      "privileges", from, to)));
}

TEST(RenderRevision, GoldenEmpty) {
  expect_golden("empty", render_revision({"0a1b2c3d4e5f",
                                          "001_initial_schema",
                                          "nothing to do",
                                          "2024-07-01 12:00:00.000000",
                                          {},
                                          {},
                                          {},
                                          {}}));
}

TEST(RenderRevision, SameSpecSameBytes) {
  RevisionSpec spec = spec_of("001", std::nullopt, "m", Schema{}, test::seed_like_schema());
  EXPECT_EQ(render_revision(spec), render_revision(spec));
}

TEST(RenderRevision, HeaderEscapesTheMessage) {
  std::string text =
      render_revision({"r1", std::nullopt, "a \"\"\" b \\ c\"", "d", {}, {}, {}, {}});
  EXPECT_EQ(text.substr(0, text.find('\n')), R"("""a "\"\" b \\ c\")");
}

TEST(RenderRevision, EveryHeaderValueStaysInsideTheDocstring) {
  // issue 12: a --date that closed the docstring ran its own code on the next `alembic heads`
  const std::string injection = "2024-01-01\n\"\"\"\nimport os\nos.system(\"id\")\n\"\"\"";
  test::TempDir dir;
  std::string path = dir / "r1.py";
  test::write_text(path, render_revision({"r1", "r0", "m", injection, {}, {}, {}, {}}));
  test::ProcessResult result = test::run_process(
      {"/usr/bin/python3", "-c",
       "import ast, sys\n"
       "m = ast.parse(open(sys.argv[1]).read())\n"
       "print(repr(ast.get_docstring(m, clean=False)))\n"
       "print(sorted(a.name for n in m.body if isinstance(n, ast.Import) for a in n.names))\n",
       path});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            "'m\\n\\nRevision ID: r1\\nRevises: r0\\nCreate Date: 2024-01-01\\n\"\"\"\\nimport "
            "os\\nos.system(\"id\")\\n\"\"\"\\n\\n'\n['sqlalchemy']\n");
}

TEST(RenderRevision, OpsWithTypesSqlAlchemyCannotSpellAreWrittenAsSql) {
  Schema from;
  from.tables = {table("places", {col("name", "text")})};
  Schema to = from;
  to.tables[0].columns.push_back(col("spot", "point"));
  to.tables.push_back(table("zones", {col("area", "polygon", false)}));
  std::string text = render_revision(spec_of("r1", std::nullopt, "m", from, to));
  EXPECT_NE(text.find("    op.execute(\"CREATE TABLE zones (\\n    area polygon NOT NULL\\n)\")\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("    op.execute(\"ALTER TABLE places ADD COLUMN spot point\")\n"),
            std::string::npos);
  std::string plain =
      render_revision(spec_of("r1", std::nullopt, "m", Schema{}, test::seed_like_schema()));
  EXPECT_EQ(plain.find("op.execute(\"CREATE TABLE"), std::string::npos);
}

TEST(RenderRevision, EnumLabelsAddedInAnAutocommitBlock) {
  Schema from = test::seed_like_schema();
  Schema to = from;
  to.enums[1].values.push_back("draining");
  to.enums[1].values.push_back("gone");
  std::string text = render_revision(spec_of("r2", "r1", "m", from, to));
  EXPECT_NE(text.find("    with op.get_context().autocommit_block():\n"
                      "        op.execute(\"ALTER TYPE nodestatus ADD VALUE 'draining'\")\n"
                      "        op.execute(\"ALTER TYPE nodestatus ADD VALUE 'gone'\")\n"),
            std::string::npos);
}

TEST(RenderRevision, IdentitySequenceOptionsGoIntoSaIdentityAndANameIntoSql) {
  Column id = col("id", "bigint", false);
  id.identity = "by default";
  id.identity_options.start = 1000;
  id.identity_options.cache = 20;
  Schema to;
  to.tables = {table("line", {id})};
  std::string text = render_revision(spec_of("r1", std::nullopt, "m", Schema{}, to));
  EXPECT_NE(text.find("            sa.BigInteger(),\n"
                      "            sa.Identity(always=False, start=1000, cache=20),\n"),
            std::string::npos)
      << text;
  to.tables[0].columns[0].identity_options.sequence_name = "old_line_id_seq";
  text = render_revision(spec_of("r1", std::nullopt, "m", Schema{}, to));
  EXPECT_NE(text.find("\"CREATE TABLE line (\\n    id bigint GENERATED BY DEFAULT AS "
                      "IDENTITY (SEQUENCE NAME old_line_id_seq START WITH 1000 CACHE 20)"),
            std::string::npos)
      << text;
}

TEST(RenderRevision, ConstraintsSqlAlchemyCannotSpellGoThroughExecute) {
  Constraint exclusion;
  exclusion.kind = Constraint::Kind::kExclusion;
  exclusion.name = "booking_during_excl";
  exclusion.definition = "EXCLUDE USING gist (during WITH &&)";
  Index index = test::index("ix_code", {"code"}, true);
  index.nulls_not_distinct = true;
  Schema to;
  to.tables = {
      table("booking", {col("during", "tsrange"), col("code", "text")}, {exclusion}, {index})};
  std::string text = render_revision(spec_of("r1", std::nullopt, "m", Schema{}, to));
  EXPECT_NE(text.find("    op.execute(\n        \"ALTER TABLE booking ADD CONSTRAINT "
                      "booking_during_excl EXCLUDE USING gist (during WITH &&)\"\n    )\n"),
            std::string::npos)
      << text;
  EXPECT_NE(
      text.find("    op.execute(\n        \"CREATE UNIQUE INDEX ix_code ON booking USING btree "
                "(code) NULLS NOT DISTINCT\"\n    )\n"),
      std::string::npos)
      << text;
}

TEST(RenderRevision, TypeChangeWithPercentInItsCastIsWrittenAsSql) {
  AlterColumn alter{{"public", "t"}, "c", test::col("c", "integer")};
  alter.type = "text";
  alter.using_expression = "(c % 7)::text";
  alter.nullable = false;
  std::string text = render_revision({"r", std::nullopt, "m", "d", {}, {alter}, {}, {}});
  EXPECT_NE(text.find("    op.execute(\"ALTER TABLE t ALTER COLUMN c TYPE text USING "
                      "(c % 7)::text\")\n    op.alter_column(\n        \"t\", \"c\", "
                      "existing_type=sa.Text(), existing_nullable=True, nullable=False\n    )\n"),
            std::string::npos)
      << text;
}

TEST(RenderRevision, GoldenFilesAreValidPython) {
  for (const char* name : {"baseline", "sync", "empty", "comments", "objects", "privileges"}) {
    std::string path = test::source_path(std::string("tests/render/golden/") + name + ".py");
    test::ProcessResult result = test::run_process(
        {"/usr/bin/python3", "-c", "import ast, sys; ast.parse(open(sys.argv[1]).read())", path});
    EXPECT_EQ(result.exit_code, 0) << name << ": " << result.err;
  }
}

}  // namespace
}  // namespace asq
