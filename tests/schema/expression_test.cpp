// The expression printer against PostgreSQL 15: each case is written into a CHECK constraint
// (read back with pg_get_expr, the plain style) and, where the server allows it, into the
// predicate of a partial index or an index key (read back pretty, as introspection reads them).

#include "schema/expression.h"

#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "support/postgres.h"

namespace asq {
namespace {

const char* kTable =
    "CREATE EXTENSION citext SCHEMA public;"
    "CREATE TYPE public.mood AS ENUM ('ok', 'meh');"
    "CREATE TABLE public.t (i integer, s smallint, b bigint, n numeric(12,2), n2 numeric,"
    " r real, d double precision, tx text, vc varchar(10), ch char(3), bo boolean, dt date,"
    " ts timestamp, tz timestamptz, iv interval, m public.mood, u uuid, c public.citext)";

std::optional<ExpressionColumn> column_of_t(const std::string& qualifier, const std::string& name) {
  static const std::map<std::string, std::string> types = {{"i", "integer"},
                                                           {"s", "smallint"},
                                                           {"b", "bigint"},
                                                           {"n", "numeric(12,2)"},
                                                           {"n2", "numeric"},
                                                           {"r", "real"},
                                                           {"d", "double precision"},
                                                           {"tx", "text"},
                                                           {"vc", "character varying(10)"},
                                                           {"ch", "character(3)"},
                                                           {"bo", "boolean"},
                                                           {"dt", "date"},
                                                           {"ts", "timestamp without time zone"},
                                                           {"tz", "timestamp with time zone"},
                                                           {"iv", "interval"},
                                                           {"m", "public.mood"},
                                                           {"u", "uuid"},
                                                           {"c", "public.citext"}};
  auto it = types.find(name);
  if (!qualifier.empty() || it == types.end()) return std::nullopt;
  return ExpressionColumn{it->second, name, it->second == "public.mood",
                          it->second == "public.citext" ? "citext" : ""};
}

/// Where a case is also checked in the pretty style: a partial index's predicate (boolean,
/// immutable), an index key (immutable, any type), or not at all (not immutable).
enum class Pretty { kPredicate, kKey, kNone };

struct Case {
  const char* sql;
  Pretty pretty;
};

// Boolean cases are checked as CHECK constraints; the others through CHECK ((expr) IS NULL),
// whose printed form holds the expression's own.
const Case kCases[] = {
    {"i > 0", Pretty::kPredicate},
    {"i != 1", Pretty::kPredicate},
    {"i > -1", Pretty::kPredicate},
    {"vc IN ('INSERT', 'UPDATE', 'DELETE')", Pretty::kPredicate},
    {"tx in ('a', 'b')", Pretty::kPredicate},
    {"m in ('ok', 'meh')", Pretty::kPredicate},
    {"m = 'ok'", Pretty::kPredicate},
    {"i in (1, 2)", Pretty::kPredicate},
    {"i not in (1, 2)", Pretty::kPredicate},
    {"i in (1)", Pretty::kPredicate},
    {"vc = 'x'", Pretty::kPredicate},
    {"tx = 'x'", Pretty::kPredicate},
    {"ch = 'x'", Pretty::kPredicate},
    {"tx = vc", Pretty::kPredicate},
    {"tx like 'a%'", Pretty::kPredicate},
    {"vc ilike 'a%'", Pretty::kPredicate},
    {"tx not like 'a%'", Pretty::kPredicate},
    {"tx ~ '^[a-z]+$'", Pretty::kPredicate},
    {"i between 1 and 3", Pretty::kPredicate},
    {"i not between 1 and 3", Pretty::kPredicate},
    {"i > 0 and i < 10 and s > 1", Pretty::kPredicate},
    {"i > 0 or i < 10 and s > 1", Pretty::kPredicate},
    {"(i > 0 or i < 10) and s > 1", Pretty::kPredicate},
    {"b > 1 AND (i > 0 AND s > 0) AND bo", Pretty::kPredicate},
    {"not bo", Pretty::kPredicate},
    {"bo", Pretty::kPredicate},
    {"not (i > 0 and s > 0)", Pretty::kPredicate},
    {"not i > 0", Pretty::kPredicate},
    {"bo is true", Pretty::kPredicate},
    {"bo is not false", Pretty::kPredicate},
    {"(i > 0) is true", Pretty::kPredicate},
    {"tx is not null", Pretty::kPredicate},
    {"tx isnull", Pretty::kPredicate},
    {"i is distinct from 1", Pretty::kPredicate},
    {"i is not distinct from 2", Pretty::kPredicate},
    {"n > 0", Pretty::kPredicate},
    {"n * 2 > 1", Pretty::kPredicate},
    {"n > 1.5", Pretty::kPredicate},
    {"i > 1.5", Pretty::kPredicate},
    {"r > 1.5", Pretty::kPredicate},
    {"d > i", Pretty::kPredicate},
    {"i + s > b", Pretty::kPredicate},
    {"i + s * 2 > b - (i - s)", Pretty::kPredicate},
    {"(i + 1) * 2 > 0", Pretty::kPredicate},
    {"(i - s) - 1 > 0", Pretty::kPredicate},
    {"s % i > 0", Pretty::kPredicate},
    {"-i > 0", Pretty::kPredicate},
    {"100::numeric > n", Pretty::kPredicate},
    {"(i + 1)::numeric > 1.5", Pretty::kPredicate},
    {"i::bigint > 0", Pretty::kPredicate},
    {"tx::varchar = 'a'", Pretty::kPredicate},
    {"CAST(i AS text) = 'x'", Pretty::kPredicate},
    {"tx || 'x' = 'y'", Pretty::kPredicate},
    {"tx || 'a' || vc = 'x'", Pretty::kPredicate},
    {"dt > '2020-01-01'", Pretty::kPredicate},
    {"dt between '2020-01-01' and '2021-01-01'", Pretty::kPredicate},
    {"ts > '2020-01-01'", Pretty::kPredicate},
    {"dt + 1 > dt", Pretty::kPredicate},
    {"iv > interval '1 day'", Pretty::kPredicate},
    {"tz > now()", Pretty::kNone},
    {"tz - interval '1 day' < now()", Pretty::kNone},
    {"tz > CURRENT_TIMESTAMP", Pretty::kNone},
    {"lower(tx) = tx", Pretty::kPredicate},
    {"upper(vc) = 'X'", Pretty::kPredicate},
    {"length(vc) > 3", Pretty::kPredicate},
    {"length(ch) > 3", Pretty::kPredicate},
    {"btrim(tx) <> ''", Pretty::kPredicate},
    {"round(n * n2, 2) > 0", Pretty::kPredicate},
    {"round(i) > 0", Pretty::kPredicate},
    {"abs(n) > 0", Pretty::kPredicate},
    {"abs(i) > 1", Pretty::kPredicate},
    {"coalesce(i, 0) > 1", Pretty::kPredicate},
    {"coalesce(i, 0) + 1 > 0", Pretty::kPredicate},
    {"coalesce(vc, tx) = 'a'", Pretty::kPredicate},
    {"greatest(i, s) > 0", Pretty::kPredicate},
    {"least(i, 2.5) > 1", Pretty::kPredicate},
    {"nullif(i, 0) > 1", Pretty::kPredicate},
    {"nullif(b, i) = 3", Pretty::kPredicate},
    {"nullif(vc, 'x') = 'y'", Pretty::kPredicate},
    {"nullif(tx, vc) = 'a'", Pretty::kPredicate},
    {"nullif(tx, '')::integer", Pretty::kKey},
    {"tx = current_setting('x')", Pretty::kNone},
    {"i = nullif(current_setting('app.account_id', true), '')::integer", Pretty::kNone},
    {"concat(vc, 'x') = 'y'", Pretty::kNone},
    {"concat_ws(',', tx, i) = 'x'", Pretty::kNone},
    {"tx <> ALL (ARRAY['a', 'b'])", Pretty::kPredicate},
    {"date_trunc('day', tz) = tz", Pretty::kNone},
    {"date_trunc('day', ts) = ts", Pretty::kPredicate},
    {"lower(tx)", Pretty::kKey},
    {"i + 1", Pretty::kKey},
    {"vc::text", Pretty::kKey},
    {"tx || 'x'", Pretty::kKey},
    {"to_tsvector('simple', tx)", Pretty::kKey},
    {"(n * 100)::bigint", Pretty::kKey},
    {"round(n * n2, 2)", Pretty::kKey},
    {"i * n", Pretty::kKey},
    // citext's operators (in public, on the search path as the migrations run) print
    // qualified; where the server picks pg_catalog's, citext is cast to text.
    {"c = 'x'", Pretty::kPredicate},
    {"'a' = c", Pretty::kPredicate},
    {"c ~ '^[^@\\s]+@[^@\\s]+$'", Pretty::kPredicate},
    {"c ~ tx", Pretty::kPredicate},
    {"tx ~ c", Pretty::kPredicate},
    {"c = tx", Pretty::kPredicate},
    {"c = vc", Pretty::kPredicate},
    {"vc = c", Pretty::kPredicate},
    {"c = ch", Pretty::kPredicate},
    {"c ~~* 'a%' and c <> 'b'", Pretty::kPredicate},
    {"c ilike 'a%' or c not like 'b%'", Pretty::kPredicate},
    {"c !~* 'x' and c !~~* tx and c ~* tx", Pretty::kPredicate},
    {"c < 'm' and c >= 'a'", Pretty::kPredicate},
    {"c ~<~ 'm'", Pretty::kPredicate},
    {"c in ('a', 'b')", Pretty::kPredicate},
    {"c not in ('a', 'b')", Pretty::kPredicate},
    {"c between 'a' and 'b'", Pretty::kPredicate},
    {"c <> ALL (ARRAY['a', 'b'])", Pretty::kPredicate},
    {"c is not null and c !~ 'y'", Pretty::kPredicate},
    {"c is distinct from 'x'", Pretty::kPredicate},
    {"c::text = 'a'", Pretty::kPredicate},
    {"tx::public.citext = c", Pretty::kPredicate},
    {"c = 'a'::public.citext", Pretty::kPredicate},
    {"ch::public.citext = c", Pretty::kPredicate},
    {"c::integer > 0", Pretty::kPredicate},
    {"c::varchar = 'a'", Pretty::kPredicate},
    {"c OPERATOR(public.~) tx", Pretty::kPredicate},
    {"c OPERATOR(pg_catalog.~) tx", Pretty::kPredicate},
    {"lower(c) = 'a'", Pretty::kPredicate},
    {"length(c) > 2", Pretty::kPredicate},
    {"coalesce(c, 'x') = 'y'", Pretty::kPredicate},
    {"nullif(c, '') = 'y'", Pretty::kPredicate},
    {"c", Pretty::kKey},
    {"c || 'x' = 'y'", Pretty::kPredicate},
    {"c || tx", Pretty::kKey},
    {"upper(c)", Pretty::kKey},
    {"c = ANY (ARRAY['a', 'b'])", Pretty::kPredicate},
};

/// What the server prints for `sql`: as a check (plain) and in the pretty place of `pretty`.
struct ServerForms {
  std::string plain;
  std::optional<std::string> pretty;
};

ServerForms server_forms(pqxx::connection& c, const std::string& sql, bool boolean, Pretty pretty) {
  pqxx::work w(c);
  // Written with public on the search path, as migrations are; read back with none.
  auto write = [&](const std::string& ddl) {
    w.exec("SET LOCAL search_path = public");
    w.exec(ddl);
  };
  auto read = [&](const std::string& query) {
    w.exec("SET LOCAL search_path = ''");
    return w.exec1(query)[0].as<std::string>();
  };
  std::string check = boolean ? sql : "(" + sql + ") IS NULL";
  write("ALTER TABLE public.t ADD CONSTRAINT probe CHECK (" + check + ")");
  ServerForms forms;
  forms.plain = read(
      "SELECT pg_get_expr(conbin, conrelid) FROM pg_constraint "
      "WHERE conname = 'probe'");
  if (pretty == Pretty::kPredicate) {
    write("CREATE INDEX probe_i ON public.t (i) WHERE (" + sql + ")");
    forms.pretty = read(
        "SELECT pg_get_expr(indpred, indrelid, true) FROM pg_index "
        "WHERE indexrelid = 'public.probe_i'::regclass");
  } else if (pretty == Pretty::kKey) {
    write("CREATE INDEX probe_k ON public.t ((" + sql + "))");
    forms.pretty = read("SELECT pg_get_indexdef('public.probe_k'::regclass, 1, true)");
  }
  w.abort();
  return forms;
}

TEST(ExpressionPrinter, PrintsWhatTheServerPrints) {
  test::TestDatabase db("expressions");
  db.execute(kTable);
  pqxx::connection c(db.url());
  for (const Case& k : kCases) {
    SCOPED_TRACE(k.sql);
    auto plain = print_expression(k.sql, column_of_t, ExpressionStyle::kPlain);
    auto pretty = print_expression(k.sql, column_of_t, ExpressionStyle::kPretty);
    ASSERT_TRUE(plain && pretty);
    bool boolean = plain->type == "boolean" && k.pretty != Pretty::kKey;
    ServerForms server = server_forms(c, k.sql, boolean, k.pretty);
    EXPECT_EQ(boolean ? plain->text : "(" + plain->text + " IS NULL)", server.plain);
    if (server.pretty) {
      bool bare =
          k.pretty == Pretty::kPredicate || pretty->function_like || !pretty->column.empty();
      EXPECT_EQ(bare ? pretty->text : "(" + pretty->text + ")", *server.pretty);
    }
    // What the server printed reads back to itself.
    auto again = print_expression(plain->text, column_of_t, ExpressionStyle::kPlain);
    ASSERT_TRUE(again) << plain->text;
    EXPECT_EQ(again->text, plain->text);
  }
}

TEST(ExpressionPrinter, WhatItCannotPredictIsNotGuessed) {
  for (const char* sql :
       {"case when i > 0 then 'a' else 'b' end = tx", "public.f(i) > 0", "nullif(i) > 1",
        "unknown_column > 0", "i > 0 and", "vc::varchar(5) = 'x'", "tx similar to 'a'",
        "i = ANY (ARRAY[])", "count(*) > 0", "x.i > 0", "position('a' in tx) > 0",
        // citext's own functions would be chosen for a citext argument.
        "replace(c, 'a', 'b') = 'x'", "split_part(c, ',', 1) = 'x'",
        // Operators of a schema without a modelled extension, or on no citext column.
        "c OPERATOR(other.=) 'x'", "'a' OPERATOR(public.=) 'b'", "tx::public.citext = 'a'"}) {
    SCOPED_TRACE(sql);
    EXPECT_FALSE(print_expression(sql, column_of_t, ExpressionStyle::kPlain));
  }
}

TEST(ExpressionPrinter, CitextIsModelledOnlyWhereTheExtensionPutIt) {
  std::vector<Extension> installed = {{"citext", "ext", "1.6"}};
  EXPECT_EQ(modelled_extension_of("ext.citext", installed), "citext");
  EXPECT_EQ(modelled_extension_of("public.citext", installed), "");
  EXPECT_EQ(modelled_extension_of("ext.citext", {{"hstore", "ext", "1.8"}}), "");
  auto type_of = [](std::string_view name) { return name == "c" ? "ext.citext" : ""; };
  // Outside the search path its operators are not seen: the server compares as text.
  auto outside =
      print_expression("c = 'x'", table_columns(type_of, {}, installed), ExpressionStyle::kPlain);
  ASSERT_TRUE(outside);
  EXPECT_EQ(outside->text, "((c)::text = 'x'::text)");
  auto qualified = print_expression("c OPERATOR(ext.=) 'x'", table_columns(type_of, {}, installed),
                                    ExpressionStyle::kPlain);
  ASSERT_TRUE(qualified);
  EXPECT_EQ(qualified->text, "(c OPERATOR(ext.=) 'x'::ext.citext)");
  // A type named citext the extension did not make is not modelled.
  EXPECT_FALSE(print_expression("c = 'x'", table_columns(type_of), ExpressionStyle::kPlain));
}

}  // namespace
}  // namespace asq
