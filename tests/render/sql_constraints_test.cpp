// The one constraint writer (render/sql_constraints.h) against PostgreSQL 15: a constraint built
// from its fields is spelled as pg_get_constraintdef prints it.

#include "render/sql_constraints.h"

#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "support/postgres.h"

namespace asq {
namespace {

Constraint foreign_key(const std::string& name, const std::string& on_update,
                       const std::string& on_delete) {
  Constraint k;
  k.kind = Constraint::Kind::kForeignKey;
  k.name = name;
  k.columns = {"parent_id"};
  k.references = {"public", "node"};
  k.referenced_columns = {"id"};
  k.on_update = on_update;
  k.on_delete = on_delete;
  return k;
}

TEST(SqlConstraints, ForeignKeyIsWrittenAsPgGetConstraintdefPrintsIt) {
  Constraint both = foreign_key("fk_both", "SET NULL", "CASCADE");
  both.deferrable = true;
  both.initially_deferred = true;
  std::vector<Constraint> constraints = {both, foreign_key("fk_update", "CASCADE", "NO ACTION"),
                                         foreign_key("fk_none", "NO ACTION", "NO ACTION")};
  EXPECT_EQ(constraint_clause(both),
            "CONSTRAINT fk_both FOREIGN KEY (parent_id) REFERENCES node(id) ON UPDATE SET NULL "
            "ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED");

  test::TestDatabase db("sql_constraints");
  std::string sql = "CREATE TABLE node (id integer PRIMARY KEY, parent_id integer);";
  for (const Constraint& k : constraints) {
    sql += "ALTER TABLE node ADD " + constraint_clause(k) + ";";
  }
  db.execute(sql);
  pqxx::connection connection(db.url());
  pqxx::work work(connection);
  for (const Constraint& k : constraints) {
    pqxx::row printed =
        work.exec1("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = " +
                   work.quote(k.name));
    EXPECT_EQ(constraint_definition(k), printed[0].as<std::string>());
  }
}

TEST(SqlConstraints, ExclusionWithoutDefinitionIsRefused) {
  Constraint k;
  k.kind = Constraint::Kind::kExclusion;
  k.name = "ex_room";
  EXPECT_THROW(constraint_definition(k), std::invalid_argument);
}

}  // namespace
}  // namespace asq
