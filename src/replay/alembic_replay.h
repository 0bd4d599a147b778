#pragma once

// The third replay engine: the real Alembic of the user's environment runs the old chain
// against a scratch database, which is then introspected like any other. It reads what no
// model can (plugins, application types, arbitrary Python), at the price of a Python start and
// a real upgrade. The tool writes a minimal env.py and alembic.ini of its own into a temporary
// folder: the project's env.py is never run, so its URL and side effects stay out of it.

#include <map>
#include <string>
#include <vector>

#include "common/source_error.h"
#include "config/config.h"
#include "interpret/naming.h"
#include "introspect/introspect.h"
#include "schema/model.h"

namespace asq {

/// How to run the user's Alembic over the project's revision files.
struct AlembicRun {
  /// The Python to run (a path, or a name looked up in the environment's PATH).
  std::string python = "python3";
  /// The environment it runs with (PYTHONPATH and the rest as the user has them).
  std::map<std::string, std::string> environment;
  /// Its working directory; first on sys.path, so the project's own packages import.
  std::string project_root;
  /// Further folders put on sys.path after the project root (alembic.ini's prepend_sys_path).
  std::vector<std::string> sys_path;
  std::vector<std::string> version_locations;
  bool recursive_version_locations = false;
  bool sourceless = false;
  std::string version_table = "alembic_version";
  std::string version_table_schema = "public";
  bool transaction_per_migration = false;
  /// The module-level imports of the project's env.py, run (each on its own, failures logged
  /// and passed over) before the replay: where plugins register their ops.
  std::vector<std::string> env_imports;
  /// The expression env.py assigns to `target_metadata` at module level ("" for none),
  /// evaluated over those imports: Alembic takes the naming convention of op-created
  /// constraints from it.
  std::string target_metadata;
  /// `-x KEY=VALUE` arguments given to the tool, passed on as Alembic's own `-x` (read by
  /// `context.get_x_argument()` in revisions and env.py imports).
  std::vector<std::string> x_arguments;
};

/// The run the configuration describes.
AlembicRun alembic_run_of(const Config& config);

/// Whether the real Alembic can run: what it is, or why not.
struct AlembicProbe {
  bool ok = false;
  /// "Alembic 1.8.1, SQLAlchemy 1.4.46, python3" when ok.
  std::string version;
  /// Why not: the Python is missing, or alembic, sqlalchemy or a PostgreSQL driver (psycopg2,
  /// psycopg) does not import; its last line of output.
  std::string why_not;
};

/// Starts the configured Python once to see whether Alembic imports.
AlembicProbe probe_alembic(const AlembicRun& run);

/// The naming convention of env.py's target_metadata, which the built-in reader applies as
/// Alembic's operations do.
struct NamingProbe {
  NamingConvention convention = NamingConvention::sqlalchemy_default();
  /// Why the convention could not be read (then `convention` is MetaData()'s default).
  std::string warning;
};

/// Reads it by running env.py's imports and target_metadata expression in the configured
/// Python; without a target_metadata, MetaData()'s default without starting Python.
NamingProbe probe_naming_convention(const AlembicRun& run);

/// The settings that put the project on sys.path and pass env.py's imports and
/// target_metadata expression to the tool's Python scripts.
std::map<std::string, std::string> python_path_settings(const AlembicRun& run);

/// The real Alembic stopped with an error. Located at the deepest frame of its traceback that
/// lies in a versions folder (the revision that failed), else at the revision files' folder;
/// the message holds Alembic's last lines.
class AlembicError : public SourceError {
 public:
  AlembicError(SourceLocation where, std::string message, std::string output);
  /// What Alembic printed (standard error, then standard output).
  const std::string& output() const { return output_; }

 private:
  std::string output_;
};

/// Runs `alembic upgrade <target>` against the (libpq) database URL. Throws AlembicError when it
/// fails and UsageError when the Python cannot be started.
void alembic_upgrade(const AlembicRun& run, const std::string& database_url,
                     const std::string& target);

/// Upgrades a new scratch database on the server of `server_url` to `target` ("heads" or a
/// revision) with the real Alembic and introspects it; the scratch database is dropped in every
/// case. `left_out_schemas`, when set, receives what the upgrade made outside the managed schemas.
Schema replay_with_alembic(const std::string& server_url, const AlembicRun& run,
                           const std::string& target, const IntrospectOptions& introspect_options,
                           std::vector<std::string>* left_out_schemas = nullptr);

/// The module-level `import` and `from ... import` statements of a Python file's text, each as
/// one line (parenthesized and continued imports joined), comments removed.
std::vector<std::string> module_imports(const std::string& text);

/// The expression of a module-level `target_metadata = ...` in a Python file's text (lines
/// joined while brackets are open or a line ends with a backslash); "" when there is none (or
/// it is None).
std::string target_metadata_expression(const std::string& text);

/// Where a failure points, from a Python traceback: the deepest `File "...", line N` frame in
/// one of `folders`; an empty location when none is.
SourceLocation traceback_location(const std::string& output,
                                  const std::vector<std::string>& folders);

}  // namespace asq
