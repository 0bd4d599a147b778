#include "config/revision_rules.h"

#include <gtest/gtest.h>

namespace asq {
namespace {

TEST(RevisionIdRules, AcceptsWhatAlembicLoadsAsAFileAndARevision) {
  for (const char* id :
       {"001_initial_schema", "318e2657ad46", "A", "_x", "abcdefghijklmnopqrstuvwxyz012345"}) {
    EXPECT_EQ(revision_id_problem(id), std::nullopt) << id;
  }
}

TEST(RevisionIdRules, NamesTheRuleAnIdBreaks) {
  EXPECT_EQ(revision_id_problem(""), "a revision id must not be empty");
  EXPECT_EQ(revision_id_problem("abcdefghijklmnopqrstuvwxyz0123456"),
            "a revision id has at most 32 characters (Alembic's version_num column is "
            "VARCHAR(32)); this one has 33");
  const std::string charset =
      "a revision id may hold only ASCII letters, digits and '_' (it names a file in the "
      "versions folder, and Alembic rejects '-', '+' and '@'); found ";
  EXPECT_EQ(revision_id_problem("../x"), charset + "'.'");
  EXPECT_EQ(revision_id_problem("../../evil"), charset + "'.'");
  EXPECT_EQ(revision_id_problem(".hidden"), charset + "'.'");
  EXPECT_EQ(revision_id_problem("a/b"), charset + "'/'");
  EXPECT_EQ(revision_id_problem("a\\b"), charset + "'\\\\'");
  EXPECT_EQ(revision_id_problem("a-b"), charset + "'-'");
  EXPECT_EQ(revision_id_problem("a\nb"), charset + "'\\n'");
  EXPECT_EQ(revision_id_problem("caf\xc3\xa9"), charset + "'\\xc3'");
  EXPECT_EQ(revision_id_problem("__init__x"),
            "a revision id must not start with '__init__' (Alembic skips files named so)");
}

TEST(CreateDateRules, AcceptsIso8601DatesAndDateTimes) {
  for (const char* date :
       {"2026-11-21", "2026-11-21 00:00:00.000000", "2026-11-21T09:30", "2026-11-21T09:30:59Z",
        "2024-02-29 23:59:59.123456789", "2026-11-21T09:30:00+01:00", "2026-11-21T09:30:00-0530",
        "2026-11-21 09:30:00+02"}) {
    EXPECT_EQ(create_date_problem(date), std::nullopt) << date;
  }
}

TEST(CreateDateRules, RefusesAnythingElseAndShowsItOnOneLine) {
  for (const char* date :
       {"", "2026", "2026-13-01", "2026-02-29", "2026-11-31", "2026-11-21 24:00", "2026-11-21 9:30",
        "2026-11-21T09:30:60", "2026-11-21 09:30:00.", "2026-11-21 09:30:00.1234567890",
        "2026-11-21 09:30 UTC", "2026-11-21\n", "tomorrow"}) {
    EXPECT_NE(create_date_problem(date), std::nullopt) << date;
  }
  EXPECT_EQ(create_date_problem("2024-01-01\n\"\"\"\nimport os"),
            "expected an ISO 8601 date or date-time such as 2026-11-21 or 2026-11-21 "
            "09:30:00.000000 (optionally with 'T', a zone 'Z' or +01:00), found "
            "'2024-01-01\\n\"\"\"\\nimport os'");
}

}  // namespace
}  // namespace asq
