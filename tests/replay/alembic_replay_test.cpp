// The real-Alembic engine's parts: what it takes from the project's env.py, where a traceback
// points, whether the configured Python has Alembic, and a replay into a scratch database.

#include "replay/alembic_replay.h"

#include <gtest/gtest.h>

#include "common/errors.h"
#include "support/postgres.h"
#include "support/process.h"

namespace asq {
namespace {

TEST(ModuleImports, TakesTheModuleLevelImportsOfEnvPyJoined) {
  EXPECT_EQ(
      module_imports("\"\"\"env\"\"\"\n"
                     "from __future__ import annotations\n"
                     "import os  # comment\n"
                     "from app.models import (\n"
                     "    Base,\n"
                     "    User,  # the user\n"
                     ")\n"
                     "from alembic_utils.replaceable_entity import \\\n"
                     "    register_entities\n"
                     "def run():\n"
                     "    import inside_a_function\n"
                     "if True:\n"
                     "    from nested import thing\n"
                     "import alembic_postgresql_enum\n"),
      (std::vector<std::string>{"import os", "from app.models import ( Base, User, )",
                                "from alembic_utils.replaceable_entity import register_entities",
                                "import alembic_postgresql_enum"}));
}

TEST(TargetMetadataExpression, TakesTheModuleLevelAssignmentOfEnvPy) {
  EXPECT_EQ(target_metadata_expression("from app.db import metadata\n"
                                       "target_metadata = metadata  # for autogenerate\n"),
            "metadata");
  EXPECT_EQ(target_metadata_expression("target_metadata: MetaData = Base.metadata\n"),
            "Base.metadata");
  EXPECT_EQ(target_metadata_expression("target_metadata = None\n"), "");
  EXPECT_EQ(target_metadata_expression("def f():\n    target_metadata = x\n"), "");
  // Over several lines (a public history's env.py; it was cut at the first line).
  EXPECT_EQ(target_metadata_expression("target_metadata = combine(\n    a.metadata,  # core\n"
                                       "    b.metadata,\n)\nother = 1\n"),
            "combine( a.metadata, b.metadata, )");
  EXPECT_EQ(target_metadata_expression("target_metadata = \\\n    Base.metadata\n"),
            "Base.metadata");
}

TEST(TracebackLocation, PointsAtTheDeepestFrameInAVersionsFolder) {
  test::TempDir dir;
  std::string versions = dir / "versions";
  std::string output =
      "Traceback (most recent call last):\n"
      "  File \"/usr/lib/python3/dist-packages/alembic/runtime/migration.py\", line 623, in x\n"
      "  File \"" +
      versions +
      "/0002_b.py\", line 14, in upgrade\n"
      "    helper()\n"
      "  File \"" +
      versions +
      "/0002_b.py\", line 9, in helper\n"
      "    op.execute('nope')\n"
      "  File \"/usr/lib/python3/dist-packages/sqlalchemy/engine/base.py\", line 1, in execute\n"
      "sqlalchemy.exc.ProgrammingError: syntax error\n";
  EXPECT_EQ(traceback_location(output, {versions}),
            (SourceLocation{versions + "/0002_b.py", 9, 0}));
  EXPECT_EQ(traceback_location(output, {dir / "elsewhere"}), SourceLocation{});
}

TEST(ProbeAlembic, FindsDebiansAlembicAndSaysWhyNotForAMissingPython) {
  AlembicRun run;
  run.python = "/usr/bin/python3";
  run.environment = {{"PATH", "/usr/bin:/bin"}};
  AlembicProbe probe = probe_alembic(run);
  EXPECT_TRUE(probe.ok) << probe.why_not;
  EXPECT_EQ(probe.version, "Alembic 1.8.1, SQLAlchemy 1.4.46, /usr/bin/python3");
  run.python = "no-such-python";
  probe = probe_alembic(run);
  EXPECT_FALSE(probe.ok);
  EXPECT_EQ(probe.why_not, "cannot start no-such-python: No such file or directory");
}

TEST(ReplayWithAlembic, BuildsWhatTheProjectsOwnCodeDoesInAScratchDatabase) {
  std::string project = test::source_path("fixtures/appcode");
  AlembicRun run;
  run.python = "/usr/bin/python3";
  run.environment = {{"PATH", "/usr/bin:/bin"}};
  run.project_root = project;
  run.version_locations = {project + "/alembic/versions"};
  run.env_imports = {"import shopapp.db.migration_ops"};
  run.transaction_per_migration = true;
  Schema schema = replay_with_alembic(test::server_url(), run, "9a4f3e7b6c15", {});
  ASSERT_EQ(schema.tables.size(), 2u);
  const Table& customer = schema.tables[0];
  EXPECT_EQ(customer.name.name, "customer");
  EXPECT_EQ(customer.columns.back().name, "created_at");
  EXPECT_EQ(customer.columns.back().type, "timestamp with time zone");
  const Table& invoice = schema.tables[1];
  EXPECT_EQ(invoice.columns[2].type, "numeric(12,2)");
  ASSERT_EQ(schema.objects.size(), 2u);  // touch_updated_at() and the trigger on invoice
  EXPECT_EQ(schema.objects[0].kind, CatalogObject::Kind::kFunction);
  EXPECT_EQ(schema.objects[1].kind, CatalogObject::Kind::kTrigger);
  EXPECT_TRUE(invoice.indexes.empty()) << "upgraded to 9a4f3e7b6c15, not to the head";

  run.env_imports.clear();  // the plugin op is then unknown
  try {
    replay_with_alembic(test::server_url(), run, "heads", {});
    FAIL() << "no error";
  } catch (const AlembicError& error) {
    EXPECT_EQ(
        error.where(),
        (SourceLocation{project + "/alembic/versions/9a4f3e7b6c15_add_invoice_table.py", 31, 0}));
    EXPECT_TRUE(std::string(error.what())
                    .ends_with("\n    AttributeError: module 'alembic.op' has no attribute "
                               "'create_updated_at_trigger'"))
        << error.what();
  }
}

}  // namespace
}  // namespace asq
