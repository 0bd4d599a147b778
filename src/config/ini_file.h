#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/source_error.h"

namespace asq {

/// An INI file read as Python's configparser reads alembic.ini: `[section]`, `key = value` or
/// `key: value`, `#`/`;` comments, indented continuation lines, case-insensitive keys.
class IniFile {
 public:
  /// Parses `text`; throws SourceError naming `path`, the line and what was expected.
  static IniFile parse(std::string_view text, const std::string& path);
  /// Reads and parses a file; throws SourceError when it cannot be read.
  static IniFile load(const std::string& path);

  /// The raw value of `key` in `section` (or in [DEFAULT]), without interpolation.
  std::optional<std::string> raw(std::string_view section, std::string_view key) const;
  /// The value with `%(name)s` interpolated from the section, [DEFAULT] and `defaults`
  /// (Alembic passes `here`), and `%%` as `%`. Throws SourceError on a bad reference.
  std::optional<std::string> get(std::string_view section, std::string_view key,
                                 const std::map<std::string, std::string>& defaults = {}) const;
  bool has_section(std::string_view section) const { return sections_.count(section) > 0; }
  /// The keys of `section` itself (lower-cased, sorted), without those of [DEFAULT].
  std::vector<std::string> keys(std::string_view section) const;
  /// The line a key is defined on, for messages; 0 when absent.
  int line_of(std::string_view section, std::string_view key) const;
  const std::string& path() const { return path_; }

 private:
  struct Entry {
    std::string value;
    int line = 0;
  };
  std::string interpolate(std::string_view section, const Entry& entry,
                          const std::map<std::string, std::string>& defaults, int depth) const;
  const Entry* find(std::string_view section, std::string_view key) const;

  std::string path_;
  std::map<std::string, std::map<std::string, Entry>, std::less<>> sections_;
};

}  // namespace asq
