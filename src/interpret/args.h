#pragma once

// Binds the arguments of a call into SQLAlchemy or Alembic to parameter names, the way Python
// binds them to the real signature, and reads them as the types the API expects.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "interpret/eval.h"
#include "interpret/value.h"

namespace asq::interp {

class BoundArguments {
 public:
  /// `params` in order: plain names, then optionally "*name" (the remaining positionals) and
  /// "**" (unknown keywords are collected in extra() instead of being an error).
  BoundArguments(const SourceContext& context, std::string callee, Arguments args,
                 const std::vector<std::string_view>& params, const py::Position& at);

  const std::string& callee() const { return callee_; }
  const py::Position& at() const { return at_; }
  const SourceContext& context() const { return context_; }

  /// The argument for `name` when the call gave one (None included).
  const Argument* find(std::string_view name) const;
  /// Given and not None.
  bool given(std::string_view name) const;
  const std::vector<Argument>& rest() const { return rest_; }
  const std::vector<std::pair<std::string, Argument>>& extra() const { return extra_; }

  /// A required string argument.
  std::string string(std::string_view name) const;
  /// A string argument, nullopt when absent or None.
  std::optional<std::string> optional_string(std::string_view name) const;
  /// True/False (or None: nullopt).
  std::optional<bool> optional_bool(std::string_view name) const;
  bool flag(std::string_view name, bool fallback) const;
  /// A list or tuple of strings (column names).
  std::vector<std::string> strings(std::string_view name) const;
  /// `schema=` as a schema name: "public" when absent or None.
  std::string schema(std::string_view name = "schema") const;

  /// Unknown keywords other than those of other dialects (mysql_*, mssql_*, sqlite_*, oracle_*)
  /// and `ignored` ones, which do not change what PostgreSQL gets, are warnings (the revision is
  /// then unmodelled: SourceContext::warn).
  void reject_extra(const std::vector<std::string_view>& ignored = {}) const;

  [[noreturn]] void fail(const py::Position& at, const std::string& message) const;
  [[noreturn]] void fail_argument(std::string_view name, const std::string& message) const;

 private:
  const Argument& required(std::string_view name) const;

  const SourceContext& context_;
  std::string callee_;
  py::Position at_;
  std::vector<std::pair<std::string, Argument>> named_;
  std::vector<Argument> rest_;
  std::vector<std::pair<std::string, Argument>> extra_;
};

/// A string value, or SQL text (sa.text): the SQL as written.
std::optional<std::string> sql_text(const Value& value);

}  // namespace asq::interp
