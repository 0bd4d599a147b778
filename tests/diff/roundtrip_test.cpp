// diff(a, b) applied to a gives b, and diff(b, a) applied to b gives a back. The ops are applied
// to the model by a small checker that also enforces PostgreSQL's ordering rules (a type, a
// sequence or a referenced key must exist before it is used, and cannot be dropped while used).

#include <gtest/gtest.h>

#include <algorithm>
#include <regex>

#include "diff/diff.h"
#include "diff/object_needs.h"
#include "diff/schema_builders.h"
#include "schema/column_types.h"
#include "sql/identifiers.h"

namespace asq {
namespace {

using test::col;
using test::fk;
using test::index;
using test::op_line;
using test::pk;
using test::table;

class Checker {
 public:
  explicit Checker(Schema schema) : s_(std::move(schema)) {}

  void apply(const Op& op) {
    step_ = op_line(op);
    std::visit([&](const auto& o) { run(o); }, op);
  }
  const Schema& schema() const { return s_; }

 private:
  [[noreturn]] void fail(const std::string& why) { throw std::runtime_error(step_ + ": " + why); }
  void require(bool ok, const std::string& why) {
    if (!ok) fail(why);
  }
  template <typename T, typename Key>
  static auto find(std::vector<T>& items, const Key& key) {
    return std::find_if(items.begin(), items.end(), [&](const T& i) { return i.name == key; });
  }
  Table& table_of(const QualifiedName& name) {
    Table* t = s_.table(name);
    require(t != nullptr, "no table " + name.name);
    return *t;
  }
  Column& column_of(const QualifiedName& t, const std::string& name) {
    Column* c = table_of(t).column(name);
    require(c != nullptr, "no column " + name);
    return *c;
  }
  void require_type(const std::string& type) {
    std::string base = type.substr(0, type.find('['));
    if (base.find('.') == std::string::npos) return;
    bool object = std::any_of(s_.objects.begin(), s_.objects.end(), [&](const CatalogObject& o) {
      return is_type_kind(o.kind) && qualified_spelling(o.name) == base;
    });
    require(object || enum_of(type, s_.enums) != nullptr, "type " + type + " does not exist");
  }
  void require_sequences_of(const Column& c) {
    static const std::regex nextval(R"(nextval\('([^']+)'::regclass\))");
    std::smatch m;
    if (c.default_value && std::regex_search(*c.default_value, m, nextval)) {
      require(find(s_.sequences, parse_qualified(m[1])) != s_.sequences.end(),
              "sequence " + std::string(m[1]) + " does not exist");
    }
  }
  void require_foreign_key(const QualifiedName& owner, const Constraint& k) {
    if (k.kind != Constraint::Kind::kForeignKey) return;
    Table& target = table_of(k.references);
    bool key = std::any_of(target.constraints.begin(), target.constraints.end(), [&](auto& c) {
      return c.kind != Constraint::Kind::kForeignKey && c.columns == k.referenced_columns;
    });
    key = key || std::any_of(target.indexes.begin(), target.indexes.end(),
                             [&](auto& i) { return i.unique && i.keys == k.referenced_columns; });
    require(key || target.name == owner, "no key on " + target.name.name + " for " + k.name);
    for (const auto& c : k.columns) column_of(owner, c);
  }
  bool referenced(const QualifiedName& t, const std::vector<std::string>& columns,
                  const QualifiedName& except) {
    for (const Table& other : s_.tables) {
      for (const Constraint& k : other.constraints) {
        if (k.kind == Constraint::Kind::kForeignKey && k.references == t &&
            (columns.empty() || k.referenced_columns == columns) && other.name != except) {
          return true;
        }
      }
    }
    return false;
  }
  void drop_owned_sequences(const std::string& table, const std::string& column) {
    std::erase_if(s_.sequences, [&](const Sequence& s) {
      return s.owned_by_table == table && (column.empty() || s.owned_by_column == column);
    });
  }

