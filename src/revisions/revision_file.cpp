#include "revisions/revision_file.h"

#include <cctype>
#include <cstdio>

#include "common/text.h"
#include "common/utf8.h"
#include "python/parser.h"

namespace asq {
namespace {

/// The encoding a PEP 263 declaration names (`# -*- coding: latin-1 -*-` on line 1, or on line 2
/// after a comment or blank line 1), lower-cased with `_` as `-`; "" without one.
std::string declared_encoding(std::string_view source) {
  for (int line = 1; line <= 2; ++line) {
    std::string_view text = source_line_at(source, line);
    size_t hash = text.find_first_not_of(" \t\f");
    if (hash == std::string_view::npos) continue;
    if (text[hash] != '#') return "";
    for (size_t at = text.find("coding", hash); at != std::string_view::npos;
         at = text.find("coding", at + 1)) {
      size_t value = at + 6;
      if (value >= text.size() || (text[value] != ':' && text[value] != '=')) continue;
      value = text.find_first_not_of(" \t", value + 1);
      std::string name;
      while (value < text.size() &&
             (std::isalnum(static_cast<unsigned char>(text[value])) || text[value] == '-' ||
              text[value] == '_' || text[value] == '.')) {
        char c = static_cast<char>(std::tolower(static_cast<unsigned char>(text[value++])));
        name += c == '_' ? '-' : c;
      }
      if (!name.empty()) return name;
    }
  }
  return "";
}

/// Python's own refusals before it tokenizes: a NUL byte, and bytes that are not UTF-8 in a
/// file that declares no other encoding (encoded surrogates included). Throws SourceError.
void check_source_bytes(std::string_view source, const std::string& path) {
  auto fail = [&](size_t offset, const std::string& message) {
    size_t line_start = source.rfind('\n', offset == 0 ? 0 : offset - 1);
    line_start = line_start == std::string_view::npos || offset == 0 ? 0 : line_start + 1;
    int line = 1;
    for (size_t i = 0; i < line_start; ++i) line += source[i] == '\n';
    std::string shown(source_line_at(source, line));
    for (size_t i = 0; i < shown.size(); ++i) {
      size_t length = utf8_sequence_length(shown, i);
      if (length == 0 || shown[i] == '\0') shown[i] = '?';
      if (length > 1) i += length - 1;
    }
    throw SourceError({path, line, static_cast<int>(offset - line_start) + 1}, message, shown);
  };
  if (size_t nul = source.find('\0'); nul != std::string_view::npos) {
    fail(nul, "a NUL byte: Python refuses source code that contains null bytes");
  }
  std::string encoding = declared_encoding(source);
  if (!encoding.empty() && encoding != "utf-8" && encoding != "utf8" && encoding != "utf-8-sig") {
    return;
  }
  size_t bad = find_invalid_utf8(source);
  if (bad == std::string_view::npos) return;
  if (char32_t surrogate = encoded_surrogate_at(source, bad)) {
    char code[16];
    std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(surrogate));
    fail(bad, std::string("an encoded surrogate (") + code +
                  ") is not valid UTF-8: Python cannot decode the file");
  }
  char byte[8];
  std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(source[bad]));
  fail(bad, std::string("byte ") + byte +
                " is not valid UTF-8 and the file declares no other encoding (a `# -*- coding: "
                "... -*-` line): Python cannot decode it");
}

const char* describe(const py::Expr& expr) {
  return std::visit(
      [](const auto& node) -> const char* {
        using T = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<T, py::Name>) return "a name";
        if constexpr (std::is_same_v<T, py::Call>) return "a call";
        if constexpr (std::is_same_v<T, py::Number>) return "a number";
        if constexpr (std::is_same_v<T, py::Dict>) return "a dict";
        if constexpr (std::is_same_v<T, py::Set>) return "a set";
        if constexpr (std::is_same_v<T, py::Constant>) return "a constant";
        if constexpr (std::is_same_v<T, py::Binary>) return "an operation";
        return "an expression";
      },
      expr.node);
}

class ModuleReader {
 public:
  ModuleReader(std::string_view source, const std::string& path) : source_(source), path_(path) {}

  SourceLocation at(const py::Position& position) const {
    return {path_, position.line, position.column};
  }

  void fault(const py::Position& position, std::string code, std::string message, std::string fix) {
    faults_.push_back({Fault::Severity::kError, std::move(code), at(position), std::move(message),
                       std::move(fix)});
  }

