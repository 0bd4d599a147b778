#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "revisions/fault.h"
#include "revisions/revision_file.h"

namespace asq {

/// One node of the graph: a revision file plus what the graph knows about it.
struct Revision {
  RevisionFile file;
  /// The revisions it comes after (down_revision), only those that exist.
  std::vector<int> down;
  /// depends_on resolved to revision indexes (branch labels resolved).
  std::vector<int> dependencies;
  /// dependencies that no ancestor already depends on (Alembic's normalized dependencies).
  std::vector<int> normalized_dependencies;
  /// Revisions whose down_revision names this one.
  std::vector<int> next;
  /// `next` plus revisions that depend on this one.
  std::vector<int> all_next;
  /// Branch labels, including those inherited along its branch, sorted.
  std::vector<std::string> branch_labels;

  const std::string& id() const { return file.revision; }
  bool is_base() const { return file.down_revisions.empty(); }
  bool is_head() const { return next.empty(); }
  bool is_real_head() const { return all_next.empty(); }
  bool is_branch_point() const { return next.size() > 1; }
  bool is_merge_point() const { return file.down_revisions.size() > 1; }
};

/// What a revision name resolves to, or why it does not.
struct Resolution {
  std::vector<std::string> ids;
  std::string error;  // Alembic's wording when the name does not resolve
  bool ok() const { return error.empty(); }
};

/// The revision graph of a versions folder, as Alembic builds it, with every fault found.
class RevisionGraph {
 public:
  /// Builds the graph; files come in Alembic's load order (it decides ties in every ordering).
  /// `file_template` is alembic.ini's (`%%(rev)s_%%(slug)s` by default): a file whose name does
  /// not follow it for its revision id is a warning.
  static RevisionGraph build(std::vector<RevisionFile> files,
                             const std::string& file_template = kDefaultFileTemplate);
  static constexpr const char* kDefaultFileTemplate = "%%(rev)s_%%(slug)s";
  /// Up to this many files named otherwise than file_template says get a warning each; more
  /// get one warning for all (the project names its files its own way).
  static constexpr size_t kFileNameWarningsEach = 10;

  const std::vector<Revision>& revisions() const { return revisions_; }
  const std::vector<Fault>& faults() const { return faults_; }
  /// The revision with exactly this id, or nullptr.
  const Revision* find(std::string_view id) const;
  int index_of(std::string_view id) const;

  /// Heads as `alembic heads` lists them (ignoring depends_on), in load order.
  std::vector<int> heads() const;
  /// Revisions nothing comes after, depends_on included (what `upgrade heads` targets).
  std::vector<int> real_heads() const;
  std::vector<int> bases() const;
  /// Every revision reachable from the heads, newest first, in exactly `alembic history` order.
  std::vector<int> history() const;
  /// Ancestors of `index` (itself included), following down_revision and depends_on.
  std::vector<bool> ancestors(int index) const;
  /// Resolves `head`, `heads`, `base`, an id, a unique prefix of 4+ characters, a branch label,
  /// `label@head`, `label@id`, as Alembic does.
  Resolution resolve(std::string_view name) const;

 private:
  void index_files(std::vector<RevisionFile> files);
  void link();
  void normalize_dependencies();
  void find_cycles();
  void propagate_branch_labels();
  void check_files(const std::string& file_template);
  void check_heads();
  std::vector<int> descendants_dfs(int start) const;
  std::optional<int> resolve_one(std::string_view name, std::string& error) const;

  std::vector<Revision> revisions_;
  std::unordered_map<std::string, int> by_id_;
  std::unordered_map<std::string, int> by_label_;
  std::vector<bool> in_cycle_;
  std::vector<Fault> faults_;
};

}  // namespace asq
