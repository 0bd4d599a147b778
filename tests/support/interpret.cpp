#include "support/interpret.h"

#include <filesystem>
#include <ostream>

#include "revisions/graph.h"
#include "revisions/scan.h"
#include "schema/identity.h"
#include "squash/stages.h"
#include "support/process.h"

namespace asq {

void PrintTo(const SourceLocation& where, std::ostream* out) {
  *out << where.file << ":" << where.line << ":" << where.column;
}

namespace test {
namespace {

std::string join(const std::vector<std::string>& parts, const std::string& separator = ", ") {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? separator : "") + parts[i];
  return out;
}

std::string name(const QualifiedName& n) { return n.schema + "." + n.name; }

std::string column_text(const Column& c) {
  std::string out = c.name + " " + c.type;
  if (!c.collation.empty()) out += " COLLATE " + c.collation;
  if (!c.nullable) out += " NOT NULL";
  if (c.default_value) out += " DEFAULT " + *c.default_value;
  if (!c.identity.empty()) out += " IDENTITY " + c.identity + identity_options_clause({}, c);
  if (c.generated) out += " GENERATED " + *c.generated;
  if (c.comment) out += " COMMENT '" + *c.comment + "'";
  return out;
}

std::string constraint_text(const Constraint& c) {
  std::string label = c.name.empty() ? "" : c.name + " ";
  std::string defer =
      c.deferrable ? (c.initially_deferred ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE") : "";
  switch (c.kind) {
    case Constraint::Kind::kPrimaryKey:
      return "PK " + label + "(" + join(c.columns) + ")" + defer;
    case Constraint::Kind::kUnique:
      return "UNIQUE " + label + "(" + join(c.columns) + ")" + defer;
    case Constraint::Kind::kCheck:
      return "CHECK " + label + c.expression;
    case Constraint::Kind::kForeignKey: {
      std::string out = "FK " + label + "(" + join(c.columns) + ") -> " + name(c.references) + "(" +
                        join(c.referenced_columns) + ")";
      if (c.on_delete != "NO ACTION") out += " ON DELETE " + c.on_delete;
      if (c.on_update != "NO ACTION") out += " ON UPDATE " + c.on_update;
      return out + defer;
    }
    case Constraint::Kind::kExclusion:
      return "EXCLUDE " + label;
  }
  return "?";
}

std::string index_text(const Index& i) {
  std::string out = std::string(i.unique ? "UNIQUE " : "") + "INDEX " + i.name;
  if (i.method != "btree") out += " USING " + i.method;
  out += " (" + join(i.keys) + ")";
  if (!i.include.empty()) out += " INCLUDE (" + join(i.include) + ")";
  if (i.where) out += " WHERE " + *i.where;
  if (i.nulls_not_distinct) out += " NULLS NOT DISTINCT";
  return out;
}

}  // namespace

std::string op_text(const Op& op) {
  return std::visit(
      [](const auto& o) -> std::string {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<T, CreateEnum>) {
          std::vector<std::string> values;
          for (const auto& v : o.type.values) values.push_back("'" + v + "'");
          return std::string("CREATE TYPE ") + (o.if_not_exists ? "IF NOT EXISTS " : "") +
                 name(o.type.name) + " (" + join(values) + ")";
        } else if constexpr (std::is_same_v<T, DropEnum>) {
          return std::string("DROP TYPE ") + (o.if_exists ? "IF EXISTS " : "") + name(o.name);
        } else if constexpr (std::is_same_v<T, CreateSequence>) {
          return "CREATE SEQUENCE " + name(o.sequence.name) + " AS " + o.sequence.data_type +
                 " MAXVALUE " + std::to_string(o.sequence.max_value);
        } else if constexpr (std::is_same_v<T, SetSequenceOwner>) {
          return "OWNED BY " + name(o.name) + " " + o.table + "." + o.column;
        } else if constexpr (std::is_same_v<T, CreateTable>) {
          std::vector<std::string> parts;
          for (const auto& c : o.table.columns) parts.push_back(column_text(c));
          for (const auto& c : o.table.constraints) parts.push_back(constraint_text(c));
          std::string out = "CREATE TABLE " + name(o.table.name) + " (" + join(parts) + ")";
          std::vector<std::string> parents;
          for (const auto& parent : o.table.inherits) parents.push_back(name(parent));
          if (!parents.empty()) out += " INHERITS (" + join(parents) + ")";
          if (!o.table.partition_by.empty()) out += " PARTITION BY " + o.table.partition_by;
          if (o.table.comment) out += " COMMENT '" + *o.table.comment + "'";
          return out;
        } else if constexpr (std::is_same_v<T, DropTable>) {
          return "DROP TABLE " + name(o.name);
        } else if constexpr (std::is_same_v<T, RenameTable>) {
          return "RENAME TABLE " + name(o.name) + " TO " + o.new_name;
        } else if constexpr (std::is_same_v<T, SetTableComment>) {
          return "COMMENT ON " + name(o.table) + (o.comment ? " '" + *o.comment + "'" : " NULL");
        } else if constexpr (std::is_same_v<T, AddColumn>) {
          return "ADD COLUMN " + name(o.table) + " " + column_text(o.column);
        } else if constexpr (std::is_same_v<T, DropColumn>) {
          return "DROP COLUMN " + name(o.table) + " " + o.column;
        } else if constexpr (std::is_same_v<T, AlterColumn>) {
          std::string out = "ALTER COLUMN " + name(o.table) + " " + o.column + " [was " +
                            column_text(o.existing) + "]";
          if (o.type) out += " TYPE " + *o.type;
          if (o.using_expression) out += " USING " + *o.using_expression;
          if (o.nullable) out += *o.nullable ? " NULL" : " NOT NULL";
          if (o.default_value)
            out += *o.default_value ? " DEFAULT " + **o.default_value : " DROP DEFAULT";
          if (o.comment) out += *o.comment ? " COMMENT '" + **o.comment + "'" : " COMMENT NULL";
          if (o.new_name) out += " RENAME TO " + *o.new_name;
          if (o.identity) out += " IDENTITY " + *o.identity;
          if (o.identity_options && *o.identity_options != IdentityOptions{}) {
            Column options;
            options.identity_options = *o.identity_options;
            out += " OPTIONS" + identity_options_clause({}, options);
          }
          return out;
        } else if constexpr (std::is_same_v<T, CreateIndex>) {
          return "CREATE " + index_text(o.index) + " ON " + name(o.table);
        } else if constexpr (std::is_same_v<T, DropIndex>) {
          return "DROP INDEX " + o.name + " ON " + name(o.table);
        } else if constexpr (std::is_same_v<T, AddConstraint>) {
          return "ADD " + constraint_text(o.constraint) + " ON " + name(o.table);
        } else if constexpr (std::is_same_v<T, DropConstraint>) {
          const char* kinds[] = {"PK", "FK", "UNIQUE", "CHECK", "EXCLUDE"};
          return std::string("DROP ") + kinds[static_cast<int>(o.kind)] + " " + o.name + " ON " +
                 name(o.table);
        } else if constexpr (std::is_same_v<T, Execute>) {
          return std::string(o.data_only ? "DATA " : "EXECUTE ") + o.sql;
        } else {
          return "other op";
        }
      },
      op);
}

std::vector<std::string> texts(const std::vector<LocatedOp>& ops) {
  std::vector<std::string> out;
  for (const auto& op : ops) out.push_back((op.autocommit ? "[autocommit] " : "") + op_text(op.op));
  return out;
}

namespace {

const char* kHeader =
    "\"\"\"test revision\n\nRevision ID: abc\nRevises:\nCreate Date: 2024-01-01 "
    "00:00:00\n\n\"\"\"\n"
    "from alembic import op\n"
    "import sqlalchemy as sa\n"
    "import sqlmodel\n"
    "from sqlalchemy.dialects import postgresql\n"
    "\n"
    "revision = 'abc'\n"
    "down_revision = None\n"
    "branch_labels = None\n"
    "depends_on = None\n"
    "\n";  // 17 lines: `def upgrade():` is line 18 (without module-level code), its body 19

}  // namespace

std::string revision_source(const std::string& upgrade, const std::string& downgrade,
                            const std::string& module_level) {
  return std::string(kHeader) + module_level + "def upgrade():\n" + upgrade +
         "\n\ndef downgrade():\n" + downgrade;
}

RevisionOps interpret(const std::string& upgrade, const std::string& downgrade,
                      const std::string& module_level, const InterpretOptions& options) {
  return interpret_revision_source(revision_source(upgrade, downgrade, module_level),
                                   "v/abc_test.py", options);
}

std::vector<std::string> upgrade_ops(const std::string& upgrade, const std::string& module_level) {
  return texts(interpret(upgrade, "    pass\n", module_level).upgrade);
}

std::string error_of(const std::string& upgrade, const std::string& module_level,
                     const InterpretOptions& options) {
  try {
    interpret(upgrade, "    pass\n", module_level, options);
  } catch (const SourceError& e) {
    return e.what();
  }
  return "no error";
}

RevisionOps fixture(const std::string& file) {
  std::string path = test::source_path("fixtures/seed16/alembic/versions/" + file);
  return interpret_revision_source(test::read_text(path), path);
}

std::string located(const std::string& path, int line, const std::string& text) {
  return std::filesystem::path(path).filename().string() + ":" + std::to_string(line) + ": " + text;
}

/// The notes of a fixture's revisions interpreted in upgrade order, each knowing what the ones
/// before it did (as the pipeline runs them), one line each: "<file>:<line>: <note>".
Strings chain_notes(const std::string& fixture) {
  VersionsScan scan = scan_versions(
      {test::source_path("fixtures/" + fixture + "/alembic/versions")}, {true, false, {}});
  RevisionGraph graph = RevisionGraph::build(scan.files);
  Strings out;
  for (const RevisionOps& ops : interpret_revisions(graph, upgrade_order(graph))) {
    for (const auto& [where, note] : ops.notes) out.push_back(located(ops.path, where.line, note));
  }
  return out;
}

}  // namespace test
}  // namespace asq
