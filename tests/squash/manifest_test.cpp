#include "squash/manifest.h"

#include <gtest/gtest.h>

#include "common/source_error.h"

namespace asq {
namespace {

Manifest sample() {
  Manifest m;
  m.tool_version = "test";
  m.created_at = "2026-11-21T00:00:00Z";
  m.versions_dir = "/srv/app/alembic/versions";
  m.old_files = {{"aaa_first.py", "ab12", 42}};
  m.new_files = {{"001_initial_schema.py", "cd34", 7}};
  m.version_table = "public.alembic_version";
  m.rows_before = {"aaa"};
  m.rows_after = {"001_initial_schema"};
  return m;
}

TEST(Manifest, WritesEachStateAsItsJournalNameAndReadsItBack) {
  const std::pair<ManifestState, const char*> states[] = {
      {ManifestState::kArchived, "archived"},
      {ManifestState::kFilesWritten, "files-written"},
      {ManifestState::kFilesSwapped, "files-swapped"},
      {ManifestState::kCommitted, "committed"},
      {ManifestState::kRolledBack, "rolled-back"},
      {ManifestState::kRestored, "restored"},
  };
  for (const auto& [state, name] : states) {
    Manifest m = sample();
    m.state = state;
    Json json = manifest_to_json(m);
    EXPECT_EQ(json.find("state")->as_string(), name);
    EXPECT_EQ(manifest_from_json(json, "manifest.json"), m) << name;
  }
}

TEST(Manifest, RefusesAStateItDoesNotKnow) {
  Json json = manifest_to_json(sample());
  json["state"] = "half-done";
  try {
    manifest_from_json(json, "backup/manifest.json");
    FAIL() << "expected SourceError";
  } catch (const SourceError& error) {
    EXPECT_STREQ(error.what(), "backup/manifest.json: manifest state 'half-done' is unknown");
  }
}

}  // namespace
}  // namespace asq