  void run(const CreateSchema& o) { s_.schemas.push_back(o.name); }
  void run(const DropSchema& o) { std::erase(s_.schemas, o.name); }
  void run(const CreateExtension& o) { s_.extensions.push_back(o.extension); }
  void run(const DropExtension& o) { s_.extensions.erase(find(s_.extensions, o.name)); }
  void run(const CreateEnum& o) {
    require(find(s_.enums, o.type.name) == s_.enums.end(), "enum exists");
    s_.enums.push_back(o.type);
  }
  void run(const DropEnum& o) {
    for (const Table& t : s_.tables) {
      for (const Column& c : t.columns) {
        const EnumType* e = enum_of(c.type, s_.enums);
        require(!e || e->name != o.name, "enum in use by " + t.name.name + "." + c.name);
      }
    }
    auto it = find(s_.enums, o.name);
    require(it != s_.enums.end(), "no enum");
    s_.enums.erase(it);
  }
  void run(const AddEnumValue& o) {
    auto& values = find(s_.enums, o.name)->values;
    auto at = !o.after.empty()    ? std::find(values.begin(), values.end(), o.after) + 1
              : !o.before.empty() ? std::find(values.begin(), values.end(), o.before)
                                  : values.end();
    values.insert(at, o.value);
  }
  void run(const CreateSequence& o) { s_.sequences.push_back(o.sequence); }
  void run(const DropSequence& o) {
    for (const Table& t : s_.tables) {
      for (const Column& c : t.columns) {
        require(!c.default_value || c.default_value->find(o.name.name) == std::string::npos,
                "sequence in use by " + c.name);
      }
    }
    auto it = find(s_.sequences, o.name);
    require(it != s_.sequences.end(), "no sequence");
    s_.sequences.erase(it);
  }
  void run(const SetSequenceOwner& o) {
    if (!o.table.empty()) column_of({o.name.schema, o.table}, o.column);
    auto it = find(s_.sequences, o.name);
    it->owned_by_table = o.table;
    it->owned_by_column = o.column;
  }
  void run(const CreateTable& o) {
    require(s_.table(o.table.name) == nullptr, "table exists");
    for (const Column& c : o.table.columns) {
      require_type(c.type);
      require_sequences_of(c);
    }
    s_.tables.push_back(o.table);
    for (const Constraint& k : o.table.constraints) require_foreign_key(o.table.name, k);
  }
  void run(const DropTable& o) {
    require(!referenced(o.name, {}, o.name), "a foreign key still references it");
    std::erase_if(s_.tables, [&](const Table& t) { return t.name == o.name; });
    drop_owned_sequences(o.name.name, "");
  }
  void run(const RenameTable&) { fail("not expected"); }
  void run(const SetTableComment& o) { table_of(o.table).comment = o.comment; }
  void run(const AddColumn& o) {
    require(table_of(o.table).column(o.column.name) == nullptr, "column exists");
    require_type(o.column.type);
    require_sequences_of(o.column);
    table_of(o.table).columns.push_back(o.column);
  }
  void run(const DropColumn& o) {
    Table& t = table_of(o.table);
    column_of(o.table, o.column);
    require(!referenced(o.table, {o.column}, o.table), "a foreign key still references it");
    auto on_column = [&](const std::vector<std::string>& cols) {
      return std::find(cols.begin(), cols.end(), o.column) != cols.end();
    };
    std::erase_if(t.constraints, [&](const Constraint& k) { return on_column(k.columns); });
    std::erase_if(t.indexes, [&](const Index& i) { return on_column(i.keys); });
    std::erase_if(t.columns, [&](const Column& c) { return c.name == o.column; });
    drop_owned_sequences(o.table.name, o.column);
  }
  void run(const AlterColumn& o) {
    Column& c = column_of(o.table, o.column);
    require(c == o.existing || o.type, "existing column differs from the model");
    if (o.type) {
      require_type(*o.type);
      c.type = *o.type;
    }
    if (o.nullable) c.nullable = *o.nullable;
    if (o.default_value) {
      require(!*o.default_value || c.identity.empty(), "default on identity column");
      c.default_value = *o.default_value;
    }
    if (o.comment) c.comment = *o.comment;
    if (o.identity) {
      require(o.identity->empty() || !c.default_value, "identity on column with default");
      c.identity = *o.identity;
    }
  }
  void run(const CreateIndex& o) {
    Table& t = table_of(o.table);
    require(find(t.indexes, o.index.name) == t.indexes.end(), "index exists");
    t.indexes.push_back(o.index);
  }
  void run(const DropIndex& o) {
    Table& t = table_of(o.table);
    auto it = find(t.indexes, o.name);
    require(it != t.indexes.end(), "no index");
    t.indexes.erase(it);
  }
  void run(const AddConstraint& o) {
    Table& t = table_of(o.table);
    require(find(t.constraints, o.constraint.name) == t.constraints.end(), "constraint exists");
    require_foreign_key(o.table, o.constraint);
    t.constraints.push_back(o.constraint);
  }
  void run(const DropConstraint& o) {
    Table& t = table_of(o.table);
    auto it = find(t.constraints, o.name);
    require(it != t.constraints.end(), "no constraint");
    if (it->kind != Constraint::Kind::kForeignKey) {
      require(!referenced(o.table, it->columns, {}), "a foreign key depends on this key");
    }
    t.constraints.erase(it);
  }
  /// Whether `key` names a table, an enum type or an object of the schema as it is now.
  bool exists(const std::string& key) const {
    for (const Table& t : s_.tables) {
      if (relation_key(t.name) == key) return true;
    }
    for (const EnumType& e : s_.enums) {
      if (type_key(e.name) == key) return true;
    }
    return std::any_of(s_.objects.begin(), s_.objects.end(),
                       [&](const CatalogObject& o) { return object_key(o) == key; });
  }
  auto object_at(const CatalogObject& object) {
    return std::find_if(s_.objects.begin(), s_.objects.end(), [&](const CatalogObject& o) {
      return object_key(o) == object_key(object);
    });
  }
  void run(const SetRowSecurity& o) {
    table_of(o.table).rls_enabled = o.enabled;
    table_of(o.table).rls_forced = o.forced;
  }
  void run(const SetTableStorage& o) { apply_storage(table_of(o.table).storage, o.reset, o.set); }
  void run(const CreateObject& o) {
    require(object_at(o.object) == s_.objects.end(), "object exists");
    for (const std::string& need : o.object.depends_on) {
      require(exists(need), "needs " + need + " first");
    }
    s_.objects.push_back(o.object);
  }
  void run(const DropObject& o) {
    auto it = object_at(o.object);
    require(it != s_.objects.end(), "no such object");
    std::string key = object_key(o.object);
    for (const CatalogObject& other : s_.objects) {
      require(std::find(other.depends_on.begin(), other.depends_on.end(), key) ==
                  other.depends_on.end(),
              object_key(other) + " still depends on it");
    }
    require(!needed_by_tables(s_.tables, s_.objects).count(key), "a table still uses it");
    s_.objects.erase(it);
  }
  void run(const SetObjectComment& o) {
    auto it = object_at(o.object);
    require(it != s_.objects.end(), "no such object");
    it->comment = o.object.comment;
  }
  void run(const SetComment& o) {
    using Target = SetComment::Target;
    switch (o.target) {
      case Target::kSchema:
        require(o.name.name == "public" ||
                    std::count(s_.schemas.begin(), s_.schemas.end(), o.name.name) > 0,
                "no schema");
        set_schema_comment(s_, o.name.name, o.comment);
        return;
      case Target::kEnum:
        require(find(s_.enums, o.name) != s_.enums.end(), "no type");
        find(s_.enums, o.name)->comment = o.comment;
        return;
      case Target::kSequence:
        require(find(s_.sequences, o.name) != s_.sequences.end(), "no sequence");
        find(s_.sequences, o.name)->comment = o.comment;
        return;
      case Target::kIndex: {
        auto& indexes = table_of({o.name.schema, o.table}).indexes;
        require(find(indexes, o.name.name) != indexes.end(), "no index");
        find(indexes, o.name.name)->comment = o.comment;
        return;
      }
      case Target::kConstraint: {
        auto& constraints = table_of({o.name.schema, o.table}).constraints;
        require(find(constraints, o.name.name) != constraints.end(), "no constraint");
        find(constraints, o.name.name)->comment = o.comment;
        return;
      }
    }
  }
  void run(const Execute& o) {
    static const std::regex rename(R"(ALTER TYPE (\S+) RENAME TO (\S+))");
    static const std::regex sequence(R"(ALTER SEQUENCE (\S+) AS (\w+).* MAXVALUE (\d+))");
    std::smatch m;
    if (o.data_only) return;
    if (std::regex_match(o.sql, m, rename)) {
      QualifiedName from = parse_qualified(m[1]);
      for (Table& t : s_.tables) {
        for (Column& c : t.columns) {
          if (c.type == from.schema + "." + from.name)
            c.type = from.schema + "." + std::string(m[2]);
        }
      }
      find(s_.enums, from)->name.name = m[2];
    } else if (std::regex_search(o.sql, m, sequence)) {
      auto it = find(s_.sequences, parse_qualified(m[1]));
      it->data_type = m[2];
      it->max_value = std::stoll(m[3]);
    } else {
      fail("unexpected SQL");
    }
  }

