// Serial columns: where SQLAlchemy's SERIAL gives exactly the sequence the database has, the
// baseline writes the column as autogenerate does (no sequence, no default, no
// autoincrement=False) and lets create_table make it; everywhere else the sequence stays SQL.
// The referee is the real Alembic: an empty database upgraded with the file dumps the same.

#include <gtest/gtest.h>

#include "render/alembic_serial.h"
#include "schema/defaults.h"
#include "support/baseline.h"

namespace asq {
namespace {

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

/// The upgrade() of a revision file.
std::string upgrade_of(const std::string& text) {
  size_t begin = text.find("def upgrade(");
  return text.substr(begin, text.find("def downgrade(") - begin);
}

TEST(SerialColumns, ASerialPrimaryKeyIsWrittenAsAutogenerateWritesIt) {
  std::string text = test::check_baseline_under_alembic(
      "serial_pk", "CREATE TABLE account (id serial PRIMARY KEY, name text NOT NULL);");
  EXPECT_TRUE(has(text,
                  "    op.create_table(\n"
                  "        \"account\",\n"
                  "        sa.Column(\"id\", sa.Integer(), nullable=False),\n"
                  "        sa.Column(\"name\", sa.Text(), nullable=False),\n"
                  "        sa.PrimaryKeyConstraint(\"id\", name=op.f(\"account_pkey\")),\n"
                  "    )\n"))
      << text;
  EXPECT_FALSE(has(text, "SEQUENCE")) << text;
  EXPECT_FALSE(has(text, "nextval")) << text;
  // Dropping the table drops its sequence.
  EXPECT_TRUE(has(text, "def downgrade() -> None:\n    op.drop_table(\"account\")\n")) << text;
}

TEST(SerialColumns, BigserialAndSmallserialPrimaryKeysToo) {
  std::string text =
      test::check_baseline_under_alembic("bigserial_pk",
                                         "CREATE TABLE event (id bigserial PRIMARY KEY);"
                                         "CREATE TABLE flag (id smallserial PRIMARY KEY);");
  EXPECT_TRUE(has(text, "sa.Column(\"id\", sa.BigInteger(), nullable=False)")) << text;
  EXPECT_TRUE(has(text, "sa.Column(\"id\", sa.SmallInteger(), nullable=False)")) << text;
  EXPECT_FALSE(has(text, "SEQUENCE")) << text;
}

TEST(SerialColumns, ASequenceSerialDoesNotMakeStaysSql) {
  std::string text = test::check_baseline_under_alembic(
      "custom_sequence",
      // a custom start; a serial made bigint (its sequence stays integer); a sequence that a
      // table created before its owner uses too; a cache; a serial column in a foreign key.
      "CREATE TABLE custom (id serial PRIMARY KEY);"
      "ALTER SEQUENCE custom_id_seq START WITH 1000 RESTART WITH 1000;"
      "CREATE TABLE widened (id serial PRIMARY KEY);"
      "ALTER TABLE widened ALTER COLUMN id TYPE bigint;"
      "CREATE TABLE zeta (id serial PRIMARY KEY);"
      "CREATE TABLE alpha (id integer PRIMARY KEY DEFAULT nextval('zeta_id_seq'));"
      "CREATE TABLE cached (id serial PRIMARY KEY);"
      "ALTER SEQUENCE cached_id_seq CACHE 10;"
      "CREATE TABLE detail (id serial PRIMARY KEY REFERENCES custom(id));");
  for (const char* table : {"custom", "widened", "zeta", "cached", "detail"}) {
    EXPECT_TRUE(has(text, std::string("CREATE SEQUENCE ") + table + "_id_seq")) << text;
    EXPECT_TRUE(has(text, std::string("ALTER SEQUENCE ") + table + "_id_seq OWNED BY ")) << text;
  }
  EXPECT_TRUE(has(text, "server_default=sa.text(\"nextval('zeta_id_seq'::regclass)\")")) << text;
}

TEST(SerialColumns, ASequenceAlsoUsedByALaterTableIsStillSerial) {
  // SERIAL makes the same sequence; the table created after it uses it as before.
  std::string text = test::check_baseline_under_alembic(
      "shared_after",
      "CREATE TABLE first (id serial PRIMARY KEY);"
      "CREATE TABLE second (id integer PRIMARY KEY DEFAULT nextval('first_id_seq'));");
  EXPECT_FALSE(has(upgrade_of(text), "SEQUENCE")) << text;
  EXPECT_TRUE(has(text, "sa.Column(\"id\", sa.Integer(), nullable=False)")) << text;
  // Another table uses the sequence: the downgrade keeps it apart from its table.
  EXPECT_TRUE(has(text, "op.execute(\"DROP SEQUENCE first_id_seq\")")) << text;
  EXPECT_TRUE(has(text, "server_default=sa.text(\"nextval('first_id_seq'::regclass)\")")) << text;
}

TEST(SerialColumns, ASerialColumnThatIsNotThePrimaryKeyStaysSql) {
  std::string text = test::check_baseline_under_alembic(
      "serial_not_pk",
      "CREATE TABLE ticket (code text PRIMARY KEY, number serial);"
      "CREATE TABLE pair (a serial, b integer, PRIMARY KEY (a, b));");
  EXPECT_TRUE(has(text, "CREATE SEQUENCE ticket_number_seq")) << text;
  EXPECT_TRUE(has(text, "CREATE SEQUENCE pair_a_seq")) << text;
  EXPECT_TRUE(has(text, "server_default=sa.text(\"nextval('ticket_number_seq'::regclass)\")"))
      << text;
}

const std::string kSerialId = "sa.Column(\"id\", sa.Integer(), nullable=False)";

// The search for ops naming a sequence goes by whole words: `a_id_seq` is not named by the
// CREATE SEQUENCE of `ba_id_seq`, created between it and its table.
TEST(SerialColumns, ASequenceWhoseNameEndsAnotherOnesIsStillSerial) {
  std::string text =
      test::check_baseline_under_alembic("suffix_names",
                                         "CREATE TABLE a (id serial PRIMARY KEY);"
                                         "CREATE TABLE ba (id serial PRIMARY KEY);"
                                         "CREATE TABLE cba (id serial PRIMARY KEY);");
  EXPECT_FALSE(has(text, "SEQUENCE")) << text;
  size_t serial = 0;
  for (size_t at = text.find(kSerialId); at != std::string::npos;
       at = text.find(kSerialId, at + 1)) {
    ++serial;
  }
  EXPECT_EQ(serial, 3u) << text;
}

/// A serial table `a` whose sequence is created first, with `between` after it.
std::vector<Op> serial_ops_with(const Op& between) {
  QualifiedName sequence{"public", "a_id_seq"};
  Table table;
  table.name = {"public", "a"};
  Column id;
  id.name = "id";
  id.type = "integer";
  id.nullable = false;
  id.default_value = nextval_default(sequence);
  table.columns = {id};
  Constraint key;
  key.kind = Constraint::Kind::kPrimaryKey;
  key.name = "a_pkey";
  key.columns = {"id"};
  table.constraints = {key};
  return {CreateSequence{sequence_of_type(sequence, "integer")}, between, CreateTable{table},
          SetSequenceOwner{sequence, "a", "id"}};
}

size_t serials_with(const std::string& sql) {
  return sqlalchemy_serials(serial_ops_with(Execute{sql}), [](const Table&) { return true; })
      .columns.size();
}

TEST(SerialColumns, AnOpNamingTheSequenceBetweenKeepsItSqlHoweverItIsQuoted) {
  EXPECT_EQ(serials_with("SELECT 1"), 1u);
  EXPECT_EQ(serials_with("SELECT nextval('ba_id_seq')"), 1u);  // another sequence
  EXPECT_EQ(serials_with("SELECT nextval('a_id_seq')"), 0u);
  EXPECT_EQ(serials_with("SELECT nextval('public.a_id_seq'::regclass)"), 0u);
  EXPECT_EQ(serials_with("CREATE FUNCTION f() RETURNS bigint AS $$SELECT 1$$||$$a_id_seq$$"), 0u);
  EXPECT_EQ(serials_with("CREATE FUNCTION f() RETURNS bigint AS $f$a_id_seq$f$"), 0u);
  EXPECT_EQ(serials_with("SELECT E'\\na_id_seq'"), 0u);  // an escape before it
  EXPECT_EQ(serials_with("SELECT E'\\x0aa_id_seq'"), 0u);
  EXPECT_EQ(serials_with("SELECT E'\\012a_id_seq'"), 0u);
  EXPECT_EQ(serials_with("SELECT U&'\\000Aa_id_seq'"), 0u);
  EXPECT_EQ(serials_with("SELECT \"A_ID_SEQ\""), 1u);  // another name
}

}  // namespace
}  // namespace asq
