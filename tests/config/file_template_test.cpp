#include "config/file_template.h"

#include <gtest/gtest.h>

namespace asq {
namespace {

DateFields at(const char* date) { return *date_fields(date); }

TEST(RevisionSlug, JoinsWordRunsLowerCasedAsAlembicDoes) {
  EXPECT_EQ(revision_slug("Add user.email -- NOT NULL!", 40), "add_user_email_not_null");
  EXPECT_EQ(revision_slug("", 40), "");
  EXPECT_EQ(revision_slug("  sync with database  ", 40), "sync_with_database");
  EXPECT_EQ(revision_slug("Ünïcode Äbc — x «y»", 40), "ünïcode_äbc_x_y");
}

TEST(RevisionSlug, CutsALongSlugBackToItsLastUnderscoreAndKeepsIt) {
  // '_'.join(re.findall(r'\w+', m)).lower()[:20].rsplit('_', 1)[0] + '_'
  EXPECT_EQ(revision_slug("add the reporting tables for finance", 20), "add_the_reporting_");
  EXPECT_EQ(revision_slug("abcdefghijklmnopqrstuvwxyz", 10), "abcdefghij_");
  EXPECT_EQ(revision_slug("exactly ten", 11), "exactly_ten");
}

TEST(DateFields, ReadsTheCalendarFieldsAndTheEpoch) {
  DateFields f = at("2024-03-05 09:15:42.123456");
  EXPECT_EQ(f.year, 2024);
  EXPECT_EQ(f.month, 3);
  EXPECT_EQ(f.day, 5);
  EXPECT_EQ(f.hour, 9);
  EXPECT_EQ(f.minute, 15);
  EXPECT_EQ(f.second, 42);
  EXPECT_EQ(f.epoch, 1709630142);
  EXPECT_EQ(at("2024-03-05").epoch, 1709596800);
  EXPECT_EQ(at("2024-03-05T10:15:42+01:00").epoch, 1709630142);
  EXPECT_FALSE(date_fields("March 5th").has_value());
}

TEST(RevisionFileName, TheDefaultTemplateGivesRevUnderscoreSlug) {
  FileNaming naming;
  EXPECT_EQ(revision_file_name(naming, "5a9c3e7f1b24", "sync with database", at("2026-11-21")),
            "5a9c3e7f1b24_sync_with_database.py");
}

TEST(RevisionFileName, FillsDateFieldsWithPythonsPercentConversions) {
  FileNaming naming;
  naming.file_template = "%(year)d_%(month).2d_%(day).2d_%(hour).2d%(minute).2d-%(rev)s_%(slug)s";
  EXPECT_EQ(revision_file_name(naming, "001_initial_schema", "initial schema",
                               at("2026-01-07 08:05:09.000001")),
            "2026_01_07_0805-001_initial_schema_initial_schema.py");
  naming.file_template = "%(epoch)s_%(second)02d_%(rev)-6s|%(slug).4s%%";
  EXPECT_EQ(revision_file_name(naming, "ab", "sync with database", at("2024-03-05 09:15:42")),
            "1709630142_42_ab    |sync%.py");
}

TEST(RevisionFileName, RefusesWhatAlembicWouldNotFillNamingAlembicIni) {
  FileNaming naming;
  naming.file_template = "%(rev)s_%(author)s";
  naming.written = "%%(rev)s_%%(author)s";
  naming.where = {"alembic.ini", 7, 0};
  try {
    revision_file_name(naming, "ab", "x", at("2024-03-05"));
    FAIL() << "no error";
  } catch (const SourceError& error) {
    EXPECT_STREQ(error.what(),
                 "alembic.ini:7: file_template '%%(rev)s_%%(author)s': Alembic fills no 'author' "
                 "(it fills rev, slug, epoch, year, month, day, hour, minute, second)");
  }
  naming.file_template = "%(rev)d";
  EXPECT_THROW(revision_file_name(naming, "ab", "x", at("2024-03-05")), SourceError);
  naming.file_template = "%(year)d/%(rev)s";
  EXPECT_THROW(revision_file_name(naming, "ab", "x", at("2024-03-05")), SourceError);
}

}  // namespace
}  // namespace asq
