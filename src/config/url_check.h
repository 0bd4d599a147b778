#pragma once

#include <string_view>

#include "common/source_error.h"
#include "config/config.h"

namespace asq {

/// Refuses a libpq URL that libpq would refuse only when connecting (so the error is a usage
/// error naming `where`, not "cannot connect"): a malformed URI (percent-encoding, an IPv6
/// address without `]`), a port outside 1..65535, an unknown sslmode, gssencmode,
/// channel_binding or target_session_attrs, a connect_timeout that is not a number. The
/// messages never repeat the URL's user-info (a password may be there).
void check_libpq_url(std::string_view url, const SourceLocation& where);

/// check_libpq_url() of the configured live and scratch URLs, each with where it was set. Run
/// before any command that may connect (load_config() converts the URLs but leaves this out, so
/// that `history` and `heads` run without libpq).
void check_urls(const Config& config);

/// The URL with `connect_timeout=SECONDS` added unless it sets one, so that connecting to a
/// server that accepts and never answers ends.
std::string with_default_connect_timeout(std::string_view url, int seconds);

}  // namespace asq