  Schema s_;
  std::string step_;
};

Schema normalized(Schema s) {
  auto by_name = [](auto& a, auto& b) { return a.name < b.name; };
  std::sort(s.schemas.begin(), s.schemas.end());
  std::sort(s.extensions.begin(), s.extensions.end(), by_name);
  std::sort(s.enums.begin(), s.enums.end(), by_name);
  std::sort(s.sequences.begin(), s.sequences.end(), by_name);
  std::sort(s.tables.begin(), s.tables.end(), by_name);
  std::sort(s.objects.begin(), s.objects.end(),
            [](auto& a, auto& b) { return object_key(a) < object_key(b); });
  for (Table& t : s.tables) {
    std::sort(t.constraints.begin(), t.constraints.end(), by_name);
    std::sort(t.indexes.begin(), t.indexes.end(), by_name);
  }
  return s;
}

Schema applied(const Schema& start, const std::vector<Op>& ops) {
  Checker checker(start);
  for (const Op& op : ops) checker.apply(op);
  return normalized(checker.schema());
}

/// Variations on the seed-like schema: the scenario's drift and more.
std::vector<std::pair<std::string, Schema>> variants() {
  Schema base = test::seed_like_schema();
  std::vector<std::pair<std::string, Schema>> out;
  out.push_back({"empty", Schema{}});
  out.push_back({"base", base});

  Schema drift = test::seed_like_drift_schema();
  out.push_back({"drift", drift});

  Schema keys = base;  // a key that FKs depend on changes; enum labels removed and added
  keys.table({"public", "user"})->constraints[0].name = "user_id_pkey";
  keys.enums[0].values = {"done", "pending"};
  keys.enums[1].values = {"online", "offline", "draining"};
  keys.table({"public", "issue"})->columns[3].type = "bigint";
  out.push_back({"keys", keys});

  Schema cycle = base;  // new tables referencing each other and an old one
  cycle.tables.push_back(
      table("a", {col("id", "integer", false), col("b_id", "integer"), col("u", "uuid")},
            {fk("a_b_id_fkey", {"b_id"}, "b", {"id"}), fk("a_u_fkey", {"u"}, "user", {"id"}),
             pk("a_pkey", {"id"})}));
  cycle.tables.push_back(table("b", {col("id", "integer", false), col("a_id", "integer")},
                               {fk("b_a_id_fkey", {"a_id"}, "a", {"id"}), pk("b_pkey", {"id"})}));
  cycle.sequences.push_back(test::serial_sequence("b", "id"));
  cycle.table({"public", "b"})->columns[0].default_value = test::nextval("b_id_seq");
  cycle.schemas = {"audit"};
  out.push_back({"cycle", cycle});

  using Kind = CatalogObject::Kind;
  Schema objects = base;  // a domain a column uses, a view on a view on a function, a trigger
  objects.objects = {
      test::object(Kind::kDomain, "amount", "CREATE DOMAIN public.amount AS numeric"),
      test::object(Kind::kFunction, "z_fn", "CREATE FUNCTION public.z_fn(x integer) ...", {},
                   "x integer"),
      test::object(Kind::kView, "m_mid", "CREATE VIEW public.m_mid AS SELECT public.z_fn(1)",
                   {"FUNCTION public.z_fn(x integer)", "TABLE public.\"user\""}),
      test::object(Kind::kView, "a_top", "CREATE VIEW public.a_top AS SELECT * FROM m_mid",
                   {"VIEW public.m_mid"}),
      test::object(Kind::kFunction, "touch", "CREATE FUNCTION public.touch() ..."),
      test::object(Kind::kTrigger, "user_touch", "CREATE TRIGGER user_touch ...",
                   {"FUNCTION public.touch()", "TABLE public.\"user\""}, "public.\"user\""),
  };
  std::sort(objects.objects.begin(), objects.objects.end(),
            [](auto& a, auto& b) { return object_key(a) < object_key(b); });
  objects.table({"public", "user"})->columns.push_back(col("credit", "public.amount"));
  out.push_back({"objects", objects});

  Schema changed = objects;  // the function under the views changes, a comment is added
  for (CatalogObject& o : changed.objects) {
    if (o.name.name == "z_fn") o.definition += " -- v2";
    if (o.name.name == "touch") o.comment = "stamps";
  }
  out.push_back({"changed_objects", changed});

  Schema comments = keys;  // comments on every kind, public's among them; keys rebuilt
  comments.schema_comments = {{"public", "the app"}};
  comments.enums[0].comment = "recreated with its comment";
  comments.enums[1].comment = "kept";
  comments.sequences[0].comment = "prompt ids";
  comments.table({"public", "user"})->constraints[0].comment = "renamed key";
  comments.table({"public", "user"})->indexes[0].comment = "emails";
  comments.table({"public", "issue"})->constraints[0].comment = "a check";
  out.push_back({"comments", comments});
  return out;
}

class RoundTrip : public testing::TestWithParam<std::pair<int, int>> {};

TEST_P(RoundTrip, DiffAppliedGivesTheTargetAndTheReverseDiffGivesTheStartBack) {
  auto all = variants();
  const auto& [from_name, from] = all[GetParam().first];
  const auto& [to_name, to] = all[GetParam().second];
  SCOPED_TRACE(from_name + " -> " + to_name);
  DiffResult forward = diff_schemas(from, to);
  DiffResult backward = diff_schemas(to, from);
  EXPECT_EQ(applied(from, forward.ops), normalized(to));
  EXPECT_EQ(applied(to, backward.ops), normalized(from));
  // Each direction flags the tables it drops.
  auto dropped = [](const DiffResult& r) {
    return std::count_if(r.hazards.begin(), r.hazards.end(),
                         [&](const Hazard& h) { return h.kind == "drop_table"; });
  };
  auto missing = [](const Schema& a, const Schema& b) {
    return std::count_if(a.tables.begin(), a.tables.end(),
                         [&](const Table& t) { return b.table(t.name) == nullptr; });
  };
  EXPECT_EQ(dropped(forward), missing(from, to));
  EXPECT_EQ(dropped(backward), missing(to, from));
}

std::vector<std::pair<int, int>> pairs() {
  std::vector<std::pair<int, int>> out;
  int n = static_cast<int>(variants().size());
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) {
      if (i < j) out.push_back({i, j});
    }
  }
  return out;
}

INSTANTIATE_TEST_SUITE_P(Variants, RoundTrip, testing::ValuesIn(pairs()),
                         [](const auto& param_info) {
                           auto all = variants();
                           return all[param_info.param.first].first + "_to_" +
                                  all[param_info.param.second].first;
                         });

TEST(RoundTripHazards, AreFlaggedInBothDirections) {
  auto all = variants();
  const Schema& base = all[1].second;
  const Schema& drift = all[2].second;
  auto kinds = [](const DiffResult& r) {
    std::vector<std::string> out;
    for (const Hazard& h : r.hazards) out.push_back(h.kind + " " + h.object);
    return out;
  };
  EXPECT_EQ(kinds(diff_schemas(base, drift)),
            (std::vector<std::string>{"drop_table issue", "drop_column prompt.price",
                                      "not_null_backfill prompt.owner_id",
                                      "new_constraint prompt.prompt_owner_id_fkey"}));
  EXPECT_EQ(kinds(diff_schemas(drift, base)),
            (std::vector<std::string>{"drop_table credential", "drop_table credentialnodelink",
                                      "type_narrowing node.name", "drop_column prompt.created_at",
                                      "drop_column prompt.owner_id"}));
}

}  // namespace
}  // namespace asq
