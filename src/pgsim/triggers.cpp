// Triggers written in SQL, kept as pg_get_triggerdef prints them, and what renaming or dropping
// their table, column or function does to them.

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "common/text.h"
#include "pgsim/objects.h"
#include "schema/defaults.h"
#include "sql/identifiers.h"
#include "sql/literals.h"

namespace asq::memsql {
namespace {

using Kind = CatalogObject::Kind;

struct Trigger {
  bool constraint = false;
  std::string name;
  std::string timing;  // BEFORE, AFTER, INSTEAD OF
  bool on_insert = false, on_delete = false, on_update = false, on_truncate = false;
  std::vector<std::string> update_columns;
  QualifiedName table;
  bool deferrable = false;
  bool initially_deferred = false;
  std::string old_table, new_table;  // REFERENCING ... TABLE AS
  bool for_each_row = false;
  std::string when;  // as printed inside WHEN ( )
  QualifiedName function;
  bool function_qualified = false;  // as written
  std::vector<std::string> arguments;
};

// ---- WHEN ----

/// Token texts of `sql` without the parentheses that enclose all of it.
std::vector<Token> unwrapped_tokens(const std::string& sql) {
  auto statements = statements_of(sql);
  std::vector<Token> tokens = statements.size() == 1 ? statements[0] : std::vector<Token>{};
  auto encloses = [&] {
    if (tokens.size() < 2 || tokens.front().text != "(" || tokens.back().text != ")") return false;
    int depth = 0;
    for (size_t i = 0; i + 1 < tokens.size(); ++i) {
      if (tokens[i].kind == Token::Kind::kSymbol) {
        depth += tokens[i].text == "(" ? 1 : tokens[i].text == ")" ? -1 : 0;
      }
      if (depth == 0) return false;
    }
    return true;
  };
  while (encloses()) tokens = std::vector<Token>(tokens.begin() + 1, tokens.end() - 1);
  return tokens;
}

/// `OLD.* IS [NOT] DISTINCT FROM NEW.*` as the server prints it; nullopt for other text.
std::optional<std::string> whole_row_comparison(const std::vector<Token>& t) {
  auto row = [&](size_t i) {
    return i + 2 < t.size() && (t[i].text == "old" || t[i].text == "new") &&
           t[i].kind == Token::Kind::kWord && t[i + 1].text == "." && t[i + 2].text == "*";
  };
  bool negated = t.size() == 10 && t[4].text == "not";
  size_t k = negated ? 5 : 4;
  if (t.size() != (negated ? 10u : 9u) || !row(0) || t[3].text != "is" || t[k].text != "distinct" ||
      t[k + 1].text != "from" || !row(k + 2)) {
    return std::nullopt;
  }
  return "(" + t[0].text + ".* IS " + (negated ? "NOT " : "") + "DISTINCT FROM " + t[k + 2].text +
         ".*)";
}

std::string canonical_when(Reader& r, const std::string& text, const Table* table) {
  if (auto row = whole_row_comparison(unwrapped_tokens(text))) return *row;
  auto type_of = [&](std::string_view name) -> std::string {
    for (std::string_view prefix : {"old.", "new."}) {
      if (table && name.starts_with(prefix)) {
        const Column* c = table->column(std::string(name.substr(prefix.size())));
        if (c) return c->type;
      }
    }
    return "";
  };
  std::optional<std::string> canonical = canonical_expression(text, type_of);
  if (!canonical) r.unmodelled();
  return *canonical;
}

bool mentions_word(const std::string& sql, const std::string& word) {
  auto statements = statements_of(sql);
  return std::any_of(statements.begin(), statements.end(), [&](const std::vector<Token>& s) {
    return std::any_of(s.begin(), s.end(), [&](const Token& t) {
      return (t.kind == Token::Kind::kWord || t.kind == Token::Kind::kQuotedWord) && t.text == word;
    });
  });
}

// ---- reading ----

void read_events(Reader& r, Trigger& t) {
  do {
    if (r.accept({"insert"})) {
      t.on_insert = true;
    } else if (r.accept({"delete"})) {
      t.on_delete = true;
    } else if (r.accept({"truncate"})) {
      t.on_truncate = true;
    } else {
      r.expect({"update"});
      t.on_update = true;
      if (r.accept({"of"})) {
        do {
          t.update_columns.push_back(r.identifier());
        } while (r.at_symbol(",") && (r.expect_symbol(","), true));
      }
    }
  } while (r.accept({"or"}));
}

void read_clauses(Reader& r, Trigger& t, const Table* table) {
  while (!r.at("execute")) {
    if (r.accept({"not", "deferrable"})) {
      t.deferrable = false;
    } else if (r.accept({"deferrable"})) {
      t.deferrable = true;
    } else if (r.accept({"initially", "deferred"})) {
      t.deferrable = t.initially_deferred = true;
    } else if (r.accept({"initially", "immediate"})) {
      t.initially_deferred = false;
    } else if (r.accept({"referencing"})) {
      while (r.at("old") || r.at("new")) {
        bool old_rows = r.accept({"old"}) || (r.expect({"new"}), false);
        r.expect({"table"});
        r.accept({"as"});
        (old_rows ? t.old_table : t.new_table) = r.identifier();
      }
    } else if (r.accept({"for"})) {
      r.accept({"each"});
      t.for_each_row = r.accept({"row"}) || (r.expect({"statement"}), false);
    } else if (r.accept({"when"})) {
      t.when = canonical_when(r, r.parenthesized(), table);
    } else {
      r.unmodelled();  // FROM referenced_table, ...
    }
  }
}

void read_call(Reader& r, Trigger& t) {
  r.expect({"execute"});
  if (!r.accept({"function"})) r.expect({"procedure"});
  t.function_qualified = next_name_is_qualified(r);
  t.function = r.qualified();
  r.expect_symbol("(");
  while (!r.at_symbol(")")) {
    const Token* token = r.peek();
    if (!token || token->kind == Token::Kind::kSymbol) r.unmodelled();
    t.arguments.push_back(token->text);
    r.skip();
    if (!r.at_symbol(")")) r.expect_symbol(",");
  }
  r.expect_symbol(")");
  if (!r.done()) r.unmodelled();
}

/// The rest of CREATE [CONSTRAINT] TRIGGER after TRIGGER.
Trigger read_trigger(Reader& r, const Schema& schema, bool constraint) {
  Trigger t;
  t.constraint = constraint;
  t.name = r.identifier();
  if (r.accept({"before"}))
    t.timing = "BEFORE";
  else if (r.accept({"after"}))
    t.timing = "AFTER";
  else
    r.expect({"instead", "of"}), t.timing = "INSTEAD OF";
  read_events(r, t);
  r.expect({"on"});
  t.table = r.qualified();
  read_clauses(r, t, schema.table(t.table));
  read_call(r, t);
  return t;
}

Trigger read_back(const CatalogObject& object, const Schema& schema) {
  OwnedReader owned(object.definition);
  Reader& r = owned.reader();
  r.expect({"create"});
  bool constraint = r.accept({"constraint"});
  r.expect({"trigger"});
  return read_trigger(r, schema, constraint);
}

// ---- printing ----

std::string events_text(const Trigger& t) {
  std::vector<std::string> events;
  if (t.on_insert) events.push_back("INSERT");
  if (t.on_delete) events.push_back("DELETE");
  if (t.on_update) {
    std::vector<std::string> columns;
    for (const auto& c : t.update_columns) columns.push_back(quote_identifier(c));
    events.push_back(columns.empty() ? "UPDATE" : "UPDATE OF " + join(columns));
  }
  if (t.on_truncate) events.push_back("TRUNCATE");
  return join(events, " OR ");
}

std::string definition(const Trigger& t) {
  std::string out = std::string("CREATE ") + (t.constraint ? "CONSTRAINT " : "") + "TRIGGER " +
                    quote_identifier(t.name) + " " + t.timing + " " + events_text(t) + " ON " +
                    qualified_spelling(t.table) + " ";
  if (t.constraint) {
    out += std::string(t.deferrable ? "" : "NOT ") + "DEFERRABLE INITIALLY " +
           (t.initially_deferred ? "DEFERRED " : "IMMEDIATE ");
  }
  if (!t.old_table.empty() || !t.new_table.empty()) {
    out += "REFERENCING ";
    if (!t.old_table.empty()) out += "OLD TABLE AS " + quote_identifier(t.old_table) + " ";
    if (!t.new_table.empty()) out += "NEW TABLE AS " + quote_identifier(t.new_table) + " ";
  }
  out += t.for_each_row ? "FOR EACH ROW " : "FOR EACH STATEMENT ";
  if (!t.when.empty()) out += "WHEN (" + t.when + ") ";
  std::vector<std::string> arguments;
  for (const auto& a : t.arguments) arguments.push_back(sql_literal(a));
  return out + "EXECUTE FUNCTION " + qualified_spelling(t.function) + "(" + join(arguments) + ")";
}

CatalogObject object_of(const Trigger& t) {
  return object_on_table(Kind::kTrigger, t.table, t.name, definition(t));
}

// ---- statements ----

bool is_view(Schema& schema, const QualifiedName& name) {
  return find_object(schema, Kind::kView, name) != nullptr;
}

void check(const Trigger& t, Schema& schema) {
  bool table = schema.table(t.table) != nullptr;
  if (!table && !is_view(schema, t.table)) {
    throw ApplyError("relation " + t.table.display() + " does not exist");
  }
  bool instead = t.timing == "INSTEAD OF";
  if ((instead && (table || !t.for_each_row)) || (!instead && !table && t.for_each_row) ||
      (t.constraint && (t.timing != "AFTER" || !t.for_each_row)) ||
      (!t.constraint && t.deferrable) ||
      (!(t.old_table.empty() && t.new_table.empty()) &&
       t.on_insert + t.on_delete + t.on_update + t.on_truncate > 1)) {
    throw ApplyError("trigger " + t.name + " on " + t.table.display() + " is refused");
  }
  for (const auto& column : t.update_columns) {
    if (!table || !schema.table(t.table)->column(column)) {
      throw ApplyError("column " + column + " of " + t.table.display() + " does not exist");
    }
  }
  require_trigger_function(schema, t.function, t.function_qualified);
}

void create_trigger(Reader& r, Schema& schema, bool replace, bool constraint) {
  Trigger t = read_trigger(r, schema, constraint);
  check(t, schema);
  put_object(schema, object_of(t), replace);
}

CatalogObject* trigger_named(Reader& r, Schema& schema, bool quiet, std::string* table_text) {
  std::string name = r.identifier();
  r.expect({"on"});
  QualifiedName table = r.qualified();
  if (table_text) *table_text = qualified_spelling(table);
  CatalogObject probe;
  probe.kind = Kind::kTrigger;
  probe.name = {table.schema, name};
  probe.signature = qualified_spelling(table);
  CatalogObject* found = find_object(schema, Kind::kTrigger, probe.name, probe.signature);
  if (!found && !quiet) throw ApplyError(object_target(probe) + " does not exist");
  return found;
}

void drop_trigger(Reader& r, Schema& schema) {
  bool quiet = r.accept({"if", "exists"});
  CatalogObject* found = trigger_named(r, schema, quiet, nullptr);
  if (r.at("cascade")) r.unmodelled();
  r.accept({"restrict"});
  if (!r.done()) r.unmodelled();
  if (found) remove_object(schema, CatalogObject(*found));
}

void alter_trigger(Reader& r, Schema& schema) {
  CatalogObject* found = trigger_named(r, schema, false, nullptr);
  r.expect({"rename", "to"});
  CatalogObject old = *found;
  Trigger t = read_back(old, schema);
  t.name = r.identifier();
  if (!r.done()) r.unmodelled();
  remove_object(schema, old);
  CatalogObject renamed = object_of(t);
  renamed.comment = old.comment;
  put_object(schema, renamed);
}

/// Rewrites every trigger that `change` changes (returning true).
template <typename Change>
void change_triggers(Schema& schema, Change change) {
  for (const CatalogObject& object : objects_of_kind(schema, Kind::kTrigger)) {
    if (object.definition.find(";\n") != std::string::npos) continue;  // disabled: not ours
    Trigger t = read_back(object, schema);
    if (!change(t)) continue;
    remove_object(schema, object);
    CatalogObject changed = object_of(t);
    changed.comment = object.comment;
    put_object(schema, changed);
  }
}

}  // namespace

bool apply_trigger_statement(Reader& r, Schema& schema) {
  if (r.accept({"create", "trigger"})) return create_trigger(r, schema, false, false), true;
  if (r.accept({"create", "or", "replace", "trigger"})) {
    return create_trigger(r, schema, true, false), true;
  }
  if (r.accept({"create", "constraint", "trigger"})) {
    return create_trigger(r, schema, false, true), true;
  }
  if (r.accept({"drop", "trigger"})) return drop_trigger(r, schema), true;
  if (r.accept({"alter", "trigger"})) return alter_trigger(r, schema), true;
  return false;
}

void rename_table_in_triggers(Schema& schema, const QualifiedName& from, const QualifiedName& to) {
  change_triggers(schema, [&](Trigger& t) {
    if (t.table != from) return false;
    t.table = to;
    return true;
  });
}

void rename_column_in_triggers(Schema& schema, const QualifiedName& table, const std::string& from,
                               const std::string& to) {
  change_triggers(schema, [&](Trigger& t) {
    if (t.table != table) return false;
    if (!t.when.empty() && mentions_word(t.when, from)) {
      throw ApplyError("renaming column " + from + " used in the WHEN of trigger " + t.name +
                           " not modelled in memory",
                       true);
    }
    std::replace(t.update_columns.begin(), t.update_columns.end(), from, to);
    return true;
  });
}

void require_no_trigger_on_column(const Schema& schema, const QualifiedName& table,
                                  const std::string& column) {
  for (const CatalogObject& object : objects_of_kind(schema, Kind::kTrigger)) {
    if (object.signature != qualified_spelling(table)) continue;
    if (object.definition.find(";\n") != std::string::npos) continue;
    Trigger t = read_back(object, schema);
    bool used = std::count(t.update_columns.begin(), t.update_columns.end(), column) > 0 ||
                (!t.when.empty() && mentions_word(t.when, column));
    if (used) {
      throw ApplyError("trigger " + t.name + " on " + table.display() + " depends on column " +
                       column);
    }
  }
}

bool trigger_calls(const Schema& schema, const QualifiedName& function) {
  for (const CatalogObject& object : schema.objects) {
    if (object.kind == Kind::kTrigger && object.definition.find(";\n") == std::string::npos &&
        read_back(object, schema).function == function) {
      return true;
    }
  }
  return false;
}

void rename_function_in_triggers(Schema& schema, const QualifiedName& from,
                                 const QualifiedName& to) {
  change_triggers(schema, [&](Trigger& t) {
    if (t.function != from) return false;
    t.function = to;
    return true;
  });
}

}  // namespace asq::memsql
