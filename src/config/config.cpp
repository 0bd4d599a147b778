#include "config/config.h"

#include <toml++/toml.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "common/source_error.h"
#include "config/database_url.h"
#include "config/ini_file.h"

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

  std::optional<bool> boolean(std::string_view section, std::string_view key) const {
    const toml::node* node = root_.at_path(std::string(section) + "." + std::string(key)).node();
    if (!node) return std::nullopt;
    if (auto value = node->value<bool>()) return *value;
    fail(*node, section, key, "true or false");
  }

  /// `[types]`: each key a dotted name, each value a string.
  std::map<std::string, TypeMapping> types() const {
    std::map<std::string, TypeMapping> out;
    const toml::node* node = root_.get("types");
    if (!node) return out;
    const toml::table* table = node->as_table();
    if (!table) {
      SourceLocation where = toml_location(file_, *node);
      throw SourceError(where, "expected a table [types] of dotted names and PostgreSQL types",
                        source_line_at(text_, where.line));
    }
    for (const auto& [key, value] : *table) {
      std::string name(key.str());
      auto sql = value.value<std::string>();
      if (!sql) fail(value, "types", "\"" + name + "\"", "a string naming a PostgreSQL type");
      SourceLocation where = toml_location(file_, value);
      out[name] = {*sql, where, std::string(source_line_at(text_, where.line))};
    }
    return out;
  }

  const std::string& file() const { return file_; }

 private:
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
  config.database_url_source = source;
  for (const auto& name : converted.dropped) {
    config.notes.push_back("left the driver option '" + name + "' out of the URL from " + source);
  }
}

void read_ini(Config& config, const IniFile& ini, bool url_wanted) {
  std::string here = fs::path(ini.path()).parent_path().string();
  if (here.empty()) here = ".";
  std::map<std::string, std::string> defaults{{"here", here}};
  if (auto location = ini.get("alembic", "script_location", defaults)) {
    config.script_location = absolute_from(here, *location);
  }
  if (auto locations = ini.get("alembic", "version_locations", defaults)) {
    std::string separator = ini.get("alembic", "version_path_separator", defaults).value_or("");
    std::regex splitter(separator == "os" || separator == ":" ? ":"
                        : separator == ";"                    ? ";"
                        : separator == "space"                ? " "
                                                              : "[ ,]+");
    for (std::sregex_token_iterator it(locations->begin(), locations->end(), splitter, -1), end;
         it != end; ++it) {
      if (!it->str().empty()) config.version_locations.push_back(absolute_from(here, it->str()));
    }
  }
  if (auto recursive = ini.get("alembic", "recursive_version_locations", defaults)) {
    config.recursive_version_locations = *recursive == "true" || *recursive == "True";
  }
  config.sourceless = ini.get("alembic", "sourceless", defaults).value_or("") == "true";
  if (auto tmpl = ini.raw("alembic", "file_template")) config.file_template = *tmpl;
  if (url_wanted) {
    auto url = ini.get("alembic", "sqlalchemy.url", defaults);
    if (url && !url->empty() && url->rfind("driver://", 0) != 0) {
      int line = ini.line_of("alembic", "sqlalchemy.url");
      apply_url(config, *url, {ini.path(), line, 0}, ini.path() + ":" + std::to_string(line));
    }
  }
}

}  // namespace

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
  if (!config.ini_path.empty()) {
    if (!fs::exists(config.ini_path)) {
      throw SourceError({config.ini_path, 0, 0}, "alembic.ini not found at this path");
    }
    read_ini(config, IniFile::load(config.ini_path), !url_given);
  }
  if (config.version_locations.empty() && !config.script_location.empty()) {
    config.version_locations.push_back(config.script_location + "/versions");
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
  if (auto v = toml.string("database", "scratch_url", &where); v && !v->empty()) {
    config.scratch_url = to_libpq_url(*v, where).url;
  }
  if (auto v = toml.string("alembic", "versions")) {
    config.version_locations = {absolute_from(toml_dir, *v)};
  }
  if (auto v = toml.string("squash", "baseline_id")) config.baseline_id = *v;
  if (auto v = toml.string("squash", "sync_message")) config.sync_message = *v;
  if (auto v = toml.string("squash", "archive_dir")) config.archive_dir = *v;
  if (auto v = toml.strings("squash", "schemas")) config.schemas = *v;
  if (auto v = toml.strings("squash", "exclude_tables")) config.exclude_tables = *v;
  if (auto v = toml.boolean("squash", "privileges")) config.privileges = *v;
  config.types = toml.types();

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
  if (flags.privileges) config.privileges = true;
  return config;
}

}  // namespace asq
