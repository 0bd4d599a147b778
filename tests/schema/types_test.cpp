#include "schema/types.h"

#include <gtest/gtest.h>

#include "common/source_error.h"
#include "python/parser.h"
#include "schema/defaults.h"

namespace asq {
namespace {

// Expected spellings were printed by PostgreSQL 15 (format_type / pg_get_expr with
// search_path = '') for the DDL SQLAlchemy 1.4 emits for each construct.

SqlType from_python(const std::string& source) {
  auto expr = py::parse_expression(source, "t.py");
  return canonical_type_from_sqlalchemy(*expr, "t.py", source);
}

std::string spelling(const std::string& source) { return from_python(source).spelling; }

std::string python_error(const std::string& source) {
  try {
    from_python(source);
  } catch (const SourceError& e) {
    return e.what();
  }
  return "no error";
}

TEST(SqlAlchemyTypes, Integers) {
  EXPECT_EQ(spelling("sa.Integer()"), "integer");
  EXPECT_EQ(spelling("sa.Integer"), "integer");
  EXPECT_EQ(spelling("sa.BigInteger()"), "bigint");
  EXPECT_EQ(spelling("sa.SmallInteger()"), "smallint");
  EXPECT_EQ(spelling("postgresql.INTEGER()"), "integer");
  EXPECT_EQ(spelling("sqlalchemy.types.BIGINT()"), "bigint");
}

TEST(SqlAlchemyTypes, SerialTypeFollowsSqlAlchemyAffinity) {
  EXPECT_EQ(from_python("sa.Integer()").serial_type, "integer");
  EXPECT_EQ(from_python("sa.BigInteger()").serial_type, "bigint");
  EXPECT_EQ(from_python("sa.SmallInteger()").serial_type, "smallint");
  // Numeric primary keys are autoincrement columns too: SQLAlchemy renders them SERIAL.
  EXPECT_EQ(from_python("sa.Numeric(10, 0)").serial_type, "integer");
  EXPECT_EQ(from_python("sa.String()").serial_type, "");
  EXPECT_EQ(from_python("postgresql.UUID(as_uuid=True)").serial_type, "");
}

TEST(SqlAlchemyTypes, Strings) {
  EXPECT_EQ(spelling("sa.String(length=255)"), "character varying(255)");
  EXPECT_EQ(spelling("sa.String(255)"), "character varying(255)");
  EXPECT_EQ(spelling("sa.String()"), "character varying");
  EXPECT_EQ(spelling("sa.VARCHAR()"), "character varying");
  EXPECT_EQ(spelling("sa.VARCHAR(length=255)"), "character varying(255)");
  EXPECT_EQ(spelling("sa.Unicode(10)"), "character varying(10)");
  EXPECT_EQ(spelling("sa.Text()"), "text");
  EXPECT_EQ(spelling("sa.UnicodeText()"), "text");
  EXPECT_EQ(spelling("sa.CHAR()"), "character(1)");
  EXPECT_EQ(spelling("sa.NCHAR(4)"), "character(4)");
  EXPECT_EQ(spelling("sqlmodel.sql.sqltypes.AutoString()"), "character varying");
  EXPECT_EQ(spelling("sqlmodel.sql.sqltypes.AutoString(length=255)"), "character varying(255)");
  EXPECT_EQ(from_python("sa.String(20, collation='C')").collation, "\"C\"");
}

TEST(SqlAlchemyTypes, Numbers) {
  EXPECT_EQ(spelling("sa.Boolean()"), "boolean");
  EXPECT_EQ(spelling("sa.Float()"), "double precision");
  EXPECT_EQ(spelling("sa.Float(precision=24)"), "real");
  EXPECT_EQ(spelling("sa.Float(53)"), "double precision");
  EXPECT_EQ(spelling("sa.REAL()"), "real");
  EXPECT_EQ(spelling("postgresql.DOUBLE_PRECISION()"), "double precision");
  EXPECT_EQ(spelling("sa.Numeric()"), "numeric");
  EXPECT_EQ(spelling("sa.Numeric(10, 2)"), "numeric(10,2)");
  EXPECT_EQ(spelling("sa.Numeric(precision=10, scale=2)"), "numeric(10,2)");
  EXPECT_EQ(spelling("sa.Numeric(10)"), "numeric(10,0)");
  EXPECT_EQ(spelling("sa.DECIMAL(5, 2)"), "numeric(5,2)");
}

TEST(SqlAlchemyTypes, DatesAndTimes) {
  EXPECT_EQ(spelling("sa.DateTime()"), "timestamp without time zone");
  EXPECT_EQ(spelling("sa.DateTime(timezone=True)"), "timestamp with time zone");
  EXPECT_EQ(spelling("sa.TIMESTAMP()"), "timestamp without time zone");
  EXPECT_EQ(spelling("postgresql.TIMESTAMP(timezone=True)"), "timestamp with time zone");
  EXPECT_EQ(spelling("postgresql.TIMESTAMP(timezone=True, precision=3)"),
            "timestamp(3) with time zone");
  EXPECT_EQ(spelling("sa.Date()"), "date");
  EXPECT_EQ(spelling("sa.Time()"), "time without time zone");
  EXPECT_EQ(spelling("sa.Time(timezone=True)"), "time with time zone");
  EXPECT_EQ(spelling("sa.Interval()"), "interval");
  EXPECT_EQ(spelling("postgresql.INTERVAL(fields='day to second', precision=3)"),
            "interval day to second(3)");
}

TEST(SqlAlchemyTypes, PostgresqlTypes) {
  EXPECT_EQ(spelling("sa.LargeBinary()"), "bytea");
  EXPECT_EQ(spelling("postgresql.BYTEA()"), "bytea");
  EXPECT_EQ(spelling("sa.JSON()"), "json");
  EXPECT_EQ(spelling("postgresql.JSONB()"), "jsonb");
  EXPECT_EQ(spelling("postgresql.JSONB(astext_type=sa.Text())"), "jsonb");
  EXPECT_EQ(spelling("sa.Uuid()"), "uuid");
  EXPECT_EQ(spelling("postgresql.UUID(as_uuid=True)"), "uuid");
  EXPECT_EQ(spelling("postgresql.ARRAY(sa.Integer())"), "integer[]");
  EXPECT_EQ(spelling("postgresql.ARRAY(sa.String(20), dimensions=2)"), "character varying(20)[]");
  EXPECT_EQ(spelling("sa.ARRAY(sa.Text)"), "text[]");
  EXPECT_EQ(spelling("postgresql.INET()"), "inet");
  EXPECT_EQ(spelling("postgresql.CIDR()"), "cidr");
  EXPECT_EQ(spelling("postgresql.TSVECTOR()"), "tsvector");
  EXPECT_EQ(spelling("postgresql.INT4RANGE()"), "int4range");
  EXPECT_EQ(spelling("postgresql.BIT(3)"), "bit(3)");
  EXPECT_EQ(spelling("postgresql.BIT(varying=True)"), "bit varying");
  EXPECT_EQ(spelling("postgresql.HSTORE()"), "public.hstore");
  EXPECT_EQ(spelling("sqlalchemy.dialects.postgresql.UUID()"), "uuid");
}

TEST(SqlAlchemyTypes, EnumsAreTheirQualifiedName) {
  SqlType type = from_python("sa.Enum('online', 'offline', name='nodestatus')");
  EXPECT_EQ(type.spelling, "public.nodestatus");
  ASSERT_TRUE(type.enum_type.has_value());
  EXPECT_EQ(type.enum_type->name, (QualifiedName{"public", "nodestatus"}));
  EXPECT_EQ(type.enum_type->values, (std::vector<std::string>{"online", "offline"}));
  EXPECT_TRUE(type.create_type);

  SqlType reused = from_python("postgresql.ENUM('a', 'b', name='x', create_type=False)");
  EXPECT_EQ(reused.spelling, "public.x");
  EXPECT_FALSE(reused.create_type);
  EXPECT_TRUE(from_python("postgresql.ENUM('a', name='x')").create_type);

  EXPECT_EQ(spelling("sa.Enum('a', name='MyEnum', schema='s2')"), "s2.\"MyEnum\"");
  EXPECT_EQ(spelling("sa.Enum(*['a', 'b'], name='user')"), "public.\"user\"");
  EXPECT_EQ(from_python("postgresql.ENUM(name='issuestatus')").enum_type->values.size(), 0u);
}

TEST(SqlAlchemyTypes, NonNativeEnumIsVarchar) {
  EXPECT_EQ(spelling("sa.Enum('p', 'qq', native_enum=False)"), "character varying(2)");
  EXPECT_EQ(spelling("sa.Enum('x', name='h', native_enum=False, length=10)"),
            "character varying(10)");
  EXPECT_FALSE(from_python("sa.Enum('p', native_enum=False)").enum_type.has_value());
}

TEST(SqlAlchemyTypes, ErrorsNameTheConstruct) {
  EXPECT_EQ(python_error("sa.Geometry()"),
            "t.py:1:1: sa.Geometry is not a known type\nsa.Geometry()\n^");
  EXPECT_EQ(python_error("sa.Enum('a', 'b')"),
            "t.py:1:1: sa.Enum(): a PostgreSQL ENUM needs name=\nsa.Enum('a', 'b')\n^");
  EXPECT_EQ(python_error("sa.String(length=10, flavour=2)"),
            "t.py:1:1: sa.String(): argument flavour= is not supported\n"
            "sa.String(length=10, flavour=2)\n^");
  EXPECT_EQ(python_error("postgresql.ARRAY(sa.Foo())"),
            "t.py:1:18: sa.Foo is not a known type\npostgresql.ARRAY(sa.Foo())\n"
            "                 ^");
  EXPECT_EQ(python_error("sa.String(length=n)"),
            "t.py:1:18: expected a literal argument or a type\nsa.String(length=n)\n"
            "                 ^");
}

TEST(SqlAlchemyTypes, CanonicalSymbols) {
  EXPECT_EQ(canonical_symbol("sqlalchemy.Column"), "sa.Column");
  EXPECT_EQ(canonical_symbol("sqlalchemy.sql.sqltypes.String"), "sa.String");
  EXPECT_EQ(canonical_symbol("sqlalchemy.sql.expression.text"), "sa.text");
  EXPECT_EQ(canonical_symbol("sqlalchemy.dialects.postgresql.json.JSONB"), "postgresql.JSONB");
  EXPECT_EQ(canonical_symbol("sqlalchemy.dialects.postgresql"), "postgresql");
  EXPECT_EQ(canonical_symbol("sqlmodel.sql.sqltypes.AutoString"), "sqlmodel.AutoString");
  EXPECT_EQ(canonical_symbol("alembic.op.create_table"), "op.create_table");
  EXPECT_EQ(canonical_symbol("typing.Union"), "typing.Union");
}

TEST(SqlTypes, CanonicalSpellings) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"varchar(255)", "character varying(255)"},
      {"VARCHAR", "character varying"},
      {"character varying(10)", "character varying(10)"},
      {"char(2)", "character(2)"},
      {"char", "character(1)"},
      {"nchar(4)", "character(4)"},
      {"text", "text"},
      {"int", "integer"},
      {"int4", "integer"},
      {"INTEGER", "integer"},
      {"int8", "bigint"},
      {"int2", "smallint"},
      {"bool", "boolean"},
      {"float4", "real"},
      {"float8", "double precision"},
      {"float", "double precision"},
      {"float(24)", "real"},
      {"float(53)", "double precision"},
      {"double precision", "double precision"},
      {"decimal(5, 2)", "numeric(5,2)"},
      {"numeric(5)", "numeric(5,0)"},
      {"numeric", "numeric"},
      {"timestamptz", "timestamp with time zone"},
      {"timestamp", "timestamp without time zone"},
      {"timestamp(3) with time zone", "timestamp(3) with time zone"},
      {"timestamp(0)", "timestamp(0) without time zone"},
      {"time", "time without time zone"},
      {"timetz", "time with time zone"},
      {"time(2) with time zone", "time(2) with time zone"},
      {"interval", "interval"},
      {"interval(3)", "interval(3)"},
      {"interval day to second (3)", "interval day to second(3)"},
      {"interval year", "interval year"},
      {"bit(3)", "bit(3)"},
      {"bit", "bit(1)"},
      {"varbit", "bit varying"},
      {"uuid", "uuid"},
      {"jsonb", "jsonb"},
      {"text[]", "text[]"},
      {"integer[][]", "integer[]"},
      {"varchar(3)[]", "character varying(3)[]"},
      {"int array", "integer[]"},
      {"\"char\"", "\"char\""},
      {"issuestatus", "public.issuestatus"},
      {"public.issuestatus", "public.issuestatus"},
      {"\"MyEnum\"", "public.\"MyEnum\""},
      {"s2.\"MyEnum\"", "s2.\"MyEnum\""},
      {"user", "public.\"user\""},
  };
  for (const auto& [sql, expected] : cases) {
    EXPECT_EQ(canonical_type_from_sql(sql).spelling, expected) << sql;
    EXPECT_FALSE(canonical_type_from_sql(sql).serial) << sql;
  }
}

