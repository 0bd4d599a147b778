#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/source_error.h"

namespace asq {

/// A database URL turned into what libpq accepts.
struct LibpqUrl {
  std::string url;
  /// SQLAlchemy/driver query parameters libpq does not know, left out.
  std::vector<std::string> dropped;
};

/// Converts a SQLAlchemy URL (`postgresql://`, `postgres://`, `postgresql+psycopg2://`,
/// `postgresql+asyncpg://`, `postgresql+psycopg://`, ...) to a libpq URL. `where` names the
/// source (a file and line, or the environment) for the error when the URL is not PostgreSQL's.
/// A libpq keyword/value string (`host=db dbname=app password='a b'`) is read as libpq reads it
/// and given back as the URL that says the same. What libpq itself would refuse is left to
/// check_libpq_url() (config/url_check.h), which needs libpq.
LibpqUrl to_libpq_url(std::string_view url, const SourceLocation& where);

/// The URL (or keyword/value string) with every password replaced by `***`, for messages: the
/// user info's, and `password` / `sslpassword` in the query or as keywords.
std::string redact_url(std::string_view url);

/// Where a libpq URL connects to, for messages: "host 127.0.0.1 port 5432" or "socket /run/x".
std::string describe_endpoint(std::string_view url);

}  // namespace asq
