#include "cli/options.h"

#include <algorithm>
#include <boost/program_options.hpp>
#include <sstream>

#include "common/errors.h"

namespace asq {
namespace po = boost::program_options;

bool Invocation::has(const std::string& name) const {
  return std::any_of(options.begin(), options.end(), [&](auto& o) { return o.first == name; });
}

std::string Invocation::value(const std::string& name, const std::string& fallback) const {
  for (const auto& [key, v] : options) {
    if (key == name) return v;
  }
  return fallback;
}

std::vector<std::string> Invocation::values(const std::string& name) const {
  std::vector<std::string> out;
  for (const auto& [key, v] : options) {
    if (key == name) out.push_back(v);
  }
  return out;
}

namespace {

/// --fill, on plan and squash.
CommandOption fill_option() {
  return {"fill", true,
          "TABLE.COLUMN=SQL: the value existing rows get when the sync revision adds this NOT "
          "NULL column (repeatable; also [fill] in squash.toml)",
          true};
}

/// --privileges, on every command that reads or compares schemas.
CommandOption privileges_option() {
  return {"privileges", false,
          "owners and privileges are part of the schema (default: left out, as "
          "environment-specific)"};
}

/// --replay-engine, on every command that replays the old chain.
CommandOption replay_engine_option() {
  return {"replay-engine", true,
          "auto (default), builtin or alembic: how the old chain is replayed (builtin: the "
          "tool's own reader; alembic: the real Alembic of your Python; auto: builtin when it "
          "reads every revision)"};
}

/// --scratch-replay, next to --replay-engine.
CommandOption scratch_replay_option() {
  return {"scratch-replay", false,
          "replay the built-in reader's ops of the old chain in a scratch database even when "
          "the in-memory engine models every one (default: in memory then)"};
}

}  // namespace

const std::vector<CommandSpec>& command_specs() {
  static const std::vector<CommandSpec> specs = {
      {"history",
       "history",
       "revisions from newest to base, branches and merges marked",
       {},
       0,
       "0 listed, 2 usage error or a revision file that does not parse",
       "alembic-squash history -v"},
      {"heads",
       "heads",
       "the head revisions",
       {},
       0,
       "0 listed, 2 usage error or a revision file that does not parse",
       "alembic-squash heads --json"},
      {"doctor",
       "doctor [--no-database] [--replay] [--strict]",
       "chain faults, stale __pycache__, the version table against the files (and which "
       "revision the schema is at when the table cannot say), what squash will need; each with "
       "a fix",
       {{"no-database", false, "check the files only, even when a database URL is configured"},
        {"replay", false, "replay the chain in memory and list what the engine does not model"},
        {"strict", false, "warnings fail too (exit 3): for a CI gate"}},
       0,
       "0 healthy, 2 usage or config error, 3 errors found (with --strict: warnings too), 4 "
       "database unreachable",
       "alembic-squash doctor --strict"},
      {"snapshot",
       "snapshot [--from SRC] [--out FILE] [--privileges] [--replay-engine E] [--scratch-replay]",
       "a schema as JSON; SRC = live (default), chain, chain@REV or a snapshot file",
       {{"from", true, "live, chain, chain@REV or a snapshot file"},
        {"out", true, "where to write (default: standard output)"},
        privileges_option(),
        replay_engine_option(),
        scratch_replay_option()},
       0,
       "0 written, 2 usage error or a source that does not parse, 4 database unreachable, 5 "
       "refused",
       "alembic-squash snapshot --from chain --out chain.json"},
      {"diff",
       "diff SRC_A SRC_B [--markdown] [--privileges] [--replay-engine E] [--scratch-replay]",
       "audit diff of two schemas (live, chain, chain@REV or a snapshot file); 1 when they differ",
       {{"markdown", false, "Markdown for a review or an audit record"},
        privileges_option(),
        replay_engine_option(),
        scratch_replay_option()},
       2,
       "0 the same, 1 they differ, 2 usage error, 4 database unreachable, 5 refused",
       "alembic-squash diff chain live --markdown"},
      {"plan",
       "plan [--sql] [--fail-on hazard] [--through REV] [--revision-id ID] [--message M] "
       "[--date D] [--fill T.C=SQL]... [--privileges] [--replay-engine E] [--scratch-replay]",
       "everything squash would do; changes nothing (for adopt: adopt --plan)",
       {{"sql", false, "print the new chain as PostgreSQL DDL"},
        {"fail-on", true,
         "hazard: exit 6 when the plan has a hazard (a destructive change), after printing it"},
        {"through", true, "replace base..REV only; later revisions stay, re-pointed"},
        {"revision-id", true,
         "id of the sync revision (default: derived from the replaced revisions and the live "
         "schema)"},
        {"message", true, "message of the sync revision"},
        {"date", true, "Create Date of the new files (default: now, UTC)"},
        fill_option(),
        privileges_option(),
        replay_engine_option(),
        scratch_replay_option()},
       0,
       "0 planned, 2 usage or config error, 4 database unreachable, 5 refused (the reason is "
       "given), 6 hazards found "
       "(--fail-on hazard)",
       "alembic-squash plan --fail-on hazard"},
      {"squash",
       "squash [--yes] [--through REV] [--revision-id ID] [--message M] [--date D] "
       "[--fill T.C=SQL]... [--privileges] [--replay-engine E] [--scratch-replay]",
       "replace the history by 001_initial_schema (+ a sync revision), verified first",
       {{"yes", false, "do not ask for confirmation"},
        {"through", true, "replace base..REV only; later revisions stay, re-pointed"},
        {"revision-id", true,
         "id of the sync revision (default: derived from the replaced revisions and the live "
         "schema)"},
        {"message", true, "message of the sync revision"},
        {"date", true, "Create Date of the new files (default: now, UTC)"},
        fill_option(),
        privileges_option(),
        replay_engine_option(),
        scratch_replay_option()},
       0,
       "0 squashed, 2 usage or config error, 4 database unreachable, 5 refused or not confirmed "
       "(nothing changed)",
       "alembic-squash squash --yes --archive-dir ../squash-archive"},
      {"adopt",
       "adopt [URL...] [--targets-file FILE] [--schemas S1,S2] [--jobs N] [--assume REV] "
       "[--no-migrate] [--plan] [--privileges]",
       "bring other databases (at old revisions) onto the squashed chain, each in one transaction",
       {{"targets-file", true, "a file of database URLs, one per line"},
        {"schemas", true,
         "schema-per-tenant: each of these schemas of each database is a target, with its own "
         "version table"},
        {"jobs", true,
         "targets adopted at once, each on its own connection (default 4; fewer when a "
         "server has fewer connections to spare)"},
        {"plan", false, "do everything, roll each target back: what adopt would do"},
        {"assume", true, "revision to take a database with an unknown version row to be at"},
        {"no-migrate", false, "refuse databases behind the replaced head instead of migrating"},
        privileges_option()},
       10000,
       "0 every target done, 2 usage or config error, 4 only unreachable ones failed, 5 one "
       "refused or interrupted",
       "alembic-squash adopt --plan postgresql://staging/app"},
      {"verify",
       "verify [--privileges]",
       "replay the versions folder in a scratch database, diff with live",
       {privileges_option()},
       0,
       "0 the same, 1 they differ, 2 usage or config error, 4 database unreachable, 5 "
       "refused",
       "alembic-squash verify"},
      {"restore",
       "restore [BACKUP_DIR] [--files-only]",
       "undo a squash from its manifest (default: the newest backup)",
       {{"files-only", false,
         "put the files back but leave the version table alone (never connects)"}},
       1,
       "0 restored, 2 usage error, 4 database unreachable, 5 a file changed since the squash, 7 "
       "nothing to "
       "undo",
       "alembic-squash restore --files-only"},
      {"help",
       "help [COMMAND]",
       "this help, or a command's",
       {},
       1,
       "0 shown, 2 an unknown command",
       "alembic-squash help squash"},
  };
  return specs;
}

namespace {

po::options_description global_options() {
  po::options_description global("Global options (before or after the command)");
  global.add_options()("config", po::value<std::string>(),
                       "squash.toml to use (default: ./squash.toml)")(
      "database-url", po::value<std::vector<std::string>>()->composing(),
      "the live database (SQLAlchemy or libpq URL); adopt takes several")(
      "ini,c", po::value<std::string>(),
      "alembic.ini to read (default: ./alembic.ini); -c is Alembic's spelling")(
      "name,n", po::value<std::string>(),
      "the section of alembic.ini to read (default: alembic), as Alembic's -n")(
      "versions", po::value<std::string>(), "the versions folder (overrides alembic.ini)")(
      "archive-dir", po::value<std::string>(),
      "where squash archives the old files (overrides squash.toml's archive_dir)")(
      "scratch-url", po::value<std::string>(),
      "server where scratch databases are created (overrides squash.toml's scratch_url)")(
      ",x", po::value<std::vector<std::string>>()->composing(),
      "KEY=VALUE for the real Alembic where the tool runs it, as Alembic's -x (repeatable)")(
      "json", "machine-readable output")("quiet,q", "only errors (and what the command prints)")(
      "verbose,v", "more detail; the time of each stage (plan, squash)")("help,h", "this help")(
      "version", "print the version");
  return global;
}

constexpr const char* kExitCodes =
    "Exit codes: 0 ok, 1 differ, 2 usage/config, 3 faults found, 4 database unreachable, 5 "
    "refused for safety, 6 hazards found (plan --fail-on hazard), 7 nothing to undo (restore).";

/// A command's own options, as boost lays them out (aligned, wrapped).
po::options_description command_options(const CommandSpec& spec) {
  po::options_description options("Options of " + spec.name);
  for (const auto& option : spec.options) {
    if (option.repeatable) {
      options.add_options()(option.name.c_str(), po::value<std::vector<std::string>>()->composing(),
                            option.help.c_str());
    } else if (option.takes_value) {
      options.add_options()(option.name.c_str(), po::value<std::string>(), option.help.c_str());
    } else {
      options.add_options()(option.name.c_str(), option.help.c_str());
    }
  }
  return options;
}

/// `text` broken into lines of at most 80 columns at spaces.
std::string wrapped(const std::string& text) {
  std::istringstream words(text);
  std::string out, line;
  for (std::string word; words >> word;) {
    if (!line.empty() && line.size() + 1 + word.size() > 80) {
      out += line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  return out + line + "\n";
}

const CommandSpec* find_spec(const std::string& name) {
  for (const auto& spec : command_specs()) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

}  // namespace

std::string usage_text(const std::string& command) {
  std::ostringstream out;
  if (!command.empty()) {
    const CommandSpec* spec = find_spec(command);
    if (!spec) throw UsageError("unknown command '" + command + "' (see --help for the commands)");
    out << "usage: alembic-squash [options] " << spec->synopsis << "\n\n" << spec->summary << "\n";
    if (!spec->options.empty()) out << "\n" << command_options(*spec);
    out << "\n"
        << global_options() << "\n"
        << wrapped("Exit codes: " + spec->exits + ".") << "\nExample:\n  " << spec->example << "\n";
    return out.str();
  }
  out << "usage: alembic-squash [options] COMMAND [args]\n\n"
      << "Squashes a fragmented Alembic history on PostgreSQL into one baseline; diagnoses\n"
      << "broken revision chains. `alembic-squash help COMMAND` (or `COMMAND --help`) shows a\n"
      << "command's options, exit codes and an example.\n\n"
      << "Commands:\n";
  for (const auto& spec : command_specs()) {
    out << "  " << spec.name << std::string(spec.name.size() < 10 ? 10 - spec.name.size() : 1, ' ')
        << spec.summary << "\n";
  }
  out << "\n" << global_options() << "\n" << wrapped(kExitCodes);
  return out.str();
}

Invocation parse_command_line(int argc, const char* const* argv) {
  Invocation invocation;
  po::options_description global = global_options();
  po::options_description hidden;
  hidden.add_options()("command", po::value<std::string>())("args",
                                                            po::value<std::vector<std::string>>());
  po::positional_options_description positional;
  positional.add("command", 1).add("args", -1);
  po::options_description first_pass;
  first_pass.add(global).add(hidden);
  try {
    po::variables_map vm;
    po::store(po::command_line_parser(argc, argv)
                  .options(first_pass)
                  .positional(positional)
                  .allow_unregistered()
                  .run(),
              vm);
    if (vm.count("command")) invocation.command = vm["command"].as<std::string>();
    const CommandSpec* spec = find_spec(invocation.command);
    if (!invocation.command.empty() && !spec) {
      throw UsageError("unknown command '" + invocation.command +
                       "' (see --help for the commands)");
    }
    po::options_description all;
    all.add(global).add(hidden);
    if (spec) all.add(command_options(*spec));
    vm = {};
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    po::notify(vm);
    auto text = [&](const char* name) -> std::optional<std::string> {
      if (!vm.count(name)) return std::nullopt;
      return vm[name].as<std::string>();
    };
    if (vm.count("database-url")) {
      invocation.database_urls = vm["database-url"].as<std::vector<std::string>>();
    }
    if (invocation.database_urls.size() > 1 && invocation.command != "adopt") {
      throw UsageError("--database-url is given " +
                       std::to_string(invocation.database_urls.size()) +
                       " times; only adopt takes several");
    }
    std::optional<std::string> database_url;
    if (!invocation.database_urls.empty()) database_url = invocation.database_urls.front();
    invocation.flags = {text("config"),
                        database_url,
                        text("ini"),
                        text("versions"),
                        spec && vm.count("privileges") > 0,
                        text("replay-engine"),
                        spec && vm.count("scratch-replay") > 0,
                        text("archive-dir"),
                        text("scratch-url"),
                        {},
                        text("name")};
    if (vm.count("-x")) invocation.flags.x_arguments = vm["-x"].as<std::vector<std::string>>();
    invocation.json = vm.count("json") > 0;
    invocation.verbosity = vm.count("quiet") ? -1 : vm.count("verbose") ? 1 : 0;
    invocation.help = vm.count("help") > 0;
    invocation.version = vm.count("version") > 0;
    if (vm.count("args")) invocation.arguments = vm["args"].as<std::vector<std::string>>();
    if (spec) {
      for (const auto& option : spec->options) {
        if (!vm.count(option.name)) continue;
        if (option.repeatable) {
          for (const auto& v : vm[option.name].as<std::vector<std::string>>()) {
            invocation.options.emplace_back(option.name, v);
          }
          continue;
        }
        invocation.options.emplace_back(
            option.name, option.takes_value ? vm[option.name].as<std::string>() : "true");
      }
      if (static_cast<int>(invocation.arguments.size()) > spec->max_arguments) {
        throw UsageError("too many arguments for '" + spec->name + "': usage: alembic-squash " +
                         spec->synopsis);
      }
    }
  } catch (const po::error& error) {
    throw UsageError(error.what());
  }
  return invocation;
}

}  // namespace asq
