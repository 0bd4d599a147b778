#include "config/ini_file.h"

#include <gtest/gtest.h>

namespace asq {
namespace {

TEST(IniFile, ReadsValuesWithHereInterpolationAndPercentEscapes) {
  IniFile ini = IniFile::parse(
      "[alembic]\n"
      "# a comment\n"
      "script_location = %(here)s/alembic\n"
      "file_template = %%(rev)s_%%(slug)s\n"
      "Version_Locations: %(script_location)s/versions\n",
      "alembic.ini");
  std::map<std::string, std::string> defaults{{"here", "/srv/app"}};
  EXPECT_EQ(ini.get("alembic", "script_location", defaults), "/srv/app/alembic");
  EXPECT_EQ(ini.get("alembic", "file_template", defaults), "%(rev)s_%(slug)s");
  EXPECT_EQ(ini.get("alembic", "version_locations", defaults), "/srv/app/alembic/versions");
  EXPECT_EQ(ini.line_of("alembic", "script_location"), 3);
  EXPECT_FALSE(ini.get("alembic", "missing").has_value());
}

TEST(IniFile, JoinsIndentedContinuationLines) {
  IniFile ini = IniFile::parse("[alembic]\nversion_locations = a\n    b\n\tc\n", "x.ini");
  EXPECT_EQ(ini.raw("alembic", "version_locations"), "a\nb\nc");
}

TEST(IniFile, FallsBackToTheDefaultSection) {
  IniFile ini = IniFile::parse("[DEFAULT]\nroot = /x\n[alembic]\nloc = %(root)s/y\n", "x.ini");
  EXPECT_EQ(ini.get("alembic", "loc"), "/x/y");
}

TEST(IniFile, ErrorsNameTheFileLineAndWhatWasExpected) {
  try {
    IniFile::parse("[alembic]\nscript_location\n", "conf/alembic.ini");
    FAIL() << "no error";
  } catch (const SourceError& error) {
    EXPECT_STREQ(error.what(),
                 "conf/alembic.ini:2:1: expected '[section]' or 'key = value'\n"
                 "script_location\n"
                 "^");
  }
  try {
    IniFile::parse("[alembic\n", "a.ini");
    FAIL() << "no error";
  } catch (const SourceError& error) {
    EXPECT_STREQ(error.what(), "a.ini:1:1: expected ']' to close the section header\n[alembic\n^");
  }
}

TEST(IniFile, AnUndefinedReferenceIsAnError) {
  IniFile ini = IniFile::parse("[alembic]\n\nurl = %(nothing)s\n", "a.ini");
  try {
    ini.get("alembic", "url");
    FAIL() << "no error";
  } catch (const SourceError& error) {
    EXPECT_STREQ(error.what(), "a.ini:3: '%(nothing)s' refers to a key that is not defined");
  }
}

}  // namespace
}  // namespace asq