TEST(SqlTypes, SerialPseudoTypes) {
  EXPECT_EQ(canonical_type_from_sql("SERIAL").spelling, "integer");
  EXPECT_TRUE(canonical_type_from_sql("SERIAL").serial);
  EXPECT_EQ(canonical_type_from_sql("bigserial").spelling, "bigint");
  EXPECT_TRUE(canonical_type_from_sql("serial8").serial);
  EXPECT_EQ(canonical_type_from_sql("smallserial").spelling, "smallint");
}

TEST(SqlTypes, UnreadableSpellingsThrow) {
  EXPECT_THROW(canonical_type_from_sql("geometry(Point, 4326)"), SpellingError);
  EXPECT_THROW(canonical_type_from_sql("varchar(10"), SpellingError);
  EXPECT_THROW(canonical_type_from_sql(""), SpellingError);
  EXPECT_THROW(canonical_type_from_sql("serial[]"), SpellingError);
}

TEST(Quoting, QuotesLikeQuoteIdent) {
  EXPECT_EQ(quote_identifier("node"), "node");
  EXPECT_EQ(quote_identifier("user"), "\"user\"");
  EXPECT_EQ(quote_identifier("order"), "\"order\"");
  EXPECT_EQ(quote_identifier("MyTable"), "\"MyTable\"");
  EXPECT_EQ(quote_identifier("a\"b"), "\"a\"\"b\"");
  EXPECT_EQ(quote_identifier("_x1"), "_x1");
  EXPECT_EQ(quote_identifier("1x"), "\"1x\"");
  EXPECT_EQ(qualified_spelling({"public", "nodestatus"}), "public.nodestatus");
}

