#include "config/config.h"

#include <gtest/gtest.h>

#include "common/source_error.h"
#include "support/process.h"

namespace asq {
namespace {

using test::TempDir;
using test::write_text;

const char* kIni =
    "[alembic]\n"
    "script_location = %(here)s/migrations\n"
    "sqlalchemy.url = postgresql+psycopg2://ini@inihost/inidb\n";

const char* kToml =
    "[database]\n"
    "url = \"postgresql+asyncpg://toml@tomlhost/tomldb\"\n"
    "version_table = \"versions\"\n"
    "[squash]\n"
    "schemas = [\"public\", \"app\"]\n";

TEST(Config, ReadsAlembicIniAlone) {
  TempDir dir;
  write_text(dir / "alembic.ini", kIni);
  Config config = load_config({}, {}, dir.path());
  EXPECT_EQ(config.database_url, "postgresql://ini@inihost/inidb");
  EXPECT_EQ(config.database_url_source, dir / "alembic.ini:3");
  EXPECT_EQ(config.version_locations, std::vector<std::string>{dir / "migrations/versions"});
  EXPECT_EQ(config.version_table, "alembic_version");
}

TEST(Config, SquashTomlBeatsAlembicIni) {
  TempDir dir;
  write_text(dir / "alembic.ini", kIni);
  write_text(dir / "squash.toml", kToml);
  Config config = load_config({}, {}, dir.path());
  EXPECT_EQ(config.database_url, "postgresql://toml@tomlhost/tomldb");
  EXPECT_EQ(config.version_table, "versions");
  EXPECT_EQ(config.schemas, (std::vector<std::string>{"public", "app"}));
}

TEST(Config, EnvironmentBeatsSquashToml) {
  TempDir dir;
  write_text(dir / "alembic.ini", kIni);
  write_text(dir / "squash.toml", kToml);
  Config config =
      load_config({}, {{"DATABASE_URL", "postgresql+asyncpg://env@envhost/envdb"}}, dir.path());
  EXPECT_EQ(config.database_url, "postgresql://env@envhost/envdb");
  EXPECT_EQ(config.database_url_source, "DATABASE_URL");
}

TEST(Config, PrivilegesAreOffUnlessSquashTomlOrTheFlagTurnsThemOn) {
  TempDir dir;
  write_text(dir / "alembic.ini", kIni);
  EXPECT_FALSE(load_config({}, {}, dir.path()).privileges);
  ConfigFlags flags;
  flags.privileges = true;
  EXPECT_TRUE(load_config(flags, {}, dir.path()).privileges);
  write_text(dir / "squash.toml", "[squash]\nprivileges = true\n");
  EXPECT_TRUE(load_config({}, {}, dir.path()).privileges);
  write_text(dir / "squash.toml", "[squash]\nprivileges = \"yes\"\n");
  try {
    load_config({}, {}, dir.path());
    FAIL() << "a string is no boolean";
  } catch (const SourceError& e) {
    EXPECT_NE(std::string(e.what()).find("squash.toml:2:14: expected true or false for "
                                         "squash.privileges"),
              std::string::npos)
        << e.what();
  }
}

TEST(Config, CommandLineBeatsEverything) {
  TempDir dir;
  write_text(dir / "alembic.ini", kIni);
  write_text(dir / "squash.toml", kToml);
  ConfigFlags flags;
  flags.database_url = "postgresql://cli@clihost/clidb";
  flags.versions = "elsewhere/versions";
  Config config =
      load_config(flags, {{"DATABASE_URL", "postgresql://env@envhost/envdb"}}, dir.path());
  EXPECT_EQ(config.database_url, "postgresql://cli@clihost/clidb");
  EXPECT_EQ(config.version_locations, std::vector<std::string>{dir / "elsewhere/versions"});
}

TEST(Config, VersionLocationsFromIniAreSplitAndAbsolute) {
  TempDir dir;
  write_text(dir / "alembic.ini",
             "[alembic]\nscript_location = db\nversion_locations = %(here)s/a %(here)s/b\n"
             "recursive_version_locations = true\n");
  Config config = load_config({}, {}, dir.path());
  EXPECT_EQ(config.version_locations, (std::vector<std::string>{dir / "a", dir / "b"}));
  EXPECT_TRUE(config.recursive_version_locations);
}

TEST(Config, IgnoresAlembicInitsPlaceholderUrl) {
  TempDir dir;
  write_text(
      dir / "alembic.ini",
      "[alembic]\nscript_location = db\nsqlalchemy.url = driver://user:pass@localhost/dbname\n");
  EXPECT_EQ(load_config({}, {}, dir.path()).database_url, "");
}

TEST(Config, BadTomlNamesFileLineAndColumn) {
  TempDir dir;
  write_text(dir / "squash.toml", "[database]\nurl = postgresql://x\n");
  try {
    load_config({}, {}, dir.path());
    FAIL() << "no error";
  } catch (const SourceError& error) {
    EXPECT_EQ(error.where().file, dir / "squash.toml");
    EXPECT_EQ(error.where().line, 2);
    EXPECT_NE(std::string(error.what()).find("url = postgresql://x"), std::string::npos);
  }
}

TEST(Config, AWrongTypeInTomlSaysWhatWasExpected) {
  TempDir dir;
  write_text(dir / "squash.toml", "[squash]\nschemas = \"public\"\n");
  try {
    load_config({}, {}, dir.path());
    FAIL() << "no error";
  } catch (const SourceError& error) {
    EXPECT_EQ(std::string(error.what()),
              dir /
                  "squash.toml:2:11: expected an array of strings for squash.schemas\n"
                  "schemas = \"public\"\n"
                  "          ^");
  }
}

TEST(Config, ABadUrlInTomlNamesItsLine) {
  TempDir dir;
  write_text(dir / "squash.toml", "[database]\n\nurl = \"sqlite:///x.db\"\n");
  try {
    load_config({}, {}, dir.path());
    FAIL() << "no error";
  } catch (const SourceError& error) {
    EXPECT_EQ(error.where().line, 3);
    EXPECT_NE(error.message().find("found scheme 'sqlite'"), std::string::npos);
  }
}

TEST(Config, TypesMapDottedNamesToPostgresTypesWithTheirLines) {
  TempDir dir;
  write_text(dir / "squash.toml",
             "[types]\n"
             "\"app.db.types.UTCDateTime\" = \"timestamp with time zone\"\n"
             "\"app.db.types.Money\" = \"bigint\"\n");
  Config config = load_config({}, {}, dir.path());
  ASSERT_EQ(config.types.size(), 2u);
  const TypeMapping& utc = config.types.at("app.db.types.UTCDateTime");
  EXPECT_EQ(utc.sql, "timestamp with time zone");
  EXPECT_EQ(utc.where.line, 2);
  EXPECT_EQ(utc.line, "\"app.db.types.UTCDateTime\" = \"timestamp with time zone\"");
  EXPECT_EQ(config.types.at("app.db.types.Money").sql, "bigint");
}

TEST(Config, ATypeThatIsNotAStringNamesItsLine) {
  TempDir dir;
  write_text(dir / "squash.toml", "[types]\n\"app.Money\" = 8\n");
  try {
    load_config({}, {}, dir.path());
    FAIL() << "no error";
  } catch (const SourceError& error) {
    EXPECT_EQ(std::string(error.what()),
              dir /
                  "squash.toml:2:15: expected a string naming a PostgreSQL type for "
                  "types.\"app.Money\"\n"
                  "\"app.Money\" = 8\n"
                  "              ^");
  }
}

TEST(Config, AMissingConfigFileIsAnError) {
  TempDir dir;
  ConfigFlags flags;
  flags.config_file = "nope.toml";
  EXPECT_THROW(load_config(flags, {}, dir.path()), SourceError);
}

}  // namespace
}  // namespace asq
