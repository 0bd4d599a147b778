// The Debian package CPack makes of the build tree (tools/package makes the same from a Release
// tree): its files, its stripped binaries (the front and the full one), and Depends naming the
// package of each shared library they link.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "support/process.h"

namespace asq {
namespace {

namespace fs = std::filesystem;
using test::ProcessResult;
using test::run_process;
using test::TempDir;

std::string build_dir() { return fs::path(ASQ_BINARY).parent_path().string(); }

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

/// The Debian package that owns a shared library (without ":amd64"), as ldd printed its path. On a
/// merged /usr the loader may name /lib/... for a file dpkg knows as /usr/lib/... (or the other way
/// round).
std::string owning_package(const std::string& library) {
  std::string real = fs::canonical(library).string();
  std::vector<std::string> candidates{library, real};
  for (const auto& path : std::vector<std::string>(candidates)) {
    if (path.rfind("/usr/", 0) == 0)
      candidates.push_back(path.substr(4));
    else
      candidates.push_back("/usr" + path);
  }
  for (const auto& path : candidates) {
    ProcessResult owner = run_process({"dpkg", "-S", path});
    if (owner.exit_code == 0) {
      return owner.out.substr(0, owner.out.find(':'));
    }
  }
  return "";
}

/// The package names of a Depends field ("libc6 (>= 2.34), libpq5" -> libc6, libpq5).
std::set<std::string> depends_names(const std::string& field) {
  std::set<std::string> names;
  static const std::regex name(R"((^|[,|]\s*)([a-z0-9][a-z0-9.+-]*))");
  for (std::sregex_iterator it(field.begin(), field.end(), name), end; it != end; ++it) {
    names.insert((*it)[2]);
  }
  return names;
}

class Package : public ::testing::Test {
 protected:
  /// One package for the suite: cpack strips and compresses a large binary.
  static void SetUpTestSuite() {
    output_ = new TempDir;
    ProcessResult cpack = run_process({"cpack", "--config", build_dir() + "/CPackConfig.cmake",
                                       "-G", "DEB", "-B", output_->path()});
    ASSERT_EQ(cpack.exit_code, 0) << cpack.out << cpack.err;
    for (const auto& entry : fs::directory_iterator(output_->path())) {
      if (entry.path().extension() == ".deb") deb_ = new std::string(entry.path().string());
    }
    ASSERT_NE(deb_, nullptr) << "cpack wrote no .deb into " << output_->path();
  }
  static void TearDownTestSuite() {
    delete deb_;
    deb_ = nullptr;
    delete output_;
  }
  void SetUp() override {
    if (!deb_) GTEST_FAIL() << "no package (see SetUpTestSuite's failure)";
  }
  static TempDir* output_;
  static std::string* deb_;
};
TempDir* Package::output_ = nullptr;
std::string* Package::deb_ = nullptr;

TEST_F(Package, IsNamedAfterTheToolVersionAndArchitecture) {
  std::string arch = run_process({"dpkg", "--print-architecture"}).out;
  arch.pop_back();
  EXPECT_EQ(fs::path(*deb_).filename().string(), "alembic-squash_0.1.0_" + arch + ".deb");
  EXPECT_EQ(run_process({"dpkg-deb", "-f", *deb_, "Package"}).out, "alembic-squash\n");
  EXPECT_EQ(run_process({"dpkg-deb", "-f", *deb_, "Version"}).out, "0.1.0\n");
}

TEST_F(Package, HoldsBinaryManPageCompletionsAndJsonSchemaUnderUsr) {
  ProcessResult listing = run_process({"dpkg-deb", "-c", *deb_});
  ASSERT_EQ(listing.exit_code, 0) << listing.err;
  std::set<std::string> files;
  for (const auto& line : lines_of(listing.out)) {
    if (line.empty() || line[0] != '-') continue;  // regular files only
    files.insert(line.substr(line.rfind(' ') + 1));
  }
  EXPECT_TRUE(files.count("./usr/bin/alembic-squash"));
  EXPECT_TRUE(files.count("./usr/libexec/alembic-squash/alembic-squash-full"));
  EXPECT_TRUE(files.count("./usr/share/man/man1/alembic-squash.1.gz"));
  EXPECT_TRUE(files.count("./usr/share/bash-completion/completions/alembic-squash"));
  bool zsh = std::any_of(files.begin(), files.end(), [](const std::string& file) {
    return std::regex_match(file, std::regex(R"(\./usr/share/zsh/[a-z-]+/_alembic-squash)"));
  });
  EXPECT_TRUE(zsh) << listing.out;
  EXPECT_TRUE(files.count("./usr/share/alembic-squash/alembic-squash.schema.json"));
  EXPECT_EQ(files.size(), 6u) << listing.out;
}

TEST_F(Package, BinariesAreStrippedAndRun) {
  TempDir root;
  ASSERT_EQ(run_process({"dpkg-deb", "-x", *deb_, root.path()}).exit_code, 0);
  std::string binary = root / "usr/bin/alembic-squash";
  std::string full = root / "usr/libexec/alembic-squash/alembic-squash-full";
  for (const auto& [packaged, built] : {std::pair{binary, std::string(ASQ_BINARY)},
                                        std::pair{full, build_dir() + "/alembic-squash-full"}}) {
    ProcessResult sections = run_process({"readelf", "-S", "-W", packaged});
    ASSERT_EQ(sections.exit_code, 0) << sections.err;
    EXPECT_EQ(sections.out.find(".debug_"), std::string::npos)
        << packaged << ": debug sections left in";
    EXPECT_EQ(sections.out.find(".symtab"), std::string::npos)
        << packaged << ": symbol table left in";
    EXPECT_LT(fs::file_size(packaged), fs::file_size(built));
  }
  ProcessResult version = run_process({binary, "--version"});
  EXPECT_EQ(version.out, "alembic-squash 0.1.0\n");
  // A command that may connect runs in the packaged full binary.
  ProcessResult doctor =
      run_process({binary, "doctor", "--no-database"}, test::source_path("fixtures/branches"));
  EXPECT_TRUE(doctor.out.find("database: not checked") != std::string::npos)
      << doctor.out << doctor.err;
}

TEST_F(Package, DependsOnExactlyThePackagesOfTheLibrariesTheBinaryLinks) {
  std::set<std::string> depends =
      depends_names(run_process({"dpkg-deb", "-f", *deb_, "Depends"}).out);
  // Where the loader finds each library (ldd), for the ones the binary names itself (NEEDED).
  std::map<std::string, std::string> found;
  std::set<std::string> packages;
  for (const std::string& binary :
       {std::string(ASQ_BINARY), build_dir() + "/alembic-squash-full"}) {
    static const std::regex resolved(R"(^\s*(\S+) => (/\S+) \(0x)");
    for (const auto& line : lines_of(run_process({"ldd", binary}).out)) {
      std::smatch match;
      if (std::regex_search(line, match, resolved)) found[match[1]] = match[2];
    }
    static const std::regex needed(R"(\(NEEDED\)\s+Shared library: \[(\S+)\])");
    for (const auto& line : lines_of(run_process({"readelf", "-d", binary}).out)) {
      std::smatch match;
      if (!std::regex_search(line, match, needed)) continue;
      ASSERT_TRUE(found.count(match[1])) << "ldd does not resolve " << match[1];
      std::string package = owning_package(found[match[1]]);
      ASSERT_NE(package, "") << "no Debian package owns " << found[match[1]];
      packages.insert(package);
    }
  }
  EXPECT_TRUE(packages.count("libpqxx-6.4"));
  EXPECT_TRUE(packages.count("libboost-program-options1.74.0"));
  EXPECT_EQ(depends, packages) << "Depends (left) should name the package of each NEEDED library";
}

}  // namespace
}  // namespace asq