TEST(StringDefaults, TakeTheColumnType) {
  const std::vector<std::tuple<std::string, std::string, std::string>> cases = {
      {"false", "boolean", "false"},
      {"true", "boolean", "true"},
      {"f", "boolean", "false"},
      {"yes", "boolean", "true"},
      {"0", "boolean", "false"},
      {"USD", "character varying(3)", "'USD'::character varying"},
      {"x", "character varying", "'x'::character varying"},
      {"it's", "text", "'it''s'::text"},
      {"", "text", "''::text"},
      {"ab", "character(2)", "'ab'::bpchar"},
      {"0", "integer", "0"},
      {"-1", "integer", "'-1'::integer"},
      {"0", "bigint", "'0'::bigint"},
      {"0", "smallint", "'0'::smallint"},
      {"0", "numeric(10,2)", "'0'::numeric"},
      {"1.5", "numeric", "1.5"},
      {"00.50", "numeric", "0.50"},
      {"1e3", "numeric", "'1000'::numeric"},
      {"0", "double precision", "'0'::double precision"},
      {"1.5", "real", "'1.5'::real"},
      {"1.50", "double precision", "'1.5'::double precision"},
      {"pending", "public.issuestatus", "'pending'::public.issuestatus"},
      {"a", "public.\"MyEnum\"", "'a'::public.\"MyEnum\""},
      {"{}", "jsonb", "'{}'::jsonb"},
      {"[]", "json", "'[]'::json"},
      {"{}", "integer[]", "'{}'::integer[]"},
      {"{}", "character varying(10)[]", "'{}'::character varying[]"},
      {"A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11", "uuid",
       "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid"},
      {"2020-01-01", "date", "'2020-01-01'::date"},
      {"2020-01-01", "timestamp(3) without time zone",
       "'2020-01-01 00:00:00'::timestamp without time zone"},
      {"10:00", "time without time zone", "'10:00:00'::time without time zone"},
      {"1 day", "interval", "'1 day'::interval"},
      {"101", "bit(3)", "'101'::\"bit\""},
  };
  for (const auto& [value, type, expected] : cases) {
    EXPECT_EQ(default_from_string(value, type), expected) << value << " on " << type;
  }
}

