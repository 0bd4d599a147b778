#include "pgsim/engine.h"

#include <algorithm>
#include <cctype>
#include <regex>

#include "common/text.h"
#include "pgsim/column_references.h"
#include "pgsim/constraint_names.h"
#include "pgsim/objects.h"
#include "pgsim/partitions.h"
#include "pgsim/printed_expressions.h"
#include "pgsim/sorted_lists.h"
#include "pgsim/sql_reader.h"
#include "schema/column_types.h"
#include "schema/defaults.h"
#include "schema/expression.h"
#include "schema/identity.h"
#include "sql/identifiers.h"
#include "sql/tokens.h"

namespace asq {
namespace memsql {
namespace {

// The ops, applied with PostgreSQL's consequences.

class Applier {
 public:
  Applier(Schema& schema, const ServerFacts& server) : s_(schema), server_(server) {}

  void operator()(const CreateSchema& o) { insert_sorted(s_.schemas, o.name, "schema " + o.name); }
  void operator()(const DropSchema& o) {
    auto in_schema = [&](const auto& item) { return item.name.schema == o.name; };
    if (std::any_of(s_.tables.begin(), s_.tables.end(), in_schema) ||
        std::any_of(s_.enums.begin(), s_.enums.end(), in_schema) ||
        std::any_of(s_.sequences.begin(), s_.sequences.end(), in_schema)) {
      throw ApplyError("schema " + o.name + " is not empty");
    }
    erase_sorted(s_.schemas, o.name, "schema " + o.name);
    s_.schema_comments.erase(o.name);
  }
  void operator()(const CreateExtension& o) {
    insert_sorted(s_.extensions, o.extension, "extension " + o.extension.name);
  }
  void operator()(const DropExtension& o) {
    erase_sorted(s_.extensions, o.name, "extension " + o.name);
  }
  void operator()(const CreateEnum& o) {
    if (o.if_not_exists && find_sorted(s_.enums, o.type.name)) return;
    insert_sorted(s_.enums, o.type, "type " + o.type.name.display());
  }
  void operator()(const DropEnum& o) {
    if (o.if_exists && !find_sorted(s_.enums, o.name)) return;
    for (const Table& t : s_.tables) {
      for (const Column& c : t.columns) {
        const EnumType* e = enum_of(c.type, s_.enums);
        if (e && e->name == o.name) {
          throw ApplyError("type " + o.name.display() + " is used by " + t.name.display() + "." +
                           c.name);
        }
      }
    }
    erase_sorted(s_.enums, o.name, "type " + o.name.display());
  }
  void operator()(const AddEnumValue& o) {
    EnumType* type = find_sorted(s_.enums, o.name);
    if (!type) throw ApplyError("type " + o.name.display() + " does not exist");
    auto& values = type->values;
    if (contains(values, o.value)) throw ApplyError("enum label " + o.value + " already exists");
    auto at = values.end();
    const std::string& neighbour = o.after.empty() ? o.before : o.after;
    if (!neighbour.empty()) {
      at = std::find(values.begin(), values.end(), neighbour);
      if (at == values.end()) throw ApplyError("enum label " + neighbour + " does not exist");
      if (!o.after.empty()) ++at;
    }
    values.insert(at, o.value);
  }
  void operator()(const CreateSequence& o) {
    insert_sorted(s_.sequences, o.sequence, "sequence " + o.sequence.name.display());
  }
  void operator()(const DropSequence& o) {
    erase_sorted(s_.sequences, o.name, "sequence " + o.name.display());
  }
  void operator()(const SetSequenceOwner& o) {
    Sequence* sequence = find_sorted(s_.sequences, o.name);
    if (!sequence) throw ApplyError("sequence " + o.name.display() + " does not exist");
    sequence->owned_by_table = o.table;
    sequence->owned_by_column = o.column;
  }
  void operator()(const CreateTable& o) {
    Table table = o.table;
    table.constraints.clear();
    const std::vector<Constraint> constraints = kept_key_constraints(o.table.constraints);
    for (Column& c : table.columns) {
      if (!c.identity.empty()) c.nullable = false;
      require_type(c.type);
    }
    require_partition_parents(s_, table);
    // PostgreSQL adds a new table's foreign keys after its other constraints, so one that
    // references the table itself finds the primary key wherever the key is listed.
    for (bool foreign : {false, true}) {
      for (const Constraint& written : constraints) {
        if ((written.kind == Constraint::Kind::kForeignKey) != foreign) continue;
        Constraint k = completed(s_, table, written);
        if (k.kind == Constraint::Kind::kPrimaryKey) set_not_null(table, k.columns);
        if (k.kind == Constraint::Kind::kForeignKey) require_key(table, k);
        table.constraints.push_back(std::move(k));
      }
    }
    sort_by_name(table.constraints);
    sort_by_name(table.indexes);
    print_expressions(table, s_);
    for (Index& index : table.indexes) print_expressions(index, table, s_);
    insert_sorted(s_.tables, std::move(table), "relation " + o.table.name.display());
  }
  void operator()(const DropTable& o) {
    table_of(o.name);
    if (used_by_views(o.name)) {
      throw ApplyError("views depend on " + o.name.display() + "; PostgreSQL refuses to drop it");
    }
    if (std::any_of(s_.tables.begin(), s_.tables.end(), [&](const Table& t) {
          return std::count(t.inherits.begin(), t.inherits.end(), o.name) > 0;
        })) {
      throw ApplyError("tables that inherit from " + o.name.display() + " depend on it");
    }
    std::vector<QualifiedName> partitions;  // dropped with their parent
    for (const Table& t : s_.tables) {
      if (t.partition_of == o.name) partitions.push_back(t.name);
    }
    for (const QualifiedName& partition : partitions) (*this)(DropTable{partition});
    if (referenced_from_elsewhere(s_, o.name, "")) {
      throw ApplyError("other tables' foreign keys depend on " + o.name.display());
    }
    drop_owned_sequences(o.name, "");
    std::string on_table = qualified_spelling(o.name);
    std::erase_if(s_.objects, [&](const CatalogObject& object) {
      return object.signature == on_table && (object.kind == CatalogObject::Kind::kTrigger ||
                                              object.kind == CatalogObject::Kind::kPolicy);
    });
    erase_sorted(s_.tables, o.name, "table " + o.name.display());
  }
  void operator()(const RenameTable& o) {
    Table table = table_of(o.name);
    refuse_under_views(o.name, "renaming");
    if (table.partition_of && has_copies_for_partitions(table_of(*table.partition_of))) {
      throw ApplyError("renaming partition " + o.name.display() +
                           " (its copies of the parent's indexes keep their names) is not modelled",
                       true);
    }
    QualifiedName renamed{o.name.schema, o.new_name};
    memsql::rename_table_in_triggers(s_, o.name, renamed);
    memsql::rename_table_in_policies(s_, o.name, renamed);
    erase_sorted(s_.tables, o.name, "table " + o.name.display());
    for (Column& column : table.columns) {
      keep_identity_sequence_name(column, o.name.name, o.new_name, column.name);
    }
    table.name = renamed;
    insert_sorted(s_.tables, std::move(table), "relation " + renamed.display());
    for (Table& other : s_.tables) {
      retarget_foreign_keys(other, o.name, renamed);
      if (other.partition_of == o.name) other.partition_of = renamed;
      std::replace(other.inherits.begin(), other.inherits.end(), o.name, renamed);
    }
    for (Sequence& sequence : s_.sequences) {
      if (sequence.owned_by_table == o.name.name && sequence.name.schema == o.name.schema) {
        sequence.owned_by_table = o.new_name;
      }
    }
  }
  void operator()(const SetTableComment& o) { table_of(o.table).comment = o.comment; }
  void operator()(const AddColumn& o) {
    Table& table = table_of(o.table);
    if (table.column(o.column.name)) {
      throw ApplyError("column " + o.column.name + " of " + o.table.display() + " already exists");
    }
    require_type(o.column.type);
    Column column = o.column;
    if (!column.identity.empty()) column.nullable = false;
    table.columns.push_back(std::move(column));
    if (table.columns.back().generated) {
      Column& added = table.columns.back();
      added.generated = printed_form("generated column " + added.name, *added.generated, table, s_,
                                     ExpressionStyle::kPlain);
    }
  }
  void operator()(const DropColumn& o) {
    Table& table = table_of(o.table);
    refuse_under_views(o.table, "dropping a column of");
    auto it = std::find_if(table.columns.begin(), table.columns.end(),
                           [&](const Column& c) { return c.name == o.column; });
    if (it == table.columns.end()) {
      throw ApplyError("column " + o.column + " of " + o.table.display() + " does not exist");
    }
    if (referenced_from_elsewhere(s_, o.table, o.column)) {
      throw ApplyError("foreign keys of other tables depend on " + o.table.display() + "." +
                       o.column);
    }
    memsql::require_no_trigger_on_column(s_, o.table, o.column);
    memsql::require_no_policy_on_column(s_, o.table, o.column, "dropping it");
    table.columns.erase(it);
    std::erase_if(table.indexes, [&](const Index& i) { return index_uses(i, o.column); });
    std::erase_if(table.constraints,
                  [&](const Constraint& k) { return constraint_uses(k, o.column); });
    drop_owned_sequences(o.table, o.column);
  }
  void operator()(const AlterColumn& o) {
    Table& table = table_of(o.table);
    Column* column = table.column(o.column);
    if (!column) {
      throw ApplyError("column " + o.column + " of " + o.table.display() + " does not exist");
    }
    if ((o.type && *o.type != column->type) || (o.new_name && *o.new_name != o.column)) {
      refuse_under_views(o.table, "changing a column of");
    }
    if (o.type && *o.type != column->type) {
      if (column->default_value && !o.default_value) {
        throw ApplyError("a type change converts the column's default; not modelled");
      }
      require_type(*o.type);
      memsql::require_no_policy_on_column(s_, o.table, o.column, "changing its type");
      column->type = *o.type;
    }
    if (o.nullable) column->nullable = *o.nullable;
    if (o.default_value) column->default_value = *o.default_value;
    if (o.comment) column->comment = *o.comment;
    if (o.identity) {
      if (!o.identity->empty() && column->nullable) {
        throw ApplyError("column " + o.column + " must be NOT NULL before it can be an identity");
      }
      column->identity = *o.identity;
      if (o.identity->empty()) column->identity_options = {};
    }
    if (o.identity_options) {
      std::string name = column->identity_options.sequence_name;
      column->identity_options = *o.identity_options;
      if (o.identity_options->sequence_name.empty()) {
        column->identity_options.sequence_name = name;  // options set on a kept sequence
      }
    }
    if (o.new_name && *o.new_name != o.column) rename_column(table, o.column, *o.new_name);
  }
  void operator()(const CreateIndex& o) {
    if (!find_sorted(s_.tables, o.table) && materialized_view(o.table)) {
      return (*this)(CreateObject{view_index(o)});
    }
    Table& table = table_of(o.table);
    Index index = o.index;
    print_expressions(index, table, s_);
    if (find_sorted(table.indexes, index.name)) {
      throw ApplyError("relation " + index.name + " already exists");
    }
    require_no_partition_index_taken_over(s_, o.table, index);
    insert_sorted(table.indexes, std::move(index), "index " + o.index.name);
  }
  void operator()(const DropIndex& o) {
    for (Table& table : s_.tables) {
      if (table.name.schema == o.table.schema && find_sorted(table.indexes, o.name)) {
        erase_sorted(table.indexes, o.name, "index " + o.name);
        return;
      }
    }
    auto on_view = std::find_if(s_.objects.begin(), s_.objects.end(), [&](const CatalogObject& x) {
      return x.kind == CatalogObject::Kind::kIndex &&
             x.name == QualifiedName{o.table.schema, o.name};
    });
    if (on_view != s_.objects.end()) {
      s_.objects.erase(on_view);
      return;
    }
    throw ApplyError("index " + o.name + " does not exist");
  }
  void operator()(const AddConstraint& o) {
    Table& table = table_of(o.table);
    Constraint k = completed(s_, table, o.constraint);
    std::vector<Column> columns = columns_with_inherited(s_, table);
    for (const auto& c : k.columns) {
      if (!std::any_of(columns.begin(), columns.end(),
                       [&](auto& column) { return column.name == c; })) {
        throw ApplyError("column " + c + " does not exist");
      }
      if (k.kind == Constraint::Kind::kPrimaryKey && !table.column(c)) {
        throw ApplyError("a primary key on inherited column " + c + " is not modelled", true);
      }
    }
    if (k.kind == Constraint::Kind::kPrimaryKey) set_not_null(table, k.columns);
    if (k.kind == Constraint::Kind::kForeignKey) require_key(table, k);
    if (k.kind == Constraint::Kind::kCheck) print_check(k, table, s_);
    std::string what = "constraint " + k.name;
    insert_sorted(table.constraints, std::move(k), what);
  }
  void operator()(const DropConstraint& o) {
    Table& table = table_of(o.table);
    Constraint* k = find_sorted(table.constraints, o.name);
    if (!k)
      throw ApplyError("constraint " + o.name + " of " + o.table.display() + " does not exist");
    if (k->kind != Constraint::Kind::kForeignKey && k->kind != Constraint::Kind::kCheck &&
        referenced_from_elsewhere(s_, o.table, k->columns.empty() ? "" : k->columns.front())) {
      throw ApplyError("foreign keys depend on constraint " + o.name);
    }
    erase_sorted(table.constraints, o.name, "constraint " + o.name);
  }
  void operator()(const SetRowSecurity& o) {
    Table& table = table_of(o.table);
    table.rls_enabled = o.enabled;
    table.rls_forced = o.forced;
  }
  void operator()(const SetTableStorage& o) {
    Table& table = table_of(o.table);
    bool own = std::any_of(o.set.begin(), o.set.end(),
                           [](const std::string& item) { return item.rfind("toast.", 0) != 0; });
    if (!table.partition_by.empty() && own) {
      throw ApplyError("cannot specify storage parameters for a partitioned table");
    }
    apply_storage(table.storage, o.reset, o.set);
  }
  void operator()(const CreateObject& o) {
    std::string key = object_key(o.object);
    auto it = object_position(key);
    if (it != s_.objects.end() && object_key(*it) == key) throw ApplyError(key + " already exists");
    s_.objects.insert(it, o.object);
  }
  void operator()(const DropObject& o) { s_.objects.erase(existing_object(o.object)); }
  void operator()(const SetObjectComment& o) {
    existing_object(o.object)->comment = o.object.comment;
  }
  void operator()(const SetComment& o) {
    if (o.target != SetComment::Target::kSchema) {
      *commented(o) = o.comment;
      return;
    }
    if (o.name.name != "public" && !find_sorted(s_.schemas, o.name.name)) {
      throw ApplyError("schema " + o.name.name + " does not exist");
    }
    set_schema_comment(s_, o.name.name, o.comment);
  }
  void operator()(const Execute& o) {
    if (!o.data_only) apply_sql(s_, o.sql, server_);
  }

