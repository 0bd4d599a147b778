#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace asq {

/// Reads a whole file; throws std::runtime_error naming the path when it cannot.
std::string read_whole_file(const std::string& path);
/// Writes `content` to `path` durably: a temp file beside it, fsync, rename, fsync of the folder.
/// A symbolic link stays, the file it names is replaced; a character device or FIFO
/// (`/dev/null`) is written into, never renamed over; a directory or block device is refused.
/// The file gets permission bits `mode` exactly, or 0644 less the umask when `mode` is -1.
/// Throws std::runtime_error naming the path and the system's reason.
void write_file_atomically(const std::string& path, std::string_view content, int mode = -1);
/// Creates `path` (it must not exist) with `content` and permission bits `mode` (as
/// write_file_atomically), not yet durable: sync_files makes it so. Writeback starts at once, so
/// that syncing many files afterwards costs about one journal commit, not one per file.
void write_new_file(const std::string& path, std::string_view content, int mode = -1);
/// fsync of each file, then of each folder holding one. Throws std::runtime_error naming the
/// path when one cannot be synced.
void sync_files(const std::vector<std::string>& paths);
/// The permission bits of `path` (following a link), or -1 when it cannot be stat'ed.
int file_mode(const std::string& path);
/// fsync of a folder, so renames and new entries in it survive a crash.
void sync_directory(const std::string& dir);

}  // namespace asq
