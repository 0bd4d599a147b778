#pragma once

#include <string>
#include <vector>

namespace asq::test {

/// Runs black (Debian's, `/usr/bin/python3 -m black --check --diff`, default options, a cache
/// of its own) over `paths`: "" when black would leave every file unchanged, else black's diff
/// and messages. A missing black is a failure that says how to install it, never a skip.
std::string black_diff(const std::vector<std::string>& paths);

/// The text of a revision file from `def upgrade(` on: the part the renderer writes whatever
/// the project's script.py.mako header looks like.
std::string revision_functions(const std::string& revision_text);

/// black_diff of the functions (revision_functions) of each revision file in `paths`.
std::string black_diff_of_functions(const std::vector<std::string>& paths);

}  // namespace asq::test
