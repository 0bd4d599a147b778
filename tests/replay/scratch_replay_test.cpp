#include "replay/scratch_replay.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <pqxx/pqxx>

#include "common/errors.h"
#include "db/scratch.h"
#include "support/postgres.h"
#include "support/schema_builders.h"

namespace asq {
namespace {

using Strings = std::vector<std::string>;

// --- building revisions by hand -------------------------------------------------------------

using test::column;
using test::constraint;
using test::in_public;

struct RevisionBuilder {
  RevisionOps ops;
  int line = 10;

  RevisionBuilder(std::string id, std::string path) {
    ops.revision = std::move(id);
    ops.path = std::move(path);
  }
  RevisionBuilder& up(Op op, bool autocommit = false) {
    ops.upgrade.push_back({std::move(op), {ops.path, ++line, 5}, autocommit});
    return *this;
  }
  RevisionBuilder& down(Op op) {
    ops.downgrade.push_back({std::move(op), {ops.path, ++line, 5}, false});
    return *this;
  }
};

RevisionOps base_revision() {
  Sequence sequence;
  sequence.name = in_public("account_id_seq");
  sequence.data_type = "integer";
  Table account;
  account.name = in_public("account");
  Column id = column("id", "integer", false);
  id.default_value = "nextval('account_id_seq'::regclass)";
  Column email = column("email", "character varying(255)", false);
  email.comment = "login";
  Column status = column("status", "status");
  status.default_value = "'active'::status";
  account.columns = {id, email, status};
  account.constraints = {constraint(Constraint::Kind::kPrimaryKey, "account_pkey", {"id"})};
  account.comment = "people who pay";
  return RevisionBuilder("0001", "versions/0001_base.py")
      .up(CreateEnum{{in_public("status"), {"active", "disabled"}}})
      .up(CreateSequence{sequence})
      .up(CreateTable{account})
      .up(SetSequenceOwner{in_public("account_id_seq"), "account", "id"})
      .down(DropTable{in_public("account")})
      .down(DropEnum{in_public("status")})
      .ops;
}

RevisionOps second_revision() {
  Column balance = column("balance", "integer", false);
  balance.default_value = "0";
  AlterColumn widen;
  widen.table = in_public("account");
  widen.column = "balance";
  widen.existing = balance;
  widen.type = "bigint";
  AlterColumn rename;
  rename.table = in_public("account");
  rename.column = "email";
  rename.new_name = "Login";
  Table payment;
  payment.name = in_public("payment");
  Column payment_id = column("id", "bigint", false);
  payment_id.identity = "by default";
  payment.columns = {payment_id, column("account_id", "integer", false),
                     column("amount", "numeric(10,2)")};
  payment.constraints = {constraint(Constraint::Kind::kPrimaryKey, "payment_pkey", {"id"})};
  Constraint fk = constraint(Constraint::Kind::kForeignKey, "fk_payment_account", {"account_id"});
  fk.references = in_public("account");
  fk.referenced_columns = {"id"};
  fk.on_delete = "CASCADE";
  Constraint check = constraint(Constraint::Kind::kCheck, "ck_amount", {});
  check.expression = "amount >= 0";
  Index index;
  index.name = "ix_payment_account";
  index.keys = {"account_id", "amount DESC"};
  index.where = "amount IS NOT NULL";
  return RevisionBuilder("0002", "versions/0002_payments.py")
      .up(AddColumn{in_public("account"), balance})
      .up(AlterColumn{widen})
      .up(AlterColumn{rename})
      .up(CreateTable{payment})
      .up(AddConstraint{in_public("payment"), fk})
      .up(AddConstraint{in_public("payment"), check})
      .up(CreateIndex{in_public("payment"), index})
      .up(RenameTable{in_public("payment"), "charge"})
      .down(RenameTable{in_public("charge"), "payment"})
      .down(DropTable{in_public("payment")})
      .down(AlterColumn{in_public("account"), "Login", {}, "email"})
      .down(DropColumn{in_public("account"), "balance"})
      .ops;
}

/// ALTER TYPE ... ADD VALUE in an autocommit block, then a data update that uses the value.
RevisionOps third_revision() {
  return RevisionBuilder("0003", "versions/0003_closed.py")
      .up(AddEnumValue{in_public("status"), "closed", "", "active"}, true)
      .up(Execute{"UPDATE account SET status = 'closed' -- none yet", true})
      .up(SetTableComment{in_public("account"), std::nullopt})
      .down(SetTableComment{in_public("account"), "people who pay"})
      .ops;
}

std::vector<RevisionOps> chain() { return {base_revision(), second_revision(), third_revision()}; }

// --- helpers on the server ------------------------------------------------------------------

/// Scratch databases of this process that still exist.
Strings my_scratch_databases() {
  pqxx::connection connection(test::server_url());
  pqxx::nontransaction tx(connection);
  std::string prefix = std::string(kScratchPrefix) + std::to_string(getpid()) + "_";
  Strings names;
  for (const auto& row : tx.exec("SELECT datname FROM pg_database WHERE starts_with(datname, " +
                                 tx.quote(prefix) + ") ORDER BY 1")) {
    names.push_back(row[0].as<std::string>());
  }
  return names;
}

bool database_exists(const std::string& name) {
  pqxx::connection connection(test::server_url());
  pqxx::nontransaction tx(connection);
  return !tx.exec("SELECT 1 FROM pg_database WHERE datname = " + tx.quote(name)).empty();
}

const Constraint* find_constraint(const Table& table, const std::string& name) {
  for (const auto& c : table.constraints) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

// --- ScratchDatabase ------------------------------------------------------------------------

TEST(UrlWithDatabase, ReplacesThePathAndDropsDbnameParameters) {
  EXPECT_EQ(url_with_database("postgresql://u@h:5432/live", "s"), "postgresql://u@h:5432/s");
  EXPECT_EQ(url_with_database("postgresql://u@h", "s"), "postgresql://u@h/s");
  EXPECT_EQ(url_with_database("postgres:///live?host=/run/pg&dbname=x&sslmode=off", "s"),
            "postgres:///s?host=/run/pg&sslmode=off");
  EXPECT_EQ(url_with_database("host=/tmp dbname=live", "s"), "host=/tmp dbname=live dbname='s'");
}

TEST(ScratchDatabase, IsCreatedEmptyUnderARecognisableNameAndDroppedAfterwards) {
  std::string name;
  {
    ScratchDatabase scratch(test::server_url());
    name = scratch.name();
    EXPECT_TRUE(name.starts_with("asq_scratch_" + std::to_string(getpid()) + "_")) << name;
    EXPECT_EQ(name.size(),
              std::string("asq_scratch_").size() + std::to_string(getpid()).size() + 1 + 8);
    EXPECT_TRUE(database_exists(name));
    pqxx::nontransaction tx(scratch.connection());
    EXPECT_EQ(tx.exec("SELECT current_database()")[0][0].as<std::string>(), name);
    pqxx::connection other(scratch.url());
    EXPECT_EQ(pqxx::nontransaction(other)
                  .exec("SELECT count(*) FROM pg_class WHERE "
                        "relnamespace = 'public'::regnamespace")[0][0]
                  .as<int>(),
              0);
  }
  EXPECT_FALSE(database_exists(name));
}

TEST(ScratchDatabase, IsDroppedWhenAnExceptionUnwindsEvenWithSessionsOpen) {
  std::string name;
  std::unique_ptr<pqxx::connection> lingering;
  try {
    ScratchDatabase scratch(test::server_url());
    name = scratch.name();
    lingering = std::make_unique<pqxx::connection>(scratch.url());
    throw std::runtime_error("boom");
  } catch (const std::runtime_error&) {
  }
  EXPECT_FALSE(name.empty());
  EXPECT_FALSE(database_exists(name));
}

/// The SigBlk mask of each thread of this process but the calling one (/proc/self/task).
std::vector<unsigned long long> other_threads_blocked_signals() {
  std::vector<unsigned long long> masks;
  for (const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
    if (task.path().filename() == std::to_string(gettid())) continue;
    std::ifstream status(task.path() / "status");
    for (std::string line; std::getline(status, line);) {
      if (line.starts_with("SigBlk:")) masks.push_back(std::stoull(line.substr(7), nullptr, 16));
    }
  }
  return masks;
}

TEST(ScratchDrops, TheDropThreadNeverTakesAStopSignal) {
  // A SIGINT delivered to the drop thread would end the process mid-commit: it blocks them.
  // While glibc starts a thread every signal is blocked in it for a moment; the mask read is the
  // first one after that (the thread connects and drops for milliseconds more).
  unsigned long long stops = (1ull << (SIGINT - 1)) | (1ull << (SIGTERM - 1));
  ScratchDrops drops;
  auto scratch = std::make_unique<ScratchDatabase>(test::server_url());
  std::string name = scratch->name();
  drops.drop_later(std::move(scratch));
  unsigned long long starting = ~((1ull << (SIGKILL - 1)) | (1ull << (SIGSTOP - 1)));
  std::optional<unsigned long long> settled;
  for (int i = 0; i < 2000 && !settled; ++i) {
    for (unsigned long long mask : other_threads_blocked_signals()) {
      if (mask != starting) settled = mask;
    }
    if (!settled) usleep(50);
  }
  drops.wait();
  ASSERT_TRUE(settled) << "the drop thread was not seen running";
  EXPECT_EQ(*settled & stops, stops) << std::hex << *settled;
  EXPECT_FALSE(database_exists(name));
  sigset_t mine;
  pthread_sigmask(SIG_BLOCK, nullptr, &mine);
  EXPECT_FALSE(sigismember(&mine, SIGINT));  // the caller's mask is as it was
}

TEST(ScratchDatabase, TwoAtOnceHaveDifferentNames) {
  ScratchDatabase a(test::server_url());
  ScratchDatabase b(test::server_url());
  EXPECT_NE(a.name(), b.name());
}

TEST(ScratchDatabase, CannotBeCreatedOnAnUnreachableServer) {
  EXPECT_THROW(ScratchDatabase("postgresql://nobody@127.0.0.1:1/x?connect_timeout=2"),
               DatabaseError);
}

TEST(DropStaleScratchDatabases, DropsThoseOfDeadProcessesNoOneUses) {
  std::string stale = std::string(kScratchPrefix) + "999999999_0badf00d";
  std::string mine = std::string(kScratchPrefix) + std::to_string(getpid()) + "_0badf00d";
  std::string in_use = std::string(kScratchPrefix) + "999999998_0badf00d";
  std::string not_ours = std::string(kScratchPrefix) + "run_enums_999999997_0";
  pqxx::connection admin(test::server_url());
  auto create = [&](const std::string& name) {
    pqxx::nontransaction tx(admin);
    tx.exec("DROP DATABASE IF EXISTS " + tx.quote_name(name));
    tx.exec("CREATE DATABASE " + tx.quote_name(name));
  };
  // Tests running beside this one drop stale scratch databases too (every scratch replay starts
  // so), and may take `stale` first, or drop one a killed test left: a call must drop `stale`,
  // and never one in use, of this process or not the tool's. Tried again when another took it.
  auto dropped_by_a_call = [&](const std::string& name) {
    for (int attempt = 0; attempt < 5; ++attempt) {
      create(name);
      Strings dropped = drop_stale_scratch_databases(test::server_url());
      EXPECT_FALSE(database_exists(name));
      for (const auto& kept : {mine, not_ours})
        EXPECT_EQ(std::count(dropped.begin(), dropped.end(), kept), 0);
      if (std::count(dropped.begin(), dropped.end(), name) == 1) return true;
    }
    return false;
  };
  for (const auto& name : {mine, not_ours}) create(name);
  {
    create(in_use);
    pqxx::connection user(test::with_database(test::server_url(), in_use));
    EXPECT_TRUE(dropped_by_a_call(stale));
    EXPECT_TRUE(database_exists(in_use));
  }
  EXPECT_TRUE(database_exists(mine));
  EXPECT_TRUE(database_exists(not_ours));
  EXPECT_TRUE(dropped_by_a_call(in_use));  // no longer in use
  pqxx::nontransaction(admin).exec("DROP DATABASE " + admin.quote_name(mine));
  pqxx::nontransaction(admin).exec("DROP DATABASE " + admin.quote_name(not_ours));
}

// --- replay ---------------------------------------------------------------------------------

TEST(ScratchReplay, BuildsTheSchemaTheRevisionsDescribe) {
  Schema schema = replay_in_scratch(test::server_url(), chain());

  ASSERT_EQ(schema.enums.size(), 1u);
  EXPECT_EQ(schema.enums[0].name, in_public("status"));
  EXPECT_EQ(schema.enums[0].values, (Strings{"active", "closed", "disabled"}));

  ASSERT_EQ(schema.sequences.size(), 1u);
  const Sequence& sequence = schema.sequences[0];
  EXPECT_EQ(sequence.name, in_public("account_id_seq"));
  EXPECT_EQ(sequence.data_type, "integer");
  EXPECT_EQ(sequence.max_value, 2147483647);
  EXPECT_EQ(sequence.owned_by_table, "account");
  EXPECT_EQ(sequence.owned_by_column, "id");

  ASSERT_EQ(schema.tables.size(), 2u);
  const Table& account = schema.tables[0];
  EXPECT_EQ(account.name, in_public("account"));
  EXPECT_EQ(account.comment, std::nullopt);
  ASSERT_EQ(account.columns.size(), 4u);
  EXPECT_EQ(account.columns[0].name, "id");
  EXPECT_EQ(account.columns[0].type, "integer");
  EXPECT_FALSE(account.columns[0].nullable);
  EXPECT_EQ(account.columns[0].default_value, "nextval('public.account_id_seq'::regclass)");
  EXPECT_EQ(account.columns[1].name, "Login");
  EXPECT_EQ(account.columns[1].type, "character varying(255)");
  EXPECT_EQ(account.columns[1].comment, "login");
  EXPECT_EQ(account.columns[2].type, "public.status");
  EXPECT_EQ(account.columns[2].default_value, "'active'::public.status");
  EXPECT_EQ(account.columns[3].name, "balance");
  EXPECT_EQ(account.columns[3].type, "bigint");
  EXPECT_EQ(account.columns[3].default_value, "0");
  EXPECT_FALSE(account.columns[3].nullable);
  ASSERT_EQ(account.constraints.size(), 1u);
  EXPECT_EQ(account.constraints[0].name, "account_pkey");

  const Table& charge = schema.tables[1];
  EXPECT_EQ(charge.name, in_public("charge"));
  ASSERT_EQ(charge.columns.size(), 3u);
  EXPECT_EQ(charge.columns[0].identity, "by default");
  EXPECT_EQ(charge.columns[2].type, "numeric(10,2)");
  ASSERT_EQ(charge.constraints.size(), 3u);
  const Constraint* check = find_constraint(charge, "ck_amount");
  ASSERT_NE(check, nullptr);
  EXPECT_EQ(check->kind, Constraint::Kind::kCheck);
  EXPECT_EQ(check->definition, "CHECK ((amount >= (0)::numeric))");
  const Constraint* fk = find_constraint(charge, "fk_payment_account");
  ASSERT_NE(fk, nullptr);
  EXPECT_EQ(fk->columns, Strings{"account_id"});
  EXPECT_EQ(fk->references, in_public("account"));
  EXPECT_EQ(fk->referenced_columns, Strings{"id"});
  EXPECT_EQ(fk->on_delete, "CASCADE");
  ASSERT_NE(find_constraint(charge, "payment_pkey"), nullptr);  // rename keeps old names
  ASSERT_EQ(charge.indexes.size(), 1u);
  EXPECT_EQ(charge.indexes[0].name, "ix_payment_account");
  EXPECT_EQ(charge.indexes[0].where, "amount IS NOT NULL");
  EXPECT_EQ(charge.indexes[0].keys[0], "account_id");

  EXPECT_TRUE(my_scratch_databases().empty());
}

TEST(ScratchReplay, DowngradesBackToAnEmptyDatabase) {
  RoundTrip trip = replay_round_trip(test::server_url(), chain());
  EXPECT_EQ(trip.head.tables.size(), 2u);
  EXPECT_EQ(trip.base, Schema{});
  EXPECT_TRUE(my_scratch_databases().empty());
}

TEST(ScratchReplay, ReadsBackOnlyTheSchemasAskedFor) {
  std::vector<RevisionOps> revisions = {
      RevisionBuilder("0001", "versions/0001.py")
          .up(CreateSchema{"audit"})
          .up(CreateTable{Table{{"audit", "log"}, {column("id", "integer")}, {}, {}, {}}})
          .up(CreateTable{Table{in_public("t"), {column("id", "integer")}, {}, {}, {}}})
          .ops};
  ReplayOptions options;
  options.introspect.schemas = {"audit"};
  Schema schema = replay_in_scratch(test::server_url(), revisions, options);
  ASSERT_EQ(schema.tables.size(), 1u);
  EXPECT_EQ(schema.tables[0].name, (QualifiedName{"audit", "log"}));
}

RevisionOps failing_revision() {
  AlterColumn not_null;
  not_null.table = in_public("account");
  not_null.column = "nme";
  not_null.nullable = false;
  RevisionBuilder builder("0002", "versions/0002_bad.py");
  builder.up(AddColumn{in_public("account"), column("name", "text")});
  builder.line = 13;
  builder.up(AlterColumn{not_null});
  builder.up(DropColumn{in_public("account"), "name"});
  return builder.ops;
}

TEST(ScratchReplay, AFailingStatementNamesTheFileLineSqlAndPostgresMessage) {
  try {
    replay_in_scratch(test::server_url(), {base_revision(), failing_revision()});
    FAIL() << "expected a ReplayError";
  } catch (const ReplayError& error) {
    EXPECT_EQ(std::string(error.what()),
              "versions/0002_bad.py:14:5: upgrade of revision 0002 failed: column \"nme\" of "
              "relation \"account\" does not exist\n"
              "    ALTER TABLE account ALTER COLUMN nme SET NOT NULL");
    EXPECT_EQ(error.where(), (SourceLocation{"versions/0002_bad.py", 14, 5}));
    EXPECT_EQ(error.revision(), "0002");
    EXPECT_EQ(error.reason(), "column \"nme\" of relation \"account\" does not exist");
    EXPECT_EQ(error.sql(), "ALTER TABLE account ALTER COLUMN nme SET NOT NULL");
  }
  EXPECT_TRUE(my_scratch_databases().empty());
}

TEST(ScratchReplay, AFailedRevisionIsRolledBackWhileEarlierOnesStay) {
  ScratchDatabase scratch(test::server_url());
  EXPECT_THROW(run_upgrades(scratch.connection(), {base_revision(), failing_revision()}),
               ReplayError);
  Schema schema = introspect(scratch.connection(), {}).schema;
  ASSERT_EQ(schema.tables.size(), 1u);
  EXPECT_EQ(schema.tables[0].columns.size(), 3u);  // no "name": 0002 rolled back
}

TEST(ScratchReplay, AnOpWithoutLocationIsBlamedOnTheRevisionFile) {
  RevisionOps revision;
  revision.revision = "0009";
  revision.path = "versions/0009_x.py";
  revision.upgrade.push_back({DropTable{in_public("ghost")}, {}, false});
  try {
    replay_in_scratch(test::server_url(), {revision});
    FAIL() << "expected a ReplayError";
  } catch (const ReplayError& error) {
    EXPECT_EQ(std::string(error.what()),
              "versions/0009_x.py: upgrade of revision 0009 failed: table \"ghost\" does not "
              "exist\n    DROP TABLE ghost");
  }
}

TEST(ScratchReplay, DetailAndHintFollowThePrimaryMessage) {
  RevisionOps revision =
      RevisionBuilder("0001", "versions/0001.py")
          .up(CreateTable{Table{in_public("t"), {column("a", "integer")}}})
          .up(Execute{"INSERT INTO t VALUES (1), (1)"})
          .up(AddConstraint{in_public("t"), constraint(Constraint::Kind::kUnique, "uq_a", {"a"})})
          .ops;
  try {
    replay_in_scratch(test::server_url(), {revision});
    FAIL() << "expected a ReplayError";
  } catch (const ReplayError& error) {
    EXPECT_EQ(error.reason(),
              "could not create unique index \"uq_a\"\nDETAIL:  Key (a)=(1) is duplicated.");
    EXPECT_EQ(error.where().line, 13);
  }
}

TEST(ScratchReplay, AnOpNoSqlCanExpressIsReportedAtItsLine) {
  RevisionOps revision =
      RevisionBuilder("0001", "versions/0001.py").up(DropConstraint{in_public("t"), ""}).ops;
  try {
    replay_in_scratch(test::server_url(), {revision});
    FAIL() << "expected a ReplayError";
  } catch (const ReplayError& error) {
    EXPECT_EQ(std::string(error.what()),
              "versions/0001.py:11:5: upgrade of revision 0001 cannot be run: cannot drop an "
              "unnamed constraint of table t");
  }
  EXPECT_TRUE(my_scratch_databases().empty());
}

TEST(ScratchReplay, DeferredConstraintsFailingAtCommitNameTheRevision) {
  Table t{in_public("t"), {column("id", "integer", false), column("parent", "integer")}};
  t.constraints = {constraint(Constraint::Kind::kPrimaryKey, "t_pkey", {"id"})};
  Constraint fk = constraint(Constraint::Kind::kForeignKey, "fk_parent", {"parent"});
  fk.references = in_public("t");
  fk.referenced_columns = {"id"};
  fk.deferrable = true;
  fk.initially_deferred = true;
  t.constraints.push_back(fk);
  RevisionOps revision = RevisionBuilder("0001", "versions/0001.py")
                             .up(CreateTable{t})
                             .up(Execute{"INSERT INTO t VALUES (1, 2)"})
                             .ops;
  try {
    replay_in_scratch(test::server_url(), {revision});
    FAIL() << "expected a ReplayError";
  } catch (const ReplayError& error) {
    EXPECT_EQ(error.where(), (SourceLocation{"versions/0001.py", 0, 0}));
    EXPECT_EQ(error.sql(), "COMMIT");
    EXPECT_EQ(error.reason(),
              "insert or update on table \"t\" violates foreign key constraint \"fk_parent\"\n"
              "DETAIL:  Key (parent)=(2) is not present in table \"t\".");
  }
}

RevisionOps add_value_then_use(bool autocommit) {
  return RevisionBuilder("0003", "versions/0003.py")
      .up(AddEnumValue{in_public("status"), "closed"}, autocommit)
      .up(Execute{"UPDATE account SET status = 'closed'"})
      .ops;
}

TEST(ScratchReplay, AutocommitOpsRunOutsideTheRevisionsTransaction) {
  Schema schema =
      replay_in_scratch(test::server_url(), {base_revision(), add_value_then_use(true)});
  EXPECT_EQ(schema.enums[0].values, (Strings{"active", "disabled", "closed"}));
}

TEST(ScratchReplay, ANewEnumValueCannotBeUsedInTheSameTransaction) {
  // Like Alembic, which would fail the same way without autocommit_block().
  try {
    replay_in_scratch(test::server_url(), {base_revision(), add_value_then_use(false)});
    FAIL() << "expected a ReplayError";
  } catch (const ReplayError& error) {
    EXPECT_EQ(error.where().line, 12);
    EXPECT_EQ(error.reason(),
              "unsafe use of new value \"closed\" of enum type status\n"
              "HINT:  New enum values must be committed before they can be used.");
  }
}

TEST(ScratchReplay, ASingleTransactionSpansRevisionsLikeAlembicsDefault) {
  RevisionOps add = RevisionBuilder("0003", "versions/0003.py")
                        .up(AddEnumValue{in_public("status"), "closed"})
                        .ops;
  RevisionOps use = RevisionBuilder("0004", "versions/0004.py")
                        .up(Execute{"UPDATE account SET status = 'closed'"})
                        .ops;
  EXPECT_NO_THROW(replay_in_scratch(test::server_url(), {base_revision(), add, use}));
  ReplayOptions alembic_default;
  alembic_default.single_transaction = true;
  try {
    replay_in_scratch(test::server_url(), {base_revision(), add, use}, alembic_default);
    FAIL() << "expected a ReplayError";
  } catch (const ReplayError& error) {
    EXPECT_EQ(error.revision(), "0004");
    EXPECT_EQ(error.where(), (SourceLocation{"versions/0004.py", 11, 5}));
  }
  EXPECT_TRUE(my_scratch_databases().empty());
}

TEST(ReplaySql, IsTheWholeUpgradeAsOneScript) {
  std::vector<RevisionOps> revisions = {
      RevisionBuilder("0001", "versions/0001_a.py")
          .up(CreateEnum{{in_public("status"), {"a"}}})
          .up(CreateTable{Table{in_public("t"), {column("s", "status")}}})
          .ops,
      RevisionBuilder("0002", "versions/0002_b.py")
          .up(AddEnumValue{in_public("status"), "b"}, true)
          .up(Execute{"UPDATE t SET s = 'b' -- all"})
          .ops,
      RevisionBuilder("0003", "versions/0003_c.py").ops,
  };
  EXPECT_EQ(replay_sql(revisions),
            "-- Running upgrade 0001 (versions/0001_a.py)\n\n"
            "BEGIN;\n\n"
            "CREATE TYPE status AS ENUM ('a');\n\n"
            "CREATE TABLE t (\n    s status\n);\n\n"
            "COMMIT;\n\n"
            "-- Running upgrade 0002 (versions/0002_b.py)\n\n"
            "ALTER TYPE status ADD VALUE 'b';\n\n"
            "BEGIN;\n\n"
            "UPDATE t SET s = 'b' -- all\n;\n\n"
            "COMMIT;\n\n"
            "-- Running upgrade 0003 (versions/0003_c.py)\n\n");
  ReplayOptions one;
  one.single_transaction = true;
  std::string single = replay_sql({revisions[0], revisions[0]}, one);
  EXPECT_EQ(single.find("COMMIT;"), single.rfind("COMMIT;"));
}

}  // namespace
}  // namespace asq
