#pragma once

// Helpers for the interpreter's tests: a revision file around an upgrade() body, its ops as one
// line of text each (in the model's canonical spelling), the error it stops with.

#include <iosfwd>
#include <string>
#include <vector>

#include "common/source_error.h"
#include "interpret/interpreter.h"
#include "ops/ops.h"

namespace asq {

void PrintTo(const SourceLocation& where, std::ostream* out);

namespace test {

using Strings = std::vector<std::string>;

/// An op as one line: `CREATE TABLE public.t (id integer NOT NULL, ...)`.
std::string op_text(const Op& op);
/// op_text of each op, `[autocommit] ` before those in an autocommit block.
Strings texts(const std::vector<LocatedOp>& ops);
/// A revision file with header lines 1-17: `def upgrade():` is line 18 (without module-level
/// code), its body from line 19.
std::string revision_source(const std::string& upgrade, const std::string& downgrade = "    pass\n",
                            const std::string& module_level = "");
/// revision_source() interpreted as `v/abc_test.py`.
RevisionOps interpret(const std::string& upgrade, const std::string& downgrade = "    pass\n",
                      const std::string& module_level = "", const InterpretOptions& options = {});
/// texts() of the upgrade of interpret().
Strings upgrade_ops(const std::string& upgrade, const std::string& module_level = "");
/// The SourceError of interpret(), or "no error".
std::string error_of(const std::string& upgrade, const std::string& module_level = "",
                     const InterpretOptions& options = {});
/// A revision file of fixtures/seed16 interpreted.
RevisionOps fixture(const std::string& file);
/// The notes of a fixture's revisions interpreted in upgrade order, each knowing what the ones
/// before it did (as the pipeline runs them), one line each: "<file>:<line>: <note>".
Strings chain_notes(const std::string& fixture);

}  // namespace test
}  // namespace asq
