// black_layout against black itself: each expected text is what black 23.1 (default options)
// printed for the statement inside a function (the generator is in the commit message).

#include "render/python_layout.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace asq {
namespace {

TEST(BlackLayout, FitsOnOneLine) {
  EXPECT_EQ(
      black_layout(R"py(op.add_column("t", sa.Column("c", sa.Integer(), nullable=True)))py", 4),
      R"py(op.add_column("t", sa.Column("c", sa.Integer(), nullable=True)))py");
}

TEST(BlackLayout, BodyOnOneLineWhenItFits) {
  EXPECT_EQ(
      black_layout(
          R"py(op.create_index(op.f("ix_account_owner_name"), "account_holders", ["owner_name"], unique=False))py",
          4),
      R"py(op.create_index(
        op.f("ix_account_owner_name"), "account_holders", ["owner_name"], unique=False
    ))py");
}

TEST(BlackLayout, OneArgumentPerLineWithATrailingComma) {
  EXPECT_EQ(
      black_layout(
          R"py(sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False, comment="when"))py",
          8),
      R"py(sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
            comment="when",
        ))py");
}

TEST(BlackLayout, ATrailerThatFitsStaysOnTheFirstLine) {
  EXPECT_EQ(
      black_layout(
          R"py(postgresql.ENUM("pending", "running", "done", name="issuestatus").create(op.get_bind(), checkfirst=False))py",
          4),
      R"py(postgresql.ENUM("pending", "running", "done", name="issuestatus").create(
        op.get_bind(), checkfirst=False
    ))py");
}

TEST(BlackLayout, ATrailerStaysOnTheClosingLine) {
  EXPECT_EQ(
      black_layout(
          R"py(postgresql.ENUM("pending", "running", "done", "cancelled", "archived", name="issuestatus_long").create(op.get_bind(), checkfirst=False))py",
          4),
      R"py(postgresql.ENUM(
        "pending", "running", "done", "cancelled", "archived", name="issuestatus_long"
    ).create(op.get_bind(), checkfirst=False))py");
}

TEST(BlackLayout, ListsInsideAreKeptWhole) {
  EXPECT_EQ(
      black_layout(
          R"py(op.create_foreign_key(op.f("fk"), "t", "u", ["aaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbb", "cccccccccccccccc"], ["dddddddddddddddddd", "eeeeeeeeeeeeee"]))py",
          4),
      R"py(op.create_foreign_key(
        op.f("fk"),
        "t",
        "u",
        ["aaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbb", "cccccccccccccccc"],
        ["dddddddddddddddddd", "eeeeeeeeeeeeee"],
    ))py");
}

TEST(BlackLayout, AnUnsplittableStringStaysLong) {
  EXPECT_EQ(
      black_layout(
          R"py(op.execute("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"))py",
          4),
      R"py(op.execute(
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
    ))py");
}

TEST(BlackLayout, AMultilineStringGoesOnItsOwnLine) {
  EXPECT_EQ(black_layout(R"py(op.execute("""CREATE VIEW v AS
 SELECT 1"""))py",
                         4),
            R"py(op.execute(
        """CREATE VIEW v AS
 SELECT 1"""
    ))py");
}

TEST(BlackLayout, AMagicTrailingCommaExplodes) {
  EXPECT_EQ(
      black_layout(
          R"py(op.create_table("t", sa.Column("id", sa.Integer(), nullable=False), sa.PrimaryKeyConstraint("id", name=op.f("t_pkey")),))py",
          4),
      R"py(op.create_table(
        "t",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("t_pkey")),
    ))py");
}

TEST(BlackLayout, NonAsciiCountsAsOneColumn) {
  EXPECT_EQ(
      black_layout(
          R"py(op.alter_column("node", "name", existing_type=sa.String(length=255), server_default=sa.text("'éééééééééééééééééééééééééééééé'::text")))py",
          4),
      R"py(op.alter_column(
        "node",
        "name",
        existing_type=sa.String(length=255),
        server_default=sa.text("'éééééééééééééééééééééééééééééé'::text"),
    ))py");
}

TEST(BlackLayout, NonAsciiThatFitsStaysOnOneLine) {
  EXPECT_EQ(
      black_layout(
          R"py(op.execute("éééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé"))py",
          4),
      R"py(op.execute("éééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé"))py");
}

TEST(BlackLayout, AListThatDoesNotFitHasOneItemPerLine) {
  EXPECT_EQ(
      black_layout(
          R"py(op.create_primary_key(op.f("pk"), "t", ["column_number_0", "column_number_1", "column_number_2", "column_number_3", "column_number_4", "column_number_5"]))py",
          4),
      R"py(op.create_primary_key(
        op.f("pk"),
        "t",
        [
            "column_number_0",
            "column_number_1",
            "column_number_2",
            "column_number_3",
            "column_number_4",
            "column_number_5",
        ],
    ))py");
}

TEST(BlackLayout, RefusesPythonOutsideItsSubset) {
  EXPECT_THROW(black_layout("a + b", 4), std::logic_error);
  EXPECT_THROW(black_layout("f(a", 4), std::logic_error);
}

}  // namespace
}  // namespace asq
