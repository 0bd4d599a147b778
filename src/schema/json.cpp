#include "schema/json.h"

#include "common/source_error.h"

namespace asq {
namespace {

/// 2 added row level security, partitioning, inheritance and catalog objects; a format 1 file
/// reads as a schema without them.
constexpr int kFormat = 2;
constexpr int kOldestFormat = 1;

Json optional_json(const std::optional<std::string>& value) {
  return value ? Json(*value) : Json();
}

/// The comments of indexes, constraints, enum types and sequences are written only when set,
/// so files written before they were carried read the same.
void add_comment(Json& json, const std::optional<std::string>& comment) {
  if (comment) json["comment"] = *comment;
}

const char* kind_name(Constraint::Kind kind) {
  switch (kind) {
    case Constraint::Kind::kPrimaryKey:
      return "primary_key";
    case Constraint::Kind::kForeignKey:
      return "foreign_key";
    case Constraint::Kind::kUnique:
      return "unique";
    case Constraint::Kind::kCheck:
      return "check";
    case Constraint::Kind::kExclusion:
      return "exclusion";
  }
  return "";
}

Json name_json(const QualifiedName& name) {
  Json json;
  json["schema"] = name.schema;
  json["name"] = name.name;
  return json;
}

/// Only the options that are set: absent means none (so files written before identity options
/// were carried still read, and plain identities write nothing more).
Json identity_options_json(const IdentityOptions& o) {
  Json json;
  auto number = [&json](const char* key, const std::optional<std::int64_t>& value) {
    if (value) json[key] = *value;
  };
  number("start", o.start);
  number("increment", o.increment);
  number("min_value", o.min_value);
  number("max_value", o.max_value);
  number("cache", o.cache);
  if (o.cycle) json["cycle"] = true;
  if (!o.sequence_name.empty()) json["sequence_name"] = o.sequence_name;
  return json;
}

Json column_json(const Column& c) {
  Json json;
  json["name"] = c.name;
  json["type"] = c.type;
  json["nullable"] = c.nullable;
  json["default"] = optional_json(c.default_value);
  json["identity"] = c.identity;
  if (c.identity_options != IdentityOptions{}) {
    json["identity_options"] = identity_options_json(c.identity_options);
  }
  json["generated"] = optional_json(c.generated);
  json["collation"] = c.collation;
  json["comment"] = optional_json(c.comment);
  return json;
}

Json constraint_json(const Constraint& c) {
  Json json;
  json["kind"] = kind_name(c.kind);
  json["name"] = c.name;
  json["columns"] = Json::strings(c.columns);
  if (c.kind == Constraint::Kind::kForeignKey) {
    json["references"] = name_json(c.references);
    json["referenced_columns"] = Json::strings(c.referenced_columns);
    json["on_delete"] = c.on_delete;
    json["on_update"] = c.on_update;
  }
  json["deferrable"] = c.deferrable;
  json["initially_deferred"] = c.initially_deferred;
  if (!c.expression.empty()) json["expression"] = c.expression;
  json["definition"] = c.definition;
  add_comment(json, c.comment);
  return json;
}

Json index_json(const Index& i) {
  Json json;
  json["name"] = i.name;
  json["unique"] = i.unique;
  json["method"] = i.method;
  json["keys"] = Json::strings(i.keys);
  json["include"] = Json::strings(i.include);
  json["where"] = optional_json(i.where);
  json["nulls_not_distinct"] = i.nulls_not_distinct;
  add_comment(json, i.comment);
  if (!i.storage.empty()) json["with"] = Json::strings(i.storage);
  return json;
}

Json table_json(const Table& t) {
  Json json = name_json(t.name);
  json["comment"] = optional_json(t.comment);
  json["columns"] = Json::Array{};
  for (const auto& c : t.columns) json["columns"].push_back(column_json(c));
  json["constraints"] = Json::Array{};
  for (const auto& c : t.constraints) json["constraints"].push_back(constraint_json(c));
  json["indexes"] = Json::Array{};
  for (const auto& i : t.indexes) json["indexes"].push_back(index_json(i));
  json["rls_enabled"] = t.rls_enabled;
  json["rls_forced"] = t.rls_forced;
  if (!t.storage.empty()) json["with"] = Json::strings(t.storage);
  json["partition_by"] = t.partition_by;
  json["partition_of"] = t.partition_of ? name_json(*t.partition_of) : Json();
  json["partition_bound"] = t.partition_bound;
  json["inherits"] = Json::Array{};
  for (const auto& parent : t.inherits) json["inherits"].push_back(name_json(parent));
  return json;
}

Json object_json(const CatalogObject& o) {
  Json json = name_json(o.name);
  json["kind"] = kind_word(o.kind);
  json["signature"] = o.signature;
  json["definition"] = o.definition;
  json["comment"] = optional_json(o.comment);
  json["depends_on"] = Json::strings(o.depends_on);
  return json;
}

Json sequence_json(const Sequence& s) {
  Json json = name_json(s.name);
  json["data_type"] = s.data_type;
  json["start"] = s.start;
  json["increment"] = s.increment;
  json["min_value"] = s.min_value;
  json["max_value"] = s.max_value;
  json["cache"] = s.cache;
  json["cycle"] = s.cycle;
  json["owned_by_table"] = s.owned_by_table;
  json["owned_by_column"] = s.owned_by_column;
  add_comment(json, s.comment);
  return json;
}

/// Typed reading with errors that name the file and the member's path.
class Reader {
 public:
  explicit Reader(const std::string& file) : file_(file) {}