 private:
  std::vector<CatalogObject>::iterator object_position(const std::string& key) {
    return std::lower_bound(
        s_.objects.begin(), s_.objects.end(), key,
        [](const CatalogObject& object, const std::string& k) { return object_key(object) < k; });
  }
  std::vector<CatalogObject>::iterator existing_object(const CatalogObject& object) {
    std::string key = object_key(object);
    auto it = object_position(key);
    if (it == s_.objects.end() || object_key(*it) != key) throw ApplyError(key + " does not exist");
    return it;
  }
  bool used_by_views(const QualifiedName& table) const {
    std::string key = relation_key(table);
    return std::any_of(s_.objects.begin(), s_.objects.end(), [&](const CatalogObject& o) {
      return std::count(o.depends_on.begin(), o.depends_on.end(), key) > 0;
    });
  }
  /// What a view's printed query would follow (a rename) or the server may refuse (a column
  /// the view uses) is not modelled while views use the table.
  void refuse_under_views(const QualifiedName& table, const std::string& what) const {
    if (used_by_views(table)) {
      throw ApplyError(
          what + " " + table.display() + ", which views use, is not modelled in memory", true);
    }
  }
  const CatalogObject* materialized_view(const QualifiedName& name) const {
    auto it = std::find_if(s_.objects.begin(), s_.objects.end(), [&](const CatalogObject& x) {
      return x.kind == CatalogObject::Kind::kMaterializedView && x.name == name;
    });
    return it == s_.objects.end() ? nullptr : &*it;
  }
  /// An index on a materialized view, as pg_get_indexdef prints it; keys that are columns only.
  static CatalogObject view_index(const CreateIndex& o) {
    const Index& index = o.index;
    for (const auto& key : index.keys) {
      if (key.find('(') != std::string::npos || key.find(' ') != std::string::npos) {
        throw ApplyError("expression key `" + key +
                             "` of an index on a materialized view "
                             "not modelled in memory",
                         true);
      }
    }
    if (index.where || !index.include.empty() || index.nulls_not_distinct ||
        !index.storage.empty()) {
      throw ApplyError("index " + index.name + " on a materialized view not modelled in memory",
                       true);
    }
    CatalogObject object;
    object.kind = CatalogObject::Kind::kIndex;
    object.name = {o.table.schema, index.name};
    object.signature = qualified_spelling(o.table);
    object.depends_on = {"MATERIALIZED VIEW " + object.signature};
    object.definition = std::string("CREATE ") + (index.unique ? "UNIQUE " : "") + "INDEX " +
                        quote_identifier(index.name) + " ON " + object.signature + " USING " +
                        index.method + " (" + join(index.keys, ", ") + ")";
    return object;
  }
  /// The comment of the enum type, sequence, index or constraint SetComment names.
  std::optional<std::string>* commented(const SetComment& o) {
    using Target = SetComment::Target;
    switch (o.target) {
      case Target::kSchema:
        break;
      case Target::kEnum:
        if (EnumType* type = find_sorted(s_.enums, o.name)) return &type->comment;
        throw ApplyError("type " + o.name.display() + " does not exist");
      case Target::kSequence:
        if (Sequence* sequence = find_sorted(s_.sequences, o.name)) return &sequence->comment;
        throw ApplyError("sequence " + o.name.display() + " does not exist");
      case Target::kIndex:
        for (Table& table : s_.tables) {
          if (table.name.schema != o.name.schema) continue;
          if (Index* index = find_sorted(table.indexes, o.name.name)) return &index->comment;
        }
        throw ApplyError("index " + o.name.display() + " does not exist");
      case Target::kConstraint: {
        QualifiedName table{o.name.schema, o.table};
        if (Constraint* k = find_sorted(table_of(table).constraints, o.name.name)) {
          return &k->comment;
        }
        throw ApplyError("constraint " + o.name.name + " of " + table.display() +
                         " does not exist");
      }
    }
    throw ApplyError("a schema's comment is not an object's");
  }
  Table& table_of(const QualifiedName& name) {
    Table* table = find_sorted(s_.tables, name);
    if (!table) throw ApplyError("table " + name.display() + " does not exist");
    return *table;
  }
  void require_type(const std::string& type) {
    std::string base = type.substr(0, type.find('['));
    if (base.find('.') == std::string::npos) return;
    if (enum_of(type, s_.enums) || memsql::is_object_type(s_, base)) return;
    // Types of extensions (citext, hstore, ...) are not listed in the model: accepted when an
    // extension lives in that schema.
    std::string schema = parse_qualified(base).schema;
    bool from_extension = std::any_of(s_.extensions.begin(), s_.extensions.end(),
                                      [&](const Extension& e) { return e.schema == schema; });
    if (!from_extension) throw ApplyError("type " + base + " does not exist");
  }
  void require_key(const Table& owner, const Constraint& fk) {
    const Table* target =
        fk.references == owner.name ? &owner : find_sorted(s_.tables, fk.references);
    if (!target) throw ApplyError("table " + fk.references.display() + " does not exist");
    bool keyed = std::any_of(target->constraints.begin(), target->constraints.end(), [&](auto& c) {
      return (c.kind == Constraint::Kind::kPrimaryKey || c.kind == Constraint::Kind::kUnique) &&
             !c.deferrable &&
             std::is_permutation(c.columns.begin(), c.columns.end(), fk.referenced_columns.begin(),
                                 fk.referenced_columns.end());
    });
    keyed = keyed || std::any_of(target->indexes.begin(), target->indexes.end(), [&](auto& i) {
              return i.unique && !i.where && i.keys == fk.referenced_columns;
            });
    if (!keyed) {
      throw ApplyError("no unique constraint matching the keys of " + fk.name + " on " +
                       fk.references.display());
    }
  }
  static void set_not_null(Table& table, const std::vector<std::string>& columns) {
    for (const auto& name : columns) {
      Column* column = table.column(name);
      if (!column) throw ApplyError("column " + name + " does not exist");
      column->nullable = false;
    }
  }
  void drop_owned_sequences(const QualifiedName& table, const std::string& column) {
    std::erase_if(s_.sequences, [&](const Sequence& s) {
      return s.name.schema == table.schema && s.owned_by_table == table.name &&
             (column.empty() || s.owned_by_column == column);
    });
  }
  /// An identity sequence keeps its name when its table or column is renamed: the model then
  /// spells it out (it is no longer `<table>_<column>_seq`).
  static void keep_identity_sequence_name(Column& column, const std::string& table,
                                          const std::string& new_table,
                                          const std::string& new_column) {
    if (column.identity.empty()) return;
    std::string name = identity_sequence_name(table, column);
    column.identity_options.sequence_name =
        name == default_identity_sequence_name(new_table, new_column) ? "" : name;
  }
  void rename_column(Table& table, const std::string& from, const std::string& to) {
    if (table.column(to)) throw ApplyError("column " + to + " already exists");
    memsql::rename_column_in_triggers(s_, table.name, from, to);
    memsql::rename_column_in_policies(s_, table.name, from, to);
    keep_identity_sequence_name(*table.column(from), table.name.name, table.name.name, to);
    table.column(from)->name = to;
    for (Index& index : table.indexes) rename_in_index(index, from, to);
    for (Constraint& k : table.constraints) rename_in_constraint(k, from, to);
    for (Table& other : s_.tables) {
      for (Constraint& k : other.constraints) {
        if (k.kind == Constraint::Kind::kForeignKey && k.references == table.name) {
          std::replace(k.referenced_columns.begin(), k.referenced_columns.end(), from, to);
          k.definition = key_definition(k);
        }
      }
    }
    for (Sequence& sequence : s_.sequences) {
      if (sequence.owned_by_table == table.name.name && sequence.owned_by_column == from) {
        sequence.owned_by_column = to;
      }
    }
  }

