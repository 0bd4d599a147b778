// Views, functions, triggers, domains, ... in a diff: created after what they need, dropped
// before it, rebuilt around a change beneath them; cycles broken by a stated rule.

#include <gtest/gtest.h>

#include "diff/diff.h"
#include "diff/schema_builders.h"

namespace asq {
namespace {

using Kind = CatalogObject::Kind;
using Lines = std::vector<std::string>;
using test::col;
using test::object;
using test::op_lines;
using test::table;

/// A view on a view on a function, named so that name order is the wrong order.
Schema chain() {
  Schema s;
  s.tables = {table("account", {col("id", "integer"), col("owner", "text")})};
  s.objects = {
      object(Kind::kView, "a_top", "CREATE VIEW public.a_top AS SELECT * FROM public.m_mid",
             {"VIEW public.m_mid"}),
      object(Kind::kView, "m_mid",
             "CREATE VIEW public.m_mid AS SELECT public.z_fn(id) FROM public.account",
             {"FUNCTION public.z_fn(x integer)", "TABLE public.account"}),
      object(Kind::kFunction, "z_fn", "CREATE FUNCTION public.z_fn(x integer) ...", {},
             "x integer"),
  };
  return s;
}

TEST(ObjectDiff, CreatesAViewOnAViewOnAFunctionInDependencyOrder) {
  EXPECT_EQ(op_lines(diff_schemas(Schema{}, chain())),
            (Lines{"create table public.account", "create FUNCTION public.z_fn(x integer)",
                   "create VIEW public.m_mid", "create VIEW public.a_top"}));
}

TEST(ObjectDiff, SqlFunctionBodiesAreNotCheckedWhileTheyAreCreated) {
  // pg_depend does not know that the body reads the view, so it may come first; PostgreSQL
  // would check the body then and fail.
  Schema to = chain();
  to.objects.push_back(object(Kind::kFunction, "count_top",
                              "CREATE OR REPLACE FUNCTION public.count_top()\n RETURNS bigint\n "
                              "LANGUAGE sql\nAS $function$ SELECT count(*) FROM a_top $function$",
                              {}, ""));
  EXPECT_EQ(op_lines(diff_schemas(Schema{}, to)),
            (Lines{"create table public.account", "execute: SET LOCAL check_function_bodies = off",
                   "create FUNCTION public.count_top()", "create FUNCTION public.z_fn(x integer)",
                   "create VIEW public.m_mid", "create VIEW public.a_top"}));
  EXPECT_EQ(op_lines(diff_schemas(Schema{}, chain()))[1], "create FUNCTION public.z_fn(x integer)")
      << "plpgsql and C bodies name no relation PostgreSQL checks";
}

TEST(ObjectDiff, DropsThemInReverseBeforeTheTable) {
  EXPECT_EQ(op_lines(diff_schemas(chain(), Schema{})),
            (Lines{"drop VIEW public.a_top", "drop VIEW public.m_mid",
                   "drop FUNCTION public.z_fn(x integer)", "drop table public.account"}));
}

TEST(ObjectDiff, AChangedFunctionIsRebuiltWithEverythingOnTopOfIt) {
  Schema to = chain();
  to.objects[2].definition += " -- v2";
  EXPECT_EQ(op_lines(diff_schemas(chain(), to)),
            (Lines{"drop VIEW public.a_top", "drop VIEW public.m_mid",
                   "drop FUNCTION public.z_fn(x integer)", "create FUNCTION public.z_fn(x integer)",
                   "create VIEW public.m_mid", "create VIEW public.a_top"}));
}

TEST(ObjectDiff, AChangedCommentIsOnlyAComment) {
  Schema to = chain();
  to.objects[0].comment = "top";
  EXPECT_EQ(op_lines(diff_schemas(chain(), to)), Lines{"set comment on VIEW public.a_top: top"});
}

TEST(ObjectDiff, ViewsOverAColumnThatChangesTypeAreRebuiltAroundTheChange) {
  Schema to = chain();
  to.tables[0].columns[1].type = "character varying(200)";
  Lines lines = op_lines(diff_schemas(chain(), to));
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[0], "drop VIEW public.a_top");
  EXPECT_EQ(lines[1], "drop VIEW public.m_mid");
  EXPECT_EQ(lines[2].rfind("alter column public.account.owner", 0), 0u) << lines[2];
  EXPECT_EQ(lines[3], "create VIEW public.m_mid");
  EXPECT_EQ(lines[4], "create VIEW public.a_top");
}

/// A domain a column has, a function a default calls, a trigger on the table.
Schema typed() {
  Schema s;
  Table t = table("account", {col("id", "integer", false, "public.next_id()"),
                              col("balance", "public.amount")});
  s.tables = {t};
  s.objects = {
      object(Kind::kDomain, "amount", "CREATE DOMAIN public.amount AS numeric"),
      object(Kind::kFunction, "next_id", "CREATE FUNCTION public.next_id() ..."),
      object(Kind::kFunction, "touch", "CREATE FUNCTION public.touch() ..."),
      object(Kind::kTrigger, "account_touch", "CREATE TRIGGER account_touch ...",
             {"FUNCTION public.touch()", "TABLE public.account"}, "public.account"),
  };
  return s;
}

TEST(ObjectDiff, WhatColumnsUseComesBeforeTheTablesAndTheRestAfter) {
  EXPECT_EQ(op_lines(diff_schemas(Schema{}, typed())),
            (Lines{"create DOMAIN public.amount", "create FUNCTION public.next_id()",
                   "create table public.account", "create FUNCTION public.touch()",
                   "create TRIGGER account_touch ON public.account"}));
  EXPECT_EQ(op_lines(diff_schemas(typed(), Schema{})),
            (Lines{"drop TRIGGER account_touch ON public.account", "drop FUNCTION public.touch()",
                   "drop table public.account", "drop FUNCTION public.next_id()",
                   "drop DOMAIN public.amount"}));
}

TEST(ObjectDiff, AFunctionATableStillUsesIsReplacedInPlace) {
  Schema to = typed();
  to.objects[1].definition += " -- v2";
  EXPECT_EQ(op_lines(diff_schemas(typed(), to)), Lines{"create FUNCTION public.next_id()"});
}

TEST(ObjectDiff, FunctionsThatNeedEachOtherAreOrderedByTheirKeys) {
  // Function bodies are not checked against what they call when created: such a cycle is
  // broken, the smaller key first.
  Schema s;
  s.objects = {object(Kind::kFunction, "even", "CREATE FUNCTION public.even() ...",
                      {"FUNCTION public.odd()"}),
               object(Kind::kFunction, "odd", "CREATE FUNCTION public.odd() ...",
                      {"FUNCTION public.even()"})};
  EXPECT_EQ(op_lines(diff_schemas(Schema{}, s)),
            (Lines{"create FUNCTION public.even()", "create FUNCTION public.odd()"}));
  EXPECT_EQ(op_lines(diff_schemas(s, Schema{})),
            (Lines{"drop FUNCTION public.odd()", "drop FUNCTION public.even()"}));
}

TEST(ObjectDiff, ViewsThatNeedEachOtherAreAnError) {
  Schema s;
  s.objects = {object(Kind::kView, "a", "CREATE VIEW public.a ...", {"VIEW public.b"}),
               object(Kind::kView, "b", "CREATE VIEW public.b ...", {"VIEW public.a"})};
  try {
    diff_schemas(Schema{}, s);
    FAIL() << "expected a DiffError";
  } catch (const DiffError& e) {
    EXPECT_STREQ(e.what(),
                 "dependency cycle that no order can satisfy: VIEW public.a -> VIEW public.b -> "
                 "VIEW public.a");
  }
}

TEST(ObjectDiff, ATableNeededByAFunctionThatColumnsUseIsAnError) {
  Schema s = typed();
  s.tables.push_back(table("ids", {col("id", "integer")}));
  s.objects[1].depends_on = {"TABLE public.ids"};
  try {
    diff_schemas(Schema{}, s);
    FAIL() << "expected a DiffError";
  } catch (const DiffError& e) {
    EXPECT_STREQ(e.what(),
                 "FUNCTION public.next_id() is used by the columns of a table and itself needs "
                 "TABLE public.ids, created in the same step: no order of the two can work");
  }
}

TEST(ObjectDiff, PartitionsComeAfterTheirParentAndGoBeforeIt) {
  Schema s;
  Table parent = table("event", {col("at", "date")});
  parent.partition_by = "RANGE (at)";
  Table part = table("a_event_2024", {});
  part.partition_of = QualifiedName{"public", "event"};
  part.partition_bound = "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')";
  s.tables = {part, parent};
  EXPECT_EQ(op_lines(diff_schemas(Schema{}, s)),
            (Lines{"create table public.event", "create table public.a_event_2024"}));
  EXPECT_EQ(op_lines(diff_schemas(s, Schema{})),
            (Lines{"drop table public.a_event_2024", "drop table public.event"}));
}

TEST(ObjectDiff, RowLevelSecurityOfAKeptTableIsOneOp) {
  Schema to = chain();
  to.tables[0].rls_enabled = true;
  EXPECT_EQ(op_lines(diff_schemas(chain(), to)),
            Lines{"set row level security on public.account: enabled"});
}

}  // namespace
}  // namespace asq
