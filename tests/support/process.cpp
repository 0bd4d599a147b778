#include "support/process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "common/sha256.h"

extern char** environ;

namespace asq::test {

namespace fs = std::filesystem;

StartedProcess::StartedProcess(const std::vector<std::string>& argv, const std::string& cwd,
                               const std::map<std::string, std::string>& env) {
  std::string out_path = io_ / "out", err_path = io_ / "err";
  std::map<std::string, std::string> merged;
  for (char** e = environ; e && *e; ++e) {
    std::string text = *e;
    size_t eq = text.find('=');
    if (eq != std::string::npos) merged[text.substr(0, eq)] = text.substr(eq + 1);
  }
  for (const auto& [key, value] : env) {
    if (value.empty()) {
      merged.erase(key);
    } else {
      merged[key] = value;
    }
  }
  std::vector<std::string> env_strings;
  for (const auto& [key, value] : merged) env_strings.push_back(key + "=" + value);
  std::vector<char*> envp, args;
  for (auto& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::vector<std::string> argv_copy = argv;
  for (auto& s : argv_copy) args.push_back(s.data());
  args.push_back(nullptr);

  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid > 0) {
    pid_ = pid;
    return;
  }
  int in = open("/dev/null", O_RDONLY);
  int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  dup2(in, 0);
  dup2(out, 1);
  dup2(err, 2);
  if (!cwd.empty() && chdir(cwd.c_str()) != 0) _exit(126);
  environ = envp.data();
  execvp(args[0], args.data());
  _exit(127);
}

StartedProcess::~StartedProcess() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
}

void StartedProcess::signal(int number) const { ::kill(pid_, number); }

ProcessResult StartedProcess::wait() {
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  ProcessResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = read_text(io_ / "out");
  result.err = read_text(io_ / "err");
  return result;
}

ProcessResult run_process(const std::vector<std::string>& argv, const std::string& cwd,
                          const std::map<std::string, std::string>& env) {
  return StartedProcess(argv, cwd, env).wait();
}

std::vector<std::string> tool_argv(const std::vector<std::string>& args) {
  std::vector<std::string> argv{ASQ_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

std::map<std::string, std::string> tool_env(const std::map<std::string, std::string>& env) {
  std::map<std::string, std::string> clean = env;
  if (!clean.count("DATABASE_URL")) clean["DATABASE_URL"] = "";  // never leak the caller's
  return clean;
}

ProcessResult run_tool(const std::vector<std::string>& args, const std::string& cwd,
                       const std::map<std::string, std::string>& env) {
  return run_process(tool_argv(args), cwd, tool_env(env));
}

std::string source_path(const std::string& relative) {
  return std::string(ASQ_SOURCE_DIR) + "/" + relative;
}

TempDir::TempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string pattern = std::string(base && *base ? base : "/tmp") + "/asq-test.XXXXXX";
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ignored);
  fs::remove_all(path_, ignored);
}

void copy_tree(const std::string& from, const std::string& to) {
  fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
}

std::string copy_tool(const std::string& dir) {
  auto runnable = fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                  fs::perms::others_read | fs::perms::others_exec;
  fs::path built(ASQ_BINARY);
  for (const char* name : {"alembic-squash", "alembic-squash-full"}) {
    fs::copy_file(built.parent_path() / name, fs::path(dir) / name);
    fs::permissions(fs::path(dir) / name, runnable);
  }
  return (fs::path(dir) / "alembic-squash").string();
}

FixtureCopy::FixtureCopy(const std::string& name, bool without_pycache) : path(dir / name) {
  copy_tree(source_path("fixtures/" + name), path);
  if (without_pycache) fs::remove_all(path + "/alembic/versions/__pycache__");
}

std::map<std::string, std::string> file_hashes(const std::string& dir) {
  std::map<std::string, std::string> out;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) {
      out[fs::relative(entry.path(), dir).string()] = sha256_hex(read_text(entry.path().string()));
    }
  }
  return out;
}

bool eventually(const std::function<bool()>& condition) {
  for (int i = 0; i < 1200; ++i) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void write_text(const std::string& path, const std::string& text) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

}  // namespace asq::test
