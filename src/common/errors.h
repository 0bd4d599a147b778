#pragma once

#include <stdexcept>
#include <string>

namespace asq {

/// Documented exit codes (DESIGN.md, "Command line").
enum ExitCode : int {
  kExitOk = 0,
  kExitDiffer = 1,
  kExitUsage = 2,
  kExitFaults = 3,
  kExitDatabase = 4,
  kExitRefused = 5,
  kExitHazards = 6,        // `plan --fail-on hazard`: the plan has hazards
  kExitNothingToUndo = 7,  // `restore`: no squash to undo
};

/// The command line is wrong: unknown flag, missing argument. Exit 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The database cannot be reached or refused the request. Exit 4.
class DatabaseError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The database driver's own failure (a pqxx::failure), passed on by the binary that links it:
/// shown as "database error: ..." on standard error, its bare text in --json. Exit 4.
class DriverError : public DatabaseError {
 public:
  using DatabaseError::DatabaseError;
};

/// The tool refuses to go on because it would not be safe. Exit 5.
class Refused : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A stop was requested (SIGINT, SIGTERM) and the work under way was undone. Exit 5.
class Interrupted : public Refused {
 public:
  explicit Interrupted(const std::string& what = "interrupted") : Refused(what) {}
};

}  // namespace asq