  Schema& s_;
  const ServerFacts& server_;
};

}  // namespace
}  // namespace memsql

std::vector<Constraint> kept_key_constraints(const std::vector<Constraint>& written) {
  using Kind = Constraint::Kind;
  auto is_key = [](const Constraint& k) {
    return k.kind == Kind::kPrimaryKey || k.kind == Kind::kUnique;
  };
  auto body = [](const Constraint& k) {
    if (k.definition.empty()) {
      std::string out;
      for (const auto& column : k.columns) out += column + ",";
      return out + (k.deferrable ? "D" : "") + (k.initially_deferred ? "I" : "");
    }
    std::string_view text = k.definition;
    for (std::string_view word : {"PRIMARY KEY ", "UNIQUE "}) {
      if (text.starts_with(word)) text.remove_prefix(word.size());
    }
    return std::string(text);
  };
  std::vector<Constraint> out;
  std::vector<size_t> kept;  // indexes into out of key constraints kept, the primary key first
  for (const Constraint& k : written) {
    if (k.kind == Kind::kPrimaryKey) {
      kept.insert(kept.begin(), out.size());
      out.push_back(k);
    }
  }
  for (const Constraint& k : written) {
    if (k.kind == Kind::kPrimaryKey) continue;
    if (!is_key(k)) {
      out.push_back(k);
      continue;
    }
    auto same =
        std::find_if(kept.begin(), kept.end(), [&](size_t i) { return body(out[i]) == body(k); });
    if (same != kept.end()) {
      if (out[*same].name.empty()) out[*same].name = k.name;
      continue;
    }
    kept.push_back(out.size());
    out.push_back(k);
  }
  return out;
}

void apply_op(Schema& schema, const Op& op, const ServerFacts& server) {
  std::visit(memsql::Applier(schema, server), op);
}

namespace {

/// Raw SQL setting owners or privileges, which the model has only with --privileges.
void refuse_privileges(const Op& op) {
  const Execute* execute = std::get_if<Execute>(&op);
  if (execute && sets_privileges(execute->sql)) {
    throw ApplyError("owners and privileges (--privileges) are not modelled in memory", true);
  }
}

}  // namespace

void apply_revision(Schema& schema, const RevisionOps& revision, const ServerFacts& server,
                    std::vector<Unmodelled>& unmodelled, RunMemo& run, bool privileges) {
  for (const LocatedOp& located : revision.upgrade) {
    if (run.leaves_out(located.op)) continue;
    try {
      if (privileges) refuse_privileges(located.op);
      apply_op(schema, located.op, server);
    } catch (const ApplyError& e) {
      if (!e.construct() && !unmodelled.empty()) continue;  // a consequence of an earlier one
      SourceLocation where = located.where;
      if (where.file.empty()) where.file = revision.path;
      unmodelled.push_back({where, revision.revision, e.what()});
    }
  }
}

MemoryReplay replay_in_memory(const std::vector<RevisionOps>& revisions,
                              const MemoryReplayOptions& options) {
  MemoryReplay replay;
  RunMemo run;
  for (const RevisionOps& revision : revisions) {
    apply_revision(replay.schema, revision, options.server, replay.unmodelled, run,
                   options.introspect.privileges);
  }
  replay.left_out_schemas = left_out_schemas(replay.schema, options.introspect);
  replay.schema = as_introspected(std::move(replay.schema), options.introspect);
  return replay;
}

}  // namespace asq
