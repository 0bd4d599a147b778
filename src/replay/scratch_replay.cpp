#include "replay/scratch_replay.h"

#include <algorithm>
#include <memory>
#include <stdexcept>

#include "db/scratch.h"
#include "ops/run_memo.h"
#include "render/sql.h"

namespace asq {
namespace {

enum class Direction { kUpgrade, kDowngrade };

const char* word_for(Direction direction) {
  return direction == Direction::kUpgrade ? "upgrade" : "downgrade";
}

/// One rendered statement and the op it came from.
struct Planned {
  std::string sql;
  const RevisionOps* revision;
  const LocatedOp* op;
};

/// Statements sent in one round trip: a revision's run of transactional ops, or one statement
/// of an autocommit op (which must run alone, outside any transaction block).
struct Unit {
  const RevisionOps* revision;
  bool autocommit = false;
  std::vector<Planned> statements;
  /// A transactional unit after which the transaction commits.
  bool commit_after = false;
};

SourceLocation location_of(const RevisionOps& revision, const LocatedOp* op) {
  if (op != nullptr && !op->where.file.empty()) return op->where;
  return {revision.path, 0, 0};
}

std::string indented(const std::string& sql) {
  std::string out = "    ";
  for (char c : sql) {
    out += c;
    if (c == '\n') out += "    ";
  }
  return out;
}

ReplayError replay_error(Direction direction, const RevisionOps& revision, const LocatedOp* op,
                         const std::string& what, std::string reason, std::string sql) {
  std::string message = std::string(word_for(direction)) + " of revision " + revision.revision +
                        " " + what + ": " + reason;
  return ReplayError(location_of(revision, op), revision.revision, std::move(message),
                     std::move(reason), std::move(sql));
}

/// PostgreSQL's message: the primary text without its severity, then DETAIL and HINT lines
/// (not the LINE/caret context, which points into a joined batch).
std::string server_reason(const pqxx::sql_error& error) {
  std::string text = error.what();
  std::string out;
  size_t start = 0;
  for (bool first = true; start < text.size(); first = false) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    start = end + 1;
    if (first) {
      for (const char* severity : {"ERROR:  ", "FATAL:  "}) {
        if (line.starts_with(severity)) line.erase(0, std::string(severity).size());
      }
      out = line;
    } else if (line.starts_with("DETAIL:  ") || line.starts_with("HINT:  ")) {
      out += "\n" + line;
    }
  }
  return out;
}

std::vector<Unit> plan(const std::vector<RevisionOps>& revisions, Direction direction,
                       bool single_transaction, RunMemo* continued = nullptr) {
  std::vector<const RevisionOps*> order;
  for (const auto& revision : revisions) order.push_back(&revision);
  if (direction == Direction::kDowngrade) std::reverse(order.begin(), order.end());
  std::vector<Unit> units;
  RunMemo own;
  RunMemo& run = continued ? *continued : own;
  auto ends_transaction = [&] {
    if (!units.empty() && !units.back().autocommit) units.back().commit_after = true;
  };
  for (const RevisionOps* revision : order) {
    const auto& ops = direction == Direction::kUpgrade ? revision->upgrade : revision->downgrade;
    for (const LocatedOp& located : ops) {
      if (run.leaves_out(located.op)) continue;
      std::vector<std::string> statements;
      try {
        statements = render_sql(located.op);
      } catch (const std::invalid_argument& error) {
        throw replay_error(direction, *revision, &located, "cannot be run", error.what(), "");
      }
      for (auto& sql : statements) {
        if (located.autocommit) {
          ends_transaction();
          units.push_back({revision, true, {{std::move(sql), revision, &located}}});
          continue;
        }
        if (units.empty() || units.back().autocommit || units.back().revision != revision) {
          units.push_back({revision, false, {}});
        }
        units.back().statements.push_back({std::move(sql), revision, &located});
      }
    }
    if (!single_transaction) ends_transaction();
  }
  ends_transaction();
  return units;
}

std::string joined(const Unit& unit) {
  std::string out;
  for (const auto& statement : unit.statements) {
    out += terminate_statement(statement.sql) + "\n";
  }
  return out;
}

/// Sends the units over one connection, transaction by transaction.
class Runner {
 public:
  Runner(pqxx::connection& connection, Direction direction)
      : connection_(connection), direction_(direction), quiet_(connection) {}

  /// `finished` is told of each revision whose units have all run.
  void run(const std::vector<Unit>& units,
           const std::function<void(const RevisionOps*)>& finished) {
    for (size_t i = 0; i < units.size(); ++i) {
      const Unit& unit = units[i];
      if (unit.autocommit) {
        run_alone(unit.statements.front());
      } else {
        run_in_transaction(unit);
      }
      bool revision_done = i + 1 == units.size() || units[i + 1].revision != unit.revision;
      if (revision_done) finished(unit.revision);
    }
  }

 private:
  ReplayError failure(const Planned& statement, const pqxx::sql_error& error) const {
    return replay_error(direction_, *statement.revision, statement.op, "failed",
                        server_reason(error), statement.sql);
  }

