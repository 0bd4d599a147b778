#include "pgsim/sql.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>
#include <vector>

#include "pgsim/engine.h"
#include "pgsim/partitions.h"
#include "pgsim/sql_reader.h"
#include "schema/defaults.h"
#include "sql/data_statements.h"
#include "sql/identifiers.h"
#include "sql/literals.h"
#include "sql/type_names.h"

namespace asq {
namespace {

using memsql::Reader;
using memsql::statements_of;
using memsql::Token;

/// Column constraint words: where a column's type (or default expression) ends.
const std::set<std::string> kColumnClauseWords = {
    "not",   "null",       "default", "constraint", "primary",    "unique",
    "check", "references", "collate", "generated",  "deferrable", "initially"};

/// GRANT, REVOKE, ALTER DEFAULT PRIVILEGES and ALTER ... OWNER TO role: privileges, which the
/// model carries only with --privileges and the in-memory engine does not model.
bool is_privilege_statement(const std::vector<Token>& t) {
  auto word = [&](size_t i, const char* w) {
    return i < t.size() && t[i].kind == Token::Kind::kWord && t[i].text == w;
  };
  if (word(0, "grant") || word(0, "revoke")) return true;
  if (!word(0, "alter")) return false;
  if (word(1, "default") && word(2, "privileges")) return true;
  size_t n = t.size();
  return n >= 5 && word(n - 3, "owner") && word(n - 2, "to") &&
         (t[n - 1].kind == Token::Kind::kWord || t[n - 1].kind == Token::Kind::kQuotedWord);
}

// ---- statements ----

class Statements {
 public:
  Statements(Schema& schema, const ServerFacts& server) : s_(schema), server_(server) {}

  void run(Reader& r) {
    // First, so that CREATE / DROP TYPE of composite types and domains reach it.
    if (memsql::apply_object_statement(r, s_)) return;
    if (r.accept({"create", "extension"})) return create_extension(r);
    if (r.accept({"drop", "extension"})) return drop_extension(r);
    if (r.accept({"create", "schema"})) return create_schema(r);
    if (r.accept({"drop", "schema"})) return drop_schema(r);
    if (r.accept({"create", "type"})) return create_type(r);
    if (r.accept({"drop", "type"})) return drop_type(r);
    if (r.accept({"alter", "type"})) return alter_type(r);
    if (r.accept({"create", "sequence"})) return create_sequence(r);
    if (r.accept({"alter", "sequence"})) return alter_sequence(r);
    if (r.accept({"drop", "sequence"})) return drop_sequence(r);
    if (r.accept({"drop", "table"})) return drop_table(r);
    if (r.accept({"drop", "index"})) return drop_index(r);
    if (r.accept({"alter", "index"})) return rename_index(r);
    if (r.accept({"alter", "table"})) return alter_table(r);
    if (r.accept({"create", "table"})) return create_table(r);
    if (r.accept({"create", "unique", "index"})) return create_index(r, true);
    if (r.accept({"create", "index"})) return create_index(r, false);
    if (r.accept({"comment", "on", "table"})) return comment_on_table(r);
    if (r.accept({"comment", "on", "column"})) return comment_on_column(r);
    if (memsql::apply_comment_statement(r, s_)) return;
    if (memsql::apply_view_statement(r, s_)) return;
    if (r.at("create") || r.at("alter") || r.at("drop") || r.at("comment") || r.at("grant") ||
        r.at("revoke") || r.at("do")) {
      r.unmodelled();
    }
    const Token* first = r.peek();
    if (first && (first->kind != Token::Kind::kWord || !sql::is_data_word(first->text))) {
      r.unmodelled();
    }
  }

 private:
  void apply(const Op& op) { apply_op(s_, op); }
  static bool if_exists(Reader& r) { return r.accept({"if", "exists"}); }
  static bool if_not_exists(Reader& r) { return r.accept({"if", "not", "exists"}); }
  static void end(Reader& r) {
    if (!r.accept({"cascade"})) r.accept({"restrict"});
    if (!r.done()) r.unmodelled();
  }