TEST(StringDefaults, UnpredictableOutputsThrow) {
  EXPECT_THROW(default_from_string("2020-01-01", "timestamp with time zone"), SpellingError);
  EXPECT_THROW(default_from_string("maybe", "boolean"), SpellingError);
  EXPECT_THROW(default_from_string("x", "integer"), SpellingError);
  EXPECT_THROW(default_from_string("3000000000", "integer"), SpellingError);
  EXPECT_THROW(default_from_string("{\"b\": 1}", "jsonb"), SpellingError);
  EXPECT_THROW(default_from_string("$1.00", "money"), SpellingError);
}

TEST(SqlDefaults, LiteralsFunctionsAndCasts) {
  const std::vector<std::tuple<std::string, std::string, std::string>> cases = {
      {"now()", "timestamp with time zone", "now()"},
      {"NOW()", "timestamp without time zone", "now()"},
      {"CURRENT_TIMESTAMP", "timestamp without time zone", "CURRENT_TIMESTAMP"},
      {"current_timestamp(0)", "timestamp with time zone", "CURRENT_TIMESTAMP(0)"},
      {"CURRENT_DATE", "date", "CURRENT_DATE"},
      {"user", "text", "CURRENT_USER"},
      {"true", "boolean", "true"},
      {"FALSE", "boolean", "false"},
      {"0", "integer", "0"},
      {"0", "bigint", "0"},
      {"(0)", "integer", "0"},
      {"-1", "bigint", "'-1'::integer"},
      {"1.5", "numeric(10,2)", "1.5"},
      {"-1.5", "double precision", "'-1.5'::numeric"},
      {"3000000000", "bigint", "'3000000000'::bigint"},
      {"2147483648", "integer", "'2147483648'::bigint"},
      {"1e-3", "numeric", "0.001"},
      {"'x'", "character varying(5)", "'x'::character varying"},
      {"'x'::text", "character varying(5)", "'x'::text"},
      {"'x'::varchar(10)", "character varying(10)", "'x'::character varying(10)"},
      {"'1.5'::numeric(10,2)", "numeric(10,2)", "1.5::numeric(10,2)"},
      {"'0'::integer", "integer", "0"},
      {"'pending'::issuestatus", "public.issuestatus", "'pending'::public.issuestatus"},
      {"'{}'::jsonb", "jsonb", "'{}'::jsonb"},
      {"'x'::text::varchar", "text", "('x'::text)::character varying"},
      {"0::bigint", "bigint", "(0)::bigint"},
      {"now()::date", "date", "(now())::date"},
      {"interval '1 day'", "interval", "'1 day'::interval"},
      {"gen_random_uuid()", "uuid", "gen_random_uuid()"},
      {"uuid_generate_v4()", "uuid", "public.uuid_generate_v4()"},
      {"timezone('utc', now())", "timestamp with time zone", "timezone('utc'::text, now())"},
      {"lower('X')", "text", "lower('X'::text)"},
      {"nextval('\"User_id_seq\"')", "integer", "nextval('public.\"User_id_seq\"'::regclass)"},
      {"nextval('public.t_uu_seq'::regclass)", "integer", "nextval('public.t_uu_seq'::regclass)"},
  };
  for (const auto& [sql, type, expected] : cases) {
    EXPECT_EQ(default_from_sql(sql, type), expected) << sql << " on " << type;
  }
  EXPECT_EQ(default_from_sql("NULL", "text"), std::nullopt);
}

