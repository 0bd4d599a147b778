#pragma once

// The values the revision-file interpreter computes with: Python's plain values, names of the
// SQLAlchemy/Alembic world, and the SQLAlchemy objects a revision file builds (columns,
// constraints, types, SQL text). Internal to src/interpret/.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "common/source_error.h"
#include "interpret/sqlalchemy_types.h"
#include "python/ast.h"
#include "schema/model.h"

namespace asq::interp {

struct Value;

struct NoneValue {};
/// A module or a name inside one, by full dotted path as imported (`sqlalchemy.Column`).
struct Symbol {
  std::string path;
};
struct ListValue {
  std::vector<Value> items;
  bool is_tuple = false;
};
struct DictValue {
  std::vector<Value> keys;
  std::vector<Value> values;
};
/// A function defined in the revision file.
struct FunctionValue {
  const py::FunctionDef* def = nullptr;
  /// The call frame of the function it was defined in (a closure reads its names there, live,
  /// while that call runs); 0 at module level.
  std::uint64_t defined_in = 0;
  /// That frame's names as they were at the `def`, for a closure called after its function
  /// returned (a factory's); shared by the closure's calls, as Python's cells are.
  std::shared_ptr<std::map<std::string, Value>> enclosing;
};
/// SQL given as text: sa.text(), sa.literal_column(), a rendered sa.func call, sa.true().
struct SqlText {
  std::string sql;
  /// `.bindparams(...)` gave values for its `:name` parameters.
  bool bound_parameters = false;
};
struct TypeValue {
  SqlType type;
};
/// A server default as written: a plain string, or SQL.
struct DefaultSpec {
  bool is_sql = false;
  std::string text;
  py::Position at;
};
/// sa.ForeignKey('table.column', ...) inside a Column.
struct ForeignKeySpec {
  std::string target;
  Constraint constraint;  // name, actions, deferrability
  /// use_alter=True: SQLAlchemy leaves it out of CREATE TABLE on PostgreSQL.
  bool use_alter = false;
  py::Position at;
};
/// sa.Identity(...).
struct IdentitySpec {
  bool always = false;
  /// The sequence options as given (not yet judged against the column's type).
  IdentityOptions options;
};
/// sa.Computed('expr').
struct ComputedSpec {
  std::string sql;
};
/// sa.CheckConstraint, sa.UniqueConstraint, sa.PrimaryKeyConstraint, sa.ForeignKeyConstraint.
struct ConstraintSpec {
  Constraint constraint;
  /// Foreign keys: the referenced columns as written (`user.id`, `s.t.id`).
  std::vector<std::string> targets;
  /// Checks: the SQL as written.
  std::string sql;
  /// Foreign keys: use_alter=True (left out of CREATE TABLE on PostgreSQL).
  bool use_alter = false;
  py::Position at;
};
/// sa.Column(...).
struct ColumnSpec {
  std::string name;
  std::optional<SqlType> type;
  std::optional<bool> nullable;
  bool primary_key = false;
  bool unique = false;
  bool index = false;
  std::optional<DefaultSpec> server_default;
  bool client_default = false;
  /// "auto", "true", "false" or "ignore_fk".
  std::string autoincrement = "auto";
  std::optional<std::string> comment;
  std::vector<ForeignKeySpec> foreign_keys;
  std::vector<ConstraintSpec> checks;
  std::optional<IdentitySpec> identity;
  std::optional<ComputedSpec> computed;
  py::Position at;
};
/// One key of an index: a column name or SQL.
struct IndexKeySpec {
  std::string text;
  bool is_expression = false;
};
/// sa.Index(...) or the arguments of op.create_index.
struct IndexSpec {
  std::optional<std::string> name;
  std::vector<IndexKeySpec> keys;
  bool unique = false;
  std::string method = "btree";
  std::vector<std::string> include;
  std::optional<std::string> where;
  std::vector<std::pair<std::string, std::string>> opclasses;
  bool nulls_not_distinct = false;
  std::vector<std::string> storage;  // postgresql_with, as reloptions keeps it: "m=16"
  py::Position at;
};
/// sa.table('name', ...): a lightweight table for data statements.
struct TableClause {
  std::string name;
};
/// Something the interpreter does not compute (a data statement, a query result, a call into
/// another library): it may be passed along, but not used where the schema depends on it.
struct Opaque {
  std::string description;
  /// A SQLAlchemy data statement (sa.table(...).update(), sa.select(...)): op.execute() of it
  /// changes rows, not the schema.
  bool statement = false;
  /// Read from the database when the migration runs (a query's result, a row, arithmetic on
  /// them): statements that only use it move data; a schema change that depends on it cannot be
  /// modelled.
  bool runtime = false;
  /// The result of calling a name outside SQLAlchemy and Alembic: its dotted name
  /// (`app.db.types.Money`), so that using it as a type can say how to map it.
  std::string callee;
};
/// An object of a migration plugin, its constructor's arguments bound by name:
/// alembic_utils' entities (PGFunction, PGView, ...) and alembic_postgresql_enum's
/// TableReference. Flags are kept as "True"/"False", enum members by name ("ARRAY").
struct PluginObject {
  std::string kind;  // the class name
  std::map<std::string, std::string> fields;
  py::Position at;
};
/// Objects Alembic hands out.
struct HostObject {
  enum class Kind {
    kBind,
    kMigrationContext,
    kDialect,
    kAutocommitBlock,
    kBatchBlock,
    kBatchOps,
    kInspector
  };
  Kind kind = Kind::kBind;
  QualifiedName table;  // batch blocks
  py::Position at;
  /// A bind reached as `bind.engine`: it answers as the connection does, and has a `name`.
  bool engine = false;
};
/// A class the revision defines on the standard library's enum.Enum (or IntEnum, StrEnum, with
/// int or str mixed in): its members in definition order.
struct EnumClass {
  std::string name;
  std::vector<std::string> names;
  std::vector<Value> values;
  /// Members print as `Class.member` (str(), f-strings) in every Python: a plain Enum whose
  /// class defines no __str__ or __format__. Mixed-in int or str, IntEnum and StrEnum print
  /// differently from one Python version to the next.
  bool prints_as_name = true;
  /// int or str mixed in (IntEnum, StrEnum too): a member compares equal to its value.
  bool mixed = false;
};
/// One member of an EnumClass: `Class.member`.
struct EnumMember {
  std::string class_name;
  std::string name;
  std::vector<Value> value;  // its one value (a vector: Value is incomplete here)
  bool prints_as_name = true;
  bool mixed = false;
};
/// A module-level name whose value could not be computed: using it raises `error`.
struct Unevaluated {
  SourceError error;
};

using ValueNode =
    std::variant<NoneValue, bool, std::int64_t, double, std::string, ListValue, DictValue, Symbol,
                 FunctionValue, SqlText, TypeValue, ForeignKeySpec, IdentitySpec, ComputedSpec,
                 ConstraintSpec, ColumnSpec, IndexSpec, TableClause, Opaque, PluginObject,
                 HostObject, EnumClass, EnumMember, Unevaluated>;

struct Value {
  ValueNode node;

