#include "revisions/fault.h"

#include <algorithm>

namespace asq {

const char* severity_name(Fault::Severity severity) {
  return severity == Fault::Severity::kError ? "error" : "warning";
}

bool has_errors(const std::vector<Fault>& faults) {
  return std::any_of(faults.begin(), faults.end(),
                     [](const Fault& f) { return f.severity == Fault::Severity::kError; });
}

}  // namespace asq
