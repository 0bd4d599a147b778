#include "common/child_process.h"

#include <gtest/gtest.h>

#include "support/process.h"

namespace asq {
namespace {

TEST(ChildProcess, CollectsBothStreamsAndTheExitCode) {
  test::TempDir dir;
  ChildResult result = run_child({"sh", "-c", "echo out; echo \"err $GREETING\" >&2; pwd; exit 3"},
                                 dir.path(), {{"PATH", "/usr/bin:/bin"}, {"GREETING", "hi"}});
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_EQ(result.out, "out\n" + dir.path() + "\n");
  EXPECT_EQ(result.err, "err hi\n");
}

TEST(ChildProcess, ReadsLargeOutputOnBothStreamsWithoutBlocking) {
  ChildResult result =
      run_child({"sh", "-c", "head -c 300000 /dev/zero | tr '\\0' a; head -c 300000 /dev/zero >&2"},
                "", {{"PATH", "/usr/bin:/bin"}});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.out.size(), 300000u);
  EXPECT_EQ(result.err.size(), 300000u);
}

TEST(ChildProcess, AProgramThatIsNotThereThrows) {
  EXPECT_THROW(run_child({"no-such-program-here"}, "", {{"PATH", "/usr/bin:/bin"}}),
               std::system_error);
  EXPECT_THROW(run_child({"/nonexistent/python3"}, "", {}), std::system_error);
}

}  // namespace
}  // namespace asq
