#pragma once

// Revisions written inline and the two replay engines compared on them: the in-memory engine
// against the scratch engine (the truth, a real PostgreSQL).

#include <string>
#include <vector>

#include "pgsim/engine.h"

namespace asq::test {

/// A revision file around the given upgrade() body (four-space indented lines).
std::string revision_file(const std::string& id, const std::string& down, const std::string& body);

/// Revisions given as upgrade() bodies, chained in order (ids r1, r2, ..., files versions/rN.py).
std::vector<RevisionOps> chain(const std::vector<std::string>& bodies);

/// In-memory replay options for the test server (its extensions' default versions, its time
/// zone).
MemoryReplayOptions options_of_test_server();

/// Expects the in-memory engine to model every op of `revisions` and to build exactly the
/// schema the scratch engine reads back from the test server.
void expect_engines_agree(const std::vector<RevisionOps>& revisions);

/// Expects the real Alembic (one `alembic upgrade heads` of the revisions written as files, in
/// a scratch database) and the in-memory engine to build the same schema from `bodies`, chained
/// as chain() does and read as the pipeline reads a chain (interpret_revisions): the referee for
/// what the reader makes of a construct.
void expect_alembic_agrees(const std::vector<std::string>& bodies);

}  // namespace asq::test
