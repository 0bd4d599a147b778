// Bad input gets the documented exit code and a message that says what is wrong (issue 12).

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>

#include "common/utf8.h"
#include "support/postgres.h"
#include "support/process.h"

namespace asq {
namespace {

using test::ProcessResult;
using test::run_tool;
using test::source_path;
using test::TempDir;
using test::TestDatabase;
using test::write_text;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(BadInput, HistoryWithAMissingVersionsFolderExits2) {
  TempDir dir;
  ProcessResult result = run_tool({"--versions", "nope", "history"}, dir.path());
  EXPECT_EQ(result.exit_code, 2) << result.out << result.err;
  EXPECT_TRUE(contains(result.err, "nope: error: the versions folder does not exist"))
      << result.err;
}

TEST(BadInput, HistoryJsonIsValidUtf8WhateverTheFilesHold) {
  TempDir dir;
  write_text(dir / "v/a1_x.py",
             "# -*- coding: latin-1 -*-\n\"\"\"caf\xe9 \\ud800\"\"\"\nrevision = 'a1'\n"
             "down_revision = None\n");
  ProcessResult result = run_tool({"--versions", "v", "--json", "history"}, dir.path());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(find_invalid_utf8(result.out), std::string::npos) << result.out;
  EXPECT_TRUE(contains(result.out, "\"message\": \"caf\xef\xbf\xbd \\ud800\"")) << result.out;
}

TEST(BadInput, AFileThatIsNotUtf8StopsHistoryWithExit2) {
  TempDir dir;
  write_text(dir / "v/a1_x.py", "revision = 'a1'\ndown_revision = None\nx = '\xe9'\n");
  ProcessResult result = run_tool({"--versions", "v", "history"}, dir.path());
  EXPECT_EQ(result.exit_code, 2) << result.out << result.err;
  EXPECT_TRUE(contains(result.err, "v/a1_x.py:3:6: error: byte 0xE9 is not valid UTF-8"))
      << result.err;
}

TEST(BadInput, AMalformedUrlExits2) {
  TempDir dir;
  write_text(dir / "v/a1_x.py", "revision = 'a1'\ndown_revision = None\n");
  for (const char* url : {"postgresql://u:secret@h:99999/db", "postgresql://h/db?sslmode=bogus",
                          "postgresql://u:se%zz@h/db", "postgresql://u:secret@[::1/db"}) {
    ProcessResult result =
        run_tool({"--database-url", url, "--versions", "v", "doctor"}, dir.path());
    EXPECT_EQ(result.exit_code, 2) << url << "\n" << result.err;
    EXPECT_TRUE(contains(result.err, "--database-url: invalid database URL: ")) << result.err;
    EXPECT_FALSE(contains(result.err, "secret")) << result.err;
    // history and heads never connect (and run without libpq): the URL is not theirs to judge.
    for (const char* command : {"history", "heads"}) {
      ProcessResult read =
          run_tool({"--database-url", url, "--versions", "v", command}, dir.path());
      EXPECT_EQ(read.exit_code, 0) << command << " " << url << "\n" << read.err;
      EXPECT_EQ(read.out,
                std::string(command) == "history" ? "<base> -> a1 (head), \n" : "a1 (head)\n")
          << command;
    }
  }
}

TEST(BadInput, AServerThatAcceptsAndNeverAnswersEndsWithExit4) {
  int listener = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(listener, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  ASSERT_EQ(::listen(listener, 8), 0);  // the kernel completes the handshake; nobody answers
  socklen_t length = sizeof address;
  ::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length);
  std::string url = "postgresql://u@127.0.0.1:" + std::to_string(ntohs(address.sin_port)) + "/db";
  TempDir dir;
  write_text(dir / "v/a1_x.py", "revision = 'a1'\ndown_revision = None\n");
  auto start = std::chrono::steady_clock::now();
  ProcessResult result =
      run_tool({"--versions", "v", "doctor"}, dir.path(), {{"DATABASE_URL", url}});
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ::close(listener);
  EXPECT_EQ(result.exit_code, 4) << result.out << result.err;
  EXPECT_LT(seconds, 25.0);  // the default connect_timeout is 10 s
  EXPECT_TRUE(contains(result.err, "timeout expired")) << result.err;
}

TEST(BadInput, ARoleWithoutCreatedbIsRefusedWithTheFix) {
  test::TestRoles roles("nocreatedb", {"app"});
  TestDatabase db("nocreatedb");
  db.execute("ALTER ROLE " + roles["app"] + " LOGIN NOCREATEDB; GRANT ALL ON SCHEMA public TO " +
             roles["app"]);
  std::string url = db.url() + (contains(db.url(), "?") ? "&" : "?") + "user=" + roles["app"];
  test::FixtureCopy copy("seed16");
  ProcessResult result = run_tool({"verify"}, copy.path, {{"DATABASE_URL", url}});
  EXPECT_EQ(result.exit_code, 5) << result.out << result.err;
  EXPECT_TRUE(contains(result.err, "permission denied to create database")) << result.err;
  EXPECT_TRUE(contains(result.err, "CREATEDB")) << result.err;
  EXPECT_TRUE(contains(result.err, "scratch_url")) << result.err;
}

}  // namespace
}  // namespace asq