  void create_extension(Reader& r) {
    bool quiet = if_not_exists(r);
    Extension extension;
    extension.name = r.identifier();
    r.accept({"with"});
    while (!r.done()) {
      if (r.accept({"schema"})) {
        extension.schema = r.identifier();
      } else if (r.accept({"version"})) {
        extension.version = r.at("version") ? r.identifier() : r.string();
      } else {
        end(r);
      }
    }
    bool exists = std::any_of(s_.extensions.begin(), s_.extensions.end(),
                              [&](const Extension& e) { return e.name == extension.name; });
    if (quiet && exists) return;
    if (extension.version.empty()) {
      auto known = server_.extensions.find(extension.name);
      if (known == server_.extensions.end()) {
        throw ApplyError("the default version of extension " + extension.name + " is unknown",
                         true);
      }
      extension.version = known->second;
    }
    apply(CreateExtension{extension});
  }
  void drop_extension(Reader& r) {
    bool quiet = if_exists(r);
    std::string name = r.identifier();
    end(r);
    bool exists = std::any_of(s_.extensions.begin(), s_.extensions.end(),
                              [&](const Extension& e) { return e.name == name; });
    if (!quiet || exists) apply(DropExtension{name});
  }
  /// The model lists the schemas made besides public, which every database starts with.
  bool schema_exists(const std::string& name) const {
    return name == "public" || std::count(s_.schemas.begin(), s_.schemas.end(), name);
  }
  void create_schema(Reader& r) {
    bool quiet = if_not_exists(r);
    std::string name = r.identifier();
    end(r);
    if (quiet && schema_exists(name)) return;
    apply(CreateSchema{name});
  }
  void drop_schema(Reader& r) {
    bool quiet = if_exists(r);
    std::string name = r.identifier();
    if (r.at("cascade")) r.unmodelled();
    end(r);
    if (!quiet || schema_exists(name)) apply(DropSchema{name});
  }
  void create_type(Reader& r) {
    EnumType type;
    type.name = r.qualified();
    r.expect({"as", "enum"});
    r.expect_symbol("(");
    while (!r.at_symbol(")")) {
      type.values.push_back(r.string());
      if (!r.at_symbol(")")) r.expect_symbol(",");
    }
    r.expect_symbol(")");
    end(r);
    apply(CreateEnum{type, false});
  }
  void drop_type(Reader& r) {
    bool quiet = if_exists(r);
    QualifiedName name = r.qualified();
    if (r.at("cascade")) r.unmodelled();
    end(r);
    apply(DropEnum{name, quiet});
  }
  void alter_type(Reader& r) {
    QualifiedName name = r.qualified();
    if (r.accept({"rename", "to"})) return rename_type(r, name);
    if (r.accept({"rename", "value"})) return rename_value(r, name);
    if (!r.accept({"add", "value"})) r.unmodelled();
    bool quiet = if_not_exists(r);
    AddEnumValue op{name, r.string(), "", ""};
    if (r.accept({"before"})) op.before = r.string();
    if (r.accept({"after"})) op.after = r.string();
    end(r);
    auto type = std::find_if(s_.enums.begin(), s_.enums.end(),
                             [&](const EnumType& e) { return e.name == name; });
    if (quiet && type != s_.enums.end() &&
        std::count(type->values.begin(), type->values.end(), op.value)) {
      return;
    }
    apply(op);
  }