  Value() = default;
  template <typename T>
  requires(!std::is_same_v<std::decay_t<T>, Value>) Value(T value)
      : node(std::move(value)) {}  // NOLINT(google-explicit-constructor)

  template <typename T>
  const T* get() const {
    return std::get_if<T>(&node);
  }
  template <typename T>
  T* get() {
    return std::get_if<T>(&node);
  }
  bool is_none() const { return std::holds_alternative<NoneValue>(node); }
};

/// Whether `value` was read from the database when the migration runs (Opaque::runtime).
inline bool is_runtime(const Value& value) {
  auto* opaque = value.get<Opaque>();
  return opaque && opaque->runtime;
}

/// "a string", "a list", "sa.Column(...)": what a value is, for error messages.
std::string describe(const Value& value);

/// Member `index` of an enum class.
EnumMember member_of(const EnumClass& enum_class, size_t index);

/// For a name of the application the reader cannot see (a dotted Symbol: a model's
/// __tablename__, a constant): "; if the application defines it, give its value under [values]
/// in squash.toml", with `example` also `: "<name>" = <example>`; "" for any other value.
std::string values_hint(const Value& value, std::string_view example = "");

/// Python's str() of a plain value; nullopt for values that have no known text.
std::optional<std::string> to_str(const Value& value);
/// Python's repr() of a plain value; nullopt as for to_str.
std::optional<std::string> to_repr(const Value& value);

/// Python's == on plain values; nullopt when it cannot be decided (opaque values).
std::optional<bool> equal(const Value& a, const Value& b);

/// One evaluated argument of a call and where it was written.
struct Argument {
  Value value;
  py::Position at;
};

/// The evaluated arguments of a call (`*x` and `**x` already expanded).
struct Arguments {
  std::vector<Argument> positional;
  std::vector<std::pair<std::string, Argument>> keywords;
};

}  // namespace asq::interp
