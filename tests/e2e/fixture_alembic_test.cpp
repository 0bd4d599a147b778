// The issue-#5 fixtures are sound Alembic projects: the REAL Alembic upgrades an empty database
// to head, downgrades it to base leaving nothing but the empty version table, and upgrades it
// again to exactly the same schema. Whatever our tool gets wrong about them, the fixtures
// themselves are not the cause.

#include <gtest/gtest.h>

#include "support/alembic.h"
#include "support/catalog.h"
#include "support/postgres.h"
#include "support/process.h"

namespace asq {
namespace {

class FixtureAlembic : public testing::TestWithParam<std::string> {};

TEST_P(FixtureAlembic, UpgradeDowngradeUpgradeUnderTheRealAlembic) {
  std::string project = test::source_path("fixtures/" + GetParam());
  test::TestDatabase database("alembic_" + GetParam());

  test::ProcessResult first = test::run_alembic(project, {"upgrade", "head"}, database.url());
  ASSERT_EQ(first.exit_code, 0) << first.err;
  std::string first_dump = test::schema_dump(database.url());
  EXPECT_FALSE(test::user_objects(database.url()).empty());
  EXPECT_EQ(test::version_rows(database.url()).size(), 1u);

  test::ProcessResult down = test::run_alembic(project, {"downgrade", "base"}, database.url());
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_EQ(test::user_objects(database.url()), std::vector<std::string>{});
  EXPECT_EQ(test::version_rows(database.url()), std::vector<std::string>{});

  test::ProcessResult again = test::run_alembic(project, {"upgrade", "head"}, database.url());
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(test::schema_dump(database.url()), first_dump);
}

INSTANTIATE_TEST_SUITE_P(ObjectKinds, FixtureAlembic,
                         testing::ValuesIn(test::object_kind_fixtures()),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace asq
