#include "render/script_template.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "config/file_template.h"
#include "render/alembic.h"
#include "support/process.h"

namespace asq {
namespace {

namespace fs = std::filesystem;

RevisionSpec spec_with(std::vector<Op> upgrade = {}) {
  RevisionSpec spec;
  spec.revision = "5a9c3e7f1b24";
  spec.down_revision = "001_initial_schema";
  spec.message = "sync with database";
  spec.create_date = "2026-11-21 09:30:00.000000";
  spec.upgrade = std::move(upgrade);
  return spec;
}

std::string render(const std::string& text, const RevisionSpec& spec = spec_with()) {
  return ScriptTemplate::parse(text, "migrations/script.py.mako").render(spec);
}

std::string error_of(const std::string& text, const RevisionSpec& spec = spec_with()) {
  try {
    render(text, spec);
  } catch (const SourceError& error) {
    return error.what();
  }
  return "no error";
}

std::string stock_template() {
  return test::read_text("/usr/lib/python3/dist-packages/alembic/templates/generic/script.py.mako");
}

TEST(ScriptTemplate, FillsValuesFiltersAndConditionsAsMakoDoes) {
  EXPECT_EQ(render("${message}|${up_revision}|${repr(up_revision)}|${down_revision | comma,n}|"
                   "${repr(branch_labels)}|${create_date}\n"),
            "sync with database|5a9c3e7f1b24|'5a9c3e7f1b24'|001_initial_schema|None|"
            "2026-11-21 09:30:00.000000\n");
  EXPECT_EQ(render("a ${upgrades if upgrades else \"pass\"} ${'x' if not depends_on else 'y'}\n"),
            "a pass x\n");
  EXPECT_EQ(render("% if down_revision == '001_initial_schema' and not branch_labels:\n"
                   "  yes\n"
                   "% elif depends_on:\n"
                   "  no\n"
                   "% else:\n"
                   "  never\n"
                   "% endif\n"
                   "after\n"),
            "  yes\nafter\n");
}

TEST(ScriptTemplate, DropsCommentsDocsAndContinuationsKeepsTextBlocks) {
  EXPECT_EQ(render("## a comment line\n"
                   "  ## indented too\n"
                   "<%doc>\nnotes\n</%doc>one \\\n"
                   "line\n"
                   "<%text>${not_filled}</%text>\n"
                   "%% literal\n"
                   "50% of ${up_revision}\n"),
            "one line\n${not_filled}\n% literal\n50% of 5a9c3e7f1b24\n");
}

TEST(ScriptTemplate, EscapesTheMessageForTheDocstringButReprKeepsTheValue) {
  RevisionSpec spec = spec_with();
  spec.message = R"(say "hi" \o/ "")";
  EXPECT_EQ(render("\"\"\"${message}\n\"\"\"\nm = ${repr(message)}\n", spec),
            "\"\"\"say \"hi\" \\\\o/ \"\\\"\n\"\"\"\nm = 'say \"hi\" \\\\o/ \"\"'\n");
}

TEST(ScriptTemplate, RefusesMakoItDoesNotRenderNamingTheLine) {
  EXPECT_EQ(error_of("ok\n<%!\nimport re\n%>\n"),
            "migrations/script.py.mako:2: the Mako tag '<%!' is not rendered (Python blocks, "
            "<%def>, <%namespace>, <%inherit> and the like) (alembic-squash renders the Mako of "
            "Alembic's templates: ${...}, ## comments, % if/elif/else/endif, <%text>, <%doc>)\n"
            "<%!");
  EXPECT_EQ(error_of("\n% for name in names:\n% endfor\n"),
            "migrations/script.py.mako:2: the control line '% for name in names:' is not "
            "rendered (alembic-squash renders the Mako of Alembic's templates: ${...}, ## "
            "comments, % if/elif/else/endif, <%text>, <%doc>)\n"
            "% for name in names:");
  EXPECT_EQ(error_of("x\n\n${context.get('a')}\n"),
            "migrations/script.py.mako:3:3: only repr(), str() and comma() calls are rendered\n"
            "${context.get('a')}\n"
            "  ^");
  EXPECT_EQ(error_of("% if up_revision == 1:\n% endif\n"),
            "migrations/script.py.mako:1:21: this kind of expression is not rendered (names, "
            "string literals, None/True/False, 'x if c else y', and/or/not, ==, !=, is, repr(), "
            "str(), comma() are)\n"
            "% if up_revision == 1:\n"
            "                    ^");
  EXPECT_EQ(error_of("${author}\n"),
            "migrations/script.py.mako:1:3: Alembic passes no 'author' to script.py.mako (it "
            "passes message, up_revision, down_revision, branch_labels, depends_on, create_date, "
            "imports, upgrades, downgrades, comma, config)\n"
            "${author}\n"
            "  ^");
  EXPECT_NE(error_of("% if x:\nopen\n").find(":1: '% if' without '% endif'"), std::string::npos);
  EXPECT_NE(error_of("${up_revision | h}\n").find(":1: the filter 'h' is not rendered"),
            std::string::npos);
}

TEST(ScriptTemplate, RefusesATemplateThatLeavesOutAnImportTheBodyNeeds) {
  std::vector<Op> ops{DropTable{QualifiedName{"public", "tag"}}};
  EXPECT_EQ(error_of("def upgrade():\n    ${upgrades}\n", spec_with(ops)),
            "migrations/script.py.mako: the file it gives lacks 'from alembic import op', which "
            "the new revision's body needs (render ${imports} or write the import in the "
            "template)");
}

TEST(ScriptTemplate, PutsTheReplacedRevisionsAfterTheIdentifiers) {
  RevisionSpec spec = spec_with();
  spec.replaces = {"a1", "b2"};
  EXPECT_EQ(
      render("revision: str = ${repr(up_revision)}\ndepends_on = None\n\ndef f(): pass\n", spec),
      "revision: str = '5a9c3e7f1b24'\ndepends_on = None\n" + replaces_block({"a1", "b2"}) +
          "\ndef f(): pass\n");
}

TEST(ScriptTemplate, TheStockTemplateGivesWhatTheBuiltInHeaderGives) {
  if (!fs::exists("/usr/lib/python3/dist-packages/alembic/templates/generic/script.py.mako")) {
    GTEST_SKIP() << "python3-alembic is not installed";
  }
  // A body that uses postgresql.*: the stock template then imports it as the built-in header
  // always does (without such a body, `${imports}` is empty, as autogenerate leaves it).
  EnumType mood{QualifiedName{"public", "mood"}, {"ok", "sad"}, std::nullopt};
  RevisionSpec spec = spec_with({CreateEnum{mood}, DropTable{QualifiedName{"public", "tag"}}});
  spec.replaces = {"a1"};
  std::string file = render(stock_template(), spec);
  EXPECT_NE(file.find("postgresql.ENUM("), std::string::npos) << file;
  // Only the identifiers' quotes differ: the stock template writes repr() (single quotes), the
  // built-in header black's double quotes.
  std::string built_in = render_revision(spec);
  for (const std::string line : {"revision = ", "down_revision = "}) {
    for (const std::string id : {"5a9c3e7f1b24", "001_initial_schema"}) {
      auto at = built_in.find("\n" + line + "\"" + id + "\"\n");
      if (at != std::string::npos)
        built_in.replace(at, line.size() + id.size() + 4, "\n" + line + "'" + id + "'\n");
    }
  }
  EXPECT_EQ(file, built_in);
}

// The referee: `alembic revision` with the same template writes the same file (no ops: the
// body is `pass` in both, and the plain revision command passes no imports).
TEST(ScriptTemplate, WritesWhatAlembicRevisionWritesFromTheSameTemplate) {
  if (!fs::exists("/usr/lib/python3/dist-packages/alembic")) {
    GTEST_SKIP() << "python3-alembic is not installed";
  }
  test::TempDir project;
  fs::create_directories(project.path() + "/migrations/versions");
  test::write_text(project.path() + "/alembic.ini",
                   "[alembic]\nscript_location = migrations\n"
                   "file_template = %%(year)d_%%(month).2d-%%(rev)s_%%(slug)s\n");
  test::write_text(project.path() + "/migrations/env.py", "raise SystemExit('not run')\n");
  std::string tmpl =
      "# Copyright (c) Example contributors.\n"
      "## not in the output\n"
      "\"\"\"${message}\n\nRevision ID: ${up_revision}\nRevises: ${down_revision | comma,n}\n"
      "Create Date: ${create_date}\n\n\"\"\"\n"
      "from typing import Sequence, Union\n\nfrom alembic import op\nimport sqlalchemy as sa\n"
      "${imports if imports else \"\"}\n\n"
      "revision: str = ${repr(up_revision)}\n"
      "down_revision: Union[str, None] = ${repr(down_revision)}\n"
      "branch_labels: Union[str, Sequence[str], None] = ${repr(branch_labels)}\n"
      "depends_on: Union[str, Sequence[str], None] = ${repr(depends_on)}\n"
      "% if branch_labels:\n# labels: ${branch_labels | comma,n}\n% else:\n# no labels\n% endif\n"
      "# <%text>${kept}</%text> \\\n"
      "joined\n\n\n"
      "def upgrade() -> None:\n    \"\"\"Apply.\"\"\"\n    ${upgrades if upgrades else \"pass\"}\n"
      "\n\ndef downgrade() -> None:\n    ${downgrades if downgrades else \"pass\"}\n";
  test::write_text(project.path() + "/migrations/script.py.mako", tmpl);
  for (const auto& [id, message] : std::vector<std::pair<std::string, std::string>>{
           {"001_initial_schema", "initial schema"}, {"5a9c3e7f1b24", "sync with database"}}) {
    test::ProcessResult made = test::run_process(
        {"/usr/bin/python3", "-m", "alembic", "revision", "-m", message, "--rev-id", id},
        project.path(), {{"PYTHONDONTWRITEBYTECODE", "1"}});
    ASSERT_EQ(made.exit_code, 0) << made.out << made.err;
  }
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(project.path() + "/migrations/versions")) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  ASSERT_EQ(names.size(), 2u);
  std::string alembic_file = test::read_text(project.path() + "/migrations/versions/" + names[1]);
  size_t date_at = alembic_file.find("Create Date: ") + 13;
  RevisionSpec spec = spec_with();
  spec.create_date = alembic_file.substr(date_at, alembic_file.find('\n', date_at) - date_at);
  EXPECT_EQ(render(tmpl, spec), alembic_file);
  // The name too: the same template and date give the same file name.
  FileNaming naming;
  naming.file_template = "%(year)d_%(month).2d-%(rev)s_%(slug)s";
  EXPECT_EQ(revision_file_name(naming, spec.revision, spec.message, *date_fields(spec.create_date)),
            names[1]);
}

}  // namespace
}  // namespace asq
