#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace asq {

/// A position in an input file; line and column are 1-based, column counts bytes.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;

  bool operator==(const SourceLocation&) const = default;
};

/// Formats `file:line:col: message`, then the offending source line and a caret under the column.
/// Without a line (0) only `file: message`; without a column, no caret.
std::string format_source_message(const SourceLocation& where, std::string_view message,
                                  std::string_view source_line);

/// Returns line `line` (1-based) of `source` without its line break, or "" when out of range.
std::string_view source_line_at(std::string_view source, int line);

/// An error in some input (a revision file, squash.toml, alembic.ini, a URL): aborts the run.
class SourceError : public std::runtime_error {
 public:
  SourceError(SourceLocation where, std::string message, std::string_view source_line = {});

  const SourceLocation& where() const { return where_; }
  /// The message alone, without location, line and caret.
  const std::string& message() const { return message_; }

 private:
  SourceLocation where_;
  std::string message_;
};

}  // namespace asq
