#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <string>

#include "cli/app.h"

extern char** environ;

int main(int argc, char** argv) {
  std::map<std::string, std::string> environment;
  for (char** entry = environ; entry && *entry; ++entry) {
    std::string text = *entry;
    size_t eq = text.find('=');
    if (eq != std::string::npos) environment.emplace(text.substr(0, eq), text.substr(eq + 1));
  }
  std::error_code ignored;
  std::string working_dir = std::filesystem::current_path(ignored).string();
  std::istream* in = isatty(0) ? &std::cin : nullptr;
  return asq::run_app(argc, argv, environment, working_dir, in, std::cout, std::cerr, isatty(1),
                      isatty(2));
}
