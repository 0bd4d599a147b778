#pragma once

// privileges.sql's rows -> Schema::privileges (introspect.cpp runs the query with --privileges).

#include <functional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "schema/model.h"

namespace asq {

/// The entries that differ from the default (schema/privileges.h), canonical and sorted.
/// Grants made by another role than the owner (a grantee passing on its grant option) cannot be
/// rebuilt by the owner's GRANT: they go to `unsupported` ("grant ..."). Relations for which
/// `excluded` is true are left out.
std::vector<Privileges> privileges_of_rows(
    const pqxx::result& rows, const std::function<bool(const QualifiedName&)>& excluded,
    std::vector<std::string>& unsupported);

}  // namespace asq
