#include "schema/remap.h"

#include <algorithm>
#include <cctype>

#include "sql/identifiers.h"

namespace asq {
namespace {

/// Whether `c` can continue an identifier (or close a quoted one), so that a qualifier
/// starting right after it is only the tail of a longer name.
bool continues_name(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  return std::isalnum(u) || c == '_' || c == '$' || c == '"' || c == '.' || u >= 0x80;
}

template <typename Item>
void sort_by_name(std::vector<Item>& items) {
  std::sort(items.begin(), items.end(),
            [](const Item& a, const Item& b) { return a.name < b.name; });
}

void rename_optional(const SchemaRenamer& renamer, std::optional<std::string>& text) {
  if (text) *text = renamer.text(*text);
}

}  // namespace

SchemaRenamer::SchemaRenamer(std::string from, std::string to)
    : from_(std::move(from)),
      to_(std::move(to)),
      from_spelling_(quote_identifier(from_) + "."),
      to_spelling_(quote_identifier(to_) + ".") {}

std::string SchemaRenamer::text(std::string_view text) const {
  std::string out;
  size_t copied = 0;
  for (size_t at = text.find(from_spelling_); at != std::string_view::npos;
       at = text.find(from_spelling_, at + 1)) {
    if (at > 0 && continues_name(text[at - 1])) continue;
    out.append(text.substr(copied, at - copied));
    out += to_spelling_;
    copied = at + from_spelling_.size();
  }
  out.append(text.substr(copied));
  return out;
}

std::string SchemaRenamer::schema_name(const std::string& name) const {
  return name == from_ ? to_ : name;
}

void SchemaRenamer::apply(QualifiedName& name) const { name.schema = schema_name(name.schema); }

void SchemaRenamer::apply(Column& column) const {
  column.type = text(column.type);
  rename_optional(*this, column.default_value);
  rename_optional(*this, column.generated);
}

void SchemaRenamer::apply(Constraint& constraint) const {
  if (constraint.kind == Constraint::Kind::kForeignKey) apply(constraint.references);
  constraint.expression = text(constraint.expression);
  constraint.definition = text(constraint.definition);
}

void SchemaRenamer::apply(Index& index) const {
  for (auto& key : index.keys) key = text(key);
  rename_optional(*this, index.where);
}

void SchemaRenamer::apply(Table& table) const {
  apply(table.name);
  for (auto& column : table.columns) apply(column);
  for (auto& constraint : table.constraints) apply(constraint);
  for (auto& index : table.indexes) apply(index);
  table.partition_by = text(table.partition_by);
  if (table.partition_of) apply(*table.partition_of);
  table.partition_bound = text(table.partition_bound);
  for (auto& parent : table.inherits) apply(parent);
}

void SchemaRenamer::apply(CatalogObject& object) const {
  if (!object.name.schema.empty()) apply(object.name);  // event triggers have no schema
  object.signature = text(object.signature);
  object.definition = text(object.definition);
  for (auto& key : object.depends_on) key = text(key);
}

void SchemaRenamer::apply(EnumType& type) const { apply(type.name); }

void SchemaRenamer::apply(Sequence& sequence) const { apply(sequence.name); }

void SchemaRenamer::apply(Extension& extension) const {
  extension.schema = schema_name(extension.schema);
}

/// `to` takes the comment `from` had; public's default comment and another schema's lack of
/// one are the same state (both kept as no entry), so they map onto each other.
void SchemaRenamer::move_schema_comment(Schema& schema) const {
  auto it = schema.schema_comments.find(from_);
  std::optional<std::string> moved;
  if (it != schema.schema_comments.end()) {
    moved = it->second;
    schema.schema_comments.erase(it);
  }
  schema.schema_comments.erase(to_);
  if (moved) set_schema_comment(schema, to_, moved);
}

void SchemaRenamer::apply(Schema& schema) const {
  std::vector<std::string> names;
  for (const auto& name : schema.schemas) names.push_back(schema_name(name));
  if (from_ == "public") names.push_back(to_);  // public is implicit in the list
  std::erase(names, "public");
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  schema.schemas = std::move(names);
  move_schema_comment(schema);
  for (auto& extension : schema.extensions) apply(extension);
  for (auto& type : schema.enums) apply(type);
  for (auto& sequence : schema.sequences) apply(sequence);
  for (auto& table : schema.tables) apply(table);
  for (auto& object : schema.objects) apply(object);
  std::sort(schema.objects.begin(), schema.objects.end(),
            [](const auto& a, const auto& b) { return object_key(a) < object_key(b); });
  sort_by_name(schema.enums);
  sort_by_name(schema.sequences);
  sort_by_name(schema.tables);
}

Schema remap_schema(Schema schema, const std::string& from, const std::string& to) {
  SchemaRenamer(from, to).apply(schema);
  return schema;
}

}  // namespace asq
