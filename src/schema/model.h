#pragma once

// One value-typed model of a PostgreSQL database. Every source of a schema (the live database,
// a replayed chain, a snapshot file) yields this model, so any two can be compared with ==.
// Types, defaults and expressions are kept in PostgreSQL's canonical spelling (what
// format_type / pg_get_expr / pg_get_indexdef print); src/sql/type_names.h maps other spellings
// onto it.

#include <compare>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "schema/catalog_object.h"
#include "sql/qualified_name.h"

namespace asq {

/// Every option of a sequence, as pg_sequence holds them; the defaults are CREATE SEQUENCE's
/// for a bigint sequence. Shared by Sequence and by the identity sequence of a column
/// (identity_sequence_values, schema/identity.h).
struct SequenceOptions {
  std::int64_t start = 1;
  std::int64_t increment = 1;
  std::int64_t min_value = 1;
  std::int64_t max_value = 9223372036854775807;
  std::int64_t cache = 1;
  bool cycle = false;

  bool operator==(const SequenceOptions&) const = default;
};

/// The sequence options of an identity column, sparse: each is set only when it differs from
/// what PostgreSQL chooses by default for the column's type, so that a plain identity is the
/// same value whichever way it was made. These are SequenceOptions less those defaults:
/// identity_sequence_values (schema/identity.h) fills in the defaults for a type,
/// identity_options takes them out again.
struct IdentityOptions {
  std::optional<std::int64_t> start;
  std::optional<std::int64_t> increment;
  std::optional<std::int64_t> min_value;
  std::optional<std::int64_t> max_value;
  std::optional<std::int64_t> cache;
  bool cycle = false;
  /// The identity sequence's name when it is not "<table>_<column>_seq" (a renamed table keeps
  /// its sequence's old name).
  std::string sequence_name;

  bool operator==(const IdentityOptions&) const = default;
};

struct Column {
  std::string name;
  /// Canonical type: "integer", "character varying(255)", "timestamp with time zone",
  /// "uuid", "public.credentialcategory", "text[]".
  std::string type;
  bool nullable = true;
  /// Canonical default expression ("now()", "'USD'::character varying", "false",
  /// "nextval('user_id_seq'::regclass)").
  std::optional<std::string> default_value;
  /// "" (none), "always" or "by default".
  std::string identity;
  /// Options of the identity's sequence; all unset without identity.
  IdentityOptions identity_options;
  /// Expression of a stored generated column.
  std::optional<std::string> generated;
  /// Collation when not the type's default.
  std::string collation;
  std::optional<std::string> comment;

  bool operator==(const Column&) const = default;
};

struct Constraint {
  enum class Kind { kPrimaryKey, kForeignKey, kUnique, kCheck, kExclusion };
  Kind kind = Kind::kPrimaryKey;
  std::string name;
  std::vector<std::string> columns;
  /// Foreign keys: the referenced table and columns, and actions as PostgreSQL words
  /// ("NO ACTION", "CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT").
  QualifiedName references;
  std::vector<std::string> referenced_columns;
  std::string on_delete = "NO ACTION";
  std::string on_update = "NO ACTION";
  bool deferrable = false;
  bool initially_deferred = false;
  /// Checks: the expression inside CHECK (...), canonical.
  std::string expression;
  /// The whole definition as pg_get_constraintdef prints it (the comparison key for checks and
  /// exclusion constraints).
  std::string definition;
  /// COMMENT ON CONSTRAINT ... ON the table.
  std::optional<std::string> comment;

  bool operator==(const Constraint&) const = default;
};

struct Index {
  std::string name;
  bool unique = false;
  std::string method = "btree";
  /// Each key as PostgreSQL prints it: a column name or an expression, with opclass/order.
  std::vector<std::string> keys;
  std::vector<std::string> include;
  std::optional<std::string> where;
  bool nulls_not_distinct = false;
  std::optional<std::string> comment;
  /// Storage parameters (WITH (...)) as pg_class.reloptions holds them: "fillfactor=50", "m=16",
  /// in the order given.
  std::vector<std::string> storage;

  bool operator==(const Index&) const = default;
};

struct Table {
  QualifiedName name;
  std::vector<Column> columns;          // in column order
  std::vector<Constraint> constraints;  // sorted by name
  std::vector<Index> indexes;           // sorted by name; without those backing constraints
  std::optional<std::string> comment;
  /// Row level security: ENABLE / FORCE ROW LEVEL SECURITY.
  bool rls_enabled = false;
  bool rls_forced = false;
  /// A partitioned table: its key as pg_get_partkeydef prints it ("RANGE (created_at)").
  std::string partition_by;
  /// A partition: its parent and bound (pg_get_expr of relpartbound: "FOR VALUES FROM ...",
  /// "DEFAULT"). A partition's columns, constraints and indexes are its own (those it inherits
  /// from the parent are left out: the parent brings them).
  std::optional<QualifiedName> partition_of;
  std::string partition_bound;
  /// Parents under plain inheritance (INHERITS), in inheritance order; the columns and checks
  /// it inherits are left out as for partitions.
  std::vector<QualifiedName> inherits;
  /// Storage parameters (WITH (...), ALTER TABLE ... SET (...)) as pg_class.reloptions holds
  /// them, "fillfactor=70", then those of its TOAST table as "toast.autovacuum_enabled=false".
  std::vector<std::string> storage;

