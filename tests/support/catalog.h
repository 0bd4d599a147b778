#pragma once

#include <string>
#include <vector>

namespace asq::test {

/// The fixtures written for issue #5, one per kind of object the model must carry.
const std::vector<std::string>& object_kind_fixtures();

/// Every object a user created in the database at `url`, read from pg_catalog: relations,
/// types, functions, schemas other than public, extensions other than plpgsql, sorted, each as
/// "<kind> <schema>.<name>". Alembic's version table (and its key and row type) is not counted.
std::vector<std::string> user_objects(const std::string& url);

}  // namespace asq::test
