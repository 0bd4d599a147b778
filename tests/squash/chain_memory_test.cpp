// What earlier revisions of a chain said about a column reaches the later revisions that leave
// it out, through renames of its table (interpret_revisions' chain memory).

#include <gtest/gtest.h>

#include <fstream>

#include "revisions/graph.h"
#include "revisions/scan.h"
#include "squash/stages.h"
#include "support/interpret.h"
#include "support/process.h"

namespace asq {
namespace {

void write_revision(const test::TempDir& dir, const std::string& id, const std::string& down,
                    const std::string& body) {
  std::ofstream out(dir / (id + "_r.py"));
  out << "from alembic import op\nimport sqlalchemy as sa\n\nrevision = '" << id
      << "'\ndown_revision = " << (down.empty() ? "None" : "'" + down + "'")
      << "\nbranch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n"
      << body << "\n\ndef downgrade():\n    pass\n";
}

std::vector<RevisionOps> interpret_dir(const test::TempDir& dir) {
  VersionsScan scan = scan_versions({dir.path()}, {true, false, {}});
  RevisionGraph graph = RevisionGraph::build(scan.files);
  return interpret_revisions(graph, upgrade_order(graph));
}

TEST(ChainMemory, AColumnsDefaultFollowsItsTableThroughARename) {
  test::TempDir dir;
  write_revision(dir, "a1", "",
                 "    op.execute(\"CREATE TYPE reason AS ENUM ('frozen')\")\n"
                 "    op.create_table('accounts_user', sa.Column('id', sa.Integer(), "
                 "primary_key=True),\n"
                 "        sa.Column('why', sa.Enum('frozen', name='reason', create_type=False),\n"
                 "                  server_default='frozen'))\n");
  write_revision(dir, "b2", "a1", "    op.rename_table('accounts_user', 'users')\n");
  write_revision(dir, "c3", "b2",
                 "    op.sync_enum_values('public', 'reason', ['frozen', 'compromised'],\n"
                 "                        [('users', 'why')], enum_values_to_rename=[])\n");
  std::vector<RevisionOps> revisions = interpret_dir(dir);
  ASSERT_EQ(revisions.size(), 3u);
  std::string sql;
  for (const std::string& line : test::texts(revisions[2].upgrade)) sql += line + "\n";
  EXPECT_NE(sql.find("ALTER TABLE \"public\".\"users\" ALTER COLUMN \"why\" SET DEFAULT"),
            std::string::npos)
      << sql;
}

TEST(ChainMemory, ADroppedTableIsForgottenNotConfusedWithALaterOneOfTheSameName) {
  test::TempDir dir;
  write_revision(dir, "a1", "",
                 "    op.execute(\"CREATE TYPE reason AS ENUM ('frozen')\")\n"
                 "    op.create_table('users', sa.Column('id', sa.Integer(), primary_key=True),\n"
                 "        sa.Column('why', sa.Enum('frozen', name='reason', create_type=False),\n"
                 "                  server_default='frozen'))\n");
  write_revision(dir, "b2", "a1",
                 "    op.drop_table('users')\n"
                 "    op.execute('CREATE TABLE users (id int, why reason)')\n");
  write_revision(dir, "c3", "b2",
                 "    op.sync_enum_values('public', 'reason', ['frozen', 'compromised'],\n"
                 "                        [('users', 'why')], enum_values_to_rename=[])\n");
  try {
    interpret_dir(dir);
    FAIL() << "the dropped table's default was used for the new table";
  } catch (const SourceError& error) {
    EXPECT_NE(error.message().find("the default of users.why is not known"), std::string::npos)
        << error.message();
  }
}

// The inspector's answers are known only while every table change was modelled: raw SQL that
// may make a table, or a revision read without its parent, leaves them to the database.
TEST(ChainMemory, TheInspectorKnowsTheTablesUntilRawSqlMayHaveMadeOne) {
  test::TempDir dir;
  write_revision(dir, "a1", "",
                 "    if 'job' not in sa.inspect(op.get_bind()).get_table_names():\n"
                 "        op.create_table('job', sa.Column('id', sa.Integer()))\n"
                 "    op.execute('CREATE INDEX ix_job_id ON job (id)')\n");
  write_revision(dir, "b2", "a1",
                 "    if sa.inspect(op.get_bind()).has_table('job'):\n"
                 "        op.add_column('job', sa.Column('n', sa.Integer()))\n"
                 "    op.execute('CREATE TABLE raw_t (id int)')\n"
                 "    if sa.inspect(op.get_bind()).has_table('raw_t'):\n"
                 "        op.drop_table('raw_t')\n");
  write_revision(dir, "c3", "b2",
                 "    if sa.inspect(op.get_bind()).has_table('job'):\n"
                 "        op.drop_table('job')\n");
  std::vector<RevisionOps> revisions = interpret_dir(dir);
  ASSERT_EQ(revisions.size(), 3u);
  EXPECT_EQ(test::texts(revisions[0].upgrade),
            (test::Strings{"CREATE TABLE public.job (id integer)",
                           "EXECUTE CREATE INDEX ix_job_id ON job (id)"}));
  EXPECT_TRUE(unmodelled(revisions[0]).empty());
  EXPECT_EQ(
      test::texts(revisions[1].upgrade),
      (test::Strings{"ADD COLUMN public.job n integer", "EXECUTE CREATE TABLE raw_t (id int)"}));
  ASSERT_EQ(unmodelled(revisions[1]).size(), 1u);         // the guard after the raw CREATE TABLE
  EXPECT_EQ(unmodelled(revisions[1])[0].first.line, 15);  // the drop under the guard
  ASSERT_EQ(unmodelled(revisions[2]).size(), 1u);         // and in every revision after it
}

}  // namespace
}  // namespace asq
