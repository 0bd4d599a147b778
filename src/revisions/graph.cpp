#include "revisions/graph.h"

#include <algorithm>
#include <optional>
#include <regex>

#include "common/text.h"

namespace asq {
namespace {

void add_unique(std::vector<int>& list, int value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

Fault error(std::string code, SourceLocation where, std::string message, std::string fix) {
  return {Fault::Severity::kError, std::move(code), std::move(where),
          std::move(message),      std::move(fix),  {}};
}

Fault warning(std::string code, SourceLocation where, std::string message, std::string fix) {
  return {Fault::Severity::kWarning, std::move(code), std::move(where),
          std::move(message),        std::move(fix),  {}};
}

/// The file names `file_template` (alembic.ini, `%%` or `%` escaped) gives revision `id`: the
/// id where `%(rev)s` stands, a slug or any text for the other fields. Only the last path part
/// counts (a template may name sub-folders). nullopt when the template does not name the id.
std::optional<std::regex> file_name_pattern(const std::string& file_template,
                                            const std::string& id) {
  std::string text = file_template.substr(file_template.rfind('/') + 1);
  static const std::regex field(R"(%%?\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[sdif])");
  auto escape = [](const std::string& literal) {
    static const std::regex special(R"([.^$|()\[\]{}*+?\\])");
    return std::regex_replace(literal, special, R"(\$&)");
  };
  std::string pattern;
  bool names_id = false;
  auto begin = std::sregex_iterator(text.begin(), text.end(), field);
  size_t at = 0;
  for (auto it = begin; it != std::sregex_iterator(); ++it) {
    pattern += escape(text.substr(at, it->position() - at));
    std::string name = (*it)[1];
    if (name == "rev") {
      pattern += escape(id);
      names_id = true;
    } else if (name == "slug") {
      pattern += "\\w*";
    } else {
      pattern += ".*?";
    }
    at = it->position() + it->length();
  }
  pattern += escape(text.substr(at)) + "\\.py";
  if (!names_id) return std::nullopt;
  return std::regex(pattern);
}

}  // namespace

RevisionGraph RevisionGraph::build(std::vector<RevisionFile> files,
                                   const std::string& file_template) {
  RevisionGraph graph;
  graph.index_files(std::move(files));
  graph.link();
  graph.normalize_dependencies();
  graph.find_cycles();
  graph.propagate_branch_labels();
  graph.check_files(file_template);
  graph.check_heads();
  return graph;
}

void RevisionGraph::index_files(std::vector<RevisionFile> files) {
  revisions_.reserve(files.size());
  by_id_.reserve(files.size());
  for (auto& file : files) {
    if (file.revision.find_first_of("@-+") != std::string::npos) {
      faults_.push_back(error("illegal-revision-id", file.revision_at,
                              "revision id '" + file.revision + "' contains '@', '-' or '+'",
                              "use a revision id made of letters, digits and '_'"));
    }
    auto [it, inserted] = by_id_.emplace(file.revision, static_cast<int>(revisions_.size()));
    if (inserted) {
      revisions_.push_back(Revision{std::move(file), {}, {}, {}, {}, {}, {}});
      continue;
    }
    Revision& first = revisions_[it->second];
    faults_.push_back(error("duplicate-revision", file.revision_at,
                            "revision '" + file.revision + "' is also declared in " +
                                first.file.file_name + ":" +
                                std::to_string(first.file.revision_at.line),
                            "give one of the two files a new id (`alembic revision` makes one) "
                            "and re-point its children; Alembic silently uses the later file"));
    first.file = std::move(file);  // Alembic keeps the first position and the last file
  }
  for (int i = 0; i < static_cast<int>(revisions_.size()); ++i) {
    for (const auto& label : revisions_[i].file.branch_labels) {
      auto [it, inserted] = by_label_.emplace(label, i);
      if (!inserted || by_id_.count(label)) {
        int other = inserted ? by_id_.at(label) : it->second;
        faults_.push_back(error(
            "duplicate-branch-label", revisions_[i].file.revision_at,
            "branch label '" + label + "' is already used by revision " + revisions_[other].id(),
            "rename one of the branch labels"));
      }
    }
  }
}

void RevisionGraph::link() {
  for (int i = 0; i < static_cast<int>(revisions_.size()); ++i) {
    Revision& revision = revisions_[i];
    for (const auto& parent : revision.file.down_revisions) {
      if (parent == revision.id()) continue;  // reported as a cycle
      auto it = by_id_.find(parent);
      if (it == by_id_.end()) {
        faults_.push_back(
            error("missing-parent", revision.file.down_revision_at,
                  "down_revision names '" + parent + "', which no revision file defines",
                  "restore the file of '" + parent + "' (git log --all -- '*" + parent +
                      "*'), or point down_revision at an existing revision"));
        continue;
      }
      add_unique(revision.down, it->second);
      add_unique(revisions_[it->second].next, i);
      add_unique(revisions_[it->second].all_next, i);
    }
    for (const auto& name : revision.file.depends_on) {
      auto it = by_id_.find(name);
      if (it == by_id_.end()) it = by_label_.find(name);
      if (it == by_id_.end() || it == by_label_.end()) {
        if (by_label_.count(name) == 0 && by_id_.count(name) == 0) {
          faults_.push_back(error(
              "missing-dependency", revision.file.revision_at,
              "depends_on names '" + name + "', which is neither a revision nor a branch label",
              "restore that revision or remove it from depends_on"));
          continue;
        }
      }
      int target = by_id_.count(name) ? by_id_.at(name) : by_label_.at(name);
      if (target == i) continue;
      add_unique(revision.dependencies, target);
      add_unique(revisions_[target].all_next, i);
    }
  }
}

void RevisionGraph::normalize_dependencies() {
  for (auto& revision : revisions_) {
    if (revision.dependencies.empty()) continue;
    std::vector<bool> seen(revisions_.size(), false);
    std::vector<int> todo(revision.down.begin(), revision.down.end());
    std::vector<bool> covered(revisions_.size(), false);
    while (!todo.empty()) {
      int current = todo.back();
      todo.pop_back();
      if (seen[current]) continue;
      seen[current] = true;
      for (int dependency : revisions_[current].dependencies) covered[dependency] = true;
      for (int parent : revisions_[current].down) todo.push_back(parent);
    }
    for (int dependency : revision.dependencies) {
      if (!covered[dependency]) revision.normalized_dependencies.push_back(dependency);
    }
  }
}

void RevisionGraph::find_cycles() {
  size_t n = revisions_.size();
  in_cycle_.assign(n, false);
  auto reach = [&](bool upward) {
    std::vector<bool> seen(n, false);
    std::vector<int> todo;
    for (int i = 0; i < static_cast<int>(n); ++i) {
      const Revision& r = revisions_[i];
      bool start = upward ? r.all_next.empty() : r.down.empty() && r.dependencies.empty();
      if (start) todo.push_back(i);
    }
    while (!todo.empty()) {
      int current = todo.back();
      todo.pop_back();
      if (seen[current]) continue;
      seen[current] = true;
      const Revision& r = revisions_[current];
      if (upward) {
        for (int p : r.down) todo.push_back(p);
        for (int p : r.dependencies) todo.push_back(p);
      } else {
        for (int c : r.all_next) todo.push_back(c);
      }
    }
    return seen;
  };
  std::vector<bool> from_heads = reach(true), from_bases = reach(false);
  std::vector<std::string> members;
  int first = -1;
  for (int i = 0; i < static_cast<int>(n); ++i) {
    const Revision& r = revisions_[i];
    bool self_loop = std::find(r.file.down_revisions.begin(), r.file.down_revisions.end(),
                               r.id()) != r.file.down_revisions.end();
    if (!(from_heads[i] && from_bases[i]) || self_loop) {
      in_cycle_[i] = true;
      members.push_back(r.id());
      if (first < 0) first = i;
    }
  }
  if (members.empty()) return;
  std::sort(members.begin(), members.end());
  faults_.push_back(error("cycle", revisions_[first].file.down_revision_at,
                          "cycle in revisions (" + join(members, ", ") +
                              "): each comes after another, so none can be applied first",
                          "make the oldest of them a base (down_revision = None) or point it at "
                          "the revision it really follows"));
}

std::vector<int> RevisionGraph::descendants_dfs(int start) const {
  std::vector<int> order;
  std::vector<bool> seen(revisions_.size(), false);
  std::vector<int> todo{start};
  while (!todo.empty()) {
    int current = todo.back();
    todo.pop_back();
    if (seen[current]) continue;
    seen[current] = true;
    for (int child : revisions_[current].next) todo.push_back(child);
    order.push_back(current);
  }
  return order;
}

void RevisionGraph::propagate_branch_labels() {
  std::vector<std::vector<std::string>> labels(revisions_.size());
  auto add = [&](int i, const std::vector<std::string>& more) {
    for (const auto& label : more) {
      if (std::find(labels[i].begin(), labels[i].end(), label) == labels[i].end())
        labels[i].push_back(label);
    }
  };
  for (int i = 0; i < static_cast<int>(revisions_.size()); ++i) {
    const auto& own = revisions_[i].file.branch_labels;
    if (own.empty() || in_cycle_[i]) continue;
    std::vector<int> below = descendants_dfs(i);
    for (int d : below) add(d, own);
    // Like Alembic: walk up from the last descendant visited until a branch or merge point.
    int parent = below.back();
    while (true) {
      const Revision& r = revisions_[parent];
      if (r.all_next.size() > 1 || r.is_merge_point()) break;
      add(parent, own);
      if (r.down.empty()) break;
      parent = r.down.front();
    }
  }
  for (size_t i = 0; i < revisions_.size(); ++i) {
    std::sort(labels[i].begin(), labels[i].end());
    revisions_[i].branch_labels = std::move(labels[i]);
  }
}

void RevisionGraph::check_files(const std::string& file_template) {
  std::vector<Fault> names;  // file-name-mismatch, one per file
  for (const auto& revision : revisions_) {
    const RevisionFile& file = revision.file;
    if (!file.header_revision_id.empty() && file.header_revision_id != file.revision) {
      faults_.push_back(
          warning("header-mismatch", {file.path, file.header_revision_id_line, 0},
                  "the docstring says 'Revision ID: " + file.header_revision_id +
                      "' but revision = '" + file.revision + "'",
                  "correct the docstring line to 'Revision ID: " + file.revision + "'"));
    }
    if (file_template == kDefaultFileTemplate) {
      if (file.file_name.rfind(file.revision, 0) != 0) {
        names.push_back(
            warning("file-name-mismatch", {file.path, 0, 0},
                    "the file name does not start with its revision id '" + file.revision + "'",
                    "rename it to " + file.revision + "_<slug>.py"));
      }
    } else if (auto pattern = file_name_pattern(file_template, file.revision)) {
      if (!std::regex_match(file.file_name, *pattern)) {
        names.push_back(warning("file-name-mismatch", {file.path, 0, 0},
                                "the file name does not follow alembic.ini's file_template '" +
                                    file_template + "' for its revision id '" + file.revision + "'",
                                "rename it as the file_template names revision " + file.revision));
      }
    }
  }
  // A file or two named apart from the rest is worth a look each (a copy whose id was changed,
  // or not); dozens are the project's own way of naming files, which Alembic does not mind.
  if (names.size() <= kFileNameWarningsEach) {
    for (auto& fault : names) faults_.push_back(std::move(fault));
    return;
  }
  std::sort(names.begin(), names.end(),
            [](const Fault& a, const Fault& b) { return a.where.file < b.where.file; });
  std::string examples;
  for (size_t i = 0; i < 3; ++i) {
    std::string path = names[i].where.file;
    examples += (i ? ", " : "") + path.substr(path.find_last_of('/') + 1);
  }
  std::string rule = file_template == kDefaultFileTemplate
                         ? "do not start with their revision id"
                         : "do not follow alembic.ini's file_template '" + file_template + "'";
  std::string folder = names.front().where.file;
  folder = folder.substr(0, folder.find_last_of('/') + 1);
  faults_.push_back(warning(
      "file-name-mismatch", {folder, 0, 0},
      std::to_string(names.size()) + " of " + std::to_string(revisions_.size()) + " file names " +
          rule + " (" + examples +
          ", ...): Alembic reads the id inside each "
          "file and does not mind, but `alembic revision` and squash name new files otherwise",
      "set file_template in alembic.ini to the way the project names its files, or rename "
      "them"));
}

void RevisionGraph::check_heads() {
  std::vector<int> tips = heads();
  if (tips.size() < 2) return;
  std::vector<std::string> ids;
  bool all_labelled = true;
  std::vector<std::string> seen_labels;
  for (int head : tips) {
    ids.push_back(revisions_[head].id());
    const auto& labels = revisions_[head].branch_labels;
    if (labels.empty()) all_labelled = false;
    for (const auto& label : labels) {
      if (std::find(seen_labels.begin(), seen_labels.end(), label) != seen_labels.end())
        all_labelled = false;
      seen_labels.push_back(label);
    }
  }
  std::string message = std::to_string(tips.size()) + " heads: " + join(ids, ", ");
  if (all_labelled) {
    faults_.push_back(warning("multiple-heads", {}, message + ", each on its own labelled branch",
                              "upgrade with `alembic upgrade heads` (or label@head)"));
  } else {
    faults_.push_back(error("multiple-heads", {}, message + "; `alembic upgrade head` fails",
                            "alembic merge heads -m \"merge heads\""));
  }
}

const Revision* RevisionGraph::find(std::string_view id) const {
  int index = index_of(id);
  return index < 0 ? nullptr : &revisions_[index];
}

int RevisionGraph::index_of(std::string_view id) const {
  auto it = by_id_.find(std::string(id));
  return it == by_id_.end() ? -1 : it->second;
}

std::vector<int> RevisionGraph::heads() const {
  std::vector<int> out;
  for (int i = 0; i < static_cast<int>(revisions_.size()); ++i) {
    if (revisions_[i].is_head() && !in_cycle_[i]) out.push_back(i);
  }
  return out;
}

std::vector<int> RevisionGraph::real_heads() const {
  std::vector<int> out;
  for (int i = 0; i < static_cast<int>(revisions_.size()); ++i) {
    if (revisions_[i].is_real_head() && !in_cycle_[i]) out.push_back(i);
  }
  return out;
}

std::vector<int> RevisionGraph::bases() const {
  std::vector<int> out;
  for (int i = 0; i < static_cast<int>(revisions_.size()); ++i) {
    if (revisions_[i].is_base() && !in_cycle_[i]) out.push_back(i);
  }
  return out;
}

std::vector<bool> RevisionGraph::ancestors(int index) const {
  std::vector<bool> seen(revisions_.size(), false);
  std::vector<int> todo{index};
  while (!todo.empty()) {
    int current = todo.back();
    todo.pop_back();
    if (seen[current] || in_cycle_[current]) continue;
    seen[current] = true;
    for (int p : revisions_[current].down) todo.push_back(p);
    for (int p : revisions_[current].normalized_dependencies) todo.push_back(p);
  }
  return seen;
}

}  // namespace asq
