#include "cli/op_text.h"

#include "common/text.h"
#include "ops/exhaustive.h"
#include "schema/identity.h"

namespace asq {
namespace {

std::string column_text(const Column& c) {
  std::string text = c.name + " " + c.type + (c.nullable ? "" : " NOT NULL");
  if (c.default_value) text += " DEFAULT " + *c.default_value;
  if (!c.identity.empty()) {
    text += " GENERATED " + c.identity + " AS IDENTITY" + identity_options_clause({}, c);
  }
  return text;
}

std::string constraint_text(const Constraint& c) {
  std::string name = c.name.empty() ? "(unnamed)" : c.name;
  if (!c.definition.empty()) return name + " " + c.definition;
  switch (c.kind) {
    case Constraint::Kind::kPrimaryKey:
      return name + " PRIMARY KEY (" + join(c.columns) + ")";
    case Constraint::Kind::kUnique:
      return name + " UNIQUE (" + join(c.columns) + ")";
    case Constraint::Kind::kCheck:
      return name + " CHECK (" + c.expression + ")";
    case Constraint::Kind::kExclusion:
      return name + " EXCLUDE";
    case Constraint::Kind::kForeignKey:
      return name + " FOREIGN KEY (" + join(c.columns) + ") REFERENCES " + c.references.display() +
             " (" + join(c.referenced_columns) + ")" +
             (c.on_delete != "NO ACTION" ? " ON DELETE " + c.on_delete : "");
  }
  return name;
}

/// `VIEW public.v`, `FUNCTION public.f(integer)`, `TRIGGER tg ON public.t`.
std::string object_text(const CatalogObject& object) { return object_target(object); }

std::string in(const QualifiedName& table, const std::string& name) {
  return table.display() + "." + name;
}

/// `schema billing`, `enum public.mood`, `index public.t.t_idx`, `constraint public.t.t_pkey`.
std::string comment_target_text(const SetComment& o) {
  switch (o.target) {
    case SetComment::Target::kSchema:
      return "schema " + o.name.name;
    case SetComment::Target::kEnum:
      return "enum " + o.name.display();
    case SetComment::Target::kSequence:
      return "sequence " + o.name.display();
    case SetComment::Target::kIndex:
      return "index " + in({o.name.schema, o.table}, o.name.name);
    case SetComment::Target::kConstraint:
      return "constraint " + in({o.name.schema, o.table}, o.name.name);
  }
  return "";
}

}  // namespace

std::string describe_op(const Op& op) {
  return std::visit(
      [](const auto& o) -> std::string {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<T, CreateSchema>)
          return "+ schema " + o.name;
        else if constexpr (std::is_same_v<T, DropSchema>)
          return "- schema " + o.name;
        else if constexpr (std::is_same_v<T, CreateExtension>)
          return "+ extension " + o.extension.name;
        else if constexpr (std::is_same_v<T, DropExtension>)
          return "- extension " + o.name;
        else if constexpr (std::is_same_v<T, CreateEnum>)
          return "+ enum " + o.type.name.display() + " (" + join(o.type.values) + ")";
        else if constexpr (std::is_same_v<T, DropEnum>)
          return "- enum " + o.name.display();
        else if constexpr (std::is_same_v<T, AddEnumValue>)
          return "~ enum " + o.name.display() + ": + value '" + o.value + "'";
        else if constexpr (std::is_same_v<T, CreateSequence>)
          return "+ sequence " + o.sequence.name.display() + " AS " + o.sequence.data_type;
        else if constexpr (std::is_same_v<T, DropSequence>)
          return "- sequence " + o.name.display();
        else if constexpr (std::is_same_v<T, SetSequenceOwner>)
          return "~ sequence " + o.name.display() + ": owned by " +
                 (o.table.empty() ? "none" : o.table + "." + o.column);
        else if constexpr (std::is_same_v<T, CreateTable>)
          return "+ table " + o.table.name.display() + " (" +
                 std::to_string(o.table.columns.size()) + " columns)";
        else if constexpr (std::is_same_v<T, DropTable>)
          return "- table " + o.name.display();
        else if constexpr (std::is_same_v<T, RenameTable>)
          return "~ table " + o.name.display() + ": renamed to " + o.new_name;
        else if constexpr (std::is_same_v<T, SetTableComment>)
          return "~ table " + o.table.display() + ": comment " +
                 (o.comment ? "'" + *o.comment + "'" : "removed");
        else if constexpr (std::is_same_v<T, AddColumn>)
          return "+ column " + in(o.table, column_text(o.column));
        else if constexpr (std::is_same_v<T, DropColumn>)
          return "- column " + in(o.table, o.column);
        else if constexpr (std::is_same_v<T, AlterColumn>) {
          std::string text = "~ column " + in(o.table, o.column) + ":";
          if (o.new_name) text += " renamed to " + *o.new_name + ";";
          if (o.type) text += " type " + o.existing.type + " -> " + *o.type + ";";
          if (o.nullable) text += *o.nullable ? " NULL allowed;" : " NOT NULL;";
          if (o.default_value)
            text +=
                " default " + (*o.default_value ? **o.default_value : std::string("removed")) + ";";
          if (o.comment) text += " comment changed;";
          if (o.identity) {
            text += o.identity->empty() ? " identity dropped;" : " identity " + *o.identity + ";";
          }
          if (o.identity_options) text += " identity sequence options changed;";
          text.pop_back();
          return text;
        } else if constexpr (std::is_same_v<T, CreateIndex>)
          return "+ index " + o.index.name + " on " + o.table.display() + " (" +
                 join(o.index.keys) + ")" + (o.index.unique ? " UNIQUE" : "") +
                 (o.index.where ? " WHERE " + *o.index.where : "");
        else if constexpr (std::is_same_v<T, DropIndex>)
          return "- index " + o.name;
        else if constexpr (std::is_same_v<T, AddConstraint>)
          return "+ constraint " + in(o.table, constraint_text(o.constraint));
        else if constexpr (std::is_same_v<T, DropConstraint>)
          return "- constraint " + in(o.table, o.name);
        else if constexpr (std::is_same_v<T, SetRowSecurity>)
          return "~ table " + o.table.display() + ": row level security " +
                 (o.enabled ? "enabled" : "disabled") + (o.forced ? ", forced" : "");
        else if constexpr (std::is_same_v<T, CreateObject>)
          return "+ " + object_text(o.object);
        else if constexpr (std::is_same_v<T, DropObject>)
          return "- " + object_text(o.object);
        else if constexpr (std::is_same_v<T, SetObjectComment>)
          return "~ " + object_text(o.object) + ": comment " +
                 (o.object.comment ? "'" + *o.object.comment + "'" : "removed");
        else if constexpr (std::is_same_v<T, SetComment>)
          return "~ " + comment_target_text(o) + ": comment " +
                 (o.comment ? "'" + *o.comment + "'" : "removed");
        else if constexpr (std::is_same_v<T, Execute>) {
          std::string first = o.sql.substr(0, o.sql.find('\n'));
          if (first.size() > 72) first = first.substr(0, 69) + "...";
          return std::string(o.data_only ? "~ data: " : "~ sql: ") + first;
        } else
          static_assert(kMissedOp<T>, "describe_op misses an op kind");
      },
      op);
}

Json hazards_json(const std::vector<Hazard>& hazards) {
  Json array = Json::Array{};
  for (const auto& hazard : hazards) {
    Json h;
    h["kind"] = hazard.kind;
    h["object"] = hazard.object;
    h["message"] = hazard.message;
    array.push_back(std::move(h));
  }
  return array;
}

}  // namespace asq
