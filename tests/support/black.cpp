#include "support/black.h"

#include <filesystem>

#include "support/process.h"

namespace asq::test {

std::string black_diff(const std::vector<std::string>& paths) {
  if (paths.empty()) return "black_diff: no files to check";
  TempDir cache;
  std::vector<std::string> argv{"/usr/bin/python3", "-m", "black", "--check", "--diff"};
  argv.insert(argv.end(), paths.begin(), paths.end());
  ProcessResult result = run_process(argv, "", {{"XDG_CACHE_HOME", cache.path()}});
  if (result.err.find("No module named black") != std::string::npos) {
    return "black is not installed for /usr/bin/python3: tools/install-deps installs it "
           "(Debian package black)\n" +
           result.err;
  }
  if (result.exit_code == 0) return "";
  return "black --check --diff (exit " + std::to_string(result.exit_code) + "):\n" + result.out +
         result.err;
}

std::string revision_functions(const std::string& revision_text) {
  size_t at = revision_text.find("\ndef upgrade(");
  return at == std::string::npos ? revision_text : revision_text.substr(at + 1);
}

std::string black_diff_of_functions(const std::vector<std::string>& paths) {
  TempDir dir;
  std::vector<std::string> copies;
  for (const std::string& path : paths) {
    std::string copy = dir / std::filesystem::path(path).filename().string();
    write_text(copy, revision_functions(read_text(path)));
    copies.push_back(copy);
  }
  return black_diff(copies);
}

}  // namespace asq::test
