// tools/pg-sandbox: throwaway servers that run side by side and stop one at a time.

#include <gtest/gtest.h>

#include <filesystem>
#include <pqxx/pqxx>

#include "support/process.h"

namespace asq {
namespace {

using test::ProcessResult;
using test::run_process;
using test::source_path;

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

bool answers(const std::string& url) {
  try {
    pqxx::connection connection(url);
    pqxx::nontransaction tx(connection);
    return tx.exec("SELECT 1")[0][0].as<int>() == 1;
  } catch (const std::exception&) {
    return false;
  }
}

TEST(PgSandbox, TwoRunSideBySideAndStopOnlyTheirOwnServer) {
  std::string script = source_path("tools/pg-sandbox");
  ProcessResult a = run_process({script, "start"});
  ASSERT_EQ(a.exit_code, 0) << a.err;
  ProcessResult b = run_process({script, "start"});
  ASSERT_EQ(b.exit_code, 0) << b.err;
  std::string url_a = first_line(a.out), url_b = first_line(b.out);
  EXPECT_NE(url_a, url_b);
  EXPECT_TRUE(answers(url_a));
  EXPECT_TRUE(answers(url_b));
  std::string dir_a = first_line(run_process({script, "dir", url_a}).out);
  EXPECT_EQ(first_line(run_process({script, "url", dir_a}).out), url_a);
  EXPECT_TRUE(std::filesystem::exists(dir_a + "/data/PG_VERSION"));

  EXPECT_EQ(run_process({script, "stop", url_a}).exit_code, 0);
  EXPECT_FALSE(answers(url_a));
  EXPECT_FALSE(std::filesystem::exists(dir_a));
  EXPECT_TRUE(answers(url_b));
  EXPECT_EQ(run_process({script, "stop", url_b}).exit_code, 0);
  EXPECT_FALSE(answers(url_b));
}

TEST(PgSandbox, StoppingAnUnknownSandboxFailsClearly) {
  ProcessResult result =
      run_process({source_path("tools/pg-sandbox"), "stop", "postgresql://x@127.0.0.1:1/y"});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.err.find("no sandbox known"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace asq
