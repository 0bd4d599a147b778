#pragma once

#include <string>
#include <vector>

#include "common/source_error.h"

namespace asq {

/// Something wrong with a versions folder, its revision graph or the version table.
struct Fault {
  enum class Severity { kError, kWarning };
  Severity severity = Severity::kError;
  /// A stable identifier for machines, e.g. "missing-parent", "stale-pycache".
  std::string code;
  /// Where it is: a file (and line) or empty for faults of the whole graph.
  SourceLocation where;
  /// What is wrong, in one sentence.
  std::string message;
  /// The concrete way to fix it.
  std::string fix;
  /// Optional excerpt: the offending source line and a caret.
  std::string context;

  bool operator==(const Fault&) const = default;
};

/// Name of a severity as shown to people and in JSON ("error", "warning").
const char* severity_name(Fault::Severity severity);

/// True when any fault is an error (warnings alone keep a folder healthy).
bool has_errors(const std::vector<Fault>& faults);

}  // namespace asq
