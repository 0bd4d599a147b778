#include "squash/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <set>
#include <stdexcept>

namespace asq {

std::string read_whole_file(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error("cannot read " + path + ": " + std::strerror(errno));
  std::string text;
  char buffer[65536];
  ssize_t n;
  while ((n = ::read(fd, buffer, sizeof buffer)) > 0) text.append(buffer, static_cast<size_t>(n));
  int error = errno;
  ::close(fd);
  if (n < 0) throw std::runtime_error("cannot read " + path + ": " + std::strerror(error));
  return text;
}

void sync_directory(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

int file_mode(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return -1;
  return static_cast<int>(info.st_mode & 07777);
}

namespace {

/// Writes `content` into what `fd` opened, all of it; closes `fd`.
void write_all(int fd, const std::string& path, std::string_view content) {
  size_t written = 0;
  while (written < content.size()) {
    ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      int error = errno;
      ::close(fd);
      throw std::runtime_error("cannot write " + path + ": " + std::strerror(error));
    }
    written += static_cast<size_t>(n);
  }
  if (::close(fd) != 0) {
    throw std::runtime_error("cannot write " + path + ": " + std::strerror(errno));
  }
}

/// A device or pipe (`/dev/null`, `/dev/stdout`, a FIFO) is written into, never replaced.
void write_into_special_file(const std::string& path, std::string_view content) {
  int fd = ::open(path.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error("cannot write " + path + ": " + std::strerror(errno));
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  write_all(fd, path, content);
}

}  // namespace

void write_new_file(const std::string& path, std::string_view content, int mode) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0) throw std::runtime_error("cannot write " + path + ": " + std::strerror(errno));
  if (mode >= 0 && ::fchmod(fd, static_cast<mode_t>(mode)) != 0) {
    int error = errno;
    ::close(fd);
    throw std::runtime_error("cannot write " + path + ": " + std::strerror(error));
  }
#ifdef __linux__
  int written = fd;
  write_all(::dup(written), path, content);
  ::sync_file_range(written, 0, 0, SYNC_FILE_RANGE_WRITE);  // writeback starts now
  ::close(written);
#else
  write_all(fd, path, content);
#endif
}

void sync_files(const std::vector<std::string>& paths) {
  std::set<std::string> folders;
  for (const auto& path : paths) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) {
      int error = errno;
      if (fd >= 0) ::close(fd);
      throw std::runtime_error("cannot sync " + path + ": " + std::strerror(error));
    }
    ::close(fd);
    folders.insert(std::filesystem::path(path).parent_path().string());
  }
  for (const auto& folder : folders) sync_directory(folder);
}

void write_file_atomically(const std::string& path_given, std::string_view content, int mode) {
  std::string path = path_given;
  struct stat status {};
  if (::lstat(path.c_str(), &status) == 0 && S_ISLNK(status.st_mode)) {
    std::error_code error;
    std::filesystem::path target = std::filesystem::canonical(path, error);
    if (error) {
      throw std::runtime_error("cannot write " + path + ": it is a symbolic link to nothing");
    }
    path = target.string();  // replace the file the link names, keep the link
  }
  if (::stat(path.c_str(), &status) == 0 && !S_ISREG(status.st_mode)) {
    if (S_ISCHR(status.st_mode) || S_ISFIFO(status.st_mode)) {
      write_into_special_file(path, content);
      return;
    }
    throw std::runtime_error("cannot write " + path_given + ": it is " +
                             (S_ISDIR(status.st_mode)   ? "a directory"
                              : S_ISBLK(status.st_mode) ? "a block device"
                                                        : "not a regular file") +
                             "; name a regular file");
  }
  std::string temp = path + ".asq-tmp";
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0) throw std::runtime_error("cannot write " + path + ": " + std::strerror(errno));
  if (mode >= 0 && ::fchmod(fd, static_cast<mode_t>(mode)) != 0) {
    int error = errno;
    ::close(fd);
    ::unlink(temp.c_str());
    throw std::runtime_error("cannot write " + path + ": " + std::strerror(error));
  }
  size_t written = 0;
  while (written < content.size()) {
    ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      int error = errno;
      ::close(fd);
      ::unlink(temp.c_str());
      throw std::runtime_error("cannot write " + path + ": " + std::strerror(error));
    }
    written += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    int error = errno;
    ::unlink(temp.c_str());
    throw std::runtime_error("cannot write " + path + ": " + std::strerror(error));
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    int error = errno;
    ::unlink(temp.c_str());
    throw std::runtime_error("cannot write " + path + ": " + std::strerror(error));
  }
  sync_directory(std::filesystem::path(path).parent_path().string());
}

}  // namespace asq
