#include "common/source_error.h"

namespace asq {

std::string format_source_message(const SourceLocation& where, std::string_view message,
                                  std::string_view source_line) {
  std::string out = where.file;
  if (where.line > 0) {
    out += ':' + std::to_string(where.line);
    if (where.column > 0) out += ':' + std::to_string(where.column);
  }
  out += ": ";
  out += message;
  if (where.line > 0 && !source_line.empty()) {
    out += '\n';
    out += source_line;
    if (where.column > 0) {
      out += '\n';
      for (int i = 1; i < where.column && i <= static_cast<int>(source_line.size()); ++i) {
        out += source_line[i - 1] == '\t' ? '\t' : ' ';
      }
      out += '^';
    }
  }
  return out;
}

std::string_view source_line_at(std::string_view source, int line) {
  if (line < 1) return {};
  size_t start = 0;
  for (int current = 1; current < line; ++current) {
    size_t next = source.find('\n', start);
    if (next == std::string_view::npos) return {};
    start = next + 1;
  }
  size_t end = source.find('\n', start);
  if (end == std::string_view::npos) end = source.size();
  std::string_view text = source.substr(start, end - start);
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  return text;
}

SourceError::SourceError(SourceLocation where, std::string message, std::string_view source_line)
    : std::runtime_error(format_source_message(where, message, source_line)),
      where_(std::move(where)),
      message_(std::move(message)) {}

}  // namespace asq
