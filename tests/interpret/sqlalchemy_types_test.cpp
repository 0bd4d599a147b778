#include "interpret/sqlalchemy_types.h"

#include <gtest/gtest.h>

#include "common/source_error.h"
#include "python/parser.h"

namespace asq::interp {
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

// pgvector's types as format_type prints them with an empty search_path (the extension in public).
TEST(SqlAlchemyTypes, PgvectorTypesTakeTheirDimension) {
  EXPECT_EQ(spelling("pgvector.sqlalchemy.Vector(768)"), "public.vector(768)");
  EXPECT_EQ(spelling("pgvector.sqlalchemy.vector.VECTOR(dim=1536)"), "public.vector(1536)");
  EXPECT_EQ(spelling("pgvector.sqlalchemy.Vector()"), "public.vector");
  EXPECT_EQ(spelling("pgvector.sqlalchemy.HALFVEC(3)"), "public.halfvec(3)");
  EXPECT_EQ(spelling("pgvector.sqlalchemy.sparsevec.SPARSEVEC(dim=1000)"),
            "public.sparsevec(1000)");
}

}  // namespace
}  // namespace asq::interp