  const Json& member(const Json& object, const std::string& key, const std::string& path) const {
    const Json* value = object.find(key);
    if (!value) fail(path + "." + key, "is missing");
    return *value;
  }
  std::string text(const Json& o, const std::string& key, const std::string& path) const {
    const Json& v = member(o, key, path);
    if (!v.is_string()) fail(path + "." + key, "must be a string");
    return v.as_string();
  }
  std::optional<std::string> optional(const Json& o, const std::string& key,
                                      const std::string& path) const {
    const Json* v = o.find(key);
    if (!v || v->is_null()) return std::nullopt;
    if (!v->is_string()) fail(path + "." + key, "must be a string or null");
    return v->as_string();
  }
  /// A member added in a later format: `fallback` when absent.
  bool flag_or(const Json& o, const std::string& key, const std::string& path,
               bool fallback) const {
    return o.find(key) ? flag(o, key, path) : fallback;
  }
  std::string text_or(const Json& o, const std::string& key, const std::string& path) const {
    return o.find(key) ? text(o, key, path) : std::string();
  }
  bool flag(const Json& o, const std::string& key, const std::string& path) const {
    const Json& v = member(o, key, path);
    if (!v.is_bool()) fail(path + "." + key, "must be true or false");
    return v.as_bool();
  }
  std::int64_t number(const Json& o, const std::string& key, const std::string& path) const {
    const Json& v = member(o, key, path);
    if (!v.is_int()) fail(path + "." + key, "must be an integer");
    return v.as_int();
  }
  std::vector<std::string> strings(const Json& o, const std::string& key,
                                   const std::string& path) const {
    std::vector<std::string> out;
    const Json* v = o.find(key);
    if (!v) return out;
    for (const auto& item : list(*v, path + "." + key)) {
      if (!item.is_string()) fail(path + "." + key, "must hold strings");
      out.push_back(item.as_string());
    }
    return out;
  }
  const Json::Array& list(const Json& v, const std::string& path) const {
    if (!v.is_array()) fail(path, "must be an array");
    return v.as_array();
  }
  std::optional<std::int64_t> optional_number(const Json& o, const std::string& key,
                                              const std::string& path) const {
    return o.find(key) ? std::optional<std::int64_t>(number(o, key, path)) : std::nullopt;
  }
  QualifiedName name(const Json& o, const std::string& path) const {
    return {text(o, "schema", path), text(o, "name", path)};
  }
  [[noreturn]] void fail(const std::string& path, const std::string& problem) const {
    throw SourceError({file_, 0, 0}, "snapshot member " + path + " " + problem);
  }

