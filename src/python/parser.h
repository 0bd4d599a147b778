#pragma once

// Entry points of the Python parser: source text in, syntax tree out.

#include <string>
#include <string_view>

#include "python/ast.h"

namespace asq::py {

/// Options for parse_module.
struct ParseOptions {
  /// Tokenize the bodies of `def`s (so lexical errors still surface) but leave them empty:
  /// the fast path for reading module-level assignments only.
  bool skip_function_bodies = false;
};

/// Parses `source` as a module named `file` in errors; throws SourceError.
Module parse_module(std::string_view source, const std::string& file, ParseOptions options = {});

/// Parses `source` as one expression list (`a`, `a, *b`) filling the whole source; throws
/// SourceError.
ExprPtr parse_expression(std::string_view source, const std::string& file);

}  // namespace asq::py
