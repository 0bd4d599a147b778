#include "config/config.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "common/errors.h"
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

TEST(Config, ABaselineIdThatIsNoSafeRevisionIdIsRefusedWithItsPlace) {
  TempDir dir;
  for (const auto& [value, rule] : std::vector<std::pair<std::string, std::string>>{
           {"\"\"", "a revision id must not be empty"},
           {"\"../../evil\"", "a revision id may hold only ASCII letters"}}) {
    write_text(dir / "squash.toml", "[squash]\nbaseline_id = " + value + "\n");
    try {
      load_config({}, {}, dir.path());
      FAIL() << value << " accepted";
    } catch (const SourceError& error) {
      EXPECT_EQ(
          std::string(error.what()).rfind(dir / "squash.toml:2:15: squash.baseline_id: " + rule, 0),
          0u)
          << error.what();
      EXPECT_NE(std::string(error.what()).find("\nbaseline_id = " + value + "\n              ^"),
                std::string::npos)
          << error.what();
    }
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

std::string config_error(const TempDir& dir, const std::string& toml) {
  write_text(dir / "squash.toml", toml);
  try {
    load_config({}, {}, dir.path());
  } catch (const SourceError& error) {
    return error.what();
  }
  return "no error";
}

TEST(Config, AnUnknownSectionNamesItsPlaceAndTheNearestSection) {
  TempDir dir;
  EXPECT_EQ(config_error(dir, "[database]\nurl = \"postgresql://h/db\"\n[squas]\nschemas = []\n"),
            dir /
                "squash.toml:3:2: unknown section [squas]; did you mean '[squash]'?\n"
                "[squas]\n"
                " ^");
}

TEST(Config, AnUnknownKeyNamesItsPlaceAndTheNearestKey) {
  TempDir dir;
  EXPECT_EQ(config_error(dir, "[squash]\n  archive_dri = \"old\"\n"),
            dir /
                "squash.toml:2:3: unknown key 'archive_dri' in [squash]; did you mean "
                "'archive_dir'?\n"
                "  archive_dri = \"old\"\n"
                "  ^");
  EXPECT_EQ(config_error(dir, "[alembic]\nfrobnicate = 1\n"),
            dir /
                "squash.toml:2:1: unknown key 'frobnicate' in [alembic] (known: ini, name, "
                "versions, python, "
                "transaction_per_migration)\n"
                "frobnicate = 1\n"
                "^");
  EXPECT_EQ(config_error(dir, "url = \"postgresql://h/db\"\n"),
            dir /
                "squash.toml:1:1: unknown top-level key 'url': keys go in a section (known: "
                "[alembic], [database], [fill], [squash], [types], [values])\n"
                "url = \"postgresql://h/db\"\n"
                "^");
}

TEST(Config, EveryDocumentedKeyIsKnown) {
  TempDir dir;
  write_text(dir / "squash.toml",
             "[database]\nurl = \"postgresql://u@h/db\"\nversion_table = \"v\"\n"
             "version_table_schema = \"public\"\nscratch_url = \"\"\nlock_timeout = 5\n"
             "[alembic]\nini = \"alembic.ini\"\nversions = \"v\"\npython = \"python3\"\n"
             "transaction_per_migration = true\n"
             "[squash]\nbaseline_id = \"001_initial_schema\"\nsync_message = \"sync\"\n"
             "archive_dir = \"backup\"\nschemas = [\"public\"]\nexclude_tables = []\n"
             "privileges = false\nreplay_engine = \"auto\"\n"
             "[fill]\n\"node.owner_id\" = \"0\"\n"
             "[types]\n\"app.types.Money\" = \"bigint\"\n");
  write_text(dir / "alembic.ini", "[alembic]\nscript_location = m\n");
  EXPECT_EQ(load_config({}, {}, dir.path()).version_table, "v");
}

TEST(Config, FillsAreReadByTableAndColumn) {
  TempDir dir;
  write_text(dir / "squash.toml",
             "[fill]\n\"node.owner_id\" = \"(SELECT id FROM \\\"user\\\" LIMIT 1)\"\n"
             "billing.invoice.total = \"0\"\n");
  EXPECT_EQ(
      load_config({}, {}, dir.path()).fills,
      (std::map<std::string, std::string>{{"billing.invoice.total", "0"},
                                          {"node.owner_id", "(SELECT id FROM \"user\" LIMIT 1)"}}));
}

TEST(Config, AFillThatIsNotOneExpressionNamesItsPlace) {
  TempDir dir;
  EXPECT_EQ(config_error(dir, "[fill]\n\"node.owner_id\" = \"1; DROP TABLE node\"\n"),
            dir /
                "squash.toml:2:19: fill.node.owner_id: a fill is one expression: no ';'\n"
                "\"node.owner_id\" = \"1; DROP TABLE node\"\n"
                "                  ^");
  EXPECT_EQ(config_error(dir, "[fill]\nowner_id = \"0\"\n"),
            dir /
                "squash.toml:2:1: fill: 'owner_id' does not name a column: write table.column, "
                "or schema.table.column outside the schema public (names as the database "
                "stores them)\n"
                "owner_id = \"0\"\n"
                "^");
  EXPECT_EQ(config_error(dir, "[fill]\n\"node.owner_id\" = 0\n"),
            dir /
                "squash.toml:2:19: expected a string of SQL for fill.node.owner_id\n"
                "\"node.owner_id\" = 0\n"
                "                  ^");
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

TEST(Config, ValuesAreKeptAsThePythonLiteralsTheyAre) {
  TempDir dir;
  write_text(dir / "squash.toml",
             "[values]\n"
             "\"app.models.Tag.__tablename__\" = \"it's a \\\\ tag\\n\"\n"
             "\"app.LIMIT\" = 512\n"
             "\"app.ON\" = false\n"
             "\"app.NAMES\" = [\"a\", 1, true]\n"
             "\"app.models.COLLATION_ARGS\" = {}\n"
             "\"app.models.OPTIONS\" = { \"collation\" = \"C\", \"n\" = [2] }\n");
  Config config = load_config({}, {}, dir.path());
  ASSERT_EQ(config.values.size(), 6u);
  EXPECT_EQ(config.values.at("app.models.Tag.__tablename__").python, "'it\\'s a \\\\ tag\\n'");
  EXPECT_EQ(config.values.at("app.models.Tag.__tablename__").where.line, 2);
  EXPECT_EQ(config.values.at("app.LIMIT").python, "512");
  EXPECT_EQ(config.values.at("app.ON").python, "False");
  EXPECT_EQ(config.values.at("app.NAMES").python, "['a', 1, True]");
  EXPECT_EQ(config.values.at("app.models.COLLATION_ARGS").python, "{}");
  EXPECT_EQ(config.values.at("app.models.OPTIONS").python, "{'collation': 'C', 'n': [2]}");

  write_text(dir / "squash.toml", "[values]\n\"app.RATIO\" = 0.5\n");
  try {
    load_config({}, {}, dir.path());
    FAIL() << "no error";
  } catch (const SourceError& error) {
    EXPECT_EQ(error.where().line, 2);
    EXPECT_EQ(error.message(),
              "expected a string, a whole number, true or false, or an array or table of them "
              "for values.\"app.RATIO\"");
  }
  write_text(dir / "squash.toml", "[values]\nLIMIT = 5\n");
  EXPECT_THROW(load_config({}, {}, dir.path()), SourceError);
}

TEST(Config, AMissingConfigFileIsAnError) {
  TempDir dir;
  ConfigFlags flags;
  flags.config_file = "nope.toml";
  EXPECT_THROW(load_config(flags, {}, dir.path()), SourceError);
}

TEST(Config, ReplayEngineIsAutoWithPython3UnlessSet) {
  TempDir dir;
  write_text(dir / "alembic.ini", kIni);
  Config plain = load_config({}, {}, dir.path());
  EXPECT_EQ(plain.replay_engine, ReplayEngine::kAuto);
  EXPECT_EQ(plain.python, "python3");
  EXPECT_EQ(plain.project_root, dir.path());

  write_text(dir / "squash.toml",
             "[squash]\nreplay_engine = \"alembic\"\n[alembic]\npython = \".venv/bin/python\"\n");
  Config set = load_config({}, {{"PYTHONPATH", "/opt/lib"}}, dir.path());
  EXPECT_EQ(set.replay_engine, ReplayEngine::kAlembic);
  EXPECT_EQ(set.python, dir / ".venv/bin/python");
  EXPECT_EQ(set.environment.at("PYTHONPATH"), "/opt/lib");

  ConfigFlags flags;
  flags.replay_engine = "builtin";
  EXPECT_EQ(load_config(flags, {}, dir.path()).replay_engine, ReplayEngine::kBuiltin);
}

TEST(Config, ABadReplayEngineNamesItsLineOrTheFlag) {
  TempDir dir;
  write_text(dir / "squash.toml", "[squash]\nreplay_engine = \"python\"\n");
  try {
    load_config({}, {}, dir.path());
    FAIL() << "no error";
  } catch (const SourceError& error) {
    EXPECT_EQ(std::string(error.what()),
              dir /
                  "squash.toml:2:17: expected \"auto\", \"builtin\" or \"alembic\" for "
                  "squash.replay_engine, not \"python\"\n"
                  "replay_engine = \"python\"\n"
                  "                ^");
  }
  TempDir other;
  ConfigFlags flags;
  flags.replay_engine = "real";
  try {
    load_config(flags, {}, other.path());
    FAIL() << "no error";
  } catch (const UsageError& error) {
    EXPECT_EQ(std::string(error.what()),
              "--replay-engine takes auto, builtin or alembic, not 'real'");
  }
}

TEST(Config, TransactionPerMigrationFromEnvPyUnlessSquashTomlSaysOtherwise) {
  TempDir dir;
  write_text(dir / "alembic.ini",
             "[alembic]\nscript_location = %(here)s/migrations\nprepend_sys_path = . src\n");
  std::filesystem::create_directories(dir / "migrations");
  write_text(dir / "migrations/env.py",
             "# transaction_per_migration=False is the default\n"
             "context.configure(connection=c, transaction_per_migration = True)\n");
  Config config = load_config({}, {}, dir.path());
  EXPECT_TRUE(config.transaction_per_migration);
  EXPECT_EQ(config.prepend_sys_path, (std::vector<std::string>{dir.path(), dir / "src"}));

  write_text(dir / "squash.toml", "[alembic]\ntransaction_per_migration = false\n");
  EXPECT_FALSE(load_config({}, {}, dir.path()).transaction_per_migration);
}

// One alembic.ini, two chains (`alembic -n core`, `alembic -n tenant`), each script_location a
// package resource `package:folder` as Alembic resolves it (a package under prepend_sys_path).
const char* kNamedIni =
    "[core]\n"
    "script_location = app.db:migrations/core\n"
    "prepend_sys_path = src\n"
    "sqlalchemy.url = postgresql://core@host/db\n"
    "file_template = %%(year)d_%%(rev)s\n"
    "[tenant]\n"
    "script_location = %(here)s/tenant\n"
    "version_locations = app.db:migrations/tenant_versions %(here)s/more\n"
    "prepend_sys_path = src\n";

TEST(Config, NameChoosesTheSectionOfAlembicIniAsAlembicsDashN) {
  TempDir dir;
  write_text(dir / "alembic.ini", kNamedIni);
  std::filesystem::create_directories(dir / "src/app/db/migrations/core");
  ConfigFlags flags;
  flags.name = "core";
  Config core = load_config(flags, {}, dir.path());
  EXPECT_EQ(core.ini_section, "core");
  EXPECT_EQ(core.script_location, dir / "src/app/db/migrations/core");
  EXPECT_EQ(core.version_locations,
            std::vector<std::string>{dir / "src/app/db/migrations/core/versions"});
  EXPECT_EQ(core.database_url, "postgresql://core@host/db");
  EXPECT_EQ(core.naming.file_template, "%(year)d_%(rev)s");

  write_text(dir / "squash.toml", "[alembic]\nname = \"tenant\"\n");
  Config tenant = load_config({}, {}, dir.path());
  EXPECT_EQ(tenant.script_location, dir / "tenant");
  EXPECT_EQ(
      tenant.version_locations,
      (std::vector<std::string>{dir / "src/app/db/migrations/tenant_versions", dir / "more"}));
  EXPECT_EQ(tenant.database_url, "");                                 // [tenant] has none
  EXPECT_EQ(load_config(flags, {}, dir.path()).ini_section, "core");  // the flag wins
}

// A src layout installed in development mode: alembic.ini inside the package it names, which
// Python imports from the folder above (no prepend_sys_path).
TEST(Config, APackageResourceIsFoundAsAPackageAboveAlembicIni) {
  TempDir dir;
  std::filesystem::create_directories(dir / "src/app/database/revisions/core");
  write_text(dir / "src/app/__init__.py", "");
  write_text(dir / "src/app/alembic.ini",
             "[core]\nscript_location = app:database/revisions/core\n");
  ConfigFlags flags;
  flags.ini = "src/app/alembic.ini";
  flags.name = "core";
  EXPECT_EQ(load_config(flags, {}, dir.path()).script_location,
            dir / "src/app/database/revisions/core");
  write_text(dir / "src/app/alembic.ini",
             "[core]\nscript_location = other:database/revisions/core\n");
  EXPECT_THROW(load_config(flags, {}, dir.path()), SourceError);
}

TEST(Config, NameOfAMissingSectionOrAnUnknownPackageIsRefusedSayingWhere) {
  TempDir dir;
  write_text(dir / "alembic.ini", kNamedIni);
  ConfigFlags flags;
  flags.name = "tenants";
  try {
    load_config(flags, {}, dir.path());
    FAIL() << "a missing section was accepted";
  } catch (const SourceError& error) {
    EXPECT_NE(std::string(error.what()).find("there is no section [tenants] (--name tenants)"),
              std::string::npos)
        << error.what();
  }
  flags.name = "core";  // src/app/db does not exist
  try {
    load_config(flags, {}, dir.path());
    FAIL() << "an unknown package was accepted";
  } catch (const SourceError& error) {
    std::string text = error.what();
    EXPECT_NE(text.find("alembic.ini:2"), std::string::npos) << text;
    EXPECT_NE(text.find("'app.db:migrations/core' names the package app.db, which is not a "
                        "folder under " +
                        dir / "src"),
              std::string::npos)
        << text;
  }
  flags.versions = "elsewhere";  // the folder given: the package does not matter
  EXPECT_EQ(load_config(flags, {}, dir.path()).version_locations,
            std::vector<std::string>{dir / "elsewhere"});
  flags.versions.reset();
  flags.name = "";
  EXPECT_THROW(load_config(flags, {}, dir.path()), UsageError);
  TempDir empty;  // no alembic.ini to take a section from
  flags.name = "core";
  EXPECT_THROW(load_config(flags, {}, empty.path()), UsageError);
}

}  // namespace
}  // namespace asq
