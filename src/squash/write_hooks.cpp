#include "squash/write_hooks.h"

#include <stdlib.h>

#include <filesystem>
#include <stdexcept>
#include <system_error>

#include "common/child_process.h"
#include "common/errors.h"
#include "common/text.h"
#include "squash/files.h"

namespace asq {
namespace {

namespace fs = std::filesystem;

constexpr const char* kToken = "REVISION_SCRIPT_FILENAME";

/// Finds a console_scripts entry point as Alembic does (importlib.metadata of the Python that
/// runs it) and prints its `module:attr` value.
constexpr const char* kEntryPointProbe = R"(import sys
from importlib import metadata
points = metadata.entry_points()
group = points.select(group="console_scripts") if hasattr(points, "select") else points.get("console_scripts", [])
for point in group:
    if point.name == sys.argv[1]:
        print(point.value)
        break
else:
    sys.exit(3)
)";

/// A folder made for the hooks' copies, removed when it goes out of scope.
class StagingFolder {
 public:
  explicit StagingFolder(const std::string& beside) {
    std::string pattern =
        (fs::path(beside).parent_path() / ".alembic-squash-hooks-XXXXXX").string();
    if (!mkdtemp(pattern.data())) {
      throw Refused("cannot make a folder for the post-write hooks beside " + beside + ": " +
                    std::error_code(errno, std::generic_category()).message() +
                    "; nothing was changed");
    }
    path_ = pattern;
  }
  ~StagingFolder() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  StagingFolder(const StagingFolder&) = delete;
  StagingFolder& operator=(const StagingFolder&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string where_of(const WriteHook& hook) {
  return hook.where.file + ":" + std::to_string(hook.where.line);
}

std::string required(const WriteHook& hook, const std::string& key) {
  auto found = hook.options.find(key);
  if (found == hook.options.end() || found->second.empty()) {
    throw SourceError(hook.where, "Key " + hook.name + "." + key +
                                      " is required for post write hook '" + hook.name + "'");
  }
  return found->second;
}

std::string option(const WriteHook& hook, const std::string& key) {
  auto found = hook.options.find(key);
  return found == hook.options.end() ? "" : found->second;
}

/// The command a hook runs before its arguments, as Alembic builds it for its type.
std::vector<std::string> hook_command(const Config& config, const WriteHook& hook) {
  std::string type = required(hook, "type");
  if (type == "exec") return {required(hook, "executable")};
  if (type == "module") return {config.python, "-m", required(hook, "module")};
  if (type != "console_scripts") {
    throw SourceError(hook.where, "post write hook '" + hook.name + "' has type '" + type +
                                      "': the tool runs console_scripts, exec and module hooks "
                                      "(not one registered in Python with write_hooks.register)");
  }
  std::string entrypoint = required(hook, "entrypoint");
  ChildResult found;
  try {
    found = run_child({config.python, "-c", kEntryPointProbe, entrypoint}, "", config.environment);
  } catch (const std::system_error& error) {
    throw Refused("post write hook '" + hook.name + "' (" + where_of(hook) + "): cannot start " +
                  config.python + " to find its entry point: " + error.code().message() +
                  "; nothing was changed");
  }
  std::string value(trim(found.out));
  size_t colon = value.find(':');
  if (found.exit_code != 0 || colon == std::string::npos) {
    throw Refused("post write hook '" + hook.name + "' (" + where_of(hook) +
                  "): Could not find entrypoint console_scripts." + entrypoint + " in " +
                  config.python + " ([alembic] python of squash.toml names another)" +
                  (found.err.empty() ? "" : ":\n" + found.err) + "; nothing was changed");
  }
  std::string module(trim(value.substr(0, colon)));
  std::string attr(trim(value.substr(colon + 1)));
  attr = std::string(trim(attr.substr(0, attr.find('['))));  // "main [extra]"
  return {config.python, "-c", "import " + module + "; " + module + "." + attr + "()"};
}

}  // namespace

std::vector<std::string> hook_arguments(std::string_view options, const std::string& path) {
  std::string text(options);
  if (text.find(kToken) == std::string::npos) text = std::string(kToken) + " " + text;
  std::vector<std::string> out;
  std::string word;
  bool in_word = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (in_word) out.push_back(word), word.clear(), in_word = false;
    } else if (c == '\\') {
      in_word = true;
      if (i + 1 < text.size()) word += text[++i];
    } else if (c == '\'' || c == '"') {
      in_word = true;
      size_t end = i + 1;
      for (; end < text.size() && text[end] != c; ++end) {
        if (c == '"' && text[end] == '\\' && end + 1 < text.size() &&
            (text[end + 1] == '"' || text[end + 1] == '\\')) {
          ++end;
        }
        word += text[end];
      }
      if (end >= text.size()) throw std::invalid_argument("no closing quotation");
      i = end;
    } else {
      in_word = true;
      word += c;
    }
  }
  if (in_word) out.push_back(word);
  for (auto& argument : out) {
    for (size_t at = 0; (at = argument.find(kToken, at)) != std::string::npos;) {
      argument.replace(at, std::string_view(kToken).size(), path);
      at += path.size();
    }
  }
  return out;
}

std::vector<NewFile> run_write_hooks(const Config& config, const std::vector<NewFile>& files,
                                     const std::string& versions) {
  if (config.post_write_hooks.empty() || files.empty()) return files;
  std::vector<std::vector<std::string>> commands;
  for (const WriteHook& hook : config.post_write_hooks) {
    commands.push_back(hook_command(config, hook));
  }
  StagingFolder staging(versions);
  std::vector<NewFile> out;
  for (const NewFile& file : files) {
    std::string path = staging.path() + "/" + file.name;
    write_file_atomically(path, file.content);
    for (size_t i = 0; i < commands.size(); ++i) {
      const WriteHook& hook = config.post_write_hooks[i];
      std::vector<std::string> argv = commands[i];
      try {
        for (auto& argument : hook_arguments(option(hook, "options"), path)) {
          argv.push_back(std::move(argument));
        }
      } catch (const std::invalid_argument& error) {
        throw SourceError(hook.where, "post write hook '" + hook.name + "': " + hook.name +
                                          ".options: " + error.what());
      }
      ChildResult result;
      std::string what =
          "post write hook '" + hook.name + "' (" + where_of(hook) + ") on " + file.name;
      try {
        result = run_child(argv, option(hook, "cwd"), config.environment);
      } catch (const std::system_error& error) {
        throw Refused(what + ": cannot start " + argv.front() + ": " + error.code().message() +
                      "; nothing was changed");
      }
      if (result.exit_code != 0) {
        std::string output = result.err + result.out;
        throw Refused(what + " failed with exit status " + std::to_string(result.exit_code) +
                      "; nothing was changed" + (output.empty() ? "" : ". It printed:\n" + output));
      }
    }
    out.push_back({file.name, read_whole_file(path)});
  }
  return out;
}

}  // namespace asq
