#include "revisions/graph.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace asq {
namespace {

RevisionFile rev(std::string id, std::vector<std::string> down, std::vector<std::string> deps = {},
                 std::vector<std::string> labels = {}) {
  RevisionFile file;
  file.revision = id;
  file.path = "versions/" + id + "_x.py";
  file.file_name = id + "_x.py";
  file.revision_at = {file.path, 5, 1};
  file.down_revision_at = {file.path, 6, 1};
  file.down_revisions = std::move(down);
  file.depends_on = std::move(deps);
  file.branch_labels = std::move(labels);
  file.docstring = "message of " + id;
  return file;
}

std::vector<std::string> ids(const RevisionGraph& graph, const std::vector<int>& indexes) {
  std::vector<std::string> out;
  for (int i : indexes) out.push_back(graph.revisions()[i].id());
  return out;
}

std::vector<std::string> codes(const RevisionGraph& graph) {
  std::vector<std::string> out;
  for (const auto& fault : graph.faults()) out.push_back(fault.code);
  return out;
}

using Strings = std::vector<std::string>;

// Expected orders below were printed by the real Alembic 1.8.1 RevisionMap for the same input
// (same load order): RevisionMap(...).iterate_revisions("heads", "base", inclusive=True).

TEST(RevisionGraph, OrdersALinearChainNewestFirst) {
  auto graph = RevisionGraph::build({rev("a", {}), rev("b", {"a"}), rev("c", {"b"})});
  EXPECT_EQ(ids(graph, graph.history()), (Strings{"c", "b", "a"}));
  EXPECT_EQ(ids(graph, graph.heads()), (Strings{"c"}));
  EXPECT_EQ(ids(graph, graph.bases()), (Strings{"a"}));
  EXPECT_TRUE(graph.faults().empty());
}

TEST(RevisionGraph, WalksBranchesInLoadOrder) {
  auto graph = RevisionGraph::build(
      {rev("a", {}), rev("b", {"a"}), rev("c", {"a"}), rev("d", {"b"}), rev("e", {"c"})});
  EXPECT_EQ(ids(graph, graph.history()), (Strings{"d", "b", "e", "c", "a"}));
  EXPECT_EQ(ids(graph, graph.heads()), (Strings{"d", "e"}));
  EXPECT_TRUE(graph.revisions()[0].is_branch_point());
}

TEST(RevisionGraph, LoadOrderDecidesWhichBranchComesFirst) {
  auto graph = RevisionGraph::build(
      {rev("e", {"c"}), rev("d", {"b"}), rev("c", {"a"}), rev("b", {"a"}), rev("a", {})});
  EXPECT_EQ(ids(graph, graph.history()), (Strings{"e", "c", "d", "b", "a"}));
  EXPECT_EQ(ids(graph, graph.heads()), (Strings{"e", "d"}));
}

TEST(RevisionGraph, EmitsAMergePointBeforeBothParents) {
  auto graph = RevisionGraph::build(
      {rev("a", {}), rev("b", {"a"}), rev("c", {"a"}), rev("d", {"b", "c"}), rev("e", {"d"})});
  EXPECT_EQ(ids(graph, graph.history()), (Strings{"e", "d", "b", "c", "a"}));
  EXPECT_TRUE(graph.find("d")->is_merge_point());
  EXPECT_TRUE(graph.faults().empty());
}

TEST(RevisionGraph, KeepsTwoBasesApartAndPropagatesTheirLabel) {
  auto graph = RevisionGraph::build(
      {rev("a", {}), rev("b", {"a"}), rev("x", {}, {}, {"audit"}), rev("y", {"x"})});
  EXPECT_EQ(ids(graph, graph.history()), (Strings{"b", "a", "y", "x"}));
  EXPECT_EQ(graph.find("y")->branch_labels, (Strings{"audit"}));
  EXPECT_TRUE(graph.find("b")->branch_labels.empty());
}

TEST(RevisionGraph, DependsOnMakesEffectiveHeadsAndOrdersAfterTheDependency) {
  auto graph = RevisionGraph::build({rev("a", {}), rev("b", {"a"}), rev("x", {}, {}, {"other"}),
                                     rev("y", {"x"}), rev("c", {"b"}, {"y"})});
  EXPECT_EQ(ids(graph, graph.history()), (Strings{"c", "b", "a", "y", "x"}));
  EXPECT_EQ(ids(graph, graph.heads()), (Strings{"y", "c"}));
  EXPECT_EQ(ids(graph, graph.real_heads()), (Strings{"c"}));
  EXPECT_FALSE(graph.find("y")->is_real_head());
}

TEST(RevisionGraph, PropagatesABranchLabelDownToTheBranchPoint) {
  auto graph = RevisionGraph::build({rev("a", {}), rev("b", {"a"}), rev("c", {"a"}, {}, {"rep"}),
                                     rev("d", {"c"}), rev("e", {"b"})});
  EXPECT_EQ(ids(graph, graph.history()), (Strings{"d", "c", "e", "b", "a"}));
  EXPECT_EQ(graph.find("d")->branch_labels, (Strings{"rep"}));
  EXPECT_EQ(graph.find("c")->branch_labels, (Strings{"rep"}));
  EXPECT_TRUE(graph.find("a")->branch_labels.empty());
}

TEST(RevisionGraph, DependsOnMayNameABranchLabel) {
  auto graph =
      RevisionGraph::build({rev("a", {}), rev("x", {}, {}, {"side"}), rev("b", {"a"}, {"side"})});
  ASSERT_EQ(graph.find("b")->dependencies.size(), 1u);
  EXPECT_EQ(graph.revisions()[graph.find("b")->dependencies[0]].id(), "x");
}

TEST(RevisionGraph, ReportsAMissingParentWithItsLine) {
  auto graph = RevisionGraph::build({rev("a", {}), rev("b", {"zzz"}), rev("c", {"a", "b"})});
  ASSERT_EQ(codes(graph), (Strings{"missing-parent"}));
  const Fault& fault = graph.faults()[0];
  EXPECT_EQ(fault.where.file, "versions/b_x.py");
  EXPECT_EQ(fault.where.line, 6);
  EXPECT_EQ(fault.message, "down_revision names 'zzz', which no revision file defines");
  EXPECT_NE(fault.fix.find("zzz"), std::string::npos);
  // The rest of the graph is still usable.
  EXPECT_EQ(ids(graph, graph.history()), (Strings{"c", "a", "b"}));
}

TEST(RevisionGraph, ReportsADuplicateIdNamingBothFiles) {
  RevisionFile second = rev("b", {"a"});
  second.path = "versions/b_again.py";
  second.file_name = "b_again.py";
  second.revision_at = {second.path, 9, 1};
  auto graph = RevisionGraph::build({rev("a", {}), rev("b", {"a"}), second});
  ASSERT_EQ(codes(graph), (Strings{"duplicate-revision"}));
  EXPECT_EQ(graph.faults()[0].where.file, "versions/b_again.py");
  EXPECT_EQ(graph.faults()[0].message, "revision 'b' is also declared in b_x.py:5");
  EXPECT_EQ(graph.revisions().size(), 2u);
}

TEST(RevisionGraph, ReportsACycleAndLeavesItOutOfTheHistory) {
  auto graph =
      RevisionGraph::build({rev("base", {}), rev("a", {"c"}), rev("b", {"a"}), rev("c", {"b"})});
  ASSERT_EQ(codes(graph), (Strings{"cycle"}));
  EXPECT_NE(graph.faults()[0].message.find("(a, b, c)"), std::string::npos);
  EXPECT_EQ(ids(graph, graph.history()), (Strings{"base"}));
}

TEST(RevisionGraph, ReportsASelfLoop) {
  auto graph = RevisionGraph::build({rev("a", {"a"})});
  EXPECT_EQ(codes(graph), (Strings{"cycle"}));
}

TEST(RevisionGraph, WarnsWhenTheHeaderRevisionIdDisagrees) {
  RevisionFile file = rev("a", {});
  file.header_revision_id = "b";
  file.header_revision_id_line = 3;
  auto graph = RevisionGraph::build({file});
  ASSERT_EQ(codes(graph), (Strings{"header-mismatch"}));
  EXPECT_EQ(graph.faults()[0].severity, Fault::Severity::kWarning);
  EXPECT_EQ(graph.faults()[0].where.line, 3);
}

TEST(RevisionGraph, WarnsWhenTheFileNameDoesNotStartWithTheId) {
  RevisionFile file = rev("a1", {});
  file.file_name = "initial.py";
  auto graph = RevisionGraph::build({file});
  ASSERT_EQ(codes(graph), (Strings{"file-name-mismatch"}));
  EXPECT_EQ(graph.faults()[0].severity, Fault::Severity::kWarning);
}

TEST(RevisionGraph, ManyFilesNamedTheProjectsOwnWayGetOneWarning) {
  auto history = [](int files, int misnamed) {
    std::vector<RevisionFile> revisions;
    for (int i = 0; i < files; ++i) {
      std::string id = "r" + std::to_string(100 + i);
      RevisionFile file = rev(id, i == 0 ? Strings{} : Strings{"r" + std::to_string(99 + i)});
      file.path =
          "/p/versions/" + (i < misnamed ? std::to_string(1000 + i) + "_step.py" : id + "_step.py");
      file.file_name = file.path.substr(file.path.rfind('/') + 1);
      revisions.push_back(file);
    }
    return RevisionGraph::build(revisions);
  };
  // A few misnamed files: a warning each, at the file.
  auto few = history(40, static_cast<int>(RevisionGraph::kFileNameWarningsEach));
  ASSERT_EQ(few.faults().size(), RevisionGraph::kFileNameWarningsEach);
  EXPECT_EQ(few.faults()[0].where.file, "/p/versions/1000_step.py");
  // Dozens: one warning for the folder, counted, with examples and the fix.
  auto many = history(40, 25);
  ASSERT_EQ(codes(many), (Strings{"file-name-mismatch"}));
  EXPECT_EQ(many.faults()[0].severity, Fault::Severity::kWarning);
  EXPECT_EQ(many.faults()[0].where.file, "/p/versions/");
  EXPECT_EQ(many.faults()[0].message,
            "25 of 40 file names do not start with their revision id (1000_step.py, "
            "1001_step.py, 1002_step.py, ...): Alembic reads the id inside each file and does "
            "not mind, but `alembic revision` and squash name new files otherwise");
  EXPECT_EQ(many.faults()[0].fix,
            "set file_template in alembic.ini to the way the project names its files, or "
            "rename them");
}

TEST(RevisionGraph, AFileNamedByADatePrefixedFileTemplateIsNoMismatch) {
  // issue 11: alembic.ini's file_template decides the name, as Alembic's `revision` wrote it
  const std::string tmpl =
      "%%(year)d_%%(month).2d_%%(day).2d_%%(hour).2d%%(minute).2d-%%(rev)s_%%(slug)s";
  RevisionFile named = rev("3f2a9c1b7d44", {});
  named.file_name = "2024_03_07_1412-3f2a9c1b7d44_add_invoice_table.py";
  EXPECT_TRUE(codes(RevisionGraph::build({named}, tmpl)).empty());
  RevisionFile renamed = rev("3f2a9c1b7d44", {});
  renamed.file_name = "2024_03_07_1412-ffffffffffff_add_invoice_table.py";
  auto graph = RevisionGraph::build({renamed}, tmpl);
  ASSERT_EQ(codes(graph), (Strings{"file-name-mismatch"}));
  EXPECT_EQ(graph.faults()[0].message,
            "the file name does not follow alembic.ini's file_template '" + tmpl +
                "' for its revision id '3f2a9c1b7d44'");
  // With the default template the old rule holds: the name starts with the id.
  EXPECT_EQ(codes(RevisionGraph::build({named})), (Strings{"file-name-mismatch"}));
}

TEST(RevisionGraph, ATemplateWithoutTheRevisionIdChecksNoName) {
  RevisionFile file = rev("a1", {});
  file.file_name = "2024-03-07-1412_add_invoice_table.py";
  EXPECT_TRUE(
      codes(RevisionGraph::build(
                {file}, "%%(year)d-%%(month).2d-%%(day).2d-%%(hour).2d%%(minute).2d_%%(slug)s"))
          .empty());
}

TEST(RevisionGraph, MultipleUnlabelledHeadsAreAnError) {
  auto graph = RevisionGraph::build({rev("a", {}), rev("b", {"a"}), rev("c", {"a"})});
  ASSERT_EQ(codes(graph), (Strings{"multiple-heads"}));
  EXPECT_EQ(graph.faults()[0].severity, Fault::Severity::kError);
  EXPECT_EQ(graph.faults()[0].fix, "alembic merge heads -m \"merge heads\"");
}

TEST(RevisionGraph, HeadsOnTheirOwnLabelledBranchesAreOnlyAWarning) {
  auto graph = RevisionGraph::build(
      {rev("a", {}, {}, {"main"}), rev("b", {"a"}), rev("x", {}, {}, {"audit"})});
  ASSERT_EQ(codes(graph), (Strings{"multiple-heads"}));
  EXPECT_EQ(graph.faults()[0].severity, Fault::Severity::kWarning);
}

TEST(RevisionGraph, ResolvesIdsPrefixesLabelsAndSymbols) {
  auto graph = RevisionGraph::build(
      {rev("ae10f5", {}), rev("ae1b77", {"ae10f5"}), rev("c0ffee", {"ae1b77"}, {}, {"tip"})});
  EXPECT_EQ(graph.resolve("ae10f5").ids, (Strings{"ae10f5"}));
  EXPECT_EQ(graph.resolve("c0ff").ids, (Strings{"c0ffee"}));
  EXPECT_EQ(graph.resolve("tip").ids, (Strings{"c0ffee"}));
  EXPECT_EQ(graph.resolve("head").ids, (Strings{"c0ffee"}));
  EXPECT_EQ(graph.resolve("tip@head").ids, (Strings{"c0ffee"}));
  EXPECT_TRUE(graph.resolve("base").ids.empty());
  // Messages as the real Alembic 1.8.1 RevisionMap.get_revisions words them.
  EXPECT_EQ(graph.resolve("ae1").error,
            "Multiple revisions start with 'ae1': 'ae10f5', 'ae1b77'...");
  EXPECT_EQ(graph.resolve("zz").error,
            "No such revision or branch 'zz'; please ensure at least four characters are "
            "present for partial revision identifier matches");
  EXPECT_EQ(graph.resolve("ae1x").error, "No such revision or branch 'ae1x'");
  EXPECT_EQ(graph.resolve("e3c92c171920").error, "No such revision or branch 'e3c92c171920'");
  EXPECT_EQ(graph.resolve("nope@head").error, "No such branch: 'nope'");
}

TEST(RevisionGraph, ResolvingHeadWithSeveralHeadsSaysSo) {
  auto graph = RevisionGraph::build({rev("a", {}), rev("b", {"a"}), rev("c", {"a"})});
  EXPECT_EQ(graph.resolve("head").error,
            "Multiple heads are present for given argument 'head'; b, c");
  EXPECT_EQ(graph.resolve("heads").ids, (Strings{"b", "c"}));
}

TEST(RevisionGraph, OrdersTwoThousandRevisionsWithoutQuadraticBlowUp) {
  std::vector<RevisionFile> files;
  for (int i = 0; i < 2000; ++i) {
    files.push_back(
        rev("r" + std::to_string(i), i == 0 ? Strings{} : Strings{"r" + std::to_string(i - 1)}));
  }
  auto graph = RevisionGraph::build(std::move(files));
  std::vector<int> order = graph.history();
  ASSERT_EQ(order.size(), 2000u);
  EXPECT_EQ(graph.revisions()[order.front()].id(), "r1999");
  EXPECT_EQ(graph.revisions()[order.back()].id(), "r0");
}

}  // namespace
}  // namespace asq
