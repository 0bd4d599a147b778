// Names as SQLAlchemy makes them under the naming convention of env.py's target_metadata, which
// Alembic's operations run under. The expected names are what SQLAlchemy 1.4.46 and Alembic
// 1.8.1 gave in this sandbox for the same calls (sqlalchemy/sql/naming.py's rules):
// a template makes the name of an unnamed object, and of a named one only when it uses
// %(constraint_name)s; op.f() names are final; drop_constraint converts the name only with type_.

#include "interpret/naming.h"

#include <gtest/gtest.h>

#include "interpret/interpreter.h"
#include "support/interpret.h"

namespace asq {
namespace {

using namespace test;

NamingConvention team_convention() {
  NamingConvention convention;
  convention.templates = {{"ix", "ix_%(column_0_label)s"},
                          {"uq", "uq_%(table_name)s_%(column_0_name)s"},
                          {"ck", "ck_%(table_name)s_%(constraint_name)s"},
                          {"fk", "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s"},
                          {"pk", "pk_%(table_name)s"}};
  return convention;
}

NameParts parts(std::vector<std::string> columns) {
  return NameParts{{"public", "visit"}, false, std::move(columns), {}, {}, true};
}

TEST(NamingConvention, TemplatesNameUnnamedObjectsAndConstraintNameRenamesNamedOnes) {
  NamingConvention c = team_convention();
  EXPECT_EQ(conventional_name(c, "uq", "", false, parts({"code"})).name, "uq_visit_code");
  EXPECT_EQ(conventional_name(c, "pk", "", false, parts({"id"})).name, "pk_visit");
  // A given name is kept where the template does not use %(constraint_name)s ...
  EXPECT_EQ(conventional_name(c, "uq", "visit_code_key", false, parts({"code"})).name,
            "visit_code_key");
  // ... and goes into the template where it does.
  EXPECT_EQ(conventional_name(c, "ck", "duration_positive", false, parts({})).name,
            "ck_visit_duration_positive");
  // op.f(): final.
  EXPECT_EQ(conventional_name(c, "ck", "duration_positive", true, parts({})).name,
            "duration_positive");
  NameParts fk = parts({"order_id"});
  fk.referred_table = {"public", "service_order"};
  fk.referred_columns = {"id"};
  EXPECT_EQ(conventional_name(c, "fk", "", false, fk).name, "fk_visit_order_id_service_order");
  // No template for the kind: the given name, or none (PostgreSQL names it).
  EXPECT_EQ(conventional_name(NamingConvention{}, "uq", "", false, parts({"code"})).name, "");
}

TEST(NamingConvention, ColumnTokensLabelsAndJoinedForms) {
  NamingConvention c;
  c.templates = {{"uq", "uq_%(table_name)s_%(column_0_N_name)s"},
                 {"ix", "ix_%(column_0N_label)s"},
                 {"pk", "pk_%(column_1_key)s%%"}};
  EXPECT_EQ(conventional_name(c, "uq", "", false, parts({"a", "b", "c"})).name, "uq_visit_a_b_c");
  NameParts in_schema{{"s", "visit"}, true, {"a", "b"}, {}, {}, true};
  EXPECT_EQ(conventional_name(c, "ix", "", false, in_schema).name, "ix_s_visit_as_visit_b");
  EXPECT_EQ(conventional_name(c, "pk", "", false, parts({"a", "b"})).name, "pk_b%");
  // MetaData()'s default names an unnamed index ix_<table>_<column>.
  EXPECT_EQ(conventional_name(NamingConvention::sqlalchemy_default(), "ix", "", false,
                              parts({"started_at"}))
                .name,
            "ix_visit_started_at");
}

TEST(NamingConvention, LongNamesAreCutAsSqlalchemyCutsThem) {
  NamingConvention c = team_convention();
  // 66 characters: the first 55, '_', the last 4 hex digits of md5 (Python's hashlib here).
  EXPECT_EQ(conventional_name(c, "ck", "a_rather_long_constraint_name_that_goes_on_and_on_forever",
                              false, parts({}))
                .name,
            "ck_visit_a_rather_long_constraint_name_that_goes_on_and_c0d4");
  EXPECT_EQ(conventional_name(c, "ck", "short", false, parts({})).name, "ck_visit_short");
}

TEST(NamingConvention, WhatCannotBeComputedIsSaid) {
  NamingConvention c = team_convention();
  // SQLAlchemy refuses an unnamed object under a %(constraint_name)s template.
  EXPECT_NE(conventional_name(c, "ck", "", false, parts({})).problem, "");
  c.templates["uq"] = "uq_%(custom)s";
  c.custom_tokens = {"custom"};
  EXPECT_NE(conventional_name(c, "uq", "", false, parts({"a"})).problem.find("function"),
            std::string::npos);
  c.templates["uq"] = "uq_%(nonsense)s";
  EXPECT_NE(conventional_name(c, "uq", "", false, parts({"a"})).problem, "");
  // A drop by name does not know the columns.
  c.templates["ck"] = "ck_%(column_0_name)s_%(constraint_name)s";
  NameParts drop = parts({});
  drop.columns_known = false;
  EXPECT_NE(conventional_name(c, "ck", "x", false, drop).problem, "");
}

InterpretOptions with_convention() {
  InterpretOptions options;
  options.naming = team_convention();
  return options;
}

Strings upgrade_named(const std::string& upgrade) {
  return texts(interpret(upgrade, "    pass\n", "", with_convention()).upgrade);
}

TEST(NamingConventionInOps, AlembicOperationsNameAsTheConventionSays) {
  EXPECT_EQ(upgrade_named("    op.create_check_constraint('positive', 'visit', 'minutes >= 0')\n"
                          "    op.create_check_constraint(op.f('kept'), 'visit', 'minutes >= 0')\n"
                          "    op.create_unique_constraint(None, 'visit', ['code'])\n"
                          "    op.create_unique_constraint('visit_code_key', 'visit', ['code'])\n"
                          "    op.drop_constraint('positive', 'visit', type_='check')\n"
                          "    op.drop_constraint('ck_plain', 'visit')\n"),
            (Strings{"ADD CHECK ck_visit_positive minutes >= 0 ON public.visit",
                     "ADD CHECK kept minutes >= 0 ON public.visit",
                     "ADD UNIQUE uq_visit_code (code) ON public.visit",
                     "ADD UNIQUE visit_code_key (code) ON public.visit",
                     "DROP CHECK ck_visit_positive ON public.visit",
                     "DROP CHECK ck_plain ON public.visit"}));
}

TEST(NamingConventionInOps, CreateTableAndAddColumnNameTheirConstraintsAndIndexes) {
  Strings ops = upgrade_named(
      "    op.create_table('visit',\n"
      "        sa.Column('id', sa.Integer(), nullable=False),\n"
      "        sa.Column('order_id', sa.Integer(), sa.ForeignKey('service_order.id')),\n"
      "        sa.Column('code', sa.String(8), unique=True),\n"
      "        sa.Column('started_at', sa.DateTime(), index=True),\n"
      "        sa.CheckConstraint('id > 0', name='id_positive'),\n"
      "        sa.PrimaryKeyConstraint('id'))\n"
      "    op.add_column('visit', sa.Column('room', sa.Integer(), unique=True))\n");
  ASSERT_EQ(ops.size(), 6u) << testing::PrintToString(ops);  // with the SERIAL sequence
  for (const char* name :
       {"PK pk_visit (id)", "CHECK ck_visit_id_positive",
        "FK fk_visit_order_id_service_order (order_id)", "UNIQUE uq_visit_code (code)"}) {
    EXPECT_NE(ops[1].find(name), std::string::npos) << name << " in " << ops[1];
  }
  EXPECT_EQ(ops[3], "CREATE INDEX ix_visit_started_at (started_at) ON public.visit");
  EXPECT_EQ(ops[5], "ADD UNIQUE uq_visit_room (room) ON public.visit");
}

TEST(NamingConventionInOps, AProjectHelperGivenTheConnectionIsNotModelled) {
  RevisionOps ops = interpret(
      "    sync_search_trigger(op.get_bind(), 'visit', 'search', ['title'])\n"
      "    now = utcnow()\n",
      "    pass\n",
      "from app.db.search import sync_search_trigger\nfrom app.time import utcnow\n\n");
  auto notes = unmodelled(ops);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].first.line, 22);
  EXPECT_NE(notes[0].second.find("app.db.search.sync_search_trigger() is given the database"),
            std::string::npos)
      << notes[0].second;
}

}  // namespace
}  // namespace asq
