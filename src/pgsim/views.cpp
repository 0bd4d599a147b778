// The in-memory engine's model of views and materialized views written in SQL: the SELECT is
// printed the way pg_get_viewdef(view, true) prints it (one select item per line, relations
// schema-qualified, every column qualified by its range entry, `AS` only where the name
// changes), the form introspection keeps. A SELECT outside the modelled shape is not modelled.

#include <algorithm>
#include <optional>

#include "common/text.h"
#include "pgsim/sql_reader.h"
#include "schema/expression.h"
#include "sql/identifiers.h"

namespace asq::memsql {
namespace {

using Kind = CatalogObject::Kind;

const std::set<std::string> kClauseWords = {
    "join",      "left",   "right",  "inner", "full",   "cross", "natural", "on",
    "where",     "group",  "order",  "limit", "having", "with",  "union",   "except",
    "intersect", "window", "offset", "as",    "asc",    "desc",  "nulls"};

struct OutputColumn {
  std::string name;
  std::string type;
};

/// A relation of the FROM list, under the name the query refers to it by.
struct RangeEntry {
  std::string refname;
  std::vector<OutputColumn> columns;
};

/// A SELECT as pg_get_viewdef prints it, with what it yields and what it needs.
struct Select {
  std::string text;
  std::vector<OutputColumn> columns;
  std::vector<std::string> depends_on;
};

const CatalogObject* view_named(const Schema& schema, const QualifiedName& name) {
  auto it = std::find_if(schema.objects.begin(), schema.objects.end(), [&](const auto& o) {
    return (o.kind == Kind::kView || o.kind == Kind::kMaterializedView) && o.name == name;
  });
  return it == schema.objects.end() ? nullptr : &*it;
}

Select read_select(Reader& r, const Schema& schema);

/// The columns a view yields, read back from its printed definition.
std::vector<OutputColumn> view_columns(const Schema& schema, const CatalogObject& view) {
  const std::string& sql = view.definition;
  std::vector<std::vector<Token>> statements = statements_of(sql);
  if (statements.size() != 1) throw ApplyError("view " + view.name.display() + " unreadable", true);
  Reader r(sql, statements.front());
  while (!r.done() && !r.at("select")) r.skip();
  return read_select(r, schema).columns;
}

class SelectReader {
 public:
  SelectReader(Reader& r, const Schema& schema) : r_(r), s_(schema) {}

  Select read() {
    r_.expect({"select"});
    if (r_.at("distinct") || r_.at("all")) r_.unmodelled();
    std::vector<std::pair<std::string, std::string>> items;  // as written, alias
    do {
      std::string text = r_.text_until({"from", "as"});
      std::string alias;
      if (r_.accept({"as"})) alias = r_.identifier();
      items.push_back({text, alias});
    } while (r_.at_symbol(",") && (r_.skip(), true));
    std::string from;
    if (r_.accept({"from"})) from = from_clause();
    std::vector<std::string> targets;
    for (const auto& [text, alias] : items) target(text, alias, targets);
    out_.text = " SELECT " + join(targets, ",\n    ") + from;
    if (r_.accept({"where"})) out_.text += "\n  WHERE " + boolean(r_.text_until(kClauseWords));
    if (r_.accept({"group", "by"})) out_.text += "\n  GROUP BY " + sort_items(false);
    if (r_.at("having")) r_.unmodelled();
    if (r_.accept({"order", "by"})) out_.text += "\n  ORDER BY " + sort_items(true);
    if (r_.accept({"limit"})) out_.text += "\n LIMIT " + r_.number();
    return out_;
  }

