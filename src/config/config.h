#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/source_error.h"
#include "config/file_template.h"

namespace asq {

/// Which engine replays the old chain: the built-in reader, the real Alembic of the user's
/// environment, or the built-in one when it reads every revision and else the real one.
enum class ReplayEngine { kAuto, kBuiltin, kAlembic };

/// "auto", "builtin", "alembic".
std::string_view to_string(ReplayEngine engine);
/// The engine a setting names; nullopt for anything else.
std::optional<ReplayEngine> replay_engine_from(std::string_view text);
/// One entry of squash.toml's `[types]`: the PostgreSQL type an application type is, as written.
struct TypeMapping {
  std::string sql;
  SourceLocation where;  // of the value
  std::string line;      // the line's text, for errors
};

/// One entry of squash.toml's `[values]`: what a name of the application is (a model's
/// `__tablename__`, a constant), as a Python literal made from the TOML value.
struct ValueMapping {
  std::string python;    // 'experiment_tags', 512, True, ['a', 'b'], {'k': 1}
  SourceLocation where;  // of the value
};

/// One hook of alembic.ini's [post_write_hooks]: a name listed in `hooks` and its `name.*`
/// keys (type, entrypoint, executable, module, options, cwd), interpolated.
struct WriteHook {
  std::string name;
  std::map<std::string, std::string> options;
  SourceLocation where;  // alembic.ini's `hooks` line
};

/// What the command line says about configuration (flags before the command).
struct ConfigFlags {
  std::optional<std::string> config_file;    // --config
  std::optional<std::string> database_url;   // --database-url
  std::optional<std::string> ini;            // --ini
  std::optional<std::string> versions;       // --versions
  bool privileges = false;                   // --privileges (of the commands that take it)
  std::optional<std::string> replay_engine;  // --replay-engine (of the commands that replay)
  bool scratch_replay = false;               // --scratch-replay (of the commands that replay)
  std::optional<std::string> archive_dir;    // --archive-dir (relative to the working directory)
  std::optional<std::string> scratch_url;    // --scratch-url
  std::vector<std::string> x_arguments;      // -x KEY=VALUE, in order
  std::optional<std::string> name;           // --name/-n: the section of alembic.ini
};

/// The settings every command works from, merged from all sources:
/// command line > environment > squash.toml > alembic.ini > defaults.
struct Config {
  /// libpq URL of the live database; empty when none is configured. Converted from the
  /// SQLAlchemy form, not yet checked by libpq: check_urls() does that for the commands that
  /// connect (history and heads never do, and run without libpq).
  std::string database_url;
  /// Where the URL came from ("--database-url", "DATABASE_URL", "squash.toml:3", ...).
  std::string database_url_source;
  SourceLocation database_url_where;
  std::vector<std::string> notes;  // e.g. query parameters left out of the URL
  std::string version_table = "alembic_version";
  std::string version_table_schema = "public";
  std::string scratch_url;
  SourceLocation scratch_url_where;
  /// The server scratch databases are made on: scratch_url, else the live database's; "" when
  /// neither is configured.
  const std::string& scratch_server() const {
    return scratch_url.empty() ? database_url : scratch_url;
  }
  /// `-x KEY=VALUE` arguments, passed on to the real Alembic wherever the tool runs it, where
  /// `context.get_x_argument()` reads them.
  std::vector<std::string> x_arguments;
  /// How long squash waits for the version table's lock, in seconds ([database] lock_timeout).
  int lock_timeout_seconds = 10;

  std::string ini_path;  // empty when there is no alembic.ini
  /// The section of alembic.ini Alembic's settings are read from (`alembic -n NAME`; --name,
  /// squash.toml's [alembic] name).
  std::string ini_section = "alembic";
  std::string script_location;
  std::vector<std::string> version_locations;  // absolute paths
  bool recursive_version_locations = false;
  bool sourceless = false;
  std::string file_template = "%%(rev)s_%%(slug)s";
  /// How `alembic revision` names files (file_template interpolated, truncate_slug_length).
  FileNaming naming;
  /// alembic.ini's `timezone` (empty when not set): new files are dated now in that zone, as
  /// `alembic revision` dates them.
  std::string timezone;
  /// alembic.ini's [post_write_hooks], in the order `hooks` lists them.
  std::vector<WriteHook> post_write_hooks;

  std::string baseline_id = "001_initial_schema";
  std::string sync_message = "sync with database";
  std::string archive_dir = "backup";
  std::vector<std::string> schemas = {"public"};
  std::vector<std::string> exclude_tables;
  /// Values for existing rows of new NOT NULL columns ([fill] "table.column" = "SQL").
  std::map<std::string, std::string> fills;
  /// Owners and privileges are part of the schema (--privileges, [squash] privileges = true).
  bool privileges = false;
  /// `[types]`: application types by dotted name (`app.db.types.UTCDateTime`).
  std::map<std::string, TypeMapping> types;
  /// `[values]`: names of the application the revisions use as values, by dotted name
  /// (`app.models.Tag.__tablename__`).
  std::map<std::string, ValueMapping> values;

  /// How the old chain is replayed ([squash] replay_engine, --replay-engine).
  ReplayEngine replay_engine = ReplayEngine::kAuto;
  /// The built-in reader's ops are replayed in a scratch database even when the in-memory
  /// engine models every one of them ([squash] scratch_replay, --scratch-replay).
  bool scratch_replay = false;
  /// The Python that runs the real Alembic ([alembic] python; looked up in PATH).
  std::string python = "python3";
  /// Each revision in its own transaction when the real Alembic replays the chain
  /// ([alembic] transaction_per_migration, else what the project's env.py passes).
  bool transaction_per_migration = false;
  /// Where the project is: alembic.ini's folder (the working directory without one). The real
  /// Alembic runs there, with it and alembic.ini's prepend_sys_path on sys.path.
  std::string project_root;
  std::vector<std::string> prepend_sys_path;  // absolute
  /// The environment the tool runs in, passed on to the user's Python.
  std::map<std::string, std::string> environment;

  std::string config_file;  // squash.toml used, empty when none
};

/// Where squash archives go for the versions folder `location`: `archive_dir` itself when it is
/// absolute, else relative to the versions folder.
std::string archive_root(const Config& config, const std::string& location);

/// Builds the configuration from the flags, the environment and the files, reading
/// squash.toml from `working_dir` unless --config names one. Throws SourceError for bad files
/// and bad URLs (file, line and what was expected).
Config load_config(const ConfigFlags& flags, const std::map<std::string, std::string>& environment,
                   const std::string& working_dir);

}  // namespace asq
