#pragma once

#include <memory>
#include <pqxx/pqxx>
#include <string>

namespace asq {

/// Opens a connection to a libpq URL; throws DatabaseError naming the host or socket and
/// PostgreSQL's reason when it cannot.
std::unique_ptr<pqxx::connection> connect(const std::string& url);

}  // namespace asq
