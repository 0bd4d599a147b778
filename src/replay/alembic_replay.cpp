#include "replay/alembic_replay.h"

#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>

#include "common/child_process.h"
#include "common/errors.h"
#include "common/json.h"
#include "common/text.h"
#include "db/scratch.h"

namespace asq {
namespace {

namespace fs = std::filesystem;

/// The env.py the real Alembic runs: online mode only, against the database its caller names,
/// with the version table and transaction settings passed in the environment.
constexpr const char* kEnvPy =
    R"py(# Written by alembic-squash for one replay of the old chain; removed after it.
import json
import logging
import os
import sys

sys.path[:0] = json.loads(os.environ["ALEMBIC_SQUASH_SYS_PATH"])
logging.basicConfig(format="%(levelname)-5.5s [%(name)s] %(message)s", level=logging.WARNING)
logging.getLogger("alembic").setLevel(logging.INFO)

# The project's env.py imports, where plugins register their ops (op.sync_enum_values, ...).
names = {}
for statement in json.loads(os.environ["ALEMBIC_SQUASH_ENV_IMPORTS"]):
    try:
        exec(statement, names)
    except Exception as error:
        logging.getLogger("alembic_squash").warning("env.py: %s: %r", statement, error)

# Its target_metadata, whose naming convention names the constraints op.* creates.
target_metadata = None
if os.environ["ALEMBIC_SQUASH_TARGET_METADATA"]:
    try:
        target_metadata = eval(os.environ["ALEMBIC_SQUASH_TARGET_METADATA"], names)
    except Exception as error:
        logging.getLogger("alembic_squash").warning("env.py: target_metadata: %r", error)

from alembic import context
from sqlalchemy import create_engine, pool


def scratch_engine():
    url = os.environ["ALEMBIC_SQUASH_URL"]
    try:
        import psycopg2
    except ImportError:
        import psycopg

        return create_engine(
            "postgresql+psycopg://", creator=lambda: psycopg.connect(url), poolclass=pool.NullPool
        )
    return create_engine(
        "postgresql+psycopg2://", creator=lambda: psycopg2.connect(url), poolclass=pool.NullPool
    )


with scratch_engine().connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        version_table=os.environ["ALEMBIC_SQUASH_VERSION_TABLE"],
        version_table_schema=os.environ["ALEMBIC_SQUASH_VERSION_TABLE_SCHEMA"] or None,
        transaction_per_migration=os.environ["ALEMBIC_SQUASH_PER_MIGRATION"] == "1",
    )
    with context.begin_transaction():
        context.run_migrations()
)py";

constexpr const char* kProbe = R"py(import alembic, sqlalchemy
try:
    import psycopg2
except ImportError:
    import psycopg
print("Alembic %s, SQLAlchemy %s" % (alembic.__version__, sqlalchemy.__version__))
)py";

/// Prints the naming convention Alembic's operations would run under: env.py's imports, then
/// its target_metadata's naming_convention, as JSON {"templates", "custom_tokens", "error"}.
/// Alembic takes it with `hasattr(target_metadata, "naming_convention")`: a list of MetaData
/// has none, and an empty one is MetaData()'s default.
constexpr const char* kNamingProbe = R"py(import json
import os
import sys

sys.path[:0] = json.loads(os.environ["ALEMBIC_SQUASH_SYS_PATH"])
names = {}
for statement in json.loads(os.environ["ALEMBIC_SQUASH_ENV_IMPORTS"]):
    try:
        exec(statement, names)
    except Exception:
        pass
out = {"templates": {}, "custom_tokens": [], "error": ""}
try:
    metadata = eval(os.environ["ALEMBIC_SQUASH_TARGET_METADATA"], names)
except Exception as error:
    out["error"] = "%s: %s" % (type(error).__name__, error)
