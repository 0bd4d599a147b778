#pragma once

// Short builders for the schemas that the diff tests compare.

#include <algorithm>
#include <string>
#include <vector>

#include "diff/diff.h"
#include "schema/identity.h"
#include "schema/model.h"

namespace asq::test {

// One line per op for the expectations of the diff tests.
namespace describe_detail {

inline std::string name(const QualifiedName& n) { return n.schema + "." + n.name; }

inline const char* kind_word(Constraint::Kind kind) {
  switch (kind) {
    case Constraint::Kind::kPrimaryKey:
      return "primary key";
    case Constraint::Kind::kForeignKey:
      return "foreign key";
    case Constraint::Kind::kUnique:
      return "unique constraint";
    case Constraint::Kind::kCheck:
      return "check constraint";
    case Constraint::Kind::kExclusion:
      return "exclusion constraint";
  }
  return "constraint";
}

inline std::string optional_text(const std::optional<std::string>& value) {
  return value ? *value : "none";
}

inline std::string alter_text(const AlterColumn& a) {
  std::string out = "alter column " + name(a.table) + "." + a.column + ":";
  std::string sep = " ";
  auto part = [&](const std::string& text) {
    out += sep + text;
    sep = ", ";
  };
  if (a.identity && a.identity->empty()) part("drop identity");
  if (a.type) part("type " + *a.type + (a.using_expression ? " using " + *a.using_expression : ""));
  if (a.nullable) part(*a.nullable ? "nullable" : "not null");
  if (a.default_value) part("default " + optional_text(*a.default_value));
  if (a.comment) part("comment " + optional_text(*a.comment));
  if (a.new_name) part("rename to " + *a.new_name);
  if (a.identity && !a.identity->empty()) part("identity " + *a.identity);
  if (a.identity_options) {
    Column options;
    options.identity_options = *a.identity_options;
    part("identity options" + identity_options_clause(a.table, options));
  }
  return out;
}

inline std::string text(const CreateSchema& o) { return "create schema " + o.name; }
inline std::string text(const DropSchema& o) { return "drop schema " + o.name; }
inline std::string text(const CreateExtension& o) { return "create extension " + o.extension.name; }
inline std::string text(const DropExtension& o) { return "drop extension " + o.name; }
inline std::string text(const CreateEnum& o) { return "create enum " + name(o.type.name); }
inline std::string text(const DropEnum& o) { return "drop enum " + name(o.name); }
inline std::string text(const AddEnumValue& o) {
  std::string where = !o.after.empty()    ? " after '" + o.after + "'"
                      : !o.before.empty() ? " before '" + o.before + "'"
                                          : "";
  return "add value '" + o.value + "' to enum " + name(o.name) + where;
}
inline std::string text(const CreateSequence& o) {
  return "create sequence " + name(o.sequence.name);
}
inline std::string text(const DropSequence& o) { return "drop sequence " + name(o.name); }
inline std::string text(const SetSequenceOwner& o) {
  return "set owner of sequence " + name(o.name) + " to " +
         (o.table.empty() ? "none" : o.table + "." + o.column);
}
inline std::string text(const CreateTable& o) { return "create table " + name(o.table.name); }
inline std::string text(const DropTable& o) { return "drop table " + name(o.name); }
inline std::string text(const RenameTable& o) {
  return "rename table " + name(o.name) + " to " + o.new_name;
}
inline std::string text(const SetTableComment& o) {
  return "set comment on table " + name(o.table) + ": " + optional_text(o.comment);
}
inline std::string text(const AddColumn& o) {
  return "add column " + name(o.table) + "." + o.column.name;
}
inline std::string text(const DropColumn& o) {
  return "drop column " + name(o.table) + "." + o.column;
}
inline std::string text(const AlterColumn& o) { return alter_text(o); }
inline std::string text(const CreateIndex& o) {
  return "create index " + o.index.name + " on " + name(o.table);
}
inline std::string text(const DropIndex& o) {
  return "drop index " + o.name + " on " + name(o.table);
}
inline std::string text(const AddConstraint& o) {
  return std::string("add ") + kind_word(o.constraint.kind) + " " + o.constraint.name + " on " +
         name(o.table);
}
inline std::string text(const DropConstraint& o) {
  return std::string("drop ") + kind_word(o.kind) + " " + o.name + " on " + name(o.table);
}
inline std::string text(const SetRowSecurity& o) {
  return "set row level security on " + name(o.table) + ": " + (o.enabled ? "enabled" : "off") +
         (o.forced ? ", forced" : "");
}
inline std::string text(const SetTableStorage& o) {
  std::string out = "set storage on " + name(o.table) + ":";
  for (const auto& key : o.reset) out += " -" + key;
  for (const auto& item : o.set) out += " " + item;
  return out;
}
inline std::string text(const CreateObject& o) { return "create " + object_target(o.object); }
inline std::string text(const DropObject& o) { return "drop " + object_target(o.object); }
inline std::string text(const SetObjectComment& o) {
  return "set comment on " + object_target(o.object) + ": " + optional_text(o.object.comment);
}
inline std::string text(const SetComment& o) {
  const char* kinds[] = {"schema", "type", "sequence", "index", "constraint"};
  std::string target = o.target == SetComment::Target::kSchema ? o.name.name : name(o.name);
  if (!o.table.empty()) target += " on " + o.table;
  return std::string("set comment on ") + kinds[static_cast<int>(o.target)] + " " + target + ": " +
         optional_text(o.comment);
}
inline std::string text(const Execute& o) { return "execute: " + o.sql; }

}  // namespace describe_detail

/// One line saying what an op does: "create table public.user".
inline std::string op_line(const Op& op) {
  return std::visit([](const auto& o) { return describe_detail::text(o); }, op);
}

inline Column col(std::string name, std::string type, bool nullable = true,
                  std::optional<std::string> default_value = std::nullopt) {
  Column c;
  c.name = std::move(name);
  c.type = std::move(type);
  c.nullable = nullable;
  c.default_value = std::move(default_value);
  return c;
}

inline Constraint pk(std::string name, std::vector<std::string> columns) {
  Constraint c;
  c.kind = Constraint::Kind::kPrimaryKey;
  c.name = std::move(name);
  c.columns = std::move(columns);
  return c;
}

inline Constraint unique(std::string name, std::vector<std::string> columns) {
  Constraint c = pk(std::move(name), std::move(columns));
  c.kind = Constraint::Kind::kUnique;
  return c;
}

inline Constraint check(std::string name, std::string expression) {
  Constraint c;
  c.kind = Constraint::Kind::kCheck;
  c.name = std::move(name);
  c.expression = expression;
  c.definition = "CHECK (" + expression + ")";
  return c;
}

inline Constraint fk(std::string name, std::vector<std::string> columns, std::string target,
                     std::vector<std::string> referenced, std::string on_delete = "NO ACTION") {
  Constraint c;
  c.kind = Constraint::Kind::kForeignKey;
  c.name = std::move(name);
  c.columns = std::move(columns);
  c.references = {"public", std::move(target)};
  c.referenced_columns = std::move(referenced);
  c.on_delete = std::move(on_delete);
  return c;
}

inline Index index(std::string name, std::vector<std::string> keys, bool is_unique = false) {
  Index i;
  i.name = std::move(name);
  i.keys = std::move(keys);
  i.unique = is_unique;
  return i;
}

/// A catalog object of schema public; `signature` for functions (arguments) or triggers (table).
inline CatalogObject object(CatalogObject::Kind kind, std::string name, std::string definition,
                            std::vector<std::string> depends_on = {}, std::string signature = "") {
  CatalogObject o;
  o.kind = kind;
  o.name = {"public", std::move(name)};
  o.signature = std::move(signature);
  o.definition = std::move(definition);
  o.depends_on = std::move(depends_on);
  std::sort(o.depends_on.begin(), o.depends_on.end());
  return o;
}

inline Table table(std::string name, std::vector<Column> columns,
                   std::vector<Constraint> constraints = {}, std::vector<Index> indexes = {}) {
  return Table{{"public", std::move(name)},
               std::move(columns),
               std::move(constraints),
               std::move(indexes),
               std::nullopt};
}

inline Sequence serial_sequence(const std::string& table_name, const std::string& column,
                                const std::string& type = "integer") {
  Sequence s;
  s.name = {"public", table_name + "_" + column + "_seq"};
  s.data_type = type;
  s.max_value = type == "integer" ? 2147483647 : 9223372036854775807;
  s.owned_by_table = table_name;
  s.owned_by_column = column;
  return s;
}

inline std::string nextval(const std::string& sequence) {
  return "nextval('public." + sequence + "'::regclass)";
}

/// The ops of a diff, one describe_op line each.
inline std::vector<std::string> op_lines(const DiffResult& result) {
  std::vector<std::string> out;
  for (const Op& op : result.ops) out.push_back(op_line(op));
  return out;
}

/// `kind object` of each hazard.
inline std::vector<std::string> hazard_lines(const DiffResult& result) {
  std::vector<std::string> out;
  for (const Hazard& h : result.hazards) out.push_back(h.kind + " " + h.object);
  return out;
}

/// A schema shaped like the scenario's chain head: an extension, enum types, a serial id,
/// UUID keys, cascading foreign keys, a check, a unique constraint, indexes, comments.
inline Schema seed_like_schema() {
  Schema s;
  s.extensions = {{"uuid-ossp", "public", "1.1"}};
  s.enums = {{{"public", "issuestatus"}, {"pending", "running", "done"}},
             {{"public", "nodestatus"}, {"online", "offline"}}};
  s.sequences = {serial_sequence("prompt", "id")};
  Table user = table(
      "user",
      {col("id", "uuid", false, "public.uuid_generate_v4()"),
       col("email", "character varying(255)", false), col("is_active", "boolean", false, "true"),
       col("created_at", "timestamp with time zone", false, "now()")},
      {pk("user_pkey", {"id"})}, {index("ix_user_email", {"email"}, true)});
  user.comment = "people who log in";
  user.columns[1].comment = "login name";
  Table node = table(
      "node",
      {col("id", "uuid", false), col("name", "character varying(255)", false),
       col("status", "public.nodestatus", false, "'online'::public.nodestatus"),
       col("owner_id", "uuid", false)},
      {fk("node_owner_id_fkey", {"owner_id"}, "user", {"id"}, "CASCADE"), pk("node_pkey", {"id"})},
      {index("ix_node_owner_id", {"owner_id"})});
  Table issue =
      table("issue",
            {col("id", "uuid", false), col("title", "character varying(255)", false),
             col("status", "public.issuestatus", false), col("priority", "integer", false, "0"),
             col("assigned_node_id", "uuid")},
            {fk("issue_assigned_node_id_fkey", {"assigned_node_id"}, "node", {"id"}, "SET NULL"),
             pk("issue_pkey", {"id"}), check("issue_priority_check", "(priority >= 0)"),
             unique("uq_issue_title", {"title"})});
  Table prompt = table("prompt",
                       {col("id", "integer", false, nextval("prompt_id_seq")),
                        col("body", "text", false), col("price", "numeric(10,2)")},
                       {pk("prompt_pkey", {"id"})});
  s.tables = {issue, node, prompt, user};
  return s;
}

/// The seed-like schema after a drift like the scenario's: a new enum type and tables (one
/// linking two others), new columns (one NOT NULL without default, with a foreign key), a
/// widened varchar, a dropped table.
inline Schema seed_like_drift_schema() {
  Schema drift = seed_like_schema();
  drift.enums.push_back({{"public", "credentialcategory"}, {"github_copilot", "other"}});
  drift.tables.push_back(
      table("credential",
            {col("id", "uuid", false), col("category", "public.credentialcategory", false),
             col("is_disabled", "boolean", false, "false")},
            {pk("credential_pkey", {"id"})}));
  drift.tables.push_back(table(
      "credentialnodelink", {col("credential_id", "uuid", false), col("node_id", "uuid", false)},
      {fk("credentialnodelink_credential_id_fkey", {"credential_id"}, "credential", {"id"},
          "CASCADE"),
       fk("credentialnodelink_node_id_fkey", {"node_id"}, "node", {"id"}, "CASCADE"),
       pk("credentialnodelink_pkey", {"credential_id", "node_id"})}));
  Table* prompt = drift.table({"public", "prompt"});
  prompt->columns.pop_back();  // price
  prompt->columns.push_back(col("owner_id", "uuid", false));
  prompt->columns.push_back(col("created_at", "timestamp with time zone", false, "now()"));
  prompt->constraints.push_back(
      fk("prompt_owner_id_fkey", {"owner_id"}, "user", {"id"}, "CASCADE"));
  prompt->indexes.push_back(index("ix_prompt_owner_id", {"owner_id"}));
  drift.table({"public", "node"})->columns[1].type = "character varying(1023)";
  std::erase_if(drift.tables, [](const Table& t) { return t.name.name == "issue"; });
  return drift;
}

/// Objects whose definitions need every kind of escaping in a triple-quoted string: a `"""`,
/// a closing `"`, backslashes, a `:name` that sqlalchemy.text() would bind; a partitioned
/// table with a partition, row level security, a comment.
inline Schema objects_schema() {
  using Kind = CatalogObject::Kind;
  Schema s;
  Table event = table("event", {col("id", "integer"), col("at", "date")});
  event.partition_by = "RANGE (at)";
  event.rls_enabled = true;
  event.rls_forced = true;
  Table part = table("event_2024", {});
  part.partition_of = QualifiedName{"public", "event"};
  part.partition_bound = "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')";
  s.tables = {event, part};
  CatalogObject quote =
      object(Kind::kFunction, "quote", R"(CREATE OR REPLACE FUNCTION public.quote(t text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT '"""' || t || E'\\' || ':name' || '"' $function$)",
             {}, "t text");
  quote.comment = "wraps: it's \"quoted\"";
  s.objects = {
      quote,
      object(Kind::kView, "quoted_events", R"(CREATE VIEW public.quoted_events AS
 SELECT public.quote(event.id::text) AS q
   FROM public.event)",
             {"FUNCTION public.quote(t text)", "TABLE public.event"}),
      object(
          Kind::kPolicy, "mine",
          R"(CREATE POLICY mine ON public.event AS PERMISSIVE FOR ALL TO PUBLIC USING ((id > 0)))",
          {"TABLE public.event"}, "public.event"),
  };
  std::sort(s.objects.begin(), s.objects.end(),
            [](auto& x, auto& y) { return object_key(x) < object_key(y); });
  return s;
}

}  // namespace asq::test