  EnumType& enum_named(const QualifiedName& name) {
    auto type = std::find_if(s_.enums.begin(), s_.enums.end(),
                             [&](const EnumType& e) { return e.name == name; });
    if (type == s_.enums.end()) throw ApplyError("type " + name.display() + " does not exist");
    return *type;
  }
  void rename_type(Reader& r, const QualifiedName& name) {
    QualifiedName renamed{name.schema, r.identifier()};
    end(r);
    EnumType type = enum_named(name);
    s_.enums.erase(std::find(s_.enums.begin(), s_.enums.end(), type));
    type.name = renamed;
    apply(CreateEnum{type, false});
    std::string from = qualified_spelling(name), to = qualified_spelling(renamed);
    for (Table& table : s_.tables) {
      for (Column& column : table.columns) {
        if (column.type == from || column.type == from + "[]") {
          column.type = to + column.type.substr(from.size());
        }
        if (column.default_value && column.default_value->ends_with("::" + from)) {
          column.default_value->replace(column.default_value->size() - from.size(), from.size(),
                                        to);
        }
      }
    }
  }
  void rename_value(Reader& r, const QualifiedName& name) {
    std::string from = r.string();
    r.expect({"to"});
    std::string to = r.string();
    end(r);
    auto& values = enum_named(name).values;
    auto it = std::find(values.begin(), values.end(), from);
    if (it == values.end()) throw ApplyError("enum label " + from + " does not exist");
    *it = to;
    std::string cast = "::" + qualified_spelling(name);
    for (Table& table : s_.tables) {
      for (Column& column : table.columns) {
        if (column.default_value == sql_literal(from) + cast) {
          column.default_value = sql_literal(to) + cast;
        }
      }
    }
  }
  /// Sequence options as CREATE / ALTER SEQUENCE write them, onto `sequence`.
  void sequence_options(Reader& r, Sequence& sequence, bool& owned, QualifiedName& owner,
                        std::string& owner_column) {
    auto number = [&] {
      bool negative = r.at_symbol("-");
      if (negative) r.expect_symbol("-");
      std::string text = r.number();
      return (negative ? -1 : 1) * std::stoll(text);
    };
    while (!r.done()) {
      if (r.accept({"as"})) {
        sequence.data_type =
            canonical_sql_type(r, r.text_until({"increment", "minvalue", "maxvalue", "start",
                                                "cache", "cycle", "no", "owned"}))
                .spelling;
        sequence.max_value = sequence_of_type(sequence.name, sequence.data_type).max_value;
      } else if (r.accept({"increment"})) {
        r.accept({"by"});
        sequence.increment = number();
      } else if (r.accept({"minvalue"})) {
        sequence.min_value = number();
      } else if (r.accept({"maxvalue"})) {
        sequence.max_value = number();
      } else if (r.accept({"start"})) {
        r.accept({"with"});
        sequence.start = number();
      } else if (r.accept({"restart"})) {
        if (r.accept({"with"}) || r.at_number()) number();  // the value, not the definition
      } else if (r.accept({"cache"})) {
        sequence.cache = number();
      } else if (r.accept({"no", "cycle"})) {
        sequence.cycle = false;
      } else if (r.accept({"cycle"})) {
        sequence.cycle = true;
      } else if (r.accept({"owned", "by"})) {
        owned = true;
        if (!r.accept({"none"})) {
          owner = r.qualified();  // table.column read as schema.name
          owner_column = owner.name;
          owner = {sequence.name.schema, owner.schema};
          if (r.at_symbol(".")) r.unmodelled();  // schema.table.column
        }
      } else {
        r.unmodelled();  // NO MINVALUE / NO MAXVALUE (type bounds), TEMPORARY, ...
      }
    }
  }
  void create_sequence(Reader& r) {
    bool quiet = if_not_exists(r);
    Sequence sequence;
    sequence.name = r.qualified();
    bool owned = false;
    QualifiedName owner;
    std::string column;
    sequence_options(r, sequence, owned, owner, column);
    if (sequence.increment < 0) r.unmodelled();  // descending bounds
    if (quiet && find_sequence(sequence.name)) return;
    apply(CreateSequence{sequence});
    if (owned) apply(SetSequenceOwner{sequence.name, owner.name, column});
  }
  Sequence* find_sequence(const QualifiedName& name) {
    auto it = std::find_if(s_.sequences.begin(), s_.sequences.end(),
                           [&](const Sequence& q) { return q.name == name; });
    return it == s_.sequences.end() ? nullptr : &*it;
  }
  void alter_sequence(Reader& r) {
    bool quiet = if_exists(r);
    QualifiedName name = r.qualified();
    Sequence* sequence = find_sequence(name);
    if (!sequence) {
      if (quiet) return;
      throw ApplyError("sequence " + name.display() + " does not exist");
    }
    if (r.accept({"rename", "to"})) {
      QualifiedName renamed{name.schema, r.identifier()};
      end(r);
      Sequence moved = *sequence;
      moved.name = renamed;
      apply(DropSequence{name});
      apply(CreateSequence{moved});
      for (Table& table : s_.tables) {
        for (Column& column : table.columns) {
          if (column.default_value == nextval_default(name)) {
            column.default_value = nextval_default(renamed);
          }
        }
      }
      return;
    }
    bool owned = false;
    QualifiedName owner;
    std::string column;
    sequence_options(r, *sequence, owned, owner, column);
    if (owned) apply(SetSequenceOwner{name, owner.name, column});
  }
  void drop_sequence(Reader& r) {
    bool quiet = if_exists(r);
    QualifiedName name = r.qualified();
    if (r.at("cascade")) r.unmodelled();
    end(r);
    for (const Table& table : s_.tables) {
      for (const Column& column : table.columns) {
        if (column.default_value == nextval_default(name)) {
          throw ApplyError("column " + column.name + " of " + table.name.display() +
                           " depends on sequence " + name.display());
        }
      }
    }
    if (!quiet || find_sequence(name)) apply(DropSequence{name});
  }
  void drop_table(Reader& r) {
    bool quiet = if_exists(r);
    QualifiedName name = r.qualified();
    if (r.at("cascade")) r.unmodelled();
    end(r);
    if (!quiet || s_.table(name)) apply(DropTable{name});
  }
  void drop_index(Reader& r) {
    if (r.at("concurrently")) r.unmodelled();
    bool quiet = if_exists(r);
    QualifiedName name = r.qualified();
    end(r);
    bool exists = std::any_of(s_.tables.begin(), s_.tables.end(), [&](const Table& t) {
      return t.name.schema == name.schema &&
             std::any_of(t.indexes.begin(), t.indexes.end(),
                         [&](const Index& i) { return i.name == name.name; });
    });
    if (!quiet || exists) apply(DropIndex{{name.schema, ""}, name.name});
  }

