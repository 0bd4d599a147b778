#include "pgsim/sql_reader.h"

namespace asq::memsql {

std::vector<std::vector<Token>> statements_of(const std::string& sql) {
  try {
    return sql::statements(sql);
  } catch (const sql::LexError& e) {
    throw ApplyError(std::string(e.what()) + " in SQL");
  }
}

}  // namespace asq::memsql