 private:
  std::string from_clause() {
    std::string text = "\n   FROM " + range_item();
    while (true) {
      if (r_.at_symbol(",")) {
        r_.skip();
        text += ",\n    " + range_item();
        continue;
      }
      std::string kind;
      if (r_.accept({"join"}) || r_.accept({"inner", "join"})) {
        kind = "JOIN";
      } else if (r_.accept({"left", "join"}) || r_.accept({"left", "outer", "join"})) {
        kind = "LEFT JOIN";
      } else {
        break;
      }
      std::string item = range_item();
      r_.expect({"on"});
      text += "\n     " + kind + " " + item + " ON " + boolean(r_.text_until(kClauseWords));
    }
    return text;
  }
  std::string range_item() {
    QualifiedName name = r_.qualified();
    std::string alias;
    if (r_.accept({"as"})) {
      alias = r_.identifier();
    } else if (const Token* next = r_.peek();
               next && (next->kind == Token::Kind::kQuotedWord ||
                        (next->kind == Token::Kind::kWord && !kClauseWords.count(next->text)))) {
      alias = r_.identifier();
    }
    RangeEntry entry{alias.empty() ? name.name : alias, {}};
    if (const Table* table = s_.table(name)) {
      for (const Column& c : table->columns) entry.columns.push_back({c.name, c.type});
      out_.depends_on.push_back(relation_key(name));
    } else if (const CatalogObject* view = view_named(s_, name)) {
      entry.columns = view_columns(s_, *view);
      out_.depends_on.push_back(object_key(*view));
    } else {
      throw ApplyError("relation " + name.display() + " does not exist");
    }
    entries_.push_back(std::move(entry));
    return qualified_spelling(name) + (alias.empty() ? "" : " " + quote_identifier(alias));
  }
  std::optional<ExpressionColumn> lookup(const std::string& qualifier,
                                         const std::string& name) const {
    std::optional<ExpressionColumn> found;
    for (const RangeEntry& entry : entries_) {
      if (!qualifier.empty() && entry.refname != qualifier) continue;
      for (const OutputColumn& c : entry.columns) {
        if (c.name != name) continue;
        if (found) return std::nullopt;  // ambiguous: the server refuses it
        bool is_enum = std::any_of(s_.enums.begin(), s_.enums.end(), [&](const EnumType& e) {
          return qualified_spelling(e.name) == c.type;
        });
        found = ExpressionColumn{
            c.type, quote_identifier(entry.refname) + "." + quote_identifier(c.name), is_enum};
      }
    }
    return found;
  }
  PrintedExpression printed(const std::string& text) const {
    auto columns = [this](const std::string& q, const std::string& n) { return lookup(q, n); };
    std::optional<PrintedExpression> p =
        print_expression(text, columns, ExpressionStyle::kPretty, true);
    if (!p) r_.unmodelled();
    return *p;
  }
  std::string boolean(const std::string& text) const {
    PrintedExpression p = printed(text);
    if (p.type != "boolean") r_.unmodelled();
    return p.text;
  }
  void target(const std::string& text, const std::string& alias, std::vector<std::string>& out) {
    if (text == "*" || text.ends_with(".*")) {
      if (!alias.empty()) r_.unmodelled();
      for (const RangeEntry& entry : entries_) {
        if (text != "*" && text.substr(0, text.size() - 2) != entry.refname) continue;
        for (const OutputColumn& c : entry.columns) {
          out.push_back(quote_identifier(entry.refname) + "." + quote_identifier(c.name));
          out_.columns.push_back(c);
        }
      }
      return;
    }
    PrintedExpression p = printed(text);
    std::string name = alias;
    if (name.empty() && !p.column.empty()) name = p.column;
    if (name.empty() && p.function_like) name = lowered(p.text.substr(0, p.text.find('(')));
    if (name.empty()) r_.unmodelled();  // the server names it ?column? or after a cast
    out.push_back(p.column == name ? p.text : p.text + " AS " + quote_identifier(name));
    out_.columns.push_back({name, p.type});
  }
  /// GROUP BY / ORDER BY items: columns bare, other expressions in parentheses.
  std::string sort_items(bool ordering) {
    std::vector<std::string> items;
    do {
      if (r_.at_number()) r_.unmodelled();  // positions
      PrintedExpression p = printed(r_.text_until(kClauseWords));
      std::string item = p.column.empty() ? "(" + p.text + ")" : p.text;
      if (ordering && r_.accept({"desc"})) item += " DESC";
      if (ordering) r_.accept({"asc"});
      if (r_.at("nulls")) r_.unmodelled();
      items.push_back(item);
    } while (r_.at_symbol(",") && (r_.skip(), true));
    return join(items, ", ");
  }
  static std::string lowered(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
  }

