#include "ops/run_memo.h"

namespace asq {

bool RunMemo::leaves_out(const Op& op) {
  const CreateEnum* create = std::get_if<CreateEnum>(&op);
  if (!create || !create->table_event) return false;
  return !enums_.insert(create->type.name).second;
}

}  // namespace asq
