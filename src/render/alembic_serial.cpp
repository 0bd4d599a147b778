#include "render/alembic_serial.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <unordered_map>

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

/// Which ops name a sequence in their SQL: every op is rendered once, and each word of its SQL
/// (a run of identifier characters; `$` ends one, for dollar quotes) indexes the op. Searching
/// the text of every op for every serial column instead grew as tables x ops. Where a word
/// could hide a name, the SQL is searched as text, as before: a name that is not one word (a
/// quoted identifier with a space, a `$` in it) in every op, any name in the ops whose SQL has
/// a backslash (E'\\x0aname' escapes run into the name).
class OpTexts {
 public:
  explicit OpTexts(const std::vector<Op>& ops) : ops_(ops) {}

  /// The ops whose SQL names the sequence `name`, in order.
  const std::vector<size_t>& naming(const QualifiedName& name) {
    index();
    auto cached = named_.find(name.name);
    if (cached != named_.end()) return cached->second;
    std::vector<size_t>& ops = named_[name.name];
    bool word = is_word(name.name);
    if (word) {
      if (auto found = words_.find(name.name); found != words_.end()) ops = found->second;
    }
    auto search = [&](size_t i) {
      if (texts_[i].find(name.name) != std::string::npos) ops.push_back(i);
    };
    if (word) {
      std::for_each(escaped_.begin(), escaped_.end(), search);
    } else {
      for (size_t i = 0; i < texts_.size(); ++i) search(i);
    }
    std::sort(ops.begin(), ops.end());
    ops.erase(std::unique(ops.begin(), ops.end()), ops.end());
    return ops;
  }

 private:
  static bool word_char(char c) {
    unsigned char u = static_cast<unsigned char>(c);
    return std::isalnum(u) || c == '_' || u >= 0x80;
  }
  static bool is_word(const std::string& name) {
    return !name.empty() && std::all_of(name.begin(), name.end(), word_char);
  }
  void index() {
    if (indexed_) return;
    indexed_ = true;
    texts_.reserve(ops_.size());
    for (size_t i = 0; i < ops_.size(); ++i) {
      std::string text;
      for (const std::string& statement : render_sql(ops_[i])) text += statement + "\n";
      for (size_t at = 0; at < text.size();) {
        if (!word_char(text[at])) {
          ++at;
          continue;
        }
        size_t end = at;
        while (end < text.size() && word_char(text[end])) ++end;
        add(text.substr(at, end - at), i);
        at = end;
      }
      if (text.find('\\') != std::string::npos) escaped_.push_back(i);
      texts_.push_back(std::move(text));
    }
  }

  void add(std::string word, size_t op) {
    std::vector<size_t>& ops = words_[std::move(word)];
    if (ops.empty() || ops.back() != op) ops.push_back(op);
  }

  const std::vector<Op>& ops_;
  bool indexed_ = false;
  std::vector<std::string> texts_;
  std::unordered_map<std::string, std::vector<size_t>> words_;
  std::vector<size_t> escaped_;                                 // the ops whose SQL has a backslash
  std::unordered_map<std::string, std::vector<size_t>> named_;  // answers given
};

/// The index of the CreateSequence op of `name` before `table_at`, when nothing between them
/// names the sequence: the last op before the table that names it is its CREATE SEQUENCE.
std::optional<size_t> created_before(const std::vector<Op>& ops, OpTexts& texts, size_t table_at,
                                     const QualifiedName& name) {
  const std::vector<size_t>& naming = texts.naming(name);
  auto after = std::lower_bound(naming.begin(), naming.end(), table_at);
  if (after == naming.begin()) return std::nullopt;
  size_t i = *std::prev(after);
  const auto* create = std::get_if<CreateSequence>(&ops[i]);
  if (create && create->sequence.name == name) return i;
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
    const std::vector<size_t>& naming = reverse_texts.naming(s.sequence);
    bool only_its_table = std::all_of(naming.begin(), naming.end(), [&](size_t i) {
      return i == s.created || i == s.table_at || i == s.owned;
    });
    if (!only_its_table) continue;
    const std::vector<size_t>& named = texts.naming(s.sequence);
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
      } else if (std::binary_search(named.begin(), named.end(), i)) {
        break;  // used or changed otherwise: as SQL
      }
    }
    if (dropped) out.insert({*disowned, *dropped});
  }
  return out;
}

}  // namespace asq
