#include "config/config.h"

#include <toml++/toml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>

#include "common/errors.h"
#include "common/source_error.h"
#include "common/text.h"
#include "config/database_url.h"
#include "config/ini_file.h"
#include "config/revision_rules.h"
#include "sql/fill_expression.h"

namespace asq {
namespace {

namespace fs = std::filesystem;

std::string absolute_from(const std::string& base_dir, const std::string& path) {
  fs::path p(path);
  if (p.is_relative()) p = fs::path(base_dir) / p;
  return p.lexically_normal().string();
}

SourceLocation toml_location(const std::string& file, const toml::node& node) {
  const auto& region = node.source();
  return {file, static_cast<int>(region.begin.line), static_cast<int>(region.begin.column)};
}

/// A section whose keys are the user's names (`[types]`: dotted type names), not ours.
constexpr const char* kAnyKey = "*";

/// Every key squash.toml knows, by section.
const std::map<std::string, std::vector<std::string>>& known_keys() {
  static const std::map<std::string, std::vector<std::string>> keys{
      {"database", {"url", "version_table", "version_table_schema", "scratch_url", "lock_timeout"}},
      {"alembic", {"ini", "name", "versions", "python", "transaction_per_migration"}},
      {"squash",
       {"baseline_id", "sync_message", "archive_dir", "schemas", "exclude_tables", "privileges",
        "replay_engine", "scratch_replay"}},
      {"fill", {kAnyKey}},  // "table.column" = "SQL", checked where it is read
      {"types", {kAnyKey}},
      {"values", {kAnyKey}}};
  return keys;
}

/// Edit distance where swapping two neighbours counts once (optimal string alignment).
size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

/// "; did you mean 'x'?" with the nearest of `names`, or the list of them when none is near.
std::string nearest_hint(std::string_view name, const std::vector<std::string>& names) {
  const std::string* best = nullptr;
  size_t best_distance = 0;
  for (const auto& candidate : names) {
    size_t distance = edit_distance(name, candidate);
    if (!best || distance < best_distance) best = &candidate, best_distance = distance;
  }
  if (best && best_distance <= std::max<size_t>(2, best->size() / 3)) {
    return "; did you mean '" + *best + "'?";
  }
  std::string list;
  for (const auto& candidate : names) list += (list.empty() ? "" : ", ") + candidate;
  return " (known: " + list + ")";
}

/// Refuses a section or key squash.toml does not know (a typo would otherwise be ignored).
void check_known_keys(const toml::table& root, const std::string& file, std::string_view text) {
  auto fail = [&](const toml::key& key, const std::string& message) {
    SourceLocation where{file, static_cast<int>(key.source().begin.line),
                         static_cast<int>(key.source().begin.column)};
    throw SourceError(where, message, source_line_at(text, where.line));
  };
  std::vector<std::string> sections;
  for (const auto& [name, keys] : known_keys()) sections.push_back("[" + name + "]");
  for (const auto& [section_key, section] : root) {
    auto known = known_keys().find(std::string(section_key.str()));
    if (known == known_keys().end()) {
      std::string name(section_key.str());
      if (section.is_table()) {
        fail(section_key,
             "unknown section [" + name + "]" + nearest_hint("[" + name + "]", sections));
      }
      fail(section_key, "unknown top-level key '" + name + "': keys go in a section" +
                            nearest_hint("", sections));
    }
    const toml::table* table = section.as_table();
    if (!table) fail(section_key, "[" + known->first + "] must be a table");
    for (const auto& [key, value] : *table) {
      const auto& names = known->second;
      if (names == std::vector<std::string>{kAnyKey}) break;
      if (std::find(names.begin(), names.end(), key.str()) != names.end()) continue;
      fail(key, "unknown key '" + std::string(key.str()) + "' in [" + known->first + "]" +
                    nearest_hint(key.str(), names));
    }
  }
}

/// Typed access to squash.toml that names the file and line of a value of the wrong type.
class TomlReader {
 public:
  TomlReader(const toml::table& root, std::string file, std::string text)
      : root_(root), file_(std::move(file)), text_(std::move(text)) {}

