#pragma once

// Python 3 tokenization: logical lines, indentation, brackets, names, numbers, strings, operators.

#include <string>
#include <string_view>
#include <vector>

#include "python/token.h"

namespace asq::py {

/// `source` without a leading UTF-8 byte order mark.
std::string_view strip_bom(std::string_view source);

/// Splits `source` (named `file` in errors) into tokens ending with kEndOfFile; a leading UTF-8
/// BOM is skipped and positions count from after it. Throws SourceError on a lexical error.
/// With `elide_function_bodies`, the body of each `def ...:` block is scanned (its lexical errors
/// still thrown) but only its INDENT and closing DEDENT are returned.
std::vector<Token> tokenize(std::string_view source, const std::string& file,
                            bool elide_function_bodies = false);

}  // namespace asq::py