 private:
  const std::string& file_;
};

Constraint::Kind kind_from(const Reader& r, const std::string& name, const std::string& path) {
  for (auto kind :
       {Constraint::Kind::kPrimaryKey, Constraint::Kind::kForeignKey, Constraint::Kind::kUnique,
        Constraint::Kind::kCheck, Constraint::Kind::kExclusion}) {
    if (name == kind_name(kind)) return kind;
  }
  r.fail(path + ".kind", "must be primary_key, foreign_key, unique, check or exclusion");
}

/// Absent in snapshots written before schema comments were carried: none.
std::map<std::string, std::string> schema_comments_from(const Reader& r, const Json& json) {
  std::map<std::string, std::string> out;
  const Json* comments = json.find("schema_comments");
  if (!comments) return out;
  if (!comments->is_object()) r.fail(".schema_comments", "must be an object");
  for (const auto& [name, comment] : comments->as_object()) {
    out[name] = r.text(*comments, name, ".schema_comments");
  }
  return out;
}

IdentityOptions identity_options_from(const Reader& r, const Json& column,
                                      const std::string& path) {
  const Json* json = column.find("identity_options");
  if (!json) return {};
  std::string p = path + ".identity_options";
  return {r.optional_number(*json, "start", p),     r.optional_number(*json, "increment", p),
          r.optional_number(*json, "min_value", p), r.optional_number(*json, "max_value", p),
          r.optional_number(*json, "cache", p),     r.flag_or(*json, "cycle", p, false),
          r.text_or(*json, "sequence_name", p)};
}

Table table_from(const Reader& r, const Json& j, const std::string& path) {
  Table t{r.name(j, path), {}, {}, {}, r.optional(j, "comment", path)};
  for (const auto& c : r.list(r.member(j, "columns", path), path + ".columns")) {
    std::string p = path + ".columns[" + std::to_string(t.columns.size()) + "]";
    t.columns.push_back({r.text(c, "name", p), r.text(c, "type", p), r.flag(c, "nullable", p),
                         r.optional(c, "default", p), r.text(c, "identity", p),
                         identity_options_from(r, c, p), r.optional(c, "generated", p),
                         r.text(c, "collation", p), r.optional(c, "comment", p)});
  }
  for (const auto& c : r.list(r.member(j, "constraints", path), path + ".constraints")) {
    std::string p = path + ".constraints[" + std::to_string(t.constraints.size()) + "]";
    Constraint k;
    k.kind = kind_from(r, r.text(c, "kind", p), p);
    k.name = r.text(c, "name", p);
    k.columns = r.strings(c, "columns", p);
    if (k.kind == Constraint::Kind::kForeignKey) {
      k.references = r.name(r.member(c, "references", p), p + ".references");
      k.referenced_columns = r.strings(c, "referenced_columns", p);
      k.on_delete = r.text(c, "on_delete", p);
      k.on_update = r.text(c, "on_update", p);
    }
    k.deferrable = r.flag(c, "deferrable", p);
    k.initially_deferred = r.flag(c, "initially_deferred", p);
    k.expression = r.optional(c, "expression", p).value_or("");
    k.definition = r.text(c, "definition", p);
    k.comment = r.optional(c, "comment", p);
    t.constraints.push_back(std::move(k));
  }
  for (const auto& i : r.list(r.member(j, "indexes", path), path + ".indexes")) {
    std::string p = path + ".indexes[" + std::to_string(t.indexes.size()) + "]";
    t.indexes.push_back({r.text(i, "name", p), r.flag(i, "unique", p), r.text(i, "method", p),
                         r.strings(i, "keys", p), r.strings(i, "include", p),
                         r.optional(i, "where", p), r.flag(i, "nulls_not_distinct", p),
                         r.optional(i, "comment", p)});
    if (i.find("with")) t.indexes.back().storage = r.strings(i, "with", p);
  }
  t.rls_enabled = r.flag_or(j, "rls_enabled", path, false);
  t.rls_forced = r.flag_or(j, "rls_forced", path, false);
  if (j.find("with")) t.storage = r.strings(j, "with", path);
  t.partition_by = r.text_or(j, "partition_by", path);
  const Json* parent = j.find("partition_of");
  if (parent && !parent->is_null()) t.partition_of = r.name(*parent, path + ".partition_of");
  t.partition_bound = r.text_or(j, "partition_bound", path);
  if (const Json* parents = j.find("inherits")) {
    for (const auto& p : r.list(*parents, path + ".inherits")) {
      t.inherits.push_back(r.name(p, path + ".inherits"));
    }
  }
  return t;
}

CatalogObject object_from(const Reader& r, const Json& j, const std::string& path) {
  CatalogObject o;
  std::string word = r.text(j, "kind", path);
  std::optional<CatalogObject::Kind> kind = kind_from_word(word);
  if (!kind) r.fail(path + ".kind", "is not a kind of object: " + word);
  o.kind = *kind;
  o.name = r.name(j, path);
  o.signature = r.text(j, "signature", path);
  o.definition = r.text(j, "definition", path);
  o.comment = r.optional(j, "comment", path);
  o.depends_on = r.strings(j, "depends_on", path);
  return o;
}

/// Only the members that say something: no column, a false flag or grant option are left out.
Json privileges_json(const Privileges& p) {
  Json json;
  json["target"] = p.target;
  if (!p.column.empty()) json["column"] = p.column;
  json["owner"] = p.owner;
  if (p.owner_follows_table) json["owner_follows_table"] = true;
  json["grants"] = Json::Array{};
  for (const Grant& g : p.grants) {
    Json grant;
    grant["grantee"] = g.grantee;
    grant["privilege"] = g.privilege;
    if (g.grantable) grant["grantable"] = true;
    json["grants"].push_back(std::move(grant));
  }
  return json;
}

/// Absent in snapshots taken without --privileges: none.
std::vector<Privileges> privileges_from(const Reader& r, const Json& json) {
  std::vector<Privileges> out;
  const Json* list = json.find("privileges");
  if (!list) return out;
  for (const auto& j : r.list(*list, ".privileges")) {
    std::string p = ".privileges[" + std::to_string(out.size()) + "]";
    Privileges privileges{r.text(j, "target", p),
                          r.text_or(j, "column", p),
                          r.text(j, "owner", p),
                          r.flag_or(j, "owner_follows_table", p, false),
                          {}};
    for (const auto& g : r.list(r.member(j, "grants", p), p + ".grants")) {
      privileges.grants.push_back({r.text(g, "grantee", p + ".grants"),
                                   r.text(g, "privilege", p + ".grants"),
                                   r.flag_or(g, "grantable", p + ".grants", false)});
    }
    out.push_back(std::move(privileges));
  }
  return out;
}

}  // namespace

Json schema_to_json(const Schema& schema) {
  Json json;
  json["format"] = kFormat;
  json["schemas"] = Json::strings(schema.schemas);
  if (!schema.schema_comments.empty()) {
    Json comments = Json::Object{};
    for (const auto& [name, comment] : schema.schema_comments) comments[name] = comment;
    json["schema_comments"] = comments;
  }
  json["extensions"] = Json::Array{};
  for (const auto& e : schema.extensions) {
    Json x;
    x["name"] = e.name;
    x["schema"] = e.schema;
    x["version"] = e.version;
    json["extensions"].push_back(std::move(x));
  }
  json["enums"] = Json::Array{};
  for (const auto& e : schema.enums) {
    Json x = name_json(e.name);
    x["values"] = Json::strings(e.values);
    add_comment(x, e.comment);
    json["enums"].push_back(std::move(x));
  }
  json["sequences"] = Json::Array{};
  for (const auto& s : schema.sequences) json["sequences"].push_back(sequence_json(s));
  json["tables"] = Json::Array{};
  for (const auto& t : schema.tables) json["tables"].push_back(table_json(t));
  json["objects"] = Json::Array{};
  for (const auto& o : schema.objects) json["objects"].push_back(object_json(o));
  if (!schema.privileges.empty()) {
    json["privileges"] = Json::Array{};
    for (const auto& p : schema.privileges) json["privileges"].push_back(privileges_json(p));
  }
  return json;
}

Schema schema_from_json(const Json& json, const std::string& file) {
  Reader r(file);
  if (!json.is_object()) r.fail("(root)", "must be an object");
  std::int64_t format = r.number(json, "format", "");
  if (format < kOldestFormat || format > kFormat) {
    r.fail(".format", "must be " + std::to_string(kOldestFormat) + " to " +
                          std::to_string(kFormat) + " (written by another version?)");
  }
  Schema schema;
  schema.schemas = r.strings(json, "schemas", "");
  schema.schema_comments = schema_comments_from(r, json);
  for (const auto& e : r.list(r.member(json, "extensions", ""), ".extensions")) {
    schema.extensions.push_back({r.text(e, "name", ".extensions"),
                                 r.text(e, "schema", ".extensions"),
                                 r.text(e, "version", ".extensions")});
  }
  for (const auto& e : r.list(r.member(json, "enums", ""), ".enums")) {
    schema.enums.push_back({r.name(e, ".enums"), r.strings(e, "values", ".enums"),
                            r.optional(e, "comment", ".enums")});
  }
  for (const auto& s : r.list(r.member(json, "sequences", ""), ".sequences")) {
    std::string p = ".sequences";
    Sequence sequence;  // field by field, in the order they were always read (and checked)
    sequence.name = r.name(s, p);
    sequence.data_type = r.text(s, "data_type", p);
    sequence.start = r.number(s, "start", p);
    sequence.increment = r.number(s, "increment", p);
    sequence.min_value = r.number(s, "min_value", p);
    sequence.max_value = r.number(s, "max_value", p);
    sequence.cache = r.number(s, "cache", p);
    sequence.cycle = r.flag(s, "cycle", p);
    sequence.owned_by_table = r.text(s, "owned_by_table", p);
    sequence.owned_by_column = r.text(s, "owned_by_column", p);
    sequence.comment = r.optional(s, "comment", p);
    schema.sequences.push_back(std::move(sequence));
  }
  for (const auto& t : r.list(r.member(json, "tables", ""), ".tables")) {
    schema.tables.push_back(
        table_from(r, t, ".tables[" + std::to_string(schema.tables.size()) + "]"));
  }
  if (const Json* objects = json.find("objects")) {
    for (const auto& o : r.list(*objects, ".objects")) {
      schema.objects.push_back(
          object_from(r, o, ".objects[" + std::to_string(schema.objects.size()) + "]"));
    }
  }
  schema.privileges = privileges_from(r, json);
  return schema;
}

}  // namespace asq