  /// ALTER INDEX ... RENAME TO of an index of a table; it keeps its comment. (The index of a
  /// constraint renames the constraint too: left to the scratch engine.)
  void rename_index(Reader& r) {
    bool quiet = if_exists(r);
    QualifiedName name = r.qualified();
    r.expect({"rename", "to"});
    std::string renamed = r.identifier();
    end(r);
    for (Table& table : s_.tables) {
      if (table.name.schema != name.schema) continue;
      auto index = std::find_if(table.indexes.begin(), table.indexes.end(),
                                [&](const Index& i) { return i.name == name.name; });
      if (index == table.indexes.end()) continue;
      index->name = renamed;
      std::sort(table.indexes.begin(), table.indexes.end(),
                [](const Index& a, const Index& b) { return a.name < b.name; });
      return;
    }
    if (!quiet) r.unmodelled();
  }
  /// RENAME CONSTRAINT: the constraint keeps its comment.
  void rename_constraint(Reader& r, const QualifiedName& table) {
    std::string from = r.identifier();
    r.expect({"to"});
    std::string to = r.identifier();
    Table* t = s_.table(table);
    if (!t) throw ApplyError("table " + table.display() + " does not exist");
    auto k = std::find_if(t->constraints.begin(), t->constraints.end(),
                          [&](const Constraint& c) { return c.name == from; });
    if (k == t->constraints.end()) {
      throw ApplyError("constraint " + from + " of " + table.display() + " does not exist");
    }
    k->name = to;
    std::sort(t->constraints.begin(), t->constraints.end(),
              [](const Constraint& a, const Constraint& b) { return a.name < b.name; });
  }

