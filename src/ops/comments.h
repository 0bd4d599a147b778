#pragma once

// SetComment for the parts of the model that only PostgreSQL's COMMENT ON names: schemas,
// enum types, sequences, indexes of tables and table constraints. A create op brings the
// comment of what it creates; these say which COMMENT ON statements that takes.

#include <vector>

#include "ops/ops.h"

namespace asq {

SetComment comment_on(const EnumType& type);
SetComment comment_on(const Sequence& sequence);
SetComment comment_on(const QualifiedName& table, const Index& index);
SetComment comment_on(const QualifiedName& table, const Constraint& constraint);
SetComment comment_on_schema(const std::string& schema, std::optional<std::string> comment);

/// The comments a create op brings, to be set right after it (none when nothing is commented).
/// A table's own and its columns' comments are not among them: CREATE TABLE's renderers have
/// their own words for those.
std::vector<SetComment> created_comments(const CreateEnum& op);
std::vector<SetComment> created_comments(const CreateSequence& op);
std::vector<SetComment> created_comments(const CreateIndex& op);
std::vector<SetComment> created_comments(const AddConstraint& op);
std::vector<SetComment> created_comments(const CreateTable& op);

}  // namespace asq