TEST(SqlDefaults, OtherSqlThrows) {
  EXPECT_THROW(default_from_sql("'a' || 'b'", "text"), SpellingError);
  EXPECT_THROW(default_from_sql("1 + 1", "integer"), SpellingError);
  EXPECT_THROW(default_from_sql("E'a\\nb'", "text"), SpellingError);
  EXPECT_THROW(default_from_sql("f('x')", "text"), SpellingError);
  EXPECT_THROW(default_from_sql("now() at time zone 'utc'", "timestamp without time zone"),
               SpellingError);
}

TEST(SerialColumns, SequenceNameAndDefault) {
  EXPECT_EQ(serial_sequence_name("user", "id"), "user_id_seq");
  EXPECT_EQ(nextval_default({"public", "user_id_seq"}), "nextval('public.user_id_seq'::regclass)");
  EXPECT_EQ(nextval_default({"s", "User_id_seq"}), "nextval('s.\"User_id_seq\"'::regclass)");
  // makeObjectName: the longer name gives way until the whole fits in 63 bytes.
  std::string table(60, 't');
  EXPECT_EQ(serial_sequence_name(table, "id"), std::string(56, 't') + "_id_seq");
  std::string column(40, 'c');
  EXPECT_EQ(serial_sequence_name(std::string(40, 't'), column),
            std::string(29, 't') + "_" + std::string(29, 'c') + "_seq");
}

