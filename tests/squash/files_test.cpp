#include "squash/files.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <stdexcept>
#include <thread>

#include "support/process.h"

namespace asq {
namespace {

namespace fs = std::filesystem;
using test::TempDir;

TEST(WriteFile, ReplacesARegularFileThroughATempFile) {
  TempDir dir;
  test::write_text(dir / "out.json", "old\n");
  write_file_atomically(dir / "out.json", "new\n");
  EXPECT_EQ(test::read_text(dir / "out.json"), "new\n");
  EXPECT_FALSE(fs::exists(dir / "out.json.asq-tmp"));
}

// issue 12: `snapshot --out /dev/null` as root replaced the device with a regular file. A FIFO
// takes the same path as a device (and a regression here cannot break the machine's /dev/null).
TEST(WriteFile, WritesIntoAFifoInsteadOfReplacingIt) {
  TempDir dir;
  std::string fifo = dir / "pipe";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::string received;
  std::thread reader([&] {
    int fd = ::open(fifo.c_str(), O_RDONLY);
    char buffer[64];
    ssize_t n;
    while ((n = ::read(fd, buffer, sizeof buffer)) > 0) received.append(buffer, n);
    ::close(fd);
  });
  while (true) {  // the writer needs the reader to have opened its end
    try {
      write_file_atomically(fifo, "{\"tables\": []}\n");
      break;
    } catch (const std::runtime_error&) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  reader.join();
  EXPECT_EQ(received, "{\"tables\": []}\n");
  EXPECT_TRUE(fs::is_fifo(fifo));
}

TEST(WriteFile, KeepsASymbolicLinkAndReplacesTheFileItNames) {
  TempDir dir;
  test::write_text(dir / "real.json", "old\n");
  fs::create_symlink(dir / "real.json", dir / "link.json");
  write_file_atomically(dir / "link.json", "new\n");
  EXPECT_TRUE(fs::is_symlink(dir / "link.json"));
  EXPECT_EQ(test::read_text(dir / "real.json"), "new\n");
}

TEST(WriteFile, RefusesADirectoryAndADanglingLink) {
  TempDir dir;
  fs::create_directory(dir / "folder");
  fs::create_symlink(dir / "nowhere", dir / "dangling");
  try {
    write_file_atomically(dir / "folder", "x");
    FAIL() << "no error";
  } catch (const std::runtime_error& error) {
    EXPECT_EQ(std::string(error.what()),
              "cannot write " + dir / "folder" + ": it is a directory; name a regular file");
  }
  EXPECT_TRUE(fs::is_directory(dir / "folder"));
  try {
    write_file_atomically(dir / "dangling", "x");
    FAIL() << "no error";
  } catch (const std::runtime_error& error) {
    EXPECT_EQ(std::string(error.what()),
              "cannot write " + dir / "dangling" + ": it is a symbolic link to nothing");
  }
  EXPECT_TRUE(fs::is_symlink(dir / "dangling"));
}

}  // namespace
}  // namespace asq
