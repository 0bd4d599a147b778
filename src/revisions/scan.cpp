#include "revisions/scan.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <thread>

namespace asq {
namespace {

namespace fs = std::filesystem;

/// One directory entry: its name and readdir's d_type (DT_UNKNOWN when the file system does not
/// say; DT_REG means a regular file that is not a symbolic link).
struct Entry {
  std::string name;
  unsigned char type = DT_UNKNOWN;
};

/// Directory entries in readdir order, which is the order os.listdir (and so Alembic) sees.
std::vector<Entry> list_directory(const std::string& dir) {
  std::vector<Entry> entries;
  DIR* handle = opendir(dir.c_str());
  if (!handle) return entries;
  while (dirent* entry = readdir(handle)) {
    std::string name = entry->d_name;
    if (name != "." && name != "..") entries.push_back({std::move(name), entry->d_type});
  }
  closedir(handle);
  return entries;
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

/// A revision file to read: its path as reported, and how to open it cheaply.
struct Candidate {
  std::string path;
  int dir_fd = -1;       // the open folder it is in (openat spares a path walk per file)
  size_t name_at = 0;    // where its name starts in `path`
  bool regular = false;  // readdir said: a regular file, not a link (no stat needed)
};

/// A reading buffer reused between files (no zero-filling, grows when a file is larger).
struct ReadBuffer {
  std::unique_ptr<char[]> data;
  size_t capacity = 0;
  void ensure(size_t size) {
    if (size <= capacity) return;
    auto larger = std::make_unique_for_overwrite<char[]>(size);
    if (data) std::memcpy(larger.get(), data.get(), capacity);
    data = std::move(larger);
    capacity = size;
  }
};

/// The file's bytes (a view into `buffer`); on failure `error` names why (strerror). Opened
/// without blocking, so a FIFO is never waited on; a file readdir did not call regular is checked
/// with fstat first.
std::string_view read_file(const Candidate& candidate, ReadBuffer& buffer, std::string& error) {
  const char* name = candidate.path.c_str() + candidate.name_at;
  int flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK;
  int fd = candidate.dir_fd >= 0 ? ::openat(candidate.dir_fd, name, flags)
                                 : ::open(candidate.path.c_str(), flags);
  if (fd < 0) {
    error = std::strerror(errno);
    return {};
  }
  size_t want = 65536;
  if (!candidate.regular) {
    struct stat info {};
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
      error = "not a regular file";
      ::close(fd);
      return {};
    }
    want = std::max(want, static_cast<size_t>(info.st_size) + 1);
  }
  // A read of a regular file shorter than asked ends at its end; a longer file is read on.
  size_t size = 0;
  for (;;) {
    buffer.ensure(size + want);
    ssize_t n = ::read(fd, buffer.data.get() + size, want);
    if (n < 0) {
      error = std::strerror(errno);
      n = 0;
    }
    size += static_cast<size_t>(n);
    if (static_cast<size_t>(n) < want) break;
  }
  ::close(fd);
  return {buffer.data.get(), size};
}

void collect(const std::string& dir, int dir_fd, const ScanOptions& options,
             std::vector<Candidate>& candidates, std::vector<int>& dir_fds) {
  for (const auto& entry : list_directory(dir)) {
    std::string path = dir + "/" + entry.name;
    if (is_revision_candidate(entry.name)) {
      candidates.push_back({path, dir_fd, dir.size() + 1, entry.type == DT_REG});
    } else if (options.recursive && entry.name != "__pycache__" && fs::is_directory(path)) {
      bool excluded = std::any_of(options.exclude.begin(), options.exclude.end(), [&](auto& e) {
        return fs::weakly_canonical(path) == fs::weakly_canonical(e);
      });
      if (!excluded) {
        int sub_fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (sub_fd >= 0) dir_fds.push_back(sub_fd);
        collect(path, sub_fd, options, candidates, dir_fds);
      }
    }
  }
}

struct FileOutcome {
  ReadResult result;
  bool unreadable = false;
};

FileOutcome read_one(const Candidate& candidate, const ScanOptions& options, ReadBuffer& buffer) {
  FileOutcome outcome;
  const std::string& path = candidate.path;
  if (!candidate.regular) {
    if (auto not_a_file = check_file_kind(path)) {
      outcome.unreadable = true;
      outcome.result.faults.push_back({Fault::Severity::kError,
                                       not_a_file->code,
                                       {path, 0, 0},
                                       not_a_file->message,
                                       not_a_file->fix});
      return outcome;
    }
  }
  std::string read_error;
  std::string_view text = read_file(candidate, buffer, read_error);
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
    if (!candidate.regular && fs::is_symlink(path, link_error)) {
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
  std::vector<std::string> names;
  for (auto& entry : list_directory(cache)) names.push_back(std::move(entry.name));
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
  std::vector<Candidate> candidates;
  std::vector<int> dir_fds;
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
    int dir_fd = ::open(location.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir_fd >= 0) dir_fds.push_back(dir_fd);
    collect(location, dir_fd, options, candidates, dir_fds);
  }
  std::vector<FileOutcome> outcomes(candidates.size());
  unsigned workers = std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
  if (candidates.size() < 16) workers = 1;
  auto read_share = [&](unsigned w) {
    ReadBuffer buffer;
    for (size_t i = w; i < candidates.size(); i += workers) {
      outcomes[i] = read_one(candidates[i], options, buffer);
    }
  };
  std::vector<std::thread> threads;
  for (unsigned w = 1; w < workers; ++w) threads.emplace_back(read_share, w);
  read_share(0);
  for (auto& thread : threads) thread.join();
  for (int fd : dir_fds) ::close(fd);
  scan.files.reserve(candidates.size());
  scan.paths.reserve(candidates.size());
  for (size_t i = 0; i < candidates.size(); ++i) {
    auto& outcome = outcomes[i];
    for (auto& fault : outcome.result.faults) scan.faults.push_back(std::move(fault));
    if (outcome.unreadable) scan.unreadable.push_back(candidates[i].path);
    if (outcome.result.revision) {
      scan.paths.push_back(outcome.result.revision->path);
      scan.files.push_back(std::move(*outcome.result.revision));
    }
  }
  for (const auto& location : locations) {
    for (auto& fault : find_stale_pycache(location)) scan.faults.push_back(std::move(fault));
  }
  return scan;
}

}  // namespace asq