  void run_alone(const Planned& statement) {
    try {
      pqxx::nontransaction tx(connection_);
      tx.exec(statement.sql);
    } catch (const pqxx::sql_error& error) {
      throw failure(statement, error);
    }
  }

  void run_in_transaction(const Unit& unit) {
    if (!transaction_) transaction_ = std::make_unique<pqxx::work>(connection_);
    segment_.push_back(&unit);
    try {
      transaction_->exec(joined(unit));
    } catch (const pqxx::sql_error& error) {
      transaction_.reset();
      throw_located(error);
    }
    if (!unit.commit_after) return;
    try {
      transaction_->commit();
    } catch (const pqxx::sql_error& error) {
      transaction_.reset();
      throw replay_error(direction_, *unit.revision, nullptr, "failed at COMMIT",
                         server_reason(error), "COMMIT");
    }
    transaction_.reset();
    segment_.clear();
  }

  /// The batch failed and was rolled back: runs the transaction's statements again one by
  /// one to find the one PostgreSQL refuses, and throws for it.
  [[noreturn]] void throw_located(const pqxx::sql_error& original) {
    {
      pqxx::work retry(connection_);
      for (const Unit* unit : segment_) {
        for (const Planned& statement : unit->statements) {
          try {
            retry.exec(statement.sql);
          } catch (const pqxx::sql_error& error) {
            throw failure(statement, error);
          }
        }
      }
    }
    throw failure(segment_.back()->statements.front(), original);
  }

  pqxx::connection& connection_;
  Direction direction_;
  pqxx::quiet_errorhandler quiet_;
  std::unique_ptr<pqxx::work> transaction_;
  std::vector<const Unit*> segment_;
};

void run(pqxx::connection& connection, const std::vector<RevisionOps>& revisions,
         Direction direction, const ReplayOptions& options) {
  std::vector<Unit> units = plan(revisions, direction, options.single_transaction, options.run);
  Runner(connection, direction).run(units, [&](const RevisionOps* revision) {
    if (options.progress && direction == Direction::kUpgrade) {
      options.progress(static_cast<size_t>(revision - revisions.data()) + 1);
    }
  });
}

}  // namespace

ReplayError::ReplayError(SourceLocation where, std::string revision, std::string message,
                         std::string reason, std::string sql)
    : SourceError(std::move(where), sql.empty() ? message : message + "\n" + indented(sql)),
      revision_(std::move(revision)),
      reason_(std::move(reason)),
      sql_(std::move(sql)) {}

void run_upgrades(pqxx::connection& connection, const std::vector<RevisionOps>& revisions,
                  const ReplayOptions& options) {
  run(connection, revisions, Direction::kUpgrade, options);
}

void run_downgrades(pqxx::connection& connection, const std::vector<RevisionOps>& revisions,
                    const ReplayOptions& options) {
  run(connection, revisions, Direction::kDowngrade, options);
}

Schema replay_in_scratch(const std::string& server_url, const std::vector<RevisionOps>& revisions,
                         const ReplayOptions& options) {
  auto scratch = std::make_unique<ScratchDatabase>(server_url);
  run_upgrades(scratch->connection(), revisions, options);
  Introspection read = introspect(scratch->connection(), options.introspect);
  Schema schema = std::move(read.schema);
  if (options.left_out_schemas) *options.left_out_schemas = std::move(read.left_out_schemas);
  if (options.drops) {
    options.drops->drop_later(std::move(scratch));
  } else {
    scratch->drop();
  }
  return schema;
}

RoundTrip replay_round_trip(const std::string& server_url,
                            const std::vector<RevisionOps>& revisions,
                            const ReplayOptions& options) {
  ScratchDatabase scratch(server_url);
  RoundTrip result;
  run_upgrades(scratch.connection(), revisions, options);
  result.head = introspect(scratch.connection(), options.introspect).schema;
  run_downgrades(scratch.connection(), revisions, options);
  result.base = introspect(scratch.connection(), options.introspect).schema;
  scratch.drop();
  return result;
}

std::string replay_sql(const std::vector<RevisionOps>& revisions, const ReplayOptions& options) {
  std::vector<Unit> units = plan(revisions, Direction::kUpgrade, options.single_transaction);
  std::string out;
  bool in_transaction = false;
  size_t next = 0;
  for (const auto& revision : revisions) {
    out += "-- Running upgrade " + revision.revision + " (" + revision.path + ")\n\n";
    for (; next < units.size() && units[next].revision == &revision; ++next) {
      const Unit& unit = units[next];
      if (!unit.autocommit && !in_transaction) {
        out += "BEGIN;\n\n";
        in_transaction = true;
      }
      for (const auto& statement : unit.statements) {
        out += terminate_statement(statement.sql) + "\n\n";
      }
      if (unit.commit_after) {
        out += "COMMIT;\n\n";
        in_transaction = false;
      }
    }
  }
  return out;
}

}  // namespace asq