  std::optional<std::string> string(std::string_view section, std::string_view key,
                                    SourceLocation* where = nullptr) const {
    const toml::node* node = root_.at_path(std::string(section) + "." + std::string(key)).node();
    if (!node) return std::nullopt;
    if (where) *where = toml_location(file_, *node);
    if (auto value = node->value<std::string>()) return *value;
    fail(*node, section, key, "a string");
  }

  std::optional<std::vector<std::string>> strings(std::string_view section,
                                                  std::string_view key) const {
    const toml::node* node = root_.at_path(std::string(section) + "." + std::string(key)).node();
    if (!node) return std::nullopt;
    const toml::array* array = node->as_array();
    if (!array) fail(*node, section, key, "an array of strings");
    std::vector<std::string> out;
    for (const auto& element : *array) {
      auto value = element.value<std::string>();
      if (!value) fail(element, section, key, "an array of strings");
      out.push_back(*value);
    }
    return out;
  }

  std::optional<int> positive_integer(std::string_view section, std::string_view key) const {
    const toml::node* node = root_.at_path(std::string(section) + "." + std::string(key)).node();
    if (!node) return std::nullopt;
    if (auto value = node->value<int64_t>(); value && *value > 0 && *value <= 86400) {
      return static_cast<int>(*value);
    }
    fail(*node, section, key, "a whole number of seconds from 1 to 86400");
  }

  std::optional<bool> boolean(std::string_view section, std::string_view key) const {
    const toml::node* node = root_.at_path(std::string(section) + "." + std::string(key)).node();
    if (!node) return std::nullopt;
    if (auto value = node->value<bool>()) return *value;
    fail(*node, section, key, "true or false");
  }

  /// `[types]`: each key a dotted name, each value a string.
  std::map<std::string, TypeMapping> types() const {
    std::map<std::string, TypeMapping> out;
    const toml::table* table = section("types", "dotted names and PostgreSQL types");
    if (!table) return out;
    for (const auto& [key, value] : *table) {
      std::string name(key.str());
      auto sql = value.value<std::string>();
      if (!sql) fail(value, "types", "\"" + name + "\"", "a string naming a PostgreSQL type");
      SourceLocation where = toml_location(file_, value);
      out[name] = {*sql, where, std::string(source_line_at(text_, where.line))};
    }
    return out;
  }

  /// `[values]`: each key a dotted name, each value a string, whole number, true/false, or an
  /// array or table of them, kept as the Python literal it is.
  std::map<std::string, ValueMapping> values() const {
    std::map<std::string, ValueMapping> out;
    const toml::table* table = section("values", "dotted names and their values");
    if (!table) return out;
    for (const auto& [key, value] : *table) {
      std::string name(key.str());
      if (name.find('.') == std::string::npos) {
        fail(value, "values", "\"" + name + "\"",
             "a dotted name as the revisions import it, in quotes (\"module.NAME\" = ..., "
             "\"module.Class.attribute\" = ...; unquoted, TOML reads the dots as tables)");
      }
      out[name] = {python_literal(value, name), toml_location(file_, value)};
    }
    return out;
  }

  const std::string& file() const { return file_; }

 private:
  /// Section `name` (null when absent); throws when it is not a table of `what`.
  const toml::table* section(const std::string& name, const std::string& what) const {
    const toml::node* node = root_.get(name);
    if (!node) return nullptr;
    const toml::table* table = node->as_table();
    if (!table) {
      SourceLocation where = toml_location(file_, *node);
      throw SourceError(where, "expected a table [" + name + "] of " + what,
                        source_line_at(text_, where.line));
    }
    return table;
  }
  std::string python_literal(const toml::node& node, const std::string& name) const {
    if (auto text = node.value_exact<std::string>()) return python_quoted(*text, '\'');
    if (auto number = node.value_exact<int64_t>()) return std::to_string(*number);
    if (auto flag = node.value_exact<bool>()) return *flag ? "True" : "False";
    if (const toml::array* array = node.as_array()) {
      std::string out = "[";
      for (const auto& item : *array) {
        out += (out.size() > 1 ? ", " : "") + python_literal(item, name);
      }
      return out + "]";
    }
    if (const toml::table* table = node.as_table()) {
      std::string out = "{";
      for (const auto& [key, item] : *table) {
        out += (out.size() > 1 ? ", " : "") + python_quoted(key.str(), '\'') + ": " +
               python_literal(item, name);
      }
      return out + "}";
    }
    fail(node, "values", "\"" + name + "\"",
         "a string, a whole number, true or false, or an array or table of them");
  }

