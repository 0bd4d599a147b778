// Which engine replays the old chain: read_chain names what the built-in reader cannot read,
// choose_engine decides (asking for the real Alembic only when it may be needed), and
// describe_choice says which and why in one line.

#include "replay/engine_choice.h"

#include <gtest/gtest.h>

#include "common/errors.h"
#include "revisions/scan.h"
#include "squash/stages.h"
#include "support/process.h"

namespace asq {
namespace {

struct LoadedFixture {
  explicit LoadedFixture(const std::string& name)
      : versions(test::source_path("fixtures/" + name + "/alembic/versions")) {
    VersionsScan scan = scan_versions({versions}, {true, false, {}});
    graph = RevisionGraph::build(scan.files);
    order = upgrade_order(graph);
  }
  ChainReading read() const {
    return read_chain(graph, order, [this](const std::vector<int>& some) {
      return interpret_revisions(graph, some);
    });
  }
  std::string versions;
  RevisionGraph graph;
  std::vector<int> order;
};

AlembicProbe available() { return {true, "Alembic 1.8.1, SQLAlchemy 1.4.46, python3", ""}; }
AlembicProbe missing() { return {false, "", "cannot start python3: No such file or directory"}; }
std::string same(const std::string& path) { return path; }

TEST(ReadChain, ReadsEveryRevisionOfAChainItModels) {
  LoadedFixture seed("seed16");
  ChainReading reading = seed.read();
  EXPECT_TRUE(reading.unread.empty());
  EXPECT_FALSE(reading.error);
  EXPECT_EQ(reading.revisions.size(), seed.order.size());
}

TEST(ReadChain, NamesEachRevisionItCannotReadWithFileAndLine) {
  LoadedFixture app("appcode");
  ChainReading reading = app.read();
  ASSERT_EQ(reading.unread.size(), 2u);
  EXPECT_EQ(reading.unread[0].revision, "5c2d8f1e9b03");
  EXPECT_EQ(reading.unread[0].where,
            (SourceLocation{app.versions + "/5c2d8f1e9b03_customer_created_at_in_utc.py", 22, 55}));
  EXPECT_EQ(
      reading.unread[0].message,
      "sa.Column('created_at'): shopapp.db.types.UTCDateTime is a type squash.toml does not map "
      "(unmodelled revision); add the line \"shopapp.db.types.UTCDateTime\" = \"<its "
      "PostgreSQL type>\" under [types] in squash.toml");
  EXPECT_EQ(reading.unread[1].revision, "9a4f3e7b6c15");
  EXPECT_EQ(reading.unread[1].where.line, 25);
  ASSERT_TRUE(reading.error);
  EXPECT_EQ(reading.error->where(), reading.unread[0].where);
  EXPECT_TRUE(reading.revisions.empty());
}

TEST(ChooseEngine, AutoTakesTheBuiltinEngineWhenItReadsEverythingWithoutAskingForPython) {
  LoadedFixture seed("seed16");
  bool asked = false;
  EngineChoice choice = choose_engine(ReplayEngine::kAuto, seed.read(), [&] {
    asked = true;
    return available();
  });
  EXPECT_EQ(choice.engine, ReplayEngine::kBuiltin);
  EXPECT_FALSE(asked);
  EXPECT_EQ(describe_choice(choice, same),
            "replay engine: built-in (auto: it reads every revision)");
}

TEST(ChooseEngine, AutoTakesTheRealAlembicForWhatTheReaderCannotReadAndSaysWhy) {
  LoadedFixture app("appcode");
  EngineChoice choice = choose_engine(ReplayEngine::kAuto, app.read(), available);
  EXPECT_EQ(choice.engine, ReplayEngine::kAlembic);
  EXPECT_EQ(choice.unread.size(), 2u);
  auto shorter = [&](const std::string& path) { return path.substr(app.versions.size() + 1); };
  EXPECT_EQ(
      describe_choice(choice, shorter),
      "replay engine: the real Alembic (Alembic 1.8.1, SQLAlchemy 1.4.46, python3; auto: the "
      "built-in reader cannot read 2 revisions: 5c2d8f1e9b03_customer_created_at_in_utc.py:22, "
      "9a4f3e7b6c15_add_invoice_table.py:25; first: sa.Column('created_at'): "
      "shopapp.db.types.UTCDateTime is a type squash.toml does not map (unmodelled revision); add "
      "the line \"shopapp.db.types.UTCDateTime\" = \"<its PostgreSQL type>\" under [types] in "
      "squash.toml)");
}

TEST(ChooseEngine, AutoWithoutAlembicStopsWithTheReadersErrorAndWhatItCannotRead) {
  LoadedFixture app("appcode");
  ChainReading reading = app.read();
  try {
    choose_engine(ReplayEngine::kAuto, reading, missing);
    FAIL() << "no error";
  } catch (const SourceError& error) {
    EXPECT_EQ(error.where(), reading.error->where());
    EXPECT_EQ(std::string(error.what()),
              std::string(reading.error->what()) +
                  "\nThe built-in reader cannot read 2 revisions: " + app.versions +
                  "/5c2d8f1e9b03_customer_created_at_in_utc.py:22, " + app.versions +
                  "/9a4f3e7b6c15_add_invoice_table.py:25. The real Alembic would replay them "
                  "(replay_engine = auto), but cannot start python3: No such file or directory; "
                  "set [alembic] python in squash.toml to the Python that runs your migrations. "
                  "Nothing was changed.");
  }
}

TEST(ChooseEngine, BuiltinStopsAtTheFirstErrorAsItAlwaysDid) {
  LoadedFixture app("appcode");
  ChainReading reading = app.read();
  try {
    choose_engine(ReplayEngine::kBuiltin, reading, available);
    FAIL() << "no error";
  } catch (const SourceError& error) {
    EXPECT_EQ(std::string(error.what()), reading.error->what());
  }
  LoadedFixture seed("seed16");
  EngineChoice choice = choose_engine(ReplayEngine::kBuiltin, seed.read(), available);
  EXPECT_EQ(describe_choice(choice, same), "replay engine: built-in (replay_engine = builtin)");
}

TEST(ChooseEngine, AlembicRunsEvenWhenTheReaderReadsEverythingAndNeedsPython) {
  LoadedFixture seed("seed16");
  EngineChoice choice = choose_engine(ReplayEngine::kAlembic, seed.read(), available);
  EXPECT_EQ(choice.engine, ReplayEngine::kAlembic);
  EXPECT_EQ(describe_choice(choice, same),
            "replay engine: the real Alembic (Alembic 1.8.1, SQLAlchemy 1.4.46, python3; "
            "replay_engine = alembic)");
  try {
    choose_engine(ReplayEngine::kAlembic, seed.read(), missing);
    FAIL() << "no error";
  } catch (const UsageError& error) {
    EXPECT_EQ(std::string(error.what()),
              "replay engine alembic: the real Alembic cannot run: cannot start python3: No such "
              "file or directory; set [alembic] python in squash.toml to the Python that runs your "
              "migrations");
  }
}

}  // namespace
}  // namespace asq
