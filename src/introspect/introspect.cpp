#include "introspect/introspect.h"

#include <algorithm>
#include <map>
#include <set>

#include "introspect/embedded_sql.h"
#include "introspect/privilege_rows.h"
#include "schema/identity.h"
#include "sql/identifiers.h"

namespace asq {
namespace {

/// Parses a PostgreSQL text[] literal as libpqxx 6 hands it over.
std::vector<std::string> text_array(const pqxx::field& field) {
  std::vector<std::string> out;
  if (field.is_null()) return out;
  pqxx::array_parser parser = field.as_array();
  for (auto item = parser.get_next(); item.first != pqxx::array_parser::juncture::done;
       item = parser.get_next()) {
    if (item.first == pqxx::array_parser::juncture::string_value) out.push_back(item.second);
  }
  return out;
}

std::optional<std::string> optional_text(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  return field.as<std::string>();
}

std::string array_literal(const std::vector<std::string>& items) {
  std::string out = "{";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    out += '"';
    for (char c : items[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

std::string action_word(const std::string& code) {
  if (code == "c") return "CASCADE";
  if (code == "n") return "SET NULL";
  if (code == "d") return "SET DEFAULT";
  if (code == "r") return "RESTRICT";
  return "NO ACTION";
}

Constraint::Kind constraint_kind(const std::string& code) {
  if (code == "p") return Constraint::Kind::kPrimaryKey;
  if (code == "f") return Constraint::Kind::kForeignKey;
  if (code == "u") return Constraint::Kind::kUnique;
  if (code == "c") return Constraint::Kind::kCheck;
  return Constraint::Kind::kExclusion;
}

class Reader {
 public:
  Reader(pqxx::transaction_base& tx, const IntrospectOptions& options)
      : tx_(tx), options_(options), schemas_(array_literal(options.schemas)) {}

  /// Runs one catalog query with the parameters it uses ($1 schemas, $2.$3 version table, $4
  /// the version table in every schema).
  pqxx::result run(std::string_view sql) {
    ++queries_;
    std::string text(sql);
    if (text.find("$2") != std::string::npos) {
      return tx_.exec_params(text, schemas_, options_.version_table_schema, options_.version_table,
                             options_.version_table_in_every_schema);
    }
    if (text.find("$1") != std::string::npos) return tx_.exec_params(text, schemas_);
    return tx_.exec(text);
  }

  Schema read() {
    Schema schema;
    for (const auto& row : run(sql::k_schemas)) {
      std::string name = row["name"].as<std::string>();
      set_schema_comment(schema, name, optional_text(row["comment"]));
      if (name != "public") schema.schemas.push_back(name);
    }
    for (const auto& row : run(sql::k_extensions)) {
      schema.extensions.push_back({row["name"].as<std::string>(), row["schema"].as<std::string>(),
                                   row["version"].as<std::string>()});
    }
    for (const auto& row : run(sql::k_enums)) {
      QualifiedName name{row["schema"].as<std::string>(), row["name"].as<std::string>()};
      keys_[{"pg_type", row["oid"].as<long>()}] = type_key(name);
      schema.enums.push_back({name, text_array(row["labels"]), optional_text(row["comment"])});
    }
    for (const auto& row : run(sql::k_sequences)) schema.sequences.push_back(sequence(row));
    read_tables(schema);
    read_objects(schema);
    return schema;
  }

  /// Owners and privileges (privileges.sql), and the default privileges the model refuses.
  void read_privileges(Schema& schema, std::vector<std::string>& unsupported) {
    auto excluded_relation = [this](const QualifiedName& name) { return excluded(name); };
    schema.privileges = privileges_of_rows(run(sql::k_privileges), excluded_relation, unsupported);
    for (const auto& row : run(sql::k_default_privileges)) {
      unsupported.push_back(row["kind"].as<std::string>() + " " + row["name"].as<std::string>());
    }
  }

  int queries() const { return queries_; }

 private:
  static Sequence sequence(const pqxx::row& row) {
    Sequence s;
    s.name = {row["schema"].as<std::string>(), row["name"].as<std::string>()};
    s.data_type = row["data_type"].as<std::string>();
    s.start = row["start"].as<std::int64_t>();
    s.increment = row["increment"].as<std::int64_t>();
    s.min_value = row["min_value"].as<std::int64_t>();
    s.max_value = row["max_value"].as<std::int64_t>();
    s.cache = row["cache"].as<std::int64_t>();
    s.cycle = row["cycle"].as<bool>();
    s.owned_by_table = row["owned_by_table"].as<std::string>();
    s.owned_by_column = row["owned_by_column"].as<std::string>();
    s.comment = optional_text(row["comment"]);
    return s;
  }

  static Table table_of_row(const pqxx::row& row) {
    Table table;
    table.name = {row["schema"].as<std::string>(), row["name"].as<std::string>()};
    table.comment = optional_text(row["comment"]);
    table.rls_enabled = row["rls_enabled"].as<bool>();
    table.rls_forced = row["rls_forced"].as<bool>();
    table.storage = text_array(row["storage"]);
    table.partition_by = row["partition_by"].as<std::string>();
    table.partition_bound = row["partition_bound"].as<std::string>();
    std::vector<std::string> schemas = text_array(row["parent_schemas"]);
    std::vector<std::string> names = text_array(row["parent_names"]);
    for (size_t i = 0; i < schemas.size() && i < names.size(); ++i) {
      table.inherits.push_back({schemas[i], names[i]});
    }
    if (!table.partition_bound.empty() && !table.inherits.empty()) {
      table.partition_of = table.inherits.front();
      table.inherits.clear();
    }
    return table;
  }

  /// Views, functions, triggers, ...: every object query has the same columns.
  void read_objects(Schema& schema) {
    std::map<std::pair<std::string, long>, size_t> index_of;
    for (std::string_view query :
         {sql::k_domains, sql::k_composite_types, sql::k_functions, sql::k_views,
          sql::k_view_indexes, sql::k_triggers, sql::k_event_triggers, sql::k_policies}) {
      for (const auto& row : run(query)) {
        CatalogObject object = object_of_row(row);
        if (is_on_excluded_table(object)) continue;
        std::pair<std::string, long> id{row["catalog"].as<std::string>(), row["oid"].as<long>()};
        keys_[id] = object_key(object);
        index_of[id] = schema.objects.size();
        schema.objects.push_back(std::move(object));
      }
    }
    // Only the objects above depend on anything here, and the query reads the whole database's
    // pg_depend (a schema-per-tenant database's tenants all at once): none, no query.
    if (index_of.empty()) return;
    for (const auto& row : run(sql::k_dependencies)) {
      auto dependent = index_of.find({row["catalog"].as<std::string>(), row["oid"].as<long>()});
      auto needed = keys_.find({row["ref_catalog"].as<std::string>(), row["ref_oid"].as<long>()});
      if (dependent == index_of.end() || needed == keys_.end()) continue;
      CatalogObject& object = schema.objects[dependent->second];
      if (needed->second != object_key(object)) object.depends_on.push_back(needed->second);
    }
    for (CatalogObject& object : schema.objects) {
      std::sort(object.depends_on.begin(), object.depends_on.end());
      object.depends_on.erase(std::unique(object.depends_on.begin(), object.depends_on.end()),
                              object.depends_on.end());
    }
    std::sort(schema.objects.begin(), schema.objects.end(),
              [](const CatalogObject& a, const CatalogObject& b) {
                return object_key(a) < object_key(b);
              });
  }

  static CatalogObject object_of_row(const pqxx::row& row) {
    CatalogObject object;
    object.kind = *kind_from_word(row["kind"].as<std::string>());
    object.name = {row["schema"].as<std::string>(), row["name"].as<std::string>()};
    object.signature = row["signature"].as<std::string>();
    object.definition = row["definition"].as<std::string>();
    object.comment = optional_text(row["comment"]);
    return object;
  }

  /// Triggers and policies of a table that is not managed go with it.
  bool is_on_excluded_table(const CatalogObject& object) const {
    if (object.kind != CatalogObject::Kind::kTrigger &&
        object.kind != CatalogObject::Kind::kPolicy) {
      return false;
    }
    for (const auto& name : options_.exclude_tables) {
      QualifiedName table =
          name.find('.') == std::string::npos
              ? QualifiedName{object.name.schema, name}
              : QualifiedName{name.substr(0, name.find('.')), name.substr(name.find('.') + 1)};
      if (qualified_spelling(table) == object.signature) return true;
    }
    return false;
  }

  bool excluded(const QualifiedName& name) const {
    return std::find(options_.exclude_tables.begin(), options_.exclude_tables.end(), name.name) !=
               options_.exclude_tables.end() ||
           std::find(options_.exclude_tables.begin(), options_.exclude_tables.end(),
                     name.schema + "." + name.name) != options_.exclude_tables.end();
  }

  /// The identity sequence's options (and name, when not the default), normalized as the
  /// model keeps them.
  static IdentityOptions identity_options_of_row(const pqxx::row& row, const std::string& table,
                                                 const Column& column) {
    SequenceOptions values{
        row["identity_start"].as<std::int64_t>(), row["identity_increment"].as<std::int64_t>(),
        row["identity_min"].as<std::int64_t>(),   row["identity_max"].as<std::int64_t>(),
        row["identity_cache"].as<std::int64_t>(), row["identity_cycle"].as<bool>()};
    IdentityOptions options = identity_options(column.type, values);
    std::string sequence = row["identity_sequence"].as<std::string>();
    if (sequence != default_identity_sequence_name(table, column.name)) {
      options.sequence_name = sequence;
    }
    return options;
  }

  void read_tables(Schema& schema) {
    std::map<QualifiedName, Table> tables;
    for (const auto& row : run(sql::k_tables)) {
      Table table = table_of_row(row);
      if (excluded(table.name)) continue;
      keys_[{"pg_class", row["oid"].as<long>()}] = relation_key(table.name);
      tables[table.name] = std::move(table);
    }
    auto table_of = [&](const pqxx::row& row) -> Table* {
      auto it = tables.find({row["schema"].as<std::string>(), row["table_name"].as<std::string>()});
      return it == tables.end() ? nullptr : &it->second;
    };
    for (const auto& row : run(sql::k_columns)) {
      Table* table = table_of(row);
      if (!table) continue;
      Column column;
      column.name = row["name"].as<std::string>();
      column.type = row["type"].as<std::string>();
      column.nullable = row["nullable"].as<bool>();
      column.default_value = optional_text(row["default_value"]);
      column.identity = row["identity"].as<std::string>();
      if (!column.identity.empty()) {
        column.identity_options = identity_options_of_row(row, table->name.name, column);
      }
      column.generated = optional_text(row["generated"]);
      column.collation = row["collation"].as<std::string>();
      column.comment = optional_text(row["comment"]);
      table->columns.push_back(std::move(column));
    }
    for (const auto& row : run(sql::k_constraints)) {
      Table* table = table_of(row);
      if (!table) continue;
      Constraint c;
      c.kind = constraint_kind(row["kind"].as<std::string>());
      c.name = row["name"].as<std::string>();
      c.columns = text_array(row["columns"]);
      if (c.kind == Constraint::Kind::kForeignKey) {
        c.references = {row["ref_schema"].as<std::string>(), row["ref_table"].as<std::string>()};
        c.referenced_columns = text_array(row["ref_columns"]);
        c.on_delete = action_word(row["on_delete"].as<std::string>());
        c.on_update = action_word(row["on_update"].as<std::string>());
      }
      c.deferrable = row["deferrable"].as<bool>();
      c.initially_deferred = row["deferred"].as<bool>();
      c.expression = optional_text(row["expression"]).value_or("");
      c.definition = row["definition"].as<std::string>();
      c.comment = optional_text(row["comment"]);
      table->constraints.push_back(std::move(c));
    }
    for (const auto& row : run(sql::k_indexes)) {
      Table* table = table_of(row);
      if (!table) continue;
      Index index;
      index.name = row["name"].as<std::string>();
      index.unique = row["is_unique"].as<bool>();
      index.method = row["method"].as<std::string>();
      index.keys = text_array(row["keys"]);
      index.include = text_array(row["include"]);
      index.where = optional_text(row["predicate"]);
      index.nulls_not_distinct = row["nulls_not_distinct"].as<bool>();
      index.comment = optional_text(row["comment"]);
      index.storage = text_array(row["storage"]);
      table->indexes.push_back(std::move(index));
    }
    for (auto& [name, table] : tables) schema.tables.push_back(std::move(table));
  }

  pqxx::transaction_base& tx_;
  const IntrospectOptions& options_;
  std::string schemas_;
  int queries_ = 0;
  /// (catalog, oid) -> key of the tables, enum types and objects read so far.
  std::map<std::pair<std::string, long>, std::string> keys_;
};

}  // namespace

Introspection introspect(pqxx::connection& connection, const IntrospectOptions& options) {
  pqxx::read_transaction tx(connection);
  return introspect(tx, options);
}

Introspection introspect(pqxx::transaction_base& tx, const IntrospectOptions& options) {
  tx.exec("SET LOCAL search_path = ''");
  // Partition bounds and literals of timestamptz print in the session's zone: in UTC, the
  // scratch and live databases (maybe on servers set differently) compare, and the files we
  // write do not depend on where the tool runs.
  tx.exec("SET LOCAL TimeZone = 'UTC'");
  Reader reader(tx, options);
  Introspection result;
  result.schema = reader.read();
  for (const auto& row : reader.run(sql::k_unsupported)) {
    result.unsupported.push_back(row["kind"].as<std::string>() + " " +
                                 row["name"].as<std::string>());
  }
  if (options.privileges) reader.read_privileges(result.schema, result.unsupported);
  std::set<std::string> left_out;
  for (const auto& row : reader.run(sql::k_left_out)) {
    std::string schema = row["schema"].as<std::string>();
    if (row["relation"].is_null()) {
      // A type or function in it, or made by the replay.
      if (row["holds"].as<bool>() || left_out_made_schema(schema, options)) left_out.insert(schema);
    } else {
      // A sequence a table owns (serial, identity) goes with that table (same schema).
      std::string relation = row[row["owner"].is_null() ? "relation" : "owner"].as<std::string>();
      if (left_out_relation({schema, relation}, options)) left_out.insert(schema);
    }
  }
  result.left_out_schemas.assign(left_out.begin(), left_out.end());
  result.queries = reader.queries();
  return result;
}

}  // namespace asq