  [[noreturn]] void fail(const toml::node& node, std::string_view section, std::string_view key,
                         std::string_view expected) const {
    SourceLocation where = toml_location(file_, node);
    throw SourceError(where,
                      "expected " + std::string(expected) + " for " + std::string(section) + "." +
                          std::string(key),
                      source_line_at(text_, where.line));
  }

  const toml::table& root_;
  std::string file_;
  std::string text_;
};

/// The [fill] table: `"table.column" = "SQL"` (a dotted key without quotes means the same).
void read_fills(const toml::table& root, const std::string& file, std::string_view text,
                std::map<std::string, std::string>& fills) {
  const toml::table* section = root["fill"].as_table();
  if (!section) return;
  auto fail = [&](const toml::source_region& region, const std::string& message) {
    SourceLocation where{file, static_cast<int>(region.begin.line),
                         static_cast<int>(region.begin.column)};
    throw SourceError(where, message, source_line_at(text, where.line));
  };
  auto read = [&](auto& self, const toml::table& table, const std::string& prefix) -> void {
    for (const auto& [key, value] : table) {
      std::string name = prefix + std::string(key.str());
      if (const toml::table* nested = value.as_table()) {
        self(self, *nested, name + ".");
        continue;
      }
      if (auto problem = sql::fill_key_problem(name)) fail(key.source(), "fill: " + *problem);
      auto sql = value.template value<std::string>();
      if (!sql) fail(value.source(), "expected a string of SQL for fill." + name);
      if (auto problem = sql::fill_expression_problem(*sql)) {
        fail(value.source(), "fill." + name + ": " + *problem);
      }
      fills[name] = *sql;
    }
  };
  read(read, *section, "");
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw SourceError({path, 0, 0}, "cannot read the file");
  return std::string(std::istreambuf_iterator<char>(in), {});
}

toml::table parse_toml(const std::string& path, const std::string& text) {
  try {
    return toml::parse(text, path);
  } catch (const toml::parse_error& error) {
    SourceLocation where{path, static_cast<int>(error.source().begin.line),
                         static_cast<int>(error.source().begin.column)};
    throw SourceError(where, std::string(error.description()), source_line_at(text, where.line));
  }
}

void apply_url(Config& config, const std::string& url, const SourceLocation& where,
               const std::string& source) {
  LibpqUrl converted = to_libpq_url(url, where);
  config.database_url = converted.url;
  config.database_url_where = where;
  config.database_url_source = source;
  for (const auto& name : converted.dropped) {
    config.notes.push_back("left the driver option '" + name + "' out of the URL from " + source);
  }
}

/// prepend_sys_path, split as Alembic splits it, each path absolute.
void read_sys_path(Config& config, const IniFile& ini, const std::string& section,
                   const std::string& here, const std::map<std::string, std::string>& defaults) {
  if (auto paths = ini.get(section, "prepend_sys_path", defaults)) {
    std::regex splitter("[ ,:]+");  // as Alembic splits it
    for (std::sregex_token_iterator it(paths->begin(), paths->end(), splitter, -1), end; it != end;
         ++it) {
      if (it->str().empty()) continue;
      std::string path = absolute_from(here, it->str());
      if (path.size() > 1 && path.back() == '/') path.pop_back();  // "." gives "<here>/"
      config.prepend_sys_path.push_back(path);
    }
  }
}

/// A script_location or version location as Alembic resolves it: a path (relative to
/// alembic.ini's folder), or, not absolute and with a colon, a package resource
/// `package.sub:folder` (Alembic's coerce_resource_to_filename), found as a package folder under
/// prepend_sys_path or alembic.ini's folder (where `python -m alembic` imports it from), else as
/// a package (with __init__.py) in a folder above alembic.ini's; an installed package elsewhere
/// is not looked up.
std::string location_of(const std::string& here, const std::string& value,
                        const std::vector<std::string>& sys_path, const SourceLocation& where) {
  if (fs::path(value).is_absolute() || value.find(':') == std::string::npos) {
    return absolute_from(here, value);
  }
  std::string package = value.substr(0, value.find(':'));
  std::string inside = value.substr(value.find(':') + 1);
  std::replace(inside.begin(), inside.end(), ':', '/');
  std::string package_dir = package;
  std::replace(package_dir.begin(), package_dir.end(), '.', '/');
  std::vector<std::string> roots = sys_path;
  roots.push_back(here);
  for (const auto& root : roots) {
    fs::path folder = fs::path(root) / package_dir;
    if (fs::is_directory(folder)) return (folder / inside).lexically_normal().string();
  }
  // A project installed in development mode (a src layout: alembic.ini inside the package):
  // the package, with its __init__.py, in a folder above alembic.ini's.
  for (fs::path up = fs::absolute(here).parent_path(); !up.empty(); up = up.parent_path()) {
    if (fs::exists(up / package_dir / "__init__.py")) {
      return (up / package_dir / inside).lexically_normal().string();
    }
    if (up == up.root_path()) break;
  }
  std::string searched;
  for (const auto& root : roots) searched += (searched.empty() ? "" : ", ") + root;
  throw SourceError(where, "'" + value + "' names the package " + package +
                               ", which is not a folder under " + searched +
                               " nor a package above it (an installed package is not looked up: "
                               "give the versions folder with --versions, or a path)");
}

/// file_template as Alembic reads it (interpolated: `%%` is `%`) and truncate_slug_length.
/// A template that does not interpolate is kept as written: only naming a new file fails on it.
void read_naming(FileNaming& naming, const IniFile& ini, const std::string& section,
                 const std::map<std::string, std::string>& defaults) {
  if (auto written = ini.raw(section, "file_template")) {
    naming.written = *written;
    naming.where = {ini.path(), ini.line_of(section, "file_template"), 0};
    try {
      naming.file_template = ini.get(section, "file_template", defaults).value_or("");
    } catch (const SourceError&) {
      naming.file_template = *written;
    }
  } else {
    naming.written = "%%(rev)s_%%(slug)s";
  }
  if (auto length = ini.get(section, "truncate_slug_length", defaults)) {
    SourceLocation where{ini.path(), ini.line_of(section, "truncate_slug_length"), 0};
    try {
      size_t used = 0;
      naming.truncate_slug_length = std::stoi(*length, &used);
      if (used != length->size()) throw std::invalid_argument("trailing text");
    } catch (const std::exception&) {
      throw SourceError(where,
                        "truncate_slug_length must be a whole number, not '" + *length + "'");
    }
    if (naming.truncate_slug_length <= 0) naming.truncate_slug_length = 40;  // Alembic's `or 40`
  }
}

/// [post_write_hooks] as Alembic's write_hooks reads it: `hooks` split at commas and spaces,
/// each name's options the keys that start with `name.`.
std::vector<WriteHook> read_write_hooks(const IniFile& ini,
                                        const std::map<std::string, std::string>& defaults) {
  std::vector<WriteHook> hooks;
  auto names = ini.get("post_write_hooks", "hooks", defaults);
  if (!names) return hooks;
  SourceLocation where{ini.path(), ini.line_of("post_write_hooks", "hooks"), 0};
  std::regex splitter(", *| +");
  for (std::sregex_token_iterator it(names->begin(), names->end(), splitter, -1), end; it != end;
       ++it) {
    std::string name = it->str();
    if (name.empty()) continue;
    WriteHook hook{name, {}, where};
    for (const auto& key : ini.keys("post_write_hooks")) {
      if (key.size() > name.size() + 1 && key.starts_with(name + ".")) {
        hook.options[key.substr(name.size() + 1)] =
            ini.get("post_write_hooks", key, defaults).value_or("");
      }
    }
    hooks.push_back(std::move(hook));
  }
  return hooks;
}

/// Reads Alembic's settings from `ini`. A location that cannot be resolved (a package not found)
/// is left out and its error kept in `unresolved`: --versions or squash.toml may make it moot.
void read_ini(Config& config, const IniFile& ini, bool url_wanted, const std::string& named_by,
              std::optional<SourceError>& unresolved) {
  const std::string& section = config.ini_section;
  if (!named_by.empty() && !ini.has_section(section)) {
    throw SourceError({ini.path(), 0, 0}, "there is no section [" + section + "] (" + named_by +
                                              "); Alembic would find no script_location");
  }
  std::string here = fs::path(ini.path()).parent_path().string();
  if (here.empty()) here = ".";
  std::map<std::string, std::string> defaults{{"here", here}};
  read_sys_path(config, ini, section, here, defaults);
  auto resolved = [&](const std::string& value, const char* key) -> std::string {
    try {
      return location_of(here, value, config.prepend_sys_path,
                         {ini.path(), ini.line_of(section, key), 0});
    } catch (const SourceError& error) {
      if (!unresolved) unresolved = error;
      return "";
    }
  };
  if (auto location = ini.get(section, "script_location", defaults)) {
    config.script_location = resolved(*location, "script_location");
  }
  if (auto locations = ini.get(section, "version_locations", defaults)) {
    std::string separator = ini.get(section, "version_path_separator", defaults).value_or("");
    std::regex splitter(separator == "os" || separator == ":" ? ":"
                        : separator == ";"                    ? ";"
                        : separator == "space"                ? " "
                                                              : "[ ,]+");
    for (std::sregex_token_iterator it(locations->begin(), locations->end(), splitter, -1), end;
         it != end; ++it) {
      if (it->str().empty()) continue;
      std::string location = resolved(it->str(), "version_locations");
      if (!location.empty()) config.version_locations.push_back(location);
    }
  }
  if (auto recursive = ini.get(section, "recursive_version_locations", defaults)) {
    config.recursive_version_locations = *recursive == "true" || *recursive == "True";
  }
  config.sourceless = ini.get(section, "sourceless", defaults).value_or("") == "true";
  if (auto tmpl = ini.raw(section, "file_template")) config.file_template = *tmpl;
  read_naming(config.naming, ini, section, defaults);
  config.timezone = ini.get(section, "timezone", defaults).value_or("");
  config.post_write_hooks = read_write_hooks(ini, defaults);
  if (url_wanted) {
    auto url = ini.get(section, "sqlalchemy.url", defaults);
    if (url && !url->empty() && url->rfind("driver://", 0) != 0) {
      int line = ini.line_of(section, "sqlalchemy.url");
      apply_url(config, *url, {ini.path(), line, 0}, ini.path() + ":" + std::to_string(line));
    }
  }
}

/// What the project's env.py passes as transaction_per_migration, read as text (nothing is
/// run): the literal True or False after the keyword, outside comments.
std::optional<bool> env_py_transaction_per_migration(const std::string& script_location) {
  std::ifstream in(script_location + "/env.py");
  if (!in) return std::nullopt;
  static const std::regex keyword(R"(\btransaction_per_migration\s*=\s*(True|False)\b)");
  for (std::string line; std::getline(in, line);) {
    line = line.substr(0, line.find('#'));
    std::smatch match;
    if (std::regex_search(line, match, keyword)) return match[1] == "True";
  }
  return std::nullopt;
}

ReplayEngine replay_engine_setting(const std::string& value, const SourceLocation& where,
                                   const std::string& toml_text) {
  if (auto engine = replay_engine_from(value)) return *engine;
  throw SourceError(where,
                    "expected \"auto\", \"builtin\" or \"alembic\" for squash.replay_engine, "
                    "not \"" +
                        value + "\"",
                    source_line_at(toml_text, where.line));
}

}  // namespace

std::string_view to_string(ReplayEngine engine) {
  switch (engine) {
    case ReplayEngine::kAuto:
      return "auto";
    case ReplayEngine::kBuiltin:
      return "builtin";
    case ReplayEngine::kAlembic:
      return "alembic";
  }
  return "auto";
}

std::optional<ReplayEngine> replay_engine_from(std::string_view text) {
  for (ReplayEngine engine :
       {ReplayEngine::kAuto, ReplayEngine::kBuiltin, ReplayEngine::kAlembic}) {
    if (text == to_string(engine)) return engine;
  }
  return std::nullopt;
}

std::string archive_root(const Config& config, const std::string& location) {
  if (fs::path(config.archive_dir).is_absolute()) return config.archive_dir;
  return location + "/" + config.archive_dir;
}

Config load_config(const ConfigFlags& flags, const std::map<std::string, std::string>& environment,
                   const std::string& working_dir) {
  Config config;
  toml::table table;
  std::string toml_text;
  if (flags.config_file) {
    config.config_file = absolute_from(working_dir, *flags.config_file);
    if (!fs::exists(config.config_file)) {
      throw SourceError({config.config_file, 0, 0}, "the configuration file does not exist");
    }
  } else if (fs::exists(fs::path(working_dir) / "squash.toml")) {
    config.config_file = (fs::path(working_dir) / "squash.toml").string();
  }
  if (!config.config_file.empty()) {
    toml_text = read_text(config.config_file);
    table = parse_toml(config.config_file, toml_text);
    check_known_keys(table, config.config_file, toml_text);
  }
  std::string toml_dir = config.config_file.empty()
                             ? working_dir
                             : fs::path(config.config_file).parent_path().string();
  TomlReader toml(table, config.config_file, toml_text);

  // alembic.ini: where it is, then what it says (lowest precedence but defaults).
  if (flags.ini) {
    config.ini_path = absolute_from(working_dir, *flags.ini);
  } else if (auto ini = toml.string("alembic", "ini")) {
    config.ini_path = absolute_from(toml_dir, *ini);
  } else if (fs::exists(fs::path(working_dir) / "alembic.ini")) {
    config.ini_path = absolute_from(working_dir, "alembic.ini");
  }
  bool url_given =
      flags.database_url || environment.count("DATABASE_URL") || toml.string("database", "url");
  std::string named_by;                   // empty: the default section
  std::optional<SourceError> unresolved;  // a location of alembic.ini that was not found
  if (flags.name) {
    config.ini_section = *flags.name;
    named_by = "--name " + *flags.name;
  } else if (SourceLocation at; auto name = toml.string("alembic", "name", &at)) {
    config.ini_section = *name;
    named_by = toml.file() + ":" + std::to_string(at.line) + " name = \"" + *name + "\"";
  }
  if (config.ini_section.empty()) {
    throw UsageError((flags.name ? std::string("--name") : named_by) +
                     " needs the name of a section of alembic.ini");
  }
  if (!named_by.empty() && config.ini_path.empty()) {
    throw UsageError(named_by + ": there is no alembic.ini to read the section from");
  }
  if (!config.ini_path.empty()) {
    if (!fs::exists(config.ini_path)) {
      throw SourceError({config.ini_path, 0, 0}, "alembic.ini not found at this path");
    }
    read_ini(config, IniFile::load(config.ini_path), !url_given, named_by, unresolved);
  }
  if (config.version_locations.empty() && !config.script_location.empty()) {
    config.version_locations.push_back(config.script_location + "/versions");
  }
  config.project_root =
      config.ini_path.empty() ? working_dir : fs::path(config.ini_path).parent_path().string();
  if (!config.script_location.empty()) {
    if (auto per_migration = env_py_transaction_per_migration(config.script_location)) {
      config.transaction_per_migration = *per_migration;
    }
  }

  // squash.toml
  SourceLocation where;
  if (auto url = toml.string("database", "url", &where)) {
    if (!flags.database_url && !environment.count("DATABASE_URL")) {
      apply_url(config, *url, where, toml.file() + ":" + std::to_string(where.line));
    }
  }
  if (auto v = toml.string("database", "version_table")) config.version_table = *v;
  if (auto v = toml.string("database", "version_table_schema")) config.version_table_schema = *v;
  if (auto v = toml.positive_integer("database", "lock_timeout")) config.lock_timeout_seconds = *v;
  if (auto v = toml.string("database", "scratch_url", &where); v && !v->empty()) {
    config.scratch_url = to_libpq_url(*v, where).url;
    config.scratch_url_where = where;
  }
  if (auto v = toml.string("alembic", "versions")) {
    config.version_locations = {absolute_from(toml_dir, *v)};
  }
  if (auto v = toml.string("squash", "baseline_id", &where)) {
    if (auto problem = revision_id_problem(*v)) {
      throw SourceError(where, "squash.baseline_id: " + *problem,
                        source_line_at(toml_text, where.line));
    }
    config.baseline_id = *v;
  }
  if (auto v = toml.string("squash", "sync_message")) config.sync_message = *v;
  if (auto v = toml.string("squash", "archive_dir")) config.archive_dir = *v;
  if (auto v = toml.strings("squash", "schemas")) config.schemas = *v;
  if (auto v = toml.strings("squash", "exclude_tables")) config.exclude_tables = *v;
  if (auto v = toml.boolean("squash", "privileges")) config.privileges = *v;
  if (auto v = toml.boolean("squash", "scratch_replay")) config.scratch_replay = *v;
  read_fills(table, config.config_file, toml_text, config.fills);
  if (auto v = toml.string("squash", "replay_engine", &where)) {
    config.replay_engine = replay_engine_setting(*v, where, toml_text);
  }
  if (auto v = toml.string("alembic", "python"); v && !v->empty()) {
    // A path (.venv/bin/python) is relative to squash.toml; a bare name is looked up in PATH.
    config.python = v->find('/') == std::string::npos ? *v : absolute_from(toml_dir, *v);
  }
  if (auto v = toml.boolean("alembic", "transaction_per_migration")) {
    config.transaction_per_migration = *v;
  }
  config.types = toml.types();
  config.values = toml.values();

  // environment, then the command line
  if (!flags.database_url) {
    if (auto it = environment.find("DATABASE_URL"); it != environment.end()) {
      apply_url(config, it->second, {"environment variable DATABASE_URL", 0, 0}, "DATABASE_URL");
    }
  }
  if (flags.database_url) {
    apply_url(config, *flags.database_url, {"--database-url", 0, 0}, "--database-url");
  }
  if (flags.versions) config.version_locations = {absolute_from(working_dir, *flags.versions)};
  if (unresolved && !flags.versions && !toml.string("alembic", "versions")) throw *unresolved;
  if (flags.archive_dir) {
    if (flags.archive_dir->empty()) throw UsageError("--archive-dir needs a folder");
    config.archive_dir = absolute_from(working_dir, *flags.archive_dir);
  }
  if (flags.scratch_url) {
    config.scratch_url_where = {"--scratch-url", 0, 0};
    config.scratch_url = flags.scratch_url->empty()
                             ? ""
                             : to_libpq_url(*flags.scratch_url, config.scratch_url_where).url;
  }
  for (const auto& argument : flags.x_arguments) {
    size_t eq = argument.find('=');
    if (eq == 0 || eq == std::string::npos) {
      throw UsageError("-x takes KEY=VALUE (as Alembic's -x), not '" + argument + "'");
    }
  }
  config.x_arguments = flags.x_arguments;
  if (flags.privileges) config.privileges = true;
  if (flags.scratch_replay) config.scratch_replay = true;
  if (flags.replay_engine) {
    auto engine = replay_engine_from(*flags.replay_engine);
    if (!engine) {
      throw UsageError("--replay-engine takes auto, builtin or alembic, not '" +
                       *flags.replay_engine + "'");
    }
    config.replay_engine = *engine;
  }
  config.environment = environment;
  return config;
}

}  // namespace asq
