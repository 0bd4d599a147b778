#include "ops/comments.h"

namespace asq {
namespace {

std::vector<SetComment> if_commented(SetComment comment) {
  if (!comment.comment) return {};
  return {std::move(comment)};
}

}  // namespace

SetComment comment_on(const EnumType& type) {
  return {SetComment::Target::kEnum, type.name, "", type.comment};
}

SetComment comment_on(const Sequence& sequence) {
  return {SetComment::Target::kSequence, sequence.name, "", sequence.comment};
}

SetComment comment_on(const QualifiedName& table, const Index& index) {
  return {SetComment::Target::kIndex, {table.schema, index.name}, table.name, index.comment};
}

SetComment comment_on(const QualifiedName& table, const Constraint& constraint) {
  return {SetComment::Target::kConstraint,
          {table.schema, constraint.name},
          table.name,
          constraint.comment};
}

SetComment comment_on_schema(const std::string& schema, std::optional<std::string> comment) {
  return {SetComment::Target::kSchema, {"", schema}, "", std::move(comment)};
}

std::vector<SetComment> created_comments(const CreateEnum& op) {
  return if_commented(comment_on(op.type));
}

std::vector<SetComment> created_comments(const CreateSequence& op) {
  return if_commented(comment_on(op.sequence));
}

std::vector<SetComment> created_comments(const CreateIndex& op) {
  return if_commented(comment_on(op.table, op.index));
}

std::vector<SetComment> created_comments(const AddConstraint& op) {
  return if_commented(comment_on(op.table, op.constraint));
}

std::vector<SetComment> created_comments(const CreateTable& op) {
  std::vector<SetComment> out;
  for (const Constraint& constraint : op.table.constraints) {
    for (SetComment& c : if_commented(comment_on(op.table.name, constraint))) {
      out.push_back(std::move(c));
    }
  }
  return out;
}

}  // namespace asq
