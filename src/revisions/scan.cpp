#include "revisions/scan.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>
#include <thread>

namespace asq {
namespace {

namespace fs = std::filesystem;

/// Directory entries in readdir order, which is the order os.listdir (and so Alembic) sees.
std::vector<std::string> list_directory(const std::string& dir) {
  std::vector<std::string> names;
  DIR* handle = opendir(dir.c_str());
  if (!handle) return names;
  while (dirent* entry = readdir(handle)) {
    std::string name = entry->d_name;
    if (name != "." && name != "..") names.push_back(std::move(name));
  }
  closedir(handle);
  return names;
}

bool is_revision_candidate(const std::string& name) {
  if (name.size() < 4 || name.compare(name.size() - 3, 3, ".py") != 0) return false;
  if (name.rfind("__init__", 0) == 0 || name.rfind(".#", 0) == 0) return false;
  return true;
}

/// A path named like a revision file that is no readable file: the fault's code, message, fix.
struct NotAFile {
  std::string code, message, fix;
};

std::string file_kind(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
  return "not a regular file";
}

/// What `path` is when it is not a regular file or a link to one (a directory, a FIFO, a dangling
/// link...). Looks with lstat()/stat() only, so a FIFO is never opened.
std::optional<NotAFile> check_file_kind(const std::string& path) {
  struct stat link {};
  if (::lstat(path.c_str(), &link) != 0) return std::nullopt;  // gone: the read says so
  std::string target;
  if (S_ISLNK(link.st_mode)) {
    std::error_code error;
    target = fs::read_symlink(path, error).string();
  }
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    return NotAFile{"dangling-symlink", "a symbolic link to '" + target + "', which does not exist",
                    "remove the link or restore what it points to; Alembic cannot load it either"};
  }
  if (S_ISREG(info.st_mode)) return std::nullopt;
  std::string what = file_kind(info.st_mode);
  if (!target.empty()) what = "a symbolic link to '" + target + "', " + what;
  std::string consequence = S_ISFIFO(info.st_mode) ? "; not opened (reading it could wait forever)"
                                                   : "; Alembic fails to import it";
  return NotAFile{"not-a-file", what + ", named like a revision file" + consequence,
                  "rename or remove it: every *.py in the versions folder is loaded as a revision"};
}

/// The file's bytes; on failure `error` names why (strerror).
std::string read_file(const std::string& path, std::string& error) {
  std::string text;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  bool ok = fd >= 0;
  if (!ok) {
    error = std::strerror(errno);
    return text;
  }
  struct stat info {};
  ok = ::fstat(fd, &info) == 0 && S_ISREG(info.st_mode);
  if (!ok) {
    error = "not a regular file";
    ::close(fd);
    return text;
  }
  if (info.st_size > 0) text.reserve(static_cast<size_t>(info.st_size));
  char buffer[65536];
  ssize_t n;
  while ((n = ::read(fd, buffer, sizeof buffer)) > 0) text.append(buffer, static_cast<size_t>(n));
  ok = n == 0;
  if (!ok) error = std::strerror(errno);
  ::close(fd);
  return text;
}

void collect(const std::string& dir, const ScanOptions& options, std::vector<std::string>& paths) {
  for (const auto& name : list_directory(dir)) {
    std::string path = dir + "/" + name;
    if (is_revision_candidate(name)) {
      paths.push_back(path);
    } else if (options.recursive && name != "__pycache__" && fs::is_directory(path)) {
      bool excluded = std::any_of(options.exclude.begin(), options.exclude.end(), [&](auto& e) {
        return fs::weakly_canonical(path) == fs::weakly_canonical(e);
      });
      if (!excluded) collect(path, options, paths);
    }
  }
}

struct FileOutcome {
  ReadResult result;
  bool unreadable = false;
};

FileOutcome read_one(const std::string& path, const ScanOptions& options) {
  FileOutcome outcome;
  if (auto not_a_file = check_file_kind(path)) {
    outcome.unreadable = true;
    outcome.result.faults.push_back({Fault::Severity::kError,
                                     not_a_file->code,
                                     {path, 0, 0},
                                     not_a_file->message,
                                     not_a_file->fix});
    return outcome;
  }
  std::string read_error;
  std::string text = read_file(path, read_error);
  if (!read_error.empty()) {
    outcome.unreadable = true;
    outcome.result.faults.push_back({Fault::Severity::kError,
                                     "unreadable-file",
                                     {path, 0, 0},
                                     "cannot read the file: " + read_error,
                                     "check its permissions"});
    return outcome;
  }
  try {
    outcome.result = read_revision_source(text, path, !options.full_parse);
    std::error_code link_error;
    if (fs::is_symlink(path, link_error)) {
      outcome.result.faults.push_back(
          {Fault::Severity::kWarning,
           "symlinked-revision",
           {path, 0, 0},
           "a symbolic link to '" + fs::read_symlink(path, link_error).string() +
               "'; Alembic loads the file it points to; a squash archives that content and "
               "removes the link (restore brings back a copy, not the link)",
           "replace the link with the file itself if the versions folder should own it"});
    }
  } catch (const SourceError& error) {
    outcome.unreadable = true;
    std::string excerpt = error.what();
    size_t newline = excerpt.find('\n');
    Fault fault{Fault::Severity::kError, "syntax-error", error.where(), error.message(),
                "fix the file; Alembic cannot import it either"};
    if (newline != std::string::npos) fault.context = excerpt.substr(newline + 1);
    outcome.result.faults.push_back(std::move(fault));
  }
  return outcome;
}

}  // namespace

