// tools/deps --check, the layer rule of src/: it passes on the tree as it is and fails, naming
// the file and line, when an include that points up the layer table is added.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "support/process.h"

namespace asq::test {
namespace {

namespace fs = std::filesystem;

ProcessResult check_layers(const std::string& src) {
  return run_process({source_path("tools/deps"), "--check", src});
}

TEST(Layers, NoIncludeOfSrcPointsUp) {
  ProcessResult result = check_layers(source_path("src"));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "layers: no include points up\n");
}

TEST(Layers, AnIncludeThatPointsUpFailsTheCheck) {
  TempDir dir;
  copy_tree(source_path("src"), dir.path() + "/src");
  std::string text = read_text(dir.path() + "/src/common/text.h");
  write_text(dir.path() + "/src/common/text.h", text + "#include \"squash/plan.h\"\n");
  ProcessResult result = check_layers(dir.path() + "/src");
  EXPECT_EQ(result.exit_code, 1);
  int line = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
  EXPECT_NE(result.err.find("/src/common/text.h:" + std::to_string(line) +
                            ": common/ includes squash/, a layer above it"),
            std::string::npos)
      << result.err;
}

TEST(Layers, AFolderMissingFromTheTableFailsTheCheck) {
  TempDir dir;
  copy_tree(source_path("src"), dir.path() + "/src");
  fs::create_directories(dir.path() + "/src/extra");
  write_text(dir.path() + "/src/extra/x.h", "#pragma once\n");
  ProcessResult result = check_layers(dir.path() + "/src");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("/src/extra/: not in the layer table of tools/deps"), std::string::npos)
      << result.err;
}

}  // namespace
}  // namespace asq::test
