#pragma once

// Fills: the values existing rows get when the sync revision adds a NOT NULL column. They are
// asked, never guessed: from --fill, squash.toml's [fill], or a person at a terminal, who is
// offered the tool's suggestion as the default.

#include <istream>
#include <optional>
#include <ostream>

#include "cli/context.h"
#include "diff/diff.h"
#include "squash/plan.h"

namespace asq {

/// squash.toml's [fill] with each --fill TABLE.COLUMN=SQL over it. Throws UsageError for a
/// --fill that does not name a column or whose SQL is not one expression.
FillValues fill_values(const CommandContext& context);

/// Where a fill's value came from: "option" (--fill), "config" ([fill]), "answer" (the
/// terminal), or "" when it has none.
std::string fill_source(const CommandContext& context, const Fill& fill);

/// Asks for one fill on `err`, reading the answer from `in`: an empty answer takes the
/// suggestion, SQL that is not one expression is asked again; end of input gives nothing.
std::optional<std::string> ask_fill(std::istream& in, std::ostream& err, const Fill& fill);

/// Refuses (exit 5) when a fill has no value, naming each column, its type and the suggestion.
void refuse_missing_fills(const SquashPlan& plan);

/// The fills for people: one line each, with the value and where it came from.
void print_fills(const CommandContext& context, const SquashPlan& plan);
/// The fills for machines.
Json fills_json(const CommandContext& context, const SquashPlan& plan);

}  // namespace asq
