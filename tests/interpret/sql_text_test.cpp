// sa.text() as SQLAlchemy compiles it: the backslash of an escaped colon goes (issue 12).

#include <gtest/gtest.h>

#include "interpret/interpreter.h"
#include "interpret/sqlalchemy.h"

namespace asq {
namespace {

RevisionOps interpret(const std::string& upgrade) {
  return interpret_revision_source(
      "from alembic import op\nimport sqlalchemy as sa\nfrom sqlalchemy.dialects import "
      "postgresql\n\nrevision = 'abc'\ndown_revision = None\n\ndef upgrade():\n" +
          upgrade + "\n\ndef downgrade():\n    pass\n",
      "v/abc_test.py");
}

TEST(SqlText, DropsTheBackslashOfAnEscapedColonAsSqlalchemyDoes) {
  EXPECT_EQ(interp::compiled_text(R"('{"retries"\:3}')"), R"('{"retries":3}')");
  EXPECT_EQ(interp::compiled_text(R"(at 10\:30, \:x: stays, \:$a too)"),
            R"(at 10:30, \:x: stays, :$a too)");
  EXPECT_EQ(interp::compiled_text(R"(a\\:b and a\ b)"), R"(a\:b and a\ b)");
}

TEST(SqlText, JsonDefaultsWrittenWithEscapedColonsAreTheServersDefaults) {
  RevisionOps ops = interpret(R"py(    op.create_table('t',
        sa.Column('a', sa.JSON(), server_default=sa.text('\'{"retries"\\:3}\'')),
        sa.Column('b', postgresql.JSONB(), server_default=sa.text("'{\"retries\": 3}'::jsonb")),
        sa.Column('c', sa.Text(), server_default=sa.literal_column("'a\\:b'")),
        sa.Column('d', postgresql.JSONB(), server_default=sa.text(
            '\'{"b"\\:1,"aa"\\:[true,null,"x"]}\'::jsonb')),
    )
    op.execute("COMMENT ON TABLE t IS 'at 10\\:30'")
)py");
  ASSERT_EQ(ops.upgrade.size(), 2u);
  const auto* create = std::get_if<CreateTable>(&ops.upgrade[0].op);
  ASSERT_TRUE(create);
  ASSERT_EQ(create->table.columns.size(), 4u);
  EXPECT_EQ(create->table.columns[0].default_value, R"('{"retries":3}'::json)");
  EXPECT_EQ(create->table.columns[1].default_value, R"('{"retries": 3}'::jsonb)");
  EXPECT_EQ(create->table.columns[2].default_value, R"('a\:b'::text)");  // literal_column: as is
  // As PostgreSQL prints a jsonb object: shorter keys first, ": " and ", " between items.
  EXPECT_EQ(create->table.columns[3].default_value,
            R"('{"b": 1, "aa": [true, null, "x"]}'::jsonb)");
  const auto* execute = std::get_if<Execute>(&ops.upgrade[1].op);
  ASSERT_TRUE(execute);
  EXPECT_EQ(execute->sql, "COMMENT ON TABLE t IS 'at 10:30'");
}

}  // namespace
}  // namespace asq
