#include "interpret/recorder.h"

#include "interpret/table_keyed.h"

namespace asq::interp {
namespace {

template <typename>
inline constexpr bool kAlwaysFalse = false;
template <typename T, typename... Kinds>
inline constexpr bool is_one_of = (std::is_same_v<T, Kinds> || ...);

}  // namespace

void Recorder::emit(Op op, const py::Position& at, bool batch) {
  if (!data_dependent_.empty()) {
    auto* execute = std::get_if<Execute>(&op);
    if (execute && execute->data_only) {
      note(at, "a data statement in " + data_dependent_.back().why + " (data, not schema)");
    } else {
      unmodelled(at, "a schema change in " + data_dependent_.back().why +
                         (data_dependent_.back().cause == DataCause::kDatabase
                              ? " depends on values read from the database"
                          : data_dependent_.back().cause == DataCause::kUnknownValues
                              ? " depends on values the reader does not know"
                              : " may be skipped by an exception the block catches"));
    }
    return;
  }
  learn(op);
  LocatedOp located{std::move(op), context_.at(at), autocommit_};
  if (batch && batch_depth_ > 0) {
    batch_.push_back(std::move(located));
  } else {
    ops_.push_back(std::move(located));
  }
}

void Recorder::note(const py::Position& at, std::string text) {
  notes_.emplace_back(context_.at(at), std::move(text));
}

void Recorder::note(const SourceLocation& where, std::string text) {
  notes_.emplace_back(where, std::move(text));
}

void Recorder::unmodelled(const py::Position& at, std::string text) {
  tables_.lose_track();  // what was not modelled may have made or dropped a table
  context_.warn(at, std::move(text));
}

std::string Recorder::name_of(std::string_view kind, const std::string& given,
                              const NameParts& parts, const py::Position& at) {
  ConventionalName named =
      conventional_name(options_.naming, kind, given, conv_names_.count(given) > 0, parts);
  if (!named.problem.empty()) {
    unmodelled(at, named.problem + "; the name is taken as " +
                       (named.name.empty() ? "PostgreSQL's" : "'" + named.name + "'"));
  }
  if (kind == "ix" && named.name.empty()) {
    if (named.problem.empty()) {
      unmodelled(at,
                 "an index without a name and a naming convention without 'ix': SQLAlchemy "
                 "cannot name it");
    }
    named = conventional_name(NamingConvention::sqlalchemy_default(), kind, given, false, parts);
  }
  return named.name;
}

void Recorder::discard_batch() {
  batch_depth_ = 0;
  batch_.clear();
}

void Recorder::end_batch() {
  if (--batch_depth_ > 0) return;
  for (auto& op : batch_) {
    op.autocommit = autocommit_;
    ops_.push_back(std::move(op));
  }
  batch_.clear();
}

std::string Recorder::column_type(const QualifiedName& table, const std::string& column) const {
  auto it = types_.find({table, column});
  if (it != types_.end()) return it->second.value_or("");
  if (dropped_tables_.count(table) || !options_.column_type) return "";
  return options_.column_type(table, column);
}

std::optional<Constraint::Kind> Recorder::constraint_kind(const QualifiedName& table,
                                                          const std::string& name) const {
  auto it = kinds_.find({table, name});
  if (it != kinds_.end()) return it->second;
  if (dropped_tables_.count(table) || !options_.constraint_kind) return std::nullopt;
  return options_.constraint_kind(table, name);
}

std::optional<std::vector<std::string>> Recorder::table_names(const std::string& schema) const {
  if (!options_.table_names) return std::nullopt;
  std::optional<std::vector<std::string>> before = options_.table_names(schema);
  if (!before) return std::nullopt;
  return tables_.names(schema, *before);
}

void Recorder::learn(const Op& op) {
  tables_.learn(op);
  auto forget = [&](const QualifiedName& table) {
    forget_table(types_, table);
    forget_table(kinds_, table);
  };
  std::visit(
      [&](const auto& o) {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<T, CreateTable>) {
          forget(o.table.name);
          dropped_tables_.erase(o.table.name);
          for (const auto& c : o.table.columns) types_[{o.table.name, c.name}] = c.type;
          for (const auto& c : o.table.constraints) {
            if (!c.name.empty()) kinds_[{o.table.name, c.name}] = c.kind;
          }
        } else if constexpr (std::is_same_v<T, DropTable>) {
          forget(o.name);
          dropped_tables_.insert(o.name);
        } else if constexpr (std::is_same_v<T, RenameTable>) {
          QualifiedName renamed{o.name.schema, o.new_name};
          forget_table(kinds_, renamed);
          rename_table(types_, o.name, renamed);
          dropped_tables_.insert(o.name);
          dropped_tables_.erase(renamed);
        } else if constexpr (std::is_same_v<T, AddColumn>) {
          types_[{o.table, o.column.name}] = o.column.type;
        } else if constexpr (std::is_same_v<T, DropColumn>) {
          types_[{o.table, o.column}] = std::nullopt;
        } else if constexpr (std::is_same_v<T, AlterColumn>) {
          std::string type = o.type ? *o.type : column_type(o.table, o.column);
          if (o.new_name) {
            types_[{o.table, o.column}] = std::nullopt;
            types_[{o.table, *o.new_name}] = type.empty() ? std::nullopt : std::optional(type);
          } else if (o.type) {
            types_[{o.table, o.column}] = *o.type;
          }
        } else if constexpr (std::is_same_v<T, AddConstraint>) {
          if (!o.constraint.name.empty()) kinds_[{o.table, o.constraint.name}] = o.constraint.kind;
        } else if constexpr (std::is_same_v<T, DropConstraint>) {
          kinds_[{o.table, o.name}] = std::nullopt;
        } else if constexpr (is_one_of<T, CreateSchema, DropSchema, CreateExtension, DropExtension,
                                       CreateEnum, DropEnum, AddEnumValue, CreateSequence,
                                       DropSequence, SetSequenceOwner, SetTableComment, CreateIndex,
                                       DropIndex, SetRowSecurity, SetTableStorage, CreateObject,
                                       DropObject, SetObjectComment, SetComment, Execute>) {
          // Neither a column type nor a constraint kind changes.
        } else {
          static_assert(kAlwaysFalse<T>, "Recorder::learn misses an op kind");
        }
      },
      op);
}

std::optional<std::optional<std::string>> Recorder::column_default(
    const QualifiedName& table, const std::string& column) const {
  if (!options_.column_default) return std::nullopt;
  return options_.column_default(table, column);
}

}  // namespace asq::interp
