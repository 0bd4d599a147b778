#include "support/engines.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <pqxx/pqxx>

#include "db/server_facts.h"
#include "interpret/interpreter.h"
#include "replay/alembic_replay.h"
#include "replay/scratch_replay.h"
#include "revisions/graph.h"
#include "revisions/scan.h"
#include "schema/json.h"
#include "squash/stages.h"
#include "support/postgres.h"
#include "support/process.h"

namespace asq::test {

std::string revision_file(const std::string& id, const std::string& down, const std::string& body) {
  return "from alembic import op\nimport sqlalchemy as sa\nfrom sqlalchemy.dialects import "
         "postgresql\n\nrevision = '" +
         id + "'\ndown_revision = " + (down.empty() ? "None" : "'" + down + "'") +
         "\n\n\ndef upgrade():\n" + body + "\n\ndef downgrade():\n    pass\n";
}

std::vector<RevisionOps> chain(const std::vector<std::string>& bodies) {
  std::vector<RevisionOps> revisions;
  std::string down;
  for (size_t i = 0; i < bodies.size(); ++i) {
    std::string id = "r" + std::to_string(i + 1);
    revisions.push_back(
        interpret_revision_source(revision_file(id, down, bodies[i]), "versions/" + id + ".py"));
    down = id;
  }
  return revisions;
}

MemoryReplayOptions options_of_test_server() {
  pqxx::connection connection(server_url());
  MemoryReplayOptions options;
  options.server = server_facts(connection);
  return options;
}

void expect_engines_agree(const std::vector<RevisionOps>& revisions) {
  MemoryReplay memory = replay_in_memory(revisions, options_of_test_server());
  ASSERT_TRUE(memory.modelled()) << memory.unmodelled.front().where.file << ":"
                                 << memory.unmodelled.front().where.line << ": "
                                 << memory.unmodelled.front().what;
  Schema scratch = replay_in_scratch(server_url(), revisions);
  // What objects depend on comes from pg_depend and is no part of the comparison.
  for (CatalogObject& object : scratch.objects) object.depends_on.clear();
  for (CatalogObject& object : memory.schema.objects) object.depends_on.clear();
  EXPECT_EQ(schema_to_json(memory.schema).dump(), schema_to_json(scratch).dump());
}

void expect_alembic_agrees(const std::vector<std::string>& bodies) {
  TempDir project;
  std::string versions = project / "versions";
  std::filesystem::create_directories(versions);
  std::string down;
  for (size_t i = 0; i < bodies.size(); ++i) {
    std::string id = "r" + std::to_string(i + 1);
    write_text(versions + "/" + id + ".py", revision_file(id, down, bodies[i]));
    down = id;
  }
  AlembicRun run;
  run.python = "/usr/bin/python3";
  run.environment = {{"PATH", "/usr/bin:/bin"}};
  run.project_root = project.path();
  run.version_locations = {versions};
  Schema alembic = replay_with_alembic(server_url(), run, "heads", {});
  // Read as the pipeline reads a chain: in order, each revision knowing what the earlier did.
  VersionsScan scan = scan_versions({versions}, {true, false, {}});
  RevisionGraph graph = RevisionGraph::build(scan.files);
  MemoryReplay memory =
      replay_in_memory(interpret_revisions(graph, upgrade_order(graph)), options_of_test_server());
  ASSERT_TRUE(memory.modelled()) << memory.unmodelled.front().where.file << ":"
                                 << memory.unmodelled.front().where.line << ": "
                                 << memory.unmodelled.front().what;
  for (CatalogObject& object : alembic.objects) object.depends_on.clear();
  for (CatalogObject& object : memory.schema.objects) object.depends_on.clear();
  EXPECT_EQ(schema_to_json(memory.schema).dump(), schema_to_json(alembic).dump());
}

}  // namespace asq::test
