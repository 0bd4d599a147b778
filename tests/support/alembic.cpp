#include "support/alembic.h"

#include <sstream>
#include <stdexcept>

namespace asq::test {

ProcessResult run_alembic(const std::string& project_dir, const std::vector<std::string>& args,
                          const std::string& database_url) {
  std::vector<std::string> argv{"/usr/bin/python3", "-m", "alembic"};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv, project_dir,
                     {{"DATABASE_URL", database_url}, {"PYTHONDONTWRITEBYTECODE", "1"}});
}

namespace {

/// pg_dump with `argv` made comparable (see schema_dump).
std::string comparable_dump(const std::vector<std::string>& argv) {
  ProcessResult dump = run_process(argv);
  if (dump.exit_code != 0) throw std::runtime_error("pg_dump failed: " + dump.err);
  std::istringstream in(dump.out);
  std::string out;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line.rfind("--", 0) == 0) continue;
    if (line.rfind("\\restrict", 0) == 0 || line.rfind("\\unrestrict", 0) == 0) continue;
    out += line;
    out += '\n';
  }
  return out;
}

}  // namespace

std::string schema_dump(const std::string& database_url, const std::string& only_schema) {
  std::vector<std::string> argv{"/usr/lib/postgresql/15/bin/pg_dump", "--schema-only", "--no-owner",
                                "-d", database_url};
  if (!only_schema.empty()) argv.insert(argv.end(), {"-n", only_schema});
  return comparable_dump(argv);
}

std::string schema_dump_without_privileges(const std::string& database_url) {
  return comparable_dump({"/usr/lib/postgresql/15/bin/pg_dump", "--schema-only", "--no-owner",
                          "--no-privileges", "-d", database_url});
}

std::string schema_dump_with_owners(const std::string& database_url) {
  return comparable_dump(
      {"/usr/lib/postgresql/15/bin/pg_dump", "--schema-only", "-d", database_url});
}

}  // namespace asq::test
