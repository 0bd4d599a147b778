// The real Alembic as the engine that replays the old chain (issue 11, section 3), end to end on
// fixtures/appcode: revisions that import the project's own package (application types) and
// call a plugin op that the project's env.py registers. The built-in reader cannot read them;
// `auto` picks the real Alembic and says why, `builtin` refuses at file:line, and the squashed
// files rebuild live exactly under the real Alembic (the proof does not change).

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/alembic.h"
#include "support/catalog.h"
#include "support/postgres.h"
#include "support/process.h"

namespace asq {
namespace {

using test::ProcessResult;
using test::run_alembic;
using test::schema_dump;

const char* kSyncId = "7d3b9e1f0a62";
const char* kAppType = "alembic/versions/5c2d8f1e9b03_customer_created_at_in_utc.py";
const char* kPluginOp = "alembic/versions/9a4f3e7b6c15_add_invoice_table.py";

/// A private copy of fixtures/appcode; live upgraded by the real Alembic, then drifted.
class AlembicEngine : public testing::Test {
 protected:
  void SetUp() override {
    ProcessResult up = run_alembic(copy_.path, {"upgrade", "head"}, live_.url());
    ASSERT_EQ(up.exit_code, 0) << up.err;
    live_.execute("ALTER TABLE customer ADD COLUMN phone varchar(40)");
  }
  ProcessResult tool(std::vector<std::string> args) const {
    return test::run_tool(args, copy_.path, {{"DATABASE_URL", live_.url()}});
  }
  ProcessResult squash(std::vector<std::string> extra = {}) const {
    std::vector<std::string> args{"squash", "--yes",  "--revision-id",
                                  kSyncId,  "--date", "2026-12-06 00:00:00.000000"};
    args.insert(args.end(), extra.begin(), extra.end());
    return tool(args);
  }
  /// After a squash: the new chain rebuilds live under the real Alembic, goes down to nothing
  /// but the trigger function (which the old chain's downgrade also leaves) and up again.
  void expect_rebuilds_live(const std::string& live_dump) const {
    EXPECT_EQ(test::version_rows(live_.url()), std::vector<std::string>{kSyncId});
    EXPECT_EQ(schema_dump(live_.url()), live_dump);
    test::TestDatabase fresh("engine_fresh");
    ProcessResult up = run_alembic(copy_.path, {"upgrade", "head"}, fresh.url());
    ASSERT_EQ(up.exit_code, 0) << up.err;
    EXPECT_EQ(schema_dump(fresh.url()), live_dump);
    ProcessResult down = run_alembic(copy_.path, {"downgrade", "base"}, fresh.url());
    ASSERT_EQ(down.exit_code, 0) << down.err;
    EXPECT_EQ(test::version_rows(fresh.url()), std::vector<std::string>{});
    ProcessResult again = run_alembic(copy_.path, {"upgrade", "head"}, fresh.url());
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(schema_dump(fresh.url()), live_dump);
  }
  /// Nothing changed: the files, the version table, live's schema.
  void expect_untouched(const std::map<std::string, std::string>& files,
                        const std::string& live_dump) const {
    EXPECT_EQ(test::file_hashes(copy_.path), files);
    EXPECT_EQ(test::version_rows(live_.url()), std::vector<std::string>{"e0d6b2a8c437"});
    EXPECT_EQ(schema_dump(live_.url()), live_dump);
  }

