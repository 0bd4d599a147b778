#pragma once

// Which part of a database the tool manages: the schemas, the version table, excluded tables.

#include <string>
#include <vector>

#include "schema/model.h"

namespace asq {

/// What to read from a database.
struct IntrospectOptions {
  std::vector<std::string> schemas = {"public"};
  std::string version_table_schema = "public";
  std::string version_table = "alembic_version";
  /// Schema-per-tenant: every schema read holds a version table of its own, named
  /// `version_table`, left out like the one in `version_table_schema`.
  bool version_table_in_every_schema = false;
  std::vector<std::string> exclude_tables;
  /// Owners and privileges too (--privileges; privileges.sql), and ALTER DEFAULT PRIVILEGES
  /// reaching the managed schemas refused as unsupported.
  bool privileges = false;
};

/// The schema introspection with `options` would read from a database holding `schema`: its
/// managed schemas, without excluded tables and the version table. Extensions (read in any
/// schema) and event triggers (in none) are kept.
Schema as_introspected(Schema schema, const IntrospectOptions& options);

/// Whether introspection with `options` reads the objects of schema `name` (a managed one).
bool introspected_schema(const std::string& name, const IntrospectOptions& options);

/// Whether introspection with `options` reads table `name`: in a managed schema, not excluded,
/// not the version table.
bool introspected_table(const QualifiedName& name, const IntrospectOptions& options);

/// Whether relation `name`, in a schema `options` does not manage (and not PostgreSQL's own), is
/// left out of a squash by accident: it is neither the version table nor an excluded table.
bool left_out_relation(const QualifiedName& name, const IntrospectOptions& options);

/// Whether schema `name`, made by a build from empty, is left out of a squash by accident: not
/// managed, not PostgreSQL's own, and neither public nor the version table's schema (which
/// exist whatever the chain does).
bool left_out_made_schema(const std::string& name, const IntrospectOptions& options);

/// The schemas `options` does not manage in which a database built from empty (the in-memory
/// engine's `schema`, unfiltered) holds something that is not excluded: a table, view,
/// sequence, type, function..., or that it made at all (any but public and the version table's).
/// A squash would leave that out of the new baseline.
std::vector<std::string> left_out_schemas(const Schema& schema, const IntrospectOptions& options);

}  // namespace asq
