#pragma once

// The exact replay engine: revisions' ops rendered to SQL and run, revision by revision, in a
// scratch database, which is then introspected. What PostgreSQL accepts and builds here is the
// truth the in-memory replay is checked against.

#include <functional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "common/source_error.h"
#include "db/scratch.h"
#include "introspect/introspect.h"
#include "ops/ops.h"
#include "ops/run_memo.h"
#include "schema/model.h"

namespace asq {

/// PostgreSQL refused an op (or no SQL could be rendered for it) while revisions were
/// replayed. Located at the op's line in its revision file (the revision file itself when the
/// op has no location); the message names the revision, PostgreSQL's message and the SQL.
class ReplayError : public SourceError {
 public:
  /// `message` is the one-line summary; the SQL follows it in what(), indented.
  ReplayError(SourceLocation where, std::string revision, std::string message, std::string reason,
              std::string sql);

  const std::string& revision() const { return revision_; }
  /// PostgreSQL's message (primary text, then DETAIL and HINT lines), or why no SQL exists.
  const std::string& reason() const { return reason_; }
  /// The statement that failed ("" when none could be rendered).
  const std::string& sql() const { return sql_; }

 private:
  std::string revision_;
  std::string reason_;
  std::string sql_;
};

struct ReplayOptions {
  /// What to read back from the scratch database.
  IntrospectOptions introspect;
  /// All revisions in one transaction, as `alembic upgrade` does by default
  /// (transaction_per_migration = False); otherwise each revision in its own. Ops marked
  /// autocommit always run outside any transaction, each statement on its own.
  bool single_transaction = false;
  /// The Alembic run the revisions continue (ops/run_memo.h), when one run is sent in several
  /// calls of run_upgrades; null: the call is a run of its own.
  RunMemo* run = nullptr;
  /// Told how many revisions have been sent so far (a progress line); may be empty.
  std::function<void(size_t done)> progress;
  /// When set, replay_in_scratch leaves the scratch database to be dropped there, in the
  /// background, instead of dropping it before it returns.
  ScratchDrops* drops = nullptr;
  /// When set, replay_in_scratch puts there what the replay made outside the managed schemas
  /// (Introspection::left_out_schemas).
  std::vector<std::string>* left_out_schemas = nullptr;
};

/// Runs the upgrade ops of `revisions` (in upgrade order) on `connection`: each transaction's
/// statements go to the server in one round trip per revision. Throws ReplayError for the first
/// statement PostgreSQL refuses; that revision's transaction is rolled back.
void run_upgrades(pqxx::connection& connection, const std::vector<RevisionOps>& revisions,
                  const ReplayOptions& options = {});

/// Runs the downgrade ops of `revisions` (given in upgrade order) newest first, down to base.
void run_downgrades(pqxx::connection& connection, const std::vector<RevisionOps>& revisions,
                    const ReplayOptions& options = {});

/// Replays the upgrades in a new scratch database on the server of `server_url` and returns
/// its schema; the scratch database is dropped in every case.
Schema replay_in_scratch(const std::string& server_url, const std::vector<RevisionOps>& revisions,
                         const ReplayOptions& options = {});

/// The schema at head and after downgrading all the way back to base again.
struct RoundTrip {
  Schema head;
  Schema base;
};

/// Upgrades to head, reads the schema, downgrades to base, reads it again: one scratch
/// database, dropped in every case.
RoundTrip replay_round_trip(const std::string& server_url,
                            const std::vector<RevisionOps>& revisions,
                            const ReplayOptions& options = {});

/// The whole upgrade as one SQL script (`plan --sql`): per revision a comment line naming it,
/// then its statements inside BEGIN/COMMIT exactly as run_upgrades sends them.
std::string replay_sql(const std::vector<RevisionOps>& revisions,
                       const ReplayOptions& options = {});

}  // namespace asq
