#pragma once

// A project's script.py.mako, the template `alembic revision` writes new revision files from,
// read and filled without Python: the Mako that Alembic's own templates and teams' edits of them
// use. Anything else is refused with file:line naming the construct, never guessed.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "python/ast.h"
#include "render/alembic.h"

namespace asq {

/// What the template reads: `${name}`, `${expr | filters}` (filters n, str, trim, comma),
/// `## comments`, control lines `% if / % elif / % else / % endif`, `<%text>...</%text>`,
/// `<%doc>...</%doc>`, `%%` at a line's start and a backslash ending a line. An expression is a
/// Python expression over the names Alembic passes (message, up_revision, down_revision,
/// branch_labels, depends_on, create_date, imports, upgrades, downgrades, comma, config as far as
/// it is not used) built from literals, `x if c else y`, `and`, `or`, `not`, `==`, `!=`, `is`,
/// `is not`, `repr()`, `str()` and `comma()`.
class ScriptTemplate {
 public:
  /// Parses `text`; throws SourceError naming `path`, the line and the construct it does not
  /// render.
  static ScriptTemplate parse(std::string_view text, const std::string& path);
  /// Reads and parses `path`; throws SourceError when it cannot be read.
  static ScriptTemplate load(const std::string& path);

  /// The revision file for `spec`: the template filled as Alembic fills it, the bodies as
  /// autogenerate passes them (`upgrades`, `downgrades`, `imports`), and the `replaces` tuple
  /// after the revision identifiers. Throws SourceError for a name the template uses that
  /// Alembic does not pass, or a template that leaves out an import the bodies need.
  std::string render(const RevisionSpec& spec) const;

  struct Node;

  ScriptTemplate(ScriptTemplate&&) noexcept;
  ScriptTemplate& operator=(ScriptTemplate&&) noexcept;
  ~ScriptTemplate();

 private:
  ScriptTemplate() = default;
  std::string path_;
  std::string text_;
  std::vector<Node> nodes_;
};

}  // namespace asq
