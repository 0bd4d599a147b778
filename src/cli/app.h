#pragma once

#include <istream>
#include <map>
#include <ostream>
#include <string>

namespace asq {

/// Runs the tool as `main` does, with everything passed in: the arguments, the environment,
/// the working directory and the streams. Catches every error and returns the exit code.
/// `in` is where a confirmation is read from; null when there is no terminal to ask.
/// `out_is_terminal`, `err_is_terminal`: standard output / error is a terminal (progress lines
/// are drawn on it, errors, warnings and hazards coloured unless NO_COLOR is set).
int run_app(int argc, const char* const* argv,
            const std::map<std::string, std::string>& environment, const std::string& working_dir,
            std::istream* in, std::ostream& out, std::ostream& err, bool out_is_terminal = false,
            bool err_is_terminal = false);

}  // namespace asq
