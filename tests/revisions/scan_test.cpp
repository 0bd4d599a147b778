#include "revisions/scan.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/source_error.h"
#include "support/process.h"

namespace asq {
namespace {

using test::TempDir;
using test::write_text;

const char* kHeader = "revision = \"a1\"\ndown_revision = None\n";

std::string read_error(const std::string& source) {
  try {
    read_revision_source(source, "v/a1.py", true);
  } catch (const SourceError& error) {
    return error.what();
  }
  return "no error";
}

TEST(RevisionSource, ANulByteIsAnErrorAtItsPlace) {
  EXPECT_EQ(read_error(std::string(kHeader) + std::string("x = 'a\0b'\n", 11)),
            "v/a1.py:3:7: a NUL byte: Python refuses source code that contains null bytes\n"
            "x = 'a?b'\n"
            "      ^");
}

TEST(RevisionSource, BytesThatAreNotUtf8AreAnErrorWithoutACodingLine) {
  EXPECT_EQ(read_error(std::string(kHeader) + "x = 'caf\xe9'\n"),
            "v/a1.py:3:9: byte 0xE9 is not valid UTF-8 and the file declares no other encoding "
            "(a `# -*- coding: ... -*-` line): Python cannot decode it\n"
            "x = 'caf?'\n"
            "        ^");
  EXPECT_EQ(read_error("# coding: utf-8\n" + std::string(kHeader) + "x = '\xc3'\n"),
            "v/a1.py:4:6: byte 0xC3 is not valid UTF-8 and the file declares no other encoding "
            "(a `# -*- coding: ... -*-` line): Python cannot decode it\n"
            "x = '?'\n"
            "     ^");
}

TEST(RevisionSource, AnEncodedSurrogateIsAnError) {
  EXPECT_EQ(read_error(std::string(kHeader) + "x = '\xed\xa0\x80'\n"),
            "v/a1.py:3:6: an encoded surrogate (U+D800) is not valid UTF-8: Python cannot decode "
            "the file\n"
            "x = '?\?\?'\n"  // written \? so that no trigraph is read
            "     ^");
}

TEST(RevisionSource, ACodingLineDeclaresAnotherEncoding) {
  EXPECT_EQ(read_error("# -*- coding: latin-1 -*-\n" + std::string(kHeader) + "x = 'caf\xe9'\n"),
            "no error");
  EXPECT_EQ(read_error("#!/usr/bin/env python\n# vim: set fileencoding=iso-8859-15 :\n" +
                       std::string(kHeader) + "x = 'caf\xe9'\n"),
            "no error");
  EXPECT_EQ(read_error(std::string(kHeader) + "x = 'caf\xc3\xa9 \xf0\x9f\x98\x80'\n"), "no error");
}

std::vector<std::string> codes(const VersionsScan& scan) {
  std::vector<std::string> out;
  for (const auto& fault : scan.faults) out.push_back(fault.code);
  return out;
}

const Fault* fault_for(const VersionsScan& scan, const std::string& path) {
  for (const auto& fault : scan.faults) {
    if (fault.where.file == path) return &fault;
  }
  return nullptr;
}

TEST(Scan, NamesADirectoryADanglingLinkAndAFifoForWhatTheyAre) {
  TempDir dir;
  write_text(dir / "a1_x.py", kHeader);
  ASSERT_EQ(::mkdir((dir / "d.py").c_str(), 0755), 0);
  ASSERT_EQ(::symlink("gone.py", (dir / "dangling.py").c_str()), 0);
  ASSERT_EQ(::mkfifo((dir / "fifo.py").c_str(), 0644), 0);  // reading it would block forever
  ASSERT_EQ(::symlink("d.py", (dir / "to_dir.py").c_str()), 0);
  VersionsScan scan = scan_versions({dir.path()}, {});
  ASSERT_EQ(scan.files.size(), 1u);
  EXPECT_EQ(scan.unreadable.size(), 4u);
  ASSERT_TRUE(fault_for(scan, dir / "d.py"));
  EXPECT_EQ(fault_for(scan, dir / "d.py")->message,
            "a directory, named like a revision file; Alembic fails to import it");
  ASSERT_TRUE(fault_for(scan, dir / "dangling.py"));
  EXPECT_EQ(fault_for(scan, dir / "dangling.py")->code, "dangling-symlink");
  EXPECT_EQ(fault_for(scan, dir / "dangling.py")->message,
            "a symbolic link to 'gone.py', which does not exist");
  ASSERT_TRUE(fault_for(scan, dir / "fifo.py"));
  EXPECT_EQ(fault_for(scan, dir / "fifo.py")->message,
            "a FIFO (named pipe), named like a revision file; not opened (reading it could wait "
            "forever)");
  ASSERT_TRUE(fault_for(scan, dir / "to_dir.py"));
  EXPECT_EQ(fault_for(scan, dir / "to_dir.py")->message,
            "a symbolic link to 'd.py', a directory, named like a revision file; Alembic fails to "
            "import it");
}

TEST(Scan, ASymlinkedRevisionIsReadAndNamedAsALink) {
  TempDir dir;
  write_text(dir / "elsewhere.txt", kHeader);
  ASSERT_EQ(::mkdir((dir / "v").c_str(), 0755), 0);
  ASSERT_EQ(::symlink("../elsewhere.txt", (dir / "v/a1_x.py").c_str()), 0);
  VersionsScan scan = scan_versions({dir / "v"}, {});
  ASSERT_EQ(scan.files.size(), 1u);
  EXPECT_EQ(codes(scan), std::vector<std::string>{"symlinked-revision"});
  EXPECT_EQ(scan.faults[0].severity, Fault::Severity::kWarning);
  EXPECT_EQ(scan.faults[0].message,
            "a symbolic link to '../elsewhere.txt'; Alembic loads the file it points to; a squash "
            "archives that content and removes the link (restore brings back a copy, not the "
            "link)");
}

TEST(Scan, AFileThatIsNotUtf8IsUnreadable) {
  TempDir dir;
  write_text(dir / "a1_x.py", std::string(kHeader) + "x = '\xff'\n");
  VersionsScan scan = scan_versions({dir.path()}, {});
  EXPECT_TRUE(scan.files.empty());
  EXPECT_EQ(scan.unreadable, std::vector<std::string>{dir / "a1_x.py"});
  EXPECT_EQ(codes(scan), std::vector<std::string>{"syntax-error"});
}

TEST(Scan, ReadsAFileLargerThanOneReadWholeAndListsEveryPath) {
  TempDir dir;
  std::string body(200000, 'x');  // past the 64 KiB first read
  write_text(dir / "a1_x.py",
             std::string(kHeader) + "\"\"\"" + body + "\"\"\"\n" + "branch_labels = ('late',)\n");
  write_text(dir / "b2_y.py", "revision = 'b2'\ndown_revision = 'a1'\n");
  VersionsScan scan = scan_versions({dir.path()}, {});
  ASSERT_EQ(scan.files.size(), 2u);
  EXPECT_TRUE(scan.faults.empty());
  std::vector<std::string> labels;
  for (const auto& file : scan.files) {
    if (file.revision == "a1") labels = file.branch_labels;
  }
  EXPECT_EQ(labels, std::vector<std::string>{"late"});
  ASSERT_EQ(scan.paths.size(), 2u);
  for (size_t i = 0; i < 2; ++i) EXPECT_EQ(scan.paths[i], scan.files[i].path);
}

}  // namespace
}  // namespace asq
