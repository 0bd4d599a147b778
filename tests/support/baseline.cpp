#include "support/baseline.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <pqxx/pqxx>

#include "diff/diff.h"
#include "introspect/introspect.h"
#include "render/alembic.h"
#include "support/alembic.h"
#include "support/postgres.h"
#include "support/process.h"

namespace asq::test {
namespace {

Schema read_schema(const std::string& url) {
  pqxx::connection connection(url);
  IntrospectOptions options;
  options.schemas = {"public"};
  return introspect(connection, options).schema;
}

}  // namespace

std::string check_baseline_under_alembic(const std::string& purpose, const std::string& sql) {
  TestDatabase live(purpose + "_live");
  live.execute(sql);
  Schema schema = read_schema(live.url());
  // What Alembic adds, so that the dumps compare whole.
  live.execute(
      "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
      "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num));");
  TempDir project;
  std::filesystem::create_directories(project / "alembic/versions");
  std::filesystem::copy_file(source_path("fixtures/seed16/alembic.ini"), project / "alembic.ini");
  std::filesystem::copy_file(source_path("fixtures/seed16/alembic/env.py"),
                             project / "alembic/env.py");
  std::string text = render_revision({"001_initial_schema",
                                      std::nullopt,
                                      "initial schema",
                                      "2024-07-01 00:00:00",
                                      {},
                                      diff_schemas(Schema{}, schema).ops,
                                      diff_schemas(schema, Schema{}).ops,
                                      schema.enums});
  write_text(project / "alembic/versions/001_initial_schema.py", text);
  if (const char* out = std::getenv("ASQ_RENDER_OUT")) {
    write_text(std::string(out) + "/" + purpose + ".py", text);
  }
  TestDatabase fresh(purpose + "_fresh");
  ProcessResult up = run_alembic(project.path(), {"upgrade", "head"}, fresh.url());
  EXPECT_EQ(up.exit_code, 0) << up.err << text;
  if (up.exit_code != 0) return text;
  EXPECT_EQ(schema_dump(fresh.url()), schema_dump(live.url())) << text;
  ProcessResult down = run_alembic(project.path(), {"downgrade", "base"}, fresh.url());
  EXPECT_EQ(down.exit_code, 0) << down.err << text;
  EXPECT_TRUE(read_schema(fresh.url()).tables.empty()) << text;
  return text;
}

}  // namespace asq::test