else:
    import sqlalchemy as sa

    convention = getattr(metadata, "naming_convention", None) or {"ix": "ix_%(column_0_label)s"}
    prefixes = {sa.Index: "ix", sa.PrimaryKeyConstraint: "pk", sa.CheckConstraint: "ck",
                sa.UniqueConstraint: "uq", sa.ForeignKeyConstraint: "fk"}
    for key, value in convention.items():
        key = prefixes.get(key, key)
        if not isinstance(key, str):
            out["error"] = "a naming convention key %r is not a name" % (key,)
        elif key in ("ix", "pk", "ck", "uq", "fk"):
            if isinstance(value, str):
                out["templates"][key] = value
            else:
                out["error"] = "the naming convention's %s is %r, not a template" % (key, value)
        else:
            out["custom_tokens"].append(key)
print(json.dumps(out))
)py";

/// A folder of its own under the temporary directory, removed with its contents.
class TempFolder {
 public:
  TempFolder() {
    std::string pattern = (fs::temp_directory_path() / "alembic-squash-XXXXXX").string();
    if (!mkdtemp(pattern.data())) {
      throw std::system_error(errno, std::generic_category(), "cannot create " + pattern);
    }
    path_ = pattern;
  }
  ~TempFolder() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out.flush()) throw std::runtime_error("cannot write " + path);
}

/// A value as configparser reads it back: `%` doubled (alembic.ini interpolates).
std::string ini_value(const std::string& text) {
  if (text.find('\n') != std::string::npos) {
    throw UsageError("the real Alembic cannot be given a path with a line break: " + text);
  }
  return std::regex_replace(text, std::regex("%"), "%%");
}

/// alembic.ini for the generated script folder: the project's version locations, separated
/// by os.pathsep so that spaces in paths survive.
std::string ini_text(const AlembicRun& run, const std::string& script_dir) {
  std::string locations;
  for (const auto& location : run.version_locations) {
    if (location.find(':') != std::string::npos) {
      throw UsageError("the real Alembic cannot be given a versions folder with ':' in its path: " +
                       location);
    }
    locations += (locations.empty() ? "" : ":") + location;
  }
  return "[alembic]\nscript_location = " + ini_value(script_dir) +
         "\nversion_locations = " + ini_value(locations) +
         "\nversion_path_separator = os\nsourceless = " + (run.sourceless ? "true" : "false") +
         "\nrecursive_version_locations = " + (run.recursive_version_locations ? "true" : "false") +
         "\n";
}

/// The last `count` non-empty lines of `text`, each indented.
std::string last_lines(const std::string& text, size_t count) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (line.find_first_not_of(" \t\r") != std::string::npos) lines.push_back(line);
    start = end + 1;
  }
  std::string out;
  for (size_t i = lines.size() > count ? lines.size() - count : 0; i < lines.size(); ++i) {
    out += "\n    " + lines[i];
  }
  return out;
}

ChildResult run_python(const AlembicRun& run, const std::vector<std::string>& arguments,
                       const std::map<std::string, std::string>& extra_environment) {
  std::vector<std::string> argv{run.python};
  argv.insert(argv.end(), arguments.begin(), arguments.end());
  std::map<std::string, std::string> environment = run.environment;
  for (const auto& [key, value] : extra_environment) environment[key] = value;
  return run_child(argv, run.project_root, environment);
}

}  // namespace

AlembicRun alembic_run_of(const Config& config) {
  AlembicRun run;
  run.python = config.python;
  run.environment = config.environment;
  run.project_root = config.project_root;
  run.sys_path = config.prepend_sys_path;
  run.version_locations = config.version_locations;
  run.recursive_version_locations = config.recursive_version_locations;
  run.sourceless = config.sourceless;
  run.version_table = config.version_table;
  run.version_table_schema = config.version_table_schema;
  run.transaction_per_migration = config.transaction_per_migration;
  run.x_arguments = config.x_arguments;
  if (!config.script_location.empty()) {
    std::ifstream in(config.script_location + "/env.py", std::ios::binary);
    std::string text(std::istreambuf_iterator<char>(in), {});
    run.env_imports = module_imports(text);
    run.target_metadata = target_metadata_expression(text);
  }
  return run;
}

