#include "ops/remap.h"

namespace asq {
namespace {

/// One overload per op kind and none for the rest, so a new op that is not mapped fails to
/// compile here instead of slipping into the wrong schema.
struct Remap {
  const SchemaRenamer& renamer;

  void operator()(CreateSchema& op) const { op.name = renamer.schema_name(op.name); }
  void operator()(DropSchema& op) const { op.name = renamer.schema_name(op.name); }
  void operator()(CreateExtension& op) const { renamer.apply(op.extension); }
  void operator()(DropExtension&) const {}
  void operator()(CreateEnum& op) const { renamer.apply(op.type); }
  void operator()(DropEnum& op) const { renamer.apply(op.name); }
  void operator()(AddEnumValue& op) const { renamer.apply(op.name); }
  void operator()(CreateSequence& op) const { renamer.apply(op.sequence); }
  void operator()(DropSequence& op) const { renamer.apply(op.name); }
  void operator()(SetSequenceOwner& op) const { renamer.apply(op.name); }
  void operator()(CreateTable& op) const { renamer.apply(op.table); }
  void operator()(DropTable& op) const { renamer.apply(op.name); }
  void operator()(RenameTable& op) const { renamer.apply(op.name); }
  void operator()(SetTableComment& op) const { renamer.apply(op.table); }
  void operator()(AddColumn& op) const {
    renamer.apply(op.table);
    renamer.apply(op.column);
  }
  void operator()(DropColumn& op) const { renamer.apply(op.table); }
  void operator()(AlterColumn& op) const {
    renamer.apply(op.table);
    renamer.apply(op.existing);
    if (op.type) *op.type = renamer.text(*op.type);
    if (op.using_expression) *op.using_expression = renamer.text(*op.using_expression);
    if (op.default_value && *op.default_value)
      **op.default_value = renamer.text(**op.default_value);
  }
  void operator()(CreateIndex& op) const {
    renamer.apply(op.table);
    renamer.apply(op.index);
  }
  void operator()(DropIndex& op) const { renamer.apply(op.table); }
  void operator()(AddConstraint& op) const {
    renamer.apply(op.table);
    renamer.apply(op.constraint);
  }
  void operator()(DropConstraint& op) const { renamer.apply(op.table); }
  void operator()(SetRowSecurity& op) const { renamer.apply(op.table); }
  void operator()(SetTableStorage& op) const { renamer.apply(op.table); }
  void operator()(CreateObject& op) const { renamer.apply(op.object); }
  void operator()(DropObject& op) const { renamer.apply(op.object); }
  void operator()(SetObjectComment& op) const { renamer.apply(op.object); }
  void operator()(SetComment& op) const {
    if (op.target == SetComment::Target::kSchema) {
      op.name.name = renamer.schema_name(op.name.name);
    } else {
      renamer.apply(op.name);
    }
  }
  void operator()(Execute&) const {}
};

}  // namespace

Op remap_schema(Op op, const SchemaRenamer& renamer) {
  std::visit(Remap{renamer}, op);
  return op;
}

}  // namespace asq
