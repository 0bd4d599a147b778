#pragma once

// What tables need among the catalog objects. pg_depend knows it too, but the model keeps
// tables free of catalog bookkeeping (two tables are equal when their SQL is), so it is read
// off the canonical text: a column's type is spelled `schema.name`, a function in a default,
// check or index as `schema.name(`.

#include <set>
#include <string>
#include <vector>

#include "schema/model.h"

namespace asq {

/// Keys of the domains, composite types and functions that `tables` use (column types;
/// functions in defaults, generated columns, checks, exclusion constraints, index keys and
/// predicates), with what those need in turn among `objects`.
std::set<std::string> needed_by_tables(const std::vector<Table>& tables,
                                       const std::vector<CatalogObject>& objects);

}  // namespace asq
