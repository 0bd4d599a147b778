#include "render/alembic.h"

#include "render/alembic_ops.h"
#include "render/alembic_python.h"

namespace asq {

/// The docstring text: Alembic writes the message as is; only what would end the docstring
/// early or start an escape is escaped.
std::string docstring_text(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\') {
      out += "\\\\";
    } else if (text[i] == '"' && (out.ends_with("\"") || i + 1 == text.size())) {
      out += "\\\"";
    } else {
      out += text[i];
    }
  }
  return out;
}

namespace {

std::string optional_repr(const std::optional<std::string>& value) {
  return value ? py_str(*value) : "None";
}

}  // namespace

std::string replaces_block(const std::vector<std::string>& replaces) {
  if (replaces.empty()) return "";
  std::string out =
      "# The revisions this file replaces (archived with their manifest); Alembic does not "
      "read\n# this name.\nreplaces = (\n";
  for (const auto& revision : replaces) out += "    " + py_str(revision) + ",\n";
  return out + ")\n";
}

std::string revision_body(const RevisionSpec& spec, const std::vector<Op>& ops,
                          const std::vector<Op>& reverse) {
  EnumLabels labels;
  for (const EnumType& e : spec.enum_types) labels[e.name] = e.values;
  return AlembicOpWriter(labels).body(ops, reverse);
}

std::string render_revision(const RevisionSpec& spec) {
  std::string upgrade = revision_body(spec, spec.upgrade, spec.downgrade);
  std::string downgrade = revision_body(spec, spec.downgrade, spec.upgrade);

  std::string out = "\"\"\"" + docstring_text(spec.message) + "\n\n";
  out += "Revision ID: " + docstring_text(spec.revision) + "\n";
  out += "Revises: " + docstring_text(spec.down_revision.value_or("")) + "\n";
  out += "Create Date: " + docstring_text(spec.create_date) + "\n\n\"\"\"\n";
  out += "from alembic import op\nimport sqlalchemy as sa\n";
  out += "from sqlalchemy.dialects import postgresql\n\n";
  out += "# revision identifiers, used by Alembic.\n";
  out += "revision = " + py_str(spec.revision) + "\n";
  out += "down_revision = " + optional_repr(spec.down_revision) + "\n";
  out += "branch_labels = None\ndepends_on = None\n";
  out += replaces_block(spec.replaces);
  out += "\n\ndef upgrade() -> None:\n" + upgrade;
  out += "\n\ndef downgrade() -> None:\n" + downgrade;
  return out;
}

}  // namespace asq
