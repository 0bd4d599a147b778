#pragma once

#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "schema/model.h"
#include "schema/scope.h"

namespace asq {

/// The schema and how it was read.
struct Introspection {
  Schema schema;
  /// Catalog queries issued: a fixed number, whatever the size of the database.
  int queries = 0;
  /// Objects the model does not carry yet ("view public.v", "trigger public.t.tg", ...):
  /// a baseline built from `schema` would lose them.
  std::vector<std::string> unsupported;
  /// The schemas outside the managed ones that hold a relation (not the version table, not an
  /// excluded table), a type or a function, or that are not public. Of a database a replay
  /// built from empty: what a baseline squashed with these options would leave out.
  std::vector<std::string> left_out_schemas;
};

/// Reads the managed schemas of a database into the model, one query per object kind (the
/// .sql files under src/introspect/sql), in one read-only snapshot. Names in types and
/// expressions come out schema-qualified (search_path is empty while reading), as pg_dump does.
Introspection introspect(pqxx::connection& connection, const IntrospectOptions& options);

/// The same inside the caller's transaction (sees its uncommitted changes; leaves search_path
/// empty for the rest of it).
Introspection introspect(pqxx::transaction_base& tx, const IntrospectOptions& options);

}  // namespace asq
