#pragma once

// alembic.ini's post_write_hooks (black, ruff, any console_scripts / exec / module hook), run on
// the files a squash generates the way `alembic revision` runs them on a new revision file.

#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "squash/commit.h"

namespace asq {

/// `options` split as Alembic splits `<hook>.options` (shlex, POSIX rules), with
/// REVISION_SCRIPT_FILENAME put first when it is not there and replaced by `path` everywhere.
/// Throws std::invalid_argument for an unclosed quote.
std::vector<std::string> hook_arguments(std::string_view options, const std::string& path);

/// Runs every hook on each of `files` (in hook order, file by file), in a staging folder beside
/// `versions` (so the project's own black/ruff settings apply) that is removed afterwards:
/// nothing in the project changes. Returns the files as the hooks left them. Throws SourceError
/// (alembic.ini:line) for a hook alembic.ini does not describe enough to run, and Refused
/// naming the hook, the file, the exit status and the hook's output when a hook fails.
std::vector<NewFile> run_write_hooks(const Config& config, const std::vector<NewFile>& files,
                                     const std::string& versions);

}  // namespace asq
