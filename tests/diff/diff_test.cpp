#include "diff/diff.h"

#include <gtest/gtest.h>

#include "diff/schema_builders.h"

namespace asq {
namespace {

using test::check;
using test::col;
using test::fk;
using test::hazard_lines;
using test::index;
using test::nextval;
using test::op_lines;
using test::pk;
using test::seed_like_schema;
using test::table;
using test::unique;
using Lines = std::vector<std::string>;

template <typename T>
const T& op_at(const DiffResult& result, size_t i) {
  return std::get<T>(result.ops.at(i));
}

TEST(Diff, SameSchemaGivesNothing) {
  Schema s = seed_like_schema();
  DiffResult result = diff_schemas(s, s);
  EXPECT_TRUE(result.ops.empty());
  EXPECT_TRUE(result.hazards.empty());
  EXPECT_TRUE(diff_schemas(Schema{}, Schema{}).ops.empty());
}

// A table's storage parameters change by RESET and SET that give exactly the other list, order
// included (SET moves a parameter to the end, as PostgreSQL does), in either direction.
TEST(Diff, TableStorageParametersChangeToExactlyTheOtherList) {
  const std::vector<std::vector<std::string>> lists = {
      {},
      {"fillfactor=70"},
      {"fillfactor=70", "autovacuum_enabled=false", "toast.autovacuum_enabled=false"},
      {"autovacuum_enabled=false", "fillfactor=70"},
      {"fillfactor=60", "parallel_workers=2", "toast.autovacuum_enabled=true"},
      {"toast.vacuum_truncate=false"}};
  for (const auto& from : lists) {
    for (const auto& to : lists) {
      Schema before = seed_like_schema(), after = before;
      before.tables.front().storage = from;
      after.tables.front().storage = to;
      DiffResult result = diff_schemas(before, after);
      if (from == to) {
        EXPECT_TRUE(result.ops.empty());
        continue;
      }
      ASSERT_EQ(result.ops.size(), 1u);
      const auto& op = op_at<SetTableStorage>(result, 0);
      std::vector<std::string> applied = from;
      apply_storage(applied, op.reset, op.set);
      EXPECT_EQ(applied, to) << op_lines(result).front();
    }
  }
}

TEST(Diff, BaselineCreatesTypesAndSequencesBeforeTablesInDependencyOrder) {
  DiffResult result = diff_schemas(Schema{}, seed_like_schema());
  EXPECT_EQ(op_lines(result), (Lines{
                                  "create extension uuid-ossp",
                                  "create enum public.issuestatus",
                                  "create enum public.nodestatus",
                                  "create sequence public.prompt_id_seq",
                                  "create table public.prompt",
                                  "create table public.user",
                                  "create table public.node",
                                  "create table public.issue",
                                  "set owner of sequence public.prompt_id_seq to prompt.id",
                                  "create index ix_node_owner_id on public.node",
                                  "create index ix_user_email on public.user",
                              }));
  EXPECT_TRUE(result.hazards.empty());
  // Foreign keys to tables created earlier stay inside CREATE TABLE; indexes do not.
  const Table& issue = op_at<CreateTable>(result, 7).table;
  EXPECT_EQ(issue.constraints.size(), 4u);
  EXPECT_TRUE(op_at<CreateTable>(result, 5).table.indexes.empty());
  // The sequence is created unowned; the owner comes once the table exists.
  EXPECT_TRUE(op_at<CreateSequence>(result, 3).sequence.owned_by_table.empty());
}

TEST(Diff, DroppingEverythingMirrorsTheBaseline) {
  DiffResult result = diff_schemas(seed_like_schema(), Schema{});
  EXPECT_EQ(op_lines(result), (Lines{
                                  "set owner of sequence public.prompt_id_seq to none",
                                  "drop table public.issue",
                                  "drop table public.node",
                                  "drop table public.user",
                                  "drop table public.prompt",
                                  "drop sequence public.prompt_id_seq",
                                  "drop enum public.nodestatus",
                                  "drop enum public.issuestatus",
                                  "drop extension uuid-ossp",
                              }));
  EXPECT_EQ(hazard_lines(result),
            (Lines{"drop_extension uuid-ossp", "drop_table issue", "drop_table node",
                   "drop_table prompt", "drop_table user"}));
}

Schema cycle_schema() {
  Schema s;
  s.tables = {table("a", {col("id", "integer", false), col("b_id", "integer")},
                    {fk("a_b_id_fkey", {"b_id"}, "b", {"id"}), pk("a_pkey", {"id"})}),
              table("b", {col("id", "integer", false), col("a_id", "integer")},
                    {fk("b_a_id_fkey", {"a_id"}, "a", {"id"}), pk("b_pkey", {"id"})}),
              table("c", {col("id", "integer", false), col("parent_id", "integer")},
                    {fk("c_parent_id_fkey", {"parent_id"}, "c", {"id"}), pk("c_pkey", {"id"})})};
  return s;
}

TEST(Diff, ForeignKeyCycleIsBrokenWithALaterForeignKey) {
  DiffResult up = diff_schemas(Schema{}, cycle_schema());
  // c (self reference only) is ready at once; a and b wait for each other until a's key to b
  // is left for later.
  EXPECT_EQ(op_lines(up), (Lines{
                              "create table public.c",
                              "create table public.a",
                              "create table public.b",
                              "add foreign key a_b_id_fkey on public.a",
                          }));
  EXPECT_EQ(op_at<CreateTable>(up, 0).table.constraints.size(), 2u);  // self reference inline
  EXPECT_EQ(op_at<CreateTable>(up, 1).table.constraints.size(), 1u);  // a: only its key
  EXPECT_EQ(op_at<CreateTable>(up, 2).table.constraints.size(), 2u);  // b -> a inline
  DiffResult down = diff_schemas(cycle_schema(), Schema{});
  EXPECT_EQ(op_lines(down), (Lines{
                                "drop foreign key a_b_id_fkey on public.a",
                                "drop table public.b",
                                "drop table public.a",
                                "drop table public.c",
                            }));
}

TEST(Diff, NewTableReferencesExistingTableInline) {
  Schema from = seed_like_schema();
  Schema to = from;
  to.tables.push_back(table(
      "credentialnodelink", {col("credential_id", "uuid", false), col("node_id", "uuid", false)},
      {fk("credentialnodelink_node_id_fkey", {"node_id"}, "node", {"id"}, "CASCADE"),
       pk("credentialnodelink_pkey", {"credential_id", "node_id"})}));
  DiffResult result = diff_schemas(from, to);
  EXPECT_EQ(op_lines(result), (Lines{"create table public.credentialnodelink"}));
  EXPECT_EQ(op_at<CreateTable>(result, 0).table.constraints.size(), 2u);
}

TEST(Diff, NewNotNullColumnWithoutDefaultIsBackFilled) {
  Schema from = seed_like_schema();
  Schema to = from;
  to.table({"public", "user"})->columns.push_back(col("is_staff", "boolean", false));
  to.table({"public", "user"})
      ->columns.push_back(col("updated_at", "timestamp with time zone", false, "now()"));
  DiffResult result = diff_schemas(from, to);
  EXPECT_EQ(op_lines(result), (Lines{
                                  "add column public.user.is_staff",
                                  "execute: UPDATE public.\"user\" SET is_staff = false",
                                  "alter column public.user.is_staff: not null",
                                  "add column public.user.updated_at",
                              }));
  EXPECT_TRUE(op_at<AddColumn>(result, 0).column.nullable);
  EXPECT_TRUE(op_at<Execute>(result, 1).data_only);
  const AlterColumn& set_not_null = op_at<AlterColumn>(result, 2);
  EXPECT_EQ(set_not_null.existing.type, "boolean");
  EXPECT_TRUE(set_not_null.existing.nullable);
  EXPECT_FALSE(op_at<AddColumn>(result, 3).column.nullable);
  EXPECT_EQ(hazard_lines(result), (Lines{"not_null_backfill user.is_staff"}));
}

TEST(Diff, NewEnumColumnGetsItsTypeFirstAndFirstLabelAsFill) {
  Schema from = seed_like_schema();
  Schema to = from;
  to.enums.push_back({{"public", "credentialcategory"}, {"github_copilot", "cursor", "other"}});
  to.table({"public", "node"})
      ->columns.push_back(col("category", "public.credentialcategory", false));
  DiffResult up = diff_schemas(from, to);
  EXPECT_EQ(op_lines(up), (Lines{
                              "create enum public.credentialcategory",
                              "add column public.node.category",
                              "execute: UPDATE public.node SET category = 'github_copilot'",
                              "alter column public.node.category: not null",
                          }));
  DiffResult down = diff_schemas(to, from);
  EXPECT_EQ(op_lines(down),
            (Lines{"drop column public.node.category", "drop enum public.credentialcategory"}));
  EXPECT_EQ(hazard_lines(down), (Lines{"drop_column node.category"}));
}

TEST(Diff, AForeignKeyToAUniqueIndexWaitsForTheIndex) {
  // PostgreSQL accepts a unique index as a foreign key's target, but the index is created after
  // the tables: a key written inside CREATE TABLE would find no unique key yet.
  Schema s;
  s.tables = {table("code", {col("id", "integer", false), col("tag", "text", false)},
                    {pk("code_pkey", {"id"})}, {index("code_tag_key", {"tag"}, true)}),
              table("use", {col("tag", "text"), col("parent", "text")},
                    {fk("use_tag_fkey", {"tag"}, "code", {"tag"}),
                     fk("use_parent_fkey", {"parent"}, "use", {"tag"})},
                    {index("use_tag_key", {"tag"}, true)}),
              table("ref", {col("code_id", "integer")},
                    {fk("ref_code_id_fkey", {"code_id"}, "code", {"id"})})};
  DiffResult up = diff_schemas(Schema{}, s);
  EXPECT_EQ(op_lines(up), (Lines{
                              "create table public.code",
                              "create table public.ref",
                              "create table public.use",
                              "create index code_tag_key on public.code",
                              "create index use_tag_key on public.use",
                              "add foreign key use_tag_fkey on public.use",
                              "add foreign key use_parent_fkey on public.use",
                          }));
  EXPECT_EQ(op_at<CreateTable>(up, 1).table.constraints.size(), 1u);  // ref -> code's key inline
  EXPECT_TRUE(op_at<CreateTable>(up, 2).table.constraints.empty());   // use: both wait
}

TEST(Diff, NewForeignKeyColumnIsFilledFromTheTargetThenGetsItsKey) {
  Schema from = seed_like_schema();
  Schema to = from;
  Table* prompt = to.table({"public", "prompt"});
  prompt->columns.push_back(col("owner_id", "uuid", false));
  prompt->constraints.insert(prompt->constraints.begin(),
                             fk("prompt_owner_id_fkey", {"owner_id"}, "user", {"id"}, "CASCADE"));
  prompt->indexes.push_back(index("ix_prompt_owner_id", {"owner_id"}));
  DiffResult result = diff_schemas(from, to);
  EXPECT_EQ(op_lines(result),
            (Lines{
                "add column public.prompt.owner_id",
                "execute: UPDATE public.prompt SET owner_id = (SELECT id FROM public.\"user\" "
                "ORDER BY id LIMIT 1)",
                "alter column public.prompt.owner_id: not null",
                "create index ix_prompt_owner_id on public.prompt",
                "add foreign key prompt_owner_id_fkey on public.prompt",
            }));
  EXPECT_EQ(hazard_lines(result), (Lines{"not_null_backfill prompt.owner_id",
                                         "new_constraint prompt.prompt_owner_id_fkey"}));
}

TEST(Diff, AGivenFillReplacesTheSuggestionAndEachFillIsListed) {
  Schema from = seed_like_schema();
  Schema to = from;
  Table* prompt = to.table({"public", "prompt"});
  prompt->columns.push_back(col("owner_id", "uuid", false));
  prompt->constraints.insert(prompt->constraints.begin(),
                             fk("prompt_owner_id_fkey", {"owner_id"}, "user", {"id"}, "CASCADE"));
  prompt->columns.push_back(col("score", "integer", false));
  DiffResult result = diff_schemas(from, to, {{"prompt.owner_id", "'00000000-0000-0000-0000-0'"}});
  EXPECT_EQ(op_lines(result),
            (Lines{
                "add column public.prompt.owner_id",
                "execute: UPDATE public.prompt SET owner_id = '00000000-0000-0000-0000-0'",
                "alter column public.prompt.owner_id: not null",
                "add column public.prompt.score",
                "execute: UPDATE public.prompt SET score = 0",
                "alter column public.prompt.score: not null",
                "add foreign key prompt_owner_id_fkey on public.prompt",
            }));
  ASSERT_EQ(result.fills.size(), 2u);
  EXPECT_EQ(result.fills[0].key, "prompt.owner_id");
  EXPECT_EQ(result.fills[0].given, "'00000000-0000-0000-0000-0'");
  EXPECT_EQ(result.fills[0].suggestion, "(SELECT id FROM public.\"user\" ORDER BY id LIMIT 1)");
  EXPECT_EQ(result.fills[1].key, "prompt.score");
  EXPECT_EQ(result.fills[1].type, "integer");
  EXPECT_EQ(result.fills[1].given, std::nullopt);
  EXPECT_EQ(result.fills[1].suggestion, "0");
}

TEST(Diff, ColumnChangesBecomeAlterColumnWithTheExistingColumn) {
  Schema from = seed_like_schema();
  Schema to = from;
  Table* node = to.table({"public", "node"});
  node->columns[1].type = "character varying(1023)";
  node->columns[1].comment = "host name";
  node->columns[2].default_value.reset();
  node->columns[3].nullable = true;
  DiffResult result = diff_schemas(from, to);
  EXPECT_EQ(op_lines(result),
            (Lines{
                "alter column public.node.name: type character varying(1023), comment host name",
                "alter column public.node.owner_id: nullable",
                "alter column public.node.status: default none",
            }));
  const AlterColumn& name = op_at<AlterColumn>(result, 0);
  EXPECT_EQ(name.existing, from.table({"public", "node"})->columns[1]);
  EXPECT_FALSE(name.using_expression);
  EXPECT_TRUE(result.hazards.empty());
  DiffResult back = diff_schemas(to, from);
  EXPECT_EQ(hazard_lines(back), (Lines{"type_narrowing node.name", "not_null node.owner_id"}));
}

TEST(Diff, TypeChangeAcrossFamiliesUsesACastAndDropsTheDefaultFirst) {
  Schema from;
  from.tables = {
      table("t", {col("code", "character varying(8)", false, "'0'::character varying")})};
  Schema to;
  to.tables = {table("t", {col("code", "integer", false, "0")})};
  DiffResult result = diff_schemas(from, to);
  EXPECT_EQ(op_lines(result), (Lines{
                                  "alter column public.t.code: default none",
                                  "alter column public.t.code: type integer using "
                                  "code::integer, default 0",
                              }));
  EXPECT_EQ(hazard_lines(result), (Lines{"type_change t.code"}));
}

TEST(Diff, AppendedAndInsertedEnumLabelsAreAdded) {
  Schema from = seed_like_schema();
  Schema to = from;
  to.enums[0].values = {"new", "pending", "running", "blocked", "done", "archived"};
  DiffResult result = diff_schemas(from, to);
  EXPECT_EQ(op_lines(result), (Lines{
                                  "add value 'new' to enum public.issuestatus before 'pending'",
                                  "add value 'blocked' to enum public.issuestatus after 'running'",
                                  "add value 'archived' to enum public.issuestatus",
                              }));
  EXPECT_TRUE(result.hazards.empty());
}

TEST(Diff, RemovedEnumLabelRecreatesTheTypeAndConvertsItsColumns) {
  Schema from = seed_like_schema();
  Schema to = from;
  to.enums[1].values = {"online"};
  DiffResult result = diff_schemas(from, to);
  EXPECT_EQ(op_lines(result),
            (Lines{
                "execute: ALTER TYPE public.nodestatus RENAME TO nodestatus_old",
                "create enum public.nodestatus",
                "alter column public.node.status: default none",
                "alter column public.node.status: type public.nodestatus using "
                "status::text::public.nodestatus, default 'online'::public.nodestatus",
                "drop enum public.nodestatus_old",
            }));
  EXPECT_EQ(hazard_lines(result), (Lines{"enum_value_removed public.nodestatus"}));
  DiffResult back = diff_schemas(to, from);
  EXPECT_EQ(op_lines(back), (Lines{"add value 'offline' to enum public.nodestatus"}));
}

TEST(Diff, ChangedIndexAndConstraintAreDroppedBeforeTheyAreAdded) {
  Schema from = seed_like_schema();
  Schema to = from;
  Table* issue = to.table({"public", "issue"});
  issue->constraints[2] = check("issue_priority_check", "(priority >= 1)");
  to.table({"public", "user"})->indexes[0].unique = false;
  DiffResult result = diff_schemas(from, to);
  EXPECT_EQ(op_lines(result), (Lines{
                                  "drop index ix_user_email on public.user",
                                  "drop check constraint issue_priority_check on public.issue",
                                  "create index ix_user_email on public.user",
                                  "add check constraint issue_priority_check on public.issue",
                              }));
}

TEST(Diff, ForeignKeyIsRebuiltWhenTheKeyItUsesChanges) {
  Schema from = seed_like_schema();
  Schema to = from;
  to.table({"public", "user"})->constraints[0].name = "user_id_pkey";
  DiffResult result = diff_schemas(from, to);
  EXPECT_EQ(op_lines(result), (Lines{
                                  "drop foreign key node_owner_id_fkey on public.node",
                                  "drop primary key user_pkey on public.user",
                                  "add primary key user_id_pkey on public.user",
                                  "add foreign key node_owner_id_fkey on public.node",
                              }));
}

TEST(Diff, DroppedForeignKeyGoesFirstAndDroppedTableLast) {
  Schema from = seed_like_schema();
  Schema to = from;
  std::erase_if(to.tables, [](const Table& t) { return t.name.name == "node"; });
  Table* issue = to.table({"public", "issue"});
  issue->columns.pop_back();
  issue->constraints.erase(issue->constraints.begin());
  DiffResult result = diff_schemas(from, to);
  EXPECT_EQ(op_lines(result), (Lines{
                                  "drop foreign key issue_assigned_node_id_fkey on public.issue",
                                  "drop column public.issue.assigned_node_id",
                                  "drop table public.node",
                              }));
  EXPECT_EQ(hazard_lines(result), (Lines{"drop_column issue.assigned_node_id", "drop_table node"}));
}

TEST(Diff, SerialColumnOnExistingTable) {
  Schema from = seed_like_schema();
  Schema to = from;
  to.sequences.push_back(test::serial_sequence("user", "number"));
  to.table({"public", "user"})
      ->columns.push_back(col("number", "integer", false, nextval("user_number_seq")));
  DiffResult result = diff_schemas(from, to);
  EXPECT_EQ(op_lines(result), (Lines{
                                  "create sequence public.user_number_seq",
                                  "add column public.user.number",
                                  "set owner of sequence public.user_number_seq to user.number",
                              }));
  DiffResult back = diff_schemas(to, from);
  EXPECT_EQ(op_lines(back), (Lines{
                                "set owner of sequence public.user_number_seq to none",
                                "drop column public.user.number",
                                "drop sequence public.user_number_seq",
                            }));
}

TEST(Diff, SequenceOptionsAndIdentity) {
  Schema from = seed_like_schema();
  Schema to = from;
  to.sequences[0].data_type = "bigint";
  to.sequences[0].max_value = 9223372036854775807;
  Column& id = to.table({"public", "prompt"})->columns[0];
  id.default_value.reset();
  id.identity = "by default";
  DiffResult result = diff_schemas(from, to);
  EXPECT_EQ(op_lines(result),
            (Lines{
                "execute: ALTER SEQUENCE public.prompt_id_seq AS bigint MINVALUE 1 MAXVALUE "
                "9223372036854775807",
                "alter column public.prompt.id: default none",
                "alter column public.prompt.id: identity by default",
            }));
  DiffResult back = diff_schemas(to, from);
  EXPECT_EQ(op_lines(back),
            (Lines{
                "execute: ALTER SEQUENCE public.prompt_id_seq AS integer MINVALUE 1 MAXVALUE "
                "2147483647",
                "alter column public.prompt.id: drop identity",
                "alter column public.prompt.id: default nextval('public.prompt_id_seq'::regclass)",
            }));
}

TEST(Diff, IdentitySequenceOptionsAreAddedWithTheIdentityAndChangedInPlace) {
  Schema from = seed_like_schema();
  Schema to = from;
  Column& id = to.table({"public", "prompt"})->columns[0];
  id.default_value.reset();
  id.identity = "by default";
  id.identity_options.start = 1000;
  Schema later = to;
  IdentityOptions& options = later.table({"public", "prompt"})->columns[0].identity_options;
  options.cache = 20;
  options.sequence_name = "prompt_seq";
  EXPECT_EQ(op_lines(diff_schemas(from, to)),
            (Lines{"alter column public.prompt.id: default none",
                   "alter column public.prompt.id: identity by default, identity options (START "
                   "WITH 1000)"}));
  EXPECT_EQ(op_lines(diff_schemas(to, later)),
            (Lines{"alter column public.prompt.id: identity options (SEQUENCE NAME "
                   "public.prompt_seq START WITH 1000 CACHE 20)"}));
  EXPECT_EQ(op_lines(diff_schemas(later, to)),
            (Lines{"alter column public.prompt.id: identity options (START WITH 1000)"}));
}

TEST(Diff, SchemaCommentsAreSetWithTheSchemaAndChangedInPlace) {
  Schema from;
  Schema to;
  to.schemas = {"billing"};
  to.schema_comments = {{"billing", "Owned by the billing team's"}};
  EXPECT_EQ(op_lines(diff_schemas(from, to)),
            (Lines{"create schema billing",
                   "set comment on schema billing: Owned by the billing team's"}));
  Schema uncommented = to;
  uncommented.schema_comments.clear();
  EXPECT_EQ(op_lines(diff_schemas(to, uncommented)), Lines{"set comment on schema billing: none"});
  EXPECT_EQ(op_lines(diff_schemas(to, from)), Lines{"drop schema billing"});
}

TEST(Diff, PublicsCommentGoesBackToTheDefaultNotToNone) {
  Schema plain;
  Schema commented;
  commented.schema_comments = {{"public", "the app"}};
  Schema removed;
  removed.schema_comments = {{"public", ""}};
  EXPECT_EQ(op_lines(diff_schemas(plain, commented)),
            Lines{"set comment on schema public: the app"});
  EXPECT_EQ(op_lines(diff_schemas(commented, plain)),
            Lines{"set comment on schema public: standard public schema"});
  EXPECT_EQ(op_lines(diff_schemas(plain, removed)), Lines{"set comment on schema public: "});
  EXPECT_EQ(op_lines(diff_schemas(plain, plain)), Lines{});
}

TEST(Diff, CommentsOfIndexesConstraintsEnumsAndSequencesChangeInPlace) {
  Schema from = seed_like_schema();
  Schema to = from;
  to.enums[0].comment = "where an issue is";
  to.sequences[0].comment = "prompt ids";
  to.table({"public", "user"})->constraints[0].comment = "the key";
  to.table({"public", "user"})->indexes[0].comment = "emails are unique";
  EXPECT_EQ(op_lines(diff_schemas(from, to)),
            (Lines{"set comment on type public.issuestatus: where an issue is",
                   "set comment on sequence public.prompt_id_seq: prompt ids",
                   "set comment on index public.ix_user_email on user: emails are unique",
                   "set comment on constraint public.user_pkey on user: the key"}));
  EXPECT_EQ(op_lines(diff_schemas(to, from)),
            (Lines{"set comment on type public.issuestatus: none",
                   "set comment on sequence public.prompt_id_seq: none",
                   "set comment on index public.ix_user_email on user: none",
                   "set comment on constraint public.user_pkey on user: none"}));
}

TEST(Diff, CreatedAndRebuiltObjectsBringTheirCommentsInTheirCreateOps) {
  Schema from = seed_like_schema();
  Schema to = from;
  Index& index = to.table({"public", "user"})->indexes[0];
  index.comment = "emails";
  index.unique = false;  // rebuilt: the new index brings the comment
  DiffResult diff = diff_schemas(from, to);
  ASSERT_EQ(op_lines(diff), (Lines{"drop index ix_user_email on public.user",
                                   "create index ix_user_email on public.user"}));
  EXPECT_EQ(std::get<CreateIndex>(diff.ops[1]).index.comment, "emails");
  Schema empty;
  for (const Op& op : diff_schemas(empty, to).ops) {
    if (const auto* create = std::get_if<CreateIndex>(&op)) {
      if (create->index.name == "ix_user_email") {
        EXPECT_EQ(create->index.comment, "emails");
      }
    }
    EXPECT_FALSE(std::holds_alternative<SetComment>(op)) << test::op_line(op);
  }
}

TEST(Diff, SchemasExtensionsAndTableComments) {
  Schema from = seed_like_schema();
  Schema to = from;
  to.schemas = {"audit"};
  to.extensions.push_back({"pgcrypto", "public", "1.3"});
  to.table({"public", "user"})->comment.reset();
  Table log = table("log", {col("id", "bigint", false)});
  log.name.schema = "audit";
  to.tables.insert(to.tables.begin(), log);
  DiffResult result = diff_schemas(from, to);
  EXPECT_EQ(op_lines(result), (Lines{
                                  "create schema audit",
                                  "create extension pgcrypto",
                                  "create table audit.log",
                                  "set comment on table public.user: none",
                              }));
  DiffResult back = diff_schemas(to, from);
  EXPECT_EQ(op_lines(back), (Lines{
                                "set comment on table public.user: people who log in",
                                "drop table audit.log",
                                "drop extension pgcrypto",
                                "drop schema audit",
                            }));
}

TEST(Diff, GeneratedExpressionChangeRecreatesTheColumnAndItsIndex) {
  Schema from;
  Column total = col("total", "integer");
  total.generated = "(a * 2)";
  from.tables = {table("t", {col("a", "integer"), total}, {}, {index("ix_t_total", {"total"})})};
  Schema to = from;
  to.tables[0].columns[1].generated = "(a * 3)";
  DiffResult result = diff_schemas(from, to);
  EXPECT_EQ(op_lines(result), (Lines{
                                  "drop index ix_t_total on public.t",
                                  "drop column public.t.total",
                                  "add column public.t.total",
                                  "create index ix_t_total on public.t",
                              }));
  EXPECT_EQ(hazard_lines(result), (Lines{"generated_change t.total"}));
}

TEST(Diff, ColumnOrderThatAppendingCannotGiveIsAHazard) {
  Schema from;
  from.tables = {table("t", {col("a", "integer"), col("c", "integer")})};
  Schema to;
  to.tables = {table("t", {col("a", "integer"), col("b", "integer"), col("c", "integer")})};
  EXPECT_EQ(hazard_lines(diff_schemas(from, to)), (Lines{"column_order t"}));
  Schema appended;
  appended.tables = {table("t", {col("a", "integer"), col("c", "integer"), col("b", "integer")})};
  EXPECT_TRUE(diff_schemas(from, appended).hazards.empty());
}

TEST(Diff, InputOrderDoesNotMatter) {
  Schema sorted = seed_like_schema();
  Schema shuffled = sorted;
  std::reverse(shuffled.tables.begin(), shuffled.tables.end());
  std::reverse(shuffled.enums.begin(), shuffled.enums.end());
  for (Table& t : shuffled.tables) std::reverse(t.constraints.begin(), t.constraints.end());
  EXPECT_EQ(op_lines(diff_schemas(Schema{}, sorted)), op_lines(diff_schemas(Schema{}, shuffled)));
  EXPECT_TRUE(diff_schemas(sorted, shuffled).ops.empty());
}

}  // namespace
}  // namespace asq