TEST(Expressions, SimpleFormsPrintLikePgGetExpr) {
  auto types = [](std::string_view column) -> std::string {
    if (column == "price") return "numeric";
    if (column == "name") return "character varying(5)";
    return "integer";
  };
  EXPECT_EQ(expression_from_sql("id = 1", types), "(id = 1)");
  EXPECT_EQ(expression_from_sql(" quantity > 0 ", types), "(quantity > 0)");
  EXPECT_EQ(expression_from_sql("a != 1", types), "(a <> 1)");
  EXPECT_EQ(expression_from_sql("x > -1", types), "(x > '-1'::integer)");
  EXPECT_EQ(expression_from_sql("id * 2", types), "(id * 2)");
  EXPECT_EQ(expression_from_sql("y < z", types), "(y < z)");
  EXPECT_EQ(expression_from_sql("name IS NOT NULL", types), "(name IS NOT NULL)");
  // Type-dependent forms (server-checked in expression_test.cpp).
  EXPECT_EQ(expression_from_sql("price > 0", types), "(price > (0)::numeric)");
  EXPECT_EQ(expression_from_sql("name <> 'x'", types), "((name)::text <> 'x'::text)");
  EXPECT_EQ(expression_from_sql("y BETWEEN 1 AND 3", types), "((y >= 1) AND (y <= 3))");
  // What the printer cannot predict stays as written.
  EXPECT_EQ(expression_from_sql("public.f(y) > 0", types), "public.f(y) > 0");
}

}  // namespace
}  // namespace asq
