#pragma once

#include "cli/context.h"
#include "diff/diff.h"

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

/// `diff SRC_A SRC_B`: audit diff; 0 same, 1 differ.
int run_diff(const CommandContext& context);
/// `plan`: everything squash would do; changes nothing.
int run_plan(const CommandContext& context);
/// `squash`: plan, verify, confirm, commit.
int run_squash(const CommandContext& context);
/// `verify`: replay the versions folder in a scratch database and diff with live.
int run_verify(const CommandContext& context);

/// `adopt [URL...]`: bring other databases onto the squashed chain.
int run_adopt(const CommandContext& context);

/// Prints a diff's changes and hazards (text or markdown); hazards coloured when `colour`.
void print_diff(std::ostream& out, const DiffResult& diff, bool markdown, bool colour = false);

}  // namespace asq
