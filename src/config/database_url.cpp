#include "config/database_url.h"

#include <algorithm>
#include <array>

#include "config/url_check.h"

namespace asq {
namespace {

constexpr std::array kLibpqParameters = {"host",
                                         "hostaddr",
                                         "port",
                                         "dbname",
                                         "user",
                                         "password",
                                         "passfile",
                                         "connect_timeout",
                                         "client_encoding",
                                         "options",
                                         "application_name",
                                         "fallback_application_name",
                                         "keepalives",
                                         "keepalives_idle",
                                         "keepalives_interval",
                                         "keepalives_count",
                                         "tcp_user_timeout",
                                         "sslmode",
                                         "sslcert",
                                         "sslkey",
                                         "sslpassword",
                                         "sslrootcert",
                                         "sslcrl",
                                         "sslcrldir",
                                         "sslsni",
                                         "requirepeer",
                                         "ssl_min_protocol_version",
                                         "ssl_max_protocol_version",
                                         "gssencmode",
                                         "krbsrvname",
                                         "service",
                                         "target_session_attrs",
                                         "channel_binding",
                                         "load_balance_hosts"};

bool is_libpq_parameter(std::string_view name) {
  return std::find(kLibpqParameters.begin(), kLibpqParameters.end(), name) !=
         kLibpqParameters.end();
}

/// asyncpg spells sslmode as `ssl`, with true/false as well as libpq's modes.
std::string ssl_to_sslmode(std::string_view value) {
  if (value == "true" || value == "True" || value == "1") return "require";
  if (value == "false" || value == "False" || value == "0") return "disable";
  return std::string(value);
}

}  // namespace

LibpqUrl to_libpq_url(std::string_view url, const SourceLocation& where) {
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) {
    throw SourceError(where, "expected a database URL such as postgresql://user@host/db, found '" +
                                 redact_url(url) + "'");
  }
  std::string_view scheme = url.substr(0, scheme_end);
  std::string_view dialect = scheme.substr(0, scheme.find('+'));
  if (dialect != "postgresql" && dialect != "postgres") {
    throw SourceError(where,
                      "expected a PostgreSQL URL (postgresql://, postgresql+psycopg2://, "
                      "postgresql+asyncpg://, ...), found scheme '" +
                          std::string(scheme) + "'");
  }
  std::string_view rest = url.substr(scheme_end + 3);
  std::string_view query;
  if (size_t q = rest.find('?'); q != std::string_view::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  LibpqUrl result;
  result.url = "postgresql://" + std::string(rest);
  std::string kept;
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    std::string name(pair.substr(0, eq));
    std::string value(eq == std::string_view::npos ? "" : pair.substr(eq + 1));
    if (name == "ssl") {
      name = "sslmode";
      value = ssl_to_sslmode(value);
    }
    if (!is_libpq_parameter(name)) {
      result.dropped.push_back(name);
      continue;
    }
    kept += (kept.empty() ? "?" : "&") + name + "=" + value;
  }
  result.url += kept;
  check_libpq_url(result.url, where);
  return result;
}

std::string redact_url(std::string_view url) {
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::string(url);
  size_t start = scheme_end + 3;
  size_t at = url.find('@', start);
  size_t slash = url.find('/', start);
  if (at == std::string_view::npos || (slash != std::string_view::npos && slash < at))
    return std::string(url);
  size_t colon = url.find(':', start);
  if (colon == std::string_view::npos || colon > at) return std::string(url);
  return std::string(url.substr(0, colon + 1)) + "***" + std::string(url.substr(at));
}

std::string describe_endpoint(std::string_view url) {
  std::string host, port;
  if (size_t q = url.find('?'); q != std::string_view::npos) {
    std::string_view query = url.substr(q + 1);
    while (!query.empty()) {
      size_t amp = query.find('&');
      std::string_view pair = query.substr(0, amp);
      query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
      if (pair.rfind("host=", 0) == 0) host = std::string(pair.substr(5));
      if (pair.rfind("port=", 0) == 0) port = std::string(pair.substr(5));
    }
    url = url.substr(0, q);
  }
  if (size_t s = url.find("://"); s != std::string_view::npos) {
    std::string_view authority = url.substr(s + 3);
    authority = authority.substr(0, authority.find('/'));
    if (size_t at = authority.rfind('@'); at != std::string_view::npos)
      authority = authority.substr(at + 1);
    if (host.empty()) {
      size_t colon = authority.rfind(':');
      bool bracketed = colon != std::string_view::npos &&
                       authority.find(']') != std::string_view::npos && authority.find(']') > colon;
      if (colon != std::string_view::npos && !bracketed) {
        host = std::string(authority.substr(0, colon));
        if (port.empty()) port = std::string(authority.substr(colon + 1));
      } else {
        host = std::string(authority);
      }
    }
  }
  if (port.empty()) port = "5432";
  if (host.empty()) return "the default unix socket (port " + port + ")";
  if (host.front() == '/') return "unix socket " + host + " (port " + port + ")";
  return "host " + host + " port " + port;
}

}  // namespace asq