  Reader& r_;
  const Schema& s_;
  std::vector<RangeEntry> entries_;
  Select out_;
};

Select read_select(Reader& r, const Schema& schema) { return SelectReader(r, schema).read(); }

/// Objects whose dependencies name `key`.
bool has_dependents(const Schema& schema, const std::string& key) {
  return std::any_of(schema.objects.begin(), schema.objects.end(), [&](const CatalogObject& o) {
    return std::count(o.depends_on.begin(), o.depends_on.end(), key) > 0;
  });
}

void create_view(Reader& r, Schema& schema, bool replace, bool materialized) {
  if (r.accept({"if", "not", "exists"})) r.unmodelled();
  QualifiedName name = r.qualified();
  if (r.at_symbol("(") || r.at("with")) r.unmodelled();  // column names, options
  r.expect({"as"});
  Select select = read_select(r, schema);
  if (materialized && r.accept({"with"})) {
    r.accept({"no"});
    r.expect({"data"});
  }
  if (!r.done()) r.unmodelled();  // UNION, WITH CHECK OPTION, ...
  CatalogObject view;
  view.kind = materialized ? Kind::kMaterializedView : Kind::kView;
  view.name = name;
  view.definition = std::string("CREATE ") + (materialized ? "MATERIALIZED VIEW " : "VIEW ") +
                    qualified_spelling(name) + " AS\n" + select.text;
  view.depends_on = select.depends_on;
  std::sort(view.depends_on.begin(), view.depends_on.end());
  auto existing =
      std::find_if(schema.objects.begin(), schema.objects.end(), [&](const CatalogObject& o) {
        return o.name == name && (o.kind == Kind::kView || o.kind == Kind::kMaterializedView);
      });
  if (existing != schema.objects.end()) {
    if (!replace || existing->kind != view.kind) {
      throw ApplyError("relation " + name.display() + " already exists");
    }
    if (has_dependents(schema, object_key(*existing))) r.unmodelled();  // column changes
    view.comment = existing->comment;
    *existing = std::move(view);
    return;
  }
  if (schema.table(name)) throw ApplyError("relation " + name.display() + " already exists");
  apply_op(schema, CreateObject{std::move(view)});
}

void drop_views(Reader& r, Schema& schema, bool materialized) {
  bool quiet = r.accept({"if", "exists"});
  std::vector<QualifiedName> names{r.qualified()};
  while (r.at_symbol(",")) {
    r.skip();
    names.push_back(r.qualified());
  }
  if (r.at("cascade")) r.unmodelled();
  r.accept({"restrict"});
  if (!r.done()) r.unmodelled();
  Kind kind = materialized ? Kind::kMaterializedView : Kind::kView;
  for (const QualifiedName& name : names) {
    const CatalogObject* view = view_named(schema, name);
    if (!view || view->kind != kind) {
      if (quiet) continue;
      throw ApplyError((materialized ? "materialized view " : "view ") + name.display() +
                       " does not exist");
    }
    if (has_dependents(schema, object_key(*view))) {
      throw ApplyError("other objects depend on view " + name.display());
    }
    std::string on_view = qualified_spelling(name);
    std::erase_if(schema.objects, [&](const CatalogObject& o) {
      return o.kind == Kind::kIndex && o.signature == on_view;
    });
    apply_op(schema, DropObject{*view_named(schema, name)});
  }
}

void rename_view(Reader& r, Schema& schema, bool materialized) {
  bool quiet = r.accept({"if", "exists"});
  QualifiedName name = r.qualified();
  r.expect({"rename", "to"});
  QualifiedName renamed{name.schema, r.identifier()};
  if (!r.done()) r.unmodelled();
  const CatalogObject* view = view_named(schema, name);
  if (!view) {
    if (quiet) return;
    throw ApplyError("relation " + name.display() + " does not exist");
  }
  if (view->kind != (materialized ? Kind::kMaterializedView : view->kind)) r.unmodelled();
  std::string on_view = qualified_spelling(name);
  bool indexed = std::any_of(schema.objects.begin(), schema.objects.end(), [&](const auto& o) {
    return o.kind == Kind::kIndex && o.signature == on_view;
  });
  if (has_dependents(schema, object_key(*view)) || indexed) r.unmodelled();
  CatalogObject moved = *view;
  std::string header =
      std::string("CREATE ") + (moved.kind == Kind::kView ? "VIEW " : "MATERIALIZED VIEW ");
  moved.definition = header + qualified_spelling(renamed) +
                     moved.definition.substr(header.size() + on_view.size());
  moved.name = renamed;
  apply_op(schema, DropObject{*view});
  apply_op(schema, CreateObject{std::move(moved)});
}

void refresh(Reader& r, const Schema& schema) {
  r.accept({"concurrently"});
  QualifiedName name = r.qualified();
  const CatalogObject* view = view_named(schema, name);
  if (!view || view->kind != Kind::kMaterializedView) {
    throw ApplyError("materialized view " + name.display() + " does not exist");
  }
}

}  // namespace

bool apply_view_statement(Reader& r, Schema& schema) {
  if (r.accept({"create", "or", "replace", "view"}))
    return create_view(r, schema, true, false), true;
  if (r.accept({"create", "view"})) return create_view(r, schema, false, false), true;
  if (r.accept({"create", "materialized", "view"}))
    return create_view(r, schema, false, true), true;
  if (r.accept({"drop", "view"})) return drop_views(r, schema, false), true;
  if (r.accept({"drop", "materialized", "view"})) return drop_views(r, schema, true), true;
  if (r.accept({"alter", "view"})) return rename_view(r, schema, false), true;
  if (r.accept({"alter", "materialized", "view"})) return rename_view(r, schema, true), true;
  if (r.accept({"refresh", "materialized", "view"})) return refresh(r, schema), true;
  return false;
}

}  // namespace asq::memsql
