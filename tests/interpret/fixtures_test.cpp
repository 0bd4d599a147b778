// Every revision file of the fixture chains interprets; what the seed's files hold.

#include <gtest/gtest.h>

#include <filesystem>

#include "interpret/interpreter.h"
#include "support/interpret.h"
#include "support/process.h"

namespace asq {
namespace {

using namespace test;

// Expected ops follow what Alembic 1.8.1 / SQLAlchemy 1.4.46 emit for the same file
// (`alembic upgrade head --sql`), in the model's canonical spelling.

class Fixtures : public testing::TestWithParam<std::string> {};

TEST_P(Fixtures, EveryRevisionFileInterprets) {
  namespace fs = std::filesystem;
  int files = 0;
  for (const auto& entry : fs::directory_iterator(test::source_path(GetParam()))) {
    if (entry.path().extension() != ".py") continue;
    ++files;
    std::string path = entry.path().string();
    std::string text = test::read_text(path);
    RevisionOps ops;
    EXPECT_NO_THROW(ops = interpret_revision_source(text, path)) << path;
    EXPECT_EQ(ops.path, path);
    EXPECT_FALSE(ops.revision.empty()) << path;
    EXPECT_TRUE(ops.notes.empty()) << path << ": " << ops.notes[0].second;
  }
  EXPECT_GE(files, 10);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, Fixtures,
                         testing::Values("fixtures/seed16/alembic/versions",
                                         "fixtures/branches/alembic/versions"),
                         [](const testing::TestParamInfo<std::string>& fixture_dir) {
                           return std::string(fixture_dir.param.find("seed16") != std::string::npos
                                                  ? "seed16"
                                                  : "branches");
                         });

TEST(SeedFixture, InitialModelsUseSerialKeys) {
  RevisionOps ops = fixture("e2412789c190_initialize_models.py");
  EXPECT_EQ(ops.revision, "e2412789c190");
  EXPECT_EQ(
      texts(ops.upgrade),
      (Strings{
          "CREATE SEQUENCE public.user_id_seq AS integer MAXVALUE 2147483647",
          "CREATE TABLE public.user (email character varying NOT NULL, is_active boolean NOT NULL, "
          "is_superuser boolean NOT NULL, full_name character varying, id integer NOT NULL DEFAULT "
          "nextval('public.user_id_seq'::regclass), hashed_password character varying NOT NULL, PK "
          "(id))",
          "OWNED BY public.user_id_seq user.id",
          "CREATE UNIQUE INDEX ix_user_email (email) ON public.user",
          "CREATE SEQUENCE public.item_id_seq AS integer MAXVALUE 2147483647",
          "CREATE TABLE public.item (description character varying, id integer NOT NULL DEFAULT "
          "nextval('public.item_id_seq'::regclass), title character varying NOT NULL, owner_id "
          "integer "
          "NOT NULL, PK (id), FK (owner_id) -> public.user(id))",
          "OWNED BY public.item_id_seq item.id",
      }));
  EXPECT_EQ(texts(ops.downgrade),
            (Strings{"DROP TABLE public.item", "DROP INDEX ix_user_email ON public.user",
                     "DROP TABLE public.user"}));
  EXPECT_EQ(ops.upgrade[3].where, (SourceLocation{ops.path, 33, 5}));
}

TEST(SeedFixture, UuidKeysComeFromAnExtensionFunction) {
  RevisionOps ops = fixture("d98dd8ec85a3_edit_replace_id_integers_in_all_models_.py");
  Strings upgrade = texts(ops.upgrade);
  ASSERT_GE(upgrade.size(), 3u);
  EXPECT_EQ(upgrade[0], "EXECUTE CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\"");
  EXPECT_EQ(upgrade[1],
            "ADD COLUMN public.user new_id uuid NOT NULL DEFAULT public.uuid_generate_v4()");
  EXPECT_EQ(texts(ops.downgrade)[0], "EXECUTE ALTER TABLE \"user\" ADD COLUMN old_id SERIAL");
}

TEST(SeedFixture, EnumCreatedWithCheckfirstAndNodeStatusDefault) {
  EXPECT_EQ(texts(fixture("c1234567890d_add_issue_table.py").upgrade)[0],
            "CREATE TYPE IF NOT EXISTS public.issuestatus ('pending', 'assigned', 'running', "
            "'completed', 'failed')");
  Strings node = texts(fixture("f1234567890a_add_node_table.py").upgrade);
  EXPECT_EQ(node[0], "CREATE TYPE public.nodestatus ('online', 'offline', 'busy')");
  EXPECT_NE(node[1].find("status public.nodestatus NOT NULL DEFAULT 'offline'::public.nodestatus"),
            std::string::npos);
}

TEST(ObjectKindFixtures, TriggersEnumsMultischemaAndRawSqlHaveOnlyDataNotes) {
  EXPECT_EQ(chain_notes("triggers"),
            (Strings{"7d3c0b9f2e48_enable_row_level_security_on_document.py:32: op.bulk_insert "
                     "into 'account': 1 rows (data, not schema)"}));
  EXPECT_EQ(chain_notes("enums"),
            (Strings{"4d9e2b7a0c58_add_escalation_rule_table.py:30: op.bulk_insert into "
                     "'escalation_rule': 2 rows (data, not schema)"}));
  EXPECT_EQ(chain_notes("multischema"), Strings{});
  EXPECT_EQ(chain_notes("rawsql"), Strings{});
}

TEST(ObjectKindFixtures, IdentitySequenceOptionsAreCarriedNotNoted) {
  EXPECT_EQ(chain_notes("identity"),
            (Strings{"2e7f5b8d1c64_add_customer_number_and_search_name.py:22: op.bulk_insert into "
                     "'customer': 2 rows (data, not schema)"}));
}

TEST(ObjectKindFixtures, PartitionsHaveOnlyADataNote) {
  EXPECT_EQ(chain_notes("partitions"),
            (Strings{"3a9f7c0b5e26_add_device_tables_with_inheritance.py:41: op.bulk_insert into "
                     "'device': 1 rows (data, not schema)"}));
}

}  // namespace
}  // namespace asq
