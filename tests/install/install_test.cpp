// `cmake --install` of the build tree into a fresh prefix: the binary runs from there, the man
// page and both shell completions are where man, bash-completion and zsh look for them.

#include <gtest/gtest.h>

#include <filesystem>

#include "support/process.h"

namespace asq {
namespace {

namespace fs = std::filesystem;
using test::ProcessResult;
using test::read_text;
using test::run_process;
using test::source_path;
using test::TempDir;

/// The build tree the tests were built in (where the binary is).
std::string build_dir() { return fs::path(ASQ_BINARY).parent_path().string(); }

/// The zsh completion under `prefix`: share/zsh/site-functions, or vendor-completions in a tree
/// configured for the prefix /usr (cmake/install.cmake).
std::string zsh_completion(const std::string& prefix) {
  for (const char* dir : {"site-functions", "vendor-completions"}) {
    std::string path = prefix + "/share/zsh/" + dir + "/_alembic-squash";
    if (fs::exists(path)) return path;
  }
  return "";
}

TEST(Install, PutsBinaryManPageAndCompletionsUnderThePrefix) {
  TempDir prefix;
  ProcessResult install =
      run_process({"cmake", "--install", build_dir(), "--prefix", prefix.path()});
  ASSERT_EQ(install.exit_code, 0) << install.out << install.err;

  std::string binary = prefix / "bin/alembic-squash";
  ProcessResult version = run_process({binary, "--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out, "alembic-squash 0.1.0\n");
  ProcessResult heads = run_process({binary, "heads"}, source_path("fixtures/branches"));
  EXPECT_EQ(heads.exit_code, 0) << heads.err;
  EXPECT_EQ(heads.out, "b3f6a0e8d247 (audit) (head)\n4c8e1a6f2d95 (reporting) (head)\n");
  // The front hands doctor to the full binary under libexec/alembic-squash.
  ASSERT_TRUE(fs::exists(prefix / "libexec/alembic-squash/alembic-squash-full"));
  ProcessResult doctor =
      run_process({binary, "doctor", "--no-database"}, source_path("fixtures/branches"));
  EXPECT_TRUE(doctor.out.find("database: not checked") != std::string::npos)
      << doctor.out << doctor.err;

  std::string man = prefix / "share/man/man1/alembic-squash.1.gz";
  ASSERT_TRUE(fs::exists(man));
  ProcessResult unpacked = run_process({"gzip", "-dc", man});
  EXPECT_EQ(unpacked.out, read_text(source_path("docs/alembic-squash.1")));

  std::string bash = prefix / "share/bash-completion/completions/alembic-squash";
  ASSERT_TRUE(fs::exists(bash));
  EXPECT_EQ(read_text(bash), read_text(source_path("completions/alembic-squash.bash")));
  std::string zsh = zsh_completion(prefix.path());
  ASSERT_NE(zsh, "") << "no share/zsh/*/_alembic-squash";
  EXPECT_EQ(read_text(zsh), read_text(source_path("completions/_alembic-squash")));

  std::string schema = prefix / "share/alembic-squash/alembic-squash.schema.json";
  ASSERT_TRUE(fs::exists(schema)) << "no share/alembic-squash/alembic-squash.schema.json";
  EXPECT_EQ(read_text(schema), read_text(source_path("docs/json/alembic-squash.schema.json")));
}

TEST(Install, TheFrontBinaryRunsHistoryWithoutLibpqAndSaysSoWhenTheFullOneIsMissing) {
  ProcessResult needed = run_process({"readelf", "-d", ASQ_BINARY});
  ASSERT_EQ(needed.exit_code, 0) << needed.err;
  EXPECT_EQ(needed.out.find("libpq"), std::string::npos) << needed.out;
  EXPECT_NE(run_process({"readelf", "-d", build_dir() + "/alembic-squash-full"}).out.find("libpq"),
            std::string::npos);

  TempDir prefix;
  ASSERT_EQ(run_process({"cmake", "--install", build_dir(), "--prefix", prefix.path()}).exit_code,
            0);
  std::string full = prefix / "libexec/alembic-squash/alembic-squash-full";
  std::string binary = prefix / "bin/alembic-squash";
  std::string fixture = source_path("fixtures/branches");
  // Not runnable: the front says which file and why.
  fs::permissions(full, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  ProcessResult refused = run_process({binary, "plan"}, fixture);
  EXPECT_EQ(refused.exit_code, 5) << refused.out << refused.err;
  EXPECT_NE(refused.err.find("cannot run " + full + ": Permission denied"), std::string::npos)
      << refused.err;
  // Missing: history still runs, the rest is refused, naming where it looked.
  fs::remove(full);
  ProcessResult history = run_process({binary, "history"}, fixture);
  EXPECT_EQ(history.exit_code, 0) << history.err;
  ProcessResult plan = run_process({binary, "--json", "plan"}, fixture);
  EXPECT_EQ(plan.exit_code, 5) << plan.out << plan.err;
  EXPECT_NE(plan.err.find("cannot run alembic-squash-full: not found (looked for "),
            std::string::npos)
      << plan.err;
  EXPECT_NE(plan.err.find(full), std::string::npos) << plan.err;
  EXPECT_NE(plan.out.find("\"kind\": \"refused\""), std::string::npos) << plan.out;
}

TEST(Install, ManFindsTheInstalledPage) {
  TempDir prefix;
  ASSERT_EQ(run_process({"cmake", "--install", build_dir(), "--prefix", prefix.path()}).exit_code,
            0);
  if (!fs::exists("/usr/bin/man")) GTEST_SKIP() << "man-db is not installed";
  ProcessResult where =
      run_process({"man", "-w", "alembic-squash"}, "", {{"MANPATH", prefix / "share/man"}});
  EXPECT_EQ(where.exit_code, 0) << where.err;
  EXPECT_EQ(where.out, prefix / "share/man/man1/alembic-squash.1.gz\n");
}

}  // namespace
}  // namespace asq