  test::FixtureCopy copy_{"appcode"};
  test::TestDatabase live_{"engine_live"};
};

TEST_F(AlembicEngine, AutoPicksTheRealAlembicSaysWhyAndTheSquashRebuildsLive) {
  std::string live_dump = schema_dump(live_.url());
  ProcessResult result = squash();
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE(
      result.out.find("replay engine: the real Alembic (Alembic 1.8.1, SQLAlchemy 1.4.46, "
                      "/usr/bin/python3; auto: the built-in reader cannot read 2 revisions: " +
                      std::string(kAppType) + ":22, " + kPluginOp +
                      ":25; first: sa.Column('created_at'): "
                      "shopapp.db.types.UTCDateTime is a type squash.toml does not map "
                      "(unmodelled revision); add the line \"shopapp.db.types.UTCDateTime\" = "
                      "\"<its PostgreSQL type>\" under [types] in squash.toml)\n"),
      std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("  + column customer.phone character varying(40)\n"), std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("equal to live"), std::string::npos) << result.out;
  expect_rebuilds_live(live_dump);
}

TEST_F(AlembicEngine, TheAlembicEngineSquashesWhenAskedFor) {
  std::string live_dump = schema_dump(live_.url());
  ProcessResult result = squash({"--replay-engine", "alembic"});
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE(result.out.find("replay engine: the real Alembic (Alembic 1.8.1, SQLAlchemy 1.4.46, "
                            "/usr/bin/python3; replay_engine = alembic)\n"),
            std::string::npos)
      << result.out;
  expect_rebuilds_live(live_dump);
}

TEST_F(AlembicEngine, TheBuiltinEngineRefusesAtTheFirstConstructItCannotRead) {
  std::string live_dump = schema_dump(live_.url());
  auto files = test::file_hashes(copy_.path);
  ProcessResult result = squash({"--replay-engine", "builtin"});
  EXPECT_EQ(result.exit_code, 2) << result.out << result.err;
  EXPECT_EQ(result.err.substr(0, result.err.find('\n')),
            copy_.path + "/" + kAppType +
                ":22:55: sa.Column('created_at'): shopapp.db.types.UTCDateTime is a type "
                "squash.toml does not map (unmodelled revision); add the line "
                "\"shopapp.db.types.UTCDateTime\" = \"<its PostgreSQL type>\" under [types] in "
                "squash.toml");
  expect_untouched(files, live_dump);
}

TEST_F(AlembicEngine, AutoWithoutAPythonThatHasAlembicNamesWhatItCannotReadAndStops) {
  std::string live_dump = schema_dump(live_.url());
  // A Python without its site packages: it runs, but Alembic does not import.
  test::write_text(copy_.path + "/bare-python", "#!/bin/sh\nexec /usr/bin/python3 -S \"$@\"\n");
  ASSERT_EQ(test::run_process({"chmod", "+x", copy_.path + "/bare-python"}).exit_code, 0);
  for (const auto& [python, why] : std::vector<std::pair<std::string, std::string>>{
           {"/nonexistent/python3", "cannot start /nonexistent/python3: No such file or directory"},
           {"./bare-python", copy_.path + "/bare-python cannot import it: ModuleNotFoundError: "
                                          "No module named '"}}) {
    test::write_text(copy_.path + "/squash.toml", "[alembic]\npython = \"" + python + "\"\n");
    auto files = test::file_hashes(copy_.path);
    ProcessResult result = squash();
    EXPECT_EQ(result.exit_code, 2) << result.out << result.err;
    EXPECT_EQ(result.err.substr(0, result.err.find(':')), copy_.path + "/" + kAppType);
    EXPECT_NE(result.err.find("\nThe built-in reader cannot read 2 revisions: " + copy_.path + "/" +
                              kAppType + ":22, " + copy_.path + "/" + kPluginOp +
                              ":25. The real Alembic would replay them (replay_engine = auto), "
                              "but "),
              std::string::npos)
        << result.err;
    EXPECT_NE(result.err.find("(replay_engine = auto), but " + why), std::string::npos)
        << result.err;
    EXPECT_TRUE(
        result.err.ends_with("; set [alembic] python in squash.toml to the Python that "
                             "runs your migrations. Nothing was changed.\n"))
        << result.err;
    expect_untouched(files, live_dump);
  }
  ProcessResult asked = squash({"--replay-engine", "alembic"});
  EXPECT_EQ(asked.exit_code, 2);
  EXPECT_NE(asked.err.find("alembic-squash: replay engine alembic: the real Alembic cannot run: " +
                           copy_.path +
                           "/bare-python cannot import it: ModuleNotFoundError: No module named '"),
            std::string::npos)
      << asked.err;
}

TEST_F(AlembicEngine, ChainSourcesReplayWithTheRealAlembicToo) {
  ProcessResult diff = tool({"diff", "chain", "live"});
  EXPECT_EQ(diff.exit_code, 1) << diff.out << diff.err;
  EXPECT_NE(diff.out.find("+ column customer.phone character varying(40)"), std::string::npos)
      << diff.out;
  EXPECT_NE(diff.err.find("chain: replay engine: the real Alembic (Alembic 1.8.1"),
            std::string::npos)
      << diff.err;
  ProcessResult before = tool({"diff", "chain@5c2d8f1e9b03", "chain"});
  EXPECT_EQ(before.exit_code, 1) << before.out << before.err;
  EXPECT_NE(before.out.find("+ table invoice"), std::string::npos) << before.out;
}

TEST_F(AlembicEngine, ARevisionThatFailsUnderAlembicStopsWithItsLastLines) {
  test::write_text(copy_.path + "/alembic/versions/f1a2b3c4d5e6_broken.py",
                   "\"\"\"broken\"\"\"\n"
                   "from alembic import op\n"
                   "\n"
                   "revision = 'f1a2b3c4d5e6'\n"
                   "down_revision = 'e0d6b2a8c437'\n"
                   "\n"
                   "\n"
                   "def upgrade():\n"
                   "    op.execute('ALTER TABLE nowhere ADD COLUMN x integer')\n"
                   "\n"
                   "\n"
                   "def downgrade():\n"
                   "    pass\n");
  auto files = test::file_hashes(copy_.path);
  ProcessResult result = tool({"snapshot", "--from", "chain", "--replay-engine", "alembic"});
  EXPECT_EQ(result.exit_code, 2) << result.out << result.err;
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err.substr(0, result.err.find('\n')),
            copy_.path +
                "/alembic/versions/f1a2b3c4d5e6_broken.py:9: the real Alembic (/usr/bin/python3 "
                "-m alembic upgrade heads) failed on the old chain in a scratch database, exit 1; "
                "nothing was changed. Its last lines:");
  EXPECT_NE(result.err.find("    sqlalchemy.exc.ProgrammingError: (psycopg2.errors.UndefinedTable) "
                            "relation \"nowhere\" does not exist\n"),
            std::string::npos)
      << result.err;
  EXPECT_EQ(test::file_hashes(copy_.path), files);
}

}  // namespace
}  // namespace asq
