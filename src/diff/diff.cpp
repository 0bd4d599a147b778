#include "diff/diff.h"

#include <algorithm>

#include "diff/diff_context.h"
#include "diff/merge.h"
#include "ops/comments.h"
#include "sql/identifiers.h"
#include "sql/literals.h"

namespace asq {
namespace {

bool is_drop_phase(Phase phase) {
  switch (phase) {
    case Phase::kDropObjects:
    case Phase::kDropObjectsAfterTables:
    case Phase::kDropForeignKeys:
    case Phase::kDropIndexes:
    case Phase::kDropConstraints:
    case Phase::kDropColumns:
    case Phase::kDropTables:
    case Phase::kDropSequences:
    case Phase::kDropEnums:
    case Phase::kDropExtensions:
    case Phase::kDropSchemas:
      return true;
    default:
      return false;
  }
}

void diff_schema_names(DiffContext& c) {
  for (const auto& m : merge_by_key(c.from.schemas, c.to.schemas, [](auto& s) { return s; })) {
    if (m.added()) c.ops.add(Phase::kCreateSchemas, CreateSchema{*m.to});
    if (m.removed()) {
      c.ops.add(Phase::kDropSchemas, DropSchema{*m.from});
      c.hazard("drop_schema", *m.from, "schema " + quote_identifier(*m.from) + " is dropped");
    }
  }
}

/// COMMENT ON SCHEMA where the comment of public, a kept or a new schema differs (public's
/// goes back to its default when `to` has that).
void diff_schema_comments(DiffContext& c) {
  std::vector<std::string> names = c.to.schemas;
  names.insert(names.begin(), "public");
  for (const std::string& name : names) {
    std::optional<std::string> after = schema_comment(c.to, name);
    bool created =
        name != "public" && !std::count(c.from.schemas.begin(), c.from.schemas.end(), name);
    std::optional<std::string> before = created ? std::nullopt : schema_comment(c.from, name);
    if (before != after) c.ops.add(Phase::kCreateSchemas, comment_on_schema(name, after));
  }
}

void diff_extensions(DiffContext& c) {
  for (const auto& m : merge_by_name(c.from.extensions, c.to.extensions)) {
    if (m.added()) c.ops.add(Phase::kExtensions, CreateExtension{*m.to});
    if (m.removed()) {
      c.ops.add(Phase::kDropExtensions, DropExtension{m.from->name});
      c.hazard("drop_extension", m.from->name,
               "extension " + quote_identifier(m.from->name) + " is dropped with what it provides");
    }
    if (!m.changed()) continue;
    std::string target = "ALTER EXTENSION " + quote_identifier(m.to->name);
    if (m.from->schema != m.to->schema) {
      c.ops.add(Phase::kExtensions,
                Execute{target + " SET SCHEMA " + quote_identifier(m.to->schema)});
    }
    if (m.from->version != m.to->version && !m.to->version.empty()) {
      c.ops.add(Phase::kExtensions, Execute{target + " UPDATE TO " + sql_literal(m.to->version)});
    }
  }
}

bool is_subsequence(const std::vector<std::string>& part, const std::vector<std::string>& whole) {
  size_t i = 0;
  for (const auto& value : whole) {
    if (i < part.size() && part[i] == value) ++i;
  }
  return i == part.size();
}

/// ALTER TYPE ... ADD VALUE for each label of `to` that `from` lacks, placed where `to` has it.
void add_enum_values(DiffContext& c, const EnumType& from, const EnumType& to) {
  size_t kept = 0;
  for (size_t i = 0; i < to.values.size(); ++i) {
    const std::string& value = to.values[i];
    if (kept < from.values.size() && from.values[kept] == value) {
      ++kept;
      continue;
    }
    AddEnumValue add{to.name, value, "", ""};
    if (kept < from.values.size()) {
      if (i > 0) {
        add.after = to.values[i - 1];
      } else {
        add.before = from.values[kept];
      }
    }
    c.ops.add(Phase::kEnums, std::move(add));
  }
}

/// A name for the old type while its replacement is created: `x_old`, `x_old1`, ...
QualifiedName spare_name(const DiffContext& c, const QualifiedName& name) {
  auto taken = [&](const QualifiedName& candidate) {
    auto in = [&](const std::vector<EnumType>& enums) {
      return std::any_of(enums.begin(), enums.end(), [&](auto& e) { return e.name == candidate; });
    };
    return in(c.from.enums) || in(c.to.enums);
  };
  QualifiedName candidate{name.schema, name.name + "_old"};
  for (int n = 1; taken(candidate); ++n) candidate.name = name.name + "_old" + std::to_string(n);
  return candidate;
}

void recreate_enum(DiffContext& c, const EnumType& from, const EnumType& to) {
  bool removed = std::any_of(from.values.begin(), from.values.end(), [&](auto& v) {
    return std::find(to.values.begin(), to.values.end(), v) == to.values.end();
  });
  std::string object = to.name.schema + "." + to.name.name;
  if (removed) {
    c.hazard("enum_value_removed", object,
             "labels are removed from enum " + qualified_spelling(to.name) +
                 ": the type is recreated and rows holding a removed label fail the conversion");
  } else {
    c.hazard("enum_values_reordered", object,
             "the labels of enum " + qualified_spelling(to.name) +
                 " change order: the type is recreated and its columns converted");
  }
  QualifiedName old_name = spare_name(c, to.name);
  c.ops.add(Phase::kEnums, Execute{"ALTER TYPE " + qualified_spelling(to.name) + " RENAME TO " +
                                   quote_identifier(old_name.name)});
  c.ops.add(Phase::kEnums, CreateEnum{to, false});
  c.ops.add(Phase::kDropEnums, DropEnum{old_name, false});
  c.recreated_enums[to.name] = old_name;
}

void diff_enums(DiffContext& c) {
  for (const auto& m : merge_by_name(c.from.enums, c.to.enums)) {
    if (m.added()) c.ops.add(Phase::kEnums, CreateEnum{*m.to, false});
    if (m.removed()) c.ops.add(Phase::kDropEnums, DropEnum{m.from->name, false});
    if (!m.changed()) continue;
    if (is_subsequence(m.from->values, m.to->values)) {
      add_enum_values(c, *m.from, *m.to);
      diff_comment(c, Phase::kEnums, *m.from, *m.to);
    } else {
      recreate_enum(c, *m.from, *m.to);  // the new type brings its comment
    }
  }
}

std::string alter_sequence_sql(const Sequence& from, const Sequence& to) {
  std::string sql = "ALTER SEQUENCE " + qualified_spelling(to.name);
  bool retyped = from.data_type != to.data_type;
  if (retyped) sql += " AS " + to.data_type;
  if (from.increment != to.increment) sql += " INCREMENT BY " + std::to_string(to.increment);
  if (retyped || from.min_value != to.min_value) {
    sql += " MINVALUE " + std::to_string(to.min_value);
  }
  if (retyped || from.max_value != to.max_value) {
    sql += " MAXVALUE " + std::to_string(to.max_value);
  }
  if (from.start != to.start) sql += " START WITH " + std::to_string(to.start);
  if (from.cache != to.cache) sql += " CACHE " + std::to_string(to.cache);
  if (from.cycle != to.cycle) sql += to.cycle ? " CYCLE" : " NO CYCLE";
  return sql;
}

bool same_options(Sequence a, Sequence b) {
  a.owned_by_table = b.owned_by_table;
  a.owned_by_column = b.owned_by_column;
  a.comment = b.comment;
  return a == b;
}

void diff_sequences(DiffContext& c) {
  for (const auto& m : merge_by_name(c.from.sequences, c.to.sequences)) {
    if (m.added()) {
      Sequence created = *m.to;
      created.owned_by_table.clear();
      created.owned_by_column.clear();
      c.ops.add(Phase::kSequences, CreateSequence{created});
      if (!m.to->owned_by_table.empty()) {
        c.ops.add(Phase::kSequenceOwners,
                  SetSequenceOwner{m.to->name, m.to->owned_by_table, m.to->owned_by_column});
      }
    }
    if (m.removed()) {
      if (!m.from->owned_by_table.empty()) {
        c.ops.add(Phase::kSequenceOwners, SetSequenceOwner{m.from->name, "", ""});
      }
      c.ops.add(Phase::kDropSequences, DropSequence{m.from->name});
    }
    if (!m.changed()) continue;
    if (!same_options(*m.from, *m.to)) {
      c.ops.add(Phase::kSequences, Execute{alter_sequence_sql(*m.from, *m.to)});
    }
    if (m.from->owned_by_table != m.to->owned_by_table ||
        m.from->owned_by_column != m.to->owned_by_column) {
      c.ops.add(Phase::kSequenceOwners,
                SetSequenceOwner{m.to->name, m.to->owned_by_table, m.to->owned_by_column});
    }
    diff_comment(c, Phase::kSequences, *m.from, *m.to);
  }
}

}  // namespace

std::vector<Op> PhasedOps::in_order() const {
  std::vector<Op> out;
  for (size_t i = 0; i < phases_.size(); ++i) {
    const auto& ops = phases_[i];
    if (is_drop_phase(static_cast<Phase>(i))) {
      out.insert(out.end(), ops.rbegin(), ops.rend());
    } else {
      out.insert(out.end(), ops.begin(), ops.end());
    }
  }
  return out;
}

DiffResult diff_schemas(const Schema& from, const Schema& to, const FillValues& fills) {
  DiffContext context{from, to, fills, {}, {}, {}, {}};
  diff_schema_names(context);
  diff_schema_comments(context);
  diff_extensions(context);
  diff_enums(context);
  diff_sequences(context);
  diff_tables(context);
  diff_objects(context);
  diff_privileges(context);
  return {context.ops.in_order(), std::move(context.hazards), std::move(context.fills)};
}

}  // namespace asq