  bool operator==(const Table&) const = default;
  const Column* column(const std::string& column_name) const;
  Column* column(const std::string& column_name);
};

struct EnumType {
  QualifiedName name;
  std::vector<std::string> values;  // in sort order of the type
  std::optional<std::string> comment;
  bool operator==(const EnumType&) const = default;
};

/// A sequence: its options (start, increment, bounds, cache, cycle) with its name, type and owner.
struct Sequence : SequenceOptions {
  QualifiedName name;
  std::string data_type = "bigint";
  /// `table.column` that owns it (serial columns), empty when none.
  std::string owned_by_table;
  std::string owned_by_column;
  std::optional<std::string> comment;
  bool operator==(const Sequence&) const = default;
};

struct Extension {
  std::string name;
  std::string schema = "public";
  std::string version;
  bool operator==(const Extension&) const = default;
};

/// One privilege of one role on an object, as GRANT gives it.
struct Grant {
  /// A role name, "PUBLIC", or "CURRENT_USER": the role the tool connects as, which stands for
  /// whichever role runs the migrations.
  std::string grantee;
  /// The privilege keyword: SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER,
  /// USAGE, CREATE, EXECUTE.
  std::string privilege;
  /// WITH GRANT OPTION.
  bool grantable = false;

  auto operator<=>(const Grant&) const = default;
};

/// Owner and access privileges of one object (only with --privileges; see
/// schema/privileges.h for the canonical form and what an object without an entry has).
struct Privileges {
  /// The object as ALTER ... OWNER TO names it (object_target's spelling): "TABLE public.t",
  /// "VIEW public.v", "SEQUENCE public.s", "FUNCTION public.f(integer)", "TYPE public.e",
  /// "DOMAIN public.d", "SCHEMA public", ...
  std::string target;
  /// Column privileges: the column of the table `target` (no owner then).
  std::string column;
  /// The owning role ("CURRENT_USER" as for grantees); empty for column privileges.
  std::string owner;
  /// A sequence owned by a column: its owner is its table's (ALTER TABLE ... OWNER TO moves it).
  bool owner_follows_table = false;
  /// Every privilege the object has (the owner's own included), sorted.
  std::vector<Grant> grants;
  /// The grantees in the order the object's ACL lists them. GRANT appends a new grantee at the
  /// end, so granting in this order gives the same ACL, and pg_dump the same text. Not part of
  /// the comparison (the privileges are the same in any order) nor of snapshots.
  std::vector<std::string> grantee_order;

  bool operator==(const Privileges& other) const {
    return target == other.target && column == other.column && owner == other.owner &&
           owner_follows_table == other.owner_follows_table && grants == other.grants;
  }
};

/// A whole database (the parts of it we manage), every list sorted by name.
struct Schema {
  std::vector<std::string> schemas;  // besides public
  std::vector<Extension> extensions;
  std::vector<EnumType> enums;
  std::vector<Sequence> sequences;
  std::vector<Table> tables;
  /// Views, functions, triggers, policies, domains, ... sorted by object_key.
  std::vector<CatalogObject> objects;
  /// COMMENT ON SCHEMA by schema name (last, so that the aggregate initializations written
  /// before it stay valid). Public is listed only when its comment is not the one a new
  /// database gives it (kPublicSchemaComment); "" when it has none (COMMENT ... IS '' removes
  /// a comment, so "" is never a comment of its own).
  std::map<std::string, std::string> schema_comments;
  /// Owners and privileges that differ from what a migration gets by default, sorted by target
  /// and column (empty unless --privileges).
  std::vector<Privileges> privileges;

  bool operator==(const Schema&) const = default;
  const Table* table(const QualifiedName& name) const;
  Table* table(const QualifiedName& name);
};

/// The name of a storage parameter "name=value" ("toast.autovacuum_enabled" for a TOAST one).
std::string storage_key(const std::string& item);

/// `storage` after ALTER TABLE ... RESET (reset) and SET (set), as PostgreSQL keeps reloptions:
/// the reset ones removed, each set one removed and appended in the order given; the table's
/// own first, its TOAST table's ("toast.") after, each in their order.
void apply_storage(std::vector<std::string>& storage, const std::vector<std::string>& reset,
                   const std::vector<std::string>& set);

/// The comment PostgreSQL 15 gives the public schema of a new database.
inline constexpr const char* kPublicSchemaComment = "standard public schema";

/// The comment schema `name` has in `schema` (public's default when the model lists none).
std::optional<std::string> schema_comment(const Schema& schema, const std::string& name);

/// Sets the comment of schema `name` (nullopt or "": none) the way the model keeps it.
void set_schema_comment(Schema& schema, const std::string& name,
                        const std::optional<std::string>& comment);

}  // namespace asq
