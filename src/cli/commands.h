#pragma once

#include "cli/context.h"

namespace asq {

/// `history`: revisions newest first, as `alembic history` orders them. Returns the exit code.
int run_history(const CommandContext& context);
/// `heads`: the head revisions.
int run_heads(const CommandContext& context);
/// `doctor`: faults of the chain, the files and the version table; 0 healthy, 3 faults.
int run_doctor(const CommandContext& context);

/// `snapshot --from SRC --out FILE`: a schema as JSON.
int run_snapshot(const CommandContext& context);
/// `restore [BACKUP_DIR]`: undo a squash from its manifest.
int run_restore(const CommandContext& context);

}  // namespace asq
