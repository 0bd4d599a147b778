#include "config/database_url.h"

#include <algorithm>
#include <array>
#include <cctype>

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

bool is_secret(std::string_view key) { return key == "password" || key == "sslpassword"; }

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/// One `key = value` of a libpq keyword/value string, with where its value is in the text.
struct ConninfoPair {
  std::string key;
  std::string value;
  size_t value_begin = 0;
  size_t value_end = 0;
};

/// Reads a keyword/value string as libpq's conninfo_parse does: pairs separated by whitespace,
/// `=` with optional whitespace around it, a value bare or in single quotes, where `\` escapes
/// the next character. Returns the problem instead of throwing, so messages can mask it too.
std::vector<ConninfoPair> parse_conninfo(std::string_view text, std::string* problem) {
  std::vector<ConninfoPair> pairs;
  size_t i = 0;
  auto skip_spaces = [&] {
    while (i < text.size() && is_space(text[i])) ++i;
  };
  while (true) {
    skip_spaces();
    if (i == text.size()) return pairs;
    ConninfoPair pair;
    while (i < text.size() && text[i] != '=' && !is_space(text[i])) pair.key += text[i++];
    skip_spaces();
    if (i == text.size() || text[i] != '=') {
      *problem =
          "missing \"=\" after " +
          (is_libpq_parameter(pair.key) ? "\"" + pair.key + "\"" : std::string("a keyword")) +
          " in a keyword/value connection string";
      return pairs;
    }
    ++i;
    skip_spaces();
    pair.value_begin = i;
    if (i < text.size() && text[i] == '\'') {
      ++i;
      while (i < text.size() && text[i] != '\'') {
        if (text[i] == '\\' && i + 1 < text.size()) ++i;
        pair.value += text[i++];
      }
      if (i == text.size()) {
        *problem = "unterminated quoted value of \"" + pair.key +
                   "\" in a keyword/value connection string";
        pair.value_end = i;
        pairs.push_back(std::move(pair));
        return pairs;
      }
      ++i;
    } else {
      while (i < text.size() && !is_space(text[i])) {
        if (text[i] == '\\' && i + 1 < text.size()) ++i;
        pair.value += text[i++];
      }
    }
    pair.value_end = i;
    pairs.push_back(std::move(pair));
  }
}

/// A query value as a URL carries it: everything but unreserved characters percent-encoded.
std::string percent_encode(std::string_view value) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

/// A keyword/value string (`host=db user=app password=...`) as the libpq URL that says the
/// same, so everything downstream (scratch databases, messages) handles one form.
LibpqUrl conninfo_to_url(std::string_view text, const SourceLocation& where) {
  std::string problem;
  std::vector<ConninfoPair> pairs = parse_conninfo(text, &problem);
  if (!problem.empty()) throw SourceError(where, problem + " (libpq reads key=value pairs)");
  LibpqUrl result{"postgresql://", {}};
  std::string query;
  for (const auto& pair : pairs) {
    if (!is_libpq_parameter(pair.key)) {
      throw SourceError(
          where, "invalid connection option \"" + pair.key + "\" in '" + redact_url(text) + "'");
    }
    query += (query.empty() ? "?" : "&") + pair.key + "=" + percent_encode(pair.value);
  }
  result.url += query;
  return result;
}

/// A URL component with its %XX escapes decoded (libpq decodes query keys too).
std::string percent_decode(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() &&
        std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

/// Masks the values of `password=` and `sslpassword=` in a URL's query.
std::string redact_query(std::string_view query) {
  std::string out;
  while (true) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    size_t eq = pair.find('=');
    if (eq != std::string_view::npos && is_secret(percent_decode(pair.substr(0, eq)))) {
      out += std::string(pair.substr(0, eq)) + "=***";
    } else {
      out += pair;
    }
    if (amp == std::string_view::npos) return out;
    out += '&';
    query = query.substr(amp + 1);
  }
}

}  // namespace

LibpqUrl to_libpq_url(std::string_view url, const SourceLocation& where) {
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos && url.find('=') != std::string_view::npos) {
    return conninfo_to_url(url, where);
  }
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
  return result;
}

std::string redact_url(std::string_view url) {
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos && url.find('=') != std::string_view::npos) {
    std::string problem;
    std::string out(url);
    std::vector<ConninfoPair> pairs = parse_conninfo(url, &problem);
    if (!problem.empty()) return "(a keyword/value connection string that does not parse)";
    for (auto it = pairs.rbegin(); it != pairs.rend(); ++it) {
      if (is_secret(it->key)) out.replace(it->value_begin, it->value_end - it->value_begin, "***");
    }
    return out;
  }
  size_t start = scheme_end == std::string_view::npos ? 0 : scheme_end + 3;
  size_t authority_end = url.find_first_of("/?", start);
  if (authority_end == std::string_view::npos) authority_end = url.size();
  std::string out(url.substr(0, start));
  std::string_view authority = url.substr(start, authority_end - start);
  size_t at = authority.rfind('@');
  size_t colon = authority.find(':');
  if (at != std::string_view::npos && colon < at) {
    out += std::string(authority.substr(0, colon + 1)) + "***" + std::string(authority.substr(at));
  } else {
    out += authority;
  }
  std::string_view rest = url.substr(authority_end);
  size_t q = rest.find('?');
  out += rest.substr(0, q);
  if (q != std::string_view::npos) out += "?" + redact_query(rest.substr(q + 1));
  return out;
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
