#include "render/alembic_serial.h"

#include <algorithm>
#include <optional>

#include "render/alembic_constraints.h"
#include "render/sql.h"
#include "schema/defaults.h"

namespace asq {
namespace {

using Kind = Constraint::Kind;

bool is_integer(const std::string& type) {
  return type == "smallint" || type == "integer" || type == "bigint";
}

/// The column SQLAlchemy would make SERIAL in `table`, if any.
const Column* serial_candidate(const Table& table) {
  const Constraint* key = nullptr;
  for (const Constraint& c : table.constraints) {
    if (c.kind == Kind::kPrimaryKey) key = &c;
  }
  if (!key || key->columns.size() != 1 || !expressible(*key)) return nullptr;
  const std::string& name = key->columns[0];
  for (const Constraint& c : table.constraints) {
    if (c.kind == Kind::kForeignKey &&
        std::find(c.columns.begin(), c.columns.end(), name) != c.columns.end()) {
      return nullptr;
    }
  }
  auto column = std::find_if(table.columns.begin(), table.columns.end(),
                             [&](const Column& c) { return c.name == name; });
  if (column == table.columns.end() || !is_integer(column->type) || !column->identity.empty() ||
      column->generated || column->nullable) {
    return nullptr;
  }
  return &*column;
}

/// The SQL of each op, rendered once when first asked (the searches below ask of every op for
/// every serial column: thousands of tables would render each op thousands of times).
class OpTexts {
 public:
  explicit OpTexts(const std::vector<Op>& ops) : ops_(ops), texts_(ops.size()) {}
  /// Whether op `i` names the sequence `name` anywhere in its SQL.
  bool names(size_t i, const QualifiedName& name) {
    if (!texts_[i]) {
      std::string text;
      for (const std::string& statement : render_sql(ops_[i])) text += statement + "\n";
      texts_[i] = std::move(text);
    }
    return texts_[i]->find(name.name) != std::string::npos;
  }

 private:
  const std::vector<Op>& ops_;
  std::vector<std::optional<std::string>> texts_;
};

/// The index of the CreateSequence op of `name` before `table_at`, when nothing between them
/// names the sequence.
std::optional<size_t> created_before(const std::vector<Op>& ops, OpTexts& texts, size_t table_at,
                                     const QualifiedName& name) {
  for (size_t i = table_at; i-- > 0;) {
    const auto* create = std::get_if<CreateSequence>(&ops[i]);
    if (create && create->sequence.name == name) return i;
    if (texts.names(i, name)) return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

SerialColumns sqlalchemy_serials(const std::vector<Op>& ops,
                                 const std::function<bool(const Table&)>& as_call) {
  SerialColumns out;
  OpTexts texts(ops);
  for (size_t at = 0; at < ops.size(); ++at) {
    const auto* create = std::get_if<CreateTable>(&ops[at]);
    if (!create || !as_call(create->table)) continue;
    const Table& table = create->table;
    const Column* column = serial_candidate(table);
    if (!column) continue;
    QualifiedName name{table.name.schema, serial_sequence_name(table.name.name, column->name)};
    if (column->default_value != nextval_default(name)) continue;
    std::optional<size_t> created = created_before(ops, texts, at, name);
    if (!created) continue;
    const Sequence& sequence = std::get<CreateSequence>(ops[*created]).sequence;
    Sequence serial = sequence_of_type(name, column->type);
    if (static_cast<const SequenceOptions&>(sequence) != serial ||
        sequence.data_type != serial.data_type || sequence.comment) {
      continue;
    }
    for (size_t i = at + 1; i < ops.size(); ++i) {
      const auto* owner = std::get_if<SetSequenceOwner>(&ops[i]);
      if (owner && owner->name == name) {
        if (owner->table == table.name.name && owner->column == column->name) {
          out.columns.insert({table.name, column->name});
          out.skipped.insert({*created, i});
          out.sequences.push_back({name, table.name, *created, at, i});
        }
        break;
      }
    }
  }
  return out;
}

std::set<size_t> dropped_with_their_table(const std::vector<Op>& ops,
                                          const std::vector<Op>& reverse) {
  std::set<size_t> out;
  SerialColumns created = sqlalchemy_serials(reverse, [](const Table&) { return true; });
  OpTexts reverse_texts(reverse), texts(ops);
  for (const SerialColumns::Owned& s : created.sequences) {
    bool only_its_table = true;
    for (size_t i = 0; i < reverse.size(); ++i) {
      if (i != s.created && i != s.table_at && i != s.owned && reverse_texts.names(i, s.sequence)) {
        only_its_table = false;
      }
    }
    if (!only_its_table) continue;
    std::optional<size_t> disowned, dropped_table, dropped;
    for (size_t i = 0; i < ops.size() && !dropped; ++i) {
      const auto* set_owner = std::get_if<SetSequenceOwner>(&ops[i]);
      const auto* drop_table = std::get_if<DropTable>(&ops[i]);
      const auto* drop = std::get_if<DropSequence>(&ops[i]);
      if (!disowned && set_owner && set_owner->name == s.sequence && set_owner->table.empty()) {
        disowned = i;
      } else if (disowned && !dropped_table && drop_table && drop_table->name == s.table) {
        dropped_table = i;
      } else if (dropped_table && drop && drop->name == s.sequence) {
        dropped = i;
      } else if (texts.names(i, s.sequence)) {
        break;  // used or changed otherwise: as SQL
      }
    }
    if (dropped) out.insert({*disowned, *dropped});
  }
  return out;
}

}  // namespace asq
