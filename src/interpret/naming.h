#pragma once

// Names as SQLAlchemy gives them: the naming convention of the MetaData Alembic's operations run
// under (env.py's target_metadata), applied by the rules of SQLAlchemy's
// `_constraint_name_for_table`:
// - a name made by op.f() (SQLAlchemy's conv) is used as it is;
// - else, when the convention has a template for the kind (ix, uq, ck, fk, pk) and the object
//   has no name, or the template uses %(constraint_name)s, the template makes the name;
// - else the given name, or none (PostgreSQL names the constraint).
// A name made by a template is cut past 63 characters as op.f() names are (truncated_name).

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "ops/ops.h"

namespace asq {

/// A MetaData's naming_convention, as far as templates go.
struct NamingConvention {
  /// "ix", "uq", "ck", "fk", "pk" -> a %-template (`ck_%(table_name)s_%(constraint_name)s`).
  std::map<std::string, std::string> templates;
  /// Keys of the convention whose value is a function (user-defined tokens): a template that
  /// uses one cannot be computed here.
  std::set<std::string> custom_tokens;

  /// What MetaData() has without a convention: {"ix": "ix_%(column_0_label)s"}.
  static NamingConvention sqlalchemy_default();
  bool operator==(const NamingConvention&) const = default;
};

/// What the tokens of a template read.
struct NameParts {
  QualifiedName table;
  /// `schema=` was given: %(column_N_label)s then starts with the schema.
  bool schema_given = false;
  std::vector<std::string> columns;
  QualifiedName referred_table;  // foreign keys
  std::vector<std::string> referred_columns;
  /// False where the columns are not known (a drop by name): a template that reads them
  /// cannot be computed.
  bool columns_known = true;
};

/// The name SQLAlchemy gives, or why it cannot be computed here.
struct ConventionalName {
  std::string name;     // "" when none: PostgreSQL names it
  std::string problem;  // not empty when `name` may differ from what SQLAlchemy makes
};

/// The name of an object of `kind` ("ix", "uq", "ck", "fk", "pk"; anything else: no template
/// applies) given `given` ("" for None); `given_is_conv` when it came from op.f().
ConventionalName conventional_name(const NamingConvention& convention, std::string_view kind,
                                   const std::string& given, bool given_is_conv,
                                   const NameParts& parts);

/// The convention key of a constraint kind ("pk", "fk", "uq", "ck"; "" for other kinds).
std::string_view convention_key(Constraint::Kind kind);

}  // namespace asq
