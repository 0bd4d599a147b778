// The --json contract (issue 13): every command's output, and the errors, validate against the
// JSON Schema in docs/json/alembic-squash.schema.json (checked with python3-jsonschema through
// tests/support/validate_json.py). Every command that --help lists is run at least once.

#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <sstream>

#include "common/json.h"
#include "support/postgres.h"
#include "support/process.h"

namespace asq {
namespace {

namespace fs = std::filesystem;
using test::ProcessResult;
using test::source_path;
using test::TempDir;
using test::TestDatabase;

/// The commands `alembic-squash --help` lists.
std::set<std::string> commands_in_help() {
  ProcessResult help = test::run_tool({"--help"});
  std::set<std::string> commands;
  std::istringstream lines(help.out);
  bool in_list = false;
  for (std::string line; std::getline(lines, line);) {
    if (line == "Commands:") {
      in_list = true;
    } else if (in_list && line.rfind("  ", 0) == 0) {
      commands.insert(line.substr(2, line.find(' ', 2) - 2));
    } else if (in_list) {
      break;
    }
  }
  return commands;
}

class JsonContract : public testing::Test {
 protected:
  void SetUp() override {
    test::copy_tree(source_path("fixtures/seed16"), project_);
    live_.run_sql_file(source_path("fixtures/seed16/state.sql"));
  }
  /// Runs `--json args`, expects `exit_code` and one JSON document on stdout; keeps it.
  void run(std::vector<std::string> args, int exit_code, bool with_database = true) {
    args.insert(args.begin(), "--json");
    std::map<std::string, std::string> env;
    if (with_database) env["DATABASE_URL"] = live_.url();
    ProcessResult result = test::run_tool(args, project_, env);
    std::string line;
    for (const auto& a : args) line += " " + a;
    ASSERT_EQ(result.exit_code, exit_code) << line << "\n" << result.out << result.err;
    Json document = Json::parse(result.out, "stdout of" + line);
    ASSERT_TRUE(document.is_object()) << line;
    EXPECT_EQ(document.find("exit_code")->as_int(), exit_code) << line;
    if (const Json* command = document.find("command"); command && command->is_string()) {
      covered_.insert(command->as_string());
    }
    std::string file = outputs_ / ("output" + std::to_string(++count_) + ".json");
    test::write_text(file, result.out);
    lines_[file] = line;
  }
  /// Validates every kept document against the schema; names each violation.
  void expect_all_valid() {
    std::vector<std::string> argv = {"/usr/bin/python3",
                                     source_path("tests/support/validate_json.py"),
                                     source_path("docs/json/alembic-squash.schema.json")};
    for (const auto& [file, line] : lines_) argv.push_back(file);
    ProcessResult result = test::run_process(argv);
    std::string named = result.out;
    for (const auto& [file, line] : lines_) {
      for (size_t at; (at = named.find(file)) != std::string::npos;) {
        named.replace(at, file.size(), "alembic-squash" + line);
      }
    }
    EXPECT_EQ(result.exit_code, 0) << named << result.err;
  }
  TempDir dir_;
  TempDir outputs_;
  std::string project_ = dir_ / "seed16";
  TestDatabase live_{"json_live"};
  std::set<std::string> covered_;
  std::map<std::string, std::string> lines_;
  int count_ = 0;
};

TEST_F(JsonContract, EveryCommandAndEveryErrorFollowsTheSchema) {
  run({"history"}, 0);
  run({"heads"}, 0);
  run({"doctor", "--no-database"}, 3);
  run({"doctor"}, 3);
  run({"doctor", "--replay", "--no-database"}, 3);
  run({"snapshot", "--from", "chain"}, 0);
  run({"snapshot", "--from", "chain@26c2c831dc19", "--out", outputs_ / "chain.snapshot"}, 0);
  run({"diff", "chain@26c2c831dc19", "chain"}, 1);
  run({"diff", "chain", outputs_ / "chain.snapshot"}, 1);
  run({"plan"}, 0);
  run({"verify"}, 1);
  run({"squash", "--yes"}, 0);
  run({"verify"}, 0);
  run({"diff", "chain", "live"}, 0);
  run({"adopt", "--plan", live_.url()}, 0);
  run({"restore"}, 0);
  run({"restore"}, 7);  // nothing left to undo
  // errors: usage, database, input (file:line), refused
  run({"no-such-command"}, 2);
  run({"plan", "--fill", "owner_id=0"}, 2);
  run({"squash", "--yes"}, 4, false);  // alembic.ini's sqlalchemy.url: nobody listens there
  test::write_text(project_ + "/squash.toml", "[squash]\narchive_dri = \"x\"\n");
  run({"heads"}, 2);
  fs::remove(project_ + "/squash.toml");
  run({"squash", "--yes"}, 5);  // no fills without squash.toml
  expect_all_valid();
  // `help` prints the help text a person reads; it has no facts for machines.
  std::set<std::string> commands = commands_in_help();
  commands.erase("help");
  EXPECT_EQ(covered_, commands);
}

TEST_F(JsonContract, ChangesAreObjectsAndHeadsAreRevisionsEverywhere) {
  ProcessResult plan =
      test::run_tool({"--json", "plan"}, project_, {{"DATABASE_URL", live_.url()}});
  ASSERT_EQ(plan.exit_code, 0) << plan.err;
  Json json = Json::parse(plan.out, "stdout");
  const Json::Array& changes = json.find("changes")->as_array();
  auto has = [&](const char* action, const char* kind, const char* object, const char* detail) {
    Json change;
    change["action"] = action;
    change["kind"] = kind;
    change["object"] = object;
    change["detail"] = detail;
    return std::find(changes.begin(), changes.end(), change) != changes.end();
  };
  EXPECT_TRUE(has("drop", "table", "item", ""));
  EXPECT_TRUE(has("create", "column", "node.owner_id", "uuid"));
  EXPECT_TRUE(has("alter", "column", "node.owner_id", "NOT NULL"));
  EXPECT_TRUE(has("alter", "column", "repository.url",
                  "type character varying(500) -> character varying(1023)"));
  EXPECT_TRUE(
      has("create", "enum", "credentialcategory", "(github_copilot, cursor, claude, other)"));
  Json data;
  data["action"] = "alter";
  data["kind"] = "data";
  data["object"] = nullptr;
  data["detail"] =
      "UPDATE public.node SET owner_id = (SELECT id FROM \"user\" WHERE is_superuser "
      "ORDER BY email LIMIT 1)";
  EXPECT_NE(std::find(changes.begin(), changes.end(), data), changes.end()) << plan.out;

  std::vector<Json> heads;
  for (const char* command : {"history", "heads", "doctor"}) {
    ProcessResult result = test::run_tool({"--json", command, "--no-database"}, project_);
    if (std::string(command) != "doctor") {
      result = test::run_tool({"--json", command}, project_);
    }
    heads.push_back(*Json::parse(result.out, command).find("heads"));
  }
  EXPECT_EQ(heads[0], heads[1]);
  EXPECT_EQ(heads[1], heads[2]);
  EXPECT_EQ(heads[0].as_array().at(0).find("revision")->as_string(), "7c4d1e9a2b58");
}

}  // namespace
}  // namespace asq
