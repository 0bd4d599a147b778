// The generated revision files need no formatter: black (23.1, default options) leaves them
// unchanged, and the quotes and line breaks it would pick never change a value (the real
// Alembic rebuilds hostile names, labels, defaults and comments exactly).

#include "support/black.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "support/baseline.h"
#include "support/process.h"

namespace asq {
namespace {

TEST(BlackClean, GoldenFiles) {
  std::vector<std::string> paths;
  for (const auto& entry :
       std::filesystem::directory_iterator(test::source_path("tests/render/golden"))) {
    if (entry.path().extension() == ".py") paths.push_back(entry.path().string());
  }
  ASSERT_EQ(paths.size(), 6u);
  EXPECT_EQ(test::black_diff(paths), "");
}

/// Names, labels, defaults and comments with both quotes, backslashes, new lines, tabs, `"""`,
/// `:name` and non-ASCII text.
const char* kHostile = R"sql(
CREATE TYPE "it's ""quoted""" AS ENUM ('a''b', 'c"d', 'e\f', E'new\nline', '"""', ':name',
  E'tab\tx', 'café', 'both '' and "');
CREATE TABLE "we""ird'name\x" (
  id integer PRIMARY KEY,
  "col""dq" text DEFAULT 'it''s "x" \ :y' NOT NULL,
  "col'sq" varchar(10) DEFAULT E'a\nb',
  "trip""""""le" text,
  "ünï ""ç""" text DEFAULT 'ünï',
  k "it's ""quoted""" DEFAULT 'a''b',
  CONSTRAINT "ck ""q"" 'x'" CHECK ("col""dq" <> E'\\')
);
COMMENT ON TABLE "we""ird'name\x" IS E'multi\nline "comment" with ''quotes'', \\ and """';
COMMENT ON COLUMN "we""ird'name\x"."col'sq" IS 'it''s "sq"';
CREATE INDEX "ix ""q"" \" ON "we""ird'name\x" ("col""dq", "col'sq");
CREATE TABLE "child's" (id integer PRIMARY KEY,
  "parent""id" integer REFERENCES "we""ird'name\x"(id) ON DELETE CASCADE);
)sql";

/// A table whose lines are longer than black's 88 columns at every level.
const char* kWide = R"sql(
CREATE TYPE a_rather_long_enumeration_name_for_line_wrapping AS ENUM (
  'first_label_that_is_long', 'second_label_that_is_long', 'third_label_that_is_long',
  'fourth_label_that_is_long', 'fifth_label_that_is_long');
CREATE TABLE a_rather_long_table_name_for_testing_how_lines_wrap_in_black (
  id integer PRIMARY KEY,
  a_very_long_column_name_that_goes_on_for_a_while_number_one varchar(255)
    DEFAULT 'a default value that is long enough to push the line past the limit' NOT NULL,
  a_very_long_column_name_that_goes_on_for_a_while_number_two numeric(12,4)
    DEFAULT 0 NOT NULL,
  state a_rather_long_enumeration_name_for_line_wrapping
    DEFAULT 'first_label_that_is_long' NOT NULL,
  "a_name_with_no_room_left_for_anything_else_at_all_63_characters" timestamptz
    DEFAULT now(),
  CONSTRAINT a_check_constraint_with_a_long_name_and_a_long_expression CHECK (
    length(a_very_long_column_name_that_goes_on_for_a_while_number_one) > 3
    AND a_very_long_column_name_that_goes_on_for_a_while_number_two >= 0),
  CONSTRAINT a_unique_constraint_on_three_columns_whose_names_are_all_long UNIQUE (
    a_very_long_column_name_that_goes_on_for_a_while_number_one,
    a_very_long_column_name_that_goes_on_for_a_while_number_two, state)
);
COMMENT ON COLUMN a_rather_long_table_name_for_testing_how_lines_wrap_in_black.state IS
  'a comment that is long enough by itself to need a line of its own in the revision file';
CREATE UNIQUE INDEX ix_a_rather_long_index_name_on_several_long_columns_together
  ON a_rather_long_table_name_for_testing_how_lines_wrap_in_black (
    a_very_long_column_name_that_goes_on_for_a_while_number_two,
    a_very_long_column_name_that_goes_on_for_a_while_number_one);
CREATE TABLE referencing_table_with_a_long_name (
  id integer PRIMARY KEY,
  first_key varchar(255), second_key numeric(12,4), third_key
    a_rather_long_enumeration_name_for_line_wrapping,
  CONSTRAINT a_foreign_key_constraint_with_a_name_long_enough_to_wrap FOREIGN KEY (
    first_key, second_key, third_key) REFERENCES
    a_rather_long_table_name_for_testing_how_lines_wrap_in_black (
    a_very_long_column_name_that_goes_on_for_a_while_number_one,
    a_very_long_column_name_that_goes_on_for_a_while_number_two, state)
);
)sql";

/// The baseline of the database `sql` builds: black-clean, and exact under the real Alembic.
void expect_clean_and_exact(const std::string& purpose, const std::string& sql) {
  std::string text = test::check_baseline_under_alembic(purpose, sql);
  test::TempDir dir;
  test::write_text(dir / "001_initial_schema.py", text);
  EXPECT_EQ(test::black_diff({dir / "001_initial_schema.py"}), "") << text;
}

TEST(BlackClean, HostileNamesRoundTripThroughTheRealAlembic) {
  expect_clean_and_exact("black_hostile", kHostile);
}

TEST(BlackClean, AWideTableWrapsAsBlackWrapsIt) { expect_clean_and_exact("black_wide", kWide); }

}  // namespace
}  // namespace asq
