#include "revisions/version_diagnosis.h"

namespace asq {
namespace {

std::string chain_summary(const RevisionGraph& graph) {
  std::vector<int> order = graph.history();
  if (order.empty()) return "the versions folder defines no revisions";
  std::string heads;
  for (int head : graph.heads())
    heads += (heads.empty() ? "" : ", ") + graph.revisions()[head].id();
  std::string text = "the files define " + std::to_string(order.size()) + " revision" +
                     (order.size() == 1 ? "" : "s") + ": <base> -> " +
                     graph.revisions()[order.back()].id();
  if (order.size() > 2) text += " -> ...";
  return text + " -> " + heads + " (head)";
}

Fault make(Fault::Severity severity, std::string code, std::string message, std::string fix) {
  return {severity, std::move(code), {}, std::move(message), std::move(fix), {}};
}

std::string heads_text(const RevisionGraph& graph) {
  std::string out;
  for (int head : graph.heads()) out += (out.empty() ? "" : " ") + graph.revisions()[head].id();
  return out.empty() ? "head" : out;
}

}  // namespace

std::string to_string(VersionState state) {
  switch (state) {
    case VersionState::kAtHead:
      return "at-head";
    case VersionState::kBehind:
      return "behind";
    case VersionState::kUnknownRevision:
      return "unknown-revision";
    case VersionState::kEmpty:
      return "empty";
    case VersionState::kMissingTable:
      return "missing-table";
    case VersionState::kSeveralRows:
      return "several-rows";
  }
  return "";
}

VersionDiagnosis diagnose_version_table(const RevisionGraph& graph, const VersionTableState& rows,
                                        const std::string& table,
                                        const std::vector<Fault>& stale_pycache) {
  VersionDiagnosis result;
  const auto kError = Fault::Severity::kError;
  const auto kWarning = Fault::Severity::kWarning;
  if (!rows.exists || rows.rows.empty()) {
    result.state = rows.exists ? VersionState::kEmpty : VersionState::kMissingTable;
    std::string what = rows.exists ? "the version table " + table + " is empty"
                                   : "the database has no version table " + table;
    result.faults.push_back(make(
        kError, to_string(result.state), what + ": Alembic treats the database as empty (at base)",
        "if the schema already matches the head, `alembic stamp " + heads_text(graph) +
            "` (check first with `alembic-squash diff live chain`); "
            "if the database is empty, `alembic upgrade head`"));
    return result;
  }
  std::vector<int> current;
  for (const auto& row : rows.rows) {
    Resolution resolved = graph.resolve(row);
    if (!resolved.ok()) {
      result.state = VersionState::kUnknownRevision;
      std::string message = "the version table " + table + " names '" + row +
                            "', which no revision file defines; Alembic fails with \"Can't "
                            "locate revision identified by '" +
                            row + "'\"";
      for (const auto& stale : stale_pycache) {
        std::string name = stale.where.file.substr(stale.where.file.find_last_of('/') + 1);
        if (name.rfind(row, 0) == 0) {
          message += ". Its compiled file __pycache__/" + name +
                     " is still there: the source file was deleted";
        }
      }
      result.faults.push_back(make(
          kError, "unknown-revision", message,
          chain_summary(graph) +
              ". Compare the live schema with the head (`alembic-squash diff live chain`), then "
              "either `alembic-squash squash` (a new baseline plus a sync revision for the drift) "
              "or `alembic stamp " +
              heads_text(graph) +
              "` if they match; or restore the lost file (git log --all --diff-filter=D -- '*" +
              row + "*')"));
      continue;
    }
    current.push_back(graph.index_of(resolved.ids.front()));
  }
  if (!result.faults.empty()) return result;
  for (size_t i = 0; i < current.size(); ++i) {
    std::vector<bool> below = graph.ancestors(current[i]);
    for (size_t j = 0; j < current.size(); ++j) {
      if (i != j && below[current[j]]) {
        result.state = VersionState::kSeveralRows;
        result.faults.push_back(make(
            kError, "overlapping-rows",
            "the version table " + table + " names both " + graph.revisions()[current[j]].id() +
                " and its descendant " + graph.revisions()[current[i]].id(),
            "delete the row of " + graph.revisions()[current[j]].id() + " (DELETE FROM " + table +
                " WHERE version_num = '" + graph.revisions()[current[j]].id() + "')"));
        return result;
      }
    }
  }
  std::vector<bool> applied(graph.revisions().size(), false);
  for (int index : current) {
    std::vector<bool> below = graph.ancestors(index);
    for (size_t k = 0; k < below.size(); ++k) applied[k] = applied[k] || below[k];
  }
  for (int index : graph.history()) {
    if (!applied[index]) ++result.pending;
  }
  if (result.pending == 0) {
    bool several = current.size() > 1 && graph.heads().size() == 1;
    result.state = several ? VersionState::kSeveralRows : VersionState::kAtHead;
    return result;
  }
  result.state = VersionState::kBehind;
  result.faults.push_back(make(kWarning, "behind-head",
                               "the database is " + std::to_string(result.pending) + " revision" +
                                   (result.pending == 1 ? "" : "s") + " behind the head " +
                                   heads_text(graph),
                               "alembic upgrade heads"));
  return result;
}

}  // namespace asq
