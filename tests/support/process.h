#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace asq::test {

/// What a finished child process left behind.
struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs `argv` (argv[0] looked up in PATH) in `cwd` with extra environment variables, waits,
/// and returns its exit code and output. Standard input is /dev/null.
ProcessResult run_process(const std::vector<std::string>& argv, const std::string& cwd = "",
                          const std::map<std::string, std::string>& env = {});

/// argv and environment to run the alembic-squash binary built with the tests: `args` after
/// the binary, DATABASE_URL cleared unless `env` sets it.
std::vector<std::string> tool_argv(const std::vector<std::string>& args);
std::map<std::string, std::string> tool_env(const std::map<std::string, std::string>& env);

/// Runs the alembic-squash binary that was built with the tests.
ProcessResult run_tool(const std::vector<std::string>& args, const std::string& cwd = "",
                       const std::map<std::string, std::string>& env = {});

/// The source tree's root and a path below it.
std::string source_path(const std::string& relative);

/// A fresh directory under $TMPDIR, removed with everything in it when the object goes.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

/// A child process started in the background, its output going to files; killed (SIGKILL) and
/// reaped when the object goes unless wait() reaped it first.
class StartedProcess {
 public:
  StartedProcess(const std::vector<std::string>& argv, const std::string& cwd = "",
                 const std::map<std::string, std::string>& env = {});
  ~StartedProcess();
  StartedProcess(const StartedProcess&) = delete;
  StartedProcess& operator=(const StartedProcess&) = delete;

  /// Sends signal `number` (SIGKILL, SIGTERM...).
  void signal(int number) const;
  /// Waits for the end; its exit code (128 + signal when killed) and output.
  ProcessResult wait();

 private:
  TempDir io_;
  int pid_ = -1;
};

/// Copies a folder tree (used to give a test its own copy of a fixture).
void copy_tree(const std::string& from, const std::string& to);

/// Copies the tool's two binaries (the front and alembic-squash-full) into `dir`, readable and
/// runnable by every user; returns the front's path. For a test that runs the tool as another
/// user, who may not reach the build folder.
std::string copy_tool(const std::string& dir);

/// A private copy of `fixtures/<name>` in a temporary folder, optionally without the stale
/// bytecode in its versions folder (so only the database decides a verdict).
struct FixtureCopy {
  explicit FixtureCopy(const std::string& name, bool without_pycache = true);
  TempDir dir;
  std::string path;
};

/// sha256 of every file under a folder, by relative path: the "nothing changed" check.
std::map<std::string, std::string> file_hashes(const std::string& dir);

/// Polls `condition` until it holds; false after two minutes (a hang, not a slow machine).
bool eventually(const std::function<bool()>& condition);

/// Reads a whole file; writes a whole file.
std::string read_text(const std::string& path);
void write_text(const std::string& path, const std::string& text);

}  // namespace asq::test
