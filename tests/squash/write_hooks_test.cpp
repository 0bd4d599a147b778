#include "squash/write_hooks.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "common/errors.h"
#include "support/process.h"

namespace asq {
namespace {

namespace fs = std::filesystem;
using Args = std::vector<std::string>;

TEST(HookArguments, PutsTheFileFirstWhenTheOptionsDoNotNameIt) {
  EXPECT_EQ(hook_arguments("", "/v/a.py"), Args{"/v/a.py"});
  EXPECT_EQ(hook_arguments("-l 79", "/v/a.py"), (Args{"/v/a.py", "-l", "79"}));
  EXPECT_EQ(hook_arguments("check --fix REVISION_SCRIPT_FILENAME", "/v/a.py"),
            (Args{"check", "--fix", "/v/a.py"}));
}

TEST(HookArguments, SplitsAsShlexDoesInPosixMode) {
  EXPECT_EQ(
      hook_arguments(R"(-c 'a b' "c \"d\" \x" e\ f --out=REVISION_SCRIPT_FILENAME.bak)", "/v/a.py"),
      (Args{"-c", "a b", R"(c "d" \x)", "e f", "--out=/v/a.py.bak"}));
  EXPECT_THROW(hook_arguments("-c 'open", "/v/a.py"), std::invalid_argument);
}

Config config_with(std::vector<WriteHook> hooks) {
  Config config;
  config.python = "/usr/bin/python3";
  config.environment = {{"PATH", "/usr/bin:/bin"}};
  config.post_write_hooks = std::move(hooks);
  return config;
}

TEST(WriteHooks, RunsEachHookOnEachFileInAFolderBesideVersionsAndRemovesIt) {
  test::TempDir project;
  fs::create_directories(project.path() + "/migrations/versions");
  WriteHook upper{"upper",
                  {{"type", "exec"},
                   {"executable", "/bin/sh"},
                   {"options",
                    "-c 'tr a-z A-Z < \"$0\" > \"$0.x\" && mv \"$0.x\" \"$0\"' "
                    "REVISION_SCRIPT_FILENAME"}},
                  {"alembic.ini", 9, 0}};
  WriteHook mark{"mark",
                 {{"type", "exec"},
                  {"executable", "/bin/sh"},
                  {"options",
                   "-c 'echo \"# $(basename \"$(dirname \"$0\")\" | cut -c1-22)\" "
                   ">> \"$0\"' REVISION_SCRIPT_FILENAME"}},
                 {"alembic.ini", 9, 0}};
  std::vector<NewFile> out =
      run_write_hooks(config_with({upper, mark}), {{"a.py", "x = 1\n"}, {"b.py", "y = 2\n"}},
                      project.path() + "/migrations/versions");
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].name, "a.py");
  EXPECT_EQ(out[0].content, "X = 1\n# .alembic-squash-hooks-\n");
  EXPECT_EQ(out[1].content, "Y = 2\n# .alembic-squash-hooks-\n");
  EXPECT_EQ(test::file_hashes(project.path()).size(), 0u) << "nothing is left behind";
}

TEST(WriteHooks, AHookWithoutItsKeysIsAnErrorOfAlembicIni) {
  test::TempDir project;
  WriteHook untyped{"black", {{"entrypoint", "black"}}, {"alembic.ini", 12, 0}};
  try {
    run_write_hooks(config_with({untyped}), {{"a.py", "x\n"}}, project.path() + "/versions");
    FAIL() << "no error";
  } catch (const SourceError& error) {
    EXPECT_STREQ(error.what(),
                 "alembic.ini:12: Key black.type is required for post write hook 'black'");
  }
  WriteHook custom{"fmt", {{"type", "my_formatter"}}, {"alembic.ini", 12, 0}};
  EXPECT_THROW(
      run_write_hooks(config_with({custom}), {{"a.py", "x\n"}}, project.path() + "/versions"),
      SourceError);
  WriteHook missing{"nope",
                    {{"type", "console_scripts"}, {"entrypoint", "no-such-tool-x"}},
                    {"alembic.ini", 12, 0}};
  try {
    run_write_hooks(config_with({missing}), {{"a.py", "x\n"}}, project.path() + "/versions");
    FAIL() << "no error";
  } catch (const Refused& error) {
    EXPECT_TRUE(std::string(error.what())
                    .starts_with("post write hook 'nope' (alembic.ini:12): Could not find "
                                 "entrypoint console_scripts.no-such-tool-x in /usr/bin/python3"))
        << error.what();
  }
}

TEST(WriteHooks, RunsAConsoleScriptsEntryPointAsAlembicDoes) {
  if (!fs::exists("/usr/bin/black")) GTEST_SKIP() << "black is not installed";
  test::TempDir project;
  fs::create_directories(project.path() + "/versions");
  WriteHook black{"black",
                  {{"type", "console_scripts"}, {"entrypoint", "black"}, {"options", "-q"}},
                  {"alembic.ini", 3, 0}};
  std::vector<NewFile> out = run_write_hooks(config_with({black}), {{"a.py", "x = {'a':1}\n"}},
                                             project.path() + "/versions");
  EXPECT_EQ(out[0].content, "x = {\"a\": 1}\n");
}

}  // namespace
}  // namespace asq