AlembicProbe probe_alembic(const AlembicRun& run) {
  AlembicProbe probe;
  ChildResult result;
  try {
    result = run_python(run, {"-c", kProbe}, {});
  } catch (const std::system_error& error) {
    probe.why_not = "cannot start " + run.python + ": " + error.code().message();
    return probe;
  }
  if (result.exit_code != 0) {
    std::string last = last_lines(result.err, 1);
    probe.why_not = run.python + " cannot import it: " + (last.empty() ? "" : last.substr(5));
    return probe;
  }
  probe.ok = true;
  probe.version = result.out.substr(0, result.out.find('\n')) + ", " + run.python;
  return probe;
}

std::map<std::string, std::string> python_path_settings(const AlembicRun& run) {
  std::vector<std::string> sys_path{run.project_root};
  for (const auto& path : run.sys_path) {
    if (std::find(sys_path.begin(), sys_path.end(), path) == sys_path.end()) {
      sys_path.push_back(path);
    }
  }
  return {{"ALEMBIC_SQUASH_SYS_PATH", Json::strings(sys_path).dump(-1)},
          {"ALEMBIC_SQUASH_ENV_IMPORTS", Json::strings(run.env_imports).dump(-1)},
          {"ALEMBIC_SQUASH_TARGET_METADATA", run.target_metadata},
          {"PYTHONDONTWRITEBYTECODE", "1"}};
}

NamingProbe probe_naming_convention(const AlembicRun& run) {
  NamingProbe probe;
  if (run.target_metadata.empty()) return probe;  // MetaData()'s default
  std::string why;
  try {
    ChildResult result = run_python(run, {"-c", kNamingProbe}, python_path_settings(run));
    if (result.exit_code == 0) {
      Json out = Json::parse(result.out, "the naming convention probe");
      probe.convention.templates.clear();
      for (const auto& [key, value] : out["templates"].as_object()) {
        probe.convention.templates[key] = value.as_string();
      }
      for (const auto& token : out["custom_tokens"].as_array()) {
        probe.convention.custom_tokens.insert(token.as_string());
      }
      why = out["error"].as_string();
    } else {
      std::string last = last_lines(result.err, 1);
      why = last.empty() ? "exit " + std::to_string(result.exit_code) : last.substr(5);
    }
  } catch (const std::system_error& error) {
    why = "cannot start " + run.python + ": " + error.code().message();
  } catch (const std::exception& error) {
    why = error.what();
  }
  if (!why.empty()) {
    probe.convention = NamingConvention::sqlalchemy_default();
    probe.warning = "env.py's target_metadata (" + run.target_metadata +
                    ") could not be read for its naming convention (" + why +
                    "); the built-in reader names constraints as if it had none";
  }
  return probe;
}

AlembicError::AlembicError(SourceLocation where, std::string message, std::string output)
    : SourceError(std::move(where), std::move(message)), output_(std::move(output)) {}

std::vector<std::string> module_imports(const std::string& text) {
  std::vector<std::string> out;
  std::string pending;
  int open = 0;
  bool continued = false;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    start = end + 1;
    line = line.substr(0, line.find('#'));
    bool starts = line.starts_with("import ") || line.starts_with("from ");
    if (pending.empty() && !(starts && !line.starts_with("from __future__"))) continue;
    line = std::string(trim(line));
    continued = !line.empty() && line.back() == '\\';
    if (continued) line = std::string(trim(std::string_view(line).substr(0, line.size() - 1)));
    pending += (pending.empty() ? "" : " ") + line;
    for (char c : line) open += c == '(' ? 1 : c == ')' ? -1 : 0;
    if (open <= 0 && !continued) {
      out.push_back(pending);
      pending.clear();
      open = 0;
    }
  }
  return out;
}

