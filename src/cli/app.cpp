#include "cli/app.h"

#include <unistd.h>

#include <filesystem>
#include <iostream>

#include "cli/colour.h"
#include "cli/context.h"
#include "cli/json_output.h"
#include "cli/options.h"
#include "common/errors.h"
#include "common/source_error.h"

extern char** environ;

namespace asq {

int run_app(const CommandSet& commands, int argc, const char* const* argv,
            const std::map<std::string, std::string>& environment, const std::string& working_dir,
            std::istream* in, std::ostream& out, std::ostream& err, bool out_is_terminal,
            bool err_is_terminal) {
  bool colour_err = wants_colour(err_is_terminal, environment);
  const std::string tool = tinted("alembic-squash:", Tint::kError, colour_err);
  bool json = wants_json(argc, argv);
  std::string command;
  // People read the message on stderr; with --json the same goes to stdout as a document.
  auto stop = [&](int code, const char* kind, const std::string& shown, const std::string& what) {
    err << shown << "\n";
    if (json) out << error_json(command, code, kind, what).dump() << "\n";
    return code;
  };
  try {
    Invocation invocation = parse_command_line(argc, argv);
    command = invocation.command;
    if (invocation.version) {
      out << "alembic-squash " << ASQ_VERSION << "\n";
      return kExitOk;
    }
    if (invocation.help || invocation.command.empty()) {
      (invocation.help ? out : err) << usage_text(invocation.command);
      if (!invocation.help && json) {
        out << error_json("", kExitUsage, "usage", "no command given").dump() << "\n";
      }
      return invocation.help ? kExitOk : kExitUsage;
    }
    if (invocation.command == "help") {
      out << usage_text(invocation.arguments.empty() ? "" : invocation.arguments.front());
      return kExitOk;
    }
    if (commands.hand_over && !commands.runs(invocation.command)) commands.hand_over(argv);
    Config config = load_config(invocation.flags, environment, working_dir);
    if (invocation.verbosity > 0) {
      for (const auto& note : config.notes) err << "note: " << note << "\n";
    }
    CommandContext context{invocation,
                           config,
                           out,
                           err,
                           working_dir,
                           in,
                           err_is_terminal,
                           wants_colour(out_is_terminal, environment),
                           colour_err};
    return commands.run(context);
  } catch (const UsageError& error) {
    return stop(kExitUsage, "usage", tool + " " + error.what(), error.what());
  } catch (const SourceError& error) {
    return stop(kExitUsage, "input", error.what(), error.what());
  } catch (const DriverError& error) {
    return stop(kExitDatabase, "database", tool + " database error: " + error.what(), error.what());
  } catch (const DatabaseError& error) {
    return stop(kExitDatabase, "database", tool + " " + error.what(), error.what());
  } catch (const Interrupted& error) {
    return stop(kExitRefused, "interrupted", tool + " " + error.what(), error.what());
  } catch (const Refused& error) {
    return stop(kExitRefused, "refused", tool + " refused: " + error.what(), error.what());
  } catch (const std::filesystem::filesystem_error& error) {
    return stop(kExitRefused, "refused", tool + " " + error.what(), error.what());
  } catch (const std::exception& error) {
    return stop(kExitRefused, "stopped",
                tool + " stopped: " + error.what() +
                    "\n(a squash puts the files back itself; its backup's manifest.json says how "
                    "far it got, and `alembic-squash restore` finishes or undoes it)",
                error.what());
  }
}

int run_main(const CommandSet& commands, int argc, char** argv) {
  std::map<std::string, std::string> environment;
  for (char** entry = environ; entry && *entry; ++entry) {
    std::string text = *entry;
    size_t eq = text.find('=');
    if (eq != std::string::npos) environment.emplace(text.substr(0, eq), text.substr(eq + 1));
  }
  std::error_code ignored;
  std::string working_dir = std::filesystem::current_path(ignored).string();
  std::istream* in = isatty(0) ? &std::cin : nullptr;
  return run_app(commands, argc, argv, environment, working_dir, in, std::cout, std::cerr,
                 isatty(1), isatty(2));
}

}  // namespace asq