  /// Reads a string-or-None-or-sequence-of-strings value; false when it has another shape.
  bool read_ids(const py::Expr& expr, const char* variable, std::vector<std::string>& out) {
    out.clear();
    if (auto* s = std::get_if<py::String>(&expr.node)) {
      out.push_back(s->value);
      return true;
    }
    if (auto* c = std::get_if<py::Constant>(&expr.node);
        c && c->kind == py::Constant::Kind::kNone) {
      return true;
    }
    const std::vector<py::ExprPtr>* elements = nullptr;
    if (auto* t = std::get_if<py::Tuple>(&expr.node)) elements = &t->elements;
    if (auto* l = std::get_if<py::List>(&expr.node)) elements = &l->elements;
    if (elements) {
      for (const auto& element : *elements) {
        auto* s = std::get_if<py::String>(&element->node);
        if (!s) return bad_value(*element, variable);
        out.push_back(s->value);
      }
      return true;
    }
    return bad_value(expr, variable);
  }

  bool bad_value(const py::Expr& expr, const char* variable) {
    fault(expr.position, "unreadable-variable",
          std::string(variable) + " must be a string, a tuple of strings or None; found " +
              describe(expr),
          std::string("write ") + variable + " as a literal, as `alembic revision` does");
    return false;
  }

  void assign(const py::Expr& target, const py::Expr& value, RevisionFile& file, bool& found) {
    auto* name = std::get_if<py::Name>(&target.node);
    if (!name) return;
    std::vector<std::string> ids;
    if (name->id == "revision") {
      auto* s = std::get_if<py::String>(&value.node);
      if (!s) {
        bad_value(value, "revision");
        return;
      }
      file.revision = s->value;
      file.revision_at = at(target.position);
      found = true;
    } else if (name->id == "down_revision") {
      if (read_ids(value, "down_revision", ids)) file.down_revisions = ids;
      file.down_revision_at = at(target.position);
    } else if (name->id == "branch_labels") {
      if (read_ids(value, "branch_labels", ids)) file.branch_labels = ids;
    } else if (name->id == "replaces") {
      if (read_ids(value, "replaces", ids)) file.replaces = ids;
    } else if (name->id == "depends_on") {
      if (read_ids(value, "depends_on", ids)) file.depends_on = ids;
    }
  }

  ReadResult read(const py::Module& module) {
    RevisionFile file;
    file.path = path_;
    size_t slash = path_.find_last_of('/');
    file.file_name = slash == std::string::npos ? path_ : path_.substr(slash + 1);
    bool found = false;
    for (const auto& statement : module.body) {
      if (auto* plain = std::get_if<py::Assign>(&statement->node)) {
        for (const auto& target : plain->targets) assign(*target, *plain->value, file, found);
      } else if (auto* annotated = std::get_if<py::AnnAssign>(&statement->node);
                 annotated && annotated->value) {
        assign(*annotated->target, *annotated->value, file, found);
      }
    }
    if (const py::String* doc = py::docstring(module)) {
      read_docstring(*doc, module.body.front()->position.line, file);
    }
    ReadResult result;
    result.faults = std::move(faults_);
    if (found) {
      result.revision = std::move(file);
    } else {
      result.faults.push_back({Fault::Severity::kError,
                               "not-a-revision",
                               {path_, 0, 0},
                               "this .py file in the versions folder declares no `revision`; "
                               "Alembic refuses to load it (\"Could not determine revision id "
                               "from filename\")",
                               "move it out of the versions folder (helpers belong in a package "
                               "next to env.py)"});
    }
    return result;
  }

  static void read_docstring(const py::String& doc, int first_line, RevisionFile& file) {
    file.docstring = std::string(trim(doc.value));
    std::string_view text = doc.value;
    int line = first_line;
    size_t start = 0;
    while (start <= text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      std::string_view row = trim(text.substr(start, end - start));
      auto take = [&](std::string_view key, std::string& out) {
        if (row.substr(0, key.size()) != key) return false;
        out = std::string(trim(row.substr(key.size())));
        return true;
      };
      if (take("Revision ID:", file.header_revision_id)) file.header_revision_id_line = line;
      take("Revises:", file.header_revises);
      take("Create Date:", file.header_create_date);
      start = end + 1;
      ++line;
    }
  }

 private:
  std::string_view source_;
  const std::string& path_;
  std::vector<Fault> faults_;
};

}  // namespace

std::string RevisionFile::message() const {
  size_t cut = docstring.find("\n\n");
  return cut == std::string::npos ? docstring : docstring.substr(0, cut);
}

ReadResult read_revision_module(const py::Module& module, std::string_view source,
                                const std::string& path) {
  return ModuleReader(source, path).read(module);
}

ReadResult read_revision_source(std::string_view source, const std::string& path,
                                bool header_only) {
  check_source_bytes(source, path);
  py::ParseOptions options;
  options.skip_function_bodies = header_only;
  py::Module module = py::parse_module(source, path, options);
  return read_revision_module(module, source, path);
}

}  // namespace asq
