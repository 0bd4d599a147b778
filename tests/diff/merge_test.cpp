#include "diff/merge.h"

#include <gtest/gtest.h>

#include <string>

#include "diff/dependency_order.h"
#include "diff/diff.h"

namespace asq {
namespace {

struct Item {
  std::string name;
  int value = 0;
  bool operator==(const Item&) const = default;
};

TEST(MergeByName, WalksBothListsInNameOrderWhateverTheInputOrder) {
  std::vector<Item> from{{"c", 1}, {"a", 1}, {"b", 1}};
  std::vector<Item> to{{"d", 1}, {"b", 2}, {"a", 1}};
  auto merged = merge_by_name(from, to);
  ASSERT_EQ(merged.size(), 4u);
  EXPECT_EQ(merged[0].from->name, "a");
  EXPECT_TRUE(merged[0].both());
  EXPECT_FALSE(merged[0].changed());
  EXPECT_TRUE(merged[1].changed());
  EXPECT_TRUE(merged[2].removed());
  EXPECT_EQ(merged[2].from->name, "c");
  EXPECT_TRUE(merged[3].added());
  EXPECT_EQ(merged[3].to->name, "d");
}

TEST(MergeByName, EmptySides) {
  std::vector<Item> none;
  std::vector<Item> some{{"x", 0}};
  EXPECT_TRUE(merge_by_name(none, none).empty());
  EXPECT_TRUE(merge_by_name(none, some)[0].added());
  EXPECT_TRUE(merge_by_name(some, none)[0].removed());
}

TEST(MergeByKey, UsesTheGivenKey) {
  std::vector<std::string> from{"public", "audit"};
  std::vector<std::string> to{"reporting", "audit"};
  auto merged = merge_by_key(from, to, [](const std::string& s) { return s; });
  ASSERT_EQ(merged.size(), 3u);
  EXPECT_TRUE(merged[0].both());
  EXPECT_TRUE(merged[1].removed());
  EXPECT_TRUE(merged[2].added());
}

TEST(DependencyOrder, PrerequisitesFirstTiesByName) {
  DependencyOrder order = order_by_dependencies(
      {"node", "user", "issue", "audit"},
      {{"issue", "node", true}, {"node", "user", true}, {"issue", "issue", true}});
  EXPECT_EQ(order.order, (std::vector<std::string>{"audit", "user", "node", "issue"}));
  EXPECT_TRUE(order.broken.empty());
}

TEST(DependencyOrder, IgnoresNodesOutsideTheList) {
  DependencyOrder order = order_by_dependencies({"b", "a"}, {{"a", "elsewhere", false}});
  EXPECT_EQ(order.order, (std::vector<std::string>{"a", "b"}));
}

TEST(DependencyOrder, BreaksACycleAtItsSmallestBreakableNode) {
  DependencyOrder order = order_by_dependencies(
      {"a", "b", "c", "z"},
      {{"a", "b", true}, {"b", "a", true}, {"c", "a", true}, {"a", "z", true}});
  EXPECT_EQ(order.order, (std::vector<std::string>{"z", "a", "b", "c"}));
  EXPECT_EQ(order.broken, (std::vector<Dependency>{{"a", "b", true}}));
}

TEST(DependencyOrder, BreaksOnlyInsideTheCycle) {
  // b waits for the x <-> y cycle but is not part of it: its need stays met.
  DependencyOrder order = order_by_dependencies(
      {"b", "x", "y"}, {{"b", "x", true}, {"x", "y", true}, {"y", "x", true}});
  EXPECT_EQ(order.order, (std::vector<std::string>{"x", "b", "y"}));
  EXPECT_EQ(order.broken, (std::vector<Dependency>{{"x", "y", true}}));
}

TEST(DependencyOrder, PicksTheNodeWhoseNeedsCanWait) {
  DependencyOrder order = order_by_dependencies({"a", "b"}, {{"a", "b", false}, {"b", "a", true}});
  EXPECT_EQ(order.order, (std::vector<std::string>{"b", "a"}));
  EXPECT_EQ(order.broken, (std::vector<Dependency>{{"b", "a", true}}));
}

TEST(DependencyOrder, UnbreakableCycleIsAClearError) {
  try {
    order_by_dependencies(
        {"v1", "v2", "v3", "w"},
        {{"v1", "v2", false}, {"v2", "v3", false}, {"v3", "v1", false}, {"w", "v1", false}});
    FAIL() << "no error";
  } catch (const DiffError& e) {
    EXPECT_STREQ(e.what(), "dependency cycle that no order can satisfy: v1 -> v2 -> v3 -> v1");
  }
}

}  // namespace
}  // namespace asq