  void alter_table(Reader& r) {
    bool quiet = if_exists(r);
    r.accept({"only"});
    QualifiedName table = r.qualified();
    if (quiet && !s_.table(table)) return;
    if (memsql::apply_partition_action(r, s_, table, server_)) {
      if (!r.done()) r.unmodelled();
      return;
    }
    while (true) {
      alter_table_action(r, table);
      if (!r.at_symbol(",")) break;
      r.expect_symbol(",");
    }
    if (!r.done()) r.unmodelled();
  }
  void alter_table_action(Reader& r, QualifiedName& table) {
    if (r.accept({"rename", "to"})) {
      std::string name = r.identifier();
      apply(RenameTable{table, name});
      table.name = name;
    } else if (r.accept({"rename", "constraint"})) {
      rename_constraint(r, table);
    } else if (r.accept({"rename"})) {
      r.accept({"column"});
      std::string from = r.identifier();
      r.expect({"to"});
      AlterColumn op{table, from, column_of(table, from)};
      op.new_name = r.identifier();
      apply(op);
    } else if (r.accept({"add"})) {
      if (r.at("constraint") || r.at("primary") || r.at("unique") || r.at("foreign") ||
          r.at("check") || r.at("exclude")) {
        const Table* t = s_.table(table);
        if (!t) throw ApplyError("table " + table.display() + " does not exist");
        apply(AddConstraint{table, table_constraint(r, *t, false)});
        return;
      }
      r.accept({"column"});
      add_column(r, table);
    } else if (r.accept({"validate", "constraint"})) {
      std::string name = r.identifier();
      Table* t = s_.table(table);
      auto k = t ? std::find_if(t->constraints.begin(), t->constraints.end(),
                                [&](const Constraint& c) { return c.name == name; })
                 : std::vector<Constraint>::iterator{};
      if (!t || k == t->constraints.end()) r.unmodelled();
      const std::string suffix = " NOT VALID";
      if (k->definition.ends_with(suffix))
        k->definition.resize(k->definition.size() - suffix.size());
    } else if (r.accept({"drop", "constraint"})) {
      bool quiet = if_exists(r);
      std::string name = r.identifier();
      if (r.at("cascade")) r.unmodelled();
      r.accept({"restrict"});
      const Table* t = s_.table(table);
      bool exists = t && std::any_of(t->constraints.begin(), t->constraints.end(),
                                     [&](const Constraint& k) { return k.name == name; });
      if (!quiet || exists) apply(DropConstraint{table, name});
    } else if (r.accept({"drop"})) {
      r.accept({"column"});
      bool quiet = if_exists(r);
      std::string column = r.identifier();
      if (r.at("cascade")) r.unmodelled();
      r.accept({"restrict"});
      const Table* t = s_.table(table);
      if (!quiet || (t && t->column(column))) apply(DropColumn{table, column});
    } else if (r.accept({"alter"})) {
      r.accept({"column"});
      alter_column(r, table);
    } else if (r.at("enable") || r.at("disable") || r.at("force") || r.at("no")) {
      row_level_security(r, table);
    } else if (r.at("set") || r.at("reset")) {
      table_storage(r, table);
    } else {
      r.unmodelled();
    }
  }

  /// SET ( name = value, ... ) or RESET ( name, ... ): storage parameters. (SET SCHEMA,
  /// SET TABLESPACE, SET LOGGED and the like are not modelled.)
  void table_storage(Reader& r, const QualifiedName& table) {
    bool reset = r.at("reset");
    r.skip();
    if (!r.at_symbol("(")) r.unmodelled();
    if (!s_.table(table)) r.unmodelled();  // a view's, an index's, ... through ALTER TABLE
    SetTableStorage op{table, {}, {}};
    if (!reset) {
      op.set = storage_parameters(r);
    } else {
      r.expect_symbol("(");
      do {
        std::string name = r.identifier();
        if (r.at_symbol(".")) r.unmodelled();  // toast.x: see storage_parameters
        op.reset.push_back(name);
      } while (r.at_symbol(",") && (r.skip(), true));
      r.expect_symbol(")");
    }
    apply(op);
  }

