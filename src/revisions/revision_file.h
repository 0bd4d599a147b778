#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/source_error.h"
#include "python/ast.h"
#include "revisions/fault.h"

namespace asq {

/// What a revision file declares at module level, with where it says it.
struct RevisionFile {
  std::string path;       // as found (the versions folder joined with the file name)
  std::string file_name;  // the last path component
  std::string revision;
  SourceLocation revision_at;
  /// `down_revision`: empty for None (a base); several for a merge.
  std::vector<std::string> down_revisions;
  SourceLocation down_revision_at;
  std::vector<std::string> branch_labels;
  /// `depends_on`: None is empty.
  std::vector<std::string> depends_on;
  /// alembic-squash's `replaces = (...)` in a baseline: the revisions it stands for.
  std::vector<std::string> replaces;
  /// The docstring as Python sees it, stripped (Alembic's `longdoc`).
  std::string docstring;
  /// Header lines of the docstring, empty when absent.
  std::string header_revision_id;
  int header_revision_id_line = 0;
  std::string header_revises;
  std::string header_create_date;

  /// Alembic's `doc`: the docstring up to the first blank line.
  std::string message() const;
  bool operator==(const RevisionFile&) const = default;
};

/// The result of reading one file of a versions folder.
struct ReadResult {
  std::optional<RevisionFile> revision;  // absent when the file is not a revision
  std::vector<Fault> faults;             // problems found in this file alone
};

/// Extracts the revision variables from a parsed module. `source` is the file's text, used for
/// error lines. A file with no `revision` variable is not a revision (a fault says so).
ReadResult read_revision_module(const py::Module& module, std::string_view source,
                                const std::string& path);

/// Parses and reads one revision file from its text; throws SourceError on a syntax error and on
/// bytes Python refuses to import (a NUL byte; not UTF-8 while no coding line declares another).
/// With `header_only`, function bodies are tokenized but not parsed (enough for the graph).
ReadResult read_revision_source(std::string_view source, const std::string& path, bool header_only);

}  // namespace asq
