#include "db/version_table.h"

#include <algorithm>

namespace asq {

std::vector<std::string> sorted_rows(std::vector<std::string> rows) {
  std::sort(rows.begin(), rows.end());
  return rows;
}

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

#include "common/errors.h"

namespace asq {
namespace {

std::string join_rows(const std::vector<std::string>& rows) {
  if (rows.empty()) return "(none)";
  std::string out;
  for (const auto& row : rows) out += (out.empty() ? "" : ", ") + row;
  return out;
}

}  // namespace

void rewrite_version_table(pqxx::connection& connection, const std::string& schema,
                           const std::string& table, const std::vector<std::string>& expected,
                           const std::vector<std::string>& rows) {
  pqxx::work tx(connection);
  rewrite_version_rows(tx, schema, table, expected, rows);
  tx.commit();
}

void rewrite_version_rows(pqxx::transaction_base& tx, const std::string& schema,
                          const std::string& table, const std::vector<std::string>& expected,
                          const std::vector<std::string>& rows) {
  tx.exec("SELECT pg_advisory_xact_lock(hashtext('alembic-squash'))");
  std::string qualified = tx.quote_name(schema) + "." + tx.quote_name(table);
  bool exists = tx.exec_params("SELECT to_regclass($1) IS NOT NULL", qualified)[0][0].as<bool>();
  if (!exists) {
    tx.exec("CREATE TABLE " + qualified + " (version_num VARCHAR(32) NOT NULL, CONSTRAINT " +
            tx.quote_name(table + "_pkc") + " PRIMARY KEY (version_num))");
  }
  tx.exec("LOCK TABLE " + qualified + " IN ACCESS EXCLUSIVE MODE");
  std::vector<std::string> current;
  for (const auto& row : tx.exec("SELECT version_num FROM " + qualified)) {
    current.push_back(row[0].as<std::string>());
  }
  std::sort(current.begin(), current.end());
  std::vector<std::string> wanted = expected;
  std::sort(wanted.begin(), wanted.end());
  if (current != wanted) {
    throw Refused("the version table " + schema + "." + table +
                  " changed since the plan: it "
                  "was " +
                  join_rows(wanted) + ", now it is " + join_rows(current) +
                  "; nothing was changed in it. Run the command again to plan from the new state");
  }
  tx.exec("DELETE FROM " + qualified);
  for (const auto& row : rows) {
    tx.exec_params("INSERT INTO " + qualified + " (version_num) VALUES ($1)", row);
  }
}

}  // namespace asq
