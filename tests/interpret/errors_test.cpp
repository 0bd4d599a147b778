// What the interpreter refuses, asserted with file:line:col and the caret.

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
      "v/abc_test.py:21:39: sa.Column('g'): geoalchemy2.Geometry is a type squash.toml does not "
      "map (unmodelled revision); add the line \"geoalchemy2.Geometry\" = \"<its PostgreSQL "
      "type>\" under [types] in squash.toml\n"
      "    op.add_column('t', sa.Column('g', Geometry('POINT')))\n"
      "                                      ^");
  EXPECT_EQ(error_of("    op.add_column('t', sa.Column('x', sa.String(length=10, flavour=1)))\n"),
            "v/abc_test.py:19:39: sa.String(): argument flavour= is not supported\n"
            "    op.add_column('t', sa.Column('x', sa.String(length=10, flavour=1)))\n"
            "                                      ^");
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
  // Names of the application as SQL, or in an f-string's SQL: the [values] line to add.
  EXPECT_EQ(error_of("    op.execute(NATSORT_SQL)\n", "from app.sql import NATSORT_SQL\n\n"),
            "v/abc_test.py:21:16: op.execute(): expected SQL text, found app.sql.NATSORT_SQL; if "
            "the application defines it, give its value under [values] in squash.toml: "
            "\"app.sql.NATSORT_SQL\" = \"...\"\n"
            "    op.execute(NATSORT_SQL)\n"
            "               ^");
  EXPECT_EQ(error_of("    op.execute(f\"UPDATE t SET k = {LinkType.event.value}\")\n",
                     "from app.models import LinkType\n\n"),
            "v/abc_test.py:21:16: cannot format app.models.LinkType.event.value as text; if the "
            "application defines it, give its value under [values] in squash.toml: "
            "\"app.models.LinkType.event.value\" = ...\n"
            "    op.execute(f\"UPDATE t SET k = {LinkType.event.value}\")\n"
            "               ^");
}

TEST(Errors, UnsupportedStatementsAndModuleLevelFailures) {
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
