#include "db/version_table.h"

#include <algorithm>

namespace asq {

VersionTableState read_version_table(pqxx::connection& connection, const std::string& schema,
                                     const std::string& table) {
  VersionTableState state;
  pqxx::read_transaction tx(connection);
  std::string qualified = tx.quote_name(schema) + "." + tx.quote_name(table);
  pqxx::result found = tx.exec_params("SELECT to_regclass($1) IS NOT NULL", qualified);
  state.exists = found[0][0].as<bool>();
  if (!state.exists) return state;
  for (const auto& row : tx.exec("SELECT version_num FROM " + qualified)) {
    state.rows.push_back(row[0].as<std::string>());
  }
  std::sort(state.rows.begin(), state.rows.end());
  return state;
}

}  // namespace asq
