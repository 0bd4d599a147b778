#include "cli/op_text.h"

#include <algorithm>

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

}  // namespace

namespace {

/// What one op changes, in parts: `+ column node.owner_id uuid` is create, "column",
/// "node.owner_id", " ", "uuid".
struct Change {
  char sign = '~';  // + create, - drop, ~ alter
  std::string kind;
  std::string object;
  std::string separator;  // between object and detail in the text: " " or ": "
  std::string detail;
  std::string text_detail;  // the detail in the one-line text when it differs (long SQL)
  std::string text_name;    // kind and object in the text when they read otherwise (`VIEW v`)
};

Change make(char sign, std::string kind, std::string object, std::string separator = "",
            std::string detail = "") {
  return {sign, std::move(kind), std::move(object), std::move(separator), std::move(detail), "",
          ""};
}

/// `VIEW public.v` -> kind "view", object "public.v" (the leading upper-case words are the kind).
Change catalog_change(char sign, const CatalogObject& object, std::string separator = "",
                      std::string detail = "") {
  std::string target = object_text(object);
  size_t start = 0;
  while (true) {
    size_t space = target.find(' ', start);
    if (space == std::string::npos || space == start) break;
    bool upper = std::all_of(target.begin() + start, target.begin() + space,
                             [](char c) { return c >= 'A' && c <= 'Z'; });
    if (!upper) break;
    start = space + 1;
  }
  Change change = make(sign, kind_word(object.kind), target.substr(start), std::move(separator),
                       std::move(detail));
  change.text_name = target;
  return change;
}

std::string column_detail(const Column& c) {
  std::string text = column_text(c);
  return text.substr(c.name.size() + 1);
}

std::string alter_column_detail(const AlterColumn& o) {
  std::string text;
  if (o.new_name) text += " renamed to " + *o.new_name + ";";
  if (o.type) text += " type " + o.existing.type + " -> " + *o.type + ";";
  if (o.nullable) text += *o.nullable ? " NULL allowed;" : " NOT NULL;";
  if (o.default_value)
    text += " default " + (*o.default_value ? **o.default_value : std::string("removed")) + ";";
  if (o.comment) text += " comment changed;";
  if (o.identity) {
    text += o.identity->empty() ? " identity dropped;" : " identity " + *o.identity + ";";
  }
  if (o.identity_options) text += " identity sequence options changed;";
  if (!text.empty()) text.pop_back();
  return text.empty() ? text : text.substr(1);
}

std::string comment_detail(const std::optional<std::string>& comment) {
  return "comment " + (comment ? "'" + *comment + "'" : std::string("removed"));
}

/// `schema`, `enum`, `index`, ... and the object of a SetComment.
std::pair<std::string, std::string> comment_target(const SetComment& o) {
  switch (o.target) {
    case SetComment::Target::kSchema:
      return {"schema", o.name.name};
    case SetComment::Target::kEnum:
      return {"enum", o.name.display()};
    case SetComment::Target::kSequence:
      return {"sequence", o.name.display()};
    case SetComment::Target::kIndex:
      return {"index", in({o.name.schema, o.table}, o.name.name)};
    case SetComment::Target::kConstraint:
      return {"constraint", in({o.name.schema, o.table}, o.name.name)};
  }
  return {"", ""};
}

Change describe(const Op& op) {
  return std::visit(
      [](const auto& o) -> Change {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<T, CreateSchema>)
          return make('+', "schema", o.name);
        else if constexpr (std::is_same_v<T, DropSchema>)
          return make('-', "schema", o.name);
        else if constexpr (std::is_same_v<T, CreateExtension>)
          return make('+', "extension", o.extension.name);
        else if constexpr (std::is_same_v<T, DropExtension>)
          return make('-', "extension", o.name);
        else if constexpr (std::is_same_v<T, CreateEnum>)
          return make('+', "enum", o.type.name.display(), " ", "(" + join(o.type.values) + ")");
        else if constexpr (std::is_same_v<T, DropEnum>)
          return make('-', "enum", o.name.display());
        else if constexpr (std::is_same_v<T, AddEnumValue>)
          return make('~', "enum", o.name.display(), ": ", "+ value '" + o.value + "'");
        else if constexpr (std::is_same_v<T, CreateSequence>)
          return make('+', "sequence", o.sequence.name.display(), " ",
                      "AS " + o.sequence.data_type);
        else if constexpr (std::is_same_v<T, DropSequence>)
          return make('-', "sequence", o.name.display());
        else if constexpr (std::is_same_v<T, SetSequenceOwner>)
          return make('~', "sequence", o.name.display(), ": ",
                      "owned by " + (o.table.empty() ? "none" : o.table + "." + o.column));
        else if constexpr (std::is_same_v<T, CreateTable>)
          return make('+', "table", o.table.name.display(), " ",
                      "(" + std::to_string(o.table.columns.size()) + " columns)");
        else if constexpr (std::is_same_v<T, DropTable>)
          return make('-', "table", o.name.display());
        else if constexpr (std::is_same_v<T, RenameTable>)
          return make('~', "table", o.name.display(), ": ", "renamed to " + o.new_name);
        else if constexpr (std::is_same_v<T, SetTableComment>)
          return make('~', "table", o.table.display(), ": ", comment_detail(o.comment));
        else if constexpr (std::is_same_v<T, AddColumn>)
          return make('+', "column", in(o.table, o.column.name), " ", column_detail(o.column));
        else if constexpr (std::is_same_v<T, DropColumn>)
          return make('-', "column", in(o.table, o.column));
        else if constexpr (std::is_same_v<T, AlterColumn>)
          return make('~', "column", in(o.table, o.column), ": ", alter_column_detail(o));
        else if constexpr (std::is_same_v<T, CreateIndex>)
          return make('+', "index", o.index.name, " ",
                      "on " + o.table.display() + " (" + join(o.index.keys) + ")" +
                          (o.index.unique ? " UNIQUE" : "") +
                          (o.index.storage.empty() ? "" : " WITH (" + join(o.index.storage) + ")") +
                          (o.index.where ? " WHERE " + *o.index.where : ""));
        else if constexpr (std::is_same_v<T, DropIndex>)
          return make('-', "index", o.name);
        else if constexpr (std::is_same_v<T, AddConstraint>) {
          std::string name = o.constraint.name.empty() ? "(unnamed)" : o.constraint.name;
          std::string text = constraint_text(o.constraint);
          std::string detail = text.size() > name.size() ? text.substr(name.size() + 1) : "";
          return make('+', "constraint", in(o.table, name), " ", detail);
        } else if constexpr (std::is_same_v<T, DropConstraint>)
          return make('-', "constraint", in(o.table, o.name));
        else if constexpr (std::is_same_v<T, SetTableStorage>)
          return make('~', "table", o.table.display(), ": ",
                      "storage parameters" +
                          (o.reset.empty() ? "" : " reset (" + join(o.reset) + ")") +
                          (o.set.empty() ? "" : " set (" + join(o.set) + ")"));
        else if constexpr (std::is_same_v<T, SetRowSecurity>)
          return make('~', "table", o.table.display(), ": ",
                      std::string("row level security ") + (o.enabled ? "enabled" : "disabled") +
                          (o.forced ? ", forced" : ""));
        else if constexpr (std::is_same_v<T, CreateObject>)
          return catalog_change('+', o.object);
        else if constexpr (std::is_same_v<T, DropObject>)
          return catalog_change('-', o.object);
        else if constexpr (std::is_same_v<T, SetObjectComment>)
          return catalog_change('~', o.object, ": ", comment_detail(o.object.comment));
        else if constexpr (std::is_same_v<T, SetComment>) {
          auto [kind, object] = comment_target(o);
          return make('~', kind, object, ": ", comment_detail(o.comment));
        } else if constexpr (std::is_same_v<T, Execute>) {
          std::string first = o.sql.substr(0, o.sql.find('\n'));
          if (first.size() > 72) first = first.substr(0, 69) + "...";
          Change change = make('~', o.data_only ? "data" : "sql", "", ": ", o.sql);
          change.text_detail = first;
          return change;
        } else
          static_assert(kMissedOp<T>, "describe misses an op kind");
      },
      op);
}

const char* action_of(char sign) { return sign == '+' ? "create" : sign == '-' ? "drop" : "alter"; }

}  // namespace

std::string describe_op(const Op& op) {
  Change c = describe(op);
  std::string text = std::string(1, c.sign) + " ";
  if (!c.text_name.empty()) {
    text += c.text_name;
  } else {
    text += c.kind + (c.object.empty() ? "" : " " + c.object);
  }
  const std::string& detail = c.text_detail.empty() ? c.detail : c.text_detail;
  if (!detail.empty()) text += c.separator + detail;
  return text;
}

Json change_json(const Op& op) {
  Change c = describe(op);
  Json json;
  json["action"] = action_of(c.sign);
  json["kind"] = c.kind;
  json["object"] = c.object.empty() ? Json() : Json(c.object);
  json["detail"] = c.detail;
  return json;
}

Json changes_json(const std::vector<Op>& ops) {
  Json array = Json::Array{};
  for (const Op& op : ops) array.push_back(change_json(op));
  return array;
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
