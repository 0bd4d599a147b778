#include "config/url_check.h"

#include <libpq-fe.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace asq {
namespace {

/// libpq's message without its quoted excerpt (`invalid percent-encoded token: "p%zz"` names
/// the whole component, which may be the password).
std::string without_excerpt(const char* message) {
  std::string text = message ? message : "libpq cannot parse it";
  if (size_t quote = text.find(": \""); quote != std::string::npos) text.resize(quote);
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

bool is_number(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

void check_libpq_url(std::string_view url, const SourceLocation& where) {
  auto fail = [&](const std::string& message) {
    throw SourceError(where, "invalid database URL: " + message);
  };
  char* error = nullptr;
  std::unique_ptr<PQconninfoOption, void (*)(PQconninfoOption*)> options(
      PQconninfoParse(std::string(url).c_str(), &error), PQconninfoFree);
  if (!options) {
    std::string message = without_excerpt(error);
    PQfreemem(error);
    fail(message);
  }
  std::map<std::string, std::string> values;
  for (PQconninfoOption* option = options.get(); option->keyword; ++option) {
    if (option->val) values[option->keyword] = option->val;
  }
  if (auto port = values.find("port"); port != values.end()) {
    std::string_view ports = port->second;
    while (true) {
      std::string_view one = ports.substr(0, ports.find(','));
      int number = 0;
      if (!one.empty()) {
        auto [end, status] = std::from_chars(one.data(), one.data() + one.size(), number);
        if (status != std::errc() || end != one.data() + one.size() || number < 1 ||
            number > 65535) {
          fail("port '" + std::string(one) + "' is not a number from 1 to 65535");
        }
      }
      if (one.size() == ports.size()) break;
      ports = ports.substr(one.size() + 1);
    }
  }
  const std::map<std::string, std::vector<std::string>> choices{
      {"sslmode", {"disable", "allow", "prefer", "require", "verify-ca", "verify-full"}},
      {"gssencmode", {"disable", "prefer", "require"}},
      {"channel_binding", {"disable", "prefer", "require"}},
      {"target_session_attrs",
       {"any", "read-write", "read-only", "primary", "standby", "prefer-standby"}}};
  for (const auto& [name, allowed] : choices) {
    auto value = values.find(name);
    if (value == values.end()) continue;
    if (std::find(allowed.begin(), allowed.end(), value->second) != allowed.end()) continue;
    std::string list;
    for (const auto& choice : allowed) list += (list.empty() ? "" : ", ") + choice;
    fail(name + " '" + value->second + "' is not one of " + list);
  }
  if (auto timeout = values.find("connect_timeout");
      timeout != values.end() && !is_number(timeout->second)) {
    fail("connect_timeout '" + timeout->second + "' is not a number of seconds");
  }
}

void check_urls(const Config& config) {
  if (!config.database_url.empty()) check_libpq_url(config.database_url, config.database_url_where);
  if (!config.scratch_url.empty()) check_libpq_url(config.scratch_url, config.scratch_url_where);
}

std::string with_default_connect_timeout(std::string_view url, int seconds) {
  std::string text(url);
  bool is_uri = text.rfind("postgresql://", 0) == 0 || text.rfind("postgres://", 0) == 0;
  if (!is_uri) {
    if (text.find("connect_timeout") != std::string::npos) return text;
    return text + (text.empty() ? "" : " ") + "connect_timeout=" + std::to_string(seconds);
  }
  size_t query = text.find('?');
  if (query != std::string::npos) {
    std::string_view params = std::string_view(text).substr(query + 1);
    while (!params.empty()) {
      std::string_view pair = params.substr(0, params.find('&'));
      if (pair.rfind("connect_timeout=", 0) == 0) return text;
      params = pair.size() == params.size() ? std::string_view{} : params.substr(pair.size() + 1);
    }
  }
  return text + (query == std::string::npos ? "?" : "&") +
         "connect_timeout=" + std::to_string(seconds);
}

}  // namespace asq
