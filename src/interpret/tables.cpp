#include "interpret/tables.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "common/text.h"
#include "interpret/sqlalchemy.h"
#include "pgsim/engine.h"
#include "schema/defaults.h"
#include "schema/identity.h"
#include "sql/identifiers.h"
#include "sql/type_names.h"

namespace asq::interp {
namespace {

/// RFC 1321 MD5 as lowercase hex (SQLAlchemy's util.md5_hex), for conventional names.
std::string md5_hex(std::string_view text) {
  static const std::array<std::uint32_t, 64> k = [] {
    std::array<std::uint32_t, 64> table{};
    for (int i = 0; i < 64; ++i) {
      table[i] =
          static_cast<std::uint32_t>(std::floor(std::fabs(std::sin(i + 1.0)) * 4294967296.0));
    }
    return table;
  }();
  static const int shifts[64] = {7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
                                 5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20, 5, 9,  14, 20,
                                 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
                                 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21};
  std::string message(text);
  std::uint64_t bits = static_cast<std::uint64_t>(message.size()) * 8;
  message += static_cast<char>(0x80);
  while (message.size() % 64 != 56) message += '\0';
  for (int i = 0; i < 8; ++i) message += static_cast<char>((bits >> (8 * i)) & 0xFF);
  std::uint32_t h[4] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
  for (size_t chunk = 0; chunk < message.size(); chunk += 64) {
    std::uint32_t w[16];
    for (int i = 0; i < 16; ++i) {
      w[i] = 0;
      for (int b = 0; b < 4; ++b) {
        w[i] |= static_cast<std::uint32_t>(static_cast<unsigned char>(message[chunk + 4 * i + b]))
                << (8 * b);
      }
    }
    std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3];
    for (int i = 0; i < 64; ++i) {
      std::uint32_t f;
      int g;
      if (i < 16) {
        f = (b & c) | (~b & d);
        g = i;
      } else if (i < 32) {
        f = (d & b) | (~d & c);
        g = (5 * i + 1) % 16;
      } else if (i < 48) {
        f = b ^ c ^ d;
        g = (3 * i + 5) % 16;
      } else {
        f = c ^ (b | ~d);
        g = (7 * i) % 16;
      }
      std::uint32_t rotated = a + f + k[i] + w[g];
      a = d;
      d = c;
      c = b;
      b += (rotated << shifts[i]) | (rotated >> (32 - shifts[i]));
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
  }
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (std::uint32_t word : h) {
    for (int byte = 0; byte < 4; ++byte) {
      unsigned value = (word >> (8 * byte)) & 0xFF;
      out += hex[value >> 4];
      out += hex[value & 0xF];
    }
  }
  return out;
}

bool has_foreign_key(const ColumnSpec& column, const std::vector<ConstraintSpec>& constraints) {
  if (!column.foreign_keys.empty()) return true;
  return std::any_of(constraints.begin(), constraints.end(), [&](const ConstraintSpec& c) {
    const auto& cols = c.constraint.columns;
    return c.constraint.kind == Constraint::Kind::kForeignKey &&
           std::find(cols.begin(), cols.end(), column.name) != cols.end();
  });
}

/// SQLAlchemy's PrimaryKeyConstraint._autoincrement_column.
const ColumnSpec* autoincrement_column(const std::vector<const ColumnSpec*>& primary_key,
                                       const std::vector<ConstraintSpec>& constraints,
                                       const SourceContext& context) {
  auto valid = [&](const ColumnSpec& column, bool required) {
    if (column.type->serial_type.empty()) {
      if (required) {
        context.fail(column.at, "column '" + column.name + "' of type " + column.type->spelling +
                                    " is not compatible with autoincrement=True");
      }
      return false;
    }
    if (required) return true;
    if (column.client_default || column.server_default) return false;
    if (has_foreign_key(column, constraints) && column.autoincrement != "ignore_fk") return false;
    return true;
  };
  if (primary_key.size() == 1) {
    const ColumnSpec& column = *primary_key[0];
    if (column.autoincrement == "true") return valid(column, true) ? &column : nullptr;
    if ((column.autoincrement == "auto" || column.autoincrement == "ignore_fk") &&
        valid(column, false)) {
      return &column;
    }
    return nullptr;
  }
  const ColumnSpec* found = nullptr;
  for (const ColumnSpec* column : primary_key) {
    if (column->autoincrement != "true") continue;
    valid(*column, true);
    if (found) context.fail(column->at, "only one column may be marked autoincrement=True");
    found = column;
  }
  return found;
}

/// A column as the model keeps it. `serial_sequence` is set for SERIAL columns.
Column column_model(const ColumnSpec& spec, bool in_primary_key,
                    const QualifiedName* serial_sequence,
                    const std::function<std::string(std::string_view)>& column_type,
                    const SourceContext& context) {
  if (!spec.type->postgres_lacks.empty()) {
    context.fail(spec.at,
                 "column '" + spec.name + "': " + lacking_type_message(spec.type->postgres_lacks));
  }
  Column column;
  column.name = spec.name;
  column.type = serial_sequence ? spec.type->serial_type : spec.type->spelling;
  column.collation = spec.type->collation;
  column.comment = spec.comment;
  column.nullable = in_primary_key ? false : spec.nullable.value_or(!spec.primary_key);
  if (serial_sequence) {
    column.nullable = false;
    column.default_value = nextval_default(*serial_sequence);
  } else if (spec.identity) {
    column.nullable = false;
    column.identity = identity_kind(*spec.identity);
    column.identity_options = identity_options_of(*spec.identity, column.type);
  } else if (spec.computed) {
    column.generated = expression_from_sql(spec.computed->sql, column_type);
  } else if (spec.server_default) {
    column.default_value = canonical_default(*spec.server_default, column.type, context);
  }
  return column;
}

Constraint foreign_key_model(Constraint constraint, const std::vector<std::string>& targets,
                             const py::Position& at, const SourceContext& context) {
  constraint.kind = Constraint::Kind::kForeignKey;
  constraint.referenced_columns.clear();
  for (size_t i = 0; i < targets.size(); ++i) {
    auto [table, column] = foreign_key_target(targets[i], at, context);
    if (i > 0 && !(table == constraint.references)) {
      context.fail(at, "a foreign key must reference columns of one table");
    }
    constraint.references = table;
    constraint.referenced_columns.push_back(column);
  }
  return constraint;
}

CreateSequence serial_sequence(const QualifiedName& name, const std::string& type) {
  return {sequence_of_type(name, type)};
}

}  // namespace

Expansion expand_create_table(const TableSpec& table, const SourceContext& context,
                              const Namer& namer) {
  Expansion out;
  auto parts = [&](std::vector<std::string> columns) {
    return NameParts{table.name, table.schema_given, std::move(columns), {}, {}, true};
  };
  auto foreign_key_parts = [&](const Constraint& c) {
    return NameParts{table.name,   table.schema_given,   c.columns,
                     c.references, c.referenced_columns, true};
  };
  auto find_column = [&](const std::string& name, const py::Position& at) -> const ColumnSpec& {
    for (const auto& column : table.columns) {
      if (column.name == name) return column;
    }
    context.fail(at, "table '" + table.name.name + "' has no column '" + name + "'");
  };
  auto column_type = [&](std::string_view name) -> std::string {
    for (const auto& column : table.columns) {
      if (column.name == name) return column.type->spelling;
    }
    return "";
  };

  // The primary key: an explicit PrimaryKeyConstraint with columns wins over column flags.
  const ConstraintSpec* explicit_key = nullptr;
  for (const auto& c : table.constraints) {
    if (c.constraint.kind == Constraint::Kind::kPrimaryKey) explicit_key = &c;
  }
  std::vector<const ColumnSpec*> key;
  bool implicit = !explicit_key;
  if (explicit_key && !explicit_key->constraint.columns.empty()) {
    for (const auto& name : explicit_key->constraint.columns)
      key.push_back(&find_column(name, explicit_key->at));
  } else {
    for (const auto& column : table.columns) {
      if (column.primary_key) key.push_back(&column);
    }
  }
  auto in_key = [&](const ColumnSpec& column) {
    return std::find(key.begin(), key.end(), &column) != key.end();
  };
  const ColumnSpec* autoinc = autoincrement_column(key, table.constraints, context);
  const ColumnSpec* serial =
      autoinc && !autoinc->identity && !autoinc->client_default ? autoinc : nullptr;

  std::vector<QualifiedName> created_enums;
  for (const auto& column : table.columns) {
    const auto& type = column.type;
    if (!type->enum_type || !type->create_type) continue;
    if (std::find(created_enums.begin(), created_enums.end(), type->enum_type->name) !=
        created_enums.end())
      continue;
    created_enums.push_back(type->enum_type->name);
    out.ops.push_back(CreateEnum{*type->enum_type, false, true});
  }
  QualifiedName sequence{table.name.schema, ""};
  if (serial) {
    sequence.name = serial_sequence_name(table.name.name, serial->name);
    out.ops.push_back(serial_sequence(sequence, serial->type->serial_type));
  }

  CreateTable create;
  create.table.name = table.name;
  create.table.comment = table.comment;
  create.table.partition_by = table.partition_by;
  create.table.inherits = table.inherits;
  for (const auto& column : table.columns) {
    create.table.columns.push_back(column_model(
        column, in_key(column), &column == serial ? &sequence : nullptr, column_type, context));
  }
  auto& constraints = create.table.constraints;
  if (!key.empty()) {
    Constraint primary;
    primary.kind = Constraint::Kind::kPrimaryKey;
    if (explicit_key) primary = explicit_key->constraint;
    primary.columns.clear();
    if (implicit && autoinc) primary.columns.push_back(autoinc->name);
    for (const ColumnSpec* column : key) {
      if (!(implicit && column == autoinc)) primary.columns.push_back(column->name);
    }
    primary.name = namer("pk", primary.name, parts(primary.columns));
    constraints.push_back(primary);
  }
  // SQLAlchemy's CREATE TABLE leaves out a foreign key with use_alter=True on PostgreSQL (it is
  // for metadata.create_all's ALTER after every table); op.create_table adds nothing after it.
  auto left_out = [&](const Constraint& fk, const std::string& target) {
    out.notes.push_back("foreign key " + (fk.name.empty() ? "to " + target : fk.name) +
                        " (use_alter=True) is not created: SQLAlchemy leaves it out of "
                        "op.create_table");
  };
  const size_t column_level = constraints.size();  // those of the columns' own flags from here
  for (const auto& column : table.columns) {
    for (const auto& fk : column.foreign_keys) {
      if (fk.use_alter) {
        left_out(fk.constraint, fk.target);
        continue;
      }
      Constraint c = fk.constraint;
      c.columns = {column.name};
      c = foreign_key_model(c, {fk.target}, fk.at, context);
      c.name = namer("fk", c.name, foreign_key_parts(c));
      constraints.push_back(c);
    }
    if (column.unique && !column.index) {
      Constraint unique;
      unique.kind = Constraint::Kind::kUnique;
      unique.columns = {column.name};
      unique.name = namer("uq", "", parts(unique.columns));
      constraints.push_back(unique);
    }
    for (const auto& check : column.checks) {
      Constraint c = check_constraint(check.constraint, check.sql, column_type);
      c.name = namer("ck", c.name, parts({}));
      constraints.push_back(c);
    }
  }
  const size_t table_level = constraints.size();  // the table's own constraints from here
  for (const auto& spec : table.constraints) {
    for (const auto& name : spec.constraint.columns) find_column(name, spec.at);
    Constraint c;
    switch (spec.constraint.kind) {
      case Constraint::Kind::kForeignKey:
        if (spec.use_alter) {
          left_out(spec.constraint, spec.targets.empty() ? "" : spec.targets.front());
          break;
        }
        c = foreign_key_model(spec.constraint, spec.targets, spec.at, context);
        c.name = namer("fk", c.name, foreign_key_parts(c));
        constraints.push_back(c);
        break;
      case Constraint::Kind::kCheck:
        c = check_constraint(spec.constraint, spec.sql, column_type);
        c.name = namer("ck", c.name, parts({}));
        constraints.push_back(c);
        break;
      case Constraint::Kind::kUnique:
        c = spec.constraint;
        c.name = namer("uq", c.name, parts(c.columns));
        constraints.push_back(c);
        break;
      default:
        break;
    }
  }
  // SQLAlchemy writes the primary key, then the constraints by creation: the table's own
  // (made before the table), then those of unique=True columns (made with it). PostgreSQL keeps
  // one of those with the same key, the first.
  std::rotate(constraints.begin() + static_cast<std::ptrdiff_t>(column_level),
              constraints.begin() + static_cast<std::ptrdiff_t>(table_level), constraints.end());
  constraints = kept_key_constraints(constraints);
  std::stable_sort(constraints.begin(), constraints.end(),
                   [](const Constraint& a, const Constraint& b) { return a.name < b.name; });
  out.ops.push_back(std::move(create));
  if (serial) out.ops.push_back(SetSequenceOwner{sequence, table.name.name, serial->name});

  for (const auto& column : table.columns) {
    if (!column.index) continue;
    IndexSpec index;
    index.keys = {{column.name, false}};
    index.unique = column.unique;
    out.ops.push_back(
        CreateIndex{table.name, index_model(index, namer("ix", "", parts({column.name})))});
  }
  for (const auto& index : table.indexes) {
    for (const auto& k : index.keys) {
      if (!k.is_expression) find_column(k.text, index.at);
    }
    std::string name = index.name.value_or("");
    if (name.empty() && (index.keys.empty() || index.keys[0].is_expression)) {
      context.fail(index.at, "an unnamed index needs a column first (its name comes from it)");
    }
    std::vector<std::string> columns;
    for (const auto& k : index.keys) {
      if (!k.is_expression) columns.push_back(k.text);
    }
    out.ops.push_back(
        CreateIndex{table.name, index_model(index, namer("ix", name, parts(columns)))});
  }
  return out;
}

Expansion expand_add_column(const QualifiedName& table, bool schema_given, const ColumnSpec& column,
                            const SourceContext& context, const Namer& namer) {
  Expansion out;
  NameParts parts{table, schema_given, {column.name}, {}, {}, true};
  auto column_type = [&](std::string_view name) -> std::string {
    return name == column.name ? column.type->spelling : "";
  };
  const ColumnSpec* serial = nullptr;
  if (column.primary_key) {
    const ColumnSpec* autoinc = autoincrement_column({&column}, {}, context);
    if (autoinc && !column.identity && !column.client_default) serial = autoinc;
  }
  QualifiedName sequence{table.schema, ""};
  if (serial) {
    sequence.name = serial_sequence_name(table.name, column.name);
    out.ops.push_back(serial_sequence(sequence, column.type->serial_type));
  }
  out.ops.push_back(
      AddColumn{table, column_model(column, column.primary_key, serial ? &sequence : nullptr,
                                    column_type, context)});
  if (serial) out.ops.push_back(SetSequenceOwner{sequence, table.name, column.name});
  for (const auto& fk : column.foreign_keys) {
    Constraint c = fk.constraint;
    c.columns = {column.name};
    c = foreign_key_model(c, {fk.target}, fk.at, context);
    c.name =
        namer("fk", c.name,
              NameParts{table, schema_given, c.columns, c.references, c.referenced_columns, true});
    out.ops.push_back(AddConstraint{table, c});
  }
  if (column.unique && !column.index) {
    Constraint unique;
    unique.kind = Constraint::Kind::kUnique;
    unique.columns = {column.name};
    unique.name = namer("uq", "", parts);
    out.ops.push_back(AddConstraint{table, unique});
  }
  for (const auto& check : column.checks) {
    Constraint c = check_constraint(check.constraint, check.sql, column_type);
    c.name = namer("ck", c.name, NameParts{table, schema_given, {}, {}, {}, true});
    out.ops.push_back(AddConstraint{table, c});
  }
  if (column.index) {
    IndexSpec index;
    index.keys = {{column.name, false}};
    index.unique = column.unique;
    out.ops.push_back(CreateIndex{table, index_model(index, namer("ix", "", parts))});
  }
  return out;
}

std::string identity_kind(const IdentitySpec& identity) {
  return identity.always ? "always" : "by default";
}

IdentityOptions identity_options_of(const IdentitySpec& identity, const std::string& type) {
  return identity_options(type, identity_sequence_values(type, identity.options));
}

Index index_model(const IndexSpec& spec, const std::string& name) {
  Index index;
  index.name = name;
  index.unique = spec.unique;
  index.method = spec.method;
  for (const auto& key : spec.keys) {
    if (key.is_expression) {
      index.keys.push_back(std::string(trim(key.text)));
      continue;
    }
    std::string printed = quote_identifier(key.text);
    for (const auto& [column, opclass] : spec.opclasses) {
      if (column == key.text) printed += " " + opclass;
    }
    index.keys.push_back(printed);
  }
  for (const auto& column : spec.include) index.include.push_back(quote_identifier(column));
  index.where = spec.where;
  index.nulls_not_distinct = spec.nulls_not_distinct;
  index.storage = spec.storage;
  return index;
}

std::string truncated_name(const std::string& name) {
  if (name.size() <= 63) return name;
  return name.substr(0, 55) + "_" + md5_hex(name).substr(28);
}

std::pair<QualifiedName, std::string> foreign_key_target(const std::string& target,
                                                         const py::Position& at,
                                                         const SourceContext& context) {
  size_t last = target.rfind('.');
  if (last == std::string::npos || last == 0 || last + 1 == target.size()) {
    context.fail(at, "foreign key target '" + target + "' is not 'table.column'");
  }
  std::string table = target.substr(0, last);
  size_t dot = table.rfind('.');
  QualifiedName name{"public", table};
  if (dot != std::string::npos) name = {table.substr(0, dot), table.substr(dot + 1)};
  return {name, target.substr(last + 1)};
}

std::optional<std::string> canonical_default(const DefaultSpec& spec,
                                             const std::string& column_type,
                                             const SourceContext& context) {
  try {
    if (spec.is_sql) return default_from_sql(spec.text, column_type);
    return default_from_string(spec.text, column_type);
  } catch (const SpellingError& error) {
    context.fail(spec.at, std::string("server_default: ") + error.what());
  }
}

Constraint check_constraint(Constraint constraint, const std::string& sql,
                            const std::function<std::string(std::string_view)>& column_type) {
  constraint.kind = Constraint::Kind::kCheck;
  constraint.expression = expression_from_sql(sql, column_type);
  constraint.definition = "CHECK (" + constraint.expression + ")";
  return constraint;
}

}  // namespace asq::interp