std::string target_metadata_expression(const std::string& text) {
  static const std::regex assignment(R"(^target_metadata\s*(:[^=]*)?=(.*)$)");
  std::vector<std::string> lines;
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    lines.push_back(line.substr(0, line.find('#')));
    start = end + 1;
  }
  auto balance = [](const std::string& part) {
    int open = 0;
    for (char c : part)
      open += (c == '(' || c == '[' || c == '{') ? 1 : (c == ')' || c == ']' || c == '}') ? -1 : 0;
    return open;
  };
  std::string found;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::smatch match;
    if (!std::regex_search(lines[i], match, assignment)) continue;
    // An expression over several lines: open brackets, or a backslash at the end.
    std::string expression(trim(match[2].str()));
    int open = balance(expression);
    while ((open > 0 || (!expression.empty() && expression.back() == '\\')) &&
           i + 1 < lines.size()) {
      if (expression.back() == '\\') expression.pop_back();
      std::string next(trim(lines[++i]));
      open += balance(next);
      expression = std::string(trim(expression)) + (next.empty() ? "" : " " + next);
    }
    found = std::string(trim(expression));
  }
  return found == "None" ? "" : found;
}

SourceLocation traceback_location(const std::string& output,
                                  const std::vector<std::string>& folders) {
  static const std::regex frame(R"re(^\s*File "([^"]+)", line (\d+))re");
  std::vector<std::string> prefixes;
  for (const auto& folder : folders) {
    prefixes.push_back(fs::weakly_canonical(folder).string() + "/");
  }
  SourceLocation found;
  size_t start = 0;
  while (start < output.size()) {
    size_t end = output.find('\n', start);
    if (end == std::string::npos) end = output.size();
    std::string line = output.substr(start, end - start);
    start = end + 1;
    std::smatch match;
    if (!std::regex_search(line, match, frame)) continue;
    std::error_code ignored;
    std::string file = fs::weakly_canonical(match[1].str(), ignored).string();
    for (const auto& prefix : prefixes) {
      if (file.rfind(prefix, 0) == 0) found = {match[1].str(), std::stoi(match[2].str()), 0};
    }
  }
  return found;
}

void alembic_upgrade(const AlembicRun& run, const std::string& database_url,
                     const std::string& target) {
  TempFolder folder;
  std::string script_dir = folder.path() + "/script";
  fs::create_directory(script_dir);
  write_file(script_dir + "/env.py", kEnvPy);
  write_file(folder.path() + "/alembic.ini", ini_text(run, script_dir));
  std::map<std::string, std::string> settings = python_path_settings(run);
  settings.insert({{"ALEMBIC_SQUASH_URL", database_url},
                   {"ALEMBIC_SQUASH_VERSION_TABLE", run.version_table},
                   {"ALEMBIC_SQUASH_VERSION_TABLE_SCHEMA", run.version_table_schema},
                   {"ALEMBIC_SQUASH_PER_MIGRATION", run.transaction_per_migration ? "1" : "0"}});
  std::vector<std::string> arguments{"-m", "alembic", "-c", folder.path() + "/alembic.ini"};
  for (const auto& x : run.x_arguments) arguments.insert(arguments.end(), {"-x", x});
  arguments.insert(arguments.end(), {"upgrade", target});
  ChildResult result;
  try {
    result = run_python(run, arguments, settings);
  } catch (const std::system_error& error) {
    throw UsageError("cannot start " + run.python + " to run the real Alembic: " +
                     error.code().message() + " (set [alembic] python in squash.toml)");
  }
  if (result.exit_code == 0) return;
  std::string output = result.err + result.out;
  SourceLocation where = traceback_location(result.err, run.version_locations);
  if (where.file.empty()) {
    where.file = run.version_locations.empty() ? run.project_root : run.version_locations.front();
  }
  throw AlembicError(where,
                     "the real Alembic (" + run.python + " -m alembic upgrade " + target +
                         ") failed on the old chain in a scratch database, exit " +
                         std::to_string(result.exit_code) +
                         "; nothing was changed. Its last lines:" +
                         last_lines(result.err.empty() ? result.out : result.err, 12),
                     output);
}

Schema replay_with_alembic(const std::string& server_url, const AlembicRun& run,
                           const std::string& target, const IntrospectOptions& introspect_options,
                           std::vector<std::string>* left_out_schemas) {
  ScratchDatabase scratch(server_url);
  alembic_upgrade(run, scratch.url(), target);
  Introspection read = introspect(scratch.connection(), introspect_options);
  scratch.drop();
  if (left_out_schemas) *left_out_schemas = std::move(read.left_out_schemas);
  return std::move(read.schema);
}

}  // namespace asq
