#include "db/connection.h"

#include "common/errors.h"
#include "config/database_url.h"
#include "config/url_check.h"

namespace asq {

std::unique_ptr<pqxx::connection> connect(const std::string& url) {
  try {
    return std::make_unique<pqxx::connection>(with_default_connect_timeout(url, 10));
  } catch (const pqxx::broken_connection& error) {
    std::string reason;
    for (char c : std::string(error.what())) {
      bool space = c == '\n' || c == '\t' || c == ' ';
      if (space && (reason.empty() || reason.back() == ' ')) continue;
      reason += space ? ' ' : c;
    }
    while (!reason.empty() && reason.back() == ' ') reason.pop_back();
    throw DatabaseError("cannot connect to the database at " + describe_endpoint(url) + " (" +
                        redact_url(url) + "): " + reason);
  } catch (const pqxx::failure& error) {
    throw DatabaseError("cannot connect to the database at " + describe_endpoint(url) + ": " +
                        error.what());
  }
}

}  // namespace asq