  /// [ENABLE | DISABLE | [NO] FORCE] ROW LEVEL SECURITY.
  void row_level_security(Reader& r, const QualifiedName& name) {
    const Table* table = s_.table(name);
    if (!table) throw ApplyError("table " + name.display() + " does not exist");
    SetRowSecurity op{name, table->rls_enabled, table->rls_forced};
    if (r.accept({"enable"})) {
      op.enabled = true;
    } else if (r.accept({"disable"})) {
      op.enabled = false;
    } else if (r.accept({"force"})) {
      op.forced = true;
    } else {
      r.expect({"no", "force"});
      op.forced = false;
    }
    r.expect({"row", "level", "security"});
    apply(op);
  }
  void create_table(Reader& r) {
    bool quiet = if_not_exists(r);
    Table table;
    table.name = r.qualified();
    if (quiet && s_.table(table.name)) return;
    if (r.accept({"partition", "of"})) {
      return apply(CreateTable{memsql::partition_table(r, s_, table.name, server_)});
    }
    std::vector<Sequence> serials;
    std::vector<Constraint> constraints;
    r.expect_symbol("(");
    while (!r.at_symbol(")")) {
      if (r.at("constraint") || r.at("primary") || r.at("unique") || r.at("foreign") ||
          r.at("check") || r.at("exclude") || r.at("like")) {
        constraints.push_back(table_constraint(r, table, true));
      } else {
        table_column(r, table, serials, constraints);
      }
      if (!r.at_symbol(",")) break;
      r.expect_symbol(",");
    }
    r.expect_symbol(")");
    memsql::table_options(r, table);
    for (Constraint& k : constraints) {
      if (k.kind == Constraint::Kind::kForeignKey && k.referenced_columns.empty()) {
        k.referenced_columns = primary_key_columns(r, constraints);  // of the table itself
        if (k.columns.size() != k.referenced_columns.size()) r.unmodelled();
      }
    }
    table.constraints = std::move(constraints);
    for (const Sequence& sequence : serials) apply(CreateSequence{sequence});
    apply(CreateTable{std::move(table)});
  }
  /// What SERIAL does to `column` of `table`: a sequence owned by the column, its nextval()
  /// default, NOT NULL. Returns the sequence.
  static Sequence serial(const QualifiedName& table, Column& column) {
    Sequence sequence = sequence_of_type(
        {table.schema, serial_sequence_name(table.name, column.name)}, column.type);
    sequence.owned_by_table = table.name;
    sequence.owned_by_column = column.name;
    column.default_value = nextval_default(sequence.name);
    column.nullable = false;
    return sequence;
  }
  /// NOT NULL, NULL, DEFAULT or GENERATED of a column definition (CREATE TABLE, ADD COLUMN):
  /// applied to `c` and true, or false (nothing consumed) for another clause.
  static bool column_attribute(Reader& r, const std::string& table, Column& c) {
    if (r.accept({"not", "null"})) {
      c.nullable = false;
    } else if (r.accept({"null"})) {
      c.nullable = true;
    } else if (r.accept({"default"})) {
      c.default_value = sql_default(r, r.text_until(kColumnClauseWords), c.type);
    } else if (r.accept({"generated"})) {
      memsql::generated_clause(r, table, c);
    } else {
      return false;
    }
    return true;
  }
  void table_column(Reader& r, Table& table, std::vector<Sequence>& serials,
                    std::vector<Constraint>& constraints) {
    const size_t first_own = constraints.size();  // the column's constraints come after
    Column column;
    column.name = r.identifier();
    SqlTextType type = canonical_sql_type(r, r.text_until(kColumnClauseWords));
    column.type = type.spelling;
    table.columns.push_back(column);  // visible to the column's own CHECK
    Column& c = table.columns.back();
    while (!r.done() && !r.at_symbol(",") && !r.at_symbol(")")) {
      std::string name;
      if (r.accept({"constraint"})) name = r.identifier();
      if (column_attribute(r, table.name.name, c)) {
      } else if (r.accept({"primary", "key"})) {
        constraints.push_back(key(Constraint::Kind::kPrimaryKey, name, {c.name}));
      } else if (r.accept({"unique"})) {
        constraints.push_back(key(Constraint::Kind::kUnique, name, {c.name}));
      } else if (r.at("check")) {
        constraints.push_back(check(r, name));
      } else if (r.accept({"references"})) {
        constraints.push_back(references(r, name, {c.name}, table));
      } else if (r.accept({"not", "valid"})) {
        throw ApplyError("syntax error at or near VALID (not a column constraint attribute)");
      } else if (constraints.size() > first_own &&
                 memsql::constraint_attribute(r, constraints.back(), true)) {
      } else {
        r.unmodelled();  // COLLATE, ...
      }
    }
    if (!type.serial) return;
    if (c.default_value) r.unmodelled();
    serials.push_back(serial(table.name, c));
  }
  /// A table constraint: [CONSTRAINT name] PRIMARY KEY | UNIQUE | FOREIGN KEY | CHECK |
  /// EXCLUDE, then its attributes; `creating` in CREATE TABLE (where NOT VALID is ignored).
  Constraint table_constraint(Reader& r, const Table& table, bool creating) {
    std::string name;
    if (r.accept({"constraint"})) name = r.identifier();
    Constraint k;
    if (r.accept({"primary", "key"})) {
      k = key(Constraint::Kind::kPrimaryKey, name, r.identifier_list());
    } else if (r.accept({"unique"})) {
      k = key(Constraint::Kind::kUnique, name, r.identifier_list());
    } else if (r.accept({"foreign", "key"})) {
      std::vector<std::string> columns = r.identifier_list();
      r.expect({"references"});
      k = references(r, name, columns, table);
    } else if (r.at("check")) {
      k = check(r, name);
    } else if (r.accept({"exclude"})) {
      k = memsql::exclusion(r, name, table);
    } else {
      r.unmodelled();
    }
    if (r.at("include") || r.at("using")) r.unmodelled();  // of a key: not printed by the model
    while (memsql::constraint_attribute(r, k, creating)) {
    }
    if (k.kind == Constraint::Kind::kExclusion) memsql::print_exclusion_attributes(k);
    return k;
  }
  static Constraint key(Constraint::Kind kind, const std::string& name,
                        std::vector<std::string> columns) {
    Constraint k;
    k.kind = kind;
    k.name = name;
    k.columns = std::move(columns);
    return k;
  }
  /// A check as written; applying it prints the expression the server's way.
  static Constraint check(Reader& r, const std::string& name) {
    r.expect({"check"});
    std::string written = r.parenthesized();
    if (r.accept({"no", "inherit"})) r.unmodelled();
    Constraint k = key(Constraint::Kind::kCheck, name, {});
    k.expression = written;
    k.definition = "CHECK (" + written + ")";
    return k;
  }
  Constraint references(Reader& r, const std::string& name, std::vector<std::string> columns,
                        const Table& table) {
    Constraint k = key(Constraint::Kind::kForeignKey, name, std::move(columns));
    k.references = r.qualified();
    if (r.at_symbol("(")) {
      k.referenced_columns = r.identifier_list();
    } else if (k.references != table.name || s_.table(table.name)) {
      const Table* target = s_.table(k.references);
      if (!target) throw ApplyError("table " + k.references.display() + " does not exist");
      k.referenced_columns = primary_key_columns(r, target->constraints);
    }  // else the primary key of the table being created: filled in at its end
    while (true) {
      if (r.accept({"on", "delete"})) {
        k.on_delete = action(r);
      } else if (r.accept({"on", "update"})) {
        k.on_update = action(r);
      } else if (r.accept({"match", "simple"})) {
      } else if (r.at("match")) {
        r.unmodelled();  // MATCH FULL: the model does not print it
      } else {
        break;
      }
    }
    if (!k.referenced_columns.empty() && k.columns.size() != k.referenced_columns.size()) {
      r.unmodelled();
    }
    return k;
  }
  static std::vector<std::string> primary_key_columns(Reader& r,
                                                      const std::vector<Constraint>& constraints) {
    auto pk = std::find_if(constraints.begin(), constraints.end(),
                           [](auto& c) { return c.kind == Constraint::Kind::kPrimaryKey; });
    if (pk == constraints.end()) r.unmodelled();
    return pk->columns;
  }
  static std::string action(Reader& r) {
    if (r.accept({"cascade"})) return "CASCADE";
    if (r.accept({"restrict"})) return "RESTRICT";
    if (r.accept({"no", "action"})) return "NO ACTION";
    if (r.accept({"set", "null"})) return "SET NULL";
    if (r.accept({"set", "default"})) return "SET DEFAULT";
    r.unmodelled();
  }
  void comment_on_table(Reader& r) {
    QualifiedName table = r.qualified();
    apply(SetTableComment{table, r.comment_text()});
  }
  void comment_on_column(Reader& r) {
    // table.column or schema.table.column
    std::vector<std::string> parts{r.identifier()};
    while (r.at_symbol(".")) {
      r.expect_symbol(".");
      parts.push_back(r.identifier());
    }
    if (parts.size() < 2 || parts.size() > 3) r.unmodelled();
    QualifiedName table =
        parts.size() == 3 ? QualifiedName{parts[0], parts[1]} : QualifiedName{"public", parts[0]};
    AlterColumn op{table, parts.back(), column_of(table, parts.back())};
    op.comment = r.comment_text();
    apply(op);
  }
  void create_index(Reader& r, bool unique) {
    r.accept({"concurrently"});  // same index, outside a transaction
    bool quiet = if_not_exists(r);
    Index index;
    index.unique = unique;
    if (!r.at("on")) index.name = r.identifier();
    r.expect({"on"});
    bool only = r.accept({"only"});
    QualifiedName name = r.qualified();
    const Table* table = s_.table(name);
    if (!table) throw ApplyError("table " + name.display() + " does not exist");
    // ON ONLY a partitioned table: an index its partitions have no copy of (yet).
    if (only && !table->partition_by.empty()) r.unmodelled();
    memsql::index_body(r, index, s_);
    if (index.name.empty()) {
      index.name = choose_relation_name(s_, name.schema, name.name,
                                        index_name_addition(index.keys, index.include), "idx");
    }
    bool exists = std::any_of(table->indexes.begin(), table->indexes.end(),
                              [&](const Index& i) { return i.name == index.name; });
    if (quiet && exists) return;
    apply(CreateIndex{name, index});
  }
  Column column_of(const QualifiedName& table, const std::string& name) {
    const Table* t = s_.table(table);
    const Column* c = t ? t->column(name) : nullptr;
    if (!c) throw ApplyError("column " + name + " of " + table.display() + " does not exist");
    return *c;
  }
  void add_column(Reader& r, const QualifiedName& table) {
    bool quiet = if_not_exists(r);
    Column column;
    column.name = r.identifier();
    SqlTextType type = canonical_sql_type(r, r.text_until(kColumnClauseWords));
    column.type = type.spelling;
    while (!r.done() && !r.at_symbol(",")) {
      if (!column_attribute(r, table.name, column)) r.unmodelled();
    }
    const Table* t = s_.table(table);
    if (quiet && t && t->column(column.name)) return;
    if (!type.serial) return apply(AddColumn{table, column});
    if (column.default_value) r.unmodelled();
    apply(CreateSequence{serial(table, column)});
    apply(AddColumn{table, column});
  }
  void alter_column(Reader& r, const QualifiedName& table) {
    std::string name = r.identifier();
    AlterColumn op{table, name, column_of(table, name)};
    if (r.accept({"set", "not", "null"})) {
      op.nullable = false;
    } else if (r.accept({"drop", "not", "null"})) {
      op.nullable = true;
    } else if (r.accept({"drop", "default"})) {
      op.default_value = std::optional<std::string>();
    } else if (r.accept({"set", "default"})) {
      op.default_value = sql_default(r, r.text_until({}), op.existing.type);
    } else if (memsql::identity_change(r, table.name, op)) {
    } else if (r.accept({"drop", "identity"})) {
      bool quiet = if_exists(r);
      if (quiet && op.existing.identity.empty()) return;
      op.identity = "";
    } else if (r.accept({"type"}) || r.accept({"set", "data", "type"})) {
      SqlTextType type = canonical_sql_type(r, r.text_until({"using", "collate"}));
      if (type.serial || r.at("collate")) r.unmodelled();
      op.type = type.spelling;
      if (r.accept({"using"})) op.using_expression = r.text_until({});
    } else {
      r.unmodelled();  // TYPE ... USING, identity, statistics, storage: left to the scratch engine
    }
    apply(op);
  }
  static SqlTextType canonical_sql_type(Reader& r, const std::string& text) {
    try {
      return canonical_type_from_sql(text);
    } catch (const SpellingError&) {
      r.unmodelled();
    }
  }
  static std::optional<std::string> sql_default(Reader& r, const std::string& text,
                                                const std::string& type) {
    try {
      return default_from_sql(text, type);
    } catch (const SpellingError&) {
      r.unmodelled();
    }
  }

  Schema& s_;
  const ServerFacts& server_;
};

}  // namespace

void apply_sql(Schema& schema, const std::string& sql, const ServerFacts& server) {
  Statements statements(schema, server);
  for (const auto& tokens : statements_of(sql)) {
    if (is_privilege_statement(tokens)) continue;  // not schema unless --privileges
    Reader reader(sql, tokens);
    statements.run(reader);
  }
}

bool sets_privileges(const std::string& sql) {
  auto statements = statements_of(sql);
  return std::any_of(statements.begin(), statements.end(), is_privilege_statement);
}

}  // namespace asq
