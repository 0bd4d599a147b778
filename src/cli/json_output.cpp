#include "cli/json_output.h"

#include <string_view>

namespace asq {

int write_json(const CommandContext& context, Json json, int exit_code) {
  json["command"] = context.invocation.command;
  json["exit_code"] = exit_code;
  context.out << json.dump() << "\n";
  return exit_code;
}

Json error_json(const std::string& command, int exit_code, const std::string& kind,
                const std::string& message) {
  Json json;
  json["command"] = command.empty() ? Json() : Json(command);
  json["exit_code"] = exit_code;
  json["error"]["kind"] = kind;
  json["error"]["message"] = message;
  return json;
}

bool wants_json(int argc, const char* const* argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::string_view(argv[i]) == "--json") return true;
  }
  return false;
}

}  // namespace asq