std::vector<Fault> find_stale_pycache(const std::string& location) {
  std::vector<Fault> faults;
  std::string cache = location + "/__pycache__";
  std::vector<std::string> names = list_directory(cache);
  std::sort(names.begin(), names.end());
  for (const auto& name : names) {
    if (name.size() < 5 || name.compare(name.size() - 4, 4, ".pyc") != 0) continue;
    std::string stem = name.substr(0, name.find('.'));
    if (fs::exists(location + "/" + stem + ".py")) continue;
    faults.push_back({Fault::Severity::kError,
                      "stale-pycache",
                      {cache + "/" + name, 0, 0},
                      "compiled file of a deleted revision '" + stem +
                          ".py'; with `sourceless = true` Alembic would still load it",
                      "delete the file (the revision is gone; its bytecode only misleads)"});
  }
  return faults;
}

VersionsScan scan_versions(const std::vector<std::string>& locations, const ScanOptions& options) {
  VersionsScan scan;
  std::vector<std::string> paths;
  for (const auto& location : locations) {
    if (!fs::is_directory(location)) {
      scan.faults.push_back({Fault::Severity::kError,
                             "missing-versions-folder",
                             {location, 0, 0},
                             "the versions folder does not exist",
                             "check script_location / version_locations in alembic.ini, or pass "
                             "--versions"});
      continue;
    }
    collect(location, options, paths);
  }
  std::vector<FileOutcome> outcomes(paths.size());
  unsigned workers = std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
  if (paths.size() < 16) workers = 1;
  std::vector<std::thread> threads;
  for (unsigned w = 1; w < workers; ++w) {
    threads.emplace_back([&, w] {
      for (size_t i = w; i < paths.size(); i += workers) outcomes[i] = read_one(paths[i], options);
    });
  }
  for (size_t i = 0; i < paths.size(); i += workers) outcomes[i] = read_one(paths[i], options);
  for (auto& thread : threads) thread.join();
  for (size_t i = 0; i < paths.size(); ++i) {
    auto& outcome = outcomes[i];
    for (auto& fault : outcome.result.faults) scan.faults.push_back(std::move(fault));
    if (outcome.unreadable) scan.unreadable.push_back(paths[i]);
    if (outcome.result.revision) scan.files.push_back(std::move(*outcome.result.revision));
  }
  for (const auto& location : locations) {
    for (auto& fault : find_stale_pycache(location)) scan.faults.push_back(std::move(fault));
  }
  return scan;
}

}  // namespace asq
