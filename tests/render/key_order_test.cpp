// A foreign key whose target is a unique index (not a constraint): PostgreSQL accepts it, and
// the baseline must add the key after the index, which the real Alembic proves.

#include <gtest/gtest.h>

#include "support/baseline.h"

namespace asq {
namespace {

TEST(KeyOrder, AForeignKeyToAUniqueIndexIsAddedAfterTheIndexUnderTheRealAlembic) {
  std::string text = test::check_baseline_under_alembic(
      "fk_to_unique_index",
      "CREATE TABLE code (id int PRIMARY KEY, tag text NOT NULL);"
      "CREATE UNIQUE INDEX code_tag_key ON code (tag);"
      "CREATE TABLE use (tag text REFERENCES code (tag), parent text);"
      "CREATE UNIQUE INDEX use_tag_key ON use (tag);"
      "ALTER TABLE use ADD FOREIGN KEY (parent) REFERENCES use (tag);");
  size_t index = text.find("op.create_index(op.f(\"code_tag_key\")");
  size_t key = text.find("op.create_foreign_key(");
  ASSERT_NE(index, std::string::npos) << text;
  ASSERT_NE(key, std::string::npos) << text;
  EXPECT_LT(index, key) << text;
}

}  // namespace
}  // namespace asq
