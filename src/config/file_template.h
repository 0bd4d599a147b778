#pragma once

// The names Alembic gives new revision files: alembic.ini's file_template filled in as
// `alembic revision` fills it (ScriptDirectory._rev_path).

#include <optional>
#include <string>
#include <string_view>

#include "common/source_error.h"

namespace asq {

/// alembic.ini's naming settings, interpolated as configparser does (`%%` read as `%`).
struct FileNaming {
  /// `%(rev)s_%(slug)s` by default; may name sub-folders (`%(year)d/%(rev)s`).
  std::string file_template = "%(rev)s_%(slug)s";
  int truncate_slug_length = 40;
  /// Where file_template was set, for messages; empty file when it was not.
  SourceLocation where;
  /// The template as written in alembic.ini, for messages.
  std::string written;

  bool is_default() const { return file_template == "%(rev)s_%(slug)s"; }
};

/// The slug `alembic revision -m message` puts in a file name: the runs of word characters
/// joined by '_', lower-cased (ASCII and Latin-1 letters; other non-ASCII characters count as
/// word characters and are kept as they are), cut at `truncate_length` code points back to the last
/// '_' (which stays) when longer.
std::string revision_slug(std::string_view message, int truncate_length);

/// The calendar fields of a create date as `--date` or the clock gives it (`2026-11-21`,
/// `2026-11-21 09:30:00.123456`, `...T09:30:00+01:00`).
struct DateFields {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  /// Seconds since the epoch; a date without a zone is read as UTC.
  long long epoch = 0;
};
/// nullopt when `date` is not such a date.
std::optional<DateFields> date_fields(std::string_view date);

/// The file name (with `.py`, relative to the versions folder) that `naming` gives revision
/// `rev` with `message` at `date`, as Python's `%` operator fills the template: `%(key)s`,
/// `%(key)d`, flags, width and precision (`%(month).2d`, `%(day)02d`). Throws SourceError
/// naming alembic.ini's line for a key Alembic does not pass, a conversion it does not
/// support, or a name that would leave the versions folder.
std::string revision_file_name(const FileNaming& naming, const std::string& rev,
                               std::string_view message, const DateFields& date);

}  // namespace asq
