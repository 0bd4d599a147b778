#include "squash/lock_budget.h"

#include <algorithm>
#include <map>
#include <set>

namespace asq {
namespace {

/// Column types whose values are fixed-width, so a table of only these has no TOAST table.
bool fixed_width(const std::string& type, const Schema& schema) {
  static const std::set<std::string> kFixed = {"smallint",
                                               "integer",
                                               "bigint",
                                               "real",
                                               "double precision",
                                               "boolean",
                                               "date",
                                               "uuid",
                                               "oid",
                                               "money",
                                               "interval",
                                               "\"char\"",
                                               "time without time zone",
                                               "time with time zone",
                                               "timestamp without time zone",
                                               "timestamp with time zone"};
  std::string base = type;
  if (size_t open = base.find('('); open != std::string::npos) {  // timestamp(3) with time zone
    size_t close = base.find(')', open);
    if (close != std::string::npos) base.erase(open, close - open + 1);
    if (size_t space = base.find("  "); space != std::string::npos) base.erase(space, 1);
    while (!base.empty() && base.back() == ' ') base.pop_back();
  }
  if (kFixed.count(base)) return true;
  return std::any_of(schema.enums.begin(), schema.enums.end(), [&](const EnumType& e) {
    return type == e.name.schema + "." + e.name.name || type == e.name.name;
  });
}

std::string thousands(long long n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string capacity_text(const LockSettings& s) {
  return "max_locks_per_transaction (" + std::to_string(s.max_locks_per_transaction) +
         ") x (max_connections (" + std::to_string(s.max_connections) +
         ") + max_prepared_transactions (" + std::to_string(s.max_prepared_transactions) +
         ")) = " + thousands(s.capacity());
}

}  // namespace

long long relations_created(const Schema& schema) {
  long long count = static_cast<long long>(schema.sequences.size());
  for (const Table& table : schema.tables) {
    count += 1 + static_cast<long long>(table.indexes.size());
    bool toastable = false;
    for (const Column& column : table.columns) {
      if (!fixed_width(column.type, schema)) toastable = true;
      if (!column.identity.empty()) ++count;
    }
    if (toastable && table.partition_by.empty()) count += 2;
    for (const Constraint& constraint : table.constraints) {
      if (constraint.kind == Constraint::Kind::kPrimaryKey ||
          constraint.kind == Constraint::Kind::kUnique ||
          constraint.kind == Constraint::Kind::kExclusion) {
        ++count;
      }
    }
  }
  for (const CatalogObject& object : schema.objects) {
    if (object.kind == CatalogObject::Kind::kView || object.kind == CatalogObject::Kind::kIndex) {
      ++count;
    } else if (object.kind == CatalogObject::Kind::kMaterializedView) {
      count += 3;  // with its TOAST table and index
    }
  }
  return count;
}

CommitLocks commit_locks(const Schema& live, const LockSettings& settings) {
  std::map<QualifiedName, std::vector<QualifiedName>> children;
  for (const Table& table : live.tables) {
    if (table.partition_of) children[*table.partition_of].push_back(table.name);
    for (const auto& parent : table.inherits) children[parent].push_back(table.name);
  }
  std::set<QualifiedName> locked;
  std::vector<QualifiedName> pending;
  for (const Table& table : live.tables) pending.push_back(table.name);
  while (!pending.empty()) {
    QualifiedName name = pending.back();
    pending.pop_back();
    if (!locked.insert(name).second) continue;
    for (const auto& child : children[name]) pending.push_back(child);
  }
  CommitLocks locks;
  locks.entries_for_all = static_cast<long long>(locked.size()) + 2;
  if (locks.entries_for_all * 4 <= settings.capacity()) {
    for (const Table& table : live.tables) locks.tables.push_back(table.name);
    locks.entries = locks.entries_for_all;
  } else {
    locks.entries = 2;
  }
  return locks;
}

std::optional<LockWarning> upgrade_lock_warning(long long need, const LockSettings& settings) {
  long long capacity = settings.capacity();
  long long slots = settings.max_connections + settings.max_prepared_transactions;
  if (need * 2 <= capacity || slots <= 0) return std::nullopt;
  long long raise_to = (2 * need + slots - 1) / slots;  // room for the need twice over
  LockWarning warning;
  warning.message =
      "the new files create about " + thousands(need) +
      " relations (tables, indexes, sequences, TOAST tables) in one transaction; the server's "
      "lock table holds " +
      capacity_text(settings) +
      " locks for all sessions together, so `alembic upgrade head` on an empty database " +
      (need > capacity ? "will fail with \"out of shared memory\""
                       : "may fail with \"out of shared memory\" while other sessions hold locks") +
      " (the verify replay here too, when its scratch database is on this server)";
  warning.fix = "raise max_locks_per_transaction to " + std::to_string(raise_to) +
                " or more (postgresql.conf; needs a restart), or split the history: squash "
                "--through an earlier revision so the baseline creates less";
  return warning;
}

std::vector<std::string> lock_warnings(const Schema& live, const LockSettings& settings) {
  std::vector<std::string> warnings;
  if (auto upgrade = upgrade_lock_warning(relations_created(live), settings)) {
    warnings.push_back(upgrade->message + ". Fix: " + upgrade->fix);
  }
  CommitLocks commit = commit_locks(live, settings);
  if (commit.tables.empty() && !live.tables.empty()) {
    warnings.push_back(
        "the commit will not lock the " + thousands(static_cast<long long>(live.tables.size())) +
        " live tables against DDL: that takes " + thousands(commit.entries_for_all) +
        " lock entries (partitions included), more than a quarter of the lock table's " +
        capacity_text(settings) +
        "; it checks the live schema again instead, so a migration that runs during the "
        "commit is not kept out. Raise max_locks_per_transaction, or squash while no one "
        "migrates");
  }
  return warnings;
}

}  // namespace asq
